// The membership forms and their words, shared by the group page, the members
// page (also in the browser bundle) and the use-cases. Each form is told
// apart by its intent.
import { z } from "zod";

/** Why a programme group's members neither leave it nor invite to it. */
export const PROGRAMME_GROUP = "groups:page.programmeGroup";

const id = (message: string) => z.string({ required_error: message }).uuid(message);
const UNKNOWN_ACTION = "org:settings.errors.unknownIntent";
const unionErrors = { errorMap: (issue: z.ZodIssueOptionalMessage, ctx: { defaultError: string }) => ({ message: issue.code === "invalid_union_discriminator" ? UNKNOWN_ACTION : ctx.defaultError }) };

// The group page: a non-member joins, asks, answers an invitation or registers interest; a member leaves.
export const groupPageSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("join") }),
    z.object({
      intent: z.literal("ask"),
      message: z.string().trim().max(1000, "groups:page.errors.messageTooLong").optional().default(""),
    }),
    z.object({ intent: z.literal("withdraw-request") }),
    z.object({ intent: z.literal("accept-invitation") }),
    z.object({ intent: z.literal("decline-invitation") }),
    z.object({ intent: z.literal("interest") }),
    z.object({ intent: z.literal("withdraw-interest") }),
    z.object({ intent: z.literal("leave") }),
  ],
  unionErrors,
);

const person = id("groups:members.errors.person");
const request = id("groups:members.errors.request");

// The members page: invitations (by email, or one of the suggested members
// by id), decisions and votes on requests, and the conveners' actions.
export const membersPageSchema = z
  .discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("invite"),
        email: z.string().trim().max(254, "validation:email.tooLong").optional().default(""),
        userId: z
          .string()
          .optional()
          .transform((v) => (v ? v : null))
          .pipe(z.string().uuid("groups:members.errors.suggestion").nullable()),
      }),
      z.object({ intent: z.literal("decide"), requestId: request, decision: z.enum(["accept", "decline"], { errorMap: () => ({ message: "groups:members.errors.decision" }) }) }),
      z.object({ intent: z.literal("vote"), requestId: request, vote: z.enum(["yes", "no"], { errorMap: () => ({ message: "groups:members.errors.vote" }) }) }),
      z.object({ intent: z.literal("cancel-invitation"), requestId: request }),
      z.object({ intent: z.literal("remove"), userId: person }),
      z.object({ intent: z.literal("ban"), userId: person }),
      z.object({ intent: z.literal("set-role"), userId: person, role: z.enum(["member", "mentor"], { errorMap: () => ({ message: "groups:members.errors.role" }) }) }),
      z.object({ intent: z.literal("pass-on"), userId: person }),
    ],
    unionErrors,
  )
  .superRefine((v, ctx) => {
    if (v.intent !== "invite" || v.userId !== null) return;
    if (v.email === "") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["email"], message: "groups:members.errors.emailMissing" });
    else if (!z.string().email().safeParse(v.email).success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["email"], message: "groups:members.errors.emailInvalid" });
  });
