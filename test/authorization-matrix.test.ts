// Every route in the Remix build manifest, probed as every kind of person.
// A route missing from MATRIX fails the test, so new routes must be added.
import { ROLES, type Role } from "../db/roles";
import { eq } from "drizzle-orm";
import { dataExports, directoryProfiles, experiments, formationPlans, groupConversions, groupJoinRequests, mentorOffers, mentoringRequests, mentorships, moduleAuthors, modules, notifications, openSpaceSessions, organisations, reunionAudience, reunions, reviewItems } from "../db/schema";
import { draftDocumentName, initialDraftState } from "../app/domain/modules/module-draft.server";
import { publishRevision } from "../app/domain/modules/publish-revision.server";
import { createProposal } from "../app/domain/proposals/create-proposal.server";
import { reportContent } from "../app/domain/reports/report-content.server";
import { submitDraft } from "../app/domain/review/submit-draft.server";
import { storeDocumentEditor } from "../server/collab/document-editor";
import { DocumentStore } from "../server/collab/document-store";
import { eventually, openRawSocket, upgradeStatus } from "./support/collab-client";
import { createOrg, createPeerGroup, createPublishedModule, createUser, moduleDoc, sessionCookieFor } from "./support/factories";
import { createCohort, createCycle, createProgrammeGroup, recordAttendanceRows } from "./support/programme-factories";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { loadBuild, startTestServer, type TestServer } from "./support/test-server";

const PERSONAS = ["anonymous", ...ROLES, "other_org"] as const;
type Persona = (typeof PERSONAS)[number];
type Expect = Record<Persona, number>;

type Fixture = {
  personInOrgA: string;
  publicModule: string;
  privateModuleOfOrgA: string;
  privateDraftOfOrgA: string;
  submissionOfPrivateModule: string;
  reportOnPrivateModule: string;
  reportOnPublicModule: string;
  someoneElsesNotification: string;
  privateProposalOfOrgA: string;
  reunionOfOrgA: string;
  breakOutOfOrgA: string;
  peerGroupOfOrgA: string;
  meetingOfPeerGroup: string;
  groupAwaitingApproval: string;
  mentorshipOfParticipant: string;
  mentoringRequestOfParticipant: string;
  listedPersonOfOrgA: string;
  joinRequestToPeerGroup: string;
  programmeGroupOfOrgA: string;
  cycleMeetingOfOrgA: string;
  cohortOfOrgA: string;
  programmeGroupOffered: string;
  formationPlanOfOrgA: string;
  experimentOfOrgA: string;
  someoneElsesExport: string;
};
const PLACEHOLDERS: Fixture = {
  personInOrgA: ":userId",
  publicModule: ":publicSlug",
  privateModuleOfOrgA: ":privateSlug",
  privateDraftOfOrgA: "module.:privateId",
  submissionOfPrivateModule: ":submissionId",
  reportOnPrivateModule: ":reportId",
  reportOnPublicModule: ":publicReportId",
  someoneElsesNotification: ":notificationId",
  privateProposalOfOrgA: ":proposalId",
  reunionOfOrgA: ":reunionId",
  breakOutOfOrgA: ":sessionId",
  peerGroupOfOrgA: ":groupId",
  meetingOfPeerGroup: ":meetingId",
  groupAwaitingApproval: ":pendingGroupId",
  mentorshipOfParticipant: ":pairId",
  mentoringRequestOfParticipant: ":requestId",
  listedPersonOfOrgA: ":listedUserId",
  joinRequestToPeerGroup: ":requestId",
  programmeGroupOfOrgA: ":programmeGroupId",
  cycleMeetingOfOrgA: ":cycleMeetingId",
  cohortOfOrgA: ":cohortId",
  programmeGroupOffered: ":groupId",
  formationPlanOfOrgA: ":planId",
  experimentOfOrgA: ":experimentId",
  someoneElsesExport: ":exportId",
};
// freshSession: the probe ends sessions, so it runs as a new person with the same roles.
type Probe = {
  method: "GET" | "POST";
  url: (f: Fixture) => string;
  body?: Record<string, string> | ((f: Fixture) => Record<string, string>);
  expect: Expect;
  freshSession?: boolean;
};

/** Builds an expectation: `others` for everyone not listed. */
function expectFor(others: number, overrides: Partial<Expect> = {}): Expect {
  return Object.fromEntries(PERSONAS.map((p) => [p, overrides[p] ?? others])) as Expect;
}

const SIGN_IN = 302; // anonymous visitors are sent to /login
const WELL_FORMED_UNKNOWN_TOKEN = "a".repeat(32);

// Pages for anyone; signed-in people are sent home from the sign-in pages.
const anonymousOnlyPage = expectFor(302, { anonymous: 200 });
// Posted empty, these forms answer 400; for signed-in people the page's loader then redirects home.
const anonymousOnlyPost = expectFor(302, { anonymous: 400 });
const signedInPage = expectFor(200, { anonymous: SIGN_IN });
// Organisation admin area: org admins (of their own organisation) and platform admins.
const orgAdminPage = expectFor(403, { anonymous: SIGN_IN, org_admin: 200, platform_admin: 200, other_org: 200 });
// A form posted empty reaches validation (400) only for those allowed to use it.
const orgAdminPost = expectFor(403, { anonymous: SIGN_IN, org_admin: 400, platform_admin: 400, other_org: 400 });
const platformAdminPage = expectFor(403, { anonymous: SIGN_IN, platform_admin: 200 });
const formationPage = expectFor(404, { anonymous: SIGN_IN, org_admin: 200, platform_admin: 200 });
const formationPost = expectFor(404, { anonymous: SIGN_IN, org_admin: 400, platform_admin: 400 });

// Those who write modules: alumni, facilitators and thought leaders (the other organisation's persona is an alumnus too).
const contributorPage = expectFor(403, { anonymous: SIGN_IN, alumnus: 200, facilitator: 200, thought_leader: 200, other_org: 200 });
const contributorPost = expectFor(403, { anonymous: SIGN_IN, alumnus: 400, facilitator: 400, thought_leader: 400, other_org: 400 });

