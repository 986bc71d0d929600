import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { remember } from "./remember.server";

const onOff = z.enum(["on", "off"]);

/** One STUN/TURN server as RTCPeerConnection takes it. */
const iceServerSchema = z
  .object({
    urls: z.union([
      z.string().regex(/^(stuns?|turns?):/, "must be stun:, stuns:, turn: or turns: URLs"),
      z.array(z.string().regex(/^(stuns?|turns?):/, "must be stun:, stuns:, turn: or turns: URLs")).min(1),
    ]),
    username: z.string().optional(),
    credential: z.string().optional(),
  })
  .strict();

// JSON in a variable: a readable problem when it does not parse, then the shape is checked.
const iceServersSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON, e.g. [{"urls":"stun:stun.example.com:3478"}]' });
      return z.NEVER;
    }
  })
  .pipe(z.array(iceServerSchema).max(10));

/** Where secrets come from; read before the rest, since the rest may come from there. */
const secretsSettings = {
  // Secrets: from these variables by default; from AWS Secrets Manager when SECRETS_SOURCE=aws (see app/lib/secrets.server.ts).
  SECRETS_SOURCE: z.enum(["env", "aws"]).default("env"),
  SECRETS_IDS: z.string().min(1).optional(),
  SECRETS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region like eu-west-1")
    .optional(),
  SECRETS_ENDPOINT: z.string().url().optional(),
  // How often rotated secrets are read again (0: only at start-up).
  SECRETS_REFRESH_SECONDS: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(0).max(86_400).default(300),
};
export const secretsSettingsSchema = z.object(secretsSettings);

