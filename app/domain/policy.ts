// Who may do what. Pure functions over the signed-in user and the resource,
// used by loaders, actions, the collaboration server and the authorization
// matrix test alike, so they cannot disagree.
import type { Role } from "../../db/roles";

export type Actor = { id: string; orgId: string; roles: readonly Role[] };

export const hasRole = (actor: Actor, role: Role) => actor.roles.includes(role);

export const isPlatformAdmin = (actor: Actor) => hasRole(actor, "platform_admin");

/** Organisation admins run their own organisation; platform admins run all. */
export const canAdministerOrg = (actor: Actor, orgId: string) =>
  isPlatformAdmin(actor) || (hasRole(actor, "org_admin") && actor.orgId === orgId);

/** Which roles an actor may grant or remove. Only platform admins make platform admins. */
export const canAssignRole = (actor: Actor, orgId: string, role: Role) =>
  canAdministerOrg(actor, orgId) && (role !== "platform_admin" || isPlatformAdmin(actor));

/** People are visible only inside their organisation (platform admins see all). */
export const canSeePerson = (actor: Actor, person: { orgId: string }) =>
  isPlatformAdmin(actor) || actor.orgId === person.orgId;

/** People's data (docs/privacy.md): each person deletes their own account; their organisation's admins may delete the account of someone who left. */
export const canDeleteAccount = (actor: Actor, person: { id: string; orgId: string }) => actor.id === person.id || canAdministerOrg(actor, person.orgId);
/** A whole organisation's data, for a customer leaving: platform admins only. */
export const canExportOrganisation = isPlatformAdmin;
/** An export's link is for the one person who asked for it. */
export const canDownloadExport = (actor: Actor, dataExport: { requestedBy: string }) => dataExport.requestedBy === actor.id;

export const canReadOutbox = isPlatformAdmin;
export const canAdministerPlatform = isPlatformAdmin;

type ModuleAccess = { status: string; visibility: string; ownerOrgId: string | null };

/** A module reaches readers once published: public ones everywhere, private ones only in their organisation. */
export const canReadModule = (actor: Actor, module: ModuleAccess) =>
  module.status === "published" && (module.visibility === "public" || module.ownerOrgId === actor.orgId || isPlatformAdmin(actor));

/** Whether the organisation's programme limits what this person sees (admins curate, so they see everything). */
export const isLimitedToProgramme = (actor: Actor, programmeMode: string) =>
  programmeMode === "programme_only" && !canAdministerOrg(actor, actor.orgId);

export type DraftAccess = "edit" | "view" | "none";
type DraftModule = ModuleAccess & { authorRole: "lead" | "coauthor" | null };

/**
 * A module's working draft (the collaborative document): its co-authors
 * edit it while it is not archived; moderators, platform admins and the
 * owning organisation's admins may watch it read-only; anyone else gets
 * nothing, which the portal and the collaboration server answer with 404.
 */
export function draftAccess(actor: Actor, module: DraftModule): DraftAccess {
  const inScope = module.visibility === "public" || module.ownerOrgId === actor.orgId || isPlatformAdmin(actor);
  if (module.authorRole && inScope && module.status !== "archived") return "edit";
  if (isPlatformAdmin(actor)) return "view";
  if (inScope && (hasRole(actor, "moderator") || module.authorRole)) return "view";
  if (module.ownerOrgId && canAdministerOrg(actor, module.ownerOrgId)) return "view";
  return "none";
}

// Co-creation and moderation.

type Scoped = { ownerOrgId: string | null };
/** Public items (no owner) reach everyone; an organisation's own only its people. */
const inScopeOf = (actor: Actor, item: Scoped) => item.ownerOrgId === null || item.ownerOrgId === actor.orgId || isPlatformAdmin(actor);

/** Alumni, facilitators and thought leaders bring module ideas and write modules. */
export const isContributor = (actor: Actor) => hasRole(actor, "alumnus") || hasRole(actor, "facilitator") || hasRole(actor, "thought_leader");

