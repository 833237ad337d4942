// The files list and a file's blame, each line tinted by the session that wrote it.
import { api, chip, enc, fileHref, h, hue, main, sessionHref, show } from "./page_dom.js";

let onlyTouched = false;

/** The files view: tracked files, with how many sessions touched each. */
export async function viewFiles(alive) {
  const [files, sessions] = await Promise.all([api("/api/files"), api("/api/sessions")]);
  if (!alive()) return;
  const touched = new Map();
  for (const s of sessions) for (const p of s.files) touched.set(p, (touched.get(p) ?? 0) + 1);
  const filter = h("input", { type: "search", id: "q", placeholder: "Filter files  ( / )" });
  const only = h("input", { type: "checkbox", id: "only-touched", checked: onlyTouched });
  const list = h("ul", { class: "list", id: "file-list" });
  const draw = () => {
    const needle = filter.value;
    const shown = files.filter((p) => p.includes(needle) && (!only.checked || touched.has(p)))
      .slice(0, 2000);
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
  only.addEventListener("change", () => {
    onlyTouched = only.checked;
    draw();
  });
  show(
    h("h1", {}, "Files ", h("span", { class: "muted" }, `${files.length}`)),
    h(
      "div",
      { class: "filters" },
      filter,
      h("label", {}, only, " only files touched by a session"),
    ),
    list,
  );
  draw();
}

function promptOf(data, s) {
  const session = data.sessions[s.id];
  const calls = s.toolCallIds ?? [];
  const found = calls.map((c) => session?.calls[c]).find(Boolean);
  const head =
    `Session ${session?.short ?? data.shorts[s.id]}${session?.agent ? ` · ${session.agent}` : ""}` +
    `${found ? ` · ${found.tool}` : ""}${s.match === "commit" ? " · via commit" : ""}`;
  const prompt = found?.prompt || session?.title || "";
  return prompt ? `${head}\n> ${prompt}` : head;
}

/** The commit column: message, author and date on the first line of each run of one commit (other
 * lines have no cell: the code keeps its column). */
function commitCell(data, line, previous) {
  if (line.commit === previous) return null;
  const cell = document.createElement("span");
  cell.className = "commit";
  const c = line.commit ? data.commits[line.commit] : null;
  if (!c) {
    if (line.commit === null) cell.textContent = "Not committed yet";
    return cell;
  }
  cell.title = `${line.commit.slice(0, 7)} · ${c.author} · ${c.date}\n${c.summary}`;
  cell.textContent = `${c.summary} · ${c.author}, ${c.date.slice(0, 10)}`;
  return cell;
}

/** A file's blame: lines tinted by session, the prompt on hover, click → the tool call. */
export async function viewFile(alive, path) {
  const started = performance.now();
  const data = await api(`/api/file?path=${enc(path)}`);
  if (!alive()) return;
  const fetched = performance.now();
  const tip = h("div", { class: "tip", hidden: true, id: "tip" });
  const rows = document.createDocumentFragment();
  const lineInfo = [];
  let previous;
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
    const commit = commitCell(data, line, previous);
    previous = line.commit;
    if (s) {
      row.className = s.match === "commit" ? "bl tinted weak nav-line" : "bl tinted nav-line";
      row.style.setProperty("--h", String(hue(s.id)));
      row.tabIndex = -1;
      row.dataset.session = s.id;
      row.dataset.call = s.toolCallIds?.[0] ?? "";
      row.dataset.i = String(lineInfo.length);
      by.textContent = data.sessions[s.id]?.short ?? data.shorts[s.id];
      lineInfo.push(line.sessions);
    } else {
      by.textContent = line.commit ? line.commit.slice(0, 7) : "uncommitted";
    }
    if (commit) row.append(ln, by, commit, code);
    else row.append(ln, by, code);
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
    tip.textContent = lineInfo[Number(row.dataset.i)].map((x) => promptOf(data, x)).join("\n\n");
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
  main.dataset.fetchMs = String(Math.round(fetched - started));
  main.dataset.renderMs = String(Math.round(performance.now() - fetched));
}