export const envSchema = z
  .object({
    // Production unless asked otherwise: `npm run dev` sets development (error pages with stack traces).
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    APP_URL: z.string().url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
      .optional(),
    // A read replica for the report pages (admin and coach reports); unset: they read the primary.
    DATABASE_REPLICA_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
      .optional(),
    // The bearer token Prometheus sends to /metrics; unset: /metrics does not exist (404).
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    // On SIGTERM, how long /readyz answers 503 while requests are still served, so the load balancer stops sending them first.
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).max(120).default(0),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    // The app's own files: the generated session secret, and the embedded database by default.
    DATA_DIR: z.string().min(1).default(".data"),
    EMBEDDED_POSTGRES_DIR: z.string().min(1).optional(),
    EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    // Wipes the embedded data directory at start (end-to-end runs and benchmarks start clean).
    EMBEDDED_POSTGRES_RESET: onOff.default("off"),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SEED_DEMO_DATA: onOff.default("on"),
    WORKERS: onOff.default("on"),
    // HTTP processes sharing the port; unset: one per CPU core, at most 4 (database connections grow with it).
    WEB_CONCURRENCY: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(1).max(32).optional(),
    // Email: SMTP when set (smtp://user:pass@host:port or smtps://…); otherwise the outbox table admins read.
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("QuitPath <no-reply@quitpath.local>"),
    // SMS: an HTTP provider (POST JSON {to, body}, bearer SMS_TOKEN) when set; otherwise the outbox table.
    SMS_URL: z.string().url().optional(),
    SMS_TOKEN: z.string().optional(),
    // How long a call to an outside provider (SMS, Stripe, S3, the AI model) may wait for an answer before it is given up
    // (ms; for a stream, between two pieces). Unset: each provider's own default (SMS 10 s, Stripe 10 s, S3 30 s idle, AI 60 s).
    PROVIDER_TIMEOUT_MS: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(100).max(300_000).optional(),
    // Web Push (VAPID): both keys (base64url, as web-push generates them) or neither — then a pair is generated once and kept in Postgres.
    VAPID_PUBLIC_KEY: z.string().min(80).optional(),
    VAPID_PRIVATE_KEY: z.string().min(40).optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)/, "must be a mailto: or https:// URL")
      .default("mailto:support@quitpath.local"),
    // Tests only: accept https://127.0.0.1 push endpoints (a loopback push service) and trust this PEM CA file for them.
    PUSH_ALLOW_LOOPBACK: z.enum(["on", "off"]).default("off"),
    PUSH_TEST_CA_FILE: z.string().optional(),
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    // Stripe: with a secret key checkout goes through Stripe; without one the built-in test provider runs.
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key (sk_test_… or sk_live_…)")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, "must be a Stripe webhook signing secret (whsec_…)")
      .optional(),
    // Another API host, e.g. a loopback stand-in in tests (http://127.0.0.1:12111).
    STRIPE_API_URL: z.string().url().optional(),
    // VNPay (one-off VND payments): all three of TMN code, hash secret and mode, or none; URLs default to the mode's endpoints.
    VNPAY_TMN_CODE: z
      .string()
      .regex(/^[A-Z0-9]{8}$/, "must be the 8-character terminal code VNPay issued")
      .optional(),
    VNPAY_HASH_SECRET: z.string().min(16, "must be the hash secret VNPay issued").optional(),
    VNPAY_MODE: z.enum(["sandbox", "production"]).optional(),
    VNPAY_PAY_URL: z.string().url().optional(),
    VNPAY_API_URL: z.string().url().optional(),
    // MoMo (one-off VND payments): partner code, access key, secret key and mode, or none.
    MOMO_PARTNER_CODE: z.string().min(2).optional(),
    MOMO_ACCESS_KEY: z.string().min(4).optional(),
    MOMO_SECRET_KEY: z.string().min(16, "must be the secret key MoMo issued").optional(),
    MOMO_MODE: z.enum(["sandbox", "production"]).optional(),
    MOMO_API_URL: z.string().url().optional(),
    // Minutes after which an unpaid one-off attempt is asked about by the reconciliation job.
    PAYMENT_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    // AI coach: any OpenAI-compatible endpoint when AI_BASE_URL and AI_MODEL are set; otherwise the offline coach.
    AI_BASE_URL: z.string().url().optional(),
    AI_API_KEY: z.string().min(1).optional(),
    AI_MODEL: z.string().min(1).optional(),
    // The configured model's prices in USD per million tokens, for the admin report's cost estimate (none: "no price configured").
    AI_PRICE_INPUT_PER_MILLION: z.coerce.number().finite().nonnegative().optional(),
    AI_PRICE_OUTPUT_PER_MILLION: z.coerce.number().finite().nonnegative().optional(),
    // Crisis contacts shown before anything else: JSON [{ "country": "VN" | "*", "label", "contact" }]; defaults in app/modules/ai-coach/resources.ts.
    AI_CRISIS_RESOURCES: z.string().optional(),
    // STUN/TURN for video calls (JSON array of RTCIceServer); none by default: direct connections on one network.
    ICE_SERVERS: iceServersSchema.default("[]"),
    // Retention (days) applied by the nightly privacy-retention job; see app/modules/privacy/retention.server.ts.
    RETENTION_EXPORT_RECORD_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    RETENTION_SESSION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    RETENTION_RATE_LIMIT_DAYS: z.coerce.number().int().min(1).max(365).default(2),
    RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    RETENTION_INACTIVE_ACCOUNT_DAYS: z.coerce.number().int().min(30).max(7300).default(1095),
    RETENTION_INACTIVITY_WARNING_DAYS: z.coerce.number().int().min(7).max(365).default(30),
    RETENTION_AUDIT_LOG_DAYS: z.coerce.number().int().min(30).max(7300).default(2190),
    RETENTION_AI_THREAD_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    // Uploaded files: in Postgres (bytea) by default; `s3` keeps them in S3_BUCKET (credentials from the usual AWS variables or role).
    STORAGE: z.enum(["postgres", "s3"]).default("postgres"),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)")
      .optional(),
    S3_REGION: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region, e.g. ap-southeast-1")
      .optional(),
    // An S3-compatible service (MinIO, s3rver in tests): path-style requests to this origin.
    S3_ENDPOINT: z
      .string()
      .regex(/^https?:\/\/[^/\s]+/, "must be an http(s) URL, e.g. http://127.0.0.1:9000")
      .optional(),
    AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
    AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // Backups (npm run db:backup, the nightly job): a folder by default, or S3_BUCKET under BACKUP_S3_PREFIX.
    BACKUP_TARGET: z.enum(["folder", "s3"]).default("folder"),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_S3_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9!_.*'()/-]*$/, "must be an S3 key prefix (letters, digits, / and !_.*'()-)")
      .default("backups/"),
    BACKUP_KEEP: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(1).max(365).default(7),
    BACKUP_NIGHTLY: onOff.default("off"),
    // Where pg_dump and pg_restore are, when not next to the server (see app/modules/backups/tools.server.ts).
    PG_BIN_DIR: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Identity: local passwords by default; Amazon Cognito (a user pool and an app client without a secret, or with COGNITO_CLIENT_SECRET).
    AUTH_PROVIDER: z.enum(["local", "cognito"]).default("local"),
    COGNITO_USER_POOL_ID: z
      .string()
      .regex(/^[\w-]+_[0-9a-zA-Z]+$/, "must be a user pool id like eu-west-1_AbC123xyZ")
      .optional(),
    COGNITO_CLIENT_ID: z
      .string()
      .regex(/^[0-9a-zA-Z]{1,128}$/, "must be an app client id (letters and digits)")
      .optional(),
    COGNITO_CLIENT_SECRET: z.string().min(1).optional(),
    COGNITO_REGION: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region like eu-west-1")
      .optional(),
    // Another Cognito API host, e.g. cognito-local on loopback in tests.
    COGNITO_ENDPOINT: z.string().url().optional(),
    ...secretsSettings,
    // The session secret before the last rotation: cookies it signed stay valid while new ones use SESSION_SECRET.
    SESSION_SECRET_PREVIOUS: z.string().min(32, "must be at least 32 characters").optional(),
    // Put into DATABASE_URL's password (a rotated RDS secret holds only the password).
    DATABASE_PASSWORD: z.string().min(1).optional(),
  })
  .transform((env) => ({
    ...env,
    DATABASE_URL: env.DATABASE_URL && env.DATABASE_PASSWORD ? withPassword(env.DATABASE_URL, env.DATABASE_PASSWORD) : env.DATABASE_URL,
    EMBEDDED_POSTGRES_DIR: env.EMBEDDED_POSTGRES_DIR ?? path.join(env.DATA_DIR, "postgres"),
    BACKUP_DIR: env.BACKUP_DIR ?? path.join(env.DATA_DIR, "backups"),
    isProduction: env.NODE_ENV === "production",
    // Secure __Host- cookies, HSTS and upgrade-insecure-requests follow the public origin, so a
    // production build still works on http://localhost.
    isHttps: env.APP_URL?.startsWith("https:") ?? false,
  }));

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** SESSION_SECRET is always set: given, or generated and kept in DATA_DIR (see `keptSessionSecret`). */
export type Env = Omit<z.infer<typeof envSchema>, "SESSION_SECRET"> & { SESSION_SECRET: string };

