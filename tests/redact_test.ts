import {
  redactJsonDocument,
  redactJsonl,
  redactText,
  redactValue,
} from "../src/core/redact/apply.ts";
import { Detector } from "../src/core/redact/detect.ts";
import { assert, assertEquals, assertNotIncludes, assertStringIncludes } from "./helpers/assert.ts";
import { CLEAN_SAMPLES } from "./corpus/clean.ts";
import { FIXTURES } from "./helpers/temp_repo.ts";
import { secretSamples } from "./corpus/secrets.ts";

const detector = new Detector();

Deno.test("redact: the corpus has at least 40 samples and every secret is caught in text", async () => {
  assert(secretSamples().length >= 40, `only ${secretSamples().length} samples`);
  const missed: string[] = [];
  for (let variant = 0; variant < 20; variant++) {
    for (const sample of secretSamples(variant)) {
      for (const text of [sample.text, `I found ${sample.text} in the output.`]) {
        const redacted = await redactText(text, detector);
        if (redacted.text.includes(sample.secret) || !redacted.findings.length) {
          missed.push(`${sample.name} (variant ${variant}): ${redacted.text}`);
        } else assertStringIncludes(redacted.text, "[REDACTED:");
      }
    }
  }
  assertEquals(missed, []);
});

Deno.test("redact: every secret is caught inside JSONL string values and the lines stay JSON", async () => {
  const samples = [...secretSamples(100), ...secretSamples(101)];
  const jsonl =
    samples.map((s, i) =>
      JSON.stringify({ type: "user", n: i, message: { content: [{ type: "text", text: s.text }] } })
    ).join("\n") + "\n";
  const { text, findings } = await redactJsonl(jsonl, detector);
  for (const sample of samples) assertNotIncludes(text, sample.secret, sample.name);
  const lines = text.trimEnd().split("\n");
  assertEquals(lines.length, samples.length);
  lines.forEach((line, i) => assertEquals(JSON.parse(line).n, i));
  assert(findings.length >= samples.length);
  assert(findings.every((f) => f.line >= 1 && f.line <= samples.length));
});

Deno.test("redact: the clean corpus has no findings", async () => {
  const hits: string[] = [];
  for (const sample of CLEAN_SAMPLES) {
    const { findings, text } = await redactText(sample, detector);
    if (findings.length) hits.push(`${findings.map((f) => f.kind).join(",")}: ${text}`);
  }
  assertEquals(hits, []);
});

Deno.test("redact: findings carry kind, line and a masked preview that hides the secret", async () => {
  const token = ["gh", "p_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"].join("");
  const { text, findings } = await redactText(`line one\nGH_TOKEN=${token}\n`, detector);
  assertEquals(text, "line one\nGH_TOKEN=[REDACTED:github-token]\n");
  assertEquals(findings, [{ kind: "github-token", line: 2, preview: "ghp_…(40 chars)" }]);
});

Deno.test("redact: secret-named JSON keys are redacted, other values are kept", async () => {
  const { value, findings } = await redactValue(
    { user: "ada", password: "hunter2-x", nested: [{ apiKey: "k3y-valu3-123" }], n: 1 },
    detector,
  );
  assertEquals(value, {
    user: "ada",
    password: "[REDACTED:password]",
    nested: [{ apiKey: "[REDACTED:secret]" }],
    n: 1,
  });
  assertEquals(findings.length, 2);
});

Deno.test("redact: user rules add kinds, allow rules keep matches, bad regexes are refused", async () => {
  const custom = new Detector({ rules: ["ACME-[0-9]{6}", "ticket=(T[0-9]+)"] });
  const { text } = await redactText("see ACME-123456 and ticket=T42", custom);
  assertEquals(text, "see [REDACTED:custom] and ticket=[REDACTED:custom]");
  const allow = new Detector({ allow: ["^hunter2-test$"] });
  assertEquals((await redactText("DB_PASSWORD=hunter2-test", allow)).findings, []);
  assertEquals((await redactText("DB_PASSWORD=hunter2-prod", allow)).findings.length, 1);
  let message = "";
  try {
    new Detector({ rules: ["(unclosed"] });
  } catch (err) {
    message = (err as Error).message;
  }
  assertStringIncludes(message, "invalid regex in atrace.redact: '(unclosed'");
});

