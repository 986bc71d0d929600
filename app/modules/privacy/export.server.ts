import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { dataExports, storedFiles } from "#db/schema";
import type { Database, Db } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { appUrl } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";
import { enqueue, enqueueDeliveries } from "~/lib/queue.server";
import { isUuid } from "~/lib/uuid";
import { csvLine } from "~/modules/analytics/csv";
import { loadRecipients, notifyMember } from "~/modules/notifications/deliver.server";
import { fileStorage } from "~/modules/storage/storage.server";
import { exportedTables, OMITTED_COLUMNS } from "./member-data";
import { ZipStream } from "./zip";

/** How long a finished archive stays downloadable. */
export const EXPORT_LIFETIME_DAYS = 7;
export const EXPORT_FORMAT = { name: "quitpath-member-export", version: 1 } as const;

export type DataExportView = {
  id: string;
  status: "queued" | "building" | "ready" | "failed" | "expired";
  progress: number;
  requestedAt: string;
  expiresAt: string | null;
  byteSize: number | null;
  downloadCount: number;
};

/** Starts an export (one at a time: a second request while one is in progress is a 409). */
export async function requestExport(db: Database, userId: string, now = new Date()): Promise<{ id: string }> {
  const [row] = await db.insert(dataExports).values({ userId, requestedAt: now }).onConflictDoNothing().returning({ id: dataExports.id });
  if (!row) throw new DomainError("conflict", "privacy:export.alreadyRunning");
  logger.info({ exportId: row.id }, "data export requested");
  await enqueue("build-data-export", { exportId: row.id }, { singletonKey: row.id });
  return row;
}

/** The member's latest exports, newest first (ownership in the query). */
export async function listExports(db: Database, userId: string, now = new Date()): Promise<DataExportView[]> {
  const rows = await db.select().from(dataExports).where(eq(dataExports.userId, userId)).orderBy(desc(dataExports.requestedAt)).limit(5);
  return rows.map((r) => ({
    id: r.id,
    status: r.status === "ready" && (!r.fileId || (r.expiresAt && r.expiresAt <= now)) ? "expired" : r.status,
    progress: r.progress,
    requestedAt: r.requestedAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    byteSize: r.byteSize,
    downloadCount: r.downloadCount,
  }));
}

