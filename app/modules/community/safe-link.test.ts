import { describe, expect, test } from "vitest";
import { safeHref } from "./safe-link";

describe("safeHref decides which link targets members may use", () => {
  test.each([
    ["https://example.com/a b", "https://example.com/a%20b"],
    ["HTTP://Example.com", "http://example.com/"],
    ["mailto:coach@example.com", "mailto:coach@example.com"],
    ["//example.com/x", "https://example.com/x"],
    ["/\\example.com/x", "https://example.com/x"],
    ["/app/community?tag=tips#top", "/app/community?tag=tips#top"],
    ["https://x.example/&quot;onmouseover", "https://x.example/%22onmouseover"],
    ["https://cai-thuốc.vn/a", "https://xn--cai-thuc-590d.vn/a"],
    ["http://[::1]:8080/", "http://[::1]:8080/"],
    ["  https://example.com  ", "https://example.com/"],
  ])("%j → %j", (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  test.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "java\nscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "\u0001javascript:alert(1)",
    "java\u0000script:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.com",
    "https://user:pw@example.com",
    'https://x.com"onmouseover="alert(1)',
    "https://x.com'onmouseover='alert(1)",
    "https://example.com/?next=javascript%3Aalert(1)",
    "javascript%3Aalert(1)",
    "page.html",
    "../up",
    "#anchor",
    "",
    `https://example.com/${"a".repeat(3000)}`,
  ])("refuses %j", (input) => {
    expect(safeHref(input)).toBeNull();
  });
});
