// Names hidden in published proceedings, in English and in Japanese, where
// words are not separated by spaces.
import { nameHider } from "../../app/domain/open-space/hide-names";

test("a full name is hidden as a whole word, the longer name first, in any case", () => {
  const hide = nameHider(["Ann Lee", "Ann Lee-Smith", "Bo Chen"], "a participant");
  expect(hide("Ann Lee-Smith and ann lee met; BO CHEN: send the deck.")).toBe("a participant and a participant met; a participant: send the deck.");
});

test("an English name is not hidden inside another word", () => {
  const hide = nameHider(["Al Tan"], "a participant");
  expect(hide("Natal Tanner wrote Al Tan's list")).toBe("Natal Tanner wrote a participant's list");
});

test("a Japanese name is hidden inside a sentence, with or without the space between its parts", () => {
  const hide = nameHider(["田中 花子", "Ann Lee"], "参加者の一人");
  expect(hide("田中花子が提案し、田中 花子と田中　花子も賛成した。")).toBe("参加者の一人が提案し、参加者の一人と参加者の一人も賛成した。");
});

test("a Japanese family or given name with an honorific is hidden with the honorific", () => {
  const hide = nameHider(["田中 花子", "佐藤 健"], "参加者の一人");
  expect(hide("次回は田中さんと健くんが進行。花子さんが記録。佐藤先生に共有。")).toBe("次回は参加者の一人と参加者の一人が進行。参加者の一人が記録。参加者の一人に共有。");
  expect(hide("田中花子さんがまとめた")).toBe("参加者の一人がまとめた");
});

test("a Japanese family name alone, without an honorific, is left as it is: it is often an ordinary word", () => {
  const hide = nameHider(["中村 一郎"], "参加者の一人");
  expect(hide("中村で会議をした")).toBe("中村で会議をした");
});

test("no known names hides nothing", () => {
  expect(nameHider([], "x")("Ann Lee")).toBe("Ann Lee");
});
