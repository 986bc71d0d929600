import { describe, expect, test } from "vitest";
import { explainUnsafeHtml, isInertHtml } from "./inert";

describe("isInertHtml judges rendered member content", () => {
  test("allows the renderer's own vocabulary", () => {
    expect(isInertHtml('<p><strong>a</strong><br><a href="https://x.example/" rel="nofollow ugc noopener">x</a></p>')).toBe(true);
    expect(isInertHtml("<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1) as text</p>")).toBe(true);
  });

  test.each([
    ["<script>alert(1)</script>", "disallowed tag <script>"],
    ["<IFRAME src=x></IFRAME>", "unexpected markup"],
    ['<img src="x">', "disallowed tag <img>"],
    ["<svg>", "disallowed tag <svg>"],
    ["<style>", "disallowed tag <style>"],
    ['<p onclick="alert(1)">', "event handler attribute onclick"],
    ['<a href="javascript:alert(1)">', "script scheme in href"],
    ['<a href="jav&#x09;ascript:alert(1)">', "script scheme in href"],
    ['<a href="data:text/html,x">', "unsafe href"],
    ['<a href="x.html">', "unsafe href"],
    ['<a href="//evil.example">', "unsafe href"],
    ['<a title="javascript:alert(1)">', "disallowed attribute title"],
    ["<a href=javascript:alert(1)>", "unexpected markup"],
    ["<!-- x -->", "unexpected markup"],
    ["<p>\u0000</p>", "null byte"],
  ])("flags %j", (html, problem) => {
    expect(isInertHtml(html)).toBe(false);
    expect(explainUnsafeHtml(html).join("\n")).toContain(problem);
  });
});
