import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { effectiveSource, EnvError, parseEnv, secretOverlayValues, secretsSettingsSchema, setSecretOverlay } from "./env.server";
import { logger } from "./logger.server";

/** The variables a secret may set; anything else in a secret is a start-up problem (a typo would otherwise go unnoticed). */
export const SECRET_KEYS = [
  "SESSION_SECRET",
  "DATABASE_PASSWORD",
  "DATABASE_URL",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "SMTP_URL",
  "AI_API_KEY",
  "SMS_TOKEN",
  "COGNITO_CLIENT_SECRET",
] as const;
const ALLOWED = new Set<string>(SECRET_KEYS);
// An RDS-managed secret ({"username","password","host",…}): its password is the database password.
const RDS_FIELDS = new Set(["username", "password", "engine", "host", "port", "dbname", "dbInstanceIdentifier", "dbClusterIdentifier"]);

type Settings = ReturnType<typeof secretsSettingsSchema.parse>;

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "error";
}

/**
 * One entry of SECRETS_IDS: `name-or-arn` (a JSON object of variable names and values, or an RDS
 * secret) or `VARIABLE=name-or-arn` (the whole secret string is that variable's value).
 */
function parseEntry(entry: string): { variable: string | null; secretId: string } {
  const at = entry.indexOf("=");
  return at > 0 && /^[A-Z_]+$/.test(entry.slice(0, at))
    ? { variable: entry.slice(0, at), secretId: entry.slice(at + 1) }
    : { variable: null, secretId: entry };
}

/** The variables one secret string sets, with problems that name keys and ids, never values. */
function valuesOf(secretId: string, variable: string | null, secretString: string, problems: string[]): Record<string, string> {
  if (variable) {
    if (!ALLOWED.has(variable))
      problems.push(`SECRETS_IDS names ${variable}, which is not read from secrets (one of ${SECRET_KEYS.join(", ")})`);
    return { [variable]: secretString };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    problems.push(`secret "${secretId}" is not a JSON object of variable names and values (or name it as VARIABLE=${secretId})`);
    return {};
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    problems.push(`secret "${secretId}" is not a JSON object of variable names and values`);
    return {};
  }
  const values: Record<string, string> = {};
  const entries = Object.entries(parsed as Record<string, unknown>);
  const rds = entries.some(([key]) => key === "password") && entries.some(([key]) => key === "username");
  for (const [key, value] of entries) {
    const text = typeof value === "number" ? String(value) : value;
    if (rds && RDS_FIELDS.has(key)) {
      if (key === "password" && typeof text === "string") values.DATABASE_PASSWORD = text;
      continue;
    }
    if (!ALLOWED.has(key))
      problems.push(`secret "${secretId}" holds ${key}, which is not read from secrets (one of ${SECRET_KEYS.join(", ")})`);
    else if (typeof text !== "string") problems.push(`secret "${secretId}" holds ${key} as something other than a string`);
    else values[key] = text;
  }
  return values;
}

/**
 * Reads every secret in SECRETS_IDS (stage AWSCURRENT), and the session secret's AWSPREVIOUS so
 * cookies signed before a rotation still verify. Throws EnvError with one line per problem.
 */
