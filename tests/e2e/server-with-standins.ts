import { spawn } from "node:child_process";
import { connect } from "#db/connect.server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "#db/embedded.server";
import { runMigrations } from "#db/migrate.server";
import { pendingSchemaChanges } from "../setup/schema-drift";
import { MomoStandIn } from "../setup/momo-standin";
import { VnpayStandIn } from "../setup/vnpay-standin";

/**
 * The e2e web server: the production build, configured for VNPay and MoMo through loopback stand-ins
 * started here on ephemeral ports (their pages are what the member's browser pays on).
 */
const appUrl = process.env.APP_URL!;
const vnpay = await new VnpayStandIn("QPE2E001", "QUITPATHVNPAYE2ESECRET0000000001").start();
vnpay.ipnUrl = `${appUrl}/webhooks/vnpay`;
const momo = await new MomoStandIn("MOMOQPE2E", "qpe2eaccess01", "QUITPATHMOMOE2ESECRETKEY00000001").start();

// Schema edits not yet in a migration (work in progress on a branch): the database is prepared here,
// as the integration setup does, and handed to the server; with none pending the server starts its own.
let embedded: EmbeddedDatabase | null = null;
const drift = await pendingSchemaChanges();
if (drift.length > 0 && !process.env.DATABASE_URL) {
  embedded = await startEmbeddedPostgres({
    dir: process.env.EMBEDDED_POSTGRES_DIR!,
    port: Number(process.env.EMBEDDED_POSTGRES_PORT),
    reset: process.env.EMBEDDED_POSTGRES_RESET === "on",
    fsync: false,
  });
  await runMigrations(embedded.url);
  const client = connect(embedded.url, { max: 1, onnotice: () => {} });
  for (const statement of drift) await client.unsafe(statement);
  await client.end();
}

const server = spawn(process.execPath, ["build/server.js"], {
  stdio: "inherit",
  env: {
    ...process.env,
    ...(embedded ? { DATABASE_URL: embedded.url } : {}),
    VNPAY_TMN_CODE: vnpay.tmnCode,
    VNPAY_HASH_SECRET: vnpay.hashSecret,
    VNPAY_MODE: "sandbox",
    VNPAY_PAY_URL: vnpay.payUrl,
    VNPAY_API_URL: vnpay.apiUrl,
    MOMO_PARTNER_CODE: momo.partnerCode,
    MOMO_ACCESS_KEY: momo.accessKey,
    MOMO_SECRET_KEY: momo.secretKey,
    MOMO_MODE: "sandbox",
    MOMO_API_URL: momo.url,
  },
});

async function stop(signal: NodeJS.Signals) {
  server.kill(signal);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
server.on("exit", async (code) => {
  await vnpay.stop();
  await momo.stop();
  await embedded?.stop();
  process.exit(code ?? 0);
});
