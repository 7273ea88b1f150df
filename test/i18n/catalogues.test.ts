// The message catalogues: both languages have the same messages, each with
// the plural forms its language needs, the same variables and the same
// tags, and none is empty. Pure: reads the JSON files.
import { CATALOGUES, NAMESPACES } from "~/domain/i18n/catalogues";
import { LANGUAGES, type Language } from "~/domain/i18n/languages";

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Every message of a language, "namespace:key" → text. */
function messagesOf(language: Language): Map<string, string> {
  const all = new Map<string, string>();
  for (const ns of NAMESPACES) for (const [key, text] of flatten(CATALOGUES[language][ns])) all.set(`${ns}:${key}`, text);
  return all;
}

/** Keys with their plural suffix removed, and the forms each plural key has. */
function bases(messages: Map<string, string>) {
  const forms = new Map<string, Set<string>>();
  for (const key of messages.keys()) {
    const suffix = PLURAL_SUFFIX.exec(key)?.[1];
    const base = key.replace(PLURAL_SUFFIX, "");
    if (!forms.has(base)) forms.set(base, new Set());
    if (suffix) forms.get(base)!.add(suffix);
  }
  return forms;
}

const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]))].sort();
const tags = (text: string) => [...new Set([...text.matchAll(/<\/?(\w+)>/g)].map((m) => m[1]))].sort();

const messages = Object.fromEntries(LANGUAGES.map((l) => [l, messagesOf(l)])) as Record<Language, Map<string, string>>;
const forms = Object.fromEntries(LANGUAGES.map((l) => [l, bases(messages[l])])) as Record<Language, Map<string, Set<string>>>;

test("every message in English exists in Japanese and every one in Japanese exists in English", () => {
  const en = [...forms.en.keys()].sort();
  const ja = [...forms.ja.keys()].sort();
  expect(en.filter((k) => !forms.ja.has(k)), "only in English").toEqual([]);
  expect(ja.filter((k) => !forms.en.has(k)), "only in Japanese").toEqual([]);
  expect(en.length).toBeGreaterThan(100);
});

test("a message with plural forms has every form its language needs (Intl.PluralRules), in both languages", () => {
  for (const language of LANGUAGES) {
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const [base, has] of forms[language]) {
      if (has.size === 0) continue;
      for (const category of needed) expect(has.has(category), `${language} ${base}_${category}`).toBe(true);
      // A plural in one language is a plural in the other: both use the count.
      for (const other of LANGUAGES) expect(forms[other].get(base)?.size ?? 0, `${other} ${base} has plural forms`).toBeGreaterThan(0);
    }
  }
});

test("no message is empty, and both languages use the same variables and tags", () => {
  for (const language of LANGUAGES) for (const [key, text] of messages[language]) expect(text.trim(), `${language} ${key}`).not.toBe("");
  for (const [key, text] of messages.en) {
    const base = key.replace(PLURAL_SUFFIX, "");
    const japanese = [...messages.ja].filter(([k]) => k.replace(PLURAL_SUFFIX, "") === base).map(([, v]) => v);
    for (const ja of japanese) {
      // A plural form may leave out {{count}} (English "_one" says "a"), but no other variable.
      const vars = (t: string) => variables(t).filter((v) => v !== "count");
      expect(vars(ja), `${key} variables`).toEqual(vars(text));
      expect(tags(ja), `${key} tags`).toEqual(tags(text));
    }
  }
});

// react-i18next's <Trans> parses a message as HTML: a tag named after a void
// element (<link>, <br>, <img>…) can hold no children, so "<link>text</link>"
// renders an empty link with the text beside it. Such names are refused here.
const VOID_ELEMENTS = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

test("no message wraps words in a tag that HTML treats as empty (link, br, img…)", () => {
  for (const language of LANGUAGES) {
    const wrong = [...messages[language]].filter(([, text]) => tags(text).some((tag) => VOID_ELEMENTS.includes(tag!))).map(([key]) => `${language} ${key}`);
    expect(wrong).toEqual([]);
  }
});
