import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { coachProfiles, users, type CoachProfile } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { audit } from "~/modules/audit/audit.server";
import { MAX_IMAGE_BYTES, sanitizeImage } from "~/modules/community/images";
import { fileStorage } from "~/modules/storage/storage.server";
import type { CoachLanguage, CoachProfileInput, CoachSpecialty } from "./profiles";

export const PHOTO_FIELD = "photo";
const MAX_TEXT_PART = 16 * 1024;

/** The coach's own profile, or null before they first save it. */
export async function coachProfileOf(db: Database, coachId: string): Promise<CoachProfile | null> {
  const [row] = await db.select().from(coachProfiles).where(eq(coachProfiles.coachId, coachId));
  return row ?? null;
}

/**
 * Reads the profile form (multipart: one photo of at most 5 MB, small text fields). Too big or
 * unreadable is a DomainError on the photo field, which the typed action shows beside it.
 */
export async function readCoachProfileForm(request: Request): Promise<FormData> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return request.formData();
  const photo = unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES });
  const text = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_PART });
  let photos = 0;
  try {
    return await unstable_parseMultipartFormData(request, async (part) => {
      if (part.filename === undefined) return text(part);
      if (part.name !== PHOTO_FIELD || part.filename === "" || ++photos > 1) {
        for await (const _chunk of part.data) void _chunk;
        return undefined;
      }
      return photo(part);
    });
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError && error.field === PHOTO_FIELD)
      throw new DomainError("too-large", "community:errors.imageTooLarge", { field: PHOTO_FIELD, values: { megabytes: 5 } });
    throw new DomainError("malformed", "errors:badRequest.title", { field: PHOTO_FIELD });
  }
}

/** The uploaded photo checked by its bytes (JPEG/PNG/WebP), re-encoded without metadata and stored; null when none was sent. */
export async function storeCoachPhoto(db: Database, coachId: string, formData: FormData): Promise<string | null> {
  const upload = formData.get(PHOTO_FIELD);
  if (!upload || typeof upload === "string" || upload.size === 0) return null;
  let image;
  try {
    image = await sanitizeImage(new Uint8Array(await upload.arrayBuffer()));
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.kind, error.message, { ...error.options, field: PHOTO_FIELD });
    throw error;
  }
  return (await fileStorage(db).put({ bytes: image.bytes, contentType: image.contentType, ownerId: coachId })).id;
}

/**
 * Saves what the coach wrote. A rejected profile goes back to draft (the coach submits it again);
 * an approved one stays approved, since the admin approved the coach, not each sentence.
 */
export async function saveCoachProfile(db: Database, coachId: string, input: CoachProfileInput, photoId: string | null): Promise<void> {
  const values = {
    headline: input.headline,
    bio: { ...(input.bioEn ? { en: input.bioEn } : {}), ...(input.bioVi ? { vi: input.bioVi } : {}) },
    languages: input.languages,
    specialties: input.specialties,
    yearsExperience: input.yearsExperience,
    ...(photoId ? { photoId } : {}),
  };
  await db
    .insert(coachProfiles)
    .values({ coachId, ...values })
    .onConflictDoUpdate({
      target: coachProfiles.coachId,
      set: {
        ...values,
        status: sql`case when ${coachProfiles.status} = 'rejected' then 'draft'::coach_profile_status else ${coachProfiles.status} end`,
        updatedAt: new Date(),
      },
    });
}

/** "Submit for review": a draft or rejected profile waits for an admin. */
export async function submitCoachProfile(db: Database, coachId: string): Promise<void> {
  const rows = await db
    .update(coachProfiles)
    .set({ status: "pending", reviewNote: null, updatedAt: new Date() })
    .where(and(eq(coachProfiles.coachId, coachId), sql`${coachProfiles.status} in ('draft', 'rejected')`))
    .returning({ coachId: coachProfiles.coachId });
  if (rows.length === 0) throw new DomainError("conflict", "coaching:errors.notSubmittable");
}

/** An admin approves or rejects a pending profile, with a note; recorded in the admin audit. */
export async function reviewCoachProfile(
  db: Database,
  adminId: string,
  input: { coachId: string; decision: "approve" | "reject"; note: string },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(coachProfiles)
      .set({
        status: input.decision === "approve" ? "approved" : "rejected",
        reviewNote: input.note || null,
        reviewedBy: adminId,
        reviewedAt: now,
        updatedAt: now,
      })
      .where(and(eq(coachProfiles.coachId, input.coachId), eq(coachProfiles.status, "pending")))
      .returning({ coachId: coachProfiles.coachId });
    if (rows.length === 0) throw new DomainError("conflict", "coaching:errors.notPending");
    await audit(tx, {
      adminId,
      action: input.decision === "approve" ? "coach.approve" : "coach.reject",
      targetType: "coach",
      targetId: input.coachId,
      reason: input.note || null,
    });
  });
}

