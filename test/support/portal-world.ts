// Everyone and everything a form of the portal can be about, and the pages
// each kind of person opens to reach those forms. Shared by the tests that
// post every form (control characters, the fuzzer, the CSRF probe), so a
// page added here is covered by all of them.
import type { Database } from "../../db/database";
import {
  comments,
  experiments,
  formationPlans,
  groupConversions,
  groupJoinRequests,
  invitations,
  meetingNotes,
  mentorshipGoals,
  moduleAuthors,
  passwordResets,
  reunionAudience,
  reunions,
  reviewItems,
  takeaways,
} from "../../db/schema";
import { generateSecretToken, hashSecretToken } from "../../app/domain/accounts/secret-token.server";
import { createProposal } from "../../app/domain/proposals/create-proposal.server";
import { reportContent } from "../../app/domain/reports/report-content.server";
import { submitDraft } from "../../app/domain/review/submit-draft.server";
import { createOffer, createPair, createRequest } from "../mentoring/mentoring-setting";
import { addRoomRow, addSessionRow, addSlotRow } from "../open-space/open-space-setting";
import { createDraftComment, createDraftEditor, createNotification, createOrg, createPeerGroup, createPublishedModule, createUser, sessionCookieFor, uniqueWord } from "./factories";
import { daysAhead, type Visit } from "./page-forms";
import { createCohort, createCycle, createProgrammeGroup, recordAttendanceRows } from "./programme-factories";

const HOUR = 3_600_000;

export type PortalWorld = Awaited<ReturnType<typeof buildPortalWorld>>;

