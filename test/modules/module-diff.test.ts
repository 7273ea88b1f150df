// Comparing two versions of a module page by page: which pages were added,
// removed, changed or moved, and which words changed inside a page.
import { diffModules, diffText, type ModuleDiff, type PageDiff } from "../../app/domain/modules/diff-modules";
import type { ModuleDocJSON } from "../../app/domain/modules/module-schema";

type PageSpec = { id?: string | null; title: string; context?: string; question?: string };

const text = (t: string) => (t ? [{ type: "text", text: t }] : undefined);

function doc(pages: PageSpec[], { intro = "Welcome to the module.", takeaways = ["One thing I will try is…"] } = {}): ModuleDocJSON {
  return {
    type: "doc",
    content: [
      { type: "introduction", content: [{ type: "paragraph", content: text(intro) }] },
      ...pages.map((p) => ({
        type: "page",
        ...(p.id === null ? {} : { attrs: { id: p.id ?? p.title.toLowerCase().replace(/\s+/g, "-") } }),
        content: [
          { type: "pageTitle", content: text(p.title) },
          { type: "pageContext", content: [{ type: "paragraph", content: text(p.context ?? `Context of ${p.title}.`) }] },
          { type: "question", content: text(p.question ?? `What does ${p.title} ask?`) },
        ],
      })),
      { type: "takeaways", content: takeaways.map((t) => ({ type: "takeawayPrompt", content: text(t) })) },
    ],
  } as ModuleDocJSON;
}

const pages = (...titles: string[]) => titles.map((title) => ({ title }));

/** Each page as "title:change", with "moved a→b" when it moved. */
const shape = (diff: ModuleDiff) =>
  diff.pages.map((p) => {
    const title = (p.change === "removed" ? p.title.segments : p.title.segments.filter((s) => s.kind !== "removed")).map((s) => s.text).join("");
    return `${title}:${p.change}${p.moved ? ` moved ${p.oldPosition}→${p.newPosition}` : ""}`;
  });

const page = (diff: ModuleDiff, id: string): PageDiff => {
  const found = diff.pages.find((p) => p.id === id);
  if (!found) throw new Error(`no page ${id}`);
  return found;
};

test("identical documents show no changes", () => {
  const a = doc(pages("One", "Two", "Three"));
  const diff = diffModules(a, structuredClone(a));
  expect(diff.hasChanges).toBe(false);
  expect(diff.summary).toBe("No changes.");
  expect(shape(diff)).toEqual(["One:unchanged", "Two:unchanged", "Three:unchanged"]);
  expect(diff.introduction.changed).toBe(false);
  expect(diff.takeaways.changed).toBe(false);
  expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0, moved: 0, unchanged: 3 });
});

test("a new module shows everything as added", () => {
  const diff = diffModules(null, doc(pages("One", "Two"), { intro: "Hello group." }));
  expect(shape(diff)).toEqual(["One:added", "Two:added"]);
  expect(diff.introduction.segments).toEqual([{ kind: "added", text: "Hello group." }]);
  expect(diff.takeaways.segments).toEqual([{ kind: "added", text: "One thing I will try is…" }]);
  expect(page(diff, "one").question.segments).toEqual([{ kind: "added", text: "What does One ask?" }]);
  expect(diff.pages.map((p) => [p.oldPosition, p.newPosition])).toEqual([
    [null, 1],
    [null, 2],
  ]);
  expect(diff.summary).toBe("2 pages added; the introduction changed; the take-aways changed.");
});

test("an added page is added, and the pages after it are not counted as moved", () => {
  const diff = diffModules(doc(pages("One", "Two", "Three")), doc(pages("One", "New", "Two", "Three")));
  expect(shape(diff)).toEqual(["One:unchanged", "New:added", "Two:unchanged", "Three:unchanged"]);
  expect(page(diff, "three")).toMatchObject({ oldPosition: 3, newPosition: 4, moved: false });
  expect(diff.summary).toBe("1 page added.");
});