/** An admin sets how many members a coach takes at once (creating an empty draft profile if the coach has none). */
export async function setCoachCapacity(db: Database, adminId: string, coachId: string, capacity: number): Promise<{ raised: boolean }> {
  return db.transaction(async (tx) => {
    const [coach] = await tx.select({ role: users.role }).from(users).where(eq(users.id, coachId));
    if (!coach || coach.role !== "coach") throw new DomainError("not-found", "errors:notFound.title");
    const [before] = await tx
      .select({ capacity: coachProfiles.capacity })
      .from(coachProfiles)
      .where(eq(coachProfiles.coachId, coachId))
      .for("update");
    await tx
      .insert(coachProfiles)
      .values({ coachId, capacity })
      .onConflictDoUpdate({ target: coachProfiles.coachId, set: { capacity, updatedAt: new Date() } });
    await audit(tx, {
      adminId,
      action: "coach.capacity",
      targetType: "coach",
      targetId: coachId,
      details: { from: before?.capacity ?? 0, to: capacity },
    });
    return { raised: capacity > (before?.capacity ?? 0) };
  });
}

export type DirectoryCoach = {
  coachId: string;
  displayName: string;
  headline: string;
  bio: { en?: string; vi?: string };
  photoId: string | null;
  languages: CoachLanguage[];
  specialties: CoachSpecialty[];
  yearsExperience: number;
  capacity: number;
  activeMembers: number;
  /** Median minutes from a member's message to the coach's answer over the last 30 days; null for a new coach. */
  medianAnswerMinutes: number | null;
};

/**
 * The directory: approved coaches with a free place, with their load and how fast they answered
 * in the last 30 days (median of answered responses), in one statement.
 */
export async function coachDirectory(
  db: Database,
  filter: { language: CoachLanguage | null; specialty: CoachSpecialty | null },
  now = new Date(),
): Promise<DirectoryCoach[]> {
  const since = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
  // Arrays as JSON: raw statements get no array parsing from the driver.
  const rows = (await db.execute(sql`
    select p.coach_id, u.display_name, p.headline, p.bio, p.photo_id,
      array_to_json(p.languages) as languages, array_to_json(p.specialties) as specialties, p.years_experience, p.capacity,
      coalesce(a.n, 0)::int as active_members, r.median_minutes
    from coach_profiles p
    join users u on u.id = p.coach_id and u.role = 'coach'
    left join (select coach_id, count(*) as n from coach_assignments where status = 'active' group by coach_id) a on a.coach_id = p.coach_id
    left join (
      select coach_id, percentile_cont(0.5) within group (order by extract(epoch from answered_at - asked_at) / 60) as median_minutes
      from coach_responses where answered_at is not null and asked_at >= ${since.toISOString()}::timestamptz group by coach_id
    ) r on r.coach_id = p.coach_id
    where p.status = 'approved' and coalesce(a.n, 0) < p.capacity
      ${filter.language ? sql`and ${filter.language} = any(p.languages)` : sql``}
      ${filter.specialty ? sql`and ${filter.specialty} = any(p.specialties)` : sql``}
    order by coalesce(a.n, 0)::float / p.capacity, u.display_name, p.coach_id
  `)) as unknown as {
    coach_id: string;
    display_name: string;
    headline: string;
    bio: { en?: string; vi?: string };
    photo_id: string | null;
    languages: CoachLanguage[];
    specialties: CoachSpecialty[];
    years_experience: number;
    capacity: number;
    active_members: number;
    median_minutes: number | null;
  }[];
  return rows.map((r) => ({
    coachId: r.coach_id,
    displayName: r.display_name,
    headline: r.headline,
    bio: r.bio,
    photoId: r.photo_id,
    languages: r.languages,
    specialties: r.specialties,
    yearsExperience: r.years_experience,
    capacity: r.capacity,
    activeMembers: r.active_members,
    medianAnswerMinutes: r.median_minutes === null ? null : Number(r.median_minutes),
  }));
}

export type AdminCoachRow = {
  coachId: string;
  displayName: string;
  email: string;
  status: CoachProfile["status"] | "none";
  headline: string;
  reviewNote: string | null;
  capacity: number;
  activeMembers: number;
  languages: string[];
  specialties: string[];
};

/** Every coach account with their profile state and load, for /admin/coaches (pending first). */
export async function adminCoachList(db: Database): Promise<AdminCoachRow[]> {
  const rows = (await db.execute(sql`
    select u.id, u.display_name, u.email, p.status, p.headline, p.review_note, coalesce(p.capacity, 0) as capacity,
      array_to_json(coalesce(p.languages, '{}')) as languages, array_to_json(coalesce(p.specialties, '{}')) as specialties,
      (select count(*) from coach_assignments a where a.coach_id = u.id and a.status = 'active')::int as active_members
    from users u left join coach_profiles p on p.coach_id = u.id
    where u.role = 'coach'
    order by (p.status = 'pending') desc nulls last, u.display_name, u.id
  `)) as unknown as {
    id: string;
    display_name: string;
    email: string;
    status: CoachProfile["status"] | null;
    headline: string | null;
    review_note: string | null;
    capacity: number;
    languages: string[];
    specialties: string[];
    active_members: number;
  }[];
  return rows.map((r) => ({
    coachId: r.id,
    displayName: r.display_name,
    email: r.email,
    status: r.status ?? "none",
    headline: r.headline ?? "",
    reviewNote: r.review_note,
    capacity: r.capacity,
    activeMembers: r.active_members,
    languages: r.languages,
    specialties: r.specialties,
  }));
}
