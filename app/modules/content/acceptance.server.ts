import { sql } from "drizzle-orm";
import { preparedRows, type Database } from "#db/client.server";
import { documentAcceptances } from "#db/schema";
import { boundedCache } from "~/lib/cache";
import { DomainError } from "~/lib/domain-error";

/** The documents a member accepts: the terms and the privacy notice, each a published `page`. */
export const ACCEPTED_DOCUMENTS = ["terms", "privacy"] as const;
export type AcceptedDocument = (typeof ACCEPTED_DOCUMENTS)[number];
/** A document's version is its published page's revision; null when it is not published. */
export type DocumentVersions = Record<AcceptedDocument, number | null>;

/** The versions a visitor accepts today. */
export async function currentDocumentVersions(db: Database): Promise<DocumentVersions> {
  const rows = await db.execute<{ topic: AcceptedDocument; revision: number }>(sql`select topic, revision from content_items
    where kind = 'page' and status = 'published' and topic in ('terms', 'privacy')`);
  const versions: DocumentVersions = { terms: null, privacy: null };
  for (const row of rows) versions[row.topic] = row.revision;
  return versions;
}

/**
 * Records that the member accepted the versions they were shown. Each must still be the current
 * one (a page republished in between is a 409, so nobody accepts a text they did not see); at
 * sign-up every published document must be among them. Idempotent: accepting again keeps the first time.
 */
export async function acceptDocuments(
  db: Database,
  userId: string,
  shown: Partial<DocumentVersions>,
  { everyCurrent }: { everyCurrent: boolean },
): Promise<void> {
  const current = await currentDocumentVersions(db);
  const accepted = ACCEPTED_DOCUMENTS.filter((document) => shown[document] !== undefined || everyCurrent);
  if (accepted.some((document) => (shown[document] ?? null) !== current[document])) {
    throw new DomainError("conflict", "auth:errors.termsChanged", { field: "acceptTerms" });
  }
  const rows = accepted.flatMap((document) => {
    const version = current[document];
    return version === null ? [] : [{ userId, document, version }];
  });
  if (rows.length > 0) await db.insert(documentAcceptances).values(rows).onConflictDoNothing();
  forgetPending(userId);
}

/** The current versions this member has not accepted yet, in one statement (the member area asks on every page). */
export async function documentsToAccept(db: Database, userId: string): Promise<{ document: AcceptedDocument; version: number }[]> {
  const rows = await preparedRows<{ document: AcceptedDocument; version: number }>(
    db,
    sql`select p.topic as document, p.revision as version
    from content_items p
    where p.kind = 'page' and p.status = 'published' and p.topic in ('terms', 'privacy')
      and not exists (select 1 from document_acceptances a
        where a.user_id = ${userId} and a.document::text = p.topic and a.version = p.revision)
    order by p.topic desc`,
  );
  return [...rows];
}

type Pending = Awaited<ReturnType<typeof documentsToAccept>>;
const PENDING_TTL_MS = 5 * 60_000;
// Asked on every member page: remembered per member for five minutes, so a new version reaches them within that.
const pendingByMember = boundedCache<string, { until: number; pending: Promise<Pending> }>("documents-to-accept", 5_000);

/** documentsToAccept, remembered; accepting in this process forgets it at once (elsewhere accepting again is harmless). */
export function rememberedDocumentsToAccept(db: Database, userId: string, now = Date.now()): Promise<Pending> {
  const cached = pendingByMember.get(userId);
  if (cached && cached.until > now) return cached.pending;
  const pending = documentsToAccept(db, userId);
  pending.catch(() => pendingByMember.delete(userId));
  pendingByMember.set(userId, { until: now + PENDING_TTL_MS, pending });
  return pending;
}

function forgetPending(userId: string) {
  pendingByMember.delete(userId);
}
