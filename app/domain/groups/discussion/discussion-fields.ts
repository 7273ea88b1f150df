// The group discussion form's fields, shared by the route (also in the
// browser bundle) and the use-case: the comment fields, with shorter posts.
import { z } from "zod";
import { commentBody } from "../../comments/comment-fields";

export const MAX_POST_LENGTH = 4000;

const requiredId = (message: string) => z.string({ required_error: message }).uuid(message);

export const discussionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("post"), body: commentBody(MAX_POST_LENGTH) }),
    z.object({ intent: z.literal("reply"), parentId: requiredId("groups:discussion.errors.parentGone"), body: commentBody(MAX_POST_LENGTH) }),
  ],
  { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? "org:settings.errors.unknownIntent" : ctx.defaultError }) },
);
