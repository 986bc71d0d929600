import { sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { isUuid } from "~/lib/uuid";

/** Who may load an image: anyone (and shared caches), or only the signed-in viewer asking. */
export type ImageAudience = "public" | "private";

export type Viewer = { id: string; role: string } | null;

/**
 * Whether `viewer` may see the image `fileId` right now, decided from what shows it, on every
 * request (so hiding a post stops its photos at once): a featured public story, a published
 * article or an approved coach profile show it to anyone; a post the viewer may see (visible,
 * or their own held or hidden one, never a blocked member's) to that member; its uploader always;
 * moderators and admins the photos of any post (held, hidden, removed), editors and admins the images
 * of any content (drafts and old revisions too). No role sees every file: a chat photo or a data
 * export is its owners' alone. Null: not found.
 */
export async function imageAudience(
  db: Database,
  fileId: string,
  viewer: Viewer,
): Promise<{ audience: ImageAudience; contentType: string } | null> {
  if (!isUuid(fileId)) return null;
  const image = sql`jsonb_build_array(${fileId}::text)`;
  const me = viewer?.id ?? null;
  const rows = (await db.execute(sql`
    select f.content_type,
      exists (select 1 from community_posts p where p.body -> 'imageIds' @> ${image}
                and p.kind = 'story' and p.public_consent and p.featured_at is not null and p.status = 'visible')
      or exists (select 1 from coach_profiles c where c.photo_id = f.id and c.status = 'approved')
      or exists (select 1 from content_translations t join content_items i on i.id = t.item_id
                  where i.status = 'published' and strpos(t.body ->> 'markdown', ${`/resources/images/${fileId}`}) > 0) as public,
      ${me}::uuid is not null and (
        f.owner_id = ${me}::uuid
        -- Staff see what they review, never every file (a chat photo or a data export is not theirs):
        -- editors and admins the images of content, moderators and admins those of posts in any state.
        or (${viewer?.role ?? ""} in ('admin', 'editor') and (
          exists (select 1 from content_translations t where strpos(t.body ->> 'markdown', ${`/resources/images/${fileId}`}) > 0)
          or exists (select 1 from content_revisions r where strpos(r.snapshot::text, ${`/resources/images/${fileId}`}) > 0)))
        or ((${viewer?.role ?? ""} = 'admin' or exists (select 1 from community_moderators m where m.user_id = ${me}::uuid))
          and exists (select 1 from community_posts p where p.body -> 'imageIds' @> ${image}))
        or exists (select 1 from community_posts p where p.body -> 'imageIds' @> ${image}
                    and (p.status = 'visible' or (p.author_id = ${me}::uuid and p.status in ('held', 'hidden')))
                    and coalesce(p.author_id, '00000000-0000-0000-0000-000000000000'::uuid) <> all (array(
                      select b.blocked_id from community_blocks b where b.blocker_id = ${me}::uuid
                      union all
                      select b.blocker_id from community_blocks b where b.blocked_id = ${me}::uuid)))
        or exists (select 1 from coach_profiles c where c.photo_id = f.id)
      ) as signed_in
    from stored_files f where f.id = ${fileId}::uuid`)) as unknown as { content_type: string; public: boolean; signed_in: boolean }[];
  const row = rows[0];
  if (!row) return null;
  if (row.public) return { audience: "public", contentType: row.content_type };
  if (row.signed_in) return { audience: "private", contentType: row.content_type };
  return null;
}
