// Who may read an open space's proceedings, as the organiser's form offers
// it. Plain module: the proceedings page builds its form from it.
import { z } from "zod";

export const PROCEEDINGS_VISIBILITIES = ["audience", "organisation", "everyone"] as const;
export type ProceedingsVisibility = (typeof PROCEEDINGS_VISIBILITIES)[number];

export const proceedingsSharingSchema = z.object({
  intent: z.literal("share"),
  visibility: z.enum(PROCEEDINGS_VISIBILITIES, { errorMap: () => ({ message: "reunions:proceedings.errors.visibility" }) }),
  hideNames: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});
