// The git atrace viewer's entry point: hash routes and keyboard navigation.
import { api, failure, main } from "./page_dom.js";
import { viewCommits } from "./page_commits.js";
import { viewFile, viewFiles } from "./page_files.js";
import { viewSession } from "./page_session.js";
import { viewSessions } from "./page_sessions.js";

let generation = 0;

let cleanup = () => {};

const ROUTES = [
  [/^#\/sessions$/, "sessions", (alive) => viewSessions(alive)],
  [
    /^#\/session\/([^?]+)(?:\?call=(.*))?$/,
    "sessions",
    (alive, id, call) =>
      viewSession(alive, decodeURIComponent(id), call ? decodeURIComponent(call) : null),
  ],
  [/^#\/files$/, "files", (alive) => viewFiles(alive)],
  [/^#\/file\/(.+)$/, "files", (alive, path) => viewFile(alive, decodeURIComponent(path))],
  [/^#\/commits$/, "commits", (alive) => viewCommits(alive)],
];

async function route() {
  cleanup();
  cleanup = () => {};
  const mine = ++generation;
  const alive = () => mine === generation;
  const hash = location.hash || "#/sessions";
  const found = ROUTES.map(([re, tab, fn]) => [re.exec(hash), tab, fn]).find(([m]) => m);
  if (!found) {
    location.replace("#/sessions");
    return;
  }
  const [match, tab, fn] = found;
  for (const a of document.querySelectorAll("[data-nav]")) {
    a.classList.toggle("active", a.dataset.nav === tab);
  }
  main.dataset.view = "loading";
  try {
    const stop = await fn(alive, ...match.slice(1));
    if (typeof stop === "function") cleanup = stop;
    if (alive()) {
      main.dataset.view = tab === "files" && hash.startsWith("#/file/")
        ? "file"
        : hash.slice(2).split("/")[0].split("?")[0];
      if (!hash.includes("?call=")) globalThis.scrollTo(0, 0);
    }
  } catch (err) {
    if (alive()) {
      failure(err);
      main.dataset.view = "error";
    }
  }
}

function move(selector, step) {
  const items = [...main.querySelectorAll(selector)];
  if (!items.length) return;
  const at = items.indexOf(document.activeElement?.closest(selector));
  const next = items[Math.max(0, Math.min(items.length - 1, at + step))] ?? items[0];
  const focusable = next.matches("a, summary") ? next : next.querySelector("summary") ?? next;
  if (focusable === next && next.tabIndex < 0 && !next.matches("a")) next.tabIndex = -1;
  focusable.focus();
  next.scrollIntoView({ block: "nearest" });
}

document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const help = document.getElementById("help");
  const typing = e.target.matches?.("input, select, textarea");
  if (e.key === "Escape") {
    if (!help.hidden) help.hidden = true;
    else if (typing) e.target.blur();
    else if (!location.hash.startsWith("#/sessions")) history.back();
    return;
  }
  if (typing) return;
  const view = main.dataset.view;
  const rows = view === "session" ? ".nav-msg" : view === "file" ? ".nav-line" : ".nav-item";
  const actions = {
    s: () => (location.hash = "#/sessions"),
    f: () => (location.hash = "#/files"),
    c: () => (location.hash = "#/commits"),
    j: () => move(rows, 1),
    k: () => move(rows, -1),
    n: () => move(".msg.tool", 1),
    p: () => move(".msg.tool", -1),
    "/": () => main.querySelector("input[type=search]")?.focus(),
    "?": () => (help.hidden = !help.hidden),
  };
  const action = actions[e.key];
  if (action) {
    e.preventDefault();
    action();
  }
});

document.getElementById("help-button").addEventListener("click", () => {
  const help = document.getElementById("help");
  help.hidden = !help.hidden;
});
globalThis.addEventListener("hashchange", route);
api("/api/repo")
  .then((repo) => {
    document.getElementById("repo").textContent = repo.name;
    document.title = `git atrace · ${repo.name}`;
  })
  .catch(() => {});
route();
