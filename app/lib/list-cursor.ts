/**
 * Where one page of a newest-first list ended: the last row's sort time and id, as one URL-safe
 * string (`2026-11-30T08:00:00.000Z_<uuid>`). Keyset paging: a row added meanwhile does not shift the next page.
 */
export type ListCursor = { at: Date; id: string };

export function encodeCursor(cursor: ListCursor): string {
  return `${cursor.at.toISOString()}_${cursor.id}`;
}

/** Null for anything that is not a cursor this app wrote (a hand-edited URL starts from the top). */
export function decodeCursor(cursor: string | null | undefined): ListCursor | null {
  const match = cursor
    ? /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(cursor)
    : null;
  if (!match) return null;
  const at = new Date(match[1]!);
  // `new Date` rolls 30 February over into March: only a time that prints back the same is one.
  return !Number.isNaN(at.getTime()) && at.toISOString() === match[1] ? { at, id: match[2]!.toLowerCase() } : null;
}
