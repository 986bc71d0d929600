/**
 * A rule of the product was broken. Modules throw these; routes and the typed-action helper
 * turn them into 4xx answers. `message` is a translation key.
 */
export type DomainErrorKind =
  | "invalid"
  | "not-found"
  | "forbidden"
  | "conflict"
  | "rate-limited"
  | "unauthorized"
  /** The request itself cannot be read as the form it claims to be (too many files, a broken body). */
  | "malformed"
  | "too-large";

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly options: { field?: string; retryAfterSeconds?: number; values?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }

  get status(): number {
    return {
      invalid: 422,
      "not-found": 404,
      forbidden: 403,
      conflict: 409,
      "rate-limited": 429,
      unauthorized: 401,
      malformed: 400,
      "too-large": 413,
    }[this.kind];
  }
}
