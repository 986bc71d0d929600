import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readZip } from "../../../tests/integration/privacy/zip-reader";
import { ZipStream } from "./zip";

async function archiveOf(entries: [string, (Buffer | string)[]][]) {
  const chunks: Buffer[] = [];
  const zip = new ZipStream(async (chunk) => {
    chunks.push(chunk);
  }, new Date("2026-12-01T12:00:00Z"));
  for (const [name, pieces] of entries) await zip.entry(name, pieces);
  const size = await zip.finish();
  const archive = Buffer.concat(chunks);
  expect(size).toBe(archive.length);
  return archive;
}

describe("the streamed ZIP archive", () => {
  it("holds each entry as given, from many chunks, with UTF-8 names, and unzip reads it", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `{"day":${i},"note":"a craving after lunch, resisted"}\n`);
    const photo = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    const archive = await archiveOf([
      ["data.json", rows],
      ["csv/nhật-ký.csv", ["\uFEFFngày,tâm trạng\n", "1,tốt\n"]],
      ["empty.csv", []],
      ["files/photo.bin", [photo]],
    ]);
    const entries = readZip(archive);
    expect([...entries.keys()]).toEqual(["data.json", "csv/nhật-ký.csv", "empty.csv", "files/photo.bin"]);
    expect(entries.get("data.json")!.toString("utf8")).toBe(rows.join(""));
    expect(entries.get("csv/nhật-ký.csv")!.toString("utf8")).toBe("\uFEFFngày,tâm trạng\n1,tốt\n");
    expect(entries.get("empty.csv")!.length).toBe(0);
    expect(entries.get("files/photo.bin")!.equals(photo)).toBe(true);
    // Compressed as it went: far smaller than the 1 MB of repetitive rows.
    expect(archive.length).toBeLessThan(200_000);
    if (existsSync("/usr/bin/unzip")) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "zip-stream-")), "test.zip");
      writeFileSync(file, archive);
      expect(execFileSync("/usr/bin/unzip", ["-tq", file]).toString()).toContain("No errors");
    }
  });
});
