import type { users } from "#db/schema";
import type { Database } from "#db/client.server";
import { env } from "~/lib/env.server";
import type { z } from "zod";
import type { signUpSchema } from "./account";

export type Account = typeof users.$inferSelect;
export type SignUpInput = z.infer<typeof signUpSchema>;

/** What the new account needs next: a session now (local), or the code the provider emailed (Cognito). */
export type SignUpOutcome =
  | { next: "signed-in"; user: Account; providerToken: null }
  | { next: "confirm-email"; user: Account | null }
  | { next: "sign-in"; user: Account | null };

/** Proof for a new password: the token of the link we emailed, or the provider's emailed code. */
export type ResetProof = { token: string } | { email: string; code: string };

/**
 * Who checks passwords. Routes talk to this through auth.server.ts and never ask which provider runs;
 * our sessions, roles and rate limits sit around it and stay the same for every provider.
 */
export interface IdentityProvider {
  /** How a forgotten password is proven: a link we email ("link") or a code the provider emails ("code"). */
  readonly resetProof: "link" | "code";
  /**
   * Creates the account (network first, then one transaction that also runs `withAccount`, e.g. the
   * acceptance of the terms). A local account with this email that no identity owns yet is linked at its first sign-in.
   */
  signUp(db: Database, input: SignUpInput, withAccount: (tx: Database, user: Account) => Promise<void>): Promise<SignUpOutcome>;
  confirmSignUp(db: Database, email: string, code: string): Promise<void>;
  /** The account whose password this is (linked on first sign-in), or null; a refresh token to revoke at sign-out. */
  verifyPassword(db: Database, email: string, password: string): Promise<{ user: Account; providerToken: string | null } | null>;
  /** Same answer whether or not the account exists. */
  requestPasswordReset(db: Database, email: string): Promise<void>;
  /** Sets the new password, signs out every session; the account's id. */
  resetPassword(db: Database, proof: ResetProof, password: string): Promise<string>;
  /** Re-authentication before a grave step. */
  confirmPassword(db: Database, userId: string, password: string): Promise<boolean>;
  changePassword(db: Database, userId: string, currentPassword: string, newPassword: string): Promise<void>;
  /** Ends the provider's side of a sign-in; best effort, our session is already gone. */
  signOut(providerToken: string): Promise<void>;
}

let chosen: { key: string; provider: Promise<IdentityProvider> } | undefined;

/** The configured provider (AUTH_PROVIDER), built once per configuration; Cognito's SDK loads only when used. */
export function identityProvider(): Promise<IdentityProvider> {
  const e = env();
  const key = [
    e.AUTH_PROVIDER,
    e.COGNITO_USER_POOL_ID,
    e.COGNITO_CLIENT_ID,
    e.COGNITO_CLIENT_SECRET,
    e.COGNITO_REGION,
    e.COGNITO_ENDPOINT,
  ].join("|");
  if (chosen?.key !== key) {
    const provider =
      e.AUTH_PROVIDER === "cognito"
        ? import("./cognito-provider.server").then(({ cognitoProvider }) =>
            cognitoProvider({
              userPoolId: e.COGNITO_USER_POOL_ID!,
              clientId: e.COGNITO_CLIENT_ID!,
              clientSecret: e.COGNITO_CLIENT_SECRET ?? null,
              region: e.COGNITO_REGION!,
              endpoint: e.COGNITO_ENDPOINT ?? null,
            }),
          )
        : import("./local-provider.server").then(({ localProvider }) => localProvider);
    chosen = { key, provider };
  }
  return chosen.provider;
}
