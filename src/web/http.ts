/** JSON responses, every one with the security headers. */
import { securityHeaders } from "../core/web_security.ts";

const JSON_TYPE = "application/json; charset=utf-8";

/** A 200 response with `value` as JSON. */
export function json(value: unknown): Response {
  return new Response(JSON.stringify(value), { headers: securityHeaders(JSON_TYPE) });
}

/** An error response: `{ "error": message }` with `status`. */
export function respond(status: number, error: string): Response {
  return new Response(JSON.stringify({ error }), {
    status,
    headers: securityHeaders(JSON_TYPE),
  });
}
