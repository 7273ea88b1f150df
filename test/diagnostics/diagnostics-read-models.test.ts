// The diagnostics against a real database, one shared setting: a person
// answers only their own open self-assessment and reads only their own
// answers; another organisation's cycle is a 404.
import { NotFoundError } from "../../app/domain/http-errors";
import { InputError } from "../../app/domain/input-error";
import { answerDiagnostic, loadMyDiagnostics } from "../../app/domain/diagnostics/my-diagnostics.server";
import { createCycle, monthlyMeetings, programmeSetting } from "../support/programme-factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const DAY = 86_400_000;
const now = new Date();
const answers = (v: number) => ({ a1: v, a2: v, a3: v, a4: v, r1: v, r2: v, r3: v, c1: v, c2: v, c3: v });

let t: TestDatabase;
let s: Awaited<ReturnType<typeof programmeSetting>>;
let running: { id: string };

beforeAll(async () => {
  t = await createTestDatabase();
  s = await programmeSetting(t.db, { members: 6 });
  const made = await createCycle(t.db, { group: s.group, facilitatorId: s.facilitator.id, meetings: monthlyMeetings(6, 2, now), startedAt: new Date(now.getTime() - 40 * DAY) });
  running = made.cycle;
});
afterAll(async () => t?.drop());

describe("a person's own self-assessment", () => {
  it("a member of a running cycle finds the start open, answers it once, and then sees their scores and next steps", async () => {
    const [me] = s.people;
    const before = await loadMyDiagnostics(t.db, me!, now);
    expect(before.cycles.map((c) => c.open)).toEqual([["start"]]);
    await answerDiagnostic(t.db, me!, { cycleId: running.id, moment: "start", answers: answers(4) }, now);
    const after = await loadMyDiagnostics(t.db, me!, now);
    expect(after.cycles[0]!.open).toEqual([]);
    expect(after.cycles[0]!.answered).toEqual([{ moment: "start", answeredAt: now.toISOString(), scores: { agency: 4, responsiveness: 4, connectivity: 4 } }]);
    expect(after.nextSteps.length).toBeGreaterThanOrEqual(2);
    await expect(answerDiagnostic(t.db, me!, { cycleId: running.id, moment: "start", answers: answers(1) }, now)).rejects.toMatchObject({ status: 409 });
  });

  it("a moment that is not open is refused and nothing is stored", async () => {
    const err = await answerDiagnostic(t.db, s.people[1]!, { cycleId: running.id, moment: "end", answers: answers(3) }, now).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((await loadMyDiagnostics(t.db, s.people[1]!, now)).cycles[0]!.answered).toEqual([]);
  });

  it("only one's own answers are read: a colleague of the same group sees none of them", async () => {
    const colleague = await loadMyDiagnostics(t.db, s.people[2]!, now);
    expect(colleague.cycles[0]!.answered).toEqual([]);
    expect(colleague.nextSteps).toEqual([]);
  });

  it("someone outside the group, and another organisation, get a 404 for the cycle", async () => {
    for (const outsider of [s.outsider, s.outsiderAdmin, s.admin, s.facilitator]) {
      const err = await answerDiagnostic(t.db, outsider, { cycleId: running.id, moment: "start", answers: answers(3) }, now).catch((e) => e);
      expect(err).toBeInstanceOf(NotFoundError);
    }
  });
});
