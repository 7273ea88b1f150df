// The CSP nonce and request id, available to every component. The server
// knows them per request; the browser reads the id back from a meta tag.
import { createContext, useContext } from "react";

export type RequestInfo = { nonce: string; requestId: string };

const RequestInfoContext = createContext<RequestInfo>({ nonce: "", requestId: "" });

export const RequestInfoProvider = RequestInfoContext.Provider;

export const useRequestInfo = () => useContext(RequestInfoContext);

export function requestInfoFromDocument(): RequestInfo {
  const meta = typeof document === "undefined" ? null : document.querySelector('meta[name="request-id"]');
  return { nonce: "", requestId: meta?.getAttribute("content") ?? "" };
}