export async function buildPortalWorld(db: Database) {
  const orgA = await createOrg(db, { crossOrgConnections: true, formationPreferences: true });
  const orgB = await createOrg(db, { crossOrgConnections: true });
  const alumna = await createUser(db, { orgId: orgA.id, roles: ["alumnus", "thought_leader", "facilitator"], name: `Alma ${uniqueWord()}` });
  const colleague = await createUser(db, { orgId: orgA.id, roles: ["alumnus"], name: `Colm ${uniqueWord()}` });
  const moderator = await createUser(db, { orgId: orgA.id, roles: ["moderator"] });
  const orgAdmin = await createUser(db, { orgId: orgA.id, roles: ["org_admin"] });
  const platformAdmin = await createUser(db, { orgId: orgA.id, roles: ["platform_admin"] });
  const participant = await createUser(db, { orgId: orgA.id, roles: ["participant"], name: `Pia ${uniqueWord()}` });
  const outsider = await createUser(db, { orgId: orgB.id, roles: ["alumnus"] });
  const outsiderAdmin = await createUser(db, { orgId: orgB.id, roles: ["org_admin", "moderator", "alumnus"] });

  const module = await createPublishedModule(db, { authorId: alumna.id });
  await db.insert(moduleAuthors).values({ moduleId: module.id, userId: colleague.id, role: "coauthor" });
  const privateModule = await createPublishedModule(db, { authorId: alumna.id, ownerOrgId: orgA.id });
  const submission = await submitDraft(db, createDraftEditor(db), { id: alumna.id, orgId: orgA.id, roles: alumna.roles }, privateModule.id);
  const draftComment = await createDraftComment(db, { moduleId: module.id, authorId: colleague.id });
  const proposalId = await createProposal(db, { id: alumna.id, orgId: orgA.id, roles: alumna.roles }, {
    title: "Saying no upwards",
    challenge: "How do I decline a request from above without burning the relationship?",
    mindset: "collaboration",
    questions: ["When did you last say no upwards?"],
    suggestedMode: "open",
    visibility: "organisation",
  });
  const [proposalComment] = await db.insert(comments).values({ proposalId, authorId: colleague.id, body: "I have the same question." }).returning();
  const report = await reportContent(db, { id: colleague.id, orgId: orgA.id, roles: colleague.roles }, { commentId: draftComment.id }, "This is not about the module.");

  // A peer group the alumna convenes with her colleague in it, a monthly meeting, an action and a request to join.
  const group = await createPeerGroup(db, { orgId: orgA.id, convenerIds: [alumna.id], memberIds: [colleague.id], joinPolicy: "request", sizeCap: 12 });
  // 08:00 UTC five days from now, so an eight-hour open space ends the same day in Paris.
  const startsAt = new Date(`${daysAhead(5)}T08:00:00Z`);
  const [meeting] = await db
    .insert(reunions)
    .values({ orgId: orgA.id, organiserId: alumna.id, groupId: group.id, title: "Guild monthly", status: "scheduled", timeZone: "Europe/London", startsAt, endsAt: new Date(startsAt.getTime() + HOUR) })
    .returning();
  await db.insert(reunionAudience).values({ reunionId: meeting!.id, kind: "group", groupId: group.id });
  await db.insert(meetingNotes).values({ groupId: group.id, meetingId: meeting!.id, kind: "action", authorId: colleague.id, ownerId: colleague.id, text: "Try a no-meeting Friday." });
  const asker = await createUser(db, { orgId: orgA.id, roles: ["alumnus"] });
  await db.insert(groupJoinRequests).values({ groupId: group.id, userId: asker.id, kind: "request" });
  const pending = await createPeerGroup(db, { orgId: orgA.id, convenerIds: [colleague.id], status: "awaiting_approval", activatedAt: null });
  await db.insert(reviewItems).values({ kind: "group", groupId: pending.id, title: pending.name, ownerOrgId: orgA.id });

  // An open space the alumna organises, her colleague invited, with a room, a slot and a break-out.
  const [openSpace] = await db
    .insert(reunions)
    .values({ orgId: orgA.id, organiserId: alumna.id, title: "Lessons learned", format: "open_space", status: "scheduled", location: "The old mill", timeZone: "Europe/Paris", startsAt, endsAt: new Date(startsAt.getTime() + 8 * HOUR) })
    .returning();
  await db.insert(reunionAudience).values({ reunionId: openSpace!.id, kind: "person", userId: colleague.id });
  await addRoomRow(db, openSpace!.id, "Blue room", 12);
  await addSlotRow(db, openSpace!.id, new Date(startsAt.getTime() + HOUR));
  const breakOut = await addSessionRow(db, openSpace!.id, { convenerId: colleague.id, topic: "Hybrid meetings" });
  // A reunion polling for a date.
  const [poll] = await db
    .insert(reunions)
    .values({ orgId: orgA.id, organiserId: alumna.id, title: "Cohort dinner", status: "polling", timeZone: "Europe/London" })
    .returning();
  await db.insert(reunionAudience).values({ reunionId: poll!.id, kind: "person", userId: colleague.id });

  // The alumna mentors her colleague; the colleague also has an open request of her own.
  await createOffer(db, alumna);
  // A participant's pending ask to the alumna, for her list of asks.
  const askRequest = await createRequest(db, participant);
  await createPair(db, alumna, participant, { requestId: askRequest.id, status: "asked", decidedAt: null });
  await createNotification(db, alumna.id, { title: "A reply to your comment" });
  const mentoringRequest = await createRequest(db, colleague, { status: "matched" });
  const pair = await createPair(db, alumna, colleague, { requestId: mentoringRequest.id });
  await db.insert(mentorshipGoals).values({ mentorshipId: pair.id, text: "Delegate the weekly report.", createdBy: colleague.id });
  const openRequest = await createRequest(db, colleague);

  // The programme: a cohort whose group the alumna facilitates, the participant in it, its first meeting an hour ago
  // and the next in a month; a finished cohort's group offered to carry on; a draft experiment.
  const cohort = await createCohort(db, { orgId: orgA.id, createdBy: orgAdmin.id });
  const groupmates = await Promise.all([0, 1].map(() => createUser(db, { orgId: orgA.id, roles: ["participant"] })));
  const programmeGroup = await createProgrammeGroup(db, { orgId: orgA.id, cohortId: cohort.id, facilitatorId: alumna.id, memberIds: [participant.id, ...groupmates.map((g) => g.id)] });
  const { meetings: cycleMeetings } = await createCycle(db, {
    group: programmeGroup,
    facilitatorId: alumna.id,
    startedAt: new Date(Date.now() - 150 * 60_000),
    meetings: [{ startsAt: new Date(Date.now() - 150 * 60_000) }, { startsAt: new Date(Date.now() + 30 * 86_400_000) }],
  });
  await recordAttendanceRows(db, cycleMeetings[0]!.id, { [participant.id]: "present" });
  await db.insert(takeaways).values({ userId: participant.id, moduleId: module.id, meetingId: cycleMeetings[0]!.id, text: "Ask before assuming." });
  const [formationPlan] = await db
    .insert(formationPlans)
    .values({ orgId: orgA.id, cohortId: cohort.id, kind: "late_joiners", status: "proposed", settings: {}, people: [participant.id], groupIds: [programmeGroup.id], assignment: [0], value: 0, timeLimitMs: 1000, seed: 1 })
    .returning();
  const endedCohort = await createCohort(db, { orgId: orgA.id });
  const offeredGroup = await createProgrammeGroup(db, { orgId: orgA.id, cohortId: endedCohort.id, facilitatorId: alumna.id, memberIds: [participant.id, ...groupmates.map((g) => g.id)] });
  await db.insert(groupConversions).values({ groupId: offeredGroup.id, closesAt: new Date(Date.now() + 14 * 86_400_000) });
  const [experiment] = await db
    .insert(experiments)
    .values({ orgId: orgA.id, title: "Quarterly reunions", initiative: "A reunion every quarter.", hypothesis: "Retention rises.", unitKind: "department", eligible: [], outcome: "revenue", startsOn: "2024-01-01", baselineMonths: 3, outcomeMonths: 3, analysis: "Difference in differences.", strata: 1 })
    .returning();

  // Links from emails, for the sign-in pages.
  const resetToken = generateSecretToken();
  await db.insert(passwordResets).values({ tokenHash: hashSecretToken(resetToken), userId: colleague.id, expiresAt: new Date(Date.now() + HOUR) });
  const inviteToken = generateSecretToken();
  await db.insert(invitations).values({ orgId: orgA.id, email: `invited-${uniqueWord()}@example.test`, roles: ["participant"], tokenHash: hashSecretToken(inviteToken), expiresAt: new Date(Date.now() + HOUR) });

  return {
    orgA,
    orgB,
    people: { alumna, colleague, moderator, orgAdmin, platformAdmin, participant, outsider, outsiderAdmin },
    module,
    privateModule,
    draftComment,
    submission,
    proposalId,
    proposalComment: proposalComment!,
    report,
    group,
    pending,
    meeting: meeting!,
    openSpace: openSpace!,
    breakOut,
    poll: poll!,
    pair,
    openRequest,
    cohort,
    programmeGroup,
    cycleMeeting: cycleMeetings[0]!,
    formationPlan: formationPlan!,
    offeredGroup,
    experiment: experiment!,
    resetToken,
    inviteToken,
  };
}

