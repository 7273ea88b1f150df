// The module document as a Yjs document and back, through the same schema
// the collaborative editor binds to. The round trip is lossless.
import { prosemirrorJSONToYDoc, yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { MODULE_YJS_FIELD, moduleSchema, type ModuleDocJSON } from "./module-schema";

export function moduleJsonToYDoc(json: ModuleDocJSON): Y.Doc {
  return prosemirrorJSONToYDoc(moduleSchema, json, MODULE_YJS_FIELD);
}

export function yDocToModuleJson(ydoc: Y.Doc): ModuleDocJSON {
  // Read back through the schema: y-tiptap gives marks without attributes an
  // empty "attrs", which ProseMirror's own JSON leaves out. Plain JSON, as in
  // renderModule, so the result deep-equals the document that went in.
  const json = yDocToProsemirrorJSON(ydoc, MODULE_YJS_FIELD);
  return JSON.parse(JSON.stringify(moduleSchema.nodeFromJSON(json).toJSON())) as ModuleDocJSON;
}
