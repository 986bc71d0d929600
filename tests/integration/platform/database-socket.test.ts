import { describe, expect, it } from "vitest";
import { connect } from "#db/connect.server";

const databaseUrl = new URL(process.env.DATABASE_URL!);

describe("connection URLs", () => {
  it.skipIf(!databaseUrl.searchParams.has("host"))(
    "?host=<directory> connects through the Unix socket, and the host is not sent to the server as a setting",
    async () => {
      const sql = connect(databaseUrl.toString(), { max: 1, onnotice: () => {} });
      try {
        // inet_server_addr() is null on a Unix-socket connection, an address over TCP.
        const [row] = await sql<{ address: string | null }[]>`select inet_server_addr()::text as address`;
        expect(row!.address).toBeNull();
      } finally {
        await sql.end();
      }
      // Without the socket directory the same URL names a TCP host, where the embedded database does not listen.
      const withoutSocket = new URL(databaseUrl);
      withoutSocket.searchParams.delete("host");
      const tcp = connect(withoutSocket.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await expect(tcp`select 1`).rejects.toMatchObject({ code: "ECONNREFUSED" });
      } finally {
        await tcp.end();
      }
    },
  );
});
