// The module document as a Yjs document and back, through the same schema
// the collaborative editor binds to. The round trip is lossless.
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { checkDocumentFit } from "../collab/document-fit";
import { ModuleDocumentError } from "./module-document";
import { MODULE_YJS_FIELD, moduleSchema, type ModuleDocJSON } from "./module-schema";

export function moduleJsonToYDoc(json: ModuleDocJSON): Y.Doc {
  return prosemirrorJSONToYDoc(moduleSchema, json, MODULE_YJS_FIELD);
}

/** The document, checked against the schema without changing the Yjs document; a ModuleDocumentError when it does not fit. */
export function yDocToModuleJson(ydoc: Y.Doc): ModuleDocJSON {
  const fit = checkDocumentFit(ydoc.getXmlFragment(MODULE_YJS_FIELD), moduleSchema);
  if (!fit.ok) throw new ModuleDocumentError(`The document does not fit the module structure: ${fit.problem.detail}`);
  // Plain JSON, as in renderModule, so the result deep-equals the document that went in.
  return JSON.parse(JSON.stringify(fit.doc.toJSON())) as ModuleDocJSON;
}
