/** Conversation messages for imported Agent Trace records, so `view` shows what an import holds. */
import { arr, num, obj, str } from "./json.ts";
import type { Message } from "./model.ts";
import { IMPORT_LINE_TYPE } from "./import_trace.ts";

/** Messages for a transcript line that keeps an imported record (ours, or the original tool's stub); null for other lines. */
export function importedMessages(value: unknown): Message[] | null {
  const line = obj(value);
  const record = line?.type === IMPORT_LINE_TYPE
    ? obj(line.record)
    : line?.type === "import"
    ? obj(line.trace)
    : undefined;
  if (!record) return null;
  const revision = str(obj(record.vcs)?.revision);
  const tool = obj(record.tool);
  const head = [
    `Imported Agent Trace record ${str(record.id) ?? "(no id)"}`,
    tool ? ` from ${str(tool.name) ?? "?"} ${str(tool.version) ?? ""}`.trimEnd() : "",
    revision ? ` for commit ${revision.slice(0, 7)}` : "",
  ].join("");
  const files = arr(record.files).flatMap((f) => {
    const file = obj(f);
    const path = str(file?.path);
    if (!path) return [];
    const conversations = arr(file!.conversations).map(obj);
    const ranges = conversations.flatMap((c) => arr(c?.ranges).map(obj)).flatMap((r) => {
      const start = num(r?.start_line);
      const end = num(r?.end_line);
      return start === undefined
        ? []
        : [end !== undefined && end !== start ? `${start}-${end}` : `${start}`];
    });
    const contributors = conversations.flatMap((
      c,
    ) => [c?.contributor, ...arr(c?.ranges).map((r) => obj(r)?.contributor)]);
    const model = contributors.map((c) => str(obj(c)?.model_id)).find(Boolean);
    return [
      `  ${path}${ranges.length ? `: lines ${ranges.join(", ")}` : ""}${
        model ? ` (${model})` : ""
      }`,
    ];
  });
  const time = str(record.timestamp) ?? str(line!.timestamp);
  return [{
    kind: "text",
    text: [head, ...files].join("\n"),
    imported: true,
    ...(time ? { time } : {}),
  }];
}
