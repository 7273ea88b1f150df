// The co-authoring editor for a module's working draft: who is here, whether
// the connection is live and whether every change is saved, and the TipTap
// editor bound to the shared Yjs document. All of it starts in an effect,
// so the server render shows only the frame.
import type { Editor, Extensions } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { Link, useBlocker } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { translateMessage } from "~/domain/i18n/message";
import { MODULE_YJS_FIELD, moduleExtensions } from "~/domain/modules/module-schema";
import { openCollabSession, type AccessCheck, type CollabSession, type CollabUser, type EditorAccess, type Peer } from "./collab-session";
import { reconnectSeconds, saveState, type CollabProblem, type Connection } from "./collab-status";
import { focusAfter } from "./focus-after";
import { HoldRemoteCarets } from "./hold-remote-carets";
import { ModuleEditorToolbar } from "./module-editor-toolbar";
import { pageAtSelection, pageNumber } from "./module-page-commands";

export type ModuleEditorProps = {
  documentName: string;
  access: EditorAccess;
  user: CollabUser;
  checkAccess: AccessCheck;
  /** Told which page holds the cursor, for the page's comments beside the editor. */
  onPageChange?: (page: EditorPage | null) => void;
  /** Another kind of collaborative document (break-out notes): its schema, tools and wording. */
  kind?: EditorKind;
};

/** What differs between kinds of collaborative document; the connection, saving and presence do not. */
export type EditorKind = {
  extensions: Extensions;
  toolbar: (editor: Editor) => ReactNode;
  /** The editing surface's accessible name. The three texts are sentences or catalogue keys. */
  label: string;
  viewerNote: string;
  noAccessNote: string;
};

const MODULE_DRAFT: EditorKind = {
  extensions: moduleExtensions,
  toolbar: (editor) => <ModuleEditorToolbar editor={editor} />,
  label: "modules:editor.label",
  viewerNote: "modules:editor.viewerNote",
  noAccessNote: "modules:editor.noAccessNote",
};

/** The connection as the status bar shows it, and as a screen reader is told it (without the countdown, which ticks every second). */
function useConnectionWords() {
  const { t } = useTranslation("modules");
  return {
    shown: (connection: Connection, reconnectAt: number | null, now: number) =>
      connection === "waiting" ? t("editor.connection.waiting", { seconds: reconnectSeconds(reconnectAt, now) }) : t(`editor.connection.${connection}`),
    spoken: (connection: Connection) => t(`editor.connection.${connection === "waiting" ? "offline" : connection}`),
  };
}

export type EditorPage = { id: string; number: number; title: string };

export function ModuleEditor(props: ModuleEditorProps) {
  const { documentName, access, user, checkAccess, onPageChange, kind = MODULE_DRAFT } = props;
  const [session, setSession] = useState<CollabSession | null>(null);
  const { t } = useTranslation("modules");
  useEffect(() => {
    const opened = openCollabSession({ documentName, user, access, checkAccess });
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
    // The user object is rebuilt on each render; its fields are what matter.
  }, [documentName, user.id, user.name, user.color, access]);

  if (!session) {
    return (
      <div className="draft-editor">
        <div className="draft-editor__header">
          <StatusBar connection={t("editor.connection.connecting")} spokenConnection={t("editor.connection.connecting")} save={null} peers={[]} />
        </div>
        <p className="draft-editor__waiting">{t("editor.opening")}</p>
      </div>
    );
  }
  return <LiveEditor key={documentName} session={session} user={user} onPageChange={onPageChange} kind={kind} />;
}

function LiveEditor({
  session,
  user,
  onPageChange,
  kind,
}: {
  session: CollabSession;
  user: CollabUser;
  onPageChange?: (page: EditorPage | null) => void;
  kind: EditorKind;
}) {
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  const now = useClock(snap.connection === "waiting");
  const { t, i18n } = useTranslation("modules");
  const words = useConnectionWords();
  const isEditor = snap.access === "edit";
  // Typing stays possible offline; only problems that make saving impossible stop it.
  const editable = isEditor && snap.ready && (snap.problem === null || snap.problem === "unreachable");
  const save = isEditor && snap.ready ? t(`editor.save.${saveState(snap.saved, snap.connection)}`) : null;

  useEffect(() => {
    if (!isEditor || snap.saved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue to show their own "Leave site?" question.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isEditor, snap.saved]);
  // Links inside the portal do not fire beforeunload, so they ask too.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => isEditor && !snap.saved && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    const leave = window.confirm(t("editor.leave"));
    if (leave) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);

  const statusBar = (
    <StatusBar
      connection={words.shown(snap.connection, snap.reconnectAt, now)}
      spokenConnection={words.spoken(snap.connection)}
      save={save}
      // Others are only known while connected; alone, "here now" would be just you.
      peers={snap.connection === "live" ? snap.peers : []}
      onReconnect={snap.retrying && snap.connection !== "live" && snap.problem !== "no-access" && snap.problem !== "signed-out" ? session.reconnectNow : undefined}
    />
  );
  const notes = (
    <>
      {snap.problem ? <ProblemNote problem={snap.problem} ready={snap.ready} saved={snap.saved} noAccessNote={translateMessage(i18n, kind.noAccessNote)} /> : null}
      {!isEditor ? <p className="notice draft-editor__note">{translateMessage(i18n, kind.viewerNote)}</p> : null}
    </>
  );
  return (
    <div className="draft-editor">
      {snap.ready ? (
        <DraftSurface session={session} user={user} editable={editable} statusBar={statusBar} notes={notes} onPageChange={onPageChange} kind={kind} />
      ) : (
        <>
          <div className="draft-editor__header">{statusBar}</div>
          {notes}
          {snap.problem ? null : <p className="draft-editor__waiting">{t("editor.opening")}</p>}
        </>
      )}
    </div>
  );
}

