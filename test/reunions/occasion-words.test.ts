// What an occasion is called: a group's meeting is a meeting, a mentoring
// pair's check-in is a check-in, and only the alumni event is a reunion.
import { occasionKind, occasionWords } from "../../app/domain/reunions/occasion-words";

test("a group's meeting is a meeting, a pair's check-in a check-in, anything else a reunion", () => {
  expect(occasionKind({ groupId: "g", mentorshipId: null })).toBe("meeting");
  expect(occasionKind({ groupId: null, mentorshipId: "m" })).toBe("check-in");
  expect(occasionKind({ groupId: null, mentorshipId: null })).toBe("reunion");
  expect(occasionKind({})).toBe("reunion");
});

test("the words follow the kind: singular, plural, counted, and who runs it", () => {
  const meeting = occasionWords({ groupId: "g" });
  expect([meeting.noun, meeting.plural, meeting.Noun, meeting.count(1), meeting.count(6)]).toEqual(["meeting", "meetings", "Meeting", "1 meeting", "6 meetings"]);
  expect(meeting.runBy).toBe("the member who scheduled it or a convener of the group");
  const checkIn = occasionWords({ mentorshipId: "m" });
  expect([checkIn.noun, checkIn.Noun, checkIn.count(3)]).toEqual(["check-in", "Check-in", "3 check-ins"]);
  expect(occasionWords("reunion").count(2)).toBe("2 reunions");
});

test("a title is named by its kind, unless it already says what it is", () => {
  expect(occasionWords({ groupId: "g" }).titled("Guild night")).toBe("Meeting: Guild night");
  expect(occasionWords({ groupId: "g" }).titled("Guild monthly meeting")).toBe("Guild monthly meeting");
  // "meetings" is not "meeting": a title about meetings is still named.
  expect(occasionWords({ groupId: "g" }).titled("Meetings that end on time")).toBe("Meeting: Meetings that end on time");
  expect(occasionWords({ mentorshipId: "m" }).titled("Mentoring check-in: Ann and Bo")).toBe("Mentoring check-in: Ann and Bo");
  expect(occasionWords("reunion").titled("Cohort 7 meets again")).toBe("Reunion: Cohort 7 meets again");
  expect(occasionWords("reunion").titled("Spring reunion")).toBe("Spring reunion");
});