export const canPropose = isContributor;

type ProposalAccess = { visibility: string; orgId: string };
/** A proposal private to an organisation does not exist outside it. */
export const canSeeProposal = (actor: Actor, proposal: ProposalAccess) =>
  proposal.visibility === "public" || proposal.orgId === actor.orgId || isPlatformAdmin(actor);

export const canDiscussProposal = (actor: Actor, proposal: ProposalAccess) => canSeeProposal(actor, proposal);

/** Moderators decide on what is in their scope: public items, and their own organisation's. */
export const canModerate = (actor: Actor, item: Scoped) => hasRole(actor, "moderator") && inScopeOf(actor, item);

export const canUseReviewQueue = (actor: Actor) => hasRole(actor, "moderator");

// Reports (docs/decisions/021-reports-across-organisations.md).

/**
 * Whose moderators handle a report: for content private to an organisation,
 * that organisation's; for public content, the reporter's organisation's,
 * so a reporter's name and words stay in their organisation.
 */
export const reportScope = (content: Scoped, reporter: { orgId: string }): string => content.ownerOrgId ?? reporter.orgId;

/**
 * A report is read, claimed and settled by the moderators of its scope (and
 * platform admins who moderate). A report without a scope (filed before
 * decision 021 on public content) is left to platform admins.
 */
export const canHandleReport = (actor: Actor, report: { scopeOrgId: string | null }) =>
  hasRole(actor, "moderator") && (isPlatformAdmin(actor) || (report.scopeOrgId !== null && report.scopeOrgId === actor.orgId));

/** A queue item: reports follow canHandleReport, everything else canModerate. */
export const canActOnReviewItem = (actor: Actor, item: { kind: string; ownerOrgId: string | null }) =>
  item.kind === "report" ? canHandleReport(actor, { scopeOrgId: item.ownerOrgId }) : canModerate(actor, item);

/** Who reported is shown only inside the reporter's organisation (and to platform admins); elsewhere "a member of another organisation". */
export const canSeeReporter = (actor: Actor, reporter: { orgId: string | null }) => isPlatformAdmin(actor) || (reporter.orgId !== null && reporter.orgId === actor.orgId);

type AuthoredModule = ModuleAccess & { authorRole: "lead" | "coauthor" | null; coCreationMode: string };

/** In open mode any contributor who may see the draft joins as co-author. */
export const canJoinAsCoauthor = (actor: Actor, module: AuthoredModule) =>
  module.coCreationMode === "open" && module.authorRole === null && module.status !== "archived" && isContributor(actor) && inScopeOf(actor, { ownerOrgId: module.visibility === "public" ? null : module.ownerOrgId });

/** The lead author runs the draft: invites and removes co-authors, submits it for review. */
export const canLeadDraft = (actor: Actor, module: { authorRole: "lead" | "coauthor" | null; status: string }) =>
  module.authorRole === "lead" && module.status !== "archived";

/** Who may be invited as co-author of a module: contributors who may see it. */
export const canBeCoauthor = (person: Actor, module: ModuleAccess) =>
  isContributor(person) && inScopeOf(person, { ownerOrgId: module.visibility === "public" ? null : module.ownerOrgId });

/**
 * Anyone who writes modules may start the translation of one they can read
 * (docs/decisions/039-modules-in-two-languages.md); the translation is then
 * a draft like any other, reviewed before anyone else reads it.
 */
export const canStartTranslation = (actor: Actor, module: ModuleAccess) => isContributor(actor) && canReadModule(actor, module);

/** The audit log: moderators and admins, each within their scope (see canSeeAuditEvent). */
export const canReadAuditLog = (actor: Actor) => hasRole(actor, "moderator") || hasRole(actor, "org_admin") || isPlatformAdmin(actor);

/**
 * Moderators see events on public content and their organisation's; organisation admins their organisation's.
 * Events on a report carry the report's scope; one without (from before decision 021) is for platform admins.
 */
