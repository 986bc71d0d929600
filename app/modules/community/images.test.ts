import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { DomainError } from "~/lib/domain-error";
import { MAX_IMAGE_BYTES, MAX_IMAGE_DIMENSION, sanitizeImage, sniffImageType } from "./images";

// The EXIF tag pointing at the GPS block, little-endian as sharp writes it.
const GPS_INFO_TAG = Buffer.from([0x25, 0x88]);
const red = { r: 200, g: 30, b: 30 };
const canvas = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: red } });
const png = (width = 8, height = 6) => canvas(width, height).png().toBuffer();
const jpeg = (width = 8, height = 6) => canvas(width, height).jpeg().toBuffer();
const webp = (width = 8, height = 6) => canvas(width, height).webp().toBuffer();

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { kind: (error as DomainError).kind, message: (error as DomainError).message };
};

describe("sniffImageType reads the first bytes, not the name", () => {
  test("recognises real JPEG, PNG and WebP", async () => {
    expect(sniffImageType(await jpeg())).toBe("image/jpeg");
    expect(sniffImageType(await png())).toBe("image/png");
    expect(sniffImageType(await webp())).toBe("image/webp");
  });

  test.each([
    ["HTML", new TextEncoder().encode("<!doctype html><script>alert(1)</script>")],
    ["GIF", new TextEncoder().encode("GIF89a......")],
    ["SVG", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ["a RIFF that is not WebP (WAV)", new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WAVEfmt ")],
    ["a truncated PNG signature", new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
    ["nothing", new Uint8Array()],
  ])("refuses %s", (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });
});

describe("sanitizeImage", () => {
  test.each([
    ["image/png", png],
    ["image/jpeg", jpeg],
    ["image/webp", webp],
  ] as const)("re-encodes %s in its own format with its size", async (contentType, make) => {
    const result = await sanitizeImage(await make(8, 6));
    expect(result).toMatchObject({ contentType, width: 8, height: 6 });
    expect(sniffImageType(result.bytes)).toBe(contentType);
  });

  test("a photo's GPS location and camera details are gone, and it is turned upright", async () => {
    const photo = await canvas(40, 20)
      .jpeg()
      .withMetadata({
        orientation: 6,
        exif: {
          IFD0: { Make: "PhoneMaker", Model: "Phone 12" },
          IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 1/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "105/1 51/1 0/1" },
        },
      })
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(before.exif?.toString("latin1")).toContain("PhoneMaker");
    expect(before.exif?.includes(GPS_INFO_TAG)).toBe(true);
    expect(before.orientation).toBe(6);

    const result = await sanitizeImage(photo);
    const after = await sharp(result.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(result.bytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect([result.width, result.height]).toEqual([20, 40]);
  });

  test("XMP metadata in a PNG is dropped", async () => {
    const tagged = await canvas(4, 4)
      .png()
      .withMetadata()
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/">home address</x:xmpmeta>')
      .toBuffer();
    expect(tagged.includes(Buffer.from("home address"))).toBe(true);
    const result = await sanitizeImage(tagged);
    expect(result.bytes.includes(Buffer.from("home address"))).toBe(false);
  });

  test("large images are scaled to fit the maximum dimension, keeping their shape", async () => {
    const result = await sanitizeImage(await png(4096, 1024));
    expect([result.width, result.height]).toEqual([MAX_IMAGE_DIMENSION, 512]);
  });

  test("an HTML file named .png is refused", async () => {
    const html = Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>");
    expect(await rejection(sanitizeImage(html))).toEqual({ kind: "invalid", message: "community:errors.imageType" });
  });

  test("a file with PNG magic bytes but no image behind them is refused", async () => {
    const disguised = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("<script>alert(1)</script>"),
    ]);
    expect(await rejection(sanitizeImage(disguised))).toEqual({ kind: "invalid", message: "community:errors.imageUnreadable" });
  });

  test("a GIF is refused even though it is an image", async () => {
    const gif = await canvas(2, 2).gif().toBuffer();
    expect(await rejection(sanitizeImage(gif))).toEqual({ kind: "invalid", message: "community:errors.imageType" });
  });

  test("more than 5 MB is refused before decoding", async () => {
    const oversize = Buffer.concat([await png(), Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(await rejection(sanitizeImage(oversize))).toEqual({ kind: "invalid", message: "community:errors.imageTooLarge" });
  });

  test("a decompression bomb is refused", async () => {
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: red } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(MAX_IMAGE_BYTES);
    expect(await rejection(sanitizeImage(bomb))).toEqual({ kind: "invalid", message: "community:errors.imageUnreadable" });
    // Making the 10,000 × 10,000 image takes seconds on a busy machine; refusing it does not.
  }, 30_000);
});
