import { createHmac } from "node:crypto";
import {
  ChangePasswordCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
  type AttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { and, eq, isNull, sql } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import type { Database } from "#db/client.server";
import { DomainError } from "~/lib/domain-error";
import { logger } from "~/lib/logger.server";
import { defaultCurrencyFor, isTimeZone, LOCALES } from "./account";
import { isCommonPassword } from "./password.server";
import { unsealProviderToken } from "./provider-token.server";
import type { Account, IdentityProvider } from "./provider.server";

export type CognitoSettings = {
  userPoolId: string;
  clientId: string;
  clientSecret: string | null;
  region: string;
  endpoint: string | null;
};

type Tokens = { accessToken: string; refreshToken: string | null };

/** The error's name as the SDK reports Cognito's exception type (UsernameExistsException …). */
function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

function attributeOf(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((a) => a.Name === name)?.Value;
}

const PASSWORD_REJECTED = new Set(["InvalidPasswordException"]);
const TOO_MANY = new Set(["TooManyRequestsException", "LimitExceededException", "TooManyFailedAttemptsException"]);
const BAD_CODE = new Set(["CodeMismatchException", "ExpiredCodeException"]);

function rateLimited(error: unknown): never {
  if (TOO_MANY.has(nameOf(error))) throw new DomainError("rate-limited", "auth:errors.tooManyAttempts", { retryAfterSeconds: 60 });
  throw error;
}

/**
 * Amazon Cognito holds the passwords: sign-up with an emailed confirmation code, USER_PASSWORD_AUTH
 * sign-in, reset by an emailed code, sign-out by revoking the refresh token. Our users row is linked
 * by `cognito_sub`; our own sessions, roles and rate limits are untouched.
 */
export function cognitoProvider(settings: CognitoSettings): IdentityProvider {
  const client = new CognitoIdentityProviderClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    maxAttempts: 2,
  });
  const { clientId } = settings;
  // An app client with a secret wants HMAC(secret, username + client id) on every call that names a user.
  const secretHash = (username: string) =>
    settings.clientSecret
      ? {
          SecretHash: createHmac("sha256", settings.clientSecret)
            .update(username + clientId)
            .digest("base64"),
        }
      : {};

  async function authenticate(email: string, password: string): Promise<Tokens | null> {
    try {
      const answer = await client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: {
            USERNAME: email,
            PASSWORD: password,
            ...(settings.clientSecret ? { SECRET_HASH: secretHash(email).SecretHash! } : {}),
          },
        }),
      );
      if (answer.ChallengeName) throw new DomainError("forbidden", "auth:errors.providerChallenge");
      const accessToken = answer.AuthenticationResult?.AccessToken;
      if (!accessToken) return null;
      return { accessToken, refreshToken: answer.AuthenticationResult?.RefreshToken ?? null };
    } catch (error) {
      const name = nameOf(error);
      // cognito-local answers a wrong password with InvalidPasswordException, Cognito with NotAuthorizedException.
      if (["NotAuthorizedException", "UserNotFoundException", "InvalidPasswordException"].includes(name)) return null;
      if (name === "UserNotConfirmedException") throw new DomainError("forbidden", "auth:errors.confirmFirst");
      if (name === "PasswordResetRequiredException") throw new DomainError("forbidden", "auth:errors.resetRequired");
      return rateLimited(error);
    }
  }

  async function revoke(refreshToken: string | null): Promise<void> {
    if (!refreshToken) return;
    try {
      await client.send(
        new RevokeTokenCommand({
          ClientId: clientId,
          Token: refreshToken,
          ...(settings.clientSecret ? { ClientSecret: settings.clientSecret } : {}),
        }),
      );
    } catch (error) {
      // Our session is what signs people in; a token Cognito would not revoke expires by itself.
      logger.warn({ err: nameOf(error) }, "cognito: refresh token not revoked");
    }
  }

  /** Our account for a Cognito identity: by sub, else the local account of the same (verified) email, linked now, else a new one. */
  async function accountFor(db: Database, accessToken: string): Promise<Account> {
    const identity = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    const sub = attributeOf(identity.UserAttributes, "sub");
    const email = attributeOf(identity.UserAttributes, "email")?.trim().toLowerCase();
    if (!sub || !email) throw new DomainError("forbidden", "auth:errors.providerChallenge");
    const [bySub] = await db.select().from(users).where(eq(users.cognitoSub, sub));
    if (bySub) return bySub;
    const [byEmail] = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (byEmail) {
      // Linking hands over the account: only when Cognito has verified that this person receives its email.
      if (byEmail.cognitoSub || attributeOf(identity.UserAttributes, "email_verified") !== "true")
        throw new DomainError("conflict", "auth:errors.identityNotLinked");
      const [linked] = await db
        .update(users)
        .set({ cognitoSub: sub, updatedAt: new Date() })
        .where(and(eq(users.id, byEmail.id), isNull(users.cognitoSub)))
        .returning();
      if (!linked) throw new DomainError("conflict", "auth:errors.identityNotLinked");
      return linked;
    }
    // Made in the pool by other means (the console, an import): an account from its attributes.
    const locale = LOCALES.find((l) => l === attributeOf(identity.UserAttributes, "locale")) ?? "en";
    const zone = attributeOf(identity.UserAttributes, "zoneinfo");
    const [created] = await db
      .insert(users)
      .values({
        email,
        cognitoSub: sub,
        displayName: (attributeOf(identity.UserAttributes, "name") ?? email.split("@")[0]!).slice(0, 60),
        locale,
        timeZone: zone && isTimeZone(zone) ? zone : "UTC",
        currency: defaultCurrencyFor(locale),
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new DomainError("conflict", "auth:errors.identityNotLinked");
    return created;
  }

  async function emailOf(db: Database, userId: string): Promise<string | null> {
    const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
    return user?.email ?? null;
  }

  return {
    resetProof: "code",

    async signUp(db, input, withAccount) {
      if (isCommonPassword(input.password)) throw new DomainError("invalid", "auth:errors.passwordTooCommon", { field: "password" });
      const [existing] = await db
        .select({ id: users.id, cognitoSub: users.cognitoSub })
        .from(users)
        .where(sql`lower(${users.email}) = ${input.email}`);
      if (existing?.cognitoSub) throw new DomainError("conflict", "auth:errors.emailTaken", { field: "email" });
      let answer;
      try {
        answer = await client.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: input.email,
            Password: input.password,
            UserAttributes: [
              { Name: "email", Value: input.email },
              { Name: "name", Value: input.displayName },
              { Name: "locale", Value: input.locale },
              { Name: "zoneinfo", Value: input.timeZone },
            ],
            ...secretHash(input.email),
          }),
        );
      } catch (error) {
        if (nameOf(error) === "UsernameExistsException") throw new DomainError("conflict", "auth:errors.emailTaken", { field: "email" });
        if (PASSWORD_REJECTED.has(nameOf(error))) throw new DomainError("invalid", "auth:errors.passwordRejected", { field: "password" });
        if (nameOf(error) === "InvalidParameterException") throw new DomainError("invalid", "auth:errors.emailInvalid", { field: "email" });
        return rateLimited(error);
      }
      const next = answer.UserConfirmed ? ("sign-in" as const) : ("confirm-email" as const);
      // An existing local account keeps its row and is linked once the owner signs in through Cognito.
      if (existing) return { next, user: null };
      return db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({
            email: input.email,
            cognitoSub: answer.UserSub!,
            displayName: input.displayName,
            locale: input.locale,
            timeZone: input.timeZone,
            currency: defaultCurrencyFor(input.locale),
          })
          .onConflictDoNothing()
          .returning();
        if (!user) throw new DomainError("conflict", "auth:errors.emailTaken", { field: "email" });
        await withAccount(tx, user);
        return { next, user };
      });
    },

    async confirmSignUp(_db, email, code) {
      try {
        await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code, ...secretHash(email) }));
      } catch (error) {
        if (BAD_CODE.has(nameOf(error)) || ["NotAuthorizedException", "UserNotFoundException"].includes(nameOf(error)))
          throw new DomainError("invalid", "auth:errors.codeInvalid", { field: "code" });
        return rateLimited(error);
      }
    },

    async verifyPassword(db, email, password) {
      const tokens = await authenticate(email, password);
      if (!tokens) return null;
      try {
        return { user: await accountFor(db, tokens.accessToken), providerToken: tokens.refreshToken };
      } catch (error) {
        await revoke(tokens.refreshToken);
        throw error;
      }
    },

    async requestPasswordReset(_db, email) {
      try {
        await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: email, ...secretHash(email) }));
      } catch (error) {
        // Unknown accounts get the same answer as known ones.
        if (["UserNotFoundException", "InvalidParameterException", "NotAuthorizedException"].includes(nameOf(error))) return;
        rateLimited(error);
      }
    },

    async resetPassword(db, proof, password) {
      if (!("code" in proof)) throw new DomainError("invalid", "auth:errors.codeInvalid", { field: "code" });
      if (isCommonPassword(password)) throw new DomainError("invalid", "auth:errors.passwordTooCommon", { field: "password" });
      try {
        await client.send(
          new ConfirmForgotPasswordCommand({
            ClientId: clientId,
            Username: proof.email,
            ConfirmationCode: proof.code,
            Password: password,
            ...secretHash(proof.email),
          }),
        );
      } catch (error) {
        if (BAD_CODE.has(nameOf(error)) || nameOf(error) === "UserNotFoundException")
          throw new DomainError("invalid", "auth:errors.codeInvalid", { field: "code" });
        if (PASSWORD_REJECTED.has(nameOf(error))) throw new DomainError("invalid", "auth:errors.passwordRejected", { field: "password" });
        return rateLimited(error);
      }
      // As with a local reset: every browser signed in as this person is signed out.
      const [user] = await db
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${proof.email}`);
      if (!user) throw new DomainError("invalid", "auth:errors.codeInvalid", { field: "code" });
      const ended = await db.delete(sessions).where(eq(sessions.userId, user.id)).returning({ sealed: sessions.providerToken });
      // Cognito's side of those sessions too, one after another (as at sign-out, best effort).
      for (const { sealed } of ended) await revoke(sealed ? unsealProviderToken(sealed) : null);
      return user.id;
    },

    async confirmPassword(db, userId, password) {
      const email = await emailOf(db, userId);
      const tokens = email ? await authenticate(email, password) : null;
      if (!tokens) return false;
      await revoke(tokens.refreshToken);
      return true;
    },

    async changePassword(db, userId, currentPassword, newPassword) {
      if (isCommonPassword(newPassword)) throw new DomainError("invalid", "auth:errors.passwordTooCommon", { field: "newPassword" });
      const email = await emailOf(db, userId);
      const tokens = email ? await authenticate(email, currentPassword) : null;
      if (!tokens) throw new DomainError("invalid", "account:errors.currentPasswordWrong", { field: "currentPassword" });
      try {
        await client.send(
          new ChangePasswordCommand({ AccessToken: tokens.accessToken, PreviousPassword: currentPassword, ProposedPassword: newPassword }),
        );
      } catch (error) {
        if (PASSWORD_REJECTED.has(nameOf(error)))
          throw new DomainError("invalid", "auth:errors.passwordRejected", { field: "newPassword" });
        return rateLimited(error);
      } finally {
        await revoke(tokens.refreshToken);
      }
    },

    signOut: (providerToken) => revoke(providerToken),
  };
}
