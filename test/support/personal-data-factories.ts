// Plants one person's data in every table the register lists: each of their
// own rows carries a PRIVATE marker, each piece of shared work a SHARED
// marker, so the export and erasure tests can say what must go and what
// must stay. A colleague co-writes, replies and supports, so their work is
// what must survive.
import crypto from "node:crypto";
import type { Database } from "../../db/database";
import {
  accountDeletions,
  calendarFeeds,
  cohortMembers,
  collabUpdates,
  comments,
  cycleGoals,
  cycleMeetings,
  cycles,
  cycleVotes,
  dataExports,
  diagnosticResponses,
  directoryProfiles,
  emailDigests,
  experiments,
  formationPlans,
  formationPreferences,
  groupBans,
  groupConversionAnswers,
  groupInterest,
  groupJoinRequests,
  groupJoinVotes,
  groupMembers,
  groups,
  invitations,
  meetingAttendance,
  meetingEvaluationReceipts,
  meetingModuleVotes,
  meetingNotes,
  mentoringRequests,
  mentorOffers,
  mentorshipGoals,
  mentorshipNotes,
  mentorshipReflections,
  mentorships,
  moderatorMindsets,
  moduleAuthors,
  modules,
  moduleSubmissions,
  notificationPreferences,
  notifications,
  openSpaceInterest,
  openSpaceSessions,
  outbox,
  passwordResets,
  personRecords,
  proposals,
  proposalSupports,
  reports,
  reunionAudience,
  reunionRsvps,
  reunions,
  reunionSeries,
  reunionSlots,
  reviewItems,
  slotVotes,
  submissionApprovals,
  surveyScores,
  takeaways,
  users,
  cohorts,
} from "../../db/schema";
import { recordAudit } from "../../app/domain/audit/record-audit.server";
import { createSession } from "../../app/domain/accounts/sessions.server";
import { publishRevision } from "../../app/domain/modules/publish-revision.server";
import { eq } from "drizzle-orm";
import { createOrg, createPublishedModule, createUser, moduleDoc } from "./factories";

const DAY = 86_400_000;
const token = () => crypto.randomBytes(16).toString("hex");

export type PlantedWorld = Awaited<ReturnType<typeof plantPersonalData>>;

