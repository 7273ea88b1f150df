// What accepting a proposal creates: a draft module that records the proposal
// as its origin, its lead author, and the draft's starting content (one page
// per draft question) as the collaborative document's first snapshot.
import * as Y from "yjs";
import type { Database } from "../../../db/database";
import { collabSnapshots, moduleAuthors, modules } from "../../../db/schema";
import { hasJapanese } from "../i18n/japanese-words";
import { freeModuleSlug, slugBase } from "../modules/free-module-slug.server";
import { draftDocumentName, emptyModuleDoc } from "../modules/module-draft.server";
import type { ModuleDocJSON } from "../modules/module-schema";
import { moduleJsonToYDoc } from "../modules/module-yjs";
import type { CoCreationMode } from "./proposal-fields";
import { proposalScope, type ProposalRow } from "./visible-proposals.server";

const MAX_SUMMARY_LENGTH = 280;

/** The challenge, in the proposer's words, short enough for a catalogue card. */
export function summaryFromChallenge(challenge: string) {
  const flat = challenge.replace(/\s+/g, " ").trim();
  if (flat.length <= MAX_SUMMARY_LENGTH) return flat;
  const cut = flat.slice(0, MAX_SUMMARY_LENGTH - 1);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > MAX_SUMMARY_LENGTH / 2 ? cut.slice(0, atWord) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}

/** A module document with one page per draft question, each page with a fresh id. */
export function draftDocFromQuestions(questions: readonly string[]): ModuleDocJSON {
  const empty = emptyModuleDoc();
  if (questions.length === 0) return empty;
  const pages = questions.map((question) => ({
    type: "page",
    attrs: { id: crypto.randomUUID() },
    content: [{ type: "pageTitle" }, { type: "pageContext", content: [{ type: "paragraph" }] }, { type: "question", content: [{ type: "text", text: question }] }],
  }));
  const [introduction, , takeaways] = empty.content!;
  return { ...empty, content: [introduction!, ...pages, takeaways!] };
}

/** Call inside the decision's transaction. */
export async function startDraftFromProposal(tx: Database, proposal: ProposalRow, { mode, leadId }: { mode: CoCreationMode; leadId: string }) {
  const values = {
    title: proposal.title,
    summary: summaryFromChallenge(proposal.challenge),
    mindset: proposal.mindset,
    visibility: proposal.visibility,
    ownerOrgId: proposalScope(proposal).ownerOrgId,
    status: "draft" as const,
    coCreationMode: mode,
    originProposalId: proposal.id,
    // Written in the proposal's language: a title in Japanese script makes a Japanese module (its search splits Japanese words).
    language: hasJapanese(proposal.title) ? ("ja" as const) : ("en" as const),
  };
  let module: { id: string; slug: string } | undefined;
  // Another draft may take the same slug at this moment; then try the next one.
  for (let attempt = 0; !module && attempt < 5; attempt++) {
    const slug = await freeModuleSlug(tx, slugBase(proposal.title));
    [module] = await tx.insert(modules).values({ ...values, slug }).onConflictDoNothing({ target: modules.slug }).returning({ id: modules.id, slug: modules.slug });
  }
  if (!module) {
    const slug = `${slugBase(proposal.title)}-${crypto.randomUUID().slice(0, 8)}`;
    [module] = await tx.insert(modules).values({ ...values, slug }).returning({ id: modules.id, slug: modules.slug });
  }
  await tx.insert(moduleAuthors).values({ moduleId: module!.id, userId: leadId, role: "lead" });

  const ydoc = moduleJsonToYDoc(draftDocFromQuestions(proposal.draftQuestions));
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  await tx.insert(collabSnapshots).values({ documentName: draftDocumentName(module!.id), state });
  return module!;
}
