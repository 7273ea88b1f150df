// The draft editor's toolbar: only what the module schema allows (pages,
// their questions, bold, italic, safe links), as real buttons with names.
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { isSafeLinkHref } from "~/domain/modules/module-schema";
import {
  addPage,
  canDeletePage,
  canMovePage,
  deletePage,
  goToQuestion,
  movePage,
  pageAtSelection,
  pageHasText,
  whereInModule,
} from "./module-page-commands";

/** Shown only while the draft can be edited; readers need no tools. */
export function ModuleEditorToolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      return {
        where: whereInModule(e.state),
        canMoveUp: canMovePage(e.state, -1),
        canMoveDown: canMovePage(e.state, 1),
        canDelete: canDeletePage(e.state),
        canBold: e.can().toggleBold(),
        canItalic: e.can().toggleItalic(),
        canLink: e.can().setLink({ href: "https://example.org" }),
        bold: e.isActive("bold"),
        italic: e.isActive("italic"),
        link: e.isActive("link"),
        linkHref: (e.getAttributes("link").href as string | undefined) ?? "",
      };
    },
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const { t } = useTranslation("modules");

  const confirmDelete = () => {
    const page = pageAtSelection(editor.state);
    if (!page) return;
    const title = page.node.firstChild?.textContent.trim();
    if (pageHasText(page.node) && !window.confirm(title ? t("toolbar.deleteTitled", { title }) : t("toolbar.deleteUntitled"))) return;
    deletePage(editor);
  };

  return (
    <div className="draft-toolbar-wrap">
      <div className="draft-toolbar" role="toolbar" aria-label={t("toolbar.label")}>
        <span className="draft-toolbar__where" aria-live="polite">
          {t(`toolbar.where.${state.where.key}`, { page: state.where.page, pages: state.where.pages })}
        </span>
        <div className="draft-toolbar__group" role="group" aria-label={t("toolbar.pages")}>
          <button type="button" onClick={() => addPage(editor)}>
            {t("toolbar.addPage")}
          </button>
          <button type="button" disabled={!state.canMoveUp} onClick={() => movePage(editor, -1)}>
            {t("toolbar.moveUp")}
          </button>
          <button type="button" disabled={!state.canMoveDown} onClick={() => movePage(editor, 1)}>
            {t("toolbar.moveDown")}
          </button>
          <button type="button" disabled={!state.canDelete} onClick={confirmDelete}>
            {t("toolbar.deletePage")}
          </button>
          <button type="button" onClick={() => goToQuestion(editor)}>
            {t("toolbar.goToQuestion")}
          </button>
        </div>
        <div className="draft-toolbar__group" role="group" aria-label={t("toolbar.text")}>
          <button
            type="button"
            aria-pressed={state.bold}
            disabled={!state.canBold}
            onClick={() => editor.chain().focus().toggleBold().run()}
          >
            <strong>{t("toolbar.bold")}</strong>
          </button>
          <button
            type="button"
            aria-pressed={state.italic}
            disabled={!state.canItalic}
            onClick={() => editor.chain().focus().toggleItalic().run()}
          >
            <em>{t("toolbar.italic")}</em>
          </button>
          <button
            type="button"
            aria-pressed={state.link}
            aria-expanded={linkOpen}
            disabled={(!state.canLink && !state.link)}
            onClick={() => setLinkOpen((open) => !open)}
          >
            {t("toolbar.link")}
          </button>
        </div>
      </div>
      {linkOpen ? <LinkForm editor={editor} currentHref={state.linkHref} onDone={() => setLinkOpen(false)} /> : null}
    </div>
  );
}

/** Adds, changes or removes the link on the selected words; keeps what was typed when it is refused. */
function LinkForm({ editor, currentHref, onDone }: { editor: Editor; currentHref: string; onDone: () => void }) {
  const id = useId();
  const [href, setHref] = useState(currentHref);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { t } = useTranslation("modules");

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const value = href.trim();
    if (!isSafeLinkHref(value)) {
      setError(t("toolbar.errors.href"));
      input.current?.focus();
      return;
    }
    if (editor.state.selection.empty && !editor.isActive("link")) {
      setError(t("toolbar.errors.select"));
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: value }).run();
    onDone();
  };

  return (
    <form className="draft-link-form" onSubmit={apply} noValidate>
      <div className={`field${error ? " field--invalid" : ""}`}>
        <label htmlFor={`${id}-href`}>{t("toolbar.linkAddress")}</label>
        <input
          ref={input}
          id={`${id}-href`}
          type="text"
          inputMode="url"
          autoComplete="url"
          autoFocus
          placeholder="https://"
          value={href}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setHref(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") onDone();
          }}
        />
        {error ? (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <div className="draft-link-form__actions">
        <button type="submit">{t("toolbar.applyLink")}</button>
        {currentHref ? (
          <button
            type="button"
            className="button--secondary"
            onClick={() => {
              editor.chain().focus().extendMarkRange("link").unsetLink().run();
              onDone();
            }}
          >
            {t("toolbar.removeLink")}
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={onDone}>
          {t("toolbar.cancel")}
        </button>
      </div>
    </form>
  );
}
