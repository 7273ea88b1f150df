// What a module proposal holds, and the limits the form checks. Shared by the
// form route and the domain; not a .server file, as route schemas are built
// in the browser bundle too.
import { z } from "zod";
import { MINDSETS } from "../content/mindsets";
import { message } from "../i18n/message";

export const MAX_TITLE_LENGTH = 120;
export const MAX_CHALLENGE_LENGTH = 2000;
export const MAX_QUESTIONS = 8;
export const MAX_QUESTION_LENGTH = 300;
export const MAX_REASON_LENGTH = 1000;

export const CO_CREATION_MODES = ["curated", "open"] as const;
export type CoCreationMode = (typeof CO_CREATION_MODES)[number];

export const PROPOSAL_VISIBILITIES = ["organisation", "public"] as const;

/** One question per line; blank lines are ignored. */
export const questionsField = z
  .string()
  .default("")
  .transform((v) => v.split(/\r?\n/).map((q) => q.trim().replace(/\s+/g, " ")).filter(Boolean))
  .superRefine((questions, ctx) => {
    if (questions.length === 0) ctx.addIssue({ code: "custom", message: "proposals:form.errors.noQuestion" });
    if (questions.length > MAX_QUESTIONS) ctx.addIssue({ code: "custom", message: message("proposals:form.errors.tooManyQuestions", { max: MAX_QUESTIONS, count: questions.length }) });
    const long = questions.findIndex((q) => q.length > MAX_QUESTION_LENGTH);
    if (long >= 0) ctx.addIssue({ code: "custom", message: message("proposals:form.errors.questionTooLong", { number: long + 1, max: MAX_QUESTION_LENGTH }) });
  });

export const proposalSchema = z.object({
  title: z
    .string()
    .default("")
    .transform((v) => v.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, "proposals:form.errors.title").max(MAX_TITLE_LENGTH, message("proposals:form.errors.titleTooLong", { max: MAX_TITLE_LENGTH }))),
  challenge: z
    .string()
    .default("")
    .transform((v) => v.trim())
    .pipe(z.string().min(1, "proposals:form.errors.challenge").max(MAX_CHALLENGE_LENGTH, message("proposals:form.errors.challengeTooLong", { max: MAX_CHALLENGE_LENGTH.toLocaleString("en-GB") }))),
  mindset: z.enum(MINDSETS, { errorMap: () => ({ message: "proposals:form.errors.mindset" }) }),
  questions: questionsField,
  suggestedMode: z.enum(CO_CREATION_MODES, { errorMap: () => ({ message: "proposals:form.errors.mode" }) }).default("curated"),
  visibility: z.enum(PROPOSAL_VISIBILITIES, { errorMap: () => ({ message: "proposals:form.errors.visibility" }) }).default("organisation"),
  // Set when the idea is an insight from an open-space break-out (the proceedings' "Turn into a module proposal").
  originSessionId: z
    .string()
    .trim()
    .default("")
    .pipe(z.union([z.literal(""), z.string().uuid("proposals:form.errors.origin")]))
    .transform((v) => v || null),
});

// The break-out is optional: most ideas do not come from an open space.
export type ProposalInput = Omit<z.output<typeof proposalSchema>, "originSessionId"> & { originSessionId?: string | null };

export const decisionReasonField = z
  .string()
  .default("")
  .transform((v) => v.trim())
  .pipe(z.string().max(MAX_REASON_LENGTH, message("proposals:page.errors.reasonTooLong", { max: MAX_REASON_LENGTH })));

/** Shown to people who may not propose, in the page and in the refusal. */
export const WHO_MAY_PROPOSE = "Alumni, facilitators and thought leaders can propose new modules.";
