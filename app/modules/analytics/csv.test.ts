import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvStream } from "./csv";

describe("CSV for spreadsheets", () => {
  it("keeps cells that would run as formulas as text", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(csvCell(`${start}1+1`).replace(/^"/, "").startsWith(`'${start}`)).toBe(true);
    expect(csvCell('=HYPERLINK("http://evil.test")')).toBe(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(csvCell("Mai -5")).toBe("Mai -5");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvLine(["a,b", 'say "hi"', "two\nlines", "plain"])).toBe('"a,b","say ""hi""","two\nlines",plain\r\n');
  });

  it("streams a byte-order mark, the header and every row", async () => {
    const rows = Array.from({ length: 1201 }, (_, i) => [`row ${i}`, "Tiếng Việt"]);
    const bytes = new Uint8Array(await new Response(csvStream(["name", "language"], rows)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("name,language");
    expect(lines).toHaveLength(1203);
    expect(lines[1201]).toBe("row 1200,Tiếng Việt");
  });
});
