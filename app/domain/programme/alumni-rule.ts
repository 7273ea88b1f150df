// Alumni are earned: when a cycle finishes, each member who was present at
// least the cohort's threshold of its meetings becomes an alumnus.
export type MemberAttendance = { userId: string; present: number };

export function earnsAlumnus(present: number, threshold: number) {
  return present >= threshold;
}

/** The members of a finished cycle who become alumni, in the order given. */
export function newAlumni(members: readonly MemberAttendance[], threshold: number, alreadyAlumni: ReadonlySet<string>): string[] {
  return members.filter((m) => earnsAlumnus(m.present, threshold) && !alreadyAlumni.has(m.userId)).map((m) => m.userId);
}
