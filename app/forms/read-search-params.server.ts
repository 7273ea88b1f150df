// The one reader of a page's query string: every loader that reads ?q=,
// filters or flags gets them here, cleaned by the same rule as forms.
import { cleanText } from "../domain/clean-text";

export function readSearchParams(request: Request): URLSearchParams {
  const clean = new URLSearchParams();
  for (const [key, value] of new URL(request.url).searchParams) clean.append(cleanText(key), cleanText(value));
  return clean;
}
