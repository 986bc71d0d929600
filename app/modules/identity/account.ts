import { z } from "zod";
import { CURRENCIES, type Currency } from "~/lib/currencies";
import { boundedCache } from "~/lib/cache";

export const LOCALES = ["en", "vi"] as const;
export const PASSWORD_MIN_LENGTH = 8;
/** argon2 has no 72-byte truncation like bcrypt; the cap only stops absurd payloads. */
export const PASSWORD_MAX_LENGTH = 1024;

// Keyed by what a form sent, so bounded: checking a zone builds an Intl formatter.
const knownTimeZones = boundedCache<string, boolean>("known-time-zones", 1_000, { evenWhenCachesOff: true });
/** Any IANA zone the runtime knows, including aliases (ICU lists Asia/Saigon, people know Asia/Ho_Chi_Minh). */
export function isTimeZone(value: string): boolean {
  return knownTimeZones.getOrCreate(value, () => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      return value.length <= 64;
    } catch {
      return false;
    }
  });
}

// Fixed for the life of the process, and sorting ~420 names with localeCompare costs about a millisecond per page.
const zoneLists = boundedCache<"all", readonly string[]>("time-zone-options", 1, { evenWhenCachesOff: true });
/** Zones offered in pickers, under the names people use. */
export function timeZoneOptions(): readonly string[] {
  return zoneLists.getOrCreate("all", () => {
    const zones = Intl.supportedValuesOf("timeZone").map((zone) => (zone === "Asia/Saigon" ? "Asia/Ho_Chi_Minh" : zone));
    return ["UTC", ...new Set(zones)].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
  });
}

export const email = z
  .string({ required_error: "auth:errors.emailRequired" })
  .trim()
  .toLowerCase()
  .max(254, "auth:errors.emailInvalid")
  .email("auth:errors.emailInvalid");

export const newPassword = z
  .string({ required_error: "auth:errors.passwordRequired" })
  .min(PASSWORD_MIN_LENGTH, "auth:errors.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "auth:errors.passwordTooLong");

export const displayName = z
  .string({ required_error: "auth:errors.displayNameRequired" })
  .trim()
  .min(1, "auth:errors.displayNameRequired")
  .max(60, "auth:errors.displayNameTooLong");

export const locale = z.enum(LOCALES, { errorMap: () => ({ message: "auth:errors.localeInvalid" }) });
export const currency = z.enum(CURRENCIES, { errorMap: () => ({ message: "account:errors.currencyInvalid" }) });
export const timeZone = z.string({ required_error: "auth:errors.timeZoneInvalid" }).refine(isTimeZone, "auth:errors.timeZoneInvalid");

/** A document version the sign-up form showed (the published page's revision); empty when none was published. */
const shownVersion = z.coerce.number().int().positive().max(1_000_000).optional();

export const signUpSchema = z.object({
  email,
  password: newPassword,
  displayName,
  locale,
  timeZone,
  acceptTerms: z.literal("on", { errorMap: () => ({ message: "auth:errors.acceptTerms" }) }),
  termsVersion: shownVersion,
  privacyVersion: shownVersion,
  redirectTo: z.string().optional(),
});

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "auth:errors.passwordRequired" }).max(PASSWORD_MAX_LENGTH, "auth:errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object({
  token: z.string().min(20).max(200),
  password: newPassword,
});

/** The code an identity provider (Cognito) emailed: digits only. */
const emailedCode = z
  .string({ required_error: "auth:errors.codeRequired" })
  .trim()
  .regex(/^\d{4,10}$/, "auth:errors.codeInvalid");

export const resetWithCodeSchema = z.object({ email, code: emailedCode, password: newPassword });

export const confirmEmailSchema = z.object({ email, code: emailedCode });

export const changePasswordSchema = z.object({
  currentPassword: z.string({ required_error: "auth:errors.passwordRequired" }),
  newPassword,
});

export const profileSchema = z.object({ displayName, locale, currency, timeZone });

/** Default currency for a new account: Vietnamese speakers pay in dong, others in dollars. */
export function defaultCurrencyFor(lang: (typeof LOCALES)[number]): Currency {
  return lang === "vi" ? "VND" : "USD";
}
