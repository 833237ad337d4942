/**
 * Secret samples for the redaction tests. Every secret is built at run time from a seeded
 * generator and split prefixes, so this file holds nothing that a secret scanner would flag.
 */

/** One sample: the text an agent might have seen, and the secret that must not survive. */
export interface SecretSample {
  name: string;
  text: string;
  secret: string;
}

let seed = 0x2545f491;

/** Deterministic pseudo-random characters from `alphabet`. */
export function gen(n: number, alphabet = ALNUM): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out += alphabet[(seed >>> 8) % alphabet.length];
  }
  return out;
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = "0123456789abcdef";
const B64 = ALNUM + "+/";
const URLSAFE = ALNUM + "_-";
const B32 = UPPER + "234567";

const j = (...parts: string[]) => parts.join("");
const pem = (label: string) => {
  const body = Array.from({ length: 12 }, () => gen(64, B64)).join("\n");
  return j("-----BEGIN ", label, " KEY-----\n", body, "\n-----END ", label, " KEY-----");
};

function sample(name: string, secret: string, make: (s: string) => string): SecretSample {
  return { name, secret, text: make(secret) };
}

/** Builds the samples; the same `variant` always gives the same values. */
export function secretSamples(variant = 0): SecretSample[] {
  seed = (0x2545f491 + Math.imul(variant, 0x9e3779b1)) >>> 0;
  return [
    sample(
      "aws access key id",
      j("AK", "IA", gen(16, B32)),
      (s) => `aws configure set aws_access_key_id ${s}`,
    ),
    sample("aws temporary key id", j("AS", "IA", gen(16, B32)), (s) => `"AccessKeyId": "${s}",`),
    sample("aws secret key", gen(40, B64), (s) => `aws_secret_access_key = ${s}`),
    sample("aws secret key json", gen(40, B64), (s) => `{"SecretAccessKey": "${s}"}`),
    sample("aws session token", gen(120, B64), (s) => `export AWS_SESSION_TOKEN=${s}`),
    sample(
      "gcp api key",
      j("AI", "za", gen(35, URLSAFE)),
      (s) => `curl "https://maps.example.com/api?key=${s}"`,
    ),
    sample(
      "gcp service account key",
      pem(j("PRI", "VATE")),
      (s) => JSON.stringify({ type: "service_account", private_key: s + "\n" }),
    ),
    sample(
      "gcp oauth client secret",
      j("GOC", "SPX-", gen(28, URLSAFE)),
      (s) => `client secret is ${s}`,
    ),
    sample("gcp oauth token", j("ya", "29.", gen(60, URLSAFE)), (s) => `Access token: ${s}`),
    sample(
      "azure storage key",
      gen(86, B64) + "==",
      (s) =>
        `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${s};EndpointSuffix=core.windows.net`,
    ),
    sample(
      "azure client secret",
      j(gen(3, ALNUM), "8Q~", gen(34, URLSAFE)),
      (s) => `AZURE_CLIENT_SECRET="${s}"`,
    ),
    sample(
      "azure sas",
      gen(44, ALNUM) + "%3D",
      (s) => `https://acme.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&sig=${s}`,
    ),
    sample(
      "github classic pat",
      j("gh", "p_", gen(36)),
      (s) => `remote: Invalid username or token ${s}`,
    ),
    sample(
      "github fine-grained pat",
      j("github", "_pat_", gen(22), "_", gen(59)),
      (s) => `GH_TOKEN=${s} gh pr list`,
    ),
    sample("github oauth token", j("gh", "o_", gen(36)), (s) => `oauth_token: ${s}`),
    sample("github app token", j("gh", "s_", gen(36)), (s) => `Authorization: token ${s}`),
    sample(
      "gitlab pat",
      j("gl", "pat-", gen(20, URLSAFE)),
      (s) => `git clone https://oauth2:${s}@gitlab.example.com/g/p.git`,
    ),
    sample("gitlab runner token", j("gl", "rt-", gen(20, URLSAFE)), (s) => `token = "${s}"`),
    sample("openai project key", j("sk", "-proj-", gen(48, URLSAFE)), (s) => `OPENAI_API_KEY=${s}`),
    sample(
      "openai legacy key",
      j("sk-", gen(20), "T3Blbk", "FJ", gen(20)),
      (s) => `openai.api_key = '${s}'`,
    ),
    sample(
      "anthropic key",
      j("sk-", "ant-api03-", gen(93, URLSAFE), "AA"),
      (s) => `x-api-key: ${s}`,
    ),
    sample(
      "slack bot token",
      j("xo", "xb-", gen(12, DIGITS), "-", gen(13, DIGITS), "-", gen(24)),
      (s) => `SLACK_BOT_TOKEN=${s}`,
    ),
    sample(
      "slack user token",
      j(
        "xo",
        "xp-",
        gen(12, DIGITS),
        "-",
        gen(12, DIGITS),
        "-",
        gen(13, DIGITS),
        "-",
        gen(32, HEX),
      ),
      (s) => `slack token ${s}`,
    ),
    sample(
      "slack webhook",
      j(
        "hooks.sl",
        "ack.com/services/T",
        gen(8, UPPER + DIGITS),
        "/B",
        gen(8, UPPER + DIGITS),
        "/",
        gen(24),
      ),
      (s) => `curl -X POST https://${s} -d '{"text":"hi"}'`,
    ),
    sample("stripe secret key", j("sk", "_live_", gen(24)), (s) => `stripe.api_key = "${s}"`),
    sample("stripe restricted key", j("rk", "_live_", gen(24)), (s) => `key: ${s}`),
    sample("stripe webhook secret", j("wh", "sec_", gen(32)), (s) => `STRIPE_WEBHOOK_SECRET=${s}`),
    sample(
      "npm token",
      j("np", "m_", gen(36)),
      (s) => `npm config set //registry.npmjs.org/:_authToken ${s}`,
    ),
    sample(
      "npmrc auth token",
      gen(8, HEX) + "-" + gen(4, HEX) + "-4" + gen(3, HEX) + "-a" + gen(3, HEX) + "-" +
        gen(12, HEX),
      (s) => `//registry.npmjs.org/:_authToken=${s}`,
    ),
    sample("pypi token", j("py", "pi-AgEIcHlwaS5vcmc", gen(70, URLSAFE)), (s) => `password = ${s}`),
    sample("rsa private key", pem(j("RSA PRI", "VATE")), (s) => `$ cat ~/.ssh/id_rsa\n${s}\n`),
    sample("openssh private key", pem(j("OPENSSH PRI", "VATE")), (s) => s),
    sample("ec private key", pem(j("EC PRI", "VATE")), (s) => `key.pem:\n${s}`),
    sample(
      "pgp private key",
      j(
        "-----BEGIN PGP PRI",
        "VATE KEY BLOCK-----\n\n",
        gen(64, B64),
        "\n",
        gen(64, B64),
        "\n-----END PGP PRI",
        "VATE KEY BLOCK-----",
      ),
      (s) => s,
    ),
    sample(
      "jwt",
      j("ey", "JhbGciOiJIUzI1NiJ9.", "ey", "J", gen(40, URLSAFE), ".", gen(43, URLSAFE)),
      (s) => `Cookie: session=${s}`,
    ),
    sample(
      "postgres url password",
      gen(16),
      (s) => `DATABASE_URL=postgres://app:${s}@db.internal:5432/app`,
    ),
    sample(
      "mongodb url password",
      gen(14),
      (s) => `mongodb+srv://admin:${s}@cluster0.example.net/test`,
    ),
    sample("redis url password", gen(20), (s) => `redis://:${s}@cache:6379/0`),
    sample("https basic auth url", gen(12), (s) => `https://deploy:${s}@example.com/hook`),
    sample("dotenv password", gen(12), (s) => `DB_PASSWORD=${s}`),
    sample("export api key", gen(32, HEX), (s) => `export MAPS_API_KEY=${s}`),
    sample(
      "yaml password",
      "S3cure!" + gen(6),
      (s) => `database:\n  user: app\n  password: ${s}\n`,
    ),
    sample(
      "json client secret",
      gen(32, URLSAFE),
      (s) => `{"client_id": "abc", "client_secret": "${s}"}`,
    ),
    sample(
      "python secret key",
      "django-insecure-" + gen(40, LOWER + DIGITS + "!@#%^&*"),
      (s) => `SECRET_KEY = "${s}"`,
    ),
    sample("bearer token", gen(48, URLSAFE), (s) => `-H "Authorization: Bearer ${s}"`),
    sample("basic auth header", btoa("admin:" + gen(14)), (s) => `Authorization: Basic ${s}`),
    sample("curl user password", gen(14), (s) => `curl -u admin:${s} https://api.example.com/v1`),
    sample("mysql password flag", "Pw" + gen(10), (s) => `mysql -u root -p${s} app`),
    sample(
      "ado connection string",
      "Str0ng!" + gen(8),
      (s) => `Server=tcp:sql.example.net;Database=app;User Id=sa;Password=${s};`,
    ),
    sample("high entropy near word", gen(32), (s) => `the api key is ${s} (do not share)`),
    sample("huggingface token", j("h", "f_", gen(34, LOWER + UPPER)), (s) => `HF_TOKEN=${s}`),
    sample(
      "sendgrid key",
      j("S", "G.", gen(22, URLSAFE), ".", gen(43, URLSAFE)),
      (s) => `sendgrid key ${s}`,
    ),
    sample("digitalocean token", j("do", "p_v1_", gen(64, HEX)), (s) => `doctl auth init -t ${s}`),
    sample("vault token", j("hv", "s.", gen(90, URLSAFE)), (s) => `VAULT_TOKEN=${s}`),
    sample(
      "docker hub token",
      j("dck", "r_pat_", gen(27, URLSAFE)),
      (s) => `echo ${s} | docker login -u ada --password-stdin`,
    ),
    sample("yaml api token", gen(24), (s) => `services:\n  api:\n    api_token: ${s}\n`),
    sample("run-together env name", gen(14), (s) => `PGPASSWORD=${s} psql -h db -U app`),
    sample("rails secret key base", gen(64, HEX), (s) => `SECRET_KEY_BASE=${s} rails s`),
    sample("registry login password", gen(16), (s) => `docker login -u ada -p ${s} ghcr.io`),
    sample("token flag", gen(32), (s) => `cargo publish --token ${s}`),
    sample("netrc password", gen(12), (s) => `machine api.example.com login ada password ${s}\n`),
    sample(
      "compose postgres password",
      "pg" + gen(4, LOWER) + gen(3, DIGITS),
      (s) => `    environment:\n      POSTGRES_PASSWORD: ${s}\n`,
    ),
    sample(
      "notion integration (secretlint only)",
      j("nt", "n_", gen(11, DIGITS), gen(35)),
      (s) => `NOTION=${s} # set up yesterday`,
    ),
    sample(
      "figma (secretlint only)",
      j("fi", "gd_", gen(40, URLSAFE)),
      (s) => `figma access: ${s}`,
    ),
    sample(
      "tailscale (secretlint only)",
      j("ts", "key-auth-", gen(12), "-", gen(30)),
      (s) => `tailscale up --auth=${s}`,
    ),
    sample(
      "password in json tool output",
      gen(10) + "9!",
      (s) => `{"username":"ada","password":"${s}"}`,
    ),
  ];
}
