/** Built-in credential patterns that complement secretlint: each rule names a kind and a regex. */

/** A pattern rule: `group` (default 0) is the part of the match that is secret. */
export interface PatternRule {
  kind: string;
  pattern: RegExp;
  group?: number;
  /** Extra check on the secret text (e.g. not a placeholder). */
  accept?: (secret: string) => boolean;
}

const B = String.raw`(?<![A-Za-z0-9_-])`;
const E = String.raw`(?![A-Za-z0-9_-])`;

function token(kind: string, body: string, flags = "g"): PatternRule {
  return { kind, pattern: new RegExp(`${B}${body}${E}`, flags) };
}

/** Provider tokens and cloud keys recognisable by their shape alone. */
export const TOKEN_RULES: PatternRule[] = [
  token(
    "aws-access-key",
    String.raw`(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z2-7]{16}`,
  ),
  token("gcp-api-key", String.raw`AIza[0-9A-Za-z_-]{35}`),
  token("gcp-oauth-secret", String.raw`GOCSPX-[0-9A-Za-z_-]{28}`),
  token("gcp-oauth-token", String.raw`ya29\.[0-9A-Za-z_-]{20,}`),
  token("gcp-refresh-token", String.raw`1//0[0-9A-Za-z_-]{30,}`),
  token("azure-client-secret", String.raw`[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}`),
  {
    kind: "azure-storage-key",
    pattern: /(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{40,88}={0,2})/g,
    group: 1,
  },
  { kind: "azure-sas", pattern: /[?&]sig=([A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/gi, group: 1 },
  token("github-token", String.raw`(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}`),
  token("github-token", String.raw`github_pat_[A-Za-z0-9_]{60,255}`),
  token(
    "gitlab-token",
    String.raw`(?:glpat|gldt|glrt|glptt|glcbt|glsoat|gloas|glft|glimt|glagent)-[A-Za-z0-9_-]{20,}`,
  ),
  token("gitlab-token", String.raw`GR1348941[A-Za-z0-9_-]{20,}`),
  token("openai-key", String.raw`sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}`),
  token("openai-key", String.raw`sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`),
  token("anthropic-key", String.raw`sk-ant-[a-z]+\d*-[A-Za-z0-9_-]{32,}`),
  token("slack-token", String.raw`xox[abposr]-[0-9A-Za-z-]{10,}`),
  token("slack-token", String.raw`xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+`),
  {
    kind: "slack-webhook",
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,}/g,
  },
  token("stripe-key", String.raw`(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}`),
  token("stripe-webhook-secret", String.raw`whsec_[0-9A-Za-z]{24,}`),
  token("npm-token", String.raw`npm_[A-Za-z0-9]{36}`),
  token("pypi-token", String.raw`pypi-AgE[A-Za-z0-9_-]{50,}`),
  token("huggingface-token", String.raw`hf_[A-Za-z0-9]{30,}`),
  token("sendgrid-key", String.raw`SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`),
  token("twilio-key", String.raw`SK[0-9a-f]{32}`),
  token("mailgun-key", String.raw`key-[0-9a-f]{32}`),
  token("shopify-token", String.raw`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`),
  token("digitalocean-token", String.raw`do[opr]_v1_[a-f0-9]{64}`),
  token("docker-token", String.raw`dckr_pat_[A-Za-z0-9_-]{27,}`),
  token("vault-token", String.raw`hv[sbr]\.[A-Za-z0-9_-]{24,}`),
  token("linear-key", String.raw`lin_api_[A-Za-z0-9]{40}`),
  token("databricks-token", String.raw`dapi[a-f0-9]{32}(?:-\d)?`),
  token(
    "grafana-token",
    String.raw`(?:glc_[A-Za-z0-9+/]{32,}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})`,
  ),
  token("sentry-token", String.raw`sntr[yu]s_[A-Za-z0-9_=+/-]{40,}`),
  token("atlassian-token", String.raw`ATATT3[A-Za-z0-9_=-]{150,}`),
  token("postman-key", String.raw`PMAK-[a-f0-9]{24}-[a-f0-9]{34}`),
  token("doppler-token", String.raw`dp\.(?:st|sa|ct|pt|scim|audit)\.[A-Za-z0-9_-]{40,}`),
  token("groq-key", String.raw`gsk_[A-Za-z0-9]{48,}`),
  token("age-secret-key", String.raw`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`),
  token("jwt", String.raw`eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*`),
  {
    kind: "private-key",
    pattern:
      /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[^\0]{0,20000}?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|(?=\n\0)|$)/g,
  },
  {
    kind: "private-key",
    pattern: /PuTTY-User-Key-File-\d:[\s\S]{0,8000}?Private-MAC: [0-9a-f]+/g,
  },
];

