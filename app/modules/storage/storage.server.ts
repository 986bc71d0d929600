import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { storedFiles } from "#db/schema";
import type { Database } from "#db/client.server";
import { env } from "~/lib/env.server";
import { isUuid } from "~/lib/uuid";
import { s3Bucket, s3SettingsFrom, type S3Bucket } from "./s3.server";

export type StoredFile = { id: string; contentType: string; bytes: Buffer };
export type NewFile = { bytes: Buffer; contentType: string; ownerId: string | null };

/** How long a presigned GET link lives: a hidden post's photo stops loading at most this long after its page did. */
export const SIGNED_GET_SECONDS = 60;

/**
 * Where uploaded files live. One interface for every backend: the default keeps the bytes in
 * Postgres, S3 keeps them in a bucket; both keep the file's row in stored_files (owner, type,
 * size), so ownership checks, exports and erasure read one table. Ids are generated here,
 * never taken from the uploader's file name.
 */
export interface FileStorage {
  readonly kind: "postgres" | "s3";
  put(file: NewFile): Promise<{ id: string }>;
  get(id: string): Promise<StoredFile | null>;
  delete(id: string): Promise<void>;
  /** A short-lived link the browser may fetch the bytes from itself; null when we serve them. */
  directUrl(id: string, contentType: string): Promise<string | null>;
}

/** Files as bytea rows in stored_files: the working default, no configuration needed. */
export function postgresFileStorage(db: Database): FileStorage {
  return {
    kind: "postgres",
    async put(file) {
      const [row] = await db
        .insert(storedFiles)
        .values({ ownerId: file.ownerId, contentType: file.contentType, byteSize: file.bytes.length, bytes: file.bytes })
        .returning({ id: storedFiles.id });
      return { id: row!.id };
    },
    async get(id) {
      if (!isUuid(id)) return null;
      const [row] = await db
        .select({ id: storedFiles.id, contentType: storedFiles.contentType, bytes: storedFiles.bytes })
        .from(storedFiles)
        .where(and(eq(storedFiles.id, id), eq(storedFiles.store, "postgres")));
      return row?.bytes ? { id: row.id, contentType: row.contentType, bytes: row.bytes } : null;
    },
    async delete(id) {
      if (!isUuid(id)) return;
      await db.delete(storedFiles).where(eq(storedFiles.id, id));
    },
    async directUrl() {
      return null;
    },
  };
}

export const objectKeyOf = (id: string) => `files/${id}`;

/**
 * Files in an S3 bucket under `files/<id>`, their rows in stored_files. Rows written before the
 * switch to S3 keep their bytes in Postgres and are still read from there.
 */
export function s3FileStorage(db: Database, bucket: S3Bucket): FileStorage {
  return {
    kind: "s3",
    async put(file) {
      const id = randomUUID();
      await bucket.put(objectKeyOf(id), file.bytes, file.contentType);
      try {
        await db
          .insert(storedFiles)
          .values({ id, ownerId: file.ownerId, contentType: file.contentType, byteSize: file.bytes.length, store: "s3" });
      } catch (error) {
        await bucket.delete(objectKeyOf(id)).catch(() => undefined);
        throw error;
      }
      return { id };
    },
    async get(id) {
      if (!isUuid(id)) return null;
      const [row] = await db
        .select({ id: storedFiles.id, contentType: storedFiles.contentType, store: storedFiles.store, bytes: storedFiles.bytes })
        .from(storedFiles)
        .where(eq(storedFiles.id, id));
      if (!row) return null;
      const bytes = row.store === "s3" ? await bucket.get(objectKeyOf(id)) : row.bytes;
      return bytes ? { id: row.id, contentType: row.contentType, bytes } : null;
    },
    async delete(id) {
      if (!isUuid(id)) return;
      // The object first: if S3 fails the row stays (and the caller's transaction rolls back), so nothing is left unlisted.
      await bucket.delete(objectKeyOf(id));
      await db.delete(storedFiles).where(eq(storedFiles.id, id));
    },
    async directUrl(id, contentType) {
      if (!isUuid(id)) return null;
      const [row] = await db.select({ store: storedFiles.store }).from(storedFiles).where(eq(storedFiles.id, id));
      if (row?.store !== "s3") return null;
      return bucket.signedGetUrl(objectKeyOf(id), SIGNED_GET_SECONDS, contentType);
    },
  };
}

/** The bucket STORAGE=s3 names (env validation guarantees its settings). */
export function filesBucket(): S3Bucket {
  return s3Bucket(s3SettingsFrom(env()));
}

/** The configured storage: Postgres unless STORAGE=s3. */
export function fileStorage(db: Database): FileStorage {
  return env().STORAGE === "s3" ? s3FileStorage(db, filesBucket()) : postgresFileStorage(db);
}
