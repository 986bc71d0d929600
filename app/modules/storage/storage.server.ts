import { eq } from "drizzle-orm";
import { storedFiles } from "#db/schema";
import type { Database } from "#db/client.server";
import { isUuid } from "~/lib/uuid";

export type StoredFile = { id: string; contentType: string; bytes: Buffer };
export type NewFile = { bytes: Buffer; contentType: string; ownerId: string | null };

/**
 * Where uploaded files live. One interface for every backend: the default keeps the bytes in
 * Postgres; an object store (S3) implements the same three calls. Ids are generated here,
 * never taken from the uploader's file name.
 */
export interface FileStorage {
  put(file: NewFile): Promise<{ id: string }>;
  get(id: string): Promise<StoredFile | null>;
  delete(id: string): Promise<void>;
}

/** Files as bytea rows in stored_files: the working default, no configuration needed. */
export function postgresFileStorage(db: Database): FileStorage {
  return {
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
        .where(eq(storedFiles.id, id));
      return row ?? null;
    },
    async delete(id) {
      if (!isUuid(id)) return;
      await db.delete(storedFiles).where(eq(storedFiles.id, id));
    },
  };
}

/** The configured storage (Postgres until an object store is configured). */
export function fileStorage(db: Database): FileStorage {
  return postgresFileStorage(db);
}
