// @vitest-environment happy-dom
// The comments panel beside the draft editor, in a browser-like DOM with
// fetch answering for the comments route: what someone typed stays in
// the box when the post fails, and goes only once the comment is stored;
// an unreachable server is a message in the panel, never an error page.
import { createElement } from "react";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { DraftComments } from "../../app/components/draft-comments";
import { i18nFor } from "../../app/domain/i18n/translators";

// React warns unless it knows it runs under act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Stored = { id: string; body: string };
type Answer = "refuse" | "store" | "unreachable";

/**
 * Renders the panel with `fetch` answering like the comments route: the
 * list from what is stored, and each post by the next answer in line.
 */
function renderPanel(answers: Answer[]) {
  const stored: Stored[] = [];
  const posted: string[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  let offline = false;
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    expect(url).toBe("/modules/a-draft/comments");
    if (offline) throw new TypeError("Failed to fetch");
    if (!init?.method || init.method === "GET") {
      return json({
        ok: true,
        canComment: true,
        viewer: { id: "me", timeZone: "UTC" },
        threadsByPage: {
          p1: stored.map((c) => ({ ...c, parentId: null, pageId: "p1", authorId: "me", authorName: "Me", hidden: false, createdAt: "2030-01-01T00:00:00Z", resolvedAt: null, resolvedByName: null, replies: [] })),
        },
      });
    }
    const body = String(new URLSearchParams(String(init.body)).get("body"));
    posted.push(body);
    const answer = answers.shift();
    if (answer === "unreachable") throw new TypeError("Failed to fetch");
    if (answer === "refuse") return json({ ok: false, formError: "We could not store your comment. Please try again.", fieldErrors: {}, values: { body } }, 400);
    stored.push({ id: `c${stored.length + 1}`, body });
    return json({ ok: true, commentId: `c${stored.length}` });
  });
  const container = document.createElement("div");
  document.body.append(container);
  let root: Root;
  act(() => {
    root = createRoot(container);
    // As on a page in English: the panel's words come from the catalogues.
    root.render(createElement(I18nextProvider, { i18n: i18nFor("en") }, createElement(DraftComments, { slug: "a-draft", pageId: "p1", pageTitle: "Page 1", canComment: true })));
  });
  return {
    container,
    posted,
    stored,
    goOffline: () => (offline = true),
    unmount: () => act(() => root.unmount()),
  };
}

async function settle() {
  for (let i = 0; i < 10; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
}

function type(textarea: HTMLTextAreaElement, value: string) {
  // React listens for "input" and reads the value through the native setter.
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(textarea), "value")!.set!;
  act(() => {
    setter.call(textarea, value);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

const newCommentBox = (container: HTMLElement) => [...container.querySelectorAll("textarea")].at(-1)! as HTMLTextAreaElement;

async function post(container: HTMLElement) {
  const button = [...container.querySelectorAll("button")].find((b) => b.textContent === "Post comment")!;
  await act(async () => button.click());
  await settle();
}

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

test("a comment that could not be stored stays in the box with the reason; a stored one clears it and appears", async () => {
  const panel = renderPanel(["refuse", "store"]);
  await settle();
  expect(panel.container.textContent).toContain("No comments on this page yet.");

  type(newCommentBox(panel.container), "Shorten this question.\nIt runs to three lines.");
  await post(panel.container);
  expect(panel.posted).toEqual(["Shorten this question.\nIt runs to three lines."]);
  expect(newCommentBox(panel.container).value).toBe("Shorten this question.\nIt runs to three lines.");
  expect(panel.container.textContent).toContain("We could not store your comment. Please try again.");

  await post(panel.container);
  expect(panel.stored.map((c) => c.body)).toEqual(["Shorten this question.\nIt runs to three lines."]);
  expect(newCommentBox(panel.container).value).toBe("");
  expect(panel.container.querySelector(".comment__body")?.textContent).toBe("Shorten this question.\nIt runs to three lines.");
  panel.unmount();
});

test("unsent text survives the panel closing and opening again", async () => {
  const first = renderPanel([]);
  await settle();
  type(newCommentBox(first.container), "Half a thought");
  first.unmount();

  const again = renderPanel([]);
  await settle();
  expect(newCommentBox(again.container).value).toBe("Half a thought");
  again.unmount();
});

test("when Roundtable cannot be reached, the panel says so and keeps the comment to send again", async () => {
  const panel = renderPanel(["unreachable", "store"]);
  await settle();
  type(newCommentBox(panel.container), "Written on the train.");
  await post(panel.container);
  expect(newCommentBox(panel.container).value).toBe("Written on the train.");
  expect(panel.container.textContent).toContain("We could not reach Roundtable just now. What you wrote is kept here");

  await post(panel.container);
  expect(panel.stored.map((c) => c.body)).toEqual(["Written on the train."]);
  expect(newCommentBox(panel.container).value).toBe("");
  panel.unmount();
});

test("offline, a post that fails keeps the comments already shown and the text typed", async () => {
  const panel = renderPanel(["store"]);
  await settle();
  type(newCommentBox(panel.container), "Keep this one.");
  await post(panel.container);
  expect(panel.container.querySelector(".comment__body")?.textContent).toBe("Keep this one.");
  panel.goOffline();
  type(newCommentBox(panel.container), "And this.");
  await post(panel.container);
  expect(panel.container.querySelector(".comment__body")?.textContent).toBe("Keep this one.");
  expect(newCommentBox(panel.container).value).toBe("And this.");
  panel.unmount();
});
