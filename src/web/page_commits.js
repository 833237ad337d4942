// Commits with the sessions linked to them.
import { api, clip, h, hue, sessionHref, show, when } from "./page_dom.js";

let allCommits = false;

/** The commits view: linked commits (or all of HEAD's) with their sessions. */
export async function viewCommits(alive) {
  const [commits, sessions] = await Promise.all([
    api(`/api/commits${allCommits ? "?all=1" : ""}`),
    api("/api/sessions"),
  ]);
  if (!alive()) return;
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const toggle = h("input", { type: "checkbox", id: "all-commits", checked: allCommits });
  toggle.addEventListener("change", () => {
    allCommits = toggle.checked;
    globalThis.dispatchEvent(new Event("hashchange"));
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
        c.sessions.map((id, i) => {
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
            : h("span", { class: "badge", title: id }, `${c.shorts[i]} (missing)`);
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