const MATRIX: Record<string, Probe[]> = {
  root: [{ method: "GET", url: () => "/", expect: expectFor(200) }],
  "routes/_index": [{ method: "GET", url: () => "/", expect: expectFor(200) }],
  "routes/login": [
    { method: "GET", url: () => "/login", expect: anonymousOnlyPage },
    { method: "POST", url: () => "/login", body: {}, expect: anonymousOnlyPost },
  ],
  "routes/signup": [
    { method: "GET", url: () => "/signup", expect: anonymousOnlyPage },
    { method: "POST", url: () => "/signup", body: {}, expect: anonymousOnlyPost },
  ],
  "routes/forgot-password": [
    { method: "GET", url: () => "/forgot-password", expect: anonymousOnlyPage },
    { method: "POST", url: () => "/forgot-password", body: {}, expect: anonymousOnlyPost },
  ],
  "routes/reset-password.$token": [
    { method: "GET", url: () => `/reset-password/${WELL_FORMED_UNKNOWN_TOKEN}`, expect: expectFor(200) },
    { method: "POST", url: () => `/reset-password/${WELL_FORMED_UNKNOWN_TOKEN}`, body: {}, expect: expectFor(400) },
  ],
  "routes/invitations.$token": [
    { method: "GET", url: () => `/invitations/${WELL_FORMED_UNKNOWN_TOKEN}`, expect: expectFor(200) },
    { method: "POST", url: () => `/invitations/${WELL_FORMED_UNKNOWN_TOKEN}`, body: {}, expect: expectFor(400) },
  ],
  "routes/logout": [
    { method: "GET", url: () => "/logout", expect: expectFor(405) },
    { method: "POST", url: () => "/logout", body: {}, expect: expectFor(302), freshSession: true },
    { method: "POST", url: () => "/logout", body: { intent: "everywhere" }, expect: expectFor(302), freshSession: true },
  ],
  "routes/profile": [
    { method: "GET", url: () => "/profile", expect: signedInPage },
    { method: "POST", url: () => "/profile", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  // Your data: each person's own; posted without a tick, the deletion form answers 400 and changes nothing.
  "routes/profile_.data": [
    { method: "GET", url: () => "/profile/data", expect: signedInPage },
    { method: "POST", url: () => "/profile/data", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
    { method: "POST", url: () => "/profile/data", body: { intent: "delete" }, expect: expectFor(400, { anonymous: SIGN_IN }) },
    { method: "POST", url: () => "/profile/data", body: { intent: "cancel-deletion" }, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  // An export is downloaded only by the person who asked for it: for everyone else it does not exist.
  "routes/profile_.data.exports.$exportId": [
    { method: "GET", url: (f) => `/profile/data/exports/${f.someoneElsesExport}`, expect: expectFor(404, { anonymous: SIGN_IN }) },
    { method: "GET", url: () => "/profile/data/exports/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/security": [
    { method: "GET", url: () => "/security", expect: signedInPage },
    { method: "POST", url: () => "/security", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  // Everyone signed in has a programme page, empty or not; its one form is about the person's own take-aways.
  "routes/programme._index": [
    { method: "GET", url: () => "/programme", expect: signedInPage },
    { method: "POST", url: () => "/programme", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
    { method: "POST", url: () => "/programme", body: { intent: "takeaway-follow-up", takeawayId: "00000000-0000-4000-8000-000000000000", followUp: "tried" }, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  // Wishes for group formation (organisation A asks for them): only people enrolled in a cohort still to be formed, the participant persona.
  // Everyone signed in has a self-assessment page (empty without a cycle); answers go only to one's own cycle.
  "routes/programme_.diagnostics": [
    { method: "GET", url: () => "/programme/diagnostics", expect: signedInPage },
    { method: "POST", url: () => "/programme/diagnostics", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
    {
      method: "POST",
      url: () => "/programme/diagnostics",
      body: { cycleId: "00000000-0000-4000-8000-000000000000", moment: "start", a1: "3", a2: "3", a3: "3", a4: "3", r1: "3", r2: "3", r3: "3", c1: "3", c2: "3", c3: "3" },
      expect: expectFor(404, { anonymous: SIGN_IN }),
    },
  ],
  "routes/programme_.preferences": [
    { method: "GET", url: () => "/programme/preferences", expect: expectFor(404, { anonymous: SIGN_IN, participant: 200 }) },
    { method: "GET", url: (f) => `/programme/preferences?cohort=${f.cohortOfOrgA}`, expect: expectFor(404, { anonymous: SIGN_IN, participant: 200 }) },
    { method: "GET", url: () => "/programme/preferences?cohort=not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
    { method: "POST", url: (f) => `/programme/preferences?cohort=${f.cohortOfOrgA}`, body: { want: "not-a-uuid" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400 }) },
    { method: "POST", url: (f) => `/programme/preferences?cohort=${f.cohortOfOrgA}`, body: { want: "00000000-0000-4000-8000-000000000000" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400 }) },
    // Nothing chosen is a valid answer: it clears the person's wishes.
    { method: "POST", url: (f) => `/programme/preferences?cohort=${f.cohortOfOrgA}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, participant: 302 }) },
  ],
  "routes/org": [{ method: "GET", url: () => "/org", expect: orgAdminPage }],
  "routes/org._index": [{ method: "GET", url: () => "/org", expect: orgAdminPage }],
  "routes/org.invite": [
    { method: "GET", url: () => "/org/invite", expect: orgAdminPage },
    { method: "POST", url: () => "/org/invite", body: {}, expect: orgAdminPost },
  ],
  "routes/org.import": [
    { method: "GET", url: () => "/org/import", expect: orgAdminPage },
    { method: "POST", url: () => "/org/import", body: {}, expect: orgAdminPost },
  ],
  "routes/org.insights._index": [
    { method: "GET", url: () => "/org/insights", expect: orgAdminPage },
    { method: "GET", url: () => "/org/insights?level=site&from=2020-01&to=2020-03&window=1", expect: orgAdminPage },
    { method: "GET", url: () => "/org/insights?level=store&metric=revenue&unit=nowhere&start=2020-13&survey=%3Cb%3E", expect: orgAdminPage },
  ],
  "routes/org.insights.export": [
    { method: "GET", url: () => "/org/insights/export?table=density&level=department", expect: orgAdminPage },
    { method: "GET", url: () => "/org/insights/export?table=passwords", expect: expectFor(403, { anonymous: SIGN_IN, org_admin: 404, platform_admin: 404, other_org: 404 }) },
  ],
  // Diagnostics and ARC indicators: only in aggregate, for the organisation's admins; filters that do not parse fall back to defaults.
  "routes/org.insights.arc": [
    { method: "GET", url: () => "/org/insights/arc", expect: orgAdminPage },
    { method: "GET", url: (f) => `/org/insights/arc?level=department&cohort=${f.cohortOfOrgA}`, expect: orgAdminPage },
    { method: "GET", url: () => "/org/insights/arc?level=nonsense&cohort=not-a-uuid", expect: orgAdminPage },
  ],
  "routes/org.insights.arc[.]csv": [
    { method: "GET", url: () => "/org/insights/arc.csv", expect: orgAdminPage },
    { method: "GET", url: (f) => `/org/insights/arc.csv?cohort=${f.cohortOfOrgA}`, expect: orgAdminPage },
  ],
  "routes/org.insights.diagnostics": [
    { method: "GET", url: () => "/org/insights/diagnostics", expect: orgAdminPage },
    { method: "GET", url: () => "/org/insights/diagnostics?level=department", expect: orgAdminPage },
  ],
  "routes/org.insights.themes": [{ method: "GET", url: () => "/org/insights/themes", expect: orgAdminPage }],
  "routes/org.insights.data": [
    { method: "GET", url: () => "/org/insights/data", expect: orgAdminPage },
    { method: "POST", url: () => "/org/insights/data", body: {}, expect: orgAdminPost },
    // A good file imports for its own organisation's admins: the same answer as the page.
    { method: "POST", url: () => "/org/insights/data", body: { intent: "kpis", level: "store", csv: "Matrix store,2020-01,revenue,1" }, expect: orgAdminPage },
    { method: "POST", url: () => "/org/insights/data", body: { intent: "kpis", level: "store", csv: "Matrix store,2020-01,revenue,lots" }, expect: orgAdminPost },
  ],
  "routes/org.insights.experiments._index": [
    { method: "GET", url: () => "/org/insights/experiments", expect: orgAdminPage },
    { method: "POST", url: () => "/org/insights/experiments?index", body: {}, expect: orgAdminPost },
  ],
  // Another organisation's experiment is a 404; a registered one refuses changes (409) before reading the form.
  "routes/org.insights.experiments.$experimentId": [
    { method: "GET", url: (f) => `/org/insights/experiments/${f.experimentOfOrgA}`, expect: { ...orgAdminPage, other_org: 404 } },
    { method: "POST", url: (f) => `/org/insights/experiments/${f.experimentOfOrgA}`, body: {}, expect: { ...orgAdminPost, other_org: 404 } },
    { method: "POST", url: (f) => `/org/insights/experiments/${f.experimentOfOrgA}`, body: { intent: "save" }, expect: { ...orgAdminPost, org_admin: 409, platform_admin: 409, other_org: 404 } },
    { method: "GET", url: () => "/org/insights/experiments/not-a-uuid", expect: { ...orgAdminPage, org_admin: 404, platform_admin: 404, other_org: 404 } },
  ],
  "routes/org_.insights.experiments.$experimentId.trends[.]csv": [
    { method: "GET", url: (f) => `/org/insights/experiments/${f.experimentOfOrgA}/trends.csv`, expect: { ...orgAdminPage, other_org: 404 } },
    { method: "GET", url: () => "/org/insights/experiments/not-a-uuid/trends.csv", expect: { ...orgAdminPage, org_admin: 404, platform_admin: 404, other_org: 404 } },
  ],
  "routes/org.structure": [
    { method: "GET", url: () => "/org/structure", expect: orgAdminPage },
    { method: "POST", url: () => "/org/structure", body: {}, expect: orgAdminPost },
  ],
  "routes/org.settings": [
    { method: "GET", url: () => "/org/settings", expect: orgAdminPage },
    { method: "POST", url: () => "/org/settings", body: {}, expect: orgAdminPost },
    { method: "POST", url: () => "/org/settings", body: { intent: "founding", groupFoundingMinPeople: "-1" }, expect: orgAdminPost },
    { method: "POST", url: () => "/org/settings", body: { intent: "bogus" }, expect: orgAdminPost },
    { method: "POST", url: () => "/org/settings", body: { intent: "formation", formationPreferences: "yes" }, expect: orgAdminPost },
    { method: "POST", url: () => "/org/settings", body: { intent: "data", deletionCoolingOffDays: "0" }, expect: orgAdminPost },
  ],
  "routes/org.people.$userId": [
    // A person of organisation A: an admin of organisation B must not learn they exist.
    { method: "GET", url: (f) => `/org/people/${f.personInOrgA}`, expect: { ...orgAdminPage, other_org: 404 } },
    { method: "POST", url: (f) => `/org/people/${f.personInOrgA}`, body: { roles: "bogus" }, expect: { ...orgAdminPost, other_org: 404 } },
    { method: "GET", url: () => "/org/people/not-a-uuid", expect: { ...orgAdminPage, org_admin: 404, platform_admin: 404, other_org: 404 } },
  ],
  // Deleting the account of someone who left: their organisation's admins; another organisation's admin must not learn they exist.
  "routes/org.people.$userId_.delete": [
    { method: "GET", url: (f) => `/org/people/${f.personInOrgA}/delete`, expect: { ...orgAdminPage, other_org: 404 } },
    { method: "POST", url: (f) => `/org/people/${f.personInOrgA}/delete`, body: { intent: "delete" }, expect: { ...orgAdminPost, other_org: 404 } },
    { method: "GET", url: () => "/org/people/not-a-uuid/delete", expect: { ...orgAdminPage, org_admin: 404, platform_admin: 404, other_org: 404 } },
  ],
  "routes/admin": [{ method: "GET", url: () => "/admin", expect: platformAdminPage }],
  "routes/admin.exports": [
    { method: "GET", url: () => "/admin/exports", expect: platformAdminPage },
    { method: "POST", url: () => "/admin/exports", body: { orgId: "not-a-uuid" }, expect: expectFor(403, { anonymous: SIGN_IN, platform_admin: 400 }) },
  ],
  "routes/admin._index": [
    { method: "GET", url: () => "/admin", expect: platformAdminPage },
    // Index routes receive their forms' posts at ?index.
    { method: "POST", url: () => "/admin?index", body: {}, expect: expectFor(403, { anonymous: SIGN_IN, platform_admin: 400 }) },
  ],
  "routes/admin.modules": [
    { method: "GET", url: () => "/admin/modules", expect: platformAdminPage },
    { method: "POST", url: () => "/admin/modules", body: {}, expect: expectFor(403, { anonymous: SIGN_IN, platform_admin: 400 }) },
  ],
  "routes/admin.outbox": [{ method: "GET", url: () => "/admin/outbox", expect: platformAdminPage }],
  "routes/ping": [{ method: "GET", url: () => "/ping", expect: expectFor(200) }],
  "routes/metrics": [{ method: "GET", url: () => "/metrics", expect: platformAdminPage }],
  "routes/modules._index": [
    { method: "GET", url: () => "/modules", expect: signedInPage },
    { method: "GET", url: () => "/modules?q=question&mindset=reflection&page=2", expect: signedInPage },
  ],
  "routes/mindsets.$mindset": [
    { method: "GET", url: () => "/mindsets/reflection", expect: signedInPage },
    { method: "GET", url: () => "/mindsets/bogus", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/modules.$slug._index": [
    { method: "GET", url: (f) => `/modules/${f.publicModule}`, expect: signedInPage },
    // Another organisation's private module does not exist for them.
    { method: "GET", url: (f) => `/modules/${f.privateModuleOfOrgA}`, expect: { ...signedInPage, other_org: 404 } },
    { method: "GET", url: () => "/modules/no-such-module", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/modules.$slug.session": [
    { method: "GET", url: (f) => `/modules/${f.publicModule}/session?page=2&names=Ann`, expect: signedInPage },
    { method: "GET", url: (f) => `/modules/${f.privateModuleOfOrgA}/session`, expect: { ...signedInPage, other_org: 404 } },
    { method: "POST", url: (f) => `/modules/${f.publicModule}/session?page=7`, body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
    { method: "POST", url: (f) => `/modules/${f.privateModuleOfOrgA}/session?page=7`, body: {}, expect: expectFor(400, { anonymous: SIGN_IN, other_org: 404 }) },
    // Opened from a cycle meeting: its group's members and facilitator only.
    { method: "GET", url: (f) => `/modules/${f.publicModule}/session?meeting=${f.cycleMeetingOfOrgA}`, expect: expectFor(404, { anonymous: SIGN_IN, participant: 200, facilitator: 200 }) },
    { method: "POST", url: (f) => `/modules/${f.publicModule}/session?page=7&meeting=${f.cycleMeetingOfOrgA}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400, facilitator: 400 }) },
    { method: "POST", url: (f) => `/modules/${f.publicModule}/session?meeting=${f.cycleMeetingOfOrgA}`, body: { intent: "who-is-here", present: "not-a-uuid" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400, facilitator: 400 }) },
    { method: "GET", url: (f) => `/modules/${f.publicModule}/session?meeting=not-a-uuid`, expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  // Co-authors edit the draft; moderators, platform admins and the owning organisation's admins read along; others get 404.
  // In the fixture the thought leader co-writes the public module and the alumnus the private one.
  "routes/modules.$slug.edit": [
    { method: "GET", url: (f) => `/modules/${f.publicModule}/edit`, expect: expectFor(404, { anonymous: SIGN_IN, thought_leader: 200, moderator: 200, platform_admin: 200 }) },
    {
      method: "GET",
      url: (f) => `/modules/${f.privateModuleOfOrgA}/edit`,
      expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200, moderator: 200, org_admin: 200, platform_admin: 200 }),
    },
    { method: "GET", url: () => "/modules/no-such-module/edit", expect: expectFor(404, { anonymous: SIGN_IN }) },
    // The draft's forms (submit, invite, settings…): reaching validation needs access to the draft; only its lead may act.
    {
      method: "POST",
      url: (f) => `/modules/${f.privateModuleOfOrgA}/edit`,
      body: {},
      expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400, moderator: 400, org_admin: 400, platform_admin: 400 }),
    },
    // A co-author who is not the lead, and those reading along, are refused the lead's actions.
    ...["submit", "withdraw"].map((intent) => ({
      method: "POST" as const,
      url: (f: Fixture) => `/modules/${f.privateModuleOfOrgA}/edit`,
      body: { intent },
      expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403, moderator: 403, org_admin: 403, platform_admin: 403 }),
    })),
  ],
  // Translating a module: contributors who can read it (alumni, facilitators, thought leaders; the other organisation's
  // persona is an alumnus) start one; others get 403; another organisation's private module is a 404.
  "routes/modules.$slug.translate": [
    { method: "GET", url: (f) => `/modules/${f.publicModule}/translate`, expect: contributorPage },
    { method: "GET", url: (f) => `/modules/${f.privateModuleOfOrgA}/translate`, expect: { ...contributorPage, other_org: 404 } },
    { method: "GET", url: () => "/modules/no-such-module/translate", expect: expectFor(404, { anonymous: SIGN_IN }) },
    { method: "POST", url: (f) => `/modules/${f.publicModule}/translate`, body: {}, expect: contributorPost },
    { method: "POST", url: (f) => `/modules/${f.privateModuleOfOrgA}/translate`, body: {}, expect: { ...contributorPost, other_org: 404 } },
    { method: "POST", url: (f) => `/modules/${f.publicModule}/translate`, body: { language: "ja", title: "", summary: "" }, expect: contributorPost },
  ],
  // The review queue is for moderators.
  "routes/review._index": [
    { method: "GET", url: () => "/review", expect: expectFor(403, { anonymous: SIGN_IN, moderator: 200 }) },
    { method: "GET", url: () => "/review?kind=bogus&age=forever&mindset=none", expect: expectFor(403, { anonymous: SIGN_IN, moderator: 200 }) },
    { method: "POST", url: () => "/review", body: {}, expect: expectFor(403, { anonymous: SIGN_IN, moderator: 400 }) },
  ],
  // A submission of organisation A's private module: its moderators review it, its authors (here the alumnus) read along.
  "routes/review.drafts.$id": [
    { method: "GET", url: (f) => `/review/drafts/${f.submissionOfPrivateModule}`, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 200, alumnus: 200 }) },
    { method: "POST", url: (f) => `/review/drafts/${f.submissionOfPrivateModule}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 400, alumnus: 400 }) },
    // An author may not decide on their own module: a 403 (the moderator's missing reason is a 400).
    { method: "POST", url: (f) => `/review/drafts/${f.submissionOfPrivateModule}`, body: { intent: "reject" }, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 400, alumnus: 403 }) },
    { method: "GET", url: () => "/review/drafts/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/review.reports.$id": [
    { method: "GET", url: (f) => `/review/reports/${f.reportOnPrivateModule}`, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 200 }) },
    { method: "POST", url: (f) => `/review/reports/${f.reportOnPrivateModule}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 400 }) },
    // A report on a public module is handled in the reporter's organisation (A); see also "a moderator of another organisation" below.
    { method: "GET", url: (f) => `/review/reports/${f.reportOnPublicModule}`, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 200 }) },
    { method: "POST", url: (f) => `/review/reports/${f.reportOnPublicModule}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 400 }) },
    { method: "GET", url: () => "/review/reports/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  // Anyone signed in may report what they can see.
  "routes/reports.new": [
    { method: "GET", url: (f) => `/reports/new?module=${f.publicModule}`, expect: signedInPage },
    { method: "GET", url: (f) => `/reports/new?module=${f.privateModuleOfOrgA}`, expect: { ...signedInPage, other_org: 404 } },
    { method: "POST", url: (f) => `/reports/new?module=${f.privateModuleOfOrgA}`, body: {}, expect: expectFor(400, { anonymous: SIGN_IN, other_org: 404 }) },
    { method: "GET", url: () => "/reports/new", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  // Moderators and admins, each within their scope.
  "routes/audit": [
    { method: "GET", url: () => "/audit", expect: expectFor(403, { anonymous: SIGN_IN, moderator: 200, org_admin: 200, platform_admin: 200, other_org: 200 }) },
    { method: "GET", url: () => "/audit?action=submission&target=bogus&from=yesterday&page=-3", expect: expectFor(403, { anonymous: SIGN_IN, moderator: 200, org_admin: 200, platform_admin: 200, other_org: 200 }) },
  ],
  // Alumni, facilitators and thought leaders propose; others see why they cannot. A proposal private to organisation A is a 404 outside it.
  "routes/proposals._index": [
    { method: "GET", url: () => "/proposals", expect: signedInPage },
    { method: "GET", url: () => "/proposals?sort=support&mindset=bogus&status=nope", expect: signedInPage },
  ],
  "routes/proposals.new": [
    { method: "GET", url: () => "/proposals/new", expect: signedInPage },
    {
      method: "POST",
      url: () => "/proposals/new",
      body: {},
      expect: expectFor(403, { anonymous: SIGN_IN, alumnus: 400, facilitator: 400, thought_leader: 400, other_org: 400 }),
    },
  ],
  "routes/proposals.$id": [
    { method: "GET", url: (f) => `/proposals/${f.privateProposalOfOrgA}`, expect: { ...signedInPage, other_org: 404 } },
    { method: "POST", url: (f) => `/proposals/${f.privateProposalOfOrgA}`, body: {}, expect: expectFor(400, { anonymous: SIGN_IN, other_org: 404 }) },
    // Deciding is for moderators in scope: others are refused before the form is checked.
    {
      method: "POST",
      url: (f) => `/proposals/${f.privateProposalOfOrgA}`,
      // A lead who is not among the candidates: the moderator's accept is refused as input, and nothing changes.
      body: { intent: "accept", mode: "open", leadId: "00000000-0000-4000-8000-000000000000" },
      expect: expectFor(403, { anonymous: SIGN_IN, moderator: 400, other_org: 404 }),
    },
    { method: "GET", url: () => "/proposals/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  // Per-page comments beside the editor follow the draft's access; only co-authors post.
  "routes/modules.$slug.comments": [
    {
      method: "GET",
      url: (f) => `/modules/${f.privateModuleOfOrgA}/comments`,
      expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200, moderator: 200, org_admin: 200, platform_admin: 200 }),
    },
    {
      method: "POST",
      url: (f) => `/modules/${f.privateModuleOfOrgA}/comments`,
      body: {},
      expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400, moderator: 403, org_admin: 403, platform_admin: 403 }),
    },
    {
      method: "GET",
      url: (f) => `/modules/${f.publicModule}/comments`,
      expect: expectFor(404, { anonymous: SIGN_IN, thought_leader: 200, moderator: 200, platform_admin: 200 }),
    },
    { method: "GET", url: () => "/modules/no-such-module/comments", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  // Reunions: for their audience (here all alumni of organisation A), their organiser and the organisation's admins; 404 for everyone else.
  "routes/reunions.$id[.]ics": [
    { method: "GET", url: (f) => `/reunions/${f.reunionOfOrgA}.ics`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200, org_admin: 200, platform_admin: 200 }) },
  ],
  "routes/reunions._index": [{ method: "GET", url: () => "/reunions", expect: signedInPage }],
  // The alumni directory: a listed person of organisation A is seen in A only (cross-organisation is off by default).
  "routes/people._index": [
    { method: "GET", url: () => "/people", expect: signedInPage },
    { method: "GET", url: () => "/people?q=%25&mindset=bogus&org=not-a-uuid", expect: signedInPage },
  ],
  "routes/people.$userId": [
    { method: "GET", url: (f) => `/people/${f.listedPersonOfOrgA}`, expect: expectFor(200, { anonymous: SIGN_IN, other_org: 404 }) },
    // Not listed: nobody but the person sees it, platform admins included.
    { method: "GET", url: (f) => `/people/${f.personInOrgA}`, expect: expectFor(404, { anonymous: SIGN_IN }) },
    { method: "GET", url: () => "/people/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/profile_.directory": [
    { method: "GET", url: () => "/profile/directory", expect: signedInPage },
    { method: "POST", url: () => "/profile/directory", body: { mindsetInterests: "bogus" }, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  // Peer groups. The group of organisation A has the alumnus persona as a plain member; nobody else is in it.
  "routes/groups._index": [
    { method: "GET", url: () => "/groups", expect: signedInPage },
    { method: "GET", url: () => "/groups?q=%25&policy=bogus", expect: signedInPage },
  ],
  "routes/groups.new": [
    { method: "GET", url: () => "/groups/new", expect: signedInPage },
    { method: "POST", url: () => "/groups/new", body: {}, expect: expectFor(403, { anonymous: SIGN_IN, alumnus: 400, other_org: 400 }) },
  ],
  "routes/groups.$id._index": [
    // Visible in organisation A (it is not open to other organisations); the space's tabs only for its member.
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}`, expect: expectFor(200, { anonymous: SIGN_IN, other_org: 404 }) },
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}`, body: {}, expect: expectFor(400, { anonymous: SIGN_IN, other_org: 404 }) },
    // Joining a request-policy group directly: refused to non-alumni, and a conflict for the member.
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}`, body: { intent: "join" }, expect: expectFor(403, { anonymous: SIGN_IN, alumnus: 409, other_org: 404 }) },
    { method: "GET", url: () => "/groups/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/groups.$id.members": [
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}/members`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200 }) },
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}/members`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400 }) },
    // Deciding a request is for conveners.
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}/members`, body: (f) => ({ intent: "decide", requestId: f.joinRequestToPeerGroup, decision: "accept" }), expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403 }) },
  ],
  "routes/groups.$id.settings": [
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}/settings`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403 }) },
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}/settings`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403 }) },
    { method: "GET", url: () => "/groups/not-a-uuid/settings", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/groups.$id.meetings": [
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}/meetings`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200 }) },
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}/meetings`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400 }) },
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}/meetings`, body: { intent: "schedule" }, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400 }) },
  ],
  "routes/groups.$id.meetings_.$meetingId": [
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}/meetings/${f.meetingOfPeerGroup}`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200 }) },
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}/meetings/${f.meetingOfPeerGroup}`, body: { intent: "takeaway" }, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400 }) },
    // A reunion that is not this group's meeting.
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}/meetings/${f.reunionOfOrgA}`, expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/groups.$id.discussion": [
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}/discussion`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200 }) },
    { method: "POST", url: (f) => `/groups/${f.peerGroupOfOrgA}/discussion`, body: { intent: "post" }, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400 }) },
  ],
  // A programme group of organisation A: the participant persona is a member, the facilitator persona its facilitator.
  // Everyone else gets a 404, the organisation's admins included; a peer group has no cycle page.
  "routes/groups.$id.cycle": [
    { method: "GET", url: (f) => `/groups/${f.programmeGroupOfOrgA}/cycle`, expect: expectFor(404, { anonymous: SIGN_IN, participant: 200, facilitator: 200 }) },
    { method: "GET", url: (f) => `/groups/${f.programmeGroupOfOrgA}/cycle?cycle=9`, expect: expectFor(404, { anonymous: SIGN_IN }) },
    { method: "POST", url: (f) => `/groups/${f.programmeGroupOfOrgA}/cycle`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400, facilitator: 400 }) },
    { method: "POST", url: (f) => `/groups/${f.programmeGroupOfOrgA}/cycle`, body: { intent: "schedule" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400, facilitator: 400 }) },
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}/cycle`, expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/review.groups.$id": [
    { method: "GET", url: (f) => `/review/groups/${f.groupAwaitingApproval}`, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 200 }) },
    { method: "POST", url: (f) => `/review/groups/${f.groupAwaitingApproval}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, moderator: 400 }) },
    { method: "GET", url: () => "/review/groups/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  // Mentoring: the participant persona is mentored by an alumnus of organisation A.
  "routes/mentoring._index": [
    { method: "GET", url: () => "/mentoring", expect: signedInPage },
    { method: "POST", url: () => "/mentoring?index", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  "routes/mentoring.offer": [
    { method: "GET", url: () => "/mentoring/offer", expect: expectFor(403, { anonymous: SIGN_IN, alumnus: 200, other_org: 200 }) },
    { method: "POST", url: () => "/mentoring/offer", body: {}, expect: expectFor(403, { anonymous: SIGN_IN, alumnus: 400, other_org: 400 }) },
  ],
  "routes/mentoring.requests.new": [
    { method: "GET", url: () => "/mentoring/requests/new", expect: signedInPage },
    { method: "POST", url: () => "/mentoring/requests/new", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  "routes/mentoring.requests.$id": [
    { method: "GET", url: (f) => `/mentoring/requests/${f.mentoringRequestOfParticipant}`, expect: expectFor(404, { anonymous: SIGN_IN, participant: 200 }) },
    { method: "POST", url: (f) => `/mentoring/requests/${f.mentoringRequestOfParticipant}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400 }) },
    { method: "GET", url: () => "/mentoring/requests/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/mentoring.$pairId": [
    { method: "GET", url: (f) => `/mentoring/${f.mentorshipOfParticipant}`, expect: expectFor(404, { anonymous: SIGN_IN, participant: 200 }) },
    { method: "POST", url: (f) => `/mentoring/${f.mentorshipOfParticipant}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400 }) },
    { method: "POST", url: (f) => `/mentoring/${f.mentorshipOfParticipant}`, body: { intent: "add-note", note: "" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400 }) },
    { method: "GET", url: () => "/mentoring/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],

  // Alumni, facilitators and organisation admins organise; others see why they cannot.
  "routes/reunions.new": [
    { method: "GET", url: () => "/reunions/new", expect: signedInPage },
    {
      method: "POST",
      url: () => "/reunions/new",
      body: {},
      expect: expectFor(403, { anonymous: SIGN_IN, alumnus: 400, facilitator: 400, org_admin: 400, other_org: 400 }),
    },
  ],
  "routes/reunions.$id._index": [
    { method: "GET", url: (f) => `/reunions/${f.reunionOfOrgA}`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200, org_admin: 200, platform_admin: 200 }) },
    // A peer group's meeting is its members' alone: the organisation's admins do not oversee it.
    { method: "GET", url: (f) => `/reunions/${f.meetingOfPeerGroup}`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200 }) },
    { method: "POST", url: (f) => `/reunions/${f.reunionOfOrgA}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400, org_admin: 400, platform_admin: 400 }) },
    { method: "GET", url: () => "/reunions/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  // The organiser's pages: the organiser (not a persona here) and the organisation's admins; an invitee is refused.
  "routes/reunions.$id.edit": [
    { method: "GET", url: (f) => `/reunions/${f.reunionOfOrgA}/edit`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403, org_admin: 200, platform_admin: 200 }) },
    { method: "POST", url: (f) => `/reunions/${f.reunionOfOrgA}/edit`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403, org_admin: 400, platform_admin: 400 }) },
  ],
  "routes/reunions.$id.attendance": [
    { method: "GET", url: (f) => `/reunions/${f.reunionOfOrgA}/attendance`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403, org_admin: 200, platform_admin: 200 }) },
    { method: "POST", url: (f) => `/reunions/${f.reunionOfOrgA}/attendance`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403, org_admin: 400, platform_admin: 400 }) },
  ],
  // The open-space board: the audience proposes and marks interest; the organiser and the organisation's admins arrange it.
  "routes/reunions.$id.open-space": [
    { method: "GET", url: (f) => `/reunions/${f.reunionOfOrgA}/open-space`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200, org_admin: 200, platform_admin: 200 }) },
    { method: "POST", url: (f) => `/reunions/${f.reunionOfOrgA}/open-space`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 400, org_admin: 400, platform_admin: 400 }) },
    // Making the schedule is the organiser's: an invitee is refused; the admins reach validation (no rooms yet).
    {
      method: "POST",
      url: (f) => `/reunions/${f.reunionOfOrgA}/open-space`,
      body: { intent: "make-schedule" },
      expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403, org_admin: 400, platform_admin: 400 }),
    },
  ],
  "routes/reunions.$id.open-space.version": [
    { method: "GET", url: (f) => `/reunions/${f.reunionOfOrgA}/open-space/version`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200, org_admin: 200, platform_admin: 200 }) },
  ],
  // A break-out's notes: the audience edits, the organisation's admins read; the proceedings follow the organiser's publishing (here: the audience only).
  "routes/reunions.$id.sessions.$sessionId": [
    {
      method: "GET",
      url: (f) => `/reunions/${f.reunionOfOrgA}/sessions/${f.breakOutOfOrgA}`,
      expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200, org_admin: 200, platform_admin: 200 }),
    },
    { method: "GET", url: (f) => `/reunions/${f.reunionOfOrgA}/sessions/not-a-uuid`, expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/reunions.$id.proceedings": [
    { method: "GET", url: (f) => `/reunions/${f.reunionOfOrgA}/proceedings`, expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 200, org_admin: 200, platform_admin: 200 }) },
    // Publishing is the organiser's (and the admins'): an invitee is refused.
    {
      method: "POST",
      url: (f) => `/reunions/${f.reunionOfOrgA}/proceedings`,
      body: { intent: "share", visibility: "audience" },
      expect: expectFor(404, { anonymous: SIGN_IN, alumnus: 403, org_admin: 302, platform_admin: 302 }),
    },
  ],
  // The private feed needs no session (calendar apps have none): an unknown token is a 404 for everyone.
  "routes/calendar_.$token[.]ics": [{ method: "GET", url: () => `/calendar/${WELL_FORMED_UNKNOWN_TOKEN}.ics`, expect: expectFor(404) }],
  "routes/calendar": [
    { method: "GET", url: () => "/calendar", expect: signedInPage },
    { method: "POST", url: () => "/calendar", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  "routes/notifications": [
    { method: "GET", url: () => "/notifications", expect: signedInPage },
    { method: "POST", url: () => "/notifications", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
    // Someone else's notification does not exist for you.
    { method: "POST", url: () => "/notifications", body: (f: Fixture) => ({ intent: "open", id: f.someoneElsesNotification }), expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/notifications_.settings": [
    { method: "GET", url: () => "/notifications/settings", expect: signedInPage },
    { method: "POST", url: () => "/notifications/settings", body: {}, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  // History follows the reader's access. The public module has two revisions.
  "routes/modules.$slug.history._index": [
    { method: "GET", url: (f) => `/modules/${f.publicModule}/history`, expect: signedInPage },
    { method: "GET", url: (f) => `/modules/${f.privateModuleOfOrgA}/history`, expect: { ...signedInPage, other_org: 404 } },
  ],
  "routes/modules.$slug.history.$number": [
    { method: "GET", url: (f) => `/modules/${f.publicModule}/history/1`, expect: signedInPage },
    { method: "GET", url: (f) => `/modules/${f.privateModuleOfOrgA}/history/1`, expect: { ...signedInPage, other_org: 404 } },
    { method: "GET", url: (f) => `/modules/${f.publicModule}/history/99`, expect: expectFor(404, { anonymous: SIGN_IN }) },
    // Restoring is the lead author's (not a persona here): readers are refused, outsiders do not see the module.
    { method: "POST", url: (f) => `/modules/${f.privateModuleOfOrgA}/history/1`, body: { intent: "restore" }, expect: expectFor(403, { anonymous: SIGN_IN, other_org: 404 }) },
  ],
  "routes/modules.$slug.compare": [
    { method: "GET", url: (f) => `/modules/${f.publicModule}/compare?from=1&to=2`, expect: signedInPage },
    { method: "GET", url: (f) => `/modules/${f.privateModuleOfOrgA}/compare?from=1&to=1`, expect: expectFor(400, { anonymous: SIGN_IN, other_org: 404 }) },
    { method: "GET", url: (f) => `/modules/${f.publicModule}/compare?from=one&to=2`, expect: expectFor(400, { anonymous: SIGN_IN }) },
  ],
  "routes/org.programme": [
    { method: "GET", url: () => "/org/programme", expect: orgAdminPage },
    { method: "POST", url: () => "/org/programme", body: {}, expect: orgAdminPost },
  ],
  // A programme cycle's meeting (ended an hour ago): the participant persona is a member of its group, the facilitator persona its
  // facilitator; everyone else, the organisation's admins included, gets a 404.
  "routes/programme_.meetings.$meetingId": [
    { method: "GET", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}`, expect: expectFor(404, { anonymous: SIGN_IN, participant: 200, facilitator: 200 }) },
    { method: "POST", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400, facilitator: 400 }) },
    // Recording attendance is the facilitator's (or host's): a member is refused; the facilitator's empty form is a 400.
    { method: "POST", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}`, body: { intent: "attendance", "status.00000000-0000-4000-8000-000000000000": "present" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 403, facilitator: 400 }) },
    // The wrap-up: an empty recap or a rating out of range is bad input for the facilitator; a member may not wrap up.
    { method: "POST", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}`, body: { intent: "recap", recap: "" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 403, facilitator: 400 }) },
    { method: "POST", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}`, body: { intent: "rate", hostRating: "7" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 403, facilitator: 400 }) },
    // Voting on a meeting held already: a member is told why; the facilitator does not vote.
    { method: "POST", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}`, body: { intent: "vote", moduleId: "00000000-0000-4000-8000-000000000000" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 409, facilitator: 403 }) },
    { method: "GET", url: (f) => `/programme/meetings/${f.reunionOfOrgA}`, expect: expectFor(404, { anonymous: SIGN_IN }) },
    { method: "GET", url: () => "/programme/meetings/not-a-uuid", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/programme_.meetings.$meetingId_.evaluate": [
    // The participant persona was recorded present; the facilitator is not a member and does not evaluate.
    { method: "GET", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}/evaluate`, expect: expectFor(404, { anonymous: SIGN_IN, participant: 200, facilitator: 403 }) },
    { method: "POST", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}/evaluate`, body: {}, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400, facilitator: 403 }) },
    { method: "POST", url: (f) => `/programme/meetings/${f.cycleMeetingOfOrgA}/evaluate`, body: { usefulness: "9", safety: "0", willTry: "maybe" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400, facilitator: 403 }) },
    { method: "GET", url: () => "/programme/meetings/not-a-uuid/evaluate", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  // Cohorts (docs/decisions/024-the-programme.md): organisation A's admins; another organisation's admin gets a 404 for A's cohort.
  "routes/org.cohorts._index": [
    { method: "GET", url: () => "/org/cohorts", expect: orgAdminPage },
    { method: "POST", url: () => "/org/cohorts?index", body: {}, expect: orgAdminPost },
  ],
  "routes/org.cohorts.$cohortId._index": [
    { method: "GET", url: (f) => `/org/cohorts/${f.cohortOfOrgA}`, expect: { ...orgAdminPage, other_org: 404 } },
    { method: "GET", url: (f) => `/org/cohorts/${f.cohortOfOrgA}?q=person`, expect: { ...orgAdminPage, other_org: 404 } },
    { method: "POST", url: (f) => `/org/cohorts/${f.cohortOfOrgA}`, body: {}, expect: { ...orgAdminPost, other_org: 404 } },
    { method: "POST", url: (f) => `/org/cohorts/${f.cohortOfOrgA}`, body: { intent: "end-sponsorship" }, expect: { ...orgAdminPost, other_org: 404 } },
    { method: "GET", url: () => "/org/cohorts/not-a-uuid", expect: { ...orgAdminPage, org_admin: 404, platform_admin: 404, other_org: 404 } },
  ],
  // Formation shows people's wishes about colleagues: the cohort's own organisation admins only, a 404 for everyone else.
  "routes/org_.cohorts.$cohortId.formation._index": [
    { method: "GET", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/formation`, expect: formationPage },
    { method: "POST", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/formation`, body: {}, expect: formationPost },
    { method: "POST", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/formation`, body: { intent: "add-pair" }, expect: formationPost },
    { method: "GET", url: () => "/org/cohorts/not-a-uuid/formation", expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/org_.cohorts.$cohortId.formation.$planId": [
    { method: "GET", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/formation/${f.formationPlanOfOrgA}`, expect: formationPage },
    { method: "POST", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/formation/${f.formationPlanOfOrgA}`, body: {}, expect: formationPost },
    { method: "POST", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/formation/${f.formationPlanOfOrgA}`, body: { intent: "pin", userId: "not-an-id" }, expect: formationPost },
  ],
  "routes/org.cohorts.$cohortId.groups": [
    { method: "GET", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/groups`, expect: { ...orgAdminPage, other_org: 404 } },
    { method: "POST", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/groups`, body: {}, expect: { ...orgAdminPost, other_org: 404 } },
    { method: "POST", url: (f) => `/org/cohorts/${f.cohortOfOrgA}/groups`, body: { intent: "move", userId: "00000000-0000-4000-8000-000000000000", toGroup: "Not in a group" }, expect: { ...orgAdminPost, other_org: 404 } },
  ],
  // The offer to carry on: the group's members (the participant) and its facilitator; everyone else, admins included, gets a 404.
  "routes/groups.$id.carry-on": [
    { method: "GET", url: (f) => `/groups/${f.programmeGroupOffered}/carry-on`, expect: expectFor(404, { anonymous: SIGN_IN, participant: 200, facilitator: 200 }) },
    { method: "POST", url: (f) => `/groups/${f.programmeGroupOffered}/carry-on`, body: { answer: "maybe" }, expect: expectFor(404, { anonymous: SIGN_IN, participant: 400, facilitator: 400 }) },
    { method: "GET", url: (f) => `/groups/${f.peerGroupOfOrgA}/carry-on`, expect: expectFor(404, { anonymous: SIGN_IN }) },
  ],
  "routes/$": [
    { method: "GET", url: () => "/no-such-page", expect: expectFor(404) },
    { method: "GET", url: () => "/org/no-such-page", expect: expectFor(404) },
  ],
};

