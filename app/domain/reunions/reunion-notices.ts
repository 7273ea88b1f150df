// The words of what people are told about a reunion, each in their own time
// zone and language (reunions.json, notice).
import { formatDateTimeInZone } from "../../components/format-time";
import type { Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";

export const reunionLink = (id: string) => `/reunions/${id}`;

export function whenText(
  reunion: { startsAt: Date | null; endsAt: Date | null; timeZone: string },
  zone: string,
  language: Language = "en"
) {
  const t = translatorFor(language, "reunions");
  if (!reunion.startsAt) return t("notice.dateToBeChosen");
  const own = formatDateTimeInZone(reunion.startsAt, zone, language);
  return zone === reunion.timeZone
    ? own
    : t("notice.whenForOrganiser", { own, organiser: formatDateTimeInZone(reunion.startsAt, reunion.timeZone, language) });
}

export function whereText(
  reunion: {
    location: string;
    onlineUrl: string | null;
  },
  language: Language = "en"
) {
  const t = translatorFor(language, "reunions");
  if (reunion.location && reunion.onlineUrl) return t("notice.placeAndOnline", { place: reunion.location, link: reunion.onlineUrl });
  return reunion.location || reunion.onlineUrl || t("notice.placeToBeAnnounced");
}
