// What the collaboration server says when it refuses or closes: a sentence
// in each language, never a key, and every close reason small enough for a
// close frame (123 bytes of UTF-8), which ws would otherwise refuse to send.
import { CATALOGUES } from "../../app/domain/i18n/catalogues";
import { LANGUAGES } from "../../app/domain/i18n/languages";
import { closeReason, MAX_CLOSE_REASON_BYTES, upgradeRefusal, type CloseKey, type UpgradeRefusal } from "../../server/collab/refusal-messages";

const closeKeys = Object.keys(CATALOGUES.en.refusals.closed as object) as CloseKey[];
const upgradeKeys = Object.keys(CATALOGUES.en.refusals.collab as object) as UpgradeRefusal[];

test.each(LANGUAGES)("every close reason in %s fits a close frame, uncut", (language) => {
  expect(closeKeys.length).toBeGreaterThan(0);
  for (const key of closeKeys) {
    const reason = closeReason(language, key);
    expect(reason).toBe((CATALOGUES[language].refusals.closed as Record<string, string>)[key]);
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
  }
});

test("refusals are sentences in the person's language, with the limit named", () => {
  for (const key of upgradeKeys) {
    expect(upgradeRefusal("en", key, { max: 20 })).not.toContain("collab.");
    expect(upgradeRefusal("ja", key, { max: 20 })).not.toBe(upgradeRefusal("en", key, { max: 20 }));
  }
  expect(upgradeRefusal("en", "tooManyForPerson", { max: 20 })).toContain("(at most 20)");
  expect(upgradeRefusal("ja", "tooManyForPerson", { max: 20 })).toContain("（上限 20）");
});