test("a removed page is shown where it was, with all its text removed", () => {
  const diff = diffModules(doc(pages("One", "Two", "Three")), doc(pages("One", "Three")));
  expect(shape(diff)).toEqual(["One:unchanged", "Two:removed", "Three:unchanged"]);
  const removed = page(diff, "two");
  expect(removed).toMatchObject({ oldPosition: 2, newPosition: null, moved: false });
  expect(removed.context.segments).toEqual([{ kind: "removed", text: "Context of Two." }]);
  expect(diff.summary).toBe("1 page removed.");
});

test("removing the first page keeps it first in the list", () => {
  const diff = diffModules(doc(pages("One", "Two")), doc(pages("Two")));
  expect(shape(diff)).toEqual(["One:removed", "Two:unchanged"]);
});

test("a changed page shows the words that changed in its title, context and question", () => {
  const before = doc([{ title: "Listening", context: "We listen to answer.", question: "When did you last listen fully?" }]);
  const after = doc([{ id: "listening", title: "Listening well", context: "We listen to understand.", question: "When did you last listen fully?" }]);
  const diff = diffModules(before, after);
  const p = page(diff, "listening");
  expect(p.change).toBe("changed");
  expect(p.title.segments).toEqual([
    { kind: "same", text: "Listening" },
    { kind: "added", text: " well" },
  ]);
  expect(p.context.segments).toEqual([
    { kind: "same", text: "We listen to " },
    { kind: "removed", text: "answer" },
    { kind: "added", text: "understand" },
    { kind: "same", text: "." },
  ]);
  expect(p.question).toEqual({ changed: false, segments: [{ kind: "same", text: "When did you last listen fully?" }] });
  expect(diff.summary).toBe("1 page changed.");
});

test("a page moved to the end is the only one marked moved, with its old and new place", () => {
  const diff = diffModules(doc(pages("One", "Two", "Three", "Four", "Five")), doc(pages("One", "Two", "Four", "Five", "Three")));
  expect(shape(diff)).toEqual(["One:unchanged", "Two:unchanged", "Four:unchanged", "Five:unchanged", "Three:unchanged moved 3→5"]);
  expect(diff.summary).toBe("1 page moved.");
  expect(diff.hasChanges).toBe(true);
});

test("swapping two pages marks one of them moved", () => {
  const diff = diffModules(doc(pages("One", "Two", "Three")), doc(pages("One", "Three", "Two")));
  const moved = diff.pages.filter((p) => p.moved);
  expect(moved).toHaveLength(1);
  // Either page may be the one that moved; both readings are equally short.
  expect([
    ["One:unchanged", "Three:unchanged", "Two:unchanged moved 2→3"],
    ["One:unchanged", "Three:unchanged moved 3→2", "Two:unchanged"],
  ]).toContainEqual(shape(diff));
  expect(diff.counts).toMatchObject({ moved: 1, unchanged: 3 });
});

test("a page can be moved and changed at once", () => {
  const before = doc([{ title: "One" }, { title: "Two", question: "Who decides?" }, { title: "Three" }]);
  const after = doc([{ title: "Two", question: "Who decides, and how?" }, { title: "One" }, { title: "Three" }]);
  const diff = diffModules(before, after);
  expect(diff.counts).toMatchObject({ changed: 1, moved: 1, unchanged: 2 });
  const moved = diff.pages.find((p) => p.moved)!;
  // Either of the first two pages may be the one that moved; both readings are minimal.
  expect(["one", "two"]).toContain(moved.id);
  expect(page(diff, "two").question.segments).toEqual([
    { kind: "same", text: "Who decides" },
    { kind: "added", text: ", and how" },
    { kind: "same", text: "?" },
  ]);
});

