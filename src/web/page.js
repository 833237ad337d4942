// The git atrace viewer. All text from the repository and the transcripts goes into the page as
// text nodes (textContent, append of strings), never as HTML.
"use strict";

const TOKEN = new URLSearchParams(location.search).get("token") ?? "";
const PAGE = 200;
const main = document.getElementById("main");
let generation = 0;
const filters = { q: "", agent: "", file: "", from: "", to: "" };
let allCommits = false;

/** GETs an API path with the token; throws with the server's message on failure. */
async function api(path) {
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
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "data") Object.assign(el.dataset, value);
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
function hue(id) {
  let x = 2166136261;
  for (let i = 0; i < id.length; i++) x = Math.imul(x ^ id.charCodeAt(i), 16777619);
  return (x >>> 0) % 360;
}

const enc = (text) => encodeURIComponent(text);
const fileHref = (path) => `#/file/${path.split("/").map(enc).join("/")}`;
const sessionHref = (id, call) => `#/session/${enc(id)}${call ? `?call=${enc(call)}` : ""}`;
const when = (stamp) => stamp ? stamp.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC") : "";

const clip = (text, max) => text.length > max ? `${text.slice(0, max - 1)}…` : text;

function chip(id, short, title) {
  return h(
    "a",
    { class: "chip sid", hue: hue(id), href: sessionHref(id), title: title ?? id },
    short,
  );
}

function badge(location, shared) {
  const label = location === "shared" ? "shared" : shared ? "local + shared" : "local";
  return h("span", { class: `badge ${location}` }, label);
}

function show(...nodes) {
  main.replaceChildren(...nodes);
}

function failure(err) {
  show(h("p", { class: "error" }, `error: ${err.message}`));
}

// ---------------------------------------------------------------- sessions

async function viewSessions(alive) {
  const q = h("input", {
    type: "search",
    id: "q",
    placeholder: "Search text  ( / )",
    value: filters.q,
    "aria-label": "search sessions",
  });
  const agent = h(
    "select",
    { id: "agent", "aria-label": "agent" },
    h("option", { value: "" }, "all agents"),
  );
  const file = h("input", { type: "search", id: "file", placeholder: "File", value: filters.file });
  const from = h("input", { type: "date", id: "from", value: filters.from, title: "from" });
  const to = h("input", { type: "date", id: "to", value: filters.to, title: "to" });
  const count = h("span", { class: "muted" });
  const list = h("ul", { class: "list", id: "session-list" });
  show(
    h("h1", {}, "Sessions ", count),
    h("div", { class: "filters" }, q, agent, file, from, to),
    list,
  );
  let rows = [];
  const draw = () => {
    const f = filters;
    const shown = rows.filter((r) =>
      (!f.agent || r.agent === f.agent) &&
      (!f.file || r.files.some((p) => p.includes(f.file))) &&
      (!f.from || (r.timestamp ?? "") >= f.from) &&
      (!f.to || (r.timestamp ?? "").slice(0, 10) <= f.to)
    );
    count.textContent = `${shown.length}`;
    list.replaceChildren(
      ...shown.map((r) =>
        h(
          "li",
          {},
          h(
            "a",
            { class: "row nav-item", href: sessionHref(r.id), data: { id: r.id } },
            h("span", { class: "sid", hue: hue(r.id) }, r.short),
            badge(r.location, r.shared),
            r.agent && h("span", { class: "badge" }, r.agent),
            h("span", { class: "title" }, r.title ?? "(untitled)"),
            h(
              "span",
              { class: "when" },
              `${when(r.timestamp)} · ${r.files.length} file${r.files.length === 1 ? "" : "s"}` +
                ` · ${r.commits} commit${r.commits === 1 ? "" : "s"}`,
            ),
          ),
        )
      ),
    );
    if (!shown.length) list.append(h("li", { class: "row muted" }, "No sessions match."));
  };
  const load = async () => {
    const wanted = filters.q;
    const data = await api(`/api/sessions?q=${enc(wanted)}`);
    if (!alive() || wanted !== filters.q) return;
    rows = data;
    const agents = [...new Set(rows.map((r) => r.agent).filter(Boolean))].sort();
    agent.replaceChildren(
      h("option", { value: "" }, "all agents"),
      ...agents.map((a) => h("option", { value: a, selected: a === filters.agent }, a)),
    );
    draw();
  };
  let timer = 0;
  q.addEventListener("input", () => {
    filters.q = q.value;
    clearTimeout(timer);
    timer = setTimeout(() => load().catch(failure), 200);
  });
  for (const [el, key] of [[agent, "agent"], [file, "file"], [from, "from"], [to, "to"]]) {
    el.addEventListener("input", () => {
      filters[key] = el.value;
      draw();
    });
  }
  await load();
}

