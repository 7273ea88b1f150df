// The automatic open-space schedule on generated events: 30 sessions, 5 rooms
// and 4 time slots, with interest drawn from a seeded random generator so
// every run checks the same 50 events.
import { performance } from "node:perf_hooks";
import {
  coInterestWithinSlots,
  scheduleSessions,
  type Schedule,
  type SchedulerRoom,
  type SchedulerSession,
  type SchedulerSlot,
} from "../../app/domain/open-space/schedule-sessions";

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Event = { sessions: SchedulerSession[]; rooms: SchedulerRoom[]; slots: SchedulerSlot[] };

/**
 * Sessions belong to a few themes and people favour some themes, so topics
 * that draw the same people really exist. A dozen conveners share the 30
 * sessions, so some convene two or three.
 */
function generateEvent(seed: number, { sessionCount = 30, roomCount = 5, slotCount = 4 } = {}): Event {
  const random = seeded(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const themes = 6;
  const people = Array.from({ length: 60 }, (_, i) => ({ id: `person-${i}`, likes: new Set([pick(themes), pick(themes)]) }));
  const sessions = Array.from({ length: sessionCount }, (_, i) => {
    const theme = pick(themes);
    const appeal = 0.1 + random() * 0.5;
    const interestedUserIds = people.filter((p) => random() < (p.likes.has(theme) ? appeal : appeal / 8)).map((p) => p.id);
    return { id: `session-${String(i).padStart(2, "0")}`, convenerId: `convener-${pick(12)}`, interestedUserIds, pinned: null };
  });
  // Capacities that differ, with one tie now and then.
  const rooms = Array.from({ length: roomCount }, (_, i) => ({ id: `room-${i}`, capacity: 5 + pick(6) * 5 }));
  const slots = Array.from({ length: slotCount }, (_, i) => ({ id: `slot-${i}`, locked: false }));
  return { sessions, rooms, slots };
}

const SEEDS = Array.from({ length: 50 }, (_, i) => 1000 + i * 7919);

function placed(schedule: Schedule) {
  return [...schedule.entries()].filter((e): e is [string, { roomId: string; slotId: string }] => e[1] !== null);
}

function expectHardRules({ sessions, rooms, slots }: Event, schedule: Schedule) {
  const cells = new Set<string>();
  const convenersInSlot = new Set<string>();
  const byId = new Map(sessions.map((s) => [s.id, s]));
  expect(schedule.size).toBe(sessions.length);
  for (const [id, place] of placed(schedule)) {
    expect(rooms.some((r) => r.id === place.roomId)).toBe(true);
    expect(slots.some((s) => s.id === place.slotId)).toBe(true);
    const cell = `${place.roomId}@${place.slotId}`;
    expect(cells.has(cell), `${cell} is double-booked`).toBe(false);
    cells.add(cell);
    const convener = byId.get(id)!.convenerId;
    if (convener) {
      const key = `${convener}@${place.slotId}`;
      expect(convenersInSlot.has(key), `${convener} convenes twice in ${place.slotId}`).toBe(false);
      convenersInSlot.add(key);
    }
  }
}

/** The naive baseline: by interest, slot after slot in turn, rooms in their given order. */
function roundRobin({ sessions, rooms, slots }: Event): Schedule {
  const ordered = [...sessions].sort((a, b) => b.interestedUserIds.length - a.interestedUserIds.length);
  const schedule: Schedule = new Map(sessions.map((s) => [s.id, null]));
  ordered.slice(0, rooms.length * slots.length).forEach((s, i) => {
    schedule.set(s.id, { slotId: slots[i % slots.length]!.id, roomId: rooms[Math.floor(i / slots.length)]!.id });
  });
  return schedule;
}

describe("the automatic open-space schedule on 50 generated events of 30 sessions, 5 rooms and 4 slots", () => {
  test("no room is booked twice in a slot and no convener runs two sessions at once", () => {
    for (const seed of SEEDS) {
      const event = generateEvent(seed);
      const schedule = scheduleSessions(event.sessions, event.rooms, event.slots);
      expectHardRules(event, schedule);
      // 30 sessions for 20 places: every place is used and ten wait.
      expect(placed(schedule)).toHaveLength(20);
    }
  });

  test("the sessions with most interest get the places, and within each slot the biggest rooms", () => {
    for (const seed of SEEDS) {
      const event = generateEvent(seed);
      const schedule = scheduleSessions(event.sessions, event.rooms, event.slots);
      const interestOf = new Map(event.sessions.map((s) => [s.id, s.interestedUserIds.length]));
      const capacityOf = new Map(event.rooms.map((r) => [r.id, r.capacity]));
      for (const slot of event.slots) {
        const here = placed(schedule).filter(([, p]) => p.slotId === slot.id);
        const capacities = here.map(([, p]) => capacityOf.get(p.roomId)!);
        if (new Set(capacities).size < 2) continue;
        const biggest = Math.max(...capacities);
        const mostWanted = Math.max(...here.map(([id]) => interestOf.get(id)!));
        const inBiggest = here.filter(([, p]) => capacityOf.get(p.roomId) === biggest).map(([id]) => interestOf.get(id)!);
        expect(Math.max(...inBiggest), `seed ${seed}, ${slot.id}`).toBe(mostWanted);
        // And generally: a bigger room never holds a less wanted session than a smaller one.
        for (const [a, pa] of here) for (const [b, pb] of here) if (capacityOf.get(pa.roomId)! > capacityOf.get(pb.roomId)!) expect(interestOf.get(a)!).toBeGreaterThanOrEqual(interestOf.get(b)!);
      }
      // Sessions left out are never more wanted than the least wanted one placed, unless their convener was busy.
      const placedInterest = placed(schedule).map(([id]) => interestOf.get(id)!);
      const waiting = event.sessions.filter((s) => schedule.get(s.id) === null);
      const busyConveners = new Set(placed(schedule).map(([id]) => event.sessions.find((s) => s.id === id)!.convenerId));
      for (const s of waiting) if (!busyConveners.has(s.convenerId)) expect(s.interestedUserIds.length).toBeLessThanOrEqual(Math.min(...placedInterest));
    }
  });

  test("topics that draw the same people are spread across slots better than a round-robin schedule", () => {
    let ours = 0;
    let baseline = 0;
    for (const seed of SEEDS) {
      const event = generateEvent(seed);
      ours += coInterestWithinSlots(event.sessions, scheduleSessions(event.sessions, event.rooms, event.slots));
      baseline += coInterestWithinSlots(event.sessions, roundRobin(event));
    }
    expect(ours / SEEDS.length).toBeLessThan(baseline / SEEDS.length);
  });

  test("pinned sessions stay where the organiser put them and locked slots take no new session", () => {
    for (const seed of SEEDS) {
      const event = generateEvent(seed);
      const [first, second, third] = event.sessions;
      // slot-0 is about to start and holds one session already; two more are pinned by hand.
      event.slots[0]!.locked = true;
      first!.pinned = { roomId: "room-2", slotId: "slot-0" };
      second!.pinned = { roomId: "room-0", slotId: "slot-2" };
      third!.pinned = { roomId: "room-4", slotId: "slot-3" };
      if (third!.convenerId === second!.convenerId) third!.convenerId = "someone-else";
      const schedule = scheduleSessions(event.sessions, event.rooms, event.slots);
      expectHardRules(event, schedule);
      expect(schedule.get(first!.id)).toEqual(first!.pinned);
      expect(schedule.get(second!.id)).toEqual(second!.pinned);
      expect(schedule.get(third!.id)).toEqual(third!.pinned);
      const inLockedSlot = placed(schedule).filter(([, p]) => p.slotId === "slot-0");
      expect(inLockedSlot.map(([id]) => id)).toEqual([first!.id]);
      // The three other slots are full: 15 places, two of them taken by pinned sessions.
      expect(placed(schedule)).toHaveLength(16);
      // A convener of a pinned session gets no other session in that slot.
      for (const pin of [second!, third!]) {
        const others = placed(schedule).filter(([id, p]) => id !== pin.id && p.slotId === pin.pinned!.slotId);
        for (const [id] of others) expect(event.sessions.find((s) => s.id === id)!.convenerId).not.toBe(pin.convenerId);
      }
    }
  });

  test("the same event always gives the same schedule, whatever order the sessions come in", () => {
    const event = generateEvent(42);
    const once = scheduleSessions(event.sessions, event.rooms, event.slots);
    const again = scheduleSessions([...event.sessions].reverse(), [...event.rooms].reverse(), event.slots);
    expect([...again.entries()].sort()).toEqual([...once.entries()].sort());
  });

  test("a convener with more sessions than slots has the extra ones left unscheduled", () => {
    const event = generateEvent(7, { sessionCount: 6, roomCount: 5, slotCount: 2 });
    for (const s of event.sessions) s.convenerId = "the-same-person";
    const schedule = scheduleSessions(event.sessions, event.rooms, event.slots);
    expectHardRules(event, schedule);
    expect(placed(schedule)).toHaveLength(2);
  });

  test("it finishes in under a second", () => {
    let slowest = 0;
    for (const seed of SEEDS.slice(0, 10)) {
      const event = generateEvent(seed);
      const started = performance.now();
      scheduleSessions(event.sessions, event.rooms, event.slots);
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(slowest).toBeLessThan(1000);
  });
});