const PLACEHOLDER =
  /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_]+%|\{\{.*\}\}|<[^>]*>|\[REDACTED(?::[a-z0-9-]+)?\]|\*+|x+|X+|\.+|-+|_+|(?:your|my|the|some)[-_ ]?[A-Za-z_-]*|changeme|change[-_]me|example|password|passwd|secret|token|redacted|hidden|null|none|nil|undefined|true|false|test|dummy|placeholder|required|optional|string|str|pass|\.\.\.|…)$/i;

/** True for values that stand for a secret without being one (`$TOKEN`, `<token>`, `changeme`). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1*$/.test(value);
}

/** A URL password that refers to one instead (`${DB_PASS}`, `<password>`, `****`). */
const URL_REFERENCE = /^(?:\$\{?\w+\}?|%\w+%|<[^>]*>|\{\{.*\}\}|\[REDACTED[^\]]*\]|\*+|\.\.\.|…)$/;

/** Rules for passwords in URLs, basic auth and bearer tokens. */
export const CONTEXT_RULES: PatternRule[] = [
  {
    // Any `scheme://user:password@host`: the password runs to the last '@' before the host (it may
    // hold '@' and '/'), never into a query or fragment.
    kind: "url-password",
    pattern:
      /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/?#'"`<>]*:([^\s?#'"`<>]{1,200})@(?=[A-Za-z0-9[][^\s@/?#'"`<>]*(?:[/?#\s'"`<>]|$))/gi,
    group: 1,
    accept: (s) => !URL_REFERENCE.test(s),
  },
  {
    // A token as the user name: `https://<token>@github.com`.
    kind: "url-token",
    pattern:
      /\b[a-z][a-z0-9+.-]{1,20}:\/\/([A-Za-z0-9_.~+=-]{20,200})@(?=[A-Za-z0-9[][^\s@/?#'"`<>]*(?:[/?#\s'"`<>]|$))/gi,
    group: 1,
    accept: (s) => /\d/.test(s) && /[A-Za-z]/.test(s) && !/^[a-z]+(?:[-_.][a-z]+)*$/.test(s),
  },
  {
    kind: "bearer-token",
    pattern: /\b(?:Bearer|Token)\s+([A-Za-z0-9_~+/.=-]{20,})/g,
    group: 1,
  },
  {
    kind: "basic-auth",
    pattern: /\bBasic\s+([A-Za-z0-9+/]{16,}={0,2})(?![A-Za-z0-9+/=])/g,
    group: 1,
  },
  {
    kind: "password",
    pattern:
      /(?<![\w./-])(?:curl|wget|http)\b[^\n]*?\s(?:-u|--user)\s+['"]?[^\s:'"]+:([^\s'"`,;)]+)/g,
    group: 1,
    accept: (s) => !isPlaceholder(s),
  },
  {
    kind: "password",
    pattern:
      /(?<![\w./-])(?:mysql|mysqldump|mongo(?:sh)?|sshpass)\b[^\n]*?\s-p\s*['"]?([^\s'"]{4,})/g,
    group: 1,
    accept: (s) => !isPlaceholder(s) && !s.startsWith("-"),
  },
  {
    kind: "password",
    pattern:
      /(?<![\w./-])(?:docker|podman|nerdctl|buildah|skopeo|helm|oras)\b[^\n]*?\blogin\b[^\n]*?\s(?:-p|--password)(?:\s+|=)['"]?([^\s'"]{4,})/g,
    group: 1,
    accept: (s) => !isPlaceholder(s) && !s.startsWith("-") && !s.startsWith("$"),
  },
  {
    kind: "password",
    pattern: /\blogin[ \t]+\S+[ \t]+password[ \t]+(\S{4,})/g,
    group: 1,
    accept: (s) => !isPlaceholder(s),
  },
  flagValue("password", "password|passwd|passphrase"),
  flagValue("secret", "token|secret|api-key"),
];

/** The value of a command-line flag such as `--token <value>` or `--password=<value>`. */
function flagValue(kind: string, names: string): PatternRule {
  return {
    kind,
    pattern: new RegExp(String.raw`\s--(?:${names})(?:\s+|=)['"]?([^\s'"\x60]{6,})`, "g"),
    group: 1,
    accept: (s) => !isPlaceholder(s) && !/^[-$%<{[]/.test(s),
  };
}
