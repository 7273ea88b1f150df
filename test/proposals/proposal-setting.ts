// Shared set-up for the proposal tests: two organisations and the people who
// propose, support, discuss and decide, each built fresh per test.
import type { Database } from "../../db/database";
import type { Role } from "../../db/roles";
import { createProposal } from "../../app/domain/proposals/create-proposal.server";
import type { ProposalInput } from "../../app/domain/proposals/proposal-fields";
import { createOrg, createUser, uniqueWord } from "../support/factories";

export type Person = Awaited<ReturnType<typeof createUser>>;

/** A person with a recognisable name and the time zone sessions give them. */
export async function person(db: Database, orgId: string, roles: Role[], name = `Person ${uniqueWord()}`) {
  const user = await createUser(db, { orgId, roles, name });
  return { ...user, timeZone: "Europe/London" };
}

/** Organisation A with an alumnus who proposes, two colleagues and a moderator; organisation B with an alumnus and a moderator. */
export async function proposalSetting(db: Database) {
  const orgA = await createOrg(db);
  const orgB = await createOrg(db);
  return {
    orgA,
    orgB,
    proposer: await person(db, orgA.id, ["alumnus"], `Paula ${uniqueWord()}`),
    colleague: await person(db, orgA.id, ["alumnus"], `Colin ${uniqueWord()}`),
    participant: await person(db, orgA.id, ["participant"], `Pat ${uniqueWord()}`),
    moderator: await person(db, orgA.id, ["moderator"], `Mona ${uniqueWord()}`),
    secondModerator: await person(db, orgA.id, ["moderator"], `Max ${uniqueWord()}`),
    outsider: await person(db, orgB.id, ["alumnus", "org_admin"], `Otto ${uniqueWord()}`),
    outsideModerator: await person(db, orgB.id, ["moderator"], `Olga ${uniqueWord()}`),
  };
}

export function proposalInput(overrides: Partial<ProposalInput> = {}): ProposalInput {
  return {
    title: `Saying no to the urgent ${uniqueWord()}`,
    challenge: "Managers spend their days on urgent requests and never reach the important work.",
    mindset: "reflection",
    questions: ["When did you last say no to something urgent?", "What would you stop doing tomorrow?"],
    suggestedMode: "curated",
    visibility: "organisation",
    ...overrides,
  };
}

export async function propose(db: Database, proposer: Person, overrides: Partial<ProposalInput> = {}) {
  const input = proposalInput(overrides);
  const id = await createProposal(db, proposer, input);
  return { id, ...input };
}

/** The error a use-case threw, failing the test when it did not throw. */
export async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("it was allowed");
}