export const SESSION_SECRET_FILE = "session-secret";

/**
 * The session secret generated at first start and kept in `dataDir/session-secret` (mode 0600),
 * so sessions survive restarts and every process on this machine signs alike. Created by linking
 * a finished file into place, so processes starting at once agree on one secret.
 */
export function keptSessionSecret(dataDir: string): string {
  const file = path.resolve(dataDir, SESSION_SECRET_FILE);
  try {
    return readSecret(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readSecret(file);
}

function readSecret(file: string): string {
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (fewer than 32 characters)`);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return secret;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

const COGNITO_SETTINGS = ["COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID", "COGNITO_REGION"] as const;

/** Settings that only make sense together: one line per missing or contradicting one. */
function providerProblems(cleaned: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (cleaned.AUTH_PROVIDER === "cognito") {
    for (const name of COGNITO_SETTINGS) if (!cleaned[name]) problems.push(`${name} is required when AUTH_PROVIDER=cognito`);
    // A pool id starts with its region (eu-west-1_AbC…); cognito-local's start with "local".
    const poolRegion = cleaned.COGNITO_USER_POOL_ID?.split("_")[0];
    if (poolRegion && cleaned.COGNITO_REGION && /-\d$/.test(poolRegion) && poolRegion !== cleaned.COGNITO_REGION)
      problems.push(`COGNITO_USER_POOL_ID belongs to region ${poolRegion}, but COGNITO_REGION is ${cleaned.COGNITO_REGION}`);
  } else {
    const stray = [...COGNITO_SETTINGS, "COGNITO_CLIENT_SECRET", "COGNITO_ENDPOINT"].filter((name) => cleaned[name]);
    for (const name of stray) problems.push(`${name} is set but AUTH_PROVIDER is not cognito (set AUTH_PROVIDER=cognito or unset it)`);
  }
  if (cleaned.SECRETS_SOURCE === "aws") {
    if (!cleaned.SECRETS_IDS) problems.push("SECRETS_IDS is required when SECRETS_SOURCE=aws (comma-separated secret names or ARNs)");
    if (!cleaned.SECRETS_REGION) problems.push("SECRETS_REGION is required when SECRETS_SOURCE=aws");
  }
  if (cleaned.DATABASE_PASSWORD && !cleaned.DATABASE_URL)
    problems.push("DATABASE_PASSWORD is set but DATABASE_URL is not (the password goes into that URL)");
  return problems;
}

/** Parses a set of variables, giving one readable line per problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "environment";
        const value = source[name];
        const shown = value === undefined || /SECRET|KEY|PASSWORD|URL|TOKEN/.test(name) ? "" : ` (got "${value}")`;
        return `${name} ${issue.message}${shown}`;
      });
  if (cleaned.AI_BASE_URL && !cleaned.AI_MODEL) problems.push("AI_MODEL is required when AI_BASE_URL is set");
  if ((cleaned.AI_PRICE_INPUT_PER_MILLION === undefined) !== (cleaned.AI_PRICE_OUTPUT_PER_MILLION === undefined))
    problems.push("AI_PRICE_INPUT_PER_MILLION and AI_PRICE_OUTPUT_PER_MILLION are set together (USD per million prompt and answer tokens)");
  if (cleaned.AI_PRICE_INPUT_PER_MILLION !== undefined && !cleaned.AI_MODEL)
    problems.push("AI_PRICE_INPUT_PER_MILLION and AI_PRICE_OUTPUT_PER_MILLION price the model in AI_MODEL, which is unset");
  if (cleaned.STRIPE_SECRET_KEY && !cleaned.STRIPE_WEBHOOK_SECRET)
    problems.push("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
  problems.push(...providerProblems(cleaned));
  problems.push(...objectStoreProblems(cleaned));
  const vnpay = ["VNPAY_TMN_CODE", "VNPAY_HASH_SECRET", "VNPAY_MODE"].filter((name) => cleaned[name] === undefined);
  if (vnpay.length > 0 && vnpay.length < 3)
    problems.push(`${vnpay.join(", ")} required when VNPay is configured (VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_MODE)`);
  const momo = ["MOMO_PARTNER_CODE", "MOMO_ACCESS_KEY", "MOMO_SECRET_KEY", "MOMO_MODE"].filter((name) => cleaned[name] === undefined);
  if (momo.length > 0 && momo.length < 4)
    problems.push(`${momo.join(", ")} required when MoMo is configured (MOMO_PARTNER_CODE, MOMO_ACCESS_KEY, MOMO_SECRET_KEY, MOMO_MODE)`);
  if (!result.success || problems.length > 0) throw new EnvError(problems);
  if (result.data.SESSION_SECRET) return { ...result.data, SESSION_SECRET: result.data.SESSION_SECRET };
  try {
    return { ...result.data, SESSION_SECRET: keptSessionSecret(result.data.DATA_DIR) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EnvError([
      `SESSION_SECRET is unset and none could be kept in DATA_DIR (${reason}): set SESSION_SECRET, or DATA_DIR to a writable folder`,
    ]);
  }
}

/** What STORAGE=s3 and BACKUP_TARGET=s3 need beyond each variable's own shape. */
function objectStoreProblems(source: Record<string, string | undefined>): string[] {
  const users = [source.STORAGE === "s3" && "STORAGE=s3", source.BACKUP_TARGET === "s3" && "BACKUP_TARGET=s3"].filter(Boolean);
  const problems: string[] = [];
  if (users.length > 0) {
    if (!source.S3_BUCKET) problems.push(`S3_BUCKET is required when ${users.join(" or ")} is set`);
    if (!source.S3_REGION) problems.push(`S3_REGION is required when ${users.join(" or ")} is set`);
  }
  if (Boolean(source.AWS_ACCESS_KEY_ID) !== Boolean(source.AWS_SECRET_ACCESS_KEY))
    problems.push("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set together (or neither, for a role's credentials)");
  return problems;
}

let cached: Env | undefined;

/**
 * Values resolved from a secrets store (app/lib/secrets.server.ts) laid over process.env. Shared
 * through globalThis, since server.ts and the Remix build each bundle this module.
 */
const secretOverlay = remember("secret-overlay", () => ({ values: {} as Record<string, string>, version: 0 }));
let cachedVersion = -1;

/** Lays resolved secrets over process.env; the next env() parses again (a rotation takes effect). */
export function setSecretOverlay(values: Record<string, string>): void {
  secretOverlay.values = { ...values };
  secretOverlay.version++;
}

/** What the secrets store set, for comparing with a refresh. */
export function secretOverlayValues(): Record<string, string> {
  return { ...secretOverlay.values };
}

/** The variables env() parses: process.env with resolved secrets over it. */
export function effectiveSource(): Record<string, string | undefined> {
  return { ...process.env, ...secretOverlay.values };
}

/** The validated environment of this process, parsed once (and again after secrets rotate). */
export function env(): Env {
  if (!cached || cachedVersion !== secretOverlay.version) {
    cached = parseEnv(effectiveSource());
    cachedVersion = secretOverlay.version;
  }
  return cached;
}

/** The public origin the app answers on; links in emails and the Origin check use it. */
export function appUrl(): string {
  const e = env();
  return e.APP_URL ?? `http://localhost:${e.PORT}`;
}
