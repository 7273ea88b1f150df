// A page without the layout, for the few answers written outside React: a
// download's refusal and the server's last-resort error pages. Every piece of
// text goes through escapeHtml; `paragraphs` are already escaped HTML.

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export function plainPage({ language, pageTitle, heading, paragraphs }: { language: string; pageTitle: string; heading: string; paragraphs: string[] }): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(pageTitle)}</title></head>
<body><main><h1>${escapeHtml(heading)}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}</main></body></html>`;
}
