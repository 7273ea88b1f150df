// What an occasion is called: a group's meeting is a meeting, a mentoring
// pair's check-in is a check-in, and only the alumni event is a reunion.
import { occasionSummary } from "../../app/domain/calendar/reunion-events.server";
import { occasionKind, titleNamesKind } from "../../app/domain/reunions/occasion-words";

test("a group's meeting is a meeting, a pair's check-in a check-in, anything else a reunion", () => {
  expect(occasionKind({ groupId: "g", mentorshipId: null })).toBe("meeting");
  expect(occasionKind({ groupId: null, mentorshipId: "m" })).toBe("check-in");
  expect(occasionKind({ groupId: null, mentorshipId: null })).toBe("reunion");
  expect(occasionKind({})).toBe("reunion");
});

test("a title already names its kind as a whole word in English, anywhere in Japanese", () => {
  expect(titleNamesKind("Guild monthly meeting", "Meeting", "en")).toBe(true);
  // "meetings" is not "meeting": a title about meetings does not name one.
  expect(titleNamesKind("Meetings that end on time", "Meeting", "en")).toBe(false);
  expect(titleNamesKind("月例ミーティング", "ミーティング", "ja")).toBe(true);
  expect(titleNamesKind("ギルドの夜", "ミーティング", "ja")).toBe(false);
});

test("a title is named by its kind in the reader's language, unless it already says what it is", () => {
  expect(occasionSummary("en", { title: "Guild night", groupId: "g" })).toBe("Meeting: Guild night");
  expect(occasionSummary("en", { title: "Guild monthly meeting", groupId: "g" })).toBe("Guild monthly meeting");
  expect(occasionSummary("en", { title: "Meetings that end on time", groupId: "g" })).toBe("Meeting: Meetings that end on time");
  expect(occasionSummary("en", { title: "Mentoring check-in: Ann and Bo", mentorshipId: "m" })).toBe("Mentoring check-in: Ann and Bo");
  expect(occasionSummary("en", { title: "Cohort 7 meets again" })).toBe("Reunion: Cohort 7 meets again");
  expect(occasionSummary("en", { title: "Spring reunion" })).toBe("Spring reunion");
  expect(occasionSummary("ja", { title: "Guild night", groupId: "g" })).toBe("ミーティング：Guild night");
  expect(occasionSummary("ja", { title: "春の同窓会" })).toBe("春の同窓会");
});
