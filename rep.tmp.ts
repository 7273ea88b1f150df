import * as Y from "yjs";
import { moduleJsonToYDoc } from "./app/domain/modules/module-yjs";
import { replaceDraftContent } from "./app/domain/modules/restore-revision.server";
import { moduleDoc } from "./test/support/factories";
let bad = 0;
for (let k = 0; k < 200; k++) {
  const d = moduleJsonToYDoc(moduleDoc({ pages: 3 }) as never);
  const f = d.getXmlFragment("default");
  (f.get(2) as Y.XmlElement).insert(1, [new Y.XmlElement("img")]);
  (f.get(2) as Y.XmlElement).setAttribute("onclick", "alert(1)");
  (f.get(3) as Y.XmlElement).delete(2, 1);
  const state = Y.encodeStateAsUpdate(d);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state, "load");
  let update: Uint8Array | null = null;
  doc.on("update", (u: Uint8Array) => { update = update ? Y.mergeUpdates([update, u]) : u; });
  doc.transact(() => replaceDraftContent(moduleDoc({ pages: 6 }))(doc));
  const check = new Y.Doc();
  Y.applyUpdate(check, state);
  if (update) Y.applyUpdate(check, update);
  const text = check.getXmlFragment("default").toString();
  if (text.includes("<img") || !update) bad++;
}
console.log("bad", bad, "of 200");
