import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

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
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .transform((env) => ({
    ...env,
    EMBEDDED_POSTGRES_DIR: env.EMBEDDED_POSTGRES_DIR ?? path.join(env.DATA_DIR, "postgres"),
    isProduction: env.NODE_ENV === "production",
    // Secure __Host- cookies, HSTS and upgrade-insecure-requests follow the public origin, so a
    // production build still works on http://localhost.
    isHttps: env.APP_URL?.startsWith("https:") ?? false,
  }));

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
        const shown = value === undefined || /SECRET|KEY|PASSWORD|URL/.test(name) ? "" : ` (got "${value}")`;
        return `${name} ${issue.message}${shown}`;
      });
  if (cleaned.AI_BASE_URL && !cleaned.AI_MODEL) problems.push("AI_MODEL is required when AI_BASE_URL is set");
  if ((cleaned.AI_PRICE_INPUT_PER_MILLION === undefined) !== (cleaned.AI_PRICE_OUTPUT_PER_MILLION === undefined))
    problems.push("AI_PRICE_INPUT_PER_MILLION and AI_PRICE_OUTPUT_PER_MILLION are set together (USD per million prompt and answer tokens)");
  if (cleaned.AI_PRICE_INPUT_PER_MILLION !== undefined && !cleaned.AI_MODEL)
    problems.push("AI_PRICE_INPUT_PER_MILLION and AI_PRICE_OUTPUT_PER_MILLION price the model in AI_MODEL, which is unset");
  if (cleaned.STRIPE_SECRET_KEY && !cleaned.STRIPE_WEBHOOK_SECRET)
    problems.push("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
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

let cached: Env | undefined;

/** The validated environment of this process, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The public origin the app answers on; links in emails and the Origin check use it. */
export function appUrl(): string {
  const e = env();
  return e.APP_URL ?? `http://localhost:${e.PORT}`;
}
