import { chooseLanguage, languageFromAcceptLanguage, languageSchema } from "~/domain/i18n/languages";
import { messageIn } from "~/domain/i18n/translators";

describe("choosing a page's language", () => {
  it("a person's own choice wins over the organisation's default and the browser", () => {
    expect(chooseLanguage({ person: "ja", organisation: "en", acceptLanguage: "en-GB" })).toBe("ja");
  });
  it("without a choice the organisation's default is used, then the browser", () => {
    expect(chooseLanguage({ person: null, organisation: "ja", acceptLanguage: "en" })).toBe("ja");
    expect(chooseLanguage({ person: null, organisation: null, acceptLanguage: "ja-JP,ja;q=0.9,en;q=0.8" })).toBe("ja");
  });
  it("a stored code we do not speak is ignored rather than trusted", () => {
    expect(chooseLanguage({ person: "xx", organisation: "fr", acceptLanguage: null })).toBe("en");
  });
  it("the browser's preferences are read by weight, not by order", () => {
    expect(languageFromAcceptLanguage("en;q=0.4, ja;q=0.8")).toBe("ja");
    expect(languageFromAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5")).toBe("en");
    expect(languageFromAcceptLanguage("ja;q=0, en")).toBe("en");
    expect(languageFromAcceptLanguage("de, *")).toBeNull();
    expect(languageFromAcceptLanguage("")).toBeNull();
  });
  it("a language code that does not exist is refused with a clear message", () => {
    const result = languageSchema.safeParse("klingon");
    expect(result.success).toBe(false);
    const key = result.error?.issues[0]?.message ?? "";
    expect(messageIn("en", key)).toBe("Choose English or Japanese.");
    expect(messageIn("ja", key)).toBe("英語または日本語を選んでください。");
  });
});