// ---------------------------------------------------------------- one session

function diffBlock(hunks) {
  const lines = [];
  for (const hunk of hunks) {
    if (hunk.newStart > 0) {
      lines.push(
        h(
          "div",
          { class: "dl hunk" },
          `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
        ),
      );
    }
    for (const line of hunk.lines) {
      const kind = line[0] === "+" ? "add" : line[0] === "-" ? "del" : "ctx";
      lines.push(h("div", { class: `dl ${kind}` }, line));
    }
  }
  return h("div", { class: "diff" }, lines);
}

function firstLine(text) {
  const lines = text.trim().split("\n");
  return lines.length > 1 ? `${lines[0]} …` : lines[0];
}

function renderMessage(m) {
  switch (m.kind) {
    case "prompt":
      return h(
        "li",
        { class: "msg prompt nav-msg", tabIndex: -1 },
        h("div", { class: "who" }, "Prompt"),
        h("div", { class: "text" }, m.text),
      );
    case "text":
      return h(
        "li",
        { class: "msg assistant nav-msg", tabIndex: -1 },
        h("div", { class: "who" }, m.model ? `Assistant · ${m.model}` : "Assistant"),
        h("div", { class: "text" }, m.text),
      );
    case "thinking":
      return h(
        "li",
        { class: "msg thinking" },
        h(
          "details",
          {},
          h("summary", { class: "muted" }, "Thinking"),
          h("div", { class: "text" }, m.text),
        ),
      );
    case "tool": {
      const target = m.command ? `$ ${firstLine(m.command)}` : m.files.join(", ");
      const lineCount = (m.hunks ?? []).reduce((n, x) => n + x.lines.length, 0);
      const body = m.hunks?.length
        ? diffBlock(m.hunks)
        : m.command
        ? h("pre", {}, m.command)
        : m.input !== undefined
        ? h("pre", {}, typeof m.input === "string" ? m.input : JSON.stringify(m.input, null, 2))
        : null;
      const li = h(
        "li",
        { class: "msg tool nav-msg", data: { call: m.callId ?? "" } },
        h(
          "details",
          { open: lineCount > 0 && lineCount <= 40 },
          h("summary", {}, h("span", { class: "name" }, m.name), " ", target),
          body,
        ),
      );
      if (m.callId) li.id = `call-${m.callId}`;
      return li;
    }
    case "result": {
      const lines = m.text.split("\n").length;
      return h(
        "li",
        { class: `msg result${m.isError ? " failed" : ""}` },
        h(
          "details",
          { open: !!m.isError },
          h(
            "summary",
            { class: "muted" },
            `${m.isError ? "error" : "result"} · ${lines} line${lines === 1 ? "" : "s"}`,
          ),
          h("pre", {}, m.text),
        ),
      );
    }
    default:
      return h("li", { class: "msg" }, JSON.stringify(m));
  }
}

async function viewSession(alive, id, call) {
  const info = await api(`/api/session/${enc(id)}`);
  if (!alive()) return;
  const meta = info.meta ?? {};
  const messages = h("ol", { class: "messages", id: "messages" });
  const earlier = h(
    "button",
    { type: "button", class: "pager", hidden: true },
    "Load earlier messages",
  );
  const sentinel = h("div", { class: "pager muted" });
  const range = h("span", { class: "muted" });
  const side = h(
    "aside",
    { class: "side" },
    h("h2", {}, `Commits (${info.commits.length})`),
    info.commits.length
      ? h(
        "ul",
        { id: "session-commits" },
        info.commits.map((c) =>
          h(
            "li",
            {},
            h("a", { href: "#/commits", title: c.sha }, h("code", {}, c.short)),
            " ",
            c.subject,
          )
        ),
      )
      : h("p", { class: "muted" }, "Not linked to a commit."),
    h("h2", {}, `Files (${info.files.length})`),
    h(
      "ul",
      { id: "session-files" },
      info.files.map((p) =>
        h(
          "li",
          {},
          p.startsWith("/") ? h("span", { class: "muted" }, p) : h("a", { href: fileHref(p) }, p),
        )
      ),
    ),
  );
  show(
    h("div", { class: "crumbs" }, h("a", { href: "#/sessions" }, "Sessions"), " › ", info.short),
    h("h1", {}, meta.title || info.id),
    h(
      "div",
      { class: "facts" },
      h("span", { class: "sid", hue: hue(info.id), title: info.id }, info.id),
      badge(info.location, false),
      meta.agent && h("span", {}, meta.agent),
      meta.model && h("span", {}, meta.model),
      meta.branch && h("span", {}, `on ${meta.branch}`),
      meta.startedAt && h("span", {}, when(meta.startedAt)),
      h("span", {}, `${info.total} messages`),
      range,
    ),
    h("div", { class: "session" }, side, h("div", {}, earlier, messages, sentinel)),
  );
  let first = Infinity;
  let next = 0;
  let loading = false;
  const updateRange = () => {
    range.textContent = info.total ? `showing ${first + 1}–${next}` : "";
    earlier.hidden = first === 0;
    sentinel.textContent = next < info.total
      ? "Loading more…"
      : info.total
      ? "End of session."
      : "No messages.";
  };
  const load = async (query) => {
    loading = true;
    try {
      const page = await api(`/api/session/${enc(info.id)}/messages?${query}`);
      if (!alive()) return null;
      return page;
    } finally {
      loading = false;
    }
  };
  const append = (page) => {
    messages.append(...page.messages.map(renderMessage));
    first = Math.min(first, page.offset);
    next = page.offset + page.messages.length;
    updateRange();
  };
  const initial = await load(call ? `call=${enc(call)}&limit=${PAGE}` : `offset=0&limit=${PAGE}`);
  if (!initial) return;
  append(initial);
  earlier.addEventListener("click", async () => {
    if (loading || first === 0) return;
    const offset = Math.max(0, first - PAGE);
    const page = await load(`offset=${offset}&limit=${first - offset}`);
    if (!page) return;
    const before = document.documentElement.scrollHeight;
    messages.prepend(...page.messages.map(renderMessage));
    first = offset;
    updateRange();
    globalThis.scrollBy(0, document.documentElement.scrollHeight - before);
  });
  const observer = new IntersectionObserver(async (entries) => {
    if (!entries.some((e) => e.isIntersecting) || loading || next >= info.total || !alive()) return;
    const page = await load(`offset=${next}&limit=${PAGE}`);
    if (page) append(page);
  }, { rootMargin: "800px" });
  observer.observe(sentinel);
  cleanup = () => observer.disconnect();
  if (call) {
    const target = document.getElementById(`call-${call}`);
    if (target) {
      target.classList.add("target");
      target.querySelector("details")?.setAttribute("open", "");
      target.scrollIntoView({ block: "center" });
      target.querySelector("summary")?.focus({ preventScroll: true });
    } else {
      sentinel.before(h("p", { class: "muted" }, "That tool call is not in this transcript."));
    }
  }
}

// ---------------------------------------------------------------- files and blame

async function viewFiles(alive) {
  const [files, sessions] = await Promise.all([api("/api/files"), api("/api/sessions")]);
  if (!alive()) return;
  const touched = new Map();
  for (const s of sessions) for (const p of s.files) touched.set(p, (touched.get(p) ?? 0) + 1);
  const filter = h("input", { type: "search", id: "q", placeholder: "Filter files  ( / )" });
  const list = h("ul", { class: "list", id: "file-list" });
  const draw = () => {
    const needle = filter.value;
    const shown = files.filter((p) => p.includes(needle)).slice(0, 2000);
    list.replaceChildren(
      ...shown.map((p) =>
        h(
          "li",
          {},
          h(
            "a",
            { class: "row nav-item", href: fileHref(p) },
            h("span", { class: "title mono" }, p),
            touched.get(p) &&
              h(
                "span",
                { class: "badge" },
                `${touched.get(p)} session${touched.get(p) === 1 ? "" : "s"}`,
              ),
          ),
        )
      ),
    );
  };
  filter.addEventListener("input", draw);
  show(
    h("h1", {}, "Files ", h("span", { class: "muted" }, `${files.length}`)),
    h("div", { class: "filters" }, filter),
    list,
  );
  draw();
}

function promptOf(data, s) {
  const session = data.sessions[s.id];
  const calls = s.toolCallIds ?? [];
  const found = calls.map((c) => session?.calls[c]).find(Boolean);
  const head =
    `Session ${session?.short ?? s.id.slice(0, 8)}${session?.agent ? ` · ${session.agent}` : ""}` +
    `${found ? ` · ${found.tool}` : ""}${s.match === "commit" ? " · via commit" : ""}`;
  const prompt = found?.prompt || session?.title || "";
  return prompt ? `${head}\n> ${prompt}` : head;
}

async function viewFile(alive, path) {
  const started = performance.now();
  const data = await api(`/api/file?path=${enc(path)}`);
  if (!alive()) return;
  const tip = h("div", { class: "tip", hidden: true, id: "tip" });
  const rows = document.createDocumentFragment();
  const lineInfo = [];
  for (const line of data.lines) {
    const s = line.sessions[0];
    const row = document.createElement("div");
    row.className = "bl";
    const ln = document.createElement("span");
    ln.className = "ln";
    ln.textContent = String(line.line);
    const by = document.createElement("span");
    by.className = "by";
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = line.content;
    if (s) {
      row.className = s.match === "commit" ? "bl tinted weak nav-line" : "bl tinted nav-line";
      row.style.setProperty("--h", String(hue(s.id)));
      row.tabIndex = -1;
      row.dataset.session = s.id;
      row.dataset.call = s.toolCallIds?.[0] ?? "";
      row.dataset.i = String(lineInfo.length);
      by.textContent = data.sessions[s.id]?.short ?? s.id.slice(0, 8);
      lineInfo.push(s);
    } else if (line.commit) {
      by.textContent = line.commit.slice(0, 7);
    }
    row.append(ln, by, code);
    rows.append(row);
  }
  const blame = h("div", { class: "blame", id: "blame" });
  blame.append(rows);
  const open = (row) => {
    if (row?.dataset.session) location.hash = sessionHref(row.dataset.session, row.dataset.call);
  };
  blame.addEventListener("click", (e) => open(e.target.closest(".bl")));
  blame.addEventListener("keydown", (e) => {
    if (e.key === "Enter") open(e.target.closest(".bl"));
  });
  blame.addEventListener("mouseover", (e) => {
    const row = e.target.closest(".bl.tinted");
    if (!row) {
      tip.hidden = true;
      return;
    }
    tip.textContent = promptOf(data, lineInfo[Number(row.dataset.i)]);
    tip.hidden = false;
    const box = row.getBoundingClientRect();
    tip.style.left = `${Math.min(e.clientX + 12, innerWidth - 540)}px`;
    tip.style.top = `${box.bottom + 4}px`;
  });
  blame.addEventListener("mouseleave", () => (tip.hidden = true));
  const ids = Object.keys(data.sessions);
  const attributed = lineInfo.length;
  show(
    h("div", { class: "crumbs" }, h("a", { href: "#/files" }, "Files"), " › ", path),
    h("h1", {}, path),
    h(
      "div",
      { class: "legend", id: "legend" },
      h(
        "span",
        { class: "muted" },
        `${data.lines.length} lines · ${attributed} from ${ids.length} session${
          ids.length === 1 ? "" : "s"
        }`,
      ),
      ids.map((id) => chip(id, data.sessions[id].short, data.sessions[id].title ?? id)),
    ),
    blame,
    tip,
  );
  main.dataset.renderMs = String(Math.round(performance.now() - started));
}

// ---------------------------------------------------------------- commits

async function viewCommits(alive) {
  const [commits, sessions] = await Promise.all([
    api(`/api/commits${allCommits ? "?all=1" : ""}`),
    api("/api/sessions"),
  ]);
  if (!alive()) return;
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const toggle = h("input", { type: "checkbox", id: "all-commits", checked: allCommits });
  toggle.addEventListener("change", () => {
    allCommits = toggle.checked;
    route();
  });
  const list = h(
    "ul",
    { class: "list", id: "commit-list" },
    commits.map((c) =>
      h(
        "li",
        { class: "row" },
        h("code", { title: c.sha }, c.short),
        h("span", { class: "title" }, c.subject),
        h("span", { class: "when" }, `${when(c.date.replace(/\+00:00$/, "Z"))} · ${c.author}`),
        c.sessions.map((id) => {
          const s = byId.get(id);
          return s
            ? h(
              "a",
              {
                class: "chip sid nav-item",
                hue: hue(id),
                href: sessionHref(id),
                title: s.title ?? id,
              },
              s.short,
              s.title ? ` ${clip(s.title, 40)}` : "",
            )
            : h("span", { class: "badge", title: id }, `${id.slice(0, 8)} (missing)`);
        }),
      )
    ),
  );
  if (!commits.length) {
    list.append(
      h(
        "li",
        { class: "row muted" },
        allCommits ? "No commits." : "No commit is linked to a session yet.",
      ),
    );
  }
  show(
    h("h1", {}, "Commits ", h("span", { class: "muted" }, `${commits.length}`)),
    h(
      "div",
      { class: "filters" },
      h("label", {}, toggle, " show every commit of HEAD, not only those with sessions"),
    ),
    list,
  );
}

// ---------------------------------------------------------------- routing and keys

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
    await fn(alive, ...match.slice(1));
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