/** The pages with forms, as the people who see them. */
export async function portalVisits(db: Database, w: PortalWorld): Promise<Visit[]> {
  const { alumna, colleague, moderator, orgAdmin, platformAdmin, participant } = w.people;
  const as = async (who: string, id: string | null, paths: string[]) => {
    const cookie = id ? await sessionCookieFor(db, id) : undefined;
    return paths.map((path) => ({ who, cookie, path }));
  };
  return [
    ...(await as("anonymous", null, ["/login?redirectTo=%2Fmodules", "/signup", "/forgot-password", `/reset-password/${w.resetToken}`, `/invitations/${w.inviteToken}`])),
    ...(await as("the alumna", alumna.id, [
      "/",
      "/profile",
      "/profile/directory",
      "/profile/data",
      "/notifications",
      "/notifications/settings",
      "/calendar",
      `/modules/${w.module.slug}/edit`,
      `/modules/${w.module.slug}/session?page=7`,
      `/modules/${w.module.slug}/history/1`,
      `/modules/${w.module.slug}/translate`,
      `/reports/new?module=${w.module.slug}`,
      `/reports/new?comment=${w.proposalComment.id}`,
      "/proposals/new",
      `/proposals/${w.proposalId}`,
      "/groups/new",
      `/groups/${w.group.id}`,
      `/groups/${w.group.id}/members`,
      `/groups/${w.group.id}/meetings`,
      `/groups/${w.group.id}/meetings/${w.meeting.id}`,
      `/groups/${w.group.id}/discussion`,
      `/groups/${w.group.id}/settings`,
      `/groups/${w.programmeGroup.id}/cycle`,
      `/programme/meetings/${w.cycleMeeting.id}`,
      "/mentoring",
      "/mentoring/offer",
      "/mentoring/requests/new",
      `/mentoring/${w.pair.id}`,
      "/reunions/new",
      `/reunions/${w.openSpace.id}`,
      `/reunions/${w.openSpace.id}/edit`,
      `/reunions/${w.openSpace.id}/open-space`,
      `/reunions/${w.openSpace.id}/attendance`,
      `/reunions/${w.openSpace.id}/proceedings`,
      `/reunions/${w.openSpace.id}/sessions/${w.breakOut.id}`,
      `/reunions/${w.poll.id}`,
      `/reunions/${w.meeting.id}/edit`,
      "/security",
    ])),
    ...(await as("her colleague", colleague.id, [
      `/proposals/${w.proposalId}`,
      `/reunions/${w.openSpace.id}`,
      `/reunions/${w.openSpace.id}/open-space`,
      `/reunions/${w.poll.id}`,
      `/mentoring/requests/${w.openRequest.id}`,
      `/mentoring/${w.pair.id}`,
      `/groups/${w.group.id}/meetings/${w.meeting.id}`,
      `/modules/${w.module.slug}/session`,
    ])),
    ...(await as("a participant", participant.id, [
      "/programme",
      "/programme/preferences",
      "/programme/diagnostics",
      `/programme/meetings/${w.cycleMeeting.id}`,
      `/programme/meetings/${w.cycleMeeting.id}/evaluate`,
      `/groups/${w.programmeGroup.id}/cycle`,
      `/groups/${w.offeredGroup.id}/carry-on`,
    ])),
    ...(await as("a moderator", moderator.id, ["/review", `/review/reports/${w.report.id}`, `/review/drafts/${w.submission.id}`, `/review/groups/${w.pending.id}`, `/proposals/${w.proposalId}`])),
    ...(await as("an organisation admin", orgAdmin.id, [
      "/org",
      "/org/invite",
      "/org/import",
      "/org/structure",
      "/org/settings",
      `/org/people/${colleague.id}`,
      `/org/people/${colleague.id}/delete`,
      "/org/programme",
      "/org/insights/data",
      "/org/cohorts",
      `/org/cohorts/${w.cohort.id}`,
      `/org/cohorts/${w.cohort.id}/groups`,
      `/org/cohorts/${w.cohort.id}/formation`,
      `/org/cohorts/${w.cohort.id}/formation/${w.formationPlan.id}`,
      "/org/insights/experiments",
      `/org/insights/experiments/${w.experiment.id}`,
    ])),
    ...(await as("a platform admin", platformAdmin.id, ["/admin", "/admin/modules", "/admin/outbox", "/admin/exports", "/audit"])),
  ];
}
