/** `deno task manpage`: regenerates docs/git-atrace.1 from the commands' help data. */
import { loadAllCommands } from "../src/commands/registry.ts";
import { renderManPage } from "../src/core/manpage.ts";
import { VERSION } from "../src/version.ts";

await Deno.writeTextFile(
  new URL("../docs/git-atrace.1", import.meta.url),
  renderManPage(VERSION, await loadAllCommands()),
);