let t: TestDatabase;
let server: TestServer;
const personaSpecs = new Map<Persona, { orgId: string; roles: Role[] }>();
const cookies = new Map<Persona, string | undefined>();
const userIds = new Map<Persona | "lead_author", string>();
let leadAuthorCookie: string;
let fixture: Fixture;

beforeAll(async () => {
  t = await createTestDatabase();
  const orgA = await createOrg(t.db);
  const orgB = await createOrg(t.db);
  cookies.set("anonymous", undefined);
  const personaIds = new Map<Persona, string>();
  for (const role of ROLES) {
    const user = await createUser(t.db, { orgId: orgA.id, roles: [role as Role] });
    personaIds.set(role, user.id);
    personaSpecs.set(role, { orgId: orgA.id, roles: [role as Role] });
    cookies.set(role, await sessionCookieFor(t.db, user.id));
  }
  const outsider = await createUser(t.db, { orgId: orgB.id, roles: ["org_admin", "alumnus"] });
  personaSpecs.set("other_org", { orgId: orgB.id, roles: ["org_admin", "alumnus"] });
  cookies.set("other_org", await sessionCookieFor(t.db, outsider.id));
  userIds.set("other_org", outsider.id);
  const person = await createUser(t.db, { orgId: orgA.id, roles: ["participant"] });
  const leader = await createUser(t.db, { orgId: orgA.id, roles: ["thought_leader"] });
  const publicModule = await createPublishedModule(t.db, { authorId: leader.id });
  const privateModule = await createPublishedModule(t.db, { authorId: leader.id, ownerOrgId: orgA.id });
  await t.db.insert(moduleAuthors).values([
    { moduleId: publicModule.id, userId: personaIds.get("thought_leader")!, role: "coauthor" },
    { moduleId: privateModule.id, userId: personaIds.get("alumnus")!, role: "coauthor" },
  ]);
  // A second revision of the public module, to compare; a submission of the private one and a report on it.
  await publishRevision(t.db, { moduleId: publicModule.id, doc: moduleDoc({ pages: 5 }), authorId: leader.id });
  const drafts = storeDocumentEditor(new DocumentStore(t.db, (name) => initialDraftState(t.db, name)));
  const submission = await submitDraft(t.db, drafts, { id: leader.id, orgId: orgA.id, roles: ["thought_leader"] }, privateModule.id);
  const report = await reportContent(t.db, { id: person.id, orgId: orgA.id, roles: ["participant"] }, { moduleSlug: privateModule.slug }, "Page 2 repeats page 1.");
  const publicReport = await reportContent(t.db, { id: person.id, orgId: orgA.id, roles: ["participant"] }, { moduleSlug: publicModule.slug }, "Page 4 names a client.");
  const proposalId = await createProposal(t.db, { id: personaIds.get("alumnus")!, orgId: orgA.id, roles: ["alumnus"] }, {
    title: "Saying no to a senior stakeholder",
    challenge: "How do I decline a request from above without burning the relationship?",
    mindset: "collaboration",
    questions: ["When did you last say no upwards?"],
    suggestedMode: "open",
    visibility: "organisation",
  });
  // An open-space reunion for all alumni of organisation A, organised by one of them, with one break-out.
  const organiser = await createUser(t.db, { orgId: orgA.id, roles: ["alumnus"] });
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const [reunion] = await t.db
    .insert(reunions)
    .values({ orgId: orgA.id, organiserId: organiser.id, title: "Lessons learned, spring", format: "open_space", status: "scheduled", timeZone: "Europe/London", startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) })
    .returning();
  await t.db.insert(reunionAudience).values({ reunionId: reunion!.id, kind: "organisation", orgId: orgA.id });
  const [breakOut] = await t.db.insert(openSpaceSessions).values({ reunionId: reunion!.id, topic: "Hybrid meetings", convenerId: organiser.id }).returning();
  const [notification] = await t.db.insert(notifications).values({ userId: leader.id, kind: "mention", title: "Not yours", link: "/" }).returning();
  // An alumnus of organisation A listed in the directory, not visible to other organisations.
  const listed = await createUser(t.db, { orgId: orgA.id, roles: ["alumnus"] });
  await t.db.insert(directoryProfiles).values({ userId: listed.id, listed: true });
  // A request-policy peer group of organisation A (not open to other organisations): convened by
  // another alumnus, with the alumnus persona as a plain member; one monthly meeting of it.
  const convener = await createUser(t.db, { orgId: orgA.id, roles: ["alumnus"] });
  const peerGroup = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [convener.id], memberIds: [personaIds.get("alumnus")!], joinPolicy: "request", sizeCap: 12 });
  const [meeting] = await t.db
    .insert(reunions)
    .values({ orgId: orgA.id, organiserId: convener.id, groupId: peerGroup.id, title: "Guild monthly", status: "scheduled", timeZone: "Europe/London", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) })
    .returning();
  await t.db.insert(reunionAudience).values({ reunionId: meeting!.id, kind: "group", groupId: peerGroup.id });
  const [joinRequest] = await t.db.insert(groupJoinRequests).values({ groupId: peerGroup.id, userId: listed.id, kind: "request" }).returning();
  // A group of organisation A waiting for a moderator's approval.
  const pendingGroup = await createPeerGroup(t.db, { orgId: orgA.id, convenerIds: [convener.id], status: "awaiting_approval", activatedAt: null });
  await t.db.insert(reviewItems).values({ kind: "group", groupId: pendingGroup.id, title: pendingGroup.name, ownerOrgId: orgA.id });
  // The participant persona is mentored by another alumnus of organisation A.
  const mentor = await createUser(t.db, { orgId: orgA.id, roles: ["alumnus"] });
  await t.db.insert(mentorOffers).values({ userId: mentor.id, topics: ["delegation"], capacity: 2, format: "Monthly call" });
  const [mentoringRequest] = await t.db.insert(mentoringRequests).values({ menteeId: personaIds.get("participant")!, goal: "Learn to delegate without losing track.", topics: ["delegation"], status: "matched" }).returning();
  const [mentorship] = await t.db
    .insert(mentorships)
    .values({ mentorId: mentor.id, menteeId: personaIds.get("participant")!, requestId: mentoringRequest!.id, status: "active", decidedAt: new Date() })
    .returning();
  // A programme group of organisation A: the participant persona a member (recorded present), the facilitator persona its
  // facilitator; its first meeting ended an hour ago.
  const cohort = await createCohort(t.db, { orgId: orgA.id });
  // Organisation A asks for wishes for group formation, so the participant persona, enrolled in its cohorts, has a preferences page.
  await t.db.update(organisations).set({ formationPreferences: true }).where(eq(organisations.id, orgA.id));
  const programmeGroup = await createProgrammeGroup(t.db, { orgId: orgA.id, cohortId: cohort.id, facilitatorId: personaIds.get("facilitator")!, memberIds: [personaIds.get("participant")!] });
  const { meetings: cycleMeetingsOfOrgA } = await createCycle(t.db, {
    group: programmeGroup,
    facilitatorId: personaIds.get("facilitator")!,
    meetings: [{ startsAt: new Date(Date.now() - 150 * 60_000) }, { startsAt: new Date(Date.now() + 30 * 86_400_000) }],
  });
  await recordAttendanceRows(t.db, cycleMeetingsOfOrgA[0]!.id, { [personaIds.get("participant")!]: "present" });
  // A cohort of organisation A whose group (the participant persona with two others, the facilitator persona) is offered to carry on.
  const endedCohort = await createCohort(t.db, { orgId: orgA.id });
  const others = await Promise.all([0, 1].map(() => createUser(t.db, { orgId: orgA.id, roles: ["participant"] })));
  const offeredGroup = await createProgrammeGroup(t.db, { orgId: orgA.id, cohortId: endedCohort.id, facilitatorId: personaIds.get("facilitator")!, memberIds: [personaIds.get("participant")!, ...others.map((o) => o.id)] });
  await t.db.insert(groupConversions).values({ groupId: offeredGroup.id, closesAt: new Date(Date.now() + 14 * 86_400_000) });
  // A proposal placing the participant persona into the programme group (the cohort's groups are meeting: late joiners).
  const [formationPlan] = await t.db
    .insert(formationPlans)
    .values({
      orgId: orgA.id,
      cohortId: cohort.id,
      kind: "late_joiners",
      status: "proposed",
      settings: {},
      people: [personaIds.get("participant")!],
      groupIds: [programmeGroup.id],
      assignment: [0],
      value: 0,
      timeLimitMs: 1000,
      seed: 1,
    })
    .returning();
  // A registered and assigned experiment of organisation A (its units have no figures: the result says not enough data).
  const [experiment] = await t.db
    .insert(experiments)
    .values({
      orgId: orgA.id,
      title: "Matrix experiment",
      initiative: "A quarterly reunion.",
      hypothesis: "Revenue rises.",
      unitKind: "department",
      eligible: [],
      outcome: "revenue",
      startsOn: "2024-01-01",
      baselineMonths: 3,
      outcomeMonths: 3,
      analysis: "Difference in differences.",
      strata: 1,
      registeredAt: new Date(),
      seed: 1,
      assignment: [],
      assignedAt: new Date(),
    })
    .returning();
  // An export of a person of organisation A, ready to download (by them only).
  const [someoneElsesExport] = await t.db
    .insert(dataExports)
    .values({ scope: "person", orgId: orgA.id, userId: person.id, requestedBy: person.id, status: "ready", zip: new Uint8Array([80, 75, 5, 6]), byteSize: 4, readyAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  fixture = {
    someoneElsesExport: someoneElsesExport!.id,
    experimentOfOrgA: experiment!.id,
    formationPlanOfOrgA: formationPlan!.id,
    cycleMeetingOfOrgA: cycleMeetingsOfOrgA[0]!.id,
    cohortOfOrgA: cohort.id,
    programmeGroupOffered: offeredGroup.id,
    personInOrgA: person.id,
    publicModule: publicModule.slug,
    privateModuleOfOrgA: privateModule.slug,
    privateDraftOfOrgA: draftDocumentName(privateModule.id),
    submissionOfPrivateModule: submission.id,
    reportOnPrivateModule: report.id,
    reportOnPublicModule: publicReport.id,
    someoneElsesNotification: notification!.id,
    privateProposalOfOrgA: proposalId,
    reunionOfOrgA: reunion!.id,
    breakOutOfOrgA: breakOut!.id,
    peerGroupOfOrgA: peerGroup.id,
    meetingOfPeerGroup: meeting!.id,
    groupAwaitingApproval: pendingGroup.id,
    mentorshipOfParticipant: mentorship!.id,
    mentoringRequestOfParticipant: mentoringRequest!.id,
    listedPersonOfOrgA: listed.id,
    joinRequestToPeerGroup: joinRequest!.id,
    programmeGroupOfOrgA: programmeGroup.id,
  };
  for (const [persona, id] of personaIds) userIds.set(persona, id);
  userIds.set("lead_author", leader.id);
  leadAuthorCookie = await sessionCookieFor(t.db, leader.id);
  // The per-address auth limiter has its own test; here it would only count our probes.
  server = await startTestServer(t.db, { AUTH_RATE_LIMIT_PER_MINUTE: "100000" });
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

test("every route in the build manifest is in the matrix, and nothing else is", async () => {
  const build = await loadBuild();
  const manifestIds = Object.keys(build.routes).sort();
  expect(Object.keys(MATRIX).sort()).toEqual(manifestIds);
});

describe.each(Object.entries(MATRIX))("%s", (_routeId, probes) => {
  const label = (probe: Probe) => `${probe.method} ${probe.url(PLACEHOLDERS)}`;
  test.each(probes.flatMap((probe) => PERSONAS.map((persona) => [label(probe), persona, probe] as const)))(
    "%s as %s",
    async (_label, persona, probe) => {
      const url = probe.url(fixture);
      const spec = personaSpecs.get(persona);
      const cookie =
        probe.freshSession && spec ? await sessionCookieFor(t.db, (await createUser(t.db, spec)).id) : cookies.get(persona);
      const headers: Record<string, string> = {};
      if (cookie) headers.Cookie = cookie;
      let body: string | undefined;
      if (probe.method === "POST") {
        headers.Origin = server.services.config.publicOrigin;
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(typeof probe.body === "function" ? probe.body(fixture) : (probe.body ?? {})).toString();
      }
      const res = await server.request(url, { method: probe.method, headers, body });
      await res.arrayBuffer();
      expect(res.status, `${probe.method} ${url} as ${persona}`).toBe(probe.expect[persona]);
    },
  );
});

// The collaboration server's websocket: the upgrade to the private module's
// draft, as every persona and as its lead author. It follows draftAccess:
// its authors edit, moderators and admins in scope watch, everyone else gets
// 404 (401 without a session), before any websocket exists.
type UpgradeExpect = { status: 101 | 401 | 404; access?: "edit" | "view" };
const DRAFT_UPGRADE: Record<Persona | "lead_author", UpgradeExpect> = {
  anonymous: { status: 401 },
  participant: { status: 404 },
  alumnus: { status: 101, access: "edit" }, // the fixture's co-author of this module
  facilitator: { status: 404 },
  thought_leader: { status: 404 }, // co-writes the public module, not this one
  moderator: { status: 101, access: "view" },
  org_admin: { status: 101, access: "view" },
  platform_admin: { status: 101, access: "view" },
  other_org: { status: 404 },
  lead_author: { status: 101, access: "edit" },
};

describe("websocket upgrade to a module's draft (/collab/module.<id>)", () => {
  test("every persona has an expectation", () => {
    expect(Object.keys(DRAFT_UPGRADE).sort()).toEqual([...PERSONAS, "lead_author"].sort());
  });

  test.each(Object.entries(DRAFT_UPGRADE) as [Persona | "lead_author", UpgradeExpect][])("upgrade as %s", async (persona, expected) => {
    const cookie = persona === "lead_author" ? leadAuthorCookie : cookies.get(persona);
    const status = await upgradeStatus(server, fixture.privateDraftOfOrgA, { cookie });
    expect(status, `upgrade to the draft as ${persona}`).toBe(expected.status);
    if (status !== 101) return;
    // Accepted: with the access the policy gives, read-only or editing.
    const ws = await openRawSocket(server, fixture.privateDraftOfOrgA, cookie!);
    try {
      await eventually(() => {
        const conn = server.collab.connections().find((c) => c.identity.userId === userIds.get(persona) && !c.closed);
        expect(conn?.identity.access).toBe(expected.access);
      });
    } finally {
      ws.terminate();
    }
  });
});

// Reports across organisations (docs/decisions/021-reports-across-organisations.md): a
// moderator of organisation B, which owns nothing here, and one of the organisation that
// owns the public module, get a 404 for a report filed in organisation A, and nothing of it.
describe("a moderator of another organisation and a report filed in organisation A", () => {
  test.each([["a moderator of organisation B", false], ["a moderator of the public module's own organisation", true]] as const)("%s: 404 to read it, claim it or settle it", async (_who, ownsModule) => {
    const orgB = await createOrg(t.db);
    const moderatorB = await createUser(t.db, { orgId: orgB.id, roles: ["moderator"] });
    if (ownsModule) await t.db.update(modules).set({ ownerOrgId: orgB.id }).where(eq(modules.slug, fixture.publicModule));
    const cookie = await sessionCookieFor(t.db, moderatorB.id);
    const headers = { Cookie: cookie, Origin: server.services.config.publicOrigin, "Content-Type": "application/x-www-form-urlencoded" };
    for (const id of [fixture.reportOnPublicModule, fixture.reportOnPrivateModule]) {
      const page = await server.request(`/review/reports/${id}`, { headers: { Cookie: cookie } });
      expect(page.status).toBe(404);
      const html = await page.text();
      expect(html).not.toContain("Page 4 names a client.");
      const settle = await server.request(`/review/reports/${id}`, { method: "POST", headers, body: new URLSearchParams({ intent: "dismissed" }).toString() });
      expect(settle.status).toBe(404);
      const [item] = await t.db.select({ id: reviewItems.id }).from(reviewItems).where(eq(reviewItems.reportId, id));
      const claim = await server.request("/review", { method: "POST", headers, body: new URLSearchParams({ intent: "claim", itemId: item!.id }).toString() });
      expect(claim.status).toBe(404);
    }
    const queue = await server.request("/review", { headers: { Cookie: cookie } });
    expect(await queue.text()).not.toContain(fixture.reportOnPublicModule);
    if (ownsModule) await t.db.update(modules).set({ ownerOrgId: null }).where(eq(modules.slug, fixture.publicModule));
  });
});

// The break-out notes document on the collaboration server: the same rule as its page.
const NOTES_UPGRADE: Record<Persona, 101 | 401 | 404> = {
  anonymous: 401,
  participant: 404,
  alumnus: 101,
  facilitator: 404,
  thought_leader: 404,
  moderator: 404,
  org_admin: 101,
  platform_admin: 101,
  other_org: 404,
};

test.each(Object.entries(NOTES_UPGRADE) as [Persona, number][])("websocket upgrade to a break-out's notes as %s", async (persona, expected) => {
  expect(await upgradeStatus(server, `notes.${fixture.breakOutOfOrgA}`, { cookie: cookies.get(persona) })).toBe(expected);
});
