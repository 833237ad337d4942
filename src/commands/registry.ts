/** The table of subcommands: name → handler. */
import type { Command } from "../io/context.ts";
import { blame } from "./blame.ts";
import { completion } from "./completion.ts";
import { del } from "./delete.ts";
import { demo } from "./demo.ts";
import { doctor } from "./doctor.ts";
import { exportCommand } from "./export.ts";
import { fetch } from "./fetch.ts";
import { files } from "./files.ts";
import { gc } from "./gc.ts";
import { help } from "./help.ts";
import { hook } from "./hook.ts";
import { importCommand } from "./import.ts";
import { init } from "./init.ts";
import { install } from "./install.ts";
import { link } from "./link.ts";
import { list } from "./list.ts";
import { log } from "./log.ts";
import { push } from "./push.ts";
import { repair } from "./repair.ts";
import { share } from "./share.ts";
import { show } from "./show.ts";
import { stats } from "./stats.ts";
import { uninstall } from "./uninstall.ts";
import { unlink } from "./unlink.ts";
import { unshare } from "./unshare.ts";
import { version } from "./version.ts";
import { view } from "./view.ts";
import { web } from "./web.ts";
import { why } from "./why.ts";

/** Every command, in the order help lists them. */
export const COMMANDS: Command[] = [
  list,
  show,
  view,
  files,
  why,
  blame,
  log,
  stats,
  web,
  link,
  unlink,
  share,
  unshare,
  exportCommand,
  importCommand,
  del,
  gc,
  init,
  install,
  uninstall,
  doctor,
  repair,
  push,
  fetch,
  demo,
  hook,
  completion,
  help,
  version,
];

/** The command called `name`, if any. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
