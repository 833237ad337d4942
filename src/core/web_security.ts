/** Pure security checks of the web server: loopback Host names, tokens and response headers. */

/** True when `host` (a Host header) names this server on a loopback address. */
export function isLoopbackHost(host: string | null, port: number): boolean {
  if (!host) return false;
  const value = host.toLowerCase();
  return ["127.0.0.1", "localhost", "[::1]"].some((name) => value === `${name}:${port}`);
}

/** Compares two tokens in time independent of where they differ. */
export function tokenEquals(given: string | null, expected: string): boolean {
  if (given === null || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** The Content-Security-Policy of every response: only this origin's script and style, no framing. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers sent with every response. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    "content-type": contentType,
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
  };
}
