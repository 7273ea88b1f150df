// Every kind of event the audit log records, with the words /audit shows for
// it. recordAudit only takes these kinds, and the labels are a Record over
// them, so a new kind without a label does not typecheck. Plain data: the
// page renders the labels in the browser too.

/** "<area>.<what happened>"; the label reads after the person's name: "Sofia Lindqvist · Approved a draft". */
export const AUDIT_ACTION_LABELS = {
  "proposal.created": "Proposed a module",
  "proposal.accepted": "Accepted a proposal",
  "proposal.declined": "Declined a proposal",
  "proposal.merged": "Merged a proposal into another",
  "submission.submitted": "Submitted a draft for review",
  "submission.withdrawn": "Withdrew a draft from review",
  "submission.rebased": "Brought a submitted draft up to date with the published module",
  "submission.approved": "Approved a draft",
  "submission.changes_requested": "Asked for changes to a draft",
  "submission.rejected": "Rejected a draft",
  "module.published": "Published a new revision",
  "module.archived": "Archived a module",
  "module.unarchived": "Took a module out of the archive",
  "module.settings_changed": "Changed a module's settings",
  "module.coauthor_added": "Added a co-author",
  "module.coauthor_joined": "Joined the authors of a module",
  "module.coauthor_left": "Left the authors of a module",
  "module.coauthor_removed": "Removed a co-author",
  "module.translation_started": "Started a translation of a module",
  "draft.restored": "Restored an old revision into the draft",
  "report.created": "Reported something to the moderators",
  "report.resolved": "Resolved a report",
  "report.hidden": "Hid reported content",
  "report.dismissed": "Dismissed a report",
  "review_item.claimed": "Claimed an item in the review queue",
  "review_item.released": "Released an item in the review queue",
  "person.roles_changed": "Changed someone's roles",
  "reunion.created": "Organised a reunion",
  "reunion.changed": "Changed a reunion",
  "reunion.cancelled": "Cancelled a reunion",
  "reunion.finalised": "Chose the date of a reunion",
  "reunion.checked_in": "Checked someone in",
  "reunion.check_in_undone": "Undid a check-in",
  "reunion.proceedings_shared": "Shared a reunion's proceedings",
  "reunion.room_added": "Added a room to an open space",
  "reunion.room_removed": "Removed a room from an open space",
  "reunion.time_slot_added": "Added a time slot to an open space",
  "reunion.time_slot_removed": "Removed a time slot from an open space",
  "reunion.schedule_made": "Made an open space's schedule",
  "reunion.session_moved": "Moved an open-space session",
  "group.founded": "Founded a peer group",
  "group.awaiting_approval": "Sent a peer group for a moderator's approval",
  "group.activated": "Started a peer group",
  "group.approved": "Approved a peer group",
  "group.declined": "Declined a peer group",
  "group.settings_changed": "Changed a group's settings",
  "group.invited": "Invited someone to a group",
  "group.invitation_declined": "Declined an invitation to a group",
  "group.invitation_cancelled": "Cancelled an invitation to a group",
  "group.join_requested": "Asked to join a group",
  "group.join_request_withdrawn": "Withdrew a request to join a group",
  "group.join_request_accepted": "Accepted a request to join a group",
  "group.join_request_declined": "Declined a request to join a group",
  "group.join_request_expired": "Closed a request to join a group: not enough members voted",
  "group.member_added": "Added a member to a group",
  "group.member_left": "Left a group",
  "group.member_removed": "Removed a member from a group",
  "group.member_banned": "Removed a member from a group and barred them from rejoining",
  "group.role_changed": "Changed a member's role in a group",
  "group.convener_passed_on": "Handed over the convener role",
  "mentorship.started": "Started a mentorship",
  "mentorship.ended": "Ended a mentorship",
  "organisation.connections_changed": "Changed which organisations may connect",
  "organisation.group_founding_changed": "Changed how peer groups are founded",
  "organisation.formation_preferences_changed": "Changed whether people may state wishes for group formation",
  "organisation.language_changed": "Changed the organisation's default language",
  "organisation.continue_vote_changed": "Changed the rule for the continue vote",
  "organisation.retention_changed": "Changed how long personal data is kept, or the cooling-off before an account is deleted",
  "organisation.data_exported": "Asked for an export of all of an organisation's data",
  "person.deletion_requested": "Asked for an account to be deleted",
  "person.deletion_cancelled": "Cancelled the deletion of an account",
  "person.erased": "Deleted an account once its cooling-off ended: the person's data was erased",
  "person.alumnus_earned": "Made someone an alumnus: they finished a cycle",
  "cohort.created": "Created a cohort",
  "cohort.changed": "Changed a cohort's settings",
  "cohort.enrolled": "Enrolled people in a cohort",
  "cohort.unenrolled": "Took someone out of a cohort",
  "cohort.groups_formed": "Formed or changed a cohort's groups",
  "cohort.formation_published": "Published groups proposed by the formation engine",
  "cohort.sponsorship_ended": "Ended the sponsorship of a cohort",
  "cycle.scheduled": "Scheduled a group's cycle of meetings",
  "cycle.started": "Started a group's cycle at its first meeting",
  "cycle.vote_opened": "Opened a group's continue vote after its last meeting",
  "cycle.continued": "Closed a continue vote that carried: the group goes on",
  "cycle.ended": "Ended a group's cycle",
  "cycle.meeting_handed_over": "Handed a meeting over to a member host",
  "cycle.module_confirmed": "Confirmed the module of a meeting",
  "cycle.attendance_recorded": "Recorded attendance at a meeting",
  "group.converted": "Turned a programme group into a peer group with the members who agreed",
  "insights.kpis_imported": "Imported business figures (KPIs) for insights",
  "insights.headcounts_imported": "Imported headcounts for insights",
  "insights.survey_scores_imported": "Imported survey scores for insights",
  "insights.people_imported": "Imported people's level, start and leaving months for insights",
  "experiment.created": "Described a cohort experiment",
  "experiment.changed": "Changed a draft cohort experiment",
  "experiment.registered": "Pre-registered a cohort experiment: hypothesis, outcome, windows, analysis and units locked",
  "experiment.assigned": "Assigned a cohort experiment's units to the arms at random, with the seed recorded",
} as const satisfies Record<`${string}.${string}`, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** The part before the dot, by which the log is filtered. */
export type AuditArea = AuditAction extends `${infer Area}.${string}` ? Area : never;

export const AUDIT_AREA_LABELS: Record<AuditArea, string> = {
  proposal: "Proposals",
  submission: "Reviews",
  module: "Modules and authors",
  draft: "Drafts",
  report: "Reports",
  review_item: "Queue claims",
  person: "People and roles",
  reunion: "Reunions and open spaces",
  group: "Peer groups",
  mentorship: "Mentoring",
  organisation: "Organisation settings",
  cohort: "Cohorts",
  cycle: "Programme cycles",
  insights: "Insights data",
  experiment: "Cohort experiments",
};

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, value);
export const isAuditArea = (value: string): value is AuditArea => Object.hasOwn(AUDIT_AREA_LABELS, value);

/** The words for an event; one recorded by an older version under a kind that no longer exists still reads as words. */
export function auditActionLabel(action: string): string {
  if (isAuditAction(action)) return AUDIT_ACTION_LABELS[action];
  const [area = "", what = ""] = action.split(".");
  const words = what.replace(/_/g, " ");
  return isAuditArea(area) ? `${AUDIT_AREA_LABELS[area]}: ${words}` : action.replace(/[._]/g, " ");
}
