// The open-space board's forms, shared by the route (also in the browser
// bundle) and the use-cases. Each form is told apart by its intent.
import { z } from "zod";

const id = (message: string) => z.string({ required_error: message }).uuid(message);
const text = (max: number, required: string, tooLong: string) => z.string({ required_error: required }).trim().min(1, required).max(max, tooLong);

export const proposeSessionSchema = z.object({
  intent: z.literal("propose"),
  topic: text(120, "Give the session a topic.", "Keep the topic under 120 characters."),
  description: z
    .string()
    .trim()
    .max(200, "Keep the description to one line, under 200 characters.")
    .refine((v) => !/[\r\n]/.test(v), "Keep the description to one line.")
    .optional()
    .default(""),
  // "" means the proposer convenes it.
  convenerId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.string().uuid("Choose the convener from the list.").nullable()),
});
export type ProposeSessionInput = Omit<z.output<typeof proposeSessionSchema>, "intent">;

export const interestSchema = z.object({
  intent: z.enum(["interested", "not-interested"]),
  sessionId: id("That session is no longer on the board."),
});

export const addRoomSchema = z.object({
  intent: z.literal("add-room"),
  name: text(80, "Give the room a name.", "Keep the room's name under 80 characters."),
  capacity: z
    .string({ required_error: "Enter how many people fit in the room." })
    .trim()
    .pipe(z.coerce.number({ invalid_type_error: "Enter how many people fit in the room, as a whole number." }).int("Enter the capacity as a whole number.").min(1, "A room holds at least 1 person.").max(10_000, "Enter a capacity under 10,000.")),
});
export type AddRoomInput = Omit<z.output<typeof addRoomSchema>, "intent">;

export const addTimeSlotSchema = z.object({
  intent: z.literal("add-slot"),
  date: z.string().trim().optional().default(""),
  startTime: z.string().trim().optional().default(""),
  endTime: z.string().trim().optional().default(""),
});
export type AddTimeSlotInput = Omit<z.output<typeof addTimeSlotSchema>, "intent">;

export const removeRoomSchema = z.object({ intent: z.literal("remove-room"), roomId: id("That room is no longer there.") });
export const removeTimeSlotSchema = z.object({ intent: z.literal("remove-slot"), slotId: id("That time slot is no longer there.") });
export const makeScheduleSchema = z.object({ intent: z.literal("make-schedule") });

export const moveSessionSchema = z.object({
  intent: z.literal("move"),
  sessionId: id("That session is no longer on the board."),
  roomId: id("Choose a room."),
  slotId: id("Choose a time slot."),
});
export type MoveSessionInput = Omit<z.output<typeof moveSessionSchema>, "intent">;

export const openSpaceSchema = z.discriminatedUnion(
  "intent",
  [proposeSessionSchema, interestSchema, addRoomSchema, addTimeSlotSchema, removeRoomSchema, removeTimeSlotSchema, makeScheduleSchema, moveSessionSchema],
  { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? "That action is not one this page offers. Please reload the page." : ctx.defaultError }) },
);
