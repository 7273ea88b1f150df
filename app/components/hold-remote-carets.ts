// While someone presses the mouse in the editor, other people's caret
// updates are held back. Redrawing them dispatches a transaction, and
// ProseMirror then writes its (not yet updated) selection back into the page,
// undoing the click: the caret jumped to where it was and the next words
// landed there. The held redraw happens on mouse-up, after ProseMirror has
// read the click.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { yCursorPluginKey } from "@tiptap/y-tiptap";

const key = new PluginKey("holdRemoteCarets");
/** How long after mouse-up the hold lasts. */
const SETTLE_MS = 60;

export const HoldRemoteCarets = Extension.create({
  name: "holdRemoteCarets",
  addProseMirrorPlugins() {
    let pressed = false;
    let held = false;
    return [
      new Plugin({
        key,
        filterTransaction(tr) {
          // Only the caret plugin's own redraws: never a change to the text or the selection.
          const caretOnly = !tr.docChanged && !tr.selectionSet && tr.getMeta(yCursorPluginKey)?.awarenessUpdated === true;
          if (pressed && caretOnly) {
            held = true;
            return false;
          }
          return true;
        },
        view(view) {
          const down = () => {
            pressed = true;
          };
          const up = () => {
            if (!pressed) return;
            // ProseMirror reads a click's selection on the selectionchange that
            // follows mouse-up, so the hold lasts a moment longer.
            setTimeout(() => {
              pressed = false;
              if (!held || view.isDestroyed) return;
              held = false;
              view.dispatch(view.state.tr.setMeta(yCursorPluginKey, { awarenessUpdated: true }));
            }, SETTLE_MS);
          };
          view.dom.addEventListener("mousedown", down);
          document.addEventListener("mouseup", up);
          return {
            destroy() {
              view.dom.removeEventListener("mousedown", down);
              document.removeEventListener("mouseup", up);
            },
          };
        },
      }),
    ];
  },
});
