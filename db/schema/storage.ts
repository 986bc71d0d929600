import { customType, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});

/** Where a file's bytes are: in its row, or in the object store (S3) under `files/<id>`. */
export const fileStoreEnum = pgEnum("file_store", ["postgres", "s3"]);

/**
 * Every uploaded file under a generated id (never the uploader's file name), whichever store
 * holds its bytes: in `bytes` by default, in S3 when `STORAGE=s3` (then `bytes` is null).
 * app/modules/storage is the only reader.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid().references(() => users.id, { onDelete: "set null" }),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    store: fileStoreEnum().notNull().default("postgres"),
    bytes: bytea(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stored_files_owner_idx").on(t.ownerId, t.createdAt)],
);
