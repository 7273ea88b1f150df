// Who may open a programme group and its meetings: its members and its
// facilitator; the organisation's admins, other groups' members and other
// organisations get a 404.
import { findCycleMeeting, findProgrammeGroup } from "~/domain/programme/load-programme-group.server";
import { NotFoundError } from "~/domain/http-errors";
import { createUser } from "../support/factories";
import { createCycle, createProgrammeGroup, monthlyMeetings, programmeSetting } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

test("members and the facilitator open their group and its meetings; everyone else gets a 404", async () => {
  const s = await programmeSetting(t.db);
  const { meetings } = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2) });
  const member = s.people[0]!;
  const otherGroupMember = await createUser(t.db, { orgId: s.org.id, roles: ["participant"] });
  await createProgrammeGroup(t.db, { orgId: s.org.id, cohortId: s.cohort.id, facilitatorId: s.facilitator.id, memberIds: [otherGroupMember.id] });

  for (const who of [member, s.facilitator]) {
    const group = await findProgrammeGroup(t.db, who, s.group.id);
    expect(group.cohort.id).toBe(s.cohort.id);
    expect(group.cycle?.number).toBe(1);
    const meeting = await findCycleMeeting(t.db, who, meetings[2]!.id);
    expect(meeting.cycleMeeting.number).toBe(3);
  }
  expect((await findProgrammeGroup(t.db, s.facilitator, s.group.id)).access.role).toBe("facilitator");
  for (const who of [s.admin, otherGroupMember, s.outsiderAdmin, s.outsider]) {
    expect(await refusal(findProgrammeGroup(t.db, who, s.group.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(findCycleMeeting(t.db, who, meetings[0]!.id))).toBeInstanceOf(NotFoundError);
  }
  expect(await refusal(findCycleMeeting(t.db, member, "not-an-id"))).toBeInstanceOf(NotFoundError);
});
