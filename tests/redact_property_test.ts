/**
 * Property: a secret of any rule, planted anywhere in a session — inside prose at a random place,
 * a line of a text whose lines are stored as an array (hunks, `addedLines`,
 * `structuredPatch.lines`), an object key, a command, the title — survives neither `share`, nor
 * `export`, nor `export --html`. Seeded and reproducible: ATRACE_SEED=<n> replays a failure.
 */
import { join } from "node:path";
import { assertEquals } from "./helpers/assert.ts";
import { type SecretSample, secretSamples } from "./corpus/secrets.ts";
import { type TempRepo, tempRepo } from "./helpers/temp_repo.ts";

/** A small seeded generator (mulberry32). */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: T[]): T => items[Math.floor(next() * items.length)]!,
    chars: (n: number, alphabet: string) =>
      Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""),
  };
}

type Rng = ReturnType<typeof random>;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The corpus (every rule) plus the classes added since: dotted tokens, URL userinfo, key-named. */
function samples(rng: Rng, variant: number): SecretSample[] {
  const dotted = [rng.chars(10, ALNUM) + "7", rng.chars(10, ALNUM) + "3", rng.chars(12, ALNUM)]
    .join(".");
  const password = rng.chars(14, ALNUM) + "9";
  const userToken = rng.chars(30, ALNUM) + "1";
  const keyValue = rng.chars(28, ALNUM) + "5";
  return [
    ...secretSamples(variant),
    { name: "dotted token var", secret: dotted, text: `export PAYMENTS_TOKEN=${dotted}` },
    { name: "url password", secret: password, text: `psql postgres://app:${password}@db:5432/x` },
    {
      name: "url user token",
      secret: userToken,
      text: `git clone https://${userToken}@github.com/a/b`,
    },
    { name: "key-named var", secret: keyValue, text: `STRIPE_KEY="${keyValue}"` },
  ];
}

const FILLER = [
  "The build passed.",
  "Let me look at the config first.",
  "Here is what I found:",
  "Running the tests again.",
  "",
];

/** `text` somewhere among filler lines. */
function inProse(rng: Rng, text: string): string {
  const before = Array.from({ length: rng.int(3) }, () => rng.pick(FILLER));
  const after = Array.from({ length: rng.int(3) }, () => rng.pick(FILLER));
  return [...before, text, ...after].join("\n");
}

/** `text` among filler lines, as a line array (each line prefixed as a diff's would be). */
function asLines(rng: Rng, text: string): string[] {
  const prefix = rng.pick(["", "+", " "]);
  return inProse(rng, text).split("\n").map((l) => prefix + l);
}

/** Tokens recognisable by their shape alone (the others are secrets only in their context). */
const SELF_NAMED =
  /^(?:gh[pousr]_|github_pat_|AKIA|ASIA|AIza|sk-|xox[abposr]-|glpat-|hf_|npm_|sk_live_|rk_live_|whsec_|pypi-|dop_v1_|hvs\.|ya29\.|GOCSPX-)/;

interface Planted {
  transcript: unknown[];
  events: unknown[];
  title: string;
}

