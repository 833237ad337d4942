/** `git atrace doctor`: is capture set up and working here? Each problem comes with its fix. */
import { parseCommand } from "../core/args.ts";
import type { Command } from "../io/context.ts";
import { runChecks } from "../io/doctor_checks.ts";
import { requireRepo } from "../io/repo.ts";
import { paintFor } from "../io/ui.ts";

/** The doctor command. */
export const doctor: Command = {
  name: "doctor",
  summary: "check agent hooks, the hook binary, recent captures, git hooks and notes config",
  usage: ["doctor"],
  async run(args, ctx) {
    parseCommand("doctor", args, {}, { max: 0 });
    const repo = await requireRepo(ctx.cwd);
    const paint = await paintFor(ctx);
    const findings = await runChecks(repo, ctx.now());
    let section = "";
    for (const finding of findings) {
      if (finding.section !== section) {
        section = finding.section;
        await ctx.stdout.write(
          `${section === findings[0]!.section ? "" : "\n"}${paint("bold", section)}\n`,
        );
      }
      const mark = finding.level === "ok"
        ? paint("green", "ok")
        : finding.level === "info"
        ? paint("dim", "--")
        : paint("red", "!!");
      await ctx.stdout.write(`  ${mark}  ${finding.text}\n`);
      if (finding.fix) await ctx.stdout.write(`      fix: ${finding.fix}\n`);
    }
    const problems = findings.filter((f) => f.level === "problem").length;
    await ctx.stdout.write(
      problems
        ? `\n${problems} problem${problems === 1 ? "" : "s"} found.\n`
        : "\nEverything looks fine.\n",
    );
    return problems ? 1 : 0;
  },
};
