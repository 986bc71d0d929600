import sharp from "sharp";
import { DomainError } from "~/lib/domain-error";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGE_DIMENSION = 2048;
// Refuse decompression bombs before decoding: a 5 MB file can claim a 60000×60000 canvas.
const MAX_INPUT_PIXELS = 50_000_000;

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export type SanitizedImage = { bytes: Buffer; contentType: ImageType; width: number; height: number };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

/** What an upload really is, by its first bytes; its name and declared type are never trusted. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

const SHARP_FORMAT: Record<ImageType, "jpeg" | "png" | "webp"> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp" };

/**
 * A member's upload made safe to store and serve: only JPEG, PNG or WebP by content, at most
 * MAX_IMAGE_BYTES, decoded and re-encoded in its own format — turned upright by its EXIF
 * orientation, then with every piece of metadata (GPS location, camera, XMP, comments) dropped,
 * and scaled down to fit MAX_IMAGE_DIMENSION. Only the first frame of an animation is kept.
 */
export async function sanitizeImage(bytes: Uint8Array): Promise<SanitizedImage> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new DomainError("invalid", "community:errors.imageTooLarge", { values: { megabytes: 5 } });
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new DomainError("invalid", "community:errors.imageType");

  try {
    const image = sharp(bytes, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS, animated: false });
    const { format } = await image.metadata();
    if (format !== SHARP_FORMAT[contentType]) throw new DomainError("invalid", "community:errors.imageType");

    const resized = image
      .rotate()
      .resize({ width: MAX_IMAGE_DIMENSION, height: MAX_IMAGE_DIMENSION, fit: "inside", withoutEnlargement: true });
    const encoded =
      contentType === "image/jpeg"
        ? resized.jpeg({ quality: 85, mozjpeg: true })
        : contentType === "image/png"
          ? resized.png({ compressionLevel: 9 })
          : resized.webp({ quality: 85 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // Magic bytes right, content broken or hostile: sharp's message is not for members.
    throw new DomainError("invalid", "community:errors.imageUnreadable");
  }
}
