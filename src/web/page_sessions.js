// The sessions view: search, filters and the list.
import { api, badge, enc, failure, h, hue, sessionHref, show, when } from "./page_dom.js";

const filters = { q: "", agent: "", file: "", from: "", to: "" };

/** The sessions view: full-text search plus agent, file and date filters. */
export async function viewSessions(alive) {
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
