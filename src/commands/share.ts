/** `git atrace share <id>`: copies a session, redacted, into the shared directory and stages only its files. */
import { basename } from "node:path";
import { parseCommand } from "../core/args.ts";
import { CommandError } from "../core/errors.ts";
import type { Finding } from "../core/redact/apply.ts";
import { confirm } from "../io/confirm.ts";
import type { Command, Context } from "../io/context.ts";
import { loadDetector, type RedactedFile, redactSession } from "../io/redacted_copy.ts";
import { requireWorkTree, rootAliases } from "../io/repo.ts";
import { putShared, unstageable } from "../io/share_dir.ts";
import { sessionShortIds } from "../io/short_ids.ts";
import { resolveSession, sessionPath, sharedDir } from "../io/store.ts";
import { refreshSession } from "../io/transcript_read.ts";
import { paintFor } from "../io/ui.ts";

const NO_SHARE_DIR = `no share directory configured

Either:
  git config atrace.sharedir .trace/sessions

Or create a .agents/ directory and sessions will go there.`;

/** The share command. */
export const share: Command = {
  name: "share",
  summary: "copy a session (secrets redacted) into the shared directory and stage it",
  usage: ["share <id> [--dry-run] [--no-redact [--yes]]"],
  options: [
    ["--dry-run", "list what would be redacted (kind, file:line, masked preview); write nothing"],
    ["--no-redact", "copy the files as they are (asks for confirmation on a terminal)"],
    ["--yes", "confirm --no-redact without asking (needed when stdin is not a terminal)"],
  ],
  async run(args, ctx) {
    const { values, positionals } = parseCommand("share", args, {
      "dry-run": { type: "boolean" },
      "no-redact": { type: "boolean" },
      yes: { type: "boolean" },
    }, { min: 1, max: 1 });
    const repo = await requireWorkTree(ctx.cwd);
    const ref = await resolveSession(repo, positionals[0]!);
    await refreshSession(ref);
    const [paint, short] = await Promise.all([paintFor(ctx), sessionShortIds(repo)]);
    const paths = { roots: await rootAliases(repo.root), home: ctx.env("HOME") };
    if (values["dry-run"]) {
      const files = await redactSession(ref, await loadDetector(repo), paths);
      await ctx.stdout.write(dryRunReport(short(ref.id), files));
      return 0;
    }
    const dir = await sharedDir(repo);
    if (!dir) throw new CommandError(NO_SHARE_DIR);
    if (ref.location === "shared") {
      await ctx.stdout.write(`Session already shared: ${short(ref.id)}\n`);
      return 0;
    }
    const problem = await unstageable(repo, dir, sessionPath(dir, ref.id, ".jsonl"));
    if (problem) {
      throw new CommandError(`${problem}; point atrace.sharedir elsewhere in the work tree`);
    }
    const redact = !values["no-redact"];
    if (!redact) await confirmUnredacted(ctx, short(ref.id), values.yes === true);
    // Without redaction the files are copied as they are; with it, the sharer's paths go too.
    const files = redact
      ? await redactSession(ref, await loadDetector(repo), paths)
      : await redactSession(ref, null);
    await putShared(repo, dir, ref.id, files);
    await ctx.stdout.write(`${paint("green", `Shared session: ${ref.id}`)}\n`);
    if (redact) await ctx.stdout.write(redactionSummary(files.flatMap((f) => f.findings)));
    else await ctx.stdout.write(`${paint("yellow", "Not redacted: copied as is.")}\n`);
    await ctx.stdout.write(`Files copied to ${dir} and staged for commit.\n`);
    return 0;
  },
};

function redactionSummary(findings: Finding[]): string {
  if (!findings.length) return "Redaction: nothing found.\n";
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const kinds = [...counts].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(", ");
  return `Redacted ${findings.length} finding${findings.length === 1 ? "" : "s"}: ${kinds}\n`;
}

function dryRunReport(shownId: string, files: RedactedFile[]): string {
  const rows = files.flatMap((file) =>
    file.findings.map((f) => [f.kind, `${basename(file.source)}:${f.line}`, f.preview])
  );
  const head = `Dry run for session ${shownId}: nothing written.\n`;
  if (!rows.length) return head + "No secrets found.\n";
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  const lines = rows.map(([k, where, preview]) =>
    `  ${k!.padEnd(w0)}  ${where!.padEnd(w1)}  ${preview}`
  );
  const n = rows.length;
  return `${head}Would redact ${n} finding${n === 1 ? "" : "s"}:\n${lines.join("\n")}\n`;
}

async function confirmUnredacted(ctx: Context, shownId: string, yes: boolean): Promise<void> {
  if (yes) return;
  if (!ctx.stdinIsTerminal) {
    throw new CommandError(
      "refusing to share without redaction: stdin is not a terminal (pass --yes to confirm)",
    );
  }
  const question =
    `Share session ${shownId} WITHOUT redaction? Any secret in it will be committed.`;
  if (!(await confirm(ctx, question))) {
    throw new CommandError("not shared: sharing without redaction was not confirmed");
  }
}