export async function plantPersonalData(db: Database) {
  const org = await createOrg(db);
  const tag = crypto.randomBytes(3).toString("hex");
  const person = await createUser(db, { orgId: org.id, roles: ["alumnus", "moderator"], name: `Zelda Quixotic ${tag}`, email: `zelda-${tag}@example.test` });
  const colleague = await createUser(db, { orgId: org.id, roles: ["alumnus", "thought_leader"], name: `Colin Colleague ${tag}` });
  const P = person.id;
  const Q = colleague.id;
  const now = new Date();
  const soon = new Date(now.getTime() + 7 * DAY);
  const past = new Date(now.getTime() - 30 * DAY);

  await db.update(users).set({ bio: "PRIVATE bio", jobTitle: "PRIVATE title" }).where(eq(users.id, P));
  await db.update(users).set({ managerId: P }).where(eq(users.id, Q));
  await createSession(db, P);
  await db.insert(passwordResets).values({ tokenHash: token(), userId: P, expiresAt: soon });
  await db.insert(invitations).values({ orgId: org.id, email: person.email, name: person.name, roles: ["participant"], tokenHash: token(), invitedBy: Q, expiresAt: soon });
  await db.insert(outbox).values({ kind: "test", to: person.email, subject: "PRIVATE subject", text: `Hello ${person.name}` });
  // Someone else's email and notice that name the person.
  await db.insert(outbox).values({ kind: "test", to: colleague.email, subject: `${person.name} replied`, text: `Write to ${person.email}` });
  await db.insert(notifications).values({ userId: Q, kind: "mention", title: `${person.name} mentioned you`, link: "/" });

  // A module the person leads and the colleague co-writes; its draft is a collaborative document.
  const module = await createPublishedModule(db, { authorId: P, title: `SHARED module ${tag}`, doc: moduleDoc({ intro: "SHARED text written together." }) });
  await db.update(modules).set({ requiredApproverId: P }).where(eq(modules.id, module.id));
  await db.insert(moduleAuthors).values({ moduleId: module.id, userId: Q, role: "coauthor" });
  await publishRevision(db, { moduleId: module.id, doc: moduleDoc({ intro: "SHARED second revision." }), authorId: Q });
  const draftUpdate = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  await db.insert(collabUpdates).values({ documentName: `module.${module.id}`, update: draftUpdate });

  // A peer group the person founded, with the colleague in it.
  const [group] = await db.insert(groups).values({ orgId: org.id, name: `Guild ${tag}`, kind: "peer", founderId: P, approvedBy: Q, charter: "SHARED charter" }).returning();
  await db.insert(groupMembers).values([
    { groupId: group!.id, userId: P, role: "convener" },
    { groupId: group!.id, userId: Q, role: "member" },
  ]);
  await db.insert(groupInterest).values({ groupId: group!.id, userId: P });
  await db.insert(groupJoinRequests).values({ groupId: group!.id, userId: P, kind: "request", message: "PRIVATE request", status: "accepted", invitedBy: Q, decidedBy: Q });
  const [colleagueRequest] = await db.insert(groupJoinRequests).values({ groupId: group!.id, userId: Q, kind: "request", status: "accepted", decidedBy: P }).returning();
  await db.insert(groupJoinVotes).values({ requestId: colleagueRequest!.id, voterId: P, vote: "yes" });
  const [otherGroup] = await db.insert(groups).values({ orgId: org.id, name: `Other guild ${tag}`, kind: "peer" }).returning();
  await db.insert(groupBans).values({ groupId: otherGroup!.id, userId: P, bannedBy: Q });
  await db.insert(directoryProfiles).values({ userId: P, listed: true });
  await db.insert(takeaways).values({ userId: P, moduleId: module.id, text: "PRIVATE takeaway" });

  // Proposals: one nobody else touched (goes), one the colleague supported (stays).
  const [lonelyProposal] = await db.insert(proposals).values({ proposerId: P, orgId: org.id, title: "PRIVATE idea", challenge: "PRIVATE challenge", mindset: "action" }).returning();
  const [sharedProposal] = await db.insert(proposals).values({ proposerId: P, orgId: org.id, title: "SHARED idea", challenge: "SHARED challenge", mindset: "action", decidedBy: Q }).returning();
  await db.insert(proposalSupports).values({ proposalId: sharedProposal!.id, userId: Q });
  const [colleagueProposal] = await db.insert(proposals).values({ proposerId: Q, orgId: org.id, title: "SHARED colleague idea", challenge: "SHARED", mindset: "analysis" }).returning();
  await db.insert(proposalSupports).values({ proposalId: colleagueProposal!.id, userId: P });
  // Comments: one with the colleague's reply (stays), one alone (goes).
  const [answered] = await db.insert(comments).values({ proposalId: colleagueProposal!.id, authorId: P, body: "SHARED comment with a reply" }).returning();
  await db.insert(comments).values({ proposalId: colleagueProposal!.id, parentId: answered!.id, authorId: Q, body: "SHARED reply by the colleague", resolvedBy: P });
  await db.insert(comments).values({ proposalId: colleagueProposal!.id, authorId: P, body: "PRIVATE comment nobody answered" });
  await db.insert(comments).values({ proposalId: lonelyProposal!.id, authorId: P, body: "PRIVATE comment on a lonely idea" });

  const [submission] = await db
    .insert(moduleSubmissions)
    .values({ moduleId: module.id, round: 1, submittedBy: P, decidedBy: Q, state: "published", candidateState: new Uint8Array([0]), candidateSnapshot: new Uint8Array([0]), candidateDoc: { type: "doc" } })
    .returning();
  await db.insert(submissionApprovals).values({ submissionId: submission!.id, capacity: "author", userId: P });
  const [report] = await db.insert(reports).values({ reporterId: P, moduleId: module.id, reason: "SHARED report reason", resolvedBy: Q }).returning();
  await db.insert(reviewItems).values({ kind: "report", reportId: report!.id, title: "SHARED queue item", claimedBy: P, claimedAt: now });
  await db.insert(moderatorMindsets).values({ userId: P, mindset: "reflection" });
  await recordAudit(db, { actorId: P, action: "proposal.created", targetType: "proposal", targetId: lonelyProposal!.id, targetLabel: "an idea", ownerOrgId: org.id, reason: "PRIVATE reason" });
  await recordAudit(db, { actorId: Q, action: "person.roles_changed", targetType: "person", targetId: P, targetLabel: person.name, ownerOrgId: org.id, reason: "SHARED reason by the colleague", details: { userId: P, name: person.name, email: person.email } });
  await db.insert(notifications).values({ userId: P, kind: "mention", title: "PRIVATE notice", link: "/" });
  await db.insert(notificationPreferences).values({ userId: P, kind: "mention", delivery: "daily" });
  await db.insert(emailDigests).values({ userId: P, lastSentAt: past });

  // A reunion the person organises, an open space in it, and their answers.
  const [series] = await db.insert(reunionSeries).values({ organiserId: P, intervalMonths: 3 }).returning();
  const [reunion] = await db
    .insert(reunions)
    .values({ orgId: org.id, organiserId: P, title: "SHARED reunion", timeZone: "Europe/London", status: "scheduled", startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000), seriesId: series!.id, format: "open_space" })
    .returning();
  await db.insert(reunionAudience).values({ reunionId: reunion!.id, kind: "person", userId: P });
  const [slot] = await db.insert(reunionSlots).values({ reunionId: reunion!.id, startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000), timeZone: "Europe/London" }).returning();
  await db.insert(slotVotes).values({ slotId: slot!.id, userId: P, answer: "yes" });
  await db.insert(reunionRsvps).values({ reunionId: reunion!.id, userId: P, answer: "going" });
  await db.insert(calendarFeeds).values({ userId: P, tokenHash: token() });
  const [session] = await db.insert(openSpaceSessions).values({ reunionId: reunion!.id, topic: "SHARED session", convenerId: P }).returning();
  await db.insert(openSpaceInterest).values({ sessionId: session!.id, userId: P });
  await db.insert(meetingNotes).values({ groupId: group!.id, meetingId: reunion!.id, authorId: P, ownerId: P, kind: "action", text: "SHARED group action" });

  // Mentoring: the colleague mentors the person.
  await db.insert(mentorOffers).values({ userId: P, topics: ["PRIVATE topic"], capacity: 1 });
  const [request] = await db.insert(mentoringRequests).values({ menteeId: P, goal: "PRIVATE mentoring goal" }).returning();
  const [pair] = await db.insert(mentorships).values({ mentorId: Q, menteeId: P, requestId: request!.id, status: "active", message: "SHARED pair message" }).returning();
  await db.insert(mentorshipGoals).values({ mentorshipId: pair!.id, text: "SHARED pair goal", createdBy: P });
  await db.insert(mentorshipNotes).values({ mentorshipId: pair!.id, authorId: P, text: "PRIVATE mentoring note" });
  await db.insert(mentorshipNotes).values({ mentorshipId: pair!.id, authorId: Q, text: "SHARED the colleague's own note" });
  await db.insert(mentorshipReflections).values({ mentorshipId: pair!.id, userId: P, text: "PRIVATE reflection" });

  // The programme: a cohort, a group and a cycle with one meeting the person hosted.
  const [cohort] = await db.insert(cohorts).values({ orgId: org.id, name: `Cohort ${tag}`, timeZone: "Europe/London", createdBy: P, sponsorshipEndedBy: P }).returning();
  await db.insert(cohortMembers).values({ cohortId: cohort!.id, userId: P, enrolledBy: Q });
  const [circle] = await db.insert(groups).values({ orgId: org.id, name: `Circle ${tag}`, kind: "programme", cohortId: cohort!.id }).returning();
  const [cycle] = await db.insert(cycles).values({ groupId: circle!.id, number: 1, meetingsPlanned: 6 }).returning();
  const [meeting] = await db
    .insert(reunions)
    .values({ orgId: org.id, organiserId: Q, groupId: circle!.id, title: "SHARED cycle meeting", timeZone: "Europe/London", status: "scheduled", startsAt: past, endsAt: new Date(past.getTime() + 5_400_000) })
    .returning();
  await db.insert(cycleMeetings).values({ reunionId: meeting!.id, cycleId: cycle!.id, number: 1, hostId: P, moduleConfirmedBy: P });
  await db.insert(meetingAttendance).values({ reunionId: meeting!.id, userId: P, status: "present", recordedBy: P });
  await db.insert(meetingEvaluationReceipts).values({ reunionId: meeting!.id, userId: P });
  await db.insert(meetingModuleVotes).values({ reunionId: meeting!.id, userId: P, moduleId: module.id });
  await db.insert(cycleGoals).values({ cycleId: cycle!.id, userId: P, text: "PRIVATE cycle goal" });
  await db.insert(cycleVotes).values({ cycleId: cycle!.id, userId: P, vote: "continue" });
  await db.insert(groupConversionAnswers).values({ groupId: circle!.id, userId: P, consent: true });
  await db.insert(formationPlans).values({ orgId: org.id, cohortId: cohort!.id, createdBy: P, publishedBy: P, settings: {}, people: [], groupIds: [], timeLimitMs: 1000, seed: 1 });
  await db.insert(formationPreferences).values([
    { cohortId: cohort!.id, userId: P, targetId: Q, kind: "want" },
    { cohortId: cohort!.id, userId: Q, targetId: P, kind: "rather_not" },
  ]);
  await db.insert(surveyScores).values({ orgId: org.id, userId: P, period: "2026-01-01", instrument: "engagement", score: 4 });
  await db.insert(experiments).values({
    orgId: org.id,
    title: "SHARED experiment",
    initiative: "SHARED",
    hypothesis: "SHARED",
    unitKind: "department",
    eligible: [],
    outcome: "revenue",
    startsOn: "2026-01-01",
    baselineMonths: 3,
    outcomeMonths: 3,
    analysis: "SHARED",
    strata: 1,
    createdBy: P,
    registeredBy: P,
    assignedBy: P,
  });
  await db.insert(diagnosticResponses).values({ userId: P, cycleId: cycle!.id, moment: "start", instrument: "arc-v1", answers: { a1: 4 } });
  await db.insert(personRecords).values({ orgId: org.id, userId: P, level: "PRIVATE level" });
  await db.insert(dataExports).values({ scope: "person", orgId: org.id, userId: P, requestedBy: P, status: "expired" });
  await db.insert(accountDeletions).values({ userId: P, orgId: org.id, requestedBy: P, erasesAt: past, cancelledAt: past, cancelledBy: P });

  return { org, person, colleague, module, draftUpdate, group: group!, reunion: reunion!, pair: pair!, answeredComment: answered!, sharedProposal: sharedProposal!, lonelyProposal: lonelyProposal! };
}
