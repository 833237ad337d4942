// One session: prompts, answers, tool calls with diffs, paged as the reader scrolls.
import { api, badge, enc, fileHref, h, hue, PAGE, show, when } from "./page_dom.js";

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
        h(
          "div",
          { class: "who" },
          m.imported ? "Imported record" : m.model ? `Assistant · ${m.model}` : "Assistant",
        ),
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

/** One session, opened at the page holding tool call `call` when given; returns its cleanup. */
export async function viewSession(alive, id, call) {
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
      badge(info.location, info.shared),
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
  // A page that fails to load says so where the next one would appear (not in the console only).
  const reportTo = (el) => (err) => (el.textContent = `error: ${err.message}`);
  earlier.addEventListener("click", () => loadEarlier().catch(reportTo(earlier)));
  const loadEarlier = async () => {
    if (loading || first === 0) return;
    const offset = Math.max(0, first - PAGE);
    const page = await load(`offset=${offset}&limit=${first - offset}`);
    if (!page) return;
    const before = document.documentElement.scrollHeight;
    messages.prepend(...page.messages.map(renderMessage));
    first = offset;
    updateRange();
    globalThis.scrollBy(0, document.documentElement.scrollHeight - before);
  };
  const loadNext = async () => {
    const page = await load(`offset=${next}&limit=${PAGE}`);
    if (page) append(page);
  };
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting) || loading || next >= info.total || !alive()) return;
    loadNext().catch(reportTo(sentinel));
  }, { rootMargin: "800px" });
  observer.observe(sentinel);
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
  return () => observer.disconnect();
}
