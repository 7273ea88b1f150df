// The comment form's fields, shared by the proposal page, the draft
// comments route and a group's discussion. Not a .server file: route schemas are built in the browser too.
import { z } from "zod";
import { message } from "../i18n/message";

export const MAX_COMMENT_LENGTH = 5000;

/** A comment's text, at most `max` characters (a group's discussion keeps posts shorter). */
export const commentBody = (max: number) =>
  z
    .string({ required_error: "proposals:comments.errors.empty" })
    // Trailing spaces only; the writer's line breaks are part of the text.
    .transform((v) => v.replace(/\r\n?/g, "\n").replace(/^\s*\n|\s+$/g, ""))
    .pipe(
      z
        .string()
        .min(1, "proposals:comments.errors.empty")
        .refine((v) => v.length <= max, (v) => ({ message: message("proposals:comments.errors.tooLong", { max, length: v.length }) })),
    );

export const commentBodyField = commentBody(MAX_COMMENT_LENGTH);

/** The comment a reply answers, or none for a new thread. */
export const parentIdField = z
  .string()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(z.string().uuid("proposals:comments.errors.gone").nullable());

export const commentIdField = z.string({ required_error: "proposals:comments.errors.gone" }).uuid("proposals:comments.errors.gone");
