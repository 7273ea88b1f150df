// Each language's name in itself, as a link to a version in it reads best
// to someone who reads that language ("Also in 日本語").
import type { Language } from "./languages";

export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", ja: "日本語" };
