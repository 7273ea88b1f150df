// Which candidate date suits most people: most "yes", then most "if need
// be"; a tie goes to the earliest. Pure, so the page and the finalising
// use-case agree.
export type SlotAnswer = "yes" | "if_need_be" | "no";
export type SlotScore = {
  slotId: string;
  yes: number;
  ifNeedBe: number;
  no: number;
};

export function scoreSlots(
  slots: readonly { id: string }[],
  votes: readonly { slotId: string; answer: SlotAnswer }[]
): SlotScore[] {
  const scores = new Map(
    slots.map((s) => [s.id, { slotId: s.id, yes: 0, ifNeedBe: 0, no: 0 }])
  );
  for (const v of votes) {
    const s = scores.get(v.slotId);
    if (!s) continue;
    if (v.answer === "yes") s.yes++;
    else if (v.answer === "if_need_be") s.ifNeedBe++;
    else s.no++;
  }
  return [...scores.values()];
}

export function bestSlotId(
  slots: readonly { id: string; startsAt: Date | string }[],
  votes: readonly { slotId: string; answer: SlotAnswer }[]
): string | null {
  const scores = new Map(scoreSlots(slots, votes).map((s) => [s.slotId, s]));
  const ranked = [...slots].sort((a, b) => {
    const sa = scores.get(a.id)!;
    const sb = scores.get(b.id)!;
    return (
      sb.yes - sa.yes ||
      sb.ifNeedBe - sa.ifNeedBe ||
      new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime()
    );
  });
  return ranked[0]?.id ?? null;
}
