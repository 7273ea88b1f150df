import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { RequestInfoProvider, requestInfoFromDocument } from "./request-info";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestInfoProvider value={requestInfoFromDocument()}>
        <RemixBrowser />
      </RequestInfoProvider>
    </StrictMode>,
  );
});
