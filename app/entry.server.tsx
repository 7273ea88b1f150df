import { Writable } from "node:stream";
import { type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nFor } from "./domain/i18n/translators";
import { RequestInfoProvider } from "./request-info";
import { errorFields, log } from "../server/log";
import "./load-context";

// test/i18n/pages-in-language.test.ts reads which keys pages asked for and no catalogue had.
export { missingTranslationKeys } from "./domain/i18n/translators";

const ABORT_DELAY = 5_000;

/**
 * Our pages defer no data and have no Suspense boundaries, so the shell is
 * the whole page. It is collected and sent in one write: streamed, React's
 * 2 KB chunks each went through two stream layers and a socket write.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const page = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    page.on("finish", () => {
      clearTimeout(abortTimer);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(withoutZeroBytes(Buffer.concat(chunks)), { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18nFor(loadContext.language)}>
        <RequestInfoProvider value={{ nonce, requestId: loadContext.requestId }}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RequestInfoProvider>
      </I18nextProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          pipe(page);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error("render error", { requestId: loadContext.requestId, ...errorFields(error) });
        },
      },
    );
    const abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * React 18's streaming encoder (writeStringChunk in react-dom/server) sends
 * its whole 2 KB buffer when the next multi-byte character does not fit,
 * unfilled zero bytes included: Japanese text, or an English dash, at a
 * chunk boundary put a NUL inside a word. A zero byte is never part of a
 * UTF-8 character and never valid in our HTML (input refuses control
 * characters), so the page is sent without them.
 */
function withoutZeroBytes(page: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  if (page.indexOf(0) === -1) return page;
  let zeros = 0;
  for (const byte of page) if (byte === 0) zeros++;
  const kept = Buffer.alloc(page.length - zeros);
  let length = 0;
  for (const byte of page) if (byte !== 0) kept[length++] = byte;
  return kept;
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // Aborted requests and 4xx answers (unknown routes, wrong methods) are not server errors.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  log.error("request failed", { requestId: (context as AppLoadContext).requestId, url: request.url, ...errorFields(error) });
};