Deno.test("redact: unchanged JSONL lines keep their bytes; non-JSON lines are redacted as text", async () => {
  const secret = ["sk", "_live_", "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2"].join("");
  const input = `{"a": 1.0,  "b":"x"}\nnot json ${secret}\n`;
  const { text } = await redactJsonl(input, detector);
  assertEquals(text, `{"a": 1.0,  "b":"x"}\nnot json [REDACTED:stripe-key]\n`);
});

Deno.test("redact: no agent fixture (transcripts, hook payloads, configs) has a finding", async () => {
  const hits: string[] = [];
  let files = 0;
  async function walk(dir: string): Promise<void> {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else {
        files++;
        const { findings } = await redactJsonl(await Deno.readTextFile(path), detector);
        for (const f of findings) hits.push(`${path}:${f.line} ${f.kind}`);
      }
    }
  }
  await walk(FIXTURES);
  assert(files >= 40, `only ${files} fixture files`);
  assertEquals(hits, []);
});

Deno.test("redact: findings in a pretty JSON document report the line they are on", async () => {
  const token = ["np", "m_", "Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8"].join("");
  const text = JSON.stringify(
    { id: "x", title: "plain", nested: { note: `use ${token}` } },
    null,
    2,
  );
  const { findings, text: out } = await redactJsonDocument(text + "\n", detector);
  assertEquals(findings.map((f) => [f.kind, f.line]), [["npm-token", 5]]);
  assertEquals(JSON.parse(out).nested.note, "use [REDACTED:npm-token]");
});

Deno.test("redact: a secret repeated close together is redacted at every occurrence", async () => {
  const notion = ["nt", "n_", "12345678901", "AbCdEfGhIjKlMnOpQrStUvWxYz012345678"].join("");
  const text = `NOTION=${notion} # a\nI found NOTION=${notion} # a\necho '${notion}'`;
  const { text: out, findings } = await redactText(text, detector);
  assertNotIncludes(out, notion);
  assertEquals(findings.map((f) => f.kind), Array(3).fill("notion-integration-token"));
});

Deno.test("redact: a pretty JSON document in a .jsonl file stays valid JSON", async () => {
  const key = ["-----BEGIN ", "RSA PRI", "VATE KEY-----\nMIIEow", "Ab".repeat(30)].join("");
  const doc = JSON.stringify({ messages: [{ text: `key: ${key}` }, { n: 1 }] }, null, 2);
  const { text, findings } = await redactJsonl(doc, detector);
  assertEquals(findings.map((f) => f.kind), ["private-key"]);
  assertEquals(JSON.parse(text).messages[0].text, "key: [REDACTED:private-key]");
  const next = await redactJsonl(JSON.stringify({ a: key, b: "kept" }) + "\n", detector);
  assertEquals(JSON.parse(next.text), { a: "[REDACTED:private-key]", b: "kept" });
});

