// The automatic open-space schedule, as a pure function so it can be tested
// on generated events and timed. The method is explained in
// docs/decisions/014-open-space-schedule.md.

export type Placement = { roomId: string; slotId: string };

export type SchedulerSession = {
  id: string;
  convenerId: string | null;
  interestedUserIds: readonly string[];
  /** Placed by hand, or already in a locked slot: it stays exactly there. */
  pinned: Placement | null;
};
export type SchedulerRoom = { id: string; capacity: number };
/** In the order they happen; a locked slot takes no new sessions. */
export type SchedulerSlot = { id: string; locked: boolean };

/** Each session's place, or null when it is unscheduled (more sessions than free places, or its convener is busy in every free slot). */
export type Schedule = Map<string, Placement | null>;

/** The local-improvement pass stops after this many rounds, so the run time stays bounded whatever the input. */
const MAX_IMPROVEMENT_ROUNDS = 20;

export function scheduleSessions(sessions: readonly SchedulerSession[], rooms: readonly SchedulerRoom[], slots: readonly SchedulerSlot[]): Schedule {
  const roomIds = new Set(rooms.map((r) => r.id));
  const slotIndex = new Map(slots.map((s, i) => [s.id, i]));
  // Biggest room first; the id breaks ties so the same input gives the same schedule.
  const roomsBySize = [...rooms].sort((a, b) => b.capacity - a.capacity || compare(a.id, b.id));
  const interest = new Map(sessions.map((s) => [s.id, new Set(s.interestedUserIds)]));
  const popularity = (id: string) => interest.get(id)!.size;
  const byPopularity = (a: SchedulerSession, b: SchedulerSession) => popularity(b.id) - popularity(a.id) || compare(a.id, b.id);

  // What is fixed: pinned sessions keep their room and slot.
  const result: Schedule = new Map(sessions.map((s) => [s.id, s.pinned]));
  const fixedIn: SchedulerSession[][] = slots.map(() => []);
  const takenRooms: Set<string>[] = slots.map(() => new Set());
  for (const s of sessions) {
    const i = s.pinned ? slotIndex.get(s.pinned.slotId) : undefined;
    if (i === undefined || !s.pinned || !roomIds.has(s.pinned.roomId)) continue;
    fixedIn[i]!.push(s);
    takenRooms[i]!.add(s.pinned.roomId);
  }
  const freeRooms = slots.map((slot, i) => (slot.locked ? [] : roomsBySize.filter((r) => !takenRooms[i]!.has(r.id))));

  // Co-interest between two sessions: how many people want both.
  const overlapCache = new Map<string, number>();
  const overlap = (a: string, b: string) => {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let n = overlapCache.get(key);
    if (n === undefined) {
      const [small, large] = [interest.get(a)!, interest.get(b)!].sort((x, y) => x.size - y.size);
      n = 0;
      for (const u of small!) if (large!.has(u)) n++;
      overlapCache.set(key, n);
    }
    return n;
  };

  // 1. Greedy: the most wanted first, each into the open slot where it
  //    clashes least with what is already there.
  const placedIn: SchedulerSession[][] = slots.map(() => []);
  const members = (i: number) => [...fixedIn[i]!, ...placedIn[i]!];
  const convenerBusy = (i: number, s: SchedulerSession, ignore?: SchedulerSession) =>
    s.convenerId !== null && members(i).some((m) => m !== s && m !== ignore && m.convenerId === s.convenerId);
  const costIn = (i: number, s: SchedulerSession, ignore?: SchedulerSession) => members(i).reduce((sum, m) => (m === s || m === ignore ? sum : sum + overlap(s.id, m.id)), 0);

  for (const s of [...sessions].filter((x) => !x.pinned).sort(byPopularity)) {
    let best = -1;
    let bestCost = Infinity;
    let bestRoomLeft = -1;
    slots.forEach((_, i) => {
      const roomLeft = freeRooms[i]!.length - placedIn[i]!.length;
      if (roomLeft <= 0 || convenerBusy(i, s)) return;
      const cost = costIn(i, s);
      // Ties go to the emptiest slot, so the popular sessions spread over the slots' big rooms.
      if (cost < bestCost || (cost === bestCost && roomLeft > bestRoomLeft)) {
        best = i;
        bestCost = cost;
        bestRoomLeft = roomLeft;
      }
    });
    if (best >= 0) placedIn[best]!.push(s);
  }

  // 2. Local improvement: swap two sessions of different slots, or move one
  //    to a slot with a free room, whenever that lowers the co-interest
  //    within slots and keeps every convener in one session per slot.
  for (let round = 0; round < MAX_IMPROVEMENT_ROUNDS; round++) {
    let improved = false;
    for (let i = 0; i < slots.length; i++) {
      for (const a of [...placedIn[i]!]) {
        for (let j = 0; j < slots.length; j++) {
          if (j === i || !placedIn[i]!.includes(a)) continue;
          const leaveGain = costIn(i, a);
          if (placedIn[j]!.length < freeRooms[j]!.length && !convenerBusy(j, a) && costIn(j, a) < leaveGain) {
            move(placedIn[i]!, placedIn[j]!, a);
            improved = true;
            continue;
          }
          for (const b of [...placedIn[j]!]) {
            if (convenerBusy(j, a, b) || convenerBusy(i, b, a)) continue;
            const before = leaveGain + costIn(j, b);
            const after = costIn(j, a, b) + costIn(i, b, a);
            if (after < before) {
              move(placedIn[i]!, placedIn[j]!, a);
              move(placedIn[j]!, placedIn[i]!, b);
              improved = true;
              break;
            }
          }
        }
      }
    }
    if (!improved) break;
  }

  // 3. Rooms: within each slot, the most wanted session gets the biggest free room.
  slots.forEach((slot, i) => {
    const ordered = [...placedIn[i]!].sort(byPopularity);
    ordered.forEach((s, k) => result.set(s.id, { roomId: freeRooms[i]![k]!.id, slotId: slot.id }));
  });
  return result;
}

/** How many pairs of people-wanting-both land in the same slot: what the schedule keeps low. */
export function coInterestWithinSlots(sessions: readonly SchedulerSession[], schedule: Schedule): number {
  const bySlot = new Map<string, SchedulerSession[]>();
  for (const s of sessions) {
    const place = schedule.get(s.id);
    if (place) bySlot.set(place.slotId, [...(bySlot.get(place.slotId) ?? []), s]);
  }
  let total = 0;
  for (const group of bySlot.values()) {
    for (let a = 0; a < group.length; a++) {
      const wanted = new Set(group[a]!.interestedUserIds);
      for (let b = a + 1; b < group.length; b++) for (const u of group[b]!.interestedUserIds) if (wanted.has(u)) total++;
    }
  }
  return total;
}

function move<T>(from: T[], to: T[], item: T) {
  from.splice(from.indexOf(item), 1);
  to.push(item);
}

function compare(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}
