// Every message catalogue, bundled into the server and the browser build
// alike (a few tens of KB): app/locales/<language>/<namespace>.json. A new
// namespace is one JSON file per language and one line per language here;
// test/i18n/catalogues.test.ts checks that both languages have the same keys.
import enAuth from "../../locales/en/auth.json";
import enCalendar from "../../locales/en/calendar.json";
import enCommon from "../../locales/en/common.json";
import enEmail from "../../locales/en/email.json";
import enGroups from "../../locales/en/groups.json";
import enHome from "../../locales/en/home.json";
import enMentoring from "../../locales/en/mentoring.json";
import enModules from "../../locales/en/modules.json";
import enNotifications from "../../locales/en/notifications.json";
import enOrg from "../../locales/en/org.json";
import enPeople from "../../locales/en/people.json";
import enProfile from "../../locales/en/profile.json";
import enProgramme from "../../locales/en/programme.json";
import enProposals from "../../locales/en/proposals.json";
import enReunions from "../../locales/en/reunions.json";
import enReview from "../../locales/en/review.json";
import enValidation from "../../locales/en/validation.json";
import enAudit from "../../locales/en/audit.json";
import enCohorts from "../../locales/en/cohorts.json";
import enInsights from "../../locales/en/insights.json";
import enPrivacy from "../../locales/en/privacy.json";
import enOperations from "../../locales/en/operations.json";
import enRefusals from "../../locales/en/refusals.json";
import jaAuth from "../../locales/ja/auth.json";
import jaCalendar from "../../locales/ja/calendar.json";
import jaCommon from "../../locales/ja/common.json";
import jaEmail from "../../locales/ja/email.json";
import jaGroups from "../../locales/ja/groups.json";
import jaHome from "../../locales/ja/home.json";
import jaMentoring from "../../locales/ja/mentoring.json";
import jaModules from "../../locales/ja/modules.json";
import jaNotifications from "../../locales/ja/notifications.json";
import jaOrg from "../../locales/ja/org.json";
import jaPeople from "../../locales/ja/people.json";
import jaProfile from "../../locales/ja/profile.json";
import jaProgramme from "../../locales/ja/programme.json";
import jaProposals from "../../locales/ja/proposals.json";
import jaReunions from "../../locales/ja/reunions.json";
import jaReview from "../../locales/ja/review.json";
import jaValidation from "../../locales/ja/validation.json";
import jaAudit from "../../locales/ja/audit.json";
import jaCohorts from "../../locales/ja/cohorts.json";
import jaInsights from "../../locales/ja/insights.json";
import jaPrivacy from "../../locales/ja/privacy.json";
import jaOperations from "../../locales/ja/operations.json";
import jaRefusals from "../../locales/ja/refusals.json";
import type { Language } from "./languages";
import { NAMESPACES, type Namespace } from "./namespaces";

export { NAMESPACES, type Namespace };


type Catalogue = { [key: string]: string | Catalogue };

export const CATALOGUES: Record<Language, Record<Namespace, Catalogue>> = {
  en: {
    common: enCommon,
    validation: enValidation,
    auth: enAuth,
    profile: enProfile,
    notifications: enNotifications,
    email: enEmail,
    calendar: enCalendar,
    modules: enModules,
    home: enHome,
    org: enOrg,
    people: enPeople,
    proposals: enProposals,
    groups: enGroups,
    reunions: enReunions,
    mentoring: enMentoring,
    programme: enProgramme,
    review: enReview,
    audit: enAudit,
    cohorts: enCohorts,
    insights: enInsights,
    privacy: enPrivacy,
    operations: enOperations,
    refusals: enRefusals,
  },
  ja: {
    common: jaCommon,
    validation: jaValidation,
    auth: jaAuth,
    profile: jaProfile,
    notifications: jaNotifications,
    email: jaEmail,
    calendar: jaCalendar,
    modules: jaModules,
    home: jaHome,
    org: jaOrg,
    people: jaPeople,
    proposals: jaProposals,
    groups: jaGroups,
    reunions: jaReunions,
    mentoring: jaMentoring,
    programme: jaProgramme,
    review: jaReview,
    audit: jaAudit,
    cohorts: jaCohorts,
    insights: jaInsights,
    privacy: jaPrivacy,
    operations: jaOperations,
    refusals: jaRefusals,
  },
};
