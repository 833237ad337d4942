/** Secrets recognised by their context: `KEY=value` for secret-looking names, and entropy. */
import { isPlaceholder, type PatternRule } from "./rules.ts";

const SECRET_LAST = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "credential",
  "credentials",
]);
const KEY_QUALIFIERS = new Set([
  "api",
  "access",
  "secret",
  "private",
  "signing",
  "encryption",
  "master",
  "client",
  "app",
  "license",
  "service",
  "account",
  "auth",
  "session",
  "subscription",
  "webhook",
  "shared",
  "storage",
  "admin",
  "deploy",
]);

/** The lower-case segments of an identifier: `apiKey`, `API_KEY`, `x-api-key` → api, key. */
function nameSegments(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[^a-z0-9]+/).filter(
    (s) => s !== "",
  );
}

/** The redaction kind for a value assigned to `name`, or null when the name is not secret-looking. */
export function secretNameKind(name: string): string | null {
  const segs = nameSegments(name);
  const last = segs.at(-1);
  if (!last) return null;
  const prev = segs.at(-2) ?? "";
  if (SECRET_LAST.has(last)) {
    return /^(?:password|passwd|pwd|pass|passphrase)$/.test(last) ? "password" : "secret";
  }
  if (last === "key" && KEY_QUALIFIERS.has(prev)) return "secret";
  // Names run together: PGPASSWORD, AUTHTOKEN, SECRETKEY; Rails' SECRET_KEY_BASE.
  const joined = /(?:password|passwd|passphrase)$/.test(last)
    ? "password"
    : /(?:token|secret|apikey|secretkey)$/.test(last)
    ? "secret"
    : null;
  if (joined) return joined;
  return segs.join("_").includes("secret_key_") ? "secret" : null;
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function classes(text: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(text)).length;
}

/** A format string (`'{0}:{1}'`, `"%s:%s"`) with little else in it. */
function isTemplate(value: string): boolean {
  const stripped = value.replace(/\{\w*\}|%(?:\(\w+\))?[sd]/g, "");
  return stripped !== value && stripped.replace(/[^A-Za-z0-9]/g, "").length < 12;
}

