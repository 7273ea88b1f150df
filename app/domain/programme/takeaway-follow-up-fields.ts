// "Did you try it?" for a take-away from a programme meeting: the form's
// field, shared by /programme (also in the browser bundle) and the use-case.
import { z } from "zod";
import { FOLLOW_UPS } from "../groups/meetings/meeting-fields";

export { FOLLOW_UPS };

export const takeawayFollowUpSchema = z.object({
  intent: z.literal("takeaway-follow-up"),
  takeawayId: z.string({ required_error: "programme:followUp.errors.gone" }).uuid("programme:followUp.errors.gone"),
  followUp: z.enum(FOLLOW_UPS, { errorMap: () => ({ message: "programme:followUp.errors.choose" }) }),
});