function DraftSurface({
  session,
  user,
  editable,
  statusBar,
  notes,
  onPageChange,
  kind,
}: {
  session: CollabSession;
  user: CollabUser;
  editable: boolean;
  statusBar: ReactNode;
  notes: ReactNode;
  onPageChange?: (page: EditorPage | null) => void;
  kind: EditorKind;
}) {
  const { t, i18n } = useTranslation("modules");
  const editor = useEditor(
    {
      extensions: [
        ...kind.extensions,
        Collaboration.configure({ document: session.doc, field: MODULE_YJS_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user }),
        HoldRemoteCarets,
      ],
      editable,
      immediatelyRender: false,
      editorProps: {
        attributes: { class: "draft-editor__content", "aria-label": translateMessage(i18n, kind.label), role: "textbox", "aria-multiline": "true" },
        // Tab may belong to the editor (it indents a bullet list), so Escape is the way out for the keyboard.
        handleKeyDown: (view, event) => event.key === "Escape" && focusAfter(view.dom),
      },
    },
    [session],
  );
  useEffect(() => {
    if (!editor || !onPageChange) return;
    let last = "";
    const report = () => {
      const at = pageAtSelection(editor.state);
      const id = (at?.node.attrs.id as string | null | undefined) ?? null;
      const page = at && id ? { id, number: pageNumber(editor.state.doc, at.index), title: at.node.child(0).textContent } : null;
      const key = page ? `${page.id} ${page.number} ${page.title}` : "";
      if (key === last) return;
      last = key;
      onPageChange(page);
    };
    report();
    editor.on("selectionUpdate", report);
    editor.on("update", report);
    return () => {
      editor.off("selectionUpdate", report);
      editor.off("update", report);
    };
  }, [editor, onPageChange]);
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
    editor?.view.dom.setAttribute("aria-readonly", String(!editable));
  }, [editor, editable]);

  return (
    <>
      {/* Status and tools stay in view together while scrolling a long draft. */}
      <div className="draft-editor__header">
        {statusBar}
        {editor && editable ? kind.toolbar(editor) : null}
      </div>
      {notes}
      {editor ? <EditorContent editor={editor} className="draft-editor__surface" /> : <p className="draft-editor__waiting">{t("editor.opening")}</p>}
    </>
  );
}

function StatusBar({
  connection,
  spokenConnection,
  save,
  peers,
  onReconnect,
}: {
  connection: string;
  spokenConnection: string;
  save: string | null;
  peers: Peer[];
  onReconnect?: () => void;
}) {
  const { t } = useTranslation("modules");
  return (
    <div className="draft-status">
      <p className="draft-status__line">
        <span className="draft-status__connection" data-testid="connection-status" data-state={connection} aria-hidden="true">
          {connection}
        </span>
        {/* Read out when it changes ("Offline", "Live"); the visible countdown would be read every second. */}
        <span className="visually-hidden" role="status" data-testid="connection-announcement">
          {spokenConnection}
        </span>
        {onReconnect ? (
          <button type="button" className="link-button" onClick={onReconnect}>
            {t("editor.tryNow")}
          </button>
        ) : null}
        {save ? (
          <span className="draft-status__save" data-testid="save-status" role="status">
            {save}
          </span>
        ) : null}
      </p>
      {peers.length ? (
        <div className="draft-presence">
          <span className="draft-presence__label" id="here-now">
            {t("editor.hereNow")}
          </span>
          <ul aria-labelledby="here-now">
            {peers.map((peer) => (
              <li key={peer.id}>
                <span className="draft-presence__dot" style={{ background: peer.color }} aria-hidden="true" />
                {peer.self ? t("editor.you", { name: peer.name }) : peer.name}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function ProblemNote({ problem, ready, saved, noAccessNote }: { problem: CollabProblem; ready: boolean; saved: boolean; noAccessNote: string }) {
  const { t } = useTranslation("modules");
  const kept = ready && !saved ? ` ${t("editor.problems.kept")}` : "";
  switch (problem) {
    case "unreachable":
      return (
        <p className="form-error" role="alert">
          {t("editor.problems.unreachable")}
        </p>
      );
    case "no-access":
      return (
        <p className="form-error" role="alert">
          {noAccessNote}
          {kept}
        </p>
      );
    case "signed-out":
      return (
        <p className="form-error" role="alert">
          <Trans t={t} i18nKey="editor.problems.signedOut" components={{ a: <Link to={`/login?redirectTo=${encodeURIComponent(currentPath())}`} /> }} />
          {kept}
        </p>
      );
    case "too-large":
      return (
        <p className="form-error" role="alert">
          {t("editor.problems.tooLarge")}
        </p>
      );
    case "refused":
      return (
        <p className="form-error" role="alert">
          {t("editor.problems.refused")}
        </p>
      );
  }
}

function currentPath() {
  return typeof window === "undefined" ? "/" : window.location.pathname;
}

/** The current time, ticking while a countdown is shown. */
function useClock(ticking: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
