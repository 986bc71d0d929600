import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

const base = { SESSION_SECRET: "a-session-secret-of-at-least-32-characters" };

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv({ ...base, ...source });
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("provider settings at start-up", () => {
  it("names every missing Cognito setting on its own line", () => {
    expect(problemsOf({ AUTH_PROVIDER: "cognito" })).toEqual([
      "COGNITO_USER_POOL_ID is required when AUTH_PROVIDER=cognito",
      "COGNITO_CLIENT_ID is required when AUTH_PROVIDER=cognito",
      "COGNITO_REGION is required when AUTH_PROVIDER=cognito",
    ]);
  });

  it("refuses a malformed pool id, a pool of another region and a Cognito setting without AUTH_PROVIDER=cognito", () => {
    expect(
      problemsOf({ AUTH_PROVIDER: "cognito", COGNITO_USER_POOL_ID: "no pool", COGNITO_CLIENT_ID: "abc", COGNITO_REGION: "eu-west-1" }),
    ).toEqual(['COGNITO_USER_POOL_ID must be a user pool id like eu-west-1_AbC123xyZ (got "no pool")']);
    expect(
      problemsOf({
        AUTH_PROVIDER: "cognito",
        COGNITO_USER_POOL_ID: "us-east-1_AbC123",
        COGNITO_CLIENT_ID: "abc",
        COGNITO_REGION: "eu-west-1",
      }),
    ).toEqual(["COGNITO_USER_POOL_ID belongs to region us-east-1, but COGNITO_REGION is eu-west-1"]);
    expect(problemsOf({ COGNITO_CLIENT_ID: "abc" })).toEqual([
      "COGNITO_CLIENT_ID is set but AUTH_PROVIDER is not cognito (set AUTH_PROVIDER=cognito or unset it)",
    ]);
    expect(
      problemsOf({
        AUTH_PROVIDER: "cognito",
        COGNITO_USER_POOL_ID: "eu-west-1_AbC123",
        COGNITO_CLIENT_ID: "abc",
        COGNITO_REGION: "eu-west-1",
      }),
    ).toEqual([]);
  });

  it("requires secret ids and a region for SECRETS_SOURCE=aws", () => {
    expect(problemsOf({ SECRETS_SOURCE: "aws" })).toEqual([
      "SECRETS_IDS is required when SECRETS_SOURCE=aws (comma-separated secret names or ARNs)",
      "SECRETS_REGION is required when SECRETS_SOURCE=aws",
    ]);
  });

  it("puts DATABASE_PASSWORD into DATABASE_URL", () => {
    const env = parseEnv({ ...base, DATABASE_URL: "postgres://app:old@db.example:5432/quitpath", DATABASE_PASSWORD: "n3w/p@ss" });
    expect(env.DATABASE_URL).toBe("postgres://app:n3w%2Fp%40ss@db.example:5432/quitpath");
  });
});
