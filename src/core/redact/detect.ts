/** Finding credentials in text: secretlint's recommended rules plus git-atrace's own and the user's. */
import { CommandError } from "../errors.ts";
import { findAssignments, NEAR_WORD_RULE, type RawFinding } from "./context.ts";
import { CONTEXT_RULES, type PatternRule, TOKEN_RULES } from "./rules.ts";

export type { RawFinding } from "./context.ts";

/** User configuration: `atrace.redact` and `atrace.redactAllow` regexes. */
export interface RedactConfig {
  rules?: string[];
  allow?: string[];
}

/** Documentation examples that are not secrets (AWS's own example credentials). */
const DOC_EXAMPLES = new Set([
  ["AKIA", "IOSFODNN7", "EXAMPLE"].join(""),
  ["wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY"].join("/"),
]);

/** Our kinds that pick the credential out of a larger match (a URL, a header, a command). */
const NARROWING = new Set(["url-password", "url-token", "password", "basic-auth", "bearer-token"]);

type Lint = typeof import("@secretlint/core").lintSource;

let library: Promise<{ lint: Lint; config: unknown }> | null = null;

/** secretlint, loaded on first use so that commands that never redact (hooks) start fast. */
function secretlint(): Promise<{ lint: Lint; config: unknown }> {
  library ??= Promise.all([
    import("@secretlint/core"),
    import("@secretlint/secretlint-rule-preset-recommend"),
  ]).then(([core, preset]) => ({
    lint: core.lintSource,
    config: {
      rules: [{
        id: "@secretlint/secretlint-rule-preset-recommend",
        rule: preset.creator,
        rules: [{ id: "@secretlint/secretlint-rule-aws", options: { enableIDScanRule: true } }],
      }],
    },
  }));
  return library;
}

function compile(source: string, key: string): RegExp {
  try {
    return new RegExp(source, "gm");
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new CommandError(`invalid regex in ${key}: '${source}' (${why})`);
  }
}

function groupCount(re: RegExp): number {
  return new RegExp(`${re.source}|`).exec("")!.length - 1;
}

/** Detects secrets; one instance per command (it compiles the user's rules once). */
export class Detector {
  #user: PatternRule[];
  #allow: RegExp[];

  constructor(config: RedactConfig = {}) {
    this.#user = (config.rules ?? []).map((source) => {
      const pattern = compile(source, "atrace.redact");
      return { kind: "custom", pattern, group: groupCount(pattern) > 0 ? 1 : 0 };
    });
    this.#allow = (config.allow ?? []).map((source) => {
      const re = compile(source, "atrace.redactAllow");
      return new RegExp(re.source, "m");
    });
  }

  /** Non-overlapping findings in `text`, sorted by position. */
  async scan(text: string): Promise<RawFinding[]> {
    if (text.length < 6) return [];
    const own = [
      ...runRules(text, TOKEN_RULES),
      ...runRules(text, CONTEXT_RULES),
      ...findAssignments(text),
      ...runRules(text, [NEAR_WORD_RULE]),
      ...runRules(text, this.#user),
    ];
    // A URL or header that secretlint flags whole keeps its readable parts when our rule found
    // the credential inside it; any other overlap is joined, so nothing of either finding is left.
    const library = (await secretlintFindings(text)).filter((lib) =>
      !own.some((o) => NARROWING.has(o.kind) && o.start >= lib.start && o.end <= lib.end)
    );
    const allowed = [...own, ...library].filter((f) => {
      const secret = text.slice(f.start, f.end);
      return !DOC_EXAMPLES.has(secret) && !this.#allow.some((re) => re.test(secret));
    });
    return mergeFindings(allowed);
  }
}

/** Runs pattern rules over `text`. */
function runRules(text: string, rules: PatternRule[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const group = rule.group ?? 0;
      const secret = m[group];
      if (!secret) continue;
      if (rule.accept && !rule.accept(secret)) continue;
      const offset = group === 0 ? 0 : m[0].lastIndexOf(secret);
      const start = m.index! + offset;
      out.push({ start, end: start + secret.length, kind: rule.kind });
    }
  }
  return out;
}

/** Sorts findings and joins overlapping ones (the earlier finding's kind wins). */
export function mergeFindings(findings: RawFinding[]): RawFinding[] {
  const sorted = [...findings].filter((f) => f.end > f.start).sort((a, b) =>
    a.start - b.start || b.end - a.end
  );
  const out: RawFinding[] = [];
  for (const f of sorted) {
    const last = out.at(-1);
    if (last && f.start < last.end) last.end = Math.max(last.end, f.end);
    else out.push({ ...f });
  }
  return out;
}

function kindOf(messageId: string): string {
  return messageId.replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2").replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-").toLowerCase();
}

/** The occurrence of `value` closest to `near` (within 256 characters), or -1. */
function nearest(text: string, value: string, near: number): number {
  const after = text.indexOf(value, near);
  const before = text.lastIndexOf(value, near);
  const best = [after, before].filter((i) => i >= 0 && Math.abs(i - near) <= 256)
    .sort((a, b) => Math.abs(a - near) - Math.abs(b - near));
  return best[0] ?? -1;
}

async function secretlintFindings(text: string): Promise<RawFinding[]> {
  const { lint, config } = await secretlint();
  const result = await lint({
    source: { filePath: "/transcript.txt", content: text, contentType: "text" },
    options: { config: config as Parameters<Lint>[0]["options"]["config"], maskSecrets: false },
  });
  return result.messages.map((m) => {
    let [start, end] = m.range;
    // Some rules report the match's start with the secret's length: find the secret itself.
    const values = Object.values(m.data ?? {}).filter((v): v is string =>
      typeof v === "string" && v.length >= 8
    );
    const at = values.map((value) => [nearest(text, value, start), value.length] as const)
      .find(([i]) => i >= 0);
    if (at) [start, end] = [at[0], at[0] + at[1]];
    return { start, end, kind: kindOf(m.messageId ?? "secret") };
  });
}
