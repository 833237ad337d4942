/** The scripted scenario every agent plays: what the model "does", independent of any API shape. */

/** One thing the model asks the client to do. */
export type Action =
  | { kind: "write"; path: string; content: string }
  | { kind: "edit"; path: string; old: string; new: string }
  | { kind: "read"; path: string }
  | { kind: "shell"; command: string; description: string };

/** One model turn: optional words, then at most one tool call (none = the final answer). */
export interface Step {
  text?: string;
  action?: Action;
}

/** A session: the prompt that starts it and the model's turns. */
export interface SessionScript {
  /** Short name used in logs and check labels. */
  name: "main" | "quiet" | "failed";
  prompt: string;
  steps: Step[];
}

/** The quote style of the script's Python (the OpenCode, Cline and Copilot runs use single quotes). */
export type Quote = '"' | "'";

/** The app the main session writes, with the given quote style. */
export function appSource(q: Quote): string {
  return [
    "def greet(name):",
    `    return ${q}Hello, ${q} + name`,
    "",
    "",
    "def main():",
    `    print(greet(${q}world${q}))`,
    "",
    "",
    `if __name__ == ${q}__main__${q}:`,
    "    main()",
    "",
  ].join("\n");
}

/** Line 2 before and after the main session's edit. */
export function greetLine(q: Quote): { before: string; after: string } {
  return {
    before: `    return ${q}Hello, ${q} + name`,
    after: `    return f${q}Hello, {name}!${q}`,
  };
}

/** The function the quiet session adds, above `def main():`. */
export function farewellSource(q: Quote): string {
  return `def farewell(name):\n    return f${q}Goodbye, {name}!${q}\n\n\ndef main():`;
}

/** The file every session works on. */
export const APP = "src/app.py";

/** Prompts, distinct enough that the model server can tell which session a request belongs to. */
export const PROMPTS = {
  main:
    "Create a tiny Python greeting app in src/app.py, make the greeting an f-string, then commit it with the message 'add app'.",
  quiet:
    "Add a farewell function to src/app.py and commit it quietly with the message 'add farewell'.",
  failed: "Commit again with the message 'nothing yet', then stop.",
} as const;

/** The final answers, so checks can look for them. */
export const ANSWERS = {
  main: 'Done: src/app.py greets with an f-string and is committed as "add app".',
  quiet: 'Added farewell() and committed it quietly as "add farewell".',
  failed: "There was nothing to commit.",
} as const;

/** The three sessions, with the agent's quote style (paths are repository-relative). */
export function sessions(q: Quote): SessionScript[] {
  const greet = greetLine(q);
  return [
    {
      name: "main",
      prompt: PROMPTS.main,
      steps: [
        {
          text: "I'll create src/app.py with a greet function and a main entry point.",
          action: { kind: "write", path: APP, content: appSource(q) },
        },
        {
          text: "Switching the greeting to an f-string.",
          action: { kind: "edit", path: APP, old: greet.before, new: greet.after },
        },
        {
          text: "Committing.",
          action: {
            kind: "shell",
            command: 'git add -A && git commit -m "add app"',
            description: "Commit the new app",
          },
        },
        { text: ANSWERS.main },
      ],
    },
    {
      name: "quiet",
      prompt: PROMPTS.quiet,
      steps: [
        { text: "Reading src/app.py first.", action: { kind: "read", path: APP } },
        {
          text: "Adding farewell() above main().",
          action: { kind: "edit", path: APP, old: "def main():", new: farewellSource(q) },
        },
        {
          text: "Committing quietly.",
          action: {
            kind: "shell",
            command: 'git add -A && git commit -qm "add farewell"',
            description: "Commit quietly",
          },
        },
        { text: ANSWERS.quiet },
      ],
    },
    {
      name: "failed",
      prompt: PROMPTS.failed,
      steps: [
        {
          action: {
            kind: "shell",
            command: 'git commit -m "nothing yet"',
            description: "Commit again",
          },
        },
        { text: ANSWERS.failed },
      ],
    },
  ];
}