/** A PEM private key built at run time (nothing here for a scanner to find). */
function pemKey(): { lines: string[]; body: string[] } {
  const body = Array.from(
    { length: 6 },
    (_, i) => `${"MIIEowIBAAKCAQEA"}${String(i).repeat(4)}Zq8`.padEnd(64, "x9Q"),
  );
  const label = ["RSA", "PRIVATE", "KEY"].join(" ");
  return { lines: [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`], body };
}

Deno.test("redact: a private key split over line arrays (hunks, addedLines, structuredPatch) is redacted whole", async () => {
  const { lines, body } = pemKey();
  const event = {
    kind: "edit",
    edits: [{
      path: "id_rsa",
      hunks: [{ oldStart: 1, newStart: 1, lines: lines.map((l) => `+${l}`) }],
      addedLines: lines,
    }],
  };
  const transcript = {
    toolUseResult: { structuredPatch: [{ lines: ["context", ...lines.map((l) => `+${l}`)] }] },
  };
  for (const value of [event, transcript]) {
    const out = JSON.stringify((await redactValue(value, detector)).value);
    for (const line of body) assertNotIncludes(out, line);
  }
  const jsonl = JSON.stringify(event) + "\n" + JSON.stringify(transcript) + "\n";
  const { text } = await redactJsonl(jsonl, detector);
  for (const line of body) assertNotIncludes(text, line);
  text.trimEnd().split("\n").forEach((l) => JSON.parse(l));
  // Ordinary line arrays are left alone.
  const code = { lines: ["def f(token):", "    return token", ""] };
  assertEquals((await redactValue(code, detector)).value, code);
});

Deno.test("redact: a token used as an object key is redacted and the object stays whole", async () => {
  const token = ["gh", "p_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"].join("");
  const other = ["gh", "p_", "Z1y2X3w4V5u6T7s8R9q0P1o2N3m4L5k6J7i8"].join("");
  const { value, findings } = await redactValue(
    { toolUseResult: { [token]: "scoped", [other]: "admin", plain: 1 } },
    detector,
  );
  assertEquals(value, {
    toolUseResult: {
      "[REDACTED:github-token]": "scoped",
      "[REDACTED:github-token] #2": "admin",
      plain: 1,
    },
  });
  assertEquals(findings.length, 2);
  const { text } = await redactJsonl(JSON.stringify({ [token]: { n: 1 } }) + "\n", detector);
  assertEquals(JSON.parse(text), { "[REDACTED:github-token]": { n: 1 } });
});

Deno.test("redact: any scheme://user:password@host userinfo, and a token as the user name", async () => {
  const cases: [string, string][] = [
    ["postgres://admin:p@ss/w0rd@db.example.com:5432/app", "p@ss/w0rd"],
    ["ftp://anonymous:password@ftp.example.com", ":password@"],
    ["mongodb+srv://root:S3cr3tP4ss@cluster0.example.net/test", "S3cr3tP4ss"],
    ["see https://user:hunter2@example.com/x?email=a@b.com", "hunter2"],
    ["https://Zk3Lp9Qw2Xv8Rt5Yb7Nm1Cd4Ae6Uh0@github.com/a/b.git", "Zk3Lp9Qw2Xv8Rt5Yb7Nm1Cd4Ae6Uh0"],
  ];
  for (const [input, secret] of cases) {
    const { text } = await redactText(input, detector);
    assertNotIncludes(text, secret, input);
    assertStringIncludes(text, "[REDACTED:url-");
  }
  const kept = "see https://user:hunter2@example.com/x?email=a@b.com";
  assertEquals(
    (await redactText(kept, detector)).text,
    "see https://user:[REDACTED:url-password]@example.com/x?email=a@b.com",
  );
  assertEquals((await redactText("postgres://app:${DB_PASSWORD}@db/app", detector)).findings, []);
});

Deno.test("redact: credential-named variables (*_TOKEN, *_KEY, *_SECRET) with generated values, dotted ones too", async () => {
  const dotted = ["aB3dE5fG", "hI7jK9lM", "nO1pQ3rS"].join(".");
  const generated = ["Zk3Lp9Qw", "2Xv8Rt5Y", "b7Nm1Cd4"].join("");
  for (
    const text of [
      `export SERVICE_TOKEN=${dotted}`,
      `SERVICE_TOKEN="${dotted}"`,
      `service_token: ${dotted}`,
      `const token = ${dotted};`,
      `STRIPE_KEY=${generated}`,
      `WEBHOOK_SIGNATURE=${generated}`,
      `TOKEN_VALUE=${generated}`,
    ]
  ) {
    const out = await redactText(text, detector);
    assertNotIncludes(out.text, dotted, text);
    assertNotIncludes(out.text, generated, text);
  }
  for (
    const text of [
      "CACHE_KEY = 'user-profile-v2'",
      "SORT_KEY=created_at",
      "token: settings.v2.apiKey",
      "secret: config.jwt.secret",
      "MAX_TOKENS=4096",
      "GITHUB_TOKEN_FILE=/run/secrets/github_token",
    ]
  ) {
    assertEquals((await redactText(text, detector)).findings, [], text);
  }
});
