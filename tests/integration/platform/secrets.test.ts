import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { Browser } from "../../setup/app";
import { testDb } from "../../setup/db";
import { runServerToExit, startServerProcess, type ServerProcess } from "../../setup/processes";
import { startSecretsManager } from "../../setup/secrets-manager";
import { signedDelivery, stripeEvent } from "../billing/helpers";

const FIRST = {
  SESSION_SECRET: "session-secret-from-the-store-first-SENTINEL-0001",
  STRIPE_SECRET_KEY: "sk_test_fromTheStoreSENTINEL0002",
  STRIPE_WEBHOOK_SECRET: "whsec_fromTheStoreSENTINEL0003",
  AI_API_KEY: "ai-key-from-the-store-SENTINEL-0004",
};
const ROTATED = {
  ...FIRST,
  SESSION_SECRET: "session-secret-from-the-store-rotated-SENTINEL-0005",
  STRIPE_WEBHOOK_SECRET: "whsec_rotatedInTheStoreSENTINEL0006",
};
const ALL_VALUES = [...Object.values(FIRST), ...Object.values(ROTATED)];

let store: Awaited<ReturnType<typeof startSecretsManager>>;
beforeAll(async () => {
  store = await startSecretsManager();
});
afterAll(async () => store?.close());

function awsEnv(ids: string, extra: Record<string, string> = {}) {
  return {
    SECRETS_SOURCE: "aws",
    SECRETS_IDS: ids,
    SECRETS_REGION: "eu-west-1",
    SECRETS_ENDPOINT: store.endpoint,
    AWS_ACCESS_KEY_ID: "AKIDLOCALSTANDIN",
    AWS_SECRET_ACCESS_KEY: "local-stand-in-secret-access-key",
    // Nothing from the plain environment: every secret must come from the store.
    SESSION_SECRET: "",
    STRIPE_SECRET_KEY: "",
    STRIPE_WEBHOOK_SECRET: "",
    ...extra,
  };
}

/** The session token inside a Set-Cookie, if `secret` signed it. */
async function signedBy(cookieHeader: string, secret: string): Promise<boolean> {
  return (await createCookie("qp_session", { secrets: [secret] }).parse(cookieHeader)) !== null;
}

async function webhookStatus(url: string, secret: string): Promise<number> {
  const { payload, header } = signedDelivery(stripeEvent(`evt_${Date.now()}_${Math.random()}`, "customer.created", { id: "cus_x" }), {
    secret,
  });
  const response = await fetch(`${url}/webhooks/stripe`, {
    method: "POST",
    body: payload,
    headers: { "Stripe-Signature": header, "Content-Type": "application/json" },
  });
  return response.status;
}

describe("secrets from AWS Secrets Manager (a loopback stand-in)", () => {
  let server: ServerProcess | undefined;
  afterAll(async () => server?.stop());

  it("resolves the keys at start-up, picks up a rotation without a restart, and never logs a value", async () => {
    store.put("quitpath/app", FIRST);
    server = await startServerProcess(awsEnv("quitpath/app", { SECRETS_REFRESH_SECONDS: "1", LOG_LEVEL: "info" }));
    const user = await createUser(testDb(), { email: "secrets@example.test" });

    const before = new Browser(server.url);
    expect(
      (await before.post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD, redirectTo: "" })).status,
    ).toBe(302);
    expect(await signedBy(before.cookieHeader, FIRST.SESSION_SECRET)).toBe(true);
    expect(await signedBy(before.cookieHeader, "some-other-secret-of-at-least-32-chars!!")).toBe(false);
    // Stripe came from the store: the webhook verifies with the stored signing secret only.
    expect(await webhookStatus(server.url, FIRST.STRIPE_WEBHOOK_SECRET)).toBe(200);
    expect(await webhookStatus(server.url, "whsec_notTheOne")).toBe(400);

    store.put("quitpath/app", ROTATED);
    const deadline = Date.now() + 15_000;
    while ((await webhookStatus(server.url, ROTATED.STRIPE_WEBHOOK_SECRET)) !== 200) {
      if (Date.now() > deadline) throw new Error(`rotation never took effect:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await webhookStatus(server.url, FIRST.STRIPE_WEBHOOK_SECRET)).toBe(400);
    // New sessions are signed with the rotated secret; the cookie signed before still opens the app (AWSPREVIOUS verifies).
    const after = new Browser(server.url);
    expect(
      (await after.post("/login", { intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD, redirectTo: "" })).status,
    ).toBe(302);
    expect(await signedBy(after.cookieHeader, ROTATED.SESSION_SECRET)).toBe(true);
    expect((await after.get("/app")).status).toBe(200);
    expect((await before.get("/app")).status).toBe(200);

    await server.stop();
    const output = server.output();
    expect(output).toContain("secrets rotated");
    for (const value of ALL_VALUES) expect(output).not.toContain(value);
  });

  it("stops start-up with one line per problem, naming keys and secrets but never a value", async () => {
    store.put("quitpath/bad", {
      STRIPE_SECRET_KEY: "not-a-stripe-key-SENTINEL-0007",
      STRIPE_WEBHOOK_SECRET: "whsec_fine",
      SESSION_SECRET: "short-SENTINEL-0008",
      SMTP_PASWORD: "typo-SENTINEL-0009",
    });
    const { code, output } = await runServerToExit(
      awsEnv("quitpath/bad,quitpath/missing", { NODE_ENV: "production", SEED_DEMO_DATA: "off" }),
    );
    expect(code).toBe(1);
    expect(output).toContain('secret "quitpath/missing" could not be read from Secrets Manager (ResourceNotFoundException)');
    expect(output).toContain('secret "quitpath/bad" holds SMTP_PASWORD, which is not read from secrets');
    for (const value of ["not-a-stripe-key-SENTINEL-0007", "short-SENTINEL-0008", "typo-SENTINEL-0009"])
      expect(output).not.toContain(value);

    store.put("quitpath/bad-values", { STRIPE_SECRET_KEY: "not-a-stripe-key-SENTINEL-0007", SESSION_SECRET: "short-SENTINEL-0008" });
    const invalid = await runServerToExit(awsEnv("quitpath/bad-values", { NODE_ENV: "production", SEED_DEMO_DATA: "off" }));
    expect(invalid.code).toBe(1);
    expect(invalid.output).toContain("STRIPE_SECRET_KEY must be a Stripe secret key");
    expect(invalid.output).toContain("SESSION_SECRET must be at least 32 characters");
    expect(invalid.output).toContain("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
    for (const value of ["not-a-stripe-key-SENTINEL-0007", "short-SENTINEL-0008"]) expect(invalid.output).not.toContain(value);
  });

  it("takes the database password from an RDS-shaped secret", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const password = decodeURIComponent(url.password);
    url.password = "wrong-password";
    store.put("rds/quitpath", {
      username: url.username,
      password,
      engine: "postgres",
      host: url.hostname,
      port: url.port,
      dbname: url.pathname.slice(1),
    });
    store.put("quitpath/session", "session-secret-as-a-plain-string-SENTINEL-0010");
    const db = await startServerProcess(
      awsEnv("rds/quitpath,SESSION_SECRET=quitpath/session", { DATABASE_URL: url.toString(), SECRETS_REFRESH_SECONDS: "0" }),
    );
    try {
      expect((await fetch(`${db.url}/login`)).status).toBe(200);
    } finally {
      await db.stop();
    }
    expect(db.output()).not.toContain(password);
  });
});
