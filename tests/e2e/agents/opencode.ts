/** OpenCode: `OPENCODE_CONFIG` → an `@ai-sdk/openai-compatible` provider, `opencode run`. */
import { join } from "node:path";
import { cachedNpmInstall } from "../clients.ts";
import { openaiChat } from "../servers/openai_chat.ts";
import { type Driver, DUMMY_KEY } from "./types.ts";

/**
 * OpenCode installs `@opencode-ai/plugin` into each config dir it loads (`~/.config/opencode/`
 * and the project's `.opencode/`: an npm install of ~60 MB, over a minute with a fresh HOME)
 * unless `node_modules` is there and `package.json` matches the lock. The suite installs it once
 * per version and links it into each sandbox.
 */
const PLUGIN_DEPS = "opencode-plugin-deps";

/** What OpenCode writes into the `.gitignore` of those dirs. */
const OPENCODE_GITIGNORE = "node_modules\npackage.json\npackage-lock.json\nbun.lock\n.gitignore";

/** Puts the cached plugin dependencies into one of OpenCode's config dirs. */
async function seedPluginDeps(deps: string, dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, ".gitignore"), OPENCODE_GITIGNORE);
  const { dependencies } = JSON.parse(await Deno.readTextFile(join(deps, "package.json")));
  await Deno.writeTextFile(
    join(dir, "package.json"),
    JSON.stringify({ dependencies }, null, 2) + "\n",
  );
  await Deno.copyFile(join(deps, "package-lock.json"), join(dir, "package-lock.json"));
  await Deno.symlink(join(deps, "node_modules"), join(dir, "node_modules"));
}

/** Dumps OpenCode's sessions (`~/.local/share/opencode/opencode.db`) as SQL, with sqlite3. */
async function dumpDatabase(home: string, out: string): Promise<void> {
  const db = join(home, ".local", "share", "opencode", "opencode.db");
  const dump = await new Deno.Command("sqlite3", {
    args: [db, ".dump project session message part"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!dump.success) throw new Error(`sqlite3: ${new TextDecoder().decode(dump.stderr).trim()}`);
  await Deno.writeFile(join(out, "opencode-db.sql"), dump.stdout);
}

/** The OpenCode driver. */
export const opencode: Driver = {
  name: "opencode",
  agent: "opencode",
  shape: openaiChat,
  quote: "'",
  sessions: ["main", "quiet", "failed"],
  editTool: "edit",
  recording: {
    dir: "opencode",
    transcripts: [],
    tool: (p) => {
      const tool = (p.input as { tool?: unknown } | undefined)?.tool;
      return typeof tool === "string" ? tool : null;
    },
    shellTool: "bash",
    extra: dumpDatabase,
  },
  dialect(action, id, _turn, repo) {
    switch (action.kind) {
      case "write":
        return {
          id,
          name: "write",
          args: { filePath: join(repo, action.path), content: action.content },
        };
      case "edit":
        return {
          id,
          name: "edit",
          args: { filePath: join(repo, action.path), oldString: action.old, newString: action.new },
        };
      case "read":
        return { id, name: "read", args: { filePath: join(repo, action.path) } };
      case "shell":
        return {
          id,
          name: "bash",
          args: { command: action.command, description: action.description },
        };
    }
  },
  async prepare(clientDir, version) {
    await cachedNpmInstall(join(clientDir, PLUGIN_DEPS), [`@opencode-ai/plugin@${version}`]);
  },
  async setup({ box, url, clientDir }) {
    const deps = join(clientDir, PLUGIN_DEPS);
    await seedPluginDeps(deps, join(box.repo, ".opencode"));
    await seedPluginDeps(deps, join(box.env.XDG_CONFIG_HOME!, "opencode"));
    const config = join(box.root, "opencode.json");
    await Deno.writeTextFile(
      config,
      JSON.stringify({
        provider: {
          e2e: {
            npm: "@ai-sdk/openai-compatible",
            name: "e2e",
            options: { baseURL: `${url}/v1`, apiKey: DUMMY_KEY },
            models: { "e2e-model": { name: "e2e-model" } },
          },
        },
        model: "e2e/e2e-model",
        permission: { edit: "allow", bash: "allow" },
        autoupdate: false,
        share: "disabled",
      }),
    );
    return {
      OPENCODE_CONFIG: config,
      OPENCODE_DISABLE_MODELS_FETCH: "1",
      OPENCODE_DISABLE_AUTOUPDATE: "1",
      OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
    };
  },
  argv(prompt) {
    return ["run", "--print-logs", "--model", "e2e/e2e-model", prompt];
  },
};
