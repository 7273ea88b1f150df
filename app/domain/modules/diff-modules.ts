// What changed between two module documents, page by page, for reviewers and
// for the module history. Pure: no database, no server imports, so the same
// code runs in tests, loaders and the browser.
//
// Pages are matched by their stable id, so a page keeps its identity when it
// is moved or edited. Old data may have pages without an id (or, after a
// copy and paste, two pages with the same id): such a page is matched by
// position instead, with the unmatched page at the same place on the other
// side, and otherwise counts as removed or added.
import type { Node as PMNode } from "@tiptap/pm/model";
import { cleanModuleDoc, outlineOf } from "./module-document";
import type { ModuleDocJSON } from "./module-schema";

export type DiffSegment = { kind: "same" | "added" | "removed"; text: string };
export type TextDiff = { changed: boolean; segments: DiffSegment[] };
export type PartDiff = TextDiff & { formattingOnly: boolean };
export type PageChange = "added" | "removed" | "changed" | "unchanged";

export type PageDiff = {
  /** Unique within one diff, for rendering lists. */
  key: string;
  id: string | null;
  change: PageChange;
  /** Its place among the pages both versions share changed. */
  moved: boolean;
  /** 1-based; null for an added page. */
  oldPosition: number | null;
  /** 1-based; null for a removed page. */
  newPosition: number | null;
  /** Changed, but only bold, italic or links: the words are the same. */
  formattingOnly: boolean;
  matchedBy: "id" | "position" | null;
  title: TextDiff;
  context: TextDiff;
  question: TextDiff;
};

export type ModuleDiff = {
  introduction: PartDiff;
  takeaways: PartDiff;
  /** In the new order, each removed page shown after the page it used to follow. */
  pages: PageDiff[];
  counts: { added: number; removed: number; changed: number; moved: number; unchanged: number };
  hasChanges: boolean;
  /** One line for people, e.g. "2 pages changed, 1 added, 1 moved." */
  summary: string;
};

// Bounds on the word diff, so a very long text cannot tie up the server:
// beyond them the changed middle is shown as wholly removed, then added.
export const MAX_WORD_EDITS = 1000;
const MAX_DIFF_WORK = 20_000_000;

/** Words (with inner apostrophes), runs of whitespace, and single other characters. */
const TOKEN = /\s+|[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** A word-level diff of two texts. */
export function diffText(before: string, after: string, { maxEdits = MAX_WORD_EDITS }: { maxEdits?: number } = {}): TextDiff {
  if (before === after) return { changed: false, segments: before ? [{ kind: "same", text: before }] : [] };
  const a = tokenize(before);
  const b = tokenize(after);
  // Common start and end cost nothing and keep the search small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const midA = a.slice(start, a.length - end);
  const midB = b.slice(start, b.length - end);
  const limit = Math.min(maxEdits, Math.floor(MAX_DIFF_WORK / Math.max(1, midA.length + midB.length)));
  const middle = myersDiff(midA, midB, limit) ?? [
    ...midA.map((text) => ({ kind: "removed" as const, text })),
    ...midB.map((text) => ({ kind: "added" as const, text })),
  ];
  const ops: DiffSegment[] = [
    ...a.slice(0, start).map((text) => ({ kind: "same" as const, text })),
    ...middle,
    ...a.slice(a.length - end).map((text) => ({ kind: "same" as const, text })),
  ];
  return { changed: true, segments: groupChanges(ops) };
}

/**
 * Myers' O((N+M)D) shortest edit script over tokens, or null when it needs
 * more than `limit` insertions and deletions.
 */
function myersDiff(a: string[], b: string[], limit: number): DiffSegment[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(limit, n + m);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(a, b, trace);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): DiffSegment[] {
  const ops: DiffSegment[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    // trace[d - 1] holds diagonals -(d-1)..(d-1).
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      y--;
      ops.push({ kind: "same", text: a[--x]! });
    }
    if (prevK === k + 1) ops.push({ kind: "added", text: b[--y]! });
    else ops.push({ kind: "removed", text: a[--x]! });
  }
  // d = 0: what is left is a run of equal tokens.
  while (x > 0) ops.push({ kind: "same", text: a[--x]! });
  return ops.reverse();
}

/**
 * Merges tokens into segments and, within each run of changes, shows all the
 * removed words before all the added ones; whitespace between two changes
 * joins them, so a rewritten phrase reads as one deletion and one insertion.
 */
function groupChanges(ops: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let removed = "";
  let added = "";
  const push = (kind: DiffSegment["kind"], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  const flush = () => {
    push("removed", removed);
    push("added", added);
    removed = added = "";
  };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === "removed") removed += op.text;
    else if (op.kind === "added") added += op.text;
    else {
      const inChange = removed !== "" || added !== "";
      const next = ops[i + 1];
      if (inChange && /^\s+$/.test(op.text) && next && next.kind !== "same") {
        removed += op.text;
        added += op.text;
      } else {
        flush();
        push("same", op.text);
      }
    }
  }
  flush();
  return out;
}