export const canSeeAuditEvent = (actor: Actor, event: Scoped & { targetType: string }) =>
  isPlatformAdmin(actor) ||
  (event.ownerOrgId === null ? hasRole(actor, "moderator") && event.targetType !== "report" : event.ownerOrgId === actor.orgId && canReadAuditLog(actor));

// Proposals: supporting and closing discussion threads.

const proposalScope = (proposal: ProposalAccess) => ({ ownerOrgId: proposal.visibility === "public" ? null : proposal.orgId });

/** Others back a proposal they can see; the proposer's own idea needs no vote from them. */
export const canSupportProposal = (actor: Actor, proposal: ProposalAccess & { proposerId: string | null }) =>
  canSeeProposal(actor, proposal) && proposal.proposerId !== actor.id;

/** A thread on a proposal is marked resolved (or reopened) by the proposer or a moderator in scope. */
export const canResolveProposalThread = (actor: Actor, proposal: ProposalAccess & { proposerId: string | null }) =>
  canSeeProposal(actor, proposal) && (proposal.proposerId === actor.id || canModerate(actor, proposalScope(proposal)));

// Reunions and open-space events.

/** Alumni, facilitators and organisation admins organise reunions. */
export const canOrganiseReunion = (actor: Actor) => hasRole(actor, "alumnus") || hasRole(actor, "facilitator") || hasRole(actor, "org_admin");

type ReunionAccess = { orgId: string; isOrganiser: boolean; inAudience: boolean };

/** A reunion exists only for its organiser, its audience, and the admins of the organiser's organisation; everyone else gets a 404. */
export const canSeeReunion = (actor: Actor, reunion: ReunionAccess) => reunion.isOrganiser || reunion.inAudience || canAdministerOrg(actor, reunion.orgId);

/** The organiser runs it: dates, place, capacity, rooms and slots, check-in; so may the organisation's admins. */
export const canRunReunion = (actor: Actor, reunion: ReunionAccess) => reunion.isOrganiser || canAdministerOrg(actor, reunion.orgId);

/** Those invited answer polls and invitations, propose break-outs and write their notes. */
export const canTakePartInReunion = (actor: Actor, reunion: ReunionAccess) => reunion.isOrganiser || reunion.inAudience;

/** Break-out notes are the audience's; the organiser may publish the proceedings to the organisation or to everyone. */
export const canReadProceedings = (actor: Actor, reunion: ReunionAccess & { proceedingsVisibility: string }) =>
  canSeeReunion(actor, reunion) || reunion.proceedingsVisibility === "everyone" || (reunion.proceedingsVisibility === "organisation" && actor.orgId === reunion.orgId);

/** A break-out's notes: those who may take part write them live; the organisation's admins may read along; anyone else gets a 404. */
export function breakoutNotesAccess(actor: Actor, reunion: ReunionAccess): DraftAccess {
  if (canTakePartInReunion(actor, reunion)) return "edit";
  if (canSeeReunion(actor, reunion)) return "view";
  return "none";
}

// The alumni directory, peer groups and mentoring (docs/decisions/016-peer-groups.md, 017-mentoring.md).

/** Whether two people of different organisations may meet: both organisations must allow it. Same organisation always may. */
export type Crossing = { sameOrg: boolean; bothOrgsAllow: boolean };
const mayCross = (c: Crossing) => c.sameOrg || c.bothOrgsAllow;

/** Alumni found and join peer groups and offer mentoring: the programme is behind them. */
export const isAlumnus = (actor: Actor) => hasRole(actor, "alumnus");
export const canFoundGroup = isAlumnus;
export const canOfferMentoring = isAlumnus;
/** Anyone signed in may ask for a mentor. */
export const canAskForMentor = (_actor: Actor) => true;

