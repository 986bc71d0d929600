import { describe, expect, it } from "vitest";
import { parseReportQuery } from "./period";

const parse = (query: string) => parseReportQuery(new URLSearchParams(query), "2026-06-30");

describe("the report period picker", () => {
  it("defaults to the 30 days up to today, and compares with the 30 days before", () => {
    const result = parse("");
    expect(result).toMatchObject({
      ok: true,
      period: { from: "2026-06-01", to: "2026-06-30", days: 30, previous: { from: "2026-05-02", to: "2026-05-31" } },
    });
  });

  it("reads filters, with Basic as a package of its own", () => {
    const id = "0b5cbe1e-5c1f-4b8e-9a52-1d3d0f0f0a11";
    expect(parse(`from=2026-01-01&to=2026-01-31&package=basic&coach=${id}&language=vi`)).toMatchObject({
      ok: true,
      period: { packageId: "basic", coachId: id, language: "vi", previous: { from: "2025-12-01", to: "2025-12-31" } },
    });
  });

  it("turns a reversed, too long or malformed period and unknown filters into issues, never a guess", () => {
    expect(parse("from=2026-05-01&to=2026-04-01")).toEqual({
      ok: false,
      issues: [{ field: "to", message: "reports:errors.periodReversed" }],
    });
    expect(parse("from=2025-01-01&to=2026-06-30")).toEqual({
      ok: false,
      issues: [{ field: "from", message: "reports:errors.periodTooLong" }],
    });
    expect(parse("from=2026-02-30")).toEqual({ ok: false, issues: [{ field: "from", message: "reports:errors.dateInvalid" }] });
    expect(parse("coach=7")).toEqual({ ok: false, issues: [{ field: "coach", message: "reports:errors.coachUnknown" }] });
    expect(parse("package=gold")).toMatchObject({ ok: false, issues: [{ field: "package" }] });
    expect(parse("language=fr")).toEqual({ ok: false, issues: [{ field: "language", message: "reports:errors.languageUnknown" }] });
    expect(parse("sort=desc")).toEqual({ ok: false, issues: [{ field: "period", message: "reports:errors.unknownFilter" }] });
  });
});
