// @vitest-environment happy-dom
// The comments panel beside the draft editor, in a browser-like DOM with a
// router standing in for the comments route: what someone typed stays in
// the box when the post fails, and goes only once the comment is stored.
import { createElement } from "react";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { DraftComments } from "../../app/components/draft-comments";

// React warns unless it knows it runs under act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Stored = { id: string; body: string };

function renderPanel(answers: ("refuse" | "store")[]) {
  const stored: Stored[] = [];
  const posted: string[] = [];
  const router = createMemoryRouter(
    [
      { path: "/modules/:slug/edit", element: createElement(DraftComments, { slug: "a-draft", pageId: "p1", pageTitle: "Page 1", canComment: true }) },
      {
        path: "/modules/:slug/comments",
        loader: () => ({
          ok: true,
          canComment: true,
          viewer: { id: "me", timeZone: "UTC" },
          threadsByPage: {
            p1: stored.map((c) => ({ ...c, parentId: null, pageId: "p1", authorId: "me", authorName: "Me", hidden: false, createdAt: "2030-01-01T00:00:00Z", resolvedAt: null, resolvedByName: null, replies: [] })),
          },
        }),
        action: async ({ request }) => {
          const body = String((await request.formData()).get("body"));
          posted.push(body);
          if (answers.shift() === "refuse") return { ok: false, formError: "We could not store your comment. Please try again.", fieldErrors: {}, values: { body } };
          stored.push({ id: `c${stored.length + 1}`, body });
          return { ok: true, commentId: `c${stored.length}` };
        },
      },
    ],
    { initialEntries: ["/modules/a-draft/edit"] },
  );
  const container = document.createElement("div");
  document.body.append(container);
  let root: Root;
  act(() => {
    root = createRoot(container);
    root.render(createElement(RouterProvider, { router, future: { v7_startTransition: true } }));
  });
  return { container, posted, stored, unmount: () => act(() => root.unmount()) };
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
