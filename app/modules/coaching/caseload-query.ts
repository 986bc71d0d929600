import { z } from "zod";

/** How the caseload page is asked for: sort, filters and the cursor, read from its query string. */
export const CASELOAD_SORTS = ["risk", "last-message", "smoke-free", "name"] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];
export const CASELOAD_PAGE_SIZE = 25;

const cursorSchema = z.string().max(400).optional();
export const caseloadQuerySchema = z.object({
  sort: z.enum(CASELOAD_SORTS).catch("risk"),
  risk: z.enum(["high", "medium", "low"]).optional().catch(undefined),
  unread: z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean()).catch(false),
  after: cursorSchema.catch(undefined),
});
export type CaseloadQuery = z.infer<typeof caseloadQuerySchema>;

/** The page's query string, read leniently: a bad value falls back to the default rather than failing the page. */
export function caseloadQuery(params: URLSearchParams): CaseloadQuery {
  return caseloadQuerySchema.parse({
    sort: params.get("sort") ?? undefined,
    risk: params.get("risk") ?? undefined,
    unread: params.get("unread") ?? undefined,
    after: params.get("after") ?? undefined,
  });
}