/** A value written in quotes (or as an env value) after a secret-looking name: not a reference. */
function acceptLiteral(value: string): boolean {
  return value.length >= 6 && value.length <= 500 && !/\s/.test(value) &&
    !isPlaceholder(value) && !/\$\{|\{\{|^\$|^%\w+%$|^\[REDACTED/.test(value) &&
    !isTemplate(value) &&
    !/^[a-z][a-z-]*(?:\.[a-z-]+)+$/.test(value);
}

/** A file path (`./x`, `/etc/y`, `~/z`) rather than a random token that happens to start with '/'. */
function isPathLike(value: string): boolean {
  if (!/^[./~]/.test(value)) return false;
  if (/[+=]/.test(value)) return false;
  const random = value.length >= 32 && /\d/.test(value) && /[A-Z]/.test(value) &&
    /[a-z]/.test(value) && entropy(value) >= 4.3;
  return !random;
}

/** An unquoted value in code or prose: also not an expression, and shaped like a secret. */
function acceptBare(value: string, strict: boolean): boolean {
  if (!acceptLiteral(value)) return false;
  if (/[()[\]{}]/.test(value)) return false;
  if (isMemberPath(value) && !isDottedToken(value)) return false;
  if (/^(?:https?|file):\/\//.test(value) || isPathLike(value)) return false;
  if (/^\d+(?:\.\d+)*[a-z]{0,2}$/i.test(value)) return false;
  if (!strict) return true;
  return value.length >= 8 && (classes(value) >= 2 && /\d/.test(value) || entropy(value) >= 3.5);
}

/**
 * A dotted value made of generated parts (`aB3dE5fG.hI7jK9lM.nO1pQ3rS`, JWT- or PASETO-like), not
 * a property access (`config.jwt.secret`, `settings.v2.apiKey`): two or more parts of at least four
 * characters mixing letters and digits.
 */
function isDottedToken(value: string): boolean {
  const parts = value.split(".").filter((p) => p.length >= 4 && /\d/.test(p) && /[A-Za-z]/.test(p));
  return parts.length >= 2;
}

/** `a.b.c` or `a?.b`: a property access in code, not a value. */
function isMemberPath(value: string): boolean {
  return /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+\??$/.test(value);
}

/** An identifier that looks generated (`aZ3kQ9xLm2pR7sT4`) rather than written (`storageKey2`). */
function looksRandom(value: string): boolean {
  if (value.length < 16 || !/[A-Za-z]/.test(value)) return false;
  let switches = 0;
  for (let i = 1; i < value.length; i++) {
    const kind = (c: string) => (/[a-z]/.test(c) ? 0 : /[A-Z]/.test(c) ? 1 : /\d/.test(c) ? 2 : 3);
    if (kind(value[i]!) !== kind(value[i - 1]!)) switches++;
  }
  const ratio = switches / value.length;
  if (/\d/.test(value)) return ratio >= 0.25 && entropy(value) >= 3.5;
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && ratio >= 0.35 && entropy(value) >= 4;
}

/** A quoted value for `kind`: not a reference, and for non-password names not plain words. */
export function acceptQuoted(value: string, kind: string): boolean {
  if (!acceptLiteral(value)) return false;
  return kind === "password" || !/^[a-z]+(?:[-_][a-z]+)*$/.test(value);
}

/** A long token near a secret word: high entropy, letters and digits, not a path or a git id. */
function acceptHighEntropy(value: string): boolean {
  if (isMemberPath(value)) return false;
  if (/^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(value)) return false;
  if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(value)) return false;
  if (/\.[a-z]{1,5}$/.test(value)) return false;
  if (/^[\w.-]*(?:\/[\w.-]+)+\/?$/.test(value) && !/[+=]/.test(value)) return false;
  const mixed = /\d/.test(value) && /[A-Za-z]/.test(value) && entropy(value) >= 3.5;
  const cased = /[a-z]/.test(value) && /[A-Z]/.test(value) && value.length >= 24 &&
    entropy(value) >= 4.2;
  return (mixed || cased) && !isPlaceholder(value);
}

const ASSIGN =
  /(?<![A-Za-z0-9_$.-])(["']?)([A-Za-z_][A-Za-z0-9_.-]{0,60})\1([ \t]*)(=>|:=|=(?![=~>])|:(?![:/]))([ \t]*)(?="([^"\n\\]{1,500})"|'([^'\n\\]{1,500})'|([^\s"'`;,&|)}\]<>]{1,500}))/g;

/** A finding before it is mapped to a file position. */
export interface RawFinding {
  start: number;
  end: number;
  kind: string;
}

/** Name parts that make any value of high entropy a credential (`STRIPE_KEY`, `TOKEN_VALUE`). */
const CREDENTIAL_PARTS =
  /^(?:key|keys|token|tokens|secret|secrets|password|passwd|pwd|pass|credential|credentials|auth|apikey|pat|dsn|signature|salt)$/;

/** A name with a credential word in it, whose values are secrets when they look generated. */
function credentialNamed(name: string): boolean {
  const segs = nameSegments(name);
  return segs.some((s) => CREDENTIAL_PARTS.test(s)) || /(?:key|token)$/.test(segs.at(-1) ?? "");
}

/**
 * `NAME=value`, `"name": "value"`, `name: value` for secret-looking names; and for any
 * credential-named variable (`*_KEY`, `*_TOKEN`, `*_SECRET`, `PASSWORD`…) a high-entropy value.
 */
export function findAssignments(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(ASSIGN)) {
    const [, , name, before, op, after, dq, sq, bare] = m;
    const value = dq ?? sq ?? bare!;
    const quoted = dq !== undefined || sq !== undefined;
    const start = m.index! + m[0].length + (quoted ? 1 : 0);
    const kind = secretNameKind(name!);
    const found = kind
      ? quoted ? acceptQuoted(value, kind) : acceptUnquoted(text, m.index!, start, value, kind, {
        env: op === "=" && before === "" && after === "",
        colon: op === ":",
      })
      : false;
    if (found) out.push({ start, end: start + value.length, kind: kind! });
    else if (credentialNamed(name!) && acceptGenerated(value)) {
      out.push({ start, end: start + value.length, kind: kind ?? "secret" });
    }
  }
  return out;
}

/**
 * A value that looks generated: dotted generated parts, or 12+ characters of high entropy (see
 * acceptHighEntropy) that are not words joined by '-' or '_' (`user-profile-v2`).
 */
function acceptGenerated(value: string): boolean {
  if (!acceptLiteral(value) || /[()[\]{}]/.test(value) || isPathLike(value)) return false;
  if (/^(?:https?|file):\/\//.test(value)) return false;
  if (isDottedToken(value)) return true;
  const words = /^[A-Za-z][a-z]+(?:[-_.][A-Za-z]?[a-z0-9]+)+$/.test(value);
  return value.length >= 12 && !words && acceptHighEntropy(value);
}

/** An unquoted value: env style (`NAME=value`), YAML (`name: value` alone on its line) or code. */
function acceptUnquoted(
  text: string,
  nameAt: number,
  valueAt: number,
  value: string,
  kind: string,
  shape: { env: boolean; colon: boolean },
): boolean {
  if (shape.env) return acceptBare(value, false);
  const lineStart = text.lastIndexOf("\n", nameAt - 1) + 1;
  const lineEnd = text.indexOf("\n", valueAt) < 0 ? text.length : text.indexOf("\n", valueAt);
  // A diff's +/- marker may lead the line (a hunk shown in a tool's output).
  const yaml = shape.colon && /^[+-]?\s*(?:-\s+)?["']?$/.test(text.slice(lineStart, nameAt)) &&
    /^\s*(?:#.*)?$/.test(text.slice(valueAt + value.length, lineEnd));
  const identifier = /^[A-Za-z_$][\w$]*$/.test(value) && !looksRandom(value);
  if (yaml) return acceptBare(value, kind !== "password") && (kind === "password" || !identifier);
  if (identifier) return false;
  return acceptBare(value, true);
}

/** A secret word followed closely by a long high-entropy token. */
export const NEAR_WORD_RULE: PatternRule = {
  kind: "high-entropy-secret",
  pattern:
    /\b(?:tokens?|secrets?|passwords?|passwd|api[ _-]?keys?|access[ _-]?keys?|credentials?|private[ _-]?key)\b[^\n]{0,24}?[\s:=>'"`]([A-Za-z0-9+/_=.~-]{20,200})(?![A-Za-z0-9+/_=.~-])/gi,
  group: 1,
  accept: acceptHighEntropy,
};
