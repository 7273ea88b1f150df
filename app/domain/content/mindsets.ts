// The five managerial mindsets every module belongs to.
import { MINDSETS, type Mindset } from "../../../db/mindsets";
import englishModules from "../../locales/en/modules.json";

export { MINDSETS, type Mindset };

// The words live in the catalogues; these are the English ones, for pages
// and reports not yet written through the catalogues.
export const MINDSET_LABELS: Record<Mindset, { name: string; focus: string; description: string }> = englishModules.mindsets;

export const isMindset = (value: string): value is Mindset => (MINDSETS as readonly string[]).includes(value);
