import { sql, type SQL } from "drizzle-orm";
import { preparedRows, type Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { smokeFreeDaysExpression } from "~/modules/journey/progress.server";
import { parsePostBody, type PostBody } from "./post-body";
import { isUuid } from "~/lib/uuid";
import { initialsName } from "./avatar";

export type PublicStory = {
  id: string;
  body: PostBody;
  authorName: string | null;
  avatar: boolean;
  smokeFreeDays: number | null;
  featuredAt: string;
};

// Featured by an admin AND agreed to by the author AND not hidden by a moderator.
const PUBLIC = sql`p.kind = 'story' and p.public_consent and p.featured_at is not null and p.status = 'visible'`;

type Row = {
  id: string;
  body: unknown;
  author_name: string | null;
  name_shown: string | null;
  avatar_shown: boolean | null;
  smoke_free_days: number | null;
  featured_at: Date | string;
};

function toStory(row: Row): PublicStory {
  return {
    id: row.id,
    body: parsePostBody(row.body),
    authorName: row.author_name && row.name_shown === "initials" ? initialsName(row.author_name) : row.author_name,
    avatar: row.avatar_shown !== false,
    smokeFreeDays: row.smoke_free_days === null ? null : Number(row.smoke_free_days),
    featuredAt: new Date(row.featured_at).toISOString(),
  };
}

// A public story follows the author's community visibility: initials, and smoke-free days only if shown.
const columns = sql`p.id, p.body, case when p.anonymous then null else u.display_name end as author_name,
  (select ps.name_shown from privacy_settings ps where ps.user_id = p.author_id) as name_shown,
  (select ps.avatar_shown from privacy_settings ps where ps.user_id = p.author_id) as avatar_shown,
  case when p.anonymous or exists (select 1 from privacy_settings ps where ps.user_id = p.author_id and not ps.smoke_free_days_shown) then null else ${smokeFreeDaysExpression(sql`u.id`, sql`u.time_zone`)} end as smoke_free_days, p.featured_at`;

export async function listPublicStories(db: Database, limit = 30): Promise<PublicStory[]> {
  const rows = await preparedRows<Row>(
    db,
    sql`select ${columns} from community_posts p join users u on u.id = p.author_id
    where ${PUBLIC} order by p.featured_at desc, p.id desc limit ${limit}`,
  );
  return [...rows].map(toStory);
}

/** What a preview of a story shows (the homepage): its text, not the whole body, so nothing is validated per view. */
export type StoryPreview = { id: string; text: string; authorName: string | null; smokeFreeDays: number | null };

/**
 * The newest `limit` public stories as one JSON array, for a statement that reads them with other
 * blocks (the homepage). The author's name still follows their privacy settings (`storyPreview`).
 */
export function featuredStoriesJson(limit: number): SQL<unknown> {
  return sql`(select coalesce(json_agg(json_build_object('id', s.id, 'text', s.body->>'text', 'author_name', s.author_name,
      'name_shown', s.name_shown, 'smoke_free_days', s.smoke_free_days) order by s.featured_at desc, s.id desc), '[]'::json)
    from (select ${columns} from community_posts p join users u on u.id = p.author_id
      where ${PUBLIC} order by p.featured_at desc, p.id desc limit ${limit}) s)`;
}

type PreviewRow = {
  id: string;
  text: string | null;
  author_name: string | null;
  name_shown: string | null;
  smoke_free_days: number | null;
};

/** A row of `featuredStoriesJson`, as the page shows it. */
export function storyPreviews(rows: unknown): StoryPreview[] {
  return (rows as PreviewRow[]).map((row) => ({
    id: row.id,
    text: row.text ?? "",
    authorName: row.author_name && row.name_shown === "initials" ? initialsName(row.author_name) : row.author_name,
    smokeFreeDays: row.smoke_free_days === null ? null : Number(row.smoke_free_days),
  }));
}

export async function publicStory(db: Database, id: string): Promise<PublicStory> {
  if (!isUuid(id)) throw new DomainError("not-found", "community:errors.notFound");
  const [row] = await db.execute<Row>(
    sql`select ${columns} from community_posts p join users u on u.id = p.author_id where p.id = ${id}::uuid and ${PUBLIC}`,
  );
  if (!row) throw new DomainError("not-found", "community:errors.notFound");
  return toStory(row);
}
