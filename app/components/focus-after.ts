// Moving the keyboard focus past an element, for editors that keep Tab for
// themselves (a bullet list indents with Tab): Escape leaves the editor.

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "summary",
  "[contenteditable=true]",
  "[tabindex]:not([tabindex='-1'])",
].join(", ");

/** Focuses the first visible control after `element` and outside it in the page's order; returns whether there was one. */
export function focusAfter(element: HTMLElement): boolean {
  const candidates = element.ownerDocument.querySelectorAll<HTMLElement>(FOCUSABLE);
  for (const candidate of candidates) {
    if (element.contains(candidate)) continue;
    if (!(element.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (candidate.getClientRects().length === 0) continue;
    candidate.focus();
    if (element.ownerDocument.activeElement === candidate) return true;
  }
  return false;
}
