// The open-space board's forms, shared by the route (also in the browser
// bundle) and the use-cases. Each form is told apart by its intent.
import { z } from "zod";
import { message } from "../i18n/message";

const id = (message: string) => z.string({ required_error: message }).uuid(message);
const text = (max: number, required: string, tooLong: string) => z.string({ required_error: required }).trim().min(1, required).max(max, tooLong);

export const proposeSessionSchema = z.object({
  intent: z.literal("propose"),
  topic: text(120, "reunions:board.errors.topic", message("reunions:board.errors.topicTooLong", { max: 120 })),
  description: z
    .string()
    .trim()
    .max(200, message("reunions:board.errors.descriptionTooLong", { max: 200 }))
    .refine((v) => !/[\r\n]/.test(v), "reunions:board.errors.descriptionOneLine")
    .optional()
    .default(""),
  // "" means the proposer convenes it.
  convenerId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.string().uuid("reunions:board.errors.convener").nullable()),
});
export type ProposeSessionInput = Omit<z.output<typeof proposeSessionSchema>, "intent">;

export const interestSchema = z.object({
  intent: z.enum(["interested", "not-interested"]),
  sessionId: id("reunions:board.errors.sessionGone"),
});

export const addRoomSchema = z.object({
  intent: z.literal("add-room"),
  name: text(80, "reunions:board.errors.roomName", message("reunions:board.errors.roomNameTooLong", { max: 80 })),
  capacity: z
    .string({ required_error: "reunions:board.errors.roomCapacity" })
    .trim()
    .pipe(z.coerce.number({ invalid_type_error: "reunions:board.errors.roomCapacityNumber" }).int("reunions:board.errors.roomCapacityWhole").min(1, "reunions:board.errors.roomCapacityMin").max(10_000, message("reunions:board.errors.roomCapacityMax", { max: 10_000 }))),
});
export type AddRoomInput = Omit<z.output<typeof addRoomSchema>, "intent">;

export const addTimeSlotSchema = z.object({
  intent: z.literal("add-slot"),
  date: z.string().trim().optional().default(""),
  startTime: z.string().trim().optional().default(""),
  endTime: z.string().trim().optional().default(""),
});
export type AddTimeSlotInput = Omit<z.output<typeof addTimeSlotSchema>, "intent">;

export const removeRoomSchema = z.object({ intent: z.literal("remove-room"), roomId: id("reunions:board.errors.roomGone") });
export const removeTimeSlotSchema = z.object({ intent: z.literal("remove-slot"), slotId: id("reunions:board.errors.slotGone") });
export const makeScheduleSchema = z.object({ intent: z.literal("make-schedule") });

export const moveSessionSchema = z.object({
  intent: z.literal("move"),
  sessionId: id("reunions:board.errors.sessionGone"),
  roomId: id("reunions:board.errors.room"),
  slotId: id("reunions:board.errors.slot"),
});
export type MoveSessionInput = Omit<z.output<typeof moveSessionSchema>, "intent">;

export const openSpaceSchema = z.discriminatedUnion(
  "intent",
  [proposeSessionSchema, interestSchema, addRoomSchema, addTimeSlotSchema, removeRoomSchema, removeTimeSlotSchema, makeScheduleSchema, moveSessionSchema],
  { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? "reunions:errors.unknownIntent" : ctx.defaultError }) },
);