type Row = Record<string, unknown>;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function withoutOmitted(table: string, row: Row): Row {
  const omitted = OMITTED_COLUMNS[table];
  if (!omitted) return row;
  return Object.fromEntries(Object.entries(row).filter(([column]) => !omitted.includes(column)));
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const BATCH_ROWS = 500;

/** Every row of one table that names the member in any of its member columns, a batch at a time (a server-side cursor). */
async function* memberRowBatches(db: Db, table: string, columns: string[], userId: string): AsyncGenerator<Row[]> {
  const matches = columns.map((c) => `${quoted(c)} = $1::uuid`).join(" or ");
  const query = db.$client.unsafe(`select * from ${quoted(table)} where ${matches}`, [userId]);
  for await (const rows of query.cursor(BATCH_ROWS)) yield (rows as unknown as Row[]).map((r) => withoutOmitted(table, r));
}

/** The columns and types of every exported table: the archive's documented schema. */
async function schemaOf(db: Database, tables: string[]) {
  const rows = (await db.execute(sql`
    select table_name, column_name, data_type, is_nullable
    from information_schema.columns
    where table_schema = 'public' and table_name = any(${`{${tables.join(",")}}`}::text[])
    order by table_name, ordinal_position`)) as unknown as {
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
  }[];
  const schema: Record<string, { column: string; type: string; nullable: boolean }[]> = {};
  for (const r of rows) {
    if (OMITTED_COLUMNS[r.table_name]?.includes(r.column_name)) continue;
    (schema[r.table_name] ??= []).push({ column: r.column_name, type: r.data_type, nullable: r.is_nullable === "YES" });
  }
  return schema;
}

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif" };

/**
 * Writes the whole archive into `zip`: data.json (every table, streamed row batch by row batch),
 * schema.json, one CSV per table with rows, and the member's files one at a time. Only one batch
 * of rows or one file is in memory at any moment, however long the member's history.
 */
export async function writeExport(
  db: Db,
  userId: string,
  now: Date,
  zip: ZipStream,
  onProgress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<void> {
  const tables = exportedTables();
  const steps = tables.length * 2;
  let done = 0;
  const rowCounts = new Map<string, number>();
  async function* dataJson() {
    yield `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "generatedAt": ${JSON.stringify(now.toISOString())},\n  "memberId": ${JSON.stringify(userId)},\n  "tables": {`;
    let firstTable = true;
    for (const { table, columns } of tables) {
      yield `${firstTable ? "" : ","}\n    ${JSON.stringify(table)}: [`;
      firstTable = false;
      let count = 0;
      for await (const batch of memberRowBatches(db, table, columns, userId)) {
        yield batch.map((row) => `${count++ === 0 ? "" : ","}\n      ${JSON.stringify(row)}`).join("");
      }
      yield count === 0 ? "]" : "\n    ]";
      rowCounts.set(table, count);
      await onProgress(++done, steps);
    }
    yield "\n  }\n}\n";
  }
  await zip.entry("data.json", dataJson());
  const schema = {
    format: EXPORT_FORMAT,
    tables: await schemaOf(
      db,
      tables.map((t) => t.table),
    ),
  };
  await zip.entry("schema.json", [JSON.stringify(schema, null, 2)]);
  for (const { table, columns } of tables) {
    if ((rowCounts.get(table) ?? 0) > 0) {
      async function* csv() {
        let header: string[] | null = null;
        for await (const batch of memberRowBatches(db, table, columns, userId)) {
          if (!header) {
            header = Object.keys(batch[0]!);
            yield `\uFEFF${csvLine(header)}`;
          }
          const columnsOfRow = header;
          yield batch.map((r) => csvLine(columnsOfRow.map((h) => cellText(r[h])))).join("");
        }
      }
      await zip.entry(`csv/${table}.csv`, csv());
    }
    await onProgress(++done, steps);
  }
  const files = await db
    .select({ id: storedFiles.id, contentType: storedFiles.contentType })
    .from(storedFiles)
    // Earlier export archives are the member's files too, but an archive inside the next one would only grow.
    .where(
      and(
        eq(storedFiles.ownerId, userId),
        sql`not exists (select 1 from data_exports e where e.file_id = ${sql.raw('"stored_files"."id"')})`,
      ),
    );
  for (const f of files) {
    const file = await fileStorage(db).get(f.id);
    if (file) await zip.entry(`files/${f.id}.${EXTENSIONS[f.contentType] ?? "bin"}`, [file.bytes]);
  }
}

/** Streams the member's archive into a private temporary file; returns its bytes once it is complete (to store it). */
async function buildArchive(db: Db, userId: string, now: Date, onProgress: (done: number, total: number) => Promise<void>) {
  const folder = await mkdtemp(path.join(tmpdir(), "quitpath-export-"));
  const file = await open(path.join(folder, "export.zip"), "w", 0o600);
  try {
    const zip = new ZipStream(async (chunk) => {
      await file.write(chunk);
    }, now);
    await writeExport(db, userId, now, zip, onProgress);
    await zip.finish();
    await file.close();
    // The file store takes whole files (Postgres bytea by default): only the compressed archive is read back.
    return await readFile(path.join(folder, "export.zip"));
  } finally {
    await file.close().catch(() => {});
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The `build-data-export` job: builds the archive, stores it, and tells the member (in-app and email).
 * Idempotent: a finished export is left as it is; a retry of a failed run starts the build again.
 */
export async function buildExport(db: Db, exportId: string, now = new Date()): Promise<{ built: boolean }> {
  const [claimed] = await db
    .update(dataExports)
    .set({ status: "building", progress: 0 })
    .where(and(eq(dataExports.id, exportId), inArray(dataExports.status, ["queued", "building"])))
    .returning({ userId: dataExports.userId });
  if (!claimed) return { built: false };
  const userId = claimed.userId;
  const archive = await buildArchive(db, userId, now, async (done, total) => {
    await db
      .update(dataExports)
      .set({ progress: Math.round((done / total) * 90) })
      .where(eq(dataExports.id, exportId));
  });
  const expiresAt = new Date(now.getTime() + EXPORT_LIFETIME_DAYS * 24 * 3600 * 1000);
  const deliveries = await db.transaction(async (tx) => {
    const { id: fileId } = await fileStorage(tx).put({ bytes: archive, contentType: "application/zip", ownerId: userId });
    const [ready] = await tx
      .update(dataExports)
      .set({ status: "ready", progress: 100, fileId, byteSize: archive.length, completedAt: now, expiresAt })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.status, "building")))
      .returning({ id: dataExports.id });
    if (!ready) throw new Error("data export changed while building");
    const recipient = (await loadRecipients(tx, [userId])).get(userId);
    if (!recipient) return null;
    const t = getFixedT(recipient.locale);
    const href = "/app/privacy";
    return notifyMember(tx, recipient, {
      kind: "security",
      dedupeKey: `data-export:${exportId}`,
      now,
      inApp: { messageKey: "notifications:privacy.exportReady.title", href },
      content: {
        subject: t("notifications:privacy.exportReady.title"),
        paragraphs: [t("notifications:privacy.exportReady.body", { days: EXPORT_LIFETIME_DAYS })],
        action: { label: t("notifications:privacy.exportReady.action"), href: `${appUrl()}${href}` },
        sms: t("notifications:privacy.exportReady.title"),
      },
    });
  });
  if (deliveries) await enqueueDeliveries(deliveries);
  logger.info({ exportId, bytes: archive.length }, "data export built");
  return { built: true };
}

/** Marks a failed build so the member may ask again (the one-at-a-time index counts queued and building only). */
export async function failExport(db: Database, exportId: string, error: string): Promise<void> {
  await db
    .update(dataExports)
    .set({ status: "failed", error: error.slice(0, 500) })
    .where(and(eq(dataExports.id, exportId), inArray(dataExports.status, ["queued", "building"])));
}

/**
 * The archive for its owner only, while it has not expired; each download is counted (the audit).
 * Someone else's export, an unknown id and an expired one are all "not found".
 */
export async function downloadExport(db: Database, userId: string, exportId: string, now = new Date()) {
  if (!isUuid(exportId)) throw new DomainError("not-found", "privacy:export.notFound");
  const [row] = await db
    .update(dataExports)
    .set({ downloadCount: sql`${dataExports.downloadCount} + 1`, lastDownloadedAt: now })
    .where(
      and(
        eq(dataExports.id, exportId),
        eq(dataExports.userId, userId),
        eq(dataExports.status, "ready"),
        sql`${dataExports.expiresAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning({ fileId: dataExports.fileId, requestedAt: dataExports.requestedAt });
  const file = row?.fileId ? await fileStorage(db).get(row.fileId) : null;
  if (!row || !file) throw new DomainError("not-found", "privacy:export.notFound");
  logger.info({ exportId }, "data export downloaded");
  return { bytes: file.bytes, fileName: `quitpath-data-${row.requestedAt.toISOString().slice(0, 10)}.zip` };
}

/** Retention: archives past their expiry lose their file (the row stays as the record that an export happened). */
export async function removeExpiredExports(db: Database, now = new Date()): Promise<number> {
  const expired = await db
    .select({ id: dataExports.id, fileId: dataExports.fileId })
    .from(dataExports)
    .where(and(lt(dataExports.expiresAt, now), sql`${dataExports.fileId} is not null`));
  for (const e of expired) {
    await db.transaction(async (tx) => {
      await tx.update(dataExports).set({ fileId: null }).where(eq(dataExports.id, e.id));
      await fileStorage(tx).delete(e.fileId!);
    });
  }
  return expired.length;
}

/** Queued exports whose job was never run (no worker at the time): the cron hands them over. */
export async function queuedExportIds(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(and(eq(dataExports.status, "queued"), lt(dataExports.requestedAt, sql`now() - interval '1 minute'`)));
  return rows.map((r) => r.id);
}