export async function resolveSecrets(settings: Settings, given?: SecretsManagerClient): Promise<Record<string, string>> {
  // Loaded only when used: a process reading its secrets from the environment never pays for the SDK.
  const { GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
  const client = given ?? (await secretsClient(settings));
  const problems: string[] = [];
  const values: Record<string, string> = {};
  const from: Record<string, string> = {};
  const entries = (settings.SECRETS_IDS ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
    .map(parseEntry);
  const read = async (secretId: string, stage: "AWSCURRENT" | "AWSPREVIOUS") => {
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
    if (answer.SecretString === undefined) throw Object.assign(new Error("binary secret"), { name: "SecretBinaryUnsupported" });
    return answer.SecretString;
  };
  const current = await Promise.all(
    entries.map(async (entry) => {
      try {
        return { entry, text: await read(entry.secretId, "AWSCURRENT") };
      } catch (error) {
        problems.push(`secret "${entry.secretId}" could not be read from Secrets Manager (${nameOf(error)})`);
        return null;
      }
    }),
  );
  for (const answer of current) {
    if (!answer) continue;
    for (const [key, value] of Object.entries(valuesOf(answer.entry.secretId, answer.entry.variable, answer.text, problems))) {
      if (from[key]) problems.push(`${key} is in two secrets ("${from[key]}" and "${answer.entry.secretId}"): keep it in one`);
      from[key] = answer.entry.secretId;
      values[key] = value;
    }
  }
  const sessionEntry = entries.find((e) => e.secretId === from.SESSION_SECRET);
  if (sessionEntry) {
    try {
      const previous = valuesOf(sessionEntry.secretId, sessionEntry.variable, await read(sessionEntry.secretId, "AWSPREVIOUS"), []);
      if (previous.SESSION_SECRET && previous.SESSION_SECRET !== values.SESSION_SECRET)
        values.SESSION_SECRET_PREVIOUS = previous.SESSION_SECRET;
    } catch (error) {
      // A secret never rotated has no AWSPREVIOUS version.
      if (nameOf(error) !== "ResourceNotFoundException")
        problems.push(`secret "${sessionEntry.secretId}" (AWSPREVIOUS) could not be read (${nameOf(error)})`);
    }
  }
  if (problems.length > 0) throw new EnvError(problems);
  return values;
}

async function secretsClient(settings: Settings): Promise<SecretsManagerClient> {
  const { SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
  return new SecretsManagerClient({
    region: settings.SECRETS_REGION,
    ...(settings.SECRETS_ENDPOINT ? { endpoint: settings.SECRETS_ENDPOINT } : {}),
    maxAttempts: 3,
  });
}

let refresher: ReturnType<typeof setInterval> | undefined;

/**
 * With SECRETS_SOURCE=aws: resolves the secrets, lays them over process.env and validates the whole
 * environment once (EnvError otherwise), then re-reads them every SECRETS_REFRESH_SECONDS so a
 * rotation reaches Stripe, SMTP, the AI coach and the session cookie without a restart.
 */
export async function loadSecrets(source: Record<string, string | undefined> = process.env): Promise<"env" | "aws"> {
  const parsed = secretsSettingsSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  // The env schema reports bad SECRETS_* settings in its own words.
  if (!parsed.success || parsed.data.SECRETS_SOURCE !== "aws") return "env";
  const settings = parsed.data;
  if (!settings.SECRETS_IDS || !settings.SECRETS_REGION) {
    parseEnv(source);
    return "env";
  }
  const client = await secretsClient(settings);
  setSecretOverlay(await resolveSecrets(settings, client));
  parseEnv(effectiveSource());
  if (settings.SECRETS_REFRESH_SECONDS > 0 && !refresher) {
    refresher = setInterval(() => void refreshSecrets(settings, client), settings.SECRETS_REFRESH_SECONDS * 1000);
    refresher.unref();
  }
  return "aws";
}

const sameValues = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Re-reads the secrets; a changed, valid set takes effect at once, an invalid one is refused and the old kept. */
export async function refreshSecrets(settings: Settings, client?: SecretsManagerClient): Promise<"unchanged" | "rotated" | "refused"> {
  const before = secretOverlayValues();
  try {
    const values = await resolveSecrets(settings, client);
    if (sameValues(values, before)) return "unchanged";
    setSecretOverlay(values);
    parseEnv(effectiveSource());
    // Names only: a value never reaches the log.
    logger.info({ changed: Object.keys({ ...before, ...values }).filter((key) => before[key] !== values[key]) }, "secrets rotated");
    return "rotated";
  } catch (error) {
    setSecretOverlay(before);
    logger.warn(
      { problems: error instanceof EnvError ? error.problems : [nameOf(error)] },
      "secrets not refreshed; keeping the previous ones",
    );
    return "refused";
  }
}