const wholly = (kind: "added" | "removed", text: string): TextDiff => ({ changed: text !== "", segments: text ? [{ kind, text }] : [] });

type Page = { id: string | null; title: string; context: string; question: string; content: string };
type Parts = { introduction: string; introductionJson: string; takeaways: string; takeawaysJson: string; pages: Page[] };

function partsOf(json: ModuleDocJSON): Parts {
  const doc = cleanModuleDoc(json);
  const outline = outlineOf(doc);
  const nodes: Record<string, PMNode[]> = { introduction: [], page: [], takeaways: [] };
  doc.forEach((child) => nodes[child.type.name]?.push(child));
  const asJson = (node: PMNode | undefined) => JSON.stringify(node?.content.toJSON() ?? null);
  return {
    introduction: outline.introduction,
    introductionJson: asJson(nodes.introduction![0]),
    takeaways: outline.takeaways.join("\n"),
    takeawaysJson: asJson(nodes.takeaways![0]),
    pages: outline.pages.map((p, i) => ({ ...p, content: asJson(nodes.page![i]) })),
  };
}

function diffPart(before: string, beforeJson: string, after: string, afterJson: string): PartDiff {
  const text = diffText(before, after);
  return { ...text, changed: text.changed || beforeJson !== afterJson, formattingOnly: !text.changed && beforeJson !== afterJson };
}

/** Ids that name exactly one page in this list; only those are trusted for matching. */
function uniqueIds(pages: Page[]): Set<string> {
  const seen = new Map<string, number>();
  for (const p of pages) if (p.id) seen.set(p.id, (seen.get(p.id) ?? 0) + 1);
  return new Set([...seen].filter(([, count]) => count === 1).map(([id]) => id));
}

type Pair = { oldIndex: number; newIndex: number; by: "id" | "position" };

function matchPages(before: Page[], after: Page[]): Pair[] {
  const beforeIds = uniqueIds(before);
  const afterIds = uniqueIds(after);
  const oldIndexById = new Map<string, number>();
  before.forEach((p, i) => p.id && beforeIds.has(p.id) && oldIndexById.set(p.id, i));
  const pairs: Pair[] = [];
  const oldMatched = new Set<number>();
  const newMatched = new Set<number>();
  after.forEach((p, j) => {
    const i = p.id && afterIds.has(p.id) ? oldIndexById.get(p.id) : undefined;
    if (i === undefined) return;
    pairs.push({ oldIndex: i, newIndex: j, by: "id" });
    oldMatched.add(i);
    newMatched.add(j);
  });
  // Fallback for pages without a trustworthy id: the unmatched page at the same place.
  const trusted = (p: Page, ids: Set<string>) => p.id !== null && ids.has(p.id);
  after.forEach((p, j) => {
    const old = before[j];
    if (newMatched.has(j) || !old || oldMatched.has(j)) return;
    if (trusted(p, afterIds) && trusted(old, beforeIds)) return;
    pairs.push({ oldIndex: j, newIndex: j, by: "position" });
    oldMatched.add(j);
    newMatched.add(j);
  });
  return pairs.sort((x, y) => x.oldIndex - y.oldIndex);
}

/**
 * Which pairs keep their relative order: a longest chain of pairs increasing
 * in both old and new position (the LCS of the shared pages); the rest are
 * the pages that moved. Among equally long chains it keeps the pages that
 * stayed nearest their old place, so the page that was dragged is the one
 * called moved. Quadratic, which is fine for the pages of one module.
 */
function inOrder(pairs: Pair[]): Set<Pair> {
  const length: number[] = [];
  const cost: number[] = [];
  const previous: number[] = [];
  let best = -1;
  pairs.forEach((pair, i) => {
    length[i] = 1;
    cost[i] = Math.abs(pair.newIndex - pair.oldIndex);
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if (pairs[j]!.newIndex >= pair.newIndex) continue;
      const l = length[j]! + 1;
      const c = cost[j]! + Math.abs(pair.newIndex - pair.oldIndex);
      if (l > length[i]! || (l === length[i]! && c < cost[i]!)) {
        length[i] = l;
        cost[i] = c;
        previous[i] = j;
      }
    }
    if (best < 0 || length[i]! > length[best]! || (length[i] === length[best] && cost[i]! < cost[best]!)) best = i;
  });
  const kept = new Set<Pair>();
  for (let i = best; i >= 0; i = previous[i]!) kept.add(pairs[i]!);
  return kept;
}

const keyOf = (page: Page, side: "old" | "new", index: number) => `${side}-${index}-${page.id ?? ""}`;

