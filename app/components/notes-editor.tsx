// The live editor for a break-out's notes: the same collaboration, saving
// and presence as a module draft (ModuleEditor and collab-session.ts), with
// the notes schema and a toolbar for what notes need.
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { notesExtensions } from "~/domain/open-space/notes-schema";
import type { AccessCheck, CollabUser, EditorAccess } from "./collab-session";
import { ModuleEditor, type EditorKind } from "./module-editor";
import { useTranslation } from "react-i18next";

const BREAKOUT_NOTES: EditorKind = {
  extensions: notesExtensions,
  toolbar: (editor) => <NotesToolbar editor={editor} />,
  label: "reunions:notes.editorLabel",
  viewerNote: "reunions:notes.viewerNote",
  noAccessNote: "reunions:notes.noAccessNote",
};

export function NotesEditor(props: { documentName: string; access: EditorAccess; user: CollabUser; checkAccess: AccessCheck }) {
  return <ModuleEditor {...props} kind={BREAKOUT_NOTES} />;
}

function NotesToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation("reunions");
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      heading: e.isActive("heading", { level: 2 }),
      bullets: e.isActive("bulletList"),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      canBold: e.can().toggleBold(),
      canItalic: e.can().toggleItalic(),
    }),
  });
  return (
    <div className="draft-toolbar-wrap">
      <div className="draft-toolbar" role="toolbar" aria-label={t("notes.toolbar.label")}>
        <div className="draft-toolbar__group" role="group" aria-label={t("notes.toolbar.structure")}>
          <button type="button" aria-pressed={state.heading} onClick={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}>
            {t("notes.toolbar.heading")}
          </button>
          <button type="button" aria-pressed={state.bullets} onClick={() => editor.chain().focus().toggleBulletList().run()}>
            {t("notes.toolbar.bullets")}
          </button>
        </div>
        <div className="draft-toolbar__group" role="group" aria-label={t("notes.toolbar.text")}>
          <button type="button" aria-pressed={state.bold} disabled={!state.canBold} onClick={() => editor.chain().focus().toggleBold().run()}>
            <strong>{t("notes.toolbar.bold")}</strong>
          </button>
          <button type="button" aria-pressed={state.italic} disabled={!state.canItalic} onClick={() => editor.chain().focus().toggleItalic().run()}>
            <em>{t("notes.toolbar.italic")}</em>
          </button>
        </div>
      </div>
    </div>
  );
}
