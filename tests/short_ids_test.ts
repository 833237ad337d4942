import { shortIds } from "../src/core/session_id.ts";
import { assertEquals, assertMatch, assertNotIncludes } from "./helpers/assert.ts";
import { legacySession, promptLine } from "./helpers/legacy_session.ts";
import { tempRepo } from "./helpers/temp_repo.ts";

// Real ids recorded from OpenCode and Cline: they share 9 and 14 characters.
const OPENCODE = ["ses_dd62373e2ffeDbq9vaS60E9A2Y", "ses_dd62388d1ffeFQq44JVACRaZJq"];
const CLINE = ["conv_1795998660286_4a4uu8y", "conv_1795998668264_dbi2stu"];
const CLAUDE = "7b3c9e2a-4f1d-4c8b-9a6e-2d5f8c1b0e34";

Deno.test("shortIds(): the shortest prefix no other id shares, at least 8 characters", () => {
  const short = shortIds([...OPENCODE, ...CLINE, CLAUDE, "abc", "abcdefghij"]);
  assertEquals(OPENCODE.map(short), ["ses_dd6237", "ses_dd6238"]);
  assertEquals(CLINE.map(short), ["conv_1795998660", "conv_1795998668"]);
  assertEquals(short(CLAUDE), "7b3c9e2a");
  assertEquals([short("abc"), short("abcdefghij")], ["abc", "abcdefgh"]);
  // An id that is not among the known ones is measured against them too.
  assertEquals(short("ses_dd6237ffff"), "ses_dd6237f");
  assertEquals(shortIds([])(CLAUDE), "7b3c9e2a");
});

Deno.test("ids that share 8 characters are shown by their shortest unique prefix everywhere, and resolve back", async () => {
  await using repo = await tempRepo();
  await repo.commit("one", { "a.txt": "one\n" });
  for (const [i, id] of [...OPENCODE, ...CLINE].entries()) {
    await legacySession(repo, id, { transcript: promptLine(`prompt number ${i}`) + "\n" });
  }
  const list = await repo.atrace(["list"]);
  for (const shown of ["ses_dd6237 ", "ses_dd6238 ", "conv_1795998660 ", "conv_1795998668 "]) {
    assertMatch(list.stdout, new RegExp(`^  ${shown}`, "m"));
  }
  const view = await repo.atrace(["view", "ses_dd6238"]);
  assertEquals(view.code, 0, view.stderr);
  assertMatch(view.stdout, /prompt number 1/);
  const files = await repo.atrace(["files", "conv_1795998668"]);
  assertMatch(files.stdout, /^Files in session: conv_1795998668 \[local\]/);
  const show = await repo.atrace(["show", "a.txt"]);
  assertMatch(show.stdout, /^ {2}ses_dd6237 /m);

  const linked = await repo.atrace(["link", OPENCODE[0]!]);
  assertMatch(linked.stdout, /^Linked ses_dd6237 to commit [0-9a-f]{7}/);
  await repo.atrace(["link", CLINE[1]!]);
  const log = await repo.atrace(["log"]);
  assertMatch(log.stdout, /\u21b3 ses_dd6237\n/);
  assertMatch(log.stdout, /\u21b3 conv_1795998668\n/);
  const blame = await repo.atrace(["blame", "a.txt"]);
  assertMatch(blame.stdout, /\) ~ses_dd6237,~conv_1795998668 one\n$/);
  assertNotIncludes(list.stdout + log.stdout + blame.stdout, "ses_dd62 ");

  const unlinked = await repo.atrace(["unlink", "conv_1795998668"]);
  assertMatch(unlinked.stdout, /^Unlinked conv_1795998668 from commit/);
  for (const ext of ["jsonl", "files", "timestamp"]) {
    await Deno.remove(`${repo.dir}/.git/trace/sessions/${OPENCODE[1]}.${ext}`);
  }
  // With its neighbour gone, eight characters name the remaining OpenCode session again.
  assertMatch((await repo.atrace(["list"])).stdout, /^ {2}ses_dd62 /m);
});

Deno.test("completion offers ids by their shortest unique prefix", async () => {
  await using repo = await tempRepo();
  await repo.commit("one", { "a.txt": "one\n" });
  for (const id of OPENCODE) await legacySession(repo, id);
  const words = await repo.atrace(["completion", "words", "ses_", "view"]);
  assertEquals(words.stdout, "ses_dd6237\nses_dd6238\n");
  const longer = await repo.atrace(["completion", "words", "ses_dd62373e", "view"]);
  assertEquals(longer.stdout, `${OPENCODE[0]}\n`);
});