/** Plants every sample in one random place of a Claude Code session. */
function plant(rng: Rng, all: SecretSample[], id: string, dir: string): Planted {
  const time = "2026-10-14T09:12:05.118Z";
  const transcript: unknown[] = [];
  const events: unknown[] = [];
  const base = { sessionId: id, timestamp: time };
  all.forEach((s, i) => {
    const where = rng.int(7);
    if (where === 0) {
      transcript.push({
        ...base,
        type: "user",
        uuid: `u${i}`,
        message: { role: "user", content: inProse(rng, s.text) },
      });
    } else if (where === 1) {
      transcript.push({
        ...base,
        type: "assistant",
        uuid: `a${i}`,
        message: { role: "assistant", content: [{ type: "text", text: inProse(rng, s.text) }] },
      });
    } else if (where === 2) {
      transcript.push({
        ...base,
        type: "user",
        uuid: `r${i}`,
        message: {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: `t${i}`, content: "ok" }],
        },
        toolUseResult: {
          filePath: join(dir, "f.txt"),
          structuredPatch: [{ oldStart: 1, newStart: 1, lines: asLines(rng, s.text) }],
        },
      });
    } else if (where === 3 && !s.text.includes("\n")) {
      // As a key: a token that names itself stands alone, others keep their context.
      const key = SELF_NAMED.test(s.secret) ? s.secret : s.text;
      transcript.push({ ...base, type: "user", uuid: `k${i}`, toolUseResult: { [key]: "scoped" } });
    } else if (where === 4) {
      const lines = asLines(rng, s.text);
      events.push({
        kind: "edit",
        agent: "claude-code",
        sessionId: id,
        time,
        toolName: "Write",
        toolCallId: `t${i}`,
        edits: [{
          path: "f.txt",
          op: "create",
          hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: lines.length, lines }],
          added: [{ start: 1, end: lines.length }],
          addedLines: lines,
        }],
      });
    } else {
      events.push({
        kind: "shell",
        agent: "claude-code",
        sessionId: id,
        time,
        toolName: "Bash",
        command: s.text,
        output: inProse(rng, s.text),
      });
    }
  });
  return { transcript, events, title: rng.pick(all).text.split("\n")[0]!.slice(0, 80) };
}

/** The forms a leaked secret may take in output: as is, JSON-escaped, or any of its long lines. */
function leaks(text: string, all: SecretSample[]): string[] {
  return all.filter((s) => {
    const forms = [s.secret, JSON.stringify(s.secret).slice(1, -1)];
    forms.push(...s.secret.split("\n").filter((l) => l.trim().length >= 16 && !/^-----/.test(l)));
    return forms.some((f) => text.includes(f));
  }).map((s) => s.name);
}

async function seed(repo: TempRepo, id: string, planted: Planted) {
  const dir = join(repo.dir, ".git", "trace", "sessions");
  await Deno.mkdir(dir, { recursive: true });
  const write = (ext: string, text: string) => Deno.writeTextFile(join(dir, id + ext), text);
  await write(".jsonl", planted.transcript.map((l) => JSON.stringify(l)).join("\n") + "\n");
  await write(".events", planted.events.map((e) => JSON.stringify(e)).join("\n") + "\n");
  await write(
    ".json",
    JSON.stringify({
      id,
      agent: "claude-code",
      title: planted.title,
      startedAt: "2026-10-14T09:12:05.118Z",
      updatedAt: "2026-10-14T09:12:05.118Z",
      counts: { events: planted.events.length, prompts: 1, edits: 1, shell: 1 },
    }),
  );
  await write(".files", "f.txt\n");
  await write(".timestamp", "2026-10-14T09:12:05Z\n");
}

Deno.test("redaction property: secrets of every rule planted at random places and splits survive neither share nor export nor export --html", async () => {
  const first = Number(Deno.env.get("ATRACE_SEED") ?? Math.floor(Math.random() * 2 ** 31));
  const rounds = Deno.env.get("ATRACE_SEED") ? 1 : 3;
  await using repo = await tempRepo();
  await repo.commit("initial", { "f.txt": "x\n" });
  await Deno.mkdir(join(repo.dir, ".agents"));
  for (let round = 0; round < rounds; round++) {
    const seedValue = first + round;
    const rng = random(seedValue);
    const all = samples(rng, seedValue % 1000);
    const id = `prop-${seedValue}`;
    await seed(repo, id, plant(rng, all, id, repo.dir));
    const found: string[] = [];
    const html = await repo.atrace(["export", "--html", id]);
    found.push(...leaks(html.stdout, all).map((n) => `export --html: ${n}`));
    const records = await repo.atrace(["export", id]);
    found.push(...leaks(records.stdout, all).map((n) => `export: ${n}`));
    const share = await repo.atrace(["share", id]);
    for (const ext of [".jsonl", ".events", ".json", ".files"]) {
      const text = await Deno.readTextFile(join(repo.dir, ".agents/sessions", id + ext));
      found.push(...leaks(text, all).map((n) => `share ${ext}: ${n}`));
    }
    const hint = `ATRACE_SEED=${seedValue} deno test -A tests/redact_property_test.ts replays it`;
    assertEquals([html.code, records.code, share.code], [0, 0, 0], hint);
    assertEquals(found, [], hint);
  }
});