type ListedProfile = { userId: string; listed: boolean; crossOrg: boolean } & Crossing;
/** A directory profile: its owner always; others only if listed, and across organisations only when the person and both organisations allow it. */
export const canSeeProfile = (actor: Actor, profile: ListedProfile) =>
  profile.userId === actor.id || (profile.listed && (profile.sameOrg || (profile.crossOrg && profile.bothOrgsAllow)));

export type GroupRole = "convener" | "member" | "mentor" | "facilitator";
export type GroupAccess = {
  kind: string;
  status: string;
  joinPolicy: string;
  joinDecision: string;
  crossOrg: boolean;
  /** The actor's part in the group, or null. */
  role: GroupRole | null;
  banned: boolean;
} & Crossing;

/** Whether the actor's organisation and the group's allow this person in it at all. */
export const isWithinGroupReach = (actor: Actor, group: GroupAccess) => group.sameOrg || (group.crossOrg && group.bothOrgsAllow);

/** A peer group shows in the directory to those it could ever admit; members always see their own groups. Programme groups are not listed. */
export const canSeeGroup = (actor: Actor, group: GroupAccess) =>
  group.role !== null || (group.kind === "peer" && !group.banned && isWithinGroupReach(actor, group));

/** The group space (members, meetings, discussion) is the members'; anyone else gets a 404. */
export const canEnterGroupSpace = (_actor: Actor, group: GroupAccess) => group.role !== null;

const mayJoinSomeday = (actor: Actor, group: GroupAccess) =>
  group.kind === "peer" && isAlumnus(actor) && group.role === null && !group.banned && isWithinGroupReach(actor, group);

/** While a group gathers its founding members, people register interest instead of joining. */
export const canExpressInterest = (actor: Actor, group: GroupAccess) => mayJoinSomeday(actor, group) && group.status === "gathering";
/** An open active group is joined with one click. */
export const canJoinGroupDirectly = (actor: Actor, group: GroupAccess) => mayJoinSomeday(actor, group) && group.status === "active" && group.joinPolicy === "open";
/** A request-policy active group is asked. */
export const canAskToJoinGroup = (actor: Actor, group: GroupAccess) => mayJoinSomeday(actor, group) && group.status === "active" && group.joinPolicy === "request";
/** Who may be invited: an alumnus within the group's reach, not a member and not banned. */
export const canBeInvitedToGroup = (person: Actor, group: GroupAccess) => mayJoinSomeday(person, group);

/** Members of a peer group invite people, whatever the join policy; a programme group's members are the organisation's choice. */
export const canInviteToGroup = (_actor: Actor, group: GroupAccess) => group.kind === "peer" && group.role !== null && group.status === "active";
/** Conveners run the group: charter and settings, requests (unless the members vote), removing, banning, roles. */
export const canConveneGroup = (_actor: Actor, group: GroupAccess) => group.role === "convener";
export const canDecideJoinRequest = (actor: Actor, group: GroupAccess) => canConveneGroup(actor, group) && group.joinDecision === "conveners";
export const canVoteOnJoinRequest = (_actor: Actor, group: GroupAccess) => group.role !== null && group.joinDecision === "vote";
/** Members schedule meetings, choose modules, record take-aways and discuss. */
export const canTakePartInGroup = (_actor: Actor, group: GroupAccess) => group.role !== null;

/** A group waiting for approval goes to the moderators of its organisation. */
export const canApproveGroup = (actor: Actor, group: { orgId: string }) => canModerate(actor, { ownerOrgId: group.orgId });

type MentorshipAccess = { mentorId: string; menteeId: string };
/** A mentoring pair's space is the two of them; anyone else gets a 404. */
export const canSeeMentorship = (actor: Actor, pair: MentorshipAccess) => actor.id === pair.mentorId || actor.id === pair.menteeId;
/** A mentor may take a mentee across organisations only when both chose "any organisation" and both organisations allow it. */
export const canBeMatched = (offer: { scope: string }, request: { scope: string }, crossing: Crossing) =>
  crossing.sameOrg || (offer.scope === "any_org" && request.scope === "any_org" && mayCross(crossing));

