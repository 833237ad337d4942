// Shared helpers of the viewer. All text from the repository and the transcripts goes into the page
// as text nodes (textContent, append of strings), never as HTML.

const TOKEN = new URLSearchParams(location.search).get("token") ?? "";

/** Messages per page of a session. */
export const PAGE = 200;
/** The element each view renders into. */
export const main = document.getElementById("main");

/** GETs an API path with the token; throws with the server's message on failure. */
export async function api(path) {
  const res = await fetch(path, {
    headers: { "x-atrace-token": TOKEN },
    credentials: "omit",
    cache: "no-store",
  });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

/** Builds an element; string children become text nodes. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "data") Object.assign(el.dataset, value);
    else if (key.startsWith("aria-")) el.setAttribute(key, String(value));
    else if (key === "on") {
      for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    } else if (key === "hue") el.style.setProperty("--h", String(value));
    else if (key === "href") el.setAttribute("href", value.startsWith("#/") ? value : "#/");
    else el[key] = value;
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "object" ? child : String(child));
  }
  return el;
}

/** A stable hue for a session id. */
export function hue(id) {
  let x = 2166136261;
  for (let i = 0; i < id.length; i++) x = Math.imul(x ^ id.charCodeAt(i), 16777619);
  return (x >>> 0) % 360;
}

/** Encodes one URL component. */
export const enc = (text) => encodeURIComponent(text);
/** The route of a file's blame. */
export const fileHref = (path) => `#/file/${path.split("/").map(enc).join("/")}`;
/** The route of a session, optionally at one tool call. */
export const sessionHref = (id, call) => `#/session/${enc(id)}${call ? `?call=${enc(call)}` : ""}`;
/** An ISO timestamp for people. */
export const when = (stamp) => stamp ? stamp.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC") : "";

/** Characters a terminal or a monospace font shows two columns wide: CJK, Hangul, fullwidth, emoji. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]|\p{Extended_Pictographic}/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** `text` shortened to `max` columns of display width (wide characters count two), never mid-character. */
export function clip(text, max) {
  const parts = [...graphemes.segment(text)].map((
    { segment },
  ) => [segment, WIDE.test(segment) ? 2 : 1]);
  if (parts.reduce((sum, [, w]) => sum + w, 0) <= max) return text;
  let out = "";
  let used = 0;
  for (const [segment, w] of parts) {
    if (used + w > max - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** A link to a session, coloured by its hue. */
export function chip(id, short, title) {
  return h(
    "a",
    { class: "chip sid", hue: hue(id), href: sessionHref(id), title: title ?? id },
    short,
  );
}

/** The local / shared badge of a session. */
export function badge(location, shared) {
  const label = location === "shared" ? "shared" : shared ? "local + shared" : "local";
  return h("span", { class: `badge ${location}` }, label);
}

/** Replaces the view's content. */
export function show(...nodes) {
  main.replaceChildren(...nodes);
}

/** Shows an error in place of the view. */
export function failure(err) {
  show(h("p", { class: "error" }, `error: ${err.message}`));
}