test("added, removed, changed and moved pages together give one summary line", () => {
  const before = doc([{ title: "A" }, { title: "B" }, { title: "C" }, { title: "D", context: "Old words." }, { title: "E", context: "Plain." }]);
  const after = doc([{ title: "A" }, { title: "D", context: "New words." }, { title: "C" }, { title: "E", context: "Plainer." }, { title: "F" }]);
  const diff = diffModules(before, after);
  expect(shape(diff)).toEqual(["A:unchanged", "B:removed", "D:changed moved 4→2", "C:unchanged", "E:changed", "F:added"]);
  expect(diff.summary).toBe("2 pages changed, 1 added, 1 removed, 1 moved.");
});

test("a page whose id changed counts as removed and added", () => {
  const diff = diffModules(doc([{ id: "old", title: "Same" }]), doc([{ id: "new", title: "Same" }]));
  expect(shape(diff)).toEqual(["Same:removed", "Same:added"]);
});

test("pages without an id (older data) are matched by their place", () => {
  const before = doc([{ id: null, title: "One" }, { id: null, title: "Two" }]);
  const after = doc([{ id: null, title: "One" }, { id: null, title: "Two, revised" }, { id: null, title: "Three" }]);
  const diff = diffModules(before, after);
  expect(shape(diff)).toEqual(["One:unchanged", "Two, revised:changed", "Three:added"]);
  expect(diff.pages.slice(0, 2).map((p) => p.matchedBy)).toEqual(["position", "position"]);
});

test("the introduction and take-aways are compared as text", () => {
  const before = doc(pages("One"), { intro: "Meet as a group.", takeaways: ["What will you try?", "Who will you tell?"] });
  const after = doc(pages("One"), { intro: "Meet as a small group.", takeaways: ["What will you try?"] });
  const diff = diffModules(before, after);
  expect(diff.introduction.segments).toEqual([
    { kind: "same", text: "Meet as a " },
    { kind: "added", text: "small " },
    { kind: "same", text: "group." },
  ]);
  expect(diff.takeaways.segments).toEqual([
    { kind: "same", text: "What will you try?" },
    { kind: "removed", text: "\nWho will you tell?" },
  ]);
  expect(diff.summary).toBe("The introduction changed; the take-aways changed.");
});

test("making a word bold is a change even though the words are the same", () => {
  const before = doc(pages("One"));
  const after = structuredClone(before);
  const question = (after.content![1]!.content![2]!.content![0] as { marks?: unknown[] });
  question.marks = [{ type: "bold" }];
  const diff = diffModules(before, after);
  expect(page(diff, "one")).toMatchObject({ change: "changed", formattingOnly: true });
  expect(diff.summary).toBe("1 page changed.");
});

describe("the word diff", () => {
  test("a rewritten phrase reads as one removal followed by one addition", () => {
    expect(diffText("We meet on Monday morning at nine.", "We meet on Friday afternoon at nine.").segments).toEqual([
      { kind: "same", text: "We meet on " },
      { kind: "removed", text: "Monday morning" },
      { kind: "added", text: "Friday afternoon" },
      { kind: "same", text: " at nine." },
    ]);
  });

  test("both texts can always be read back from the segments", () => {
    const words = ["team", "trust", "the", "a", "listen", ",", " ", "\n", "  "];
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const sentence = () => Array.from({ length: Math.floor(random() * 25) }, () => words[Math.floor(random() * words.length)]).join("");
    for (let i = 0; i < 300; i++) {
      const [a, b] = [sentence(), sentence()];
      const { segments } = diffText(a, b, { maxEdits: i % 3 === 0 ? 3 : undefined });
      expect(segments.filter((s) => s.kind !== "added").map((s) => s.text).join("")).toBe(a);
      expect(segments.filter((s) => s.kind !== "removed").map((s) => s.text).join("")).toBe(b);
    }
  });

  test("beyond the bound, the changed part is shown as wholly removed and then added", () => {
    const before = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
    const after = Array.from({ length: 3000 }, (_, i) => `v${i}`).join(" ");
    const started = performance.now();
    const { segments } = diffText(before, after);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(segments).toEqual([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  });
});
