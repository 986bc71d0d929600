import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedFiles } from "#db/schema";
import { createUser } from "#db/seed/factories";
import { s3Bucket, type S3Bucket } from "~/modules/storage/s3.server";
import { objectKeyOf, postgresFileStorage, s3FileStorage, type FileStorage } from "~/modules/storage/storage.server";
import { testDb } from "../../setup/db";
import { startS3 } from "../../setup/s3";

let s3: Awaited<ReturnType<typeof startS3>>;
let bucket: S3Bucket;
beforeAll(async () => {
  s3 = await startS3();
  bucket = s3Bucket(s3.settings);
});
afterAll(async () => s3?.close());

const stores: [string, () => FileStorage][] = [
  ["the default store (Postgres bytea)", () => postgresFileStorage(testDb())],
  ["S3 (s3rver on loopback)", () => s3FileStorage(testDb(), bucket)],
];

describe.each(stores)("%s", (name, storage) => {
  it("gives back exactly the bytes and type it was given, under a new id with the owner's row", async () => {
    const owner = await createUser(testDb());
    const bytes = Buffer.from(`a photo for ${name} ${randomUUID()}`);
    const { id } = await storage().put({ bytes, contentType: "image/png", ownerId: owner.id });
    const file = await storage().get(id);
    expect(file).toEqual({ id, contentType: "image/png", bytes });
    const [row] = await testDb().select().from(storedFiles).where(eq(storedFiles.id, id));
    expect(row).toMatchObject({ ownerId: owner.id, contentType: "image/png", byteSize: bytes.length, store: storage().kind });
    // The bytes are in one place only: the row for Postgres, the bucket for S3.
    expect(row!.bytes === null).toBe(storage().kind === "s3");
    expect((await bucket.head(objectKeyOf(id))) !== null).toBe(storage().kind === "s3");
  });

  it("knows nothing of an unknown id or one that is not a UUID", async () => {
    expect(await storage().get(randomUUID())).toBeNull();
    expect(await storage().get("../../etc/passwd")).toBeNull();
    expect(await storage().directUrl("not-a-uuid", "image/png")).toBeNull();
    await expect(storage().delete("not-a-uuid")).resolves.toBeUndefined();
  });

  it("deletes the bytes and the row, and a second delete changes nothing", async () => {
    const { id } = await storage().put({ bytes: Buffer.from("to be deleted"), contentType: "image/jpeg", ownerId: null });
    await storage().delete(id);
    await storage().delete(id);
    expect(await storage().get(id)).toBeNull();
    expect(await testDb().select().from(storedFiles).where(eq(storedFiles.id, id))).toEqual([]);
    expect(await bucket.head(objectKeyOf(id))).toBeNull();
  });

  it("serves through us (Postgres) or hands out a link that lives a minute and tells caches so (S3)", async () => {
    const bytes = Buffer.from("linked bytes");
    const { id } = await storage().put({ bytes, contentType: "image/webp", ownerId: null });
    const url = await storage().directUrl(id, "image/webp");
    if (storage().kind === "postgres") {
      expect(url).toBeNull();
      return;
    }
    expect(url).toMatch(/X-Amz-Expires=60/);
    const answer = await fetch(url!);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("private, max-age=60");
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(bytes);
  });
});

describe("switching to S3", () => {
  it("still reads and deletes files whose bytes were stored in Postgres before the switch", async () => {
    const { id } = await postgresFileStorage(testDb()).put({ bytes: Buffer.from("old"), contentType: "image/png", ownerId: null });
    const storage = s3FileStorage(testDb(), bucket);
    expect((await storage.get(id))?.bytes).toEqual(Buffer.from("old"));
    expect(await storage.directUrl(id, "image/png")).toBeNull();
    await storage.delete(id);
    expect((await testDb().execute(sql`select 1 from stored_files where id = ${id}`)).length).toBe(0);
  });
});
