import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

const base = { SESSION_SECRET: "x".repeat(40) };

function problemsOf(vars: Record<string, string>): string[] {
  try {
    parseEnv({ ...base, ...vars });
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

describe("object storage and backup settings", () => {
  it("are optional: files in Postgres, backups in DATA_DIR/backups, keep 7, no nightly run", () => {
    const env = parseEnv({ ...base, DATA_DIR: "/srv/qp" });
    expect(env).toMatchObject({
      STORAGE: "postgres",
      BACKUP_TARGET: "folder",
      BACKUP_DIR: "/srv/qp/backups",
      BACKUP_KEEP: 7,
      BACKUP_NIGHTLY: "off",
    });
  });

  it("stop start-up with one line per missing or wrong S3 setting", () => {
    expect(problemsOf({ STORAGE: "s3" })).toEqual([
      "S3_BUCKET is required when STORAGE=s3 is set",
      "S3_REGION is required when STORAGE=s3 is set",
    ]);
    expect(problemsOf({ STORAGE: "s3", BACKUP_TARGET: "s3", S3_REGION: "ap-southeast-1" })).toEqual([
      "S3_BUCKET is required when STORAGE=s3 or BACKUP_TARGET=s3 is set",
    ]);
    expect(problemsOf({ STORAGE: "s3", S3_BUCKET: "My_Bucket", S3_REGION: "Singapore", S3_ENDPOINT: "minio:9000" })).toEqual([
      'S3_BUCKET must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens) (got "My_Bucket")',
      'S3_REGION must be an AWS region, e.g. ap-southeast-1 (got "Singapore")',
      'S3_ENDPOINT must be an http(s) URL, e.g. http://127.0.0.1:9000 (got "minio:9000")',
    ]);
    expect(problemsOf({ STORAGE: "gcs" })[0]).toMatch(/^STORAGE Invalid enum value\. Expected 'postgres' \| 's3'/);
    expect(problemsOf({ AWS_ACCESS_KEY_ID: "AKIAEXAMPLE" })).toEqual([
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set together (or neither, for a role's credentials)",
    ]);
    expect(problemsOf({ BACKUP_KEEP: "0" })[0]).toMatch(/^BACKUP_KEEP /);
  });

  it("never echo a secret key's value", () => {
    const lines = problemsOf({ AWS_ACCESS_KEY_ID: "AKIAEXAMPLE" }).join("\n");
    expect(lines).not.toContain("AKIAEXAMPLE");
  });

  it("accept a complete S3 configuration", () => {
    const env = parseEnv({
      ...base,
      STORAGE: "s3",
      S3_BUCKET: "quitpath-files",
      S3_REGION: "ap-southeast-1",
      S3_ENDPOINT: "http://127.0.0.1:9000",
    });
    expect(env).toMatchObject({ STORAGE: "s3", S3_BUCKET: "quitpath-files", S3_REGION: "ap-southeast-1" });
  });
});
