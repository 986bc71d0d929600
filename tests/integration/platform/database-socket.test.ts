import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { connect } from "#db/connect.server";

// The embedded Postgres listens on a Unix socket in the temporary directory as well as on TCP.
const tcpUrl = new URL(process.env.DATABASE_URL!);
const socket = `${tmpdir()}/.s.PGSQL.${tcpUrl.port}`;

describe("connection URLs", () => {
  it.skipIf(!existsSync(socket))(
    "?host=<directory> connects through the Unix socket, and the host is not sent to the server as a setting",
    async () => {
      const url = new URL(tcpUrl);
      url.searchParams.set("host", tmpdir());
      const sql = connect(url.toString(), { max: 1, onnotice: () => {} });
      try {
        // inet_server_addr() is null on a Unix-socket connection, an address over TCP.
        const [row] = await sql<{ address: string | null }[]>`select inet_server_addr()::text as address`;
        expect(row!.address).toBeNull();
      } finally {
        await sql.end();
      }
      const tcp = connect(tcpUrl.toString(), { max: 1, onnotice: () => {} });
      try {
        const [row] = await tcp<{ address: string | null }[]>`select inet_server_addr()::text as address`;
        expect(row!.address).toMatch(/^127\.0\.0\.1/);
      } finally {
        await tcp.end();
      }
    },
  );
});
