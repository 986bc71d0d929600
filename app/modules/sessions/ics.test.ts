import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarText, escapeText, foldLine } from "./ics";

const event = {
  uid: "0c0e6a52-5b0c-4c59-9f59-8f6a0b6b7b57@quitpath",
  sequence: 2,
  startsAt: new Date("2026-03-30T08:00:00Z"),
  endsAt: new Date("2026-03-30T08:45:00Z"),
  summary: "Buổi QuitPath: Coach Mai Anh và Nguyễn Văn An",
  description: "Chủ đề: cơn thèm sau bữa tối; kế hoạch, tuần đầu\nDòng hai \\ kết thúc. ".repeat(3),
  status: "CONFIRMED" as const,
  organizer: { name: "Coach Mai Anh", email: "coach.mai@quitpath.test" },
  attendee: { name: "Nguyễn, Văn An", email: "member@quitpath.test" },
  stamp: new Date("2026-03-20T10:00:00Z"),
};

describe("iCalendar", () => {
  it("ends lines with CRLF and folds them at 75 octets without splitting a character", () => {
    const text = calendarText([event], "REQUEST");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(foldLine("a".repeat(80))).toBe(`${"a".repeat(75)}\r\n ${"a".repeat(5)}`);
  });

  it("escapes text and reads back through an independent parser with the same values", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const parsed = new ICAL.Component(ICAL.parse(calendarText([event], "CANCEL")));
    expect(parsed.getFirstPropertyValue("method")).toBe("CANCEL");
    const vevent = new ICAL.Event(parsed.getFirstSubcomponent("vevent")!);
    expect(vevent.uid).toBe(event.uid);
    expect(vevent.sequence).toBe(2);
    expect(vevent.summary).toBe(event.summary);
    expect(vevent.description).toBe(event.description);
    expect(vevent.startDate.toJSDate().toISOString()).toBe("2026-03-30T08:00:00.000Z");
    expect(vevent.attendees[0]!.getParameter("cn")).toBe("Nguyễn, Văn An");
  });

  it("a feed has no METHOD", () => {
    expect(calendarText([event], null)).not.toContain("METHOD:");
  });
});
