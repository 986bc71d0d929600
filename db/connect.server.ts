import postgres from "postgres";

/**
 * A postgres.js client for a connection URL, honouring libpq's `host` query parameter
 * (`postgres://user:pass@localhost:5432/db?host=/var/run/postgresql`): when it names a
 * directory, the client connects through that Unix socket instead of TCP. postgres.js would
 * otherwise send `host` to the server as a setting and be refused. node-postgres (pg-boss)
 * reads the same URL the same way.
 */
export function connect(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): postgres.Sql {
  const parsed = new URL(url);
  const socketDirectory = parsed.searchParams.get("host");
  if (socketDirectory === null) return postgres(url, options);
  parsed.searchParams.delete("host");
  return postgres(parsed.toString(), { ...options, host: socketDirectory });
}
