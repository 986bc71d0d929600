import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { dataExports, storedFiles } from "#db/schema";
import type { Database } from "#db/client.server";
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
import { zipArchive, type ZipEntry } from "./zip";

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

/** Every row of one table that names the member in any of its member columns. */
async function memberRows(db: Database, table: string, columns: string[], userId: string): Promise<Row[]> {
  const matches = sql.join(
    columns.map((c) => sql`${sql.identifier(c)} = ${userId}::uuid`),
    sql` or `,
  );
  const rows = (await db.execute(sql`select * from ${sql.identifier(table)} where ${matches}`)) as unknown as Row[];
  return rows.map((r) => withoutOmitted(table, r));
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

/** Everything the archive holds, as ZIP entries: data.json, schema.json, one CSV per table, the member's files. */
export async function exportEntries(
  db: Database,
  userId: string,
  now: Date,
  onTable: (done: number, total: number) => Promise<void> = async () => {},
): Promise<ZipEntry[]> {
  const tables = exportedTables();
  const data: Record<string, Row[]> = {};
  const entries: ZipEntry[] = [];
  let done = 0;
  for (const { table, columns } of tables) {
    const rows = await memberRows(db, table, columns, userId);
    data[table] = rows;
    if (rows.length > 0) {
      const header = Object.keys(rows[0]!);
      const csv = `\uFEFF${csvLine(header)}${rows.map((r) => csvLine(header.map((h) => cellText(r[h])))).join("")}`;
      entries.push({ name: `csv/${table}.csv`, data: Buffer.from(csv, "utf8") });
    }
    await onTable(++done, tables.length);
  }
  const files = await db
    .select({ id: storedFiles.id })
    .from(storedFiles)
    // Earlier export archives are the member's files too, but an archive inside the next one would only grow.
    .where(
      and(
        eq(storedFiles.ownerId, userId),
        sql`not exists (select 1 from data_exports e where e.file_id = ${sql.raw('"stored_files"."id"')})`,
      ),
    );
  const storage = fileStorage(db);
  for (const { id } of files) {
    // Read through the storage, wherever the bytes are (Postgres or S3).
    const f = await storage.get(id);
    if (f) entries.push({ name: `files/${f.id}.${EXTENSIONS[f.contentType] ?? "bin"}`, data: f.bytes });
  }
  const document = { format: EXPORT_FORMAT, generatedAt: now.toISOString(), memberId: userId, tables: data };
  const schema = { format: EXPORT_FORMAT, tables: await schemaOf(db, Object.keys(data)) };
  return [
    { name: "data.json", data: Buffer.from(JSON.stringify(document, null, 2), "utf8") },
    { name: "schema.json", data: Buffer.from(JSON.stringify(schema, null, 2), "utf8") },
    ...entries,
  ];
}

/**
 * The `build-data-export` job: builds the archive, stores it, and tells the member (in-app and email).
 * Idempotent: a finished export is left as it is; a retry of a failed run starts the build again.
 */
export async function buildExport(db: Database, exportId: string, now = new Date()): Promise<{ built: boolean }> {
  const [claimed] = await db
    .update(dataExports)
    .set({ status: "building", progress: 0 })
    .where(and(eq(dataExports.id, exportId), inArray(dataExports.status, ["queued", "building"])))
    .returning({ userId: dataExports.userId });
  if (!claimed) return { built: false };
  const userId = claimed.userId;
  const entries = await exportEntries(db, userId, now, async (done, total) => {
    await db
      .update(dataExports)
      .set({ progress: Math.round((done / total) * 90) })
      .where(eq(dataExports.id, exportId));
  });
  const archive = zipArchive(entries, now);
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
