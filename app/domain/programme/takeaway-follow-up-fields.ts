// "Did you try it?" for a take-away from a programme meeting: the form's
// field, shared by /programme (also in the browser bundle) and the use-case.
import { z } from "zod";
import { FOLLOW_UP_LABELS, FOLLOW_UPS } from "../groups/meetings/meeting-fields";

export { FOLLOW_UP_LABELS, FOLLOW_UPS };

export const takeawayFollowUpSchema = z.object({
  intent: z.literal("takeaway-follow-up"),
  takeawayId: z.string({ required_error: "That take-away is no longer there." }).uuid("That take-away is no longer there."),
  followUp: z.enum(FOLLOW_UPS, { errorMap: () => ({ message: "Say whether you tried it, not yet, or dropped it." }) }),
});