function addedPage(page: Page, newIndex: number): PageDiff {
  return {
    key: keyOf(page, "new", newIndex),
    id: page.id,
    change: "added",
    moved: false,
    oldPosition: null,
    newPosition: newIndex + 1,
    formattingOnly: false,
    matchedBy: null,
    title: wholly("added", page.title),
    context: wholly("added", page.context),
    question: wholly("added", page.question),
  };
}

function removedPage(page: Page, oldIndex: number): PageDiff {
  return {
    key: keyOf(page, "old", oldIndex),
    id: page.id,
    change: "removed",
    moved: false,
    oldPosition: oldIndex + 1,
    newPosition: null,
    formattingOnly: false,
    matchedBy: null,
    title: wholly("removed", page.title),
    context: wholly("removed", page.context),
    question: wholly("removed", page.question),
  };
}

function matchedPage(before: Page, after: Page, pair: Pair, moved: boolean): PageDiff {
  const title = diffText(before.title, after.title);
  const context = diffText(before.context, after.context);
  const question = diffText(before.question, after.question);
  const textChanged = title.changed || context.changed || question.changed;
  const formatChanged = before.content !== after.content;
  return {
    key: keyOf(after, "new", pair.newIndex),
    id: after.id,
    change: textChanged || formatChanged ? "changed" : "unchanged",
    moved,
    oldPosition: pair.oldIndex + 1,
    newPosition: pair.newIndex + 1,
    formattingOnly: !textChanged && formatChanged,
    matchedBy: pair.by,
    title,
    context,
    question,
  };
}

/** The changes from `before` (null for a module never published) to `after`. */
export function diffModules(before: ModuleDocJSON | null, after: ModuleDocJSON): ModuleDiff {
  const next = partsOf(after);
  const prev: Parts = before ? partsOf(before) : { introduction: "", introductionJson: "null", takeaways: "", takeawaysJson: "null", pages: [] };
  const pairs = matchPages(prev.pages, next.pages);
  const kept = inOrder(pairs);
  const pairByNew = new Map(pairs.map((p) => [p.newIndex, p]));
  const matchedOld = new Set(pairs.map((p) => p.oldIndex));

  // A removed page is shown after the page that preceded it before, wherever that page is now.
  const removedAfter = new Map<number, PageDiff[]>();
  let anchor = -1;
  prev.pages.forEach((page, i) => {
    if (matchedOld.has(i)) {
      anchor = i;
      return;
    }
    const list = removedAfter.get(anchor) ?? [];
    list.push(removedPage(page, i));
    removedAfter.set(anchor, list);
  });

  const pages: PageDiff[] = [...(removedAfter.get(-1) ?? [])];
  next.pages.forEach((page, j) => {
    const pair = pairByNew.get(j);
    if (!pair) {
      pages.push(addedPage(page, j));
      return;
    }
    pages.push(matchedPage(prev.pages[pair.oldIndex]!, page, pair, !kept.has(pair)));
    pages.push(...(removedAfter.get(pair.oldIndex) ?? []));
  });

  const introduction = before
    ? diffPart(prev.introduction, prev.introductionJson, next.introduction, next.introductionJson)
    : { ...wholly("added", next.introduction), formattingOnly: false };
  const takeaways = before
    ? diffPart(prev.takeaways, prev.takeawaysJson, next.takeaways, next.takeawaysJson)
    : { ...wholly("added", next.takeaways), formattingOnly: false };
  const counts = {
    added: pages.filter((p) => p.change === "added").length,
    removed: pages.filter((p) => p.change === "removed").length,
    changed: pages.filter((p) => p.change === "changed").length,
    moved: pages.filter((p) => p.moved).length,
    unchanged: pages.filter((p) => p.change === "unchanged").length,
  };
  const hasChanges = introduction.changed || takeaways.changed || counts.added + counts.removed + counts.changed + counts.moved > 0;
  return { introduction, takeaways, pages, counts, hasChanges, summary: summarise(counts, introduction.changed, takeaways.changed) };
}

/** "2 pages changed, 1 added, 1 moved; the introduction changed." */
function summarise({ changed, added, removed, moved }: ModuleDiff["counts"], introductionChanged: boolean, takeawaysChanged: boolean): string {
  const pageParts = (
    [
      [changed, "changed"],
      [added, "added"],
      [removed, "removed"],
      [moved, "moved"],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, what], i) => (i === 0 ? `${count} ${count === 1 ? "page" : "pages"} ${what}` : `${count} ${what}`));
  const parts = [pageParts.join(", ")].filter(Boolean);
  if (introductionChanged) parts.push("the introduction changed");
  if (takeawaysChanged) parts.push("the take-aways changed");
  if (parts.length === 0) return "No changes.";
  const line = parts.join("; ");
  return `${line[0]!.toUpperCase()}${line.slice(1)}.`;
}
