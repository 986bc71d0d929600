/** A LIKE/ILIKE pattern that finds `text` anywhere, its own `%`, `_` and `\` matched literally (Postgres' default escape). */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