// A peer group's meetings, their notes and the group's discussion (app/domain/groups/meetings, app/domain/groups/discussion).

type MeetingAccess = Parameters<typeof canSeeReunion>[1] & { groupId: string | null; mentorshipId: string | null };
/**
 * A peer group's meeting or a mentoring pair's check-in is a reunion that
 * belongs to the group or the pair: only its audience (the group's current
 * members, the two of the pair) sees it, not the organisation's admins nor an
 * organiser who has left. Other reunions follow canSeeReunion.
 */
export const canSeeMeeting = (actor: Actor, reunion: MeetingAccess) =>
  reunion.groupId !== null || reunion.mentorshipId !== null ? reunion.inAudience : canSeeReunion(actor, reunion);

/** "Did you try it?": an action from a meeting is answered by the member who took it on, or by a convener. */
export const canFollowUpAction = (actor: Actor, group: GroupAccess, action: { ownerId: string | null }) =>
  canTakePartInGroup(actor, group) && (action.ownerId === actor.id || canConveneGroup(actor, group));

/** A group runs a module in its meeting only if every member may read it. */
export const canGroupUseModule = (members: readonly Actor[], module: ModuleAccess) => members.length > 0 && members.every((member) => canReadModule(member, module));

// The programme (docs/decisions/024-the-programme.md): cohorts, programme groups, cycles and their meetings.

/** Organisation admins create cohorts, enrol people, form the groups and end sponsorship. */
export const canManageCohorts = (actor: Actor, orgId: string) => canAdministerOrg(actor, orgId);

/** Cohort experiments are the organisation's admins': they describe, register, assign and read the result. */
export const canRunExperiments = (actor: Actor, orgId: string) => canAdministerOrg(actor, orgId);

/** Forming groups shows people's wishes about colleagues: only the cohort's own organisation admins, never a platform admin from outside. */
export const canFormGroups = (actor: Actor, orgId: string) => actor.orgId === orgId && canManageCohorts(actor, orgId);

/** A programme group's facilitator runs its cycle: schedules it, hands meetings over, writes the group's goal. */
export const isGroupFacilitator = (_actor: Actor, group: GroupAccess) => group.kind === "programme" && group.role === "facilitator";

/** Members take part in the cycle: goals, module votes, evaluations, the continue vote. The facilitator is not a member. */
export const isCycleMember = (_actor: Actor, group: GroupAccess) => group.kind === "programme" && group.role === "member";

type CycleMeetingAccess = { hostId: string | null };
/**
 * Running one meeting of a cycle (attendance, confirming its module, the
 * wrap-up): the facilitator, or the member who hosts that meeting.
 */
export const canRunCycleMeeting = (actor: Actor, group: GroupAccess, meeting: CycleMeetingAccess) =>
  isGroupFacilitator(actor, group) || (isCycleMember(actor, group) && meeting.hostId === actor.id);

/**
 * Scheduling a group's meetings: any member of a peer group; in a programme
 * group only its facilitator (the cycle's meetings are planned on its cycle page).
 */
export const canScheduleGroupMeetings = (actor: Actor, group: GroupAccess) =>
  group.kind === "programme" ? isGroupFacilitator(actor, group) : canTakePartInGroup(actor, group);

/** Choosing a meeting's module: any member of a peer group; in a programme group whoever runs that meeting. */
export const canChooseGroupMeetingModule = (actor: Actor, group: GroupAccess, cycleMeeting: CycleMeetingAccess | null) =>
  group.kind === "programme" ? (cycleMeeting ? canRunCycleMeeting(actor, group, cycleMeeting) : isGroupFacilitator(actor, group)) : canTakePartInGroup(actor, group);

/** A member records their own presence during the meeting (the window is the use-case's business). */
export const canCheckInToCycleMeeting = isCycleMember;
