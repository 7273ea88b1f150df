// The one place figures about people pass before anyone sees them: below the
// privacy floor a figure is withheld, so nobody can work out what one person
// answered or did. Every aggregate of evaluations, attendance or goals goes
// through floored(); pages only ever receive its result.
export const PRIVACY_FLOOR = 3;
/** Insights set figures beside business results and survey scores: the stricter floor Viva Insights uses. */
export const INSIGHTS_PRIVACY_FLOOR = 5;

export type Floored<T> = { shown: true; people: number; value: T } | { shown: false; people: null; value: null };

/** The one rule: a figure may stand on `people` when they reach the floor. Every check of a floor goes through here. */
export const reachesFloor = (people: number, floor: number = PRIVACY_FLOOR) => people >= floor;

/** `compute` runs only when at least `floor` people (PRIVACY_FLOOR unless told) stand behind the figure. */
export function floored<T>(people: number, compute: () => T, floor: number = PRIVACY_FLOOR): Floored<T> {
  if (!reachesFloor(people, floor)) return { shown: false, people: null, value: null };
  return { shown: true, people, value: compute() };
}

// Still read by the programme meeting page (app/routes/programme_.meetings.$meetingId.tsx), which another change translates.
export const WITHHELD_TEXT = `Shown from ${PRIVACY_FLOOR} people on`;
