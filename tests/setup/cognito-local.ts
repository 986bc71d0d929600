import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import {
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";

export type CognitoLocal = {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  region: string;
  /** The environment that points the app at this pool. */
  env: Record<string, string>;
  /** The code cognito-local last issued to this email (sign-up or password reset), read from its data file. */
  codeFor: (email: string) => string;
  /** The refresh tokens cognito-local still honours for this email (sign-out revokes one). */
  refreshTokens: (email: string) => string[];
  /** What real Cognito does when a sign-up code is confirmed; cognito-local leaves email_verified unset. */
  markEmailVerified: (email: string) => Promise<void>;
  admin: CognitoIdentityProviderClient;
  stop: () => Promise<void>;
};

const REGION = "eu-west-1";
// cognito-local logs in colour; built from a string, since the linter forbids control characters in regex literals.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** Starts cognito-local on a free loopback port with its own data folder under .data/, and makes one pool and app client. */
export async function startCognitoLocal(): Promise<CognitoLocal> {
  mkdirSync(path.resolve(".data"), { recursive: true });
  const dir = mkdtempSync(path.resolve(".data", "cognito-local-"));
  const child: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/cognito-local/lib/bin/start.js")], {
    cwd: dir,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DEBUG: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 20_000;
  let endpoint = "";
  while (!endpoint) {
    const found = /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.replace(ANSI_COLOUR, ""));
    if (found) endpoint = found[1]!;
    else if (child.exitCode !== null || Date.now() > deadline) throw new Error(`cognito-local did not start:\n${output}`);
    else await new Promise((r) => setTimeout(r, 50));
  }
  // cognito-local checks no signature; the SDK still wants credentials to sign admin calls.
  const admin = new CognitoIdentityProviderClient({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const pool = await admin.send(
    new CreateUserPoolCommand({ PoolName: "quitpath-tests", UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] }),
  );
  const userPoolId = pool.UserPool!.Id!;
  const appClient = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: "quitpath",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const clientId = appClient.UserPoolClient!.ClientId!;

  const usersFile = () => {
    const file = readdirSync(path.join(dir, ".cognito", "db")).find((name) => name.startsWith(userPoolId));
    if (!file) throw new Error(`no data file for ${userPoolId}`);
    return JSON.parse(readFileSync(path.join(dir, ".cognito", "db", file), "utf8")) as {
      Users?: Record<string, { Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string; RefreshTokens?: string[] }>;
    };
  };
  const userRecord = (email: string) => {
    const user = Object.values(usersFile().Users ?? {}).find((u) => u.Attributes.some((a) => a.Name === "email" && a.Value === email));
    if (!user) throw new Error(`cognito-local has no user ${email}`);
    return user;
  };

  return {
    endpoint,
    userPoolId,
    clientId,
    region: REGION,
    env: {
      AUTH_PROVIDER: "cognito",
      COGNITO_USER_POOL_ID: userPoolId,
      COGNITO_CLIENT_ID: clientId,
      COGNITO_REGION: REGION,
      COGNITO_ENDPOINT: endpoint,
      // The app's unauthenticated calls need none, but the SDK resolves credentials for every client.
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    },
    codeFor: (email) => {
      const code = userRecord(email).ConfirmationCode;
      if (!code) throw new Error(`cognito-local holds no code for ${email}`);
      return code;
    },
    refreshTokens: (email) => userRecord(email).RefreshTokens ?? [],
    markEmailVerified: async (email) => {
      await admin.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: email,
          UserAttributes: [
            { Name: "email", Value: email },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      );
    },
    admin,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
