// The documents every server carries, built once from the module schema:
// ours loads them from a module's published revision; the others get the
// same Yjs state from the room's first writer, so all three hold the same
// TipTap-shaped XmlFragment "default".
import * as Y from "yjs";
import { moduleJsonToYDoc } from "../../app/domain/modules/module-yjs";
import type { ModuleDocJSON } from "../../app/domain/modules/module-schema";
import { moduleDoc } from "../../test/support/factories";

const SENTENCE = "The group talks through what changed on the site this week and what the next step is for each person. ";

/** The ladder, hot-room and durability documents: an ordinary six-page module (about 1.5 KB as Yjs). */
export const smallModuleDoc = () => moduleDoc() as ModuleDocJSON;

/** The join-storm document: forty pages of long context, about 100 KB as Yjs. */
export const largeModuleDoc = () => moduleDoc({ pages: 40, context: (i) => `${SENTENCE.repeat(22)}(${i})` }) as ModuleDocJSON;

/** A module document as one Yjs update, as the server would seed it. */
export function yjsState(json: ModuleDocJSON) {
  const doc = moduleJsonToYDoc(json);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
