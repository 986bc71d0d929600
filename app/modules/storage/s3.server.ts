import { createReadStream, createWriteStream, statSync } from "node:fs";
import { type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { DomainError } from "~/lib/domain-error";
import type { Env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";

/** One bucket of an S3 (or S3-compatible) service. */
export type S3Settings = {
  bucket: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** How long a connection or a silent socket may wait before the call fails (the SDK's default is for ever). */
  timeoutMs?: number;
};

export function s3SettingsFrom(
  env: Pick<Env, "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY" | "PROVIDER_TIMEOUT_MS">,
): S3Settings {
  // env validation already refused STORAGE=s3 / BACKUP_TARGET=s3 without a bucket and region.
  return {
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION!,
    endpoint: env.S3_ENDPOINT,
    credentials:
      env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
        : undefined,
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
  };
}

/**
 * Where browsers reach the bucket (presigned POSTs and GET links), for the page's CSP: the
 * endpoint's origin for a compatible service (path style), else S3's virtual-hosted names.
 */
export function bucketOrigins(settings: Pick<S3Settings, "bucket" | "region" | "endpoint">): string[] {
  if (settings.endpoint) return [new URL(settings.endpoint).origin];
  return [`https://${settings.bucket}.s3.${settings.region}.amazonaws.com`, `https://${settings.bucket}.s3.amazonaws.com`];
}

const clients = new Map<string, S3Client>();

/** One client per bucket settings and process (its connection pool is shared). */
export function s3Client(settings: S3Settings): S3Client {
  const key = JSON.stringify([settings.region, settings.endpoint, settings.credentials?.accessKeyId, settings.timeoutMs]);
  let client = clients.get(key);
  if (!client) {
    client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      // Compatible services (MinIO, s3rver) answer on one host: bucket in the path, not the host name.
      forcePathStyle: Boolean(settings.endpoint),
      credentials: settings.credentials,
      // Checksums only where S3 requires them: streamed bodies then go as plain bodies, not aws-chunked, which compatible services may not decode.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      // A silent S3 must not hold a member's request (or a backup) for ever (the SDK waits for ever by default).
      // An idle-socket timeout, not one for the whole transfer, so a large backup that keeps flowing is not cut off. Two attempts.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: Math.min(settings.timeoutMs ?? 5_000, 5_000), socketTimeout: settings.timeoutMs ?? 30_000 },
    });
    clients.set(key, client);
  }
  return client;
}

export type S3Bucket = ReturnType<typeof s3Bucket>;

/** The few calls we make on one bucket. */
export function s3Bucket(settings: S3Settings) {
  const client = s3Client(settings);
  const Bucket = settings.bucket;
  // The calls a member waits on: S3 down, slow or refusing becomes a 409 "try again" on the form, not a 500; a missing key stays itself.
  const send = (async (command: Parameters<S3Client["send"]>[0]) => {
    try {
      return await client.send(command);
    } catch (error) {
      if (isMissing(error)) throw error;
      logger.warn({ err: error instanceof Error ? error.message : String(error), command: command.constructor.name }, "S3 call failed");
      throw new DomainError("conflict", "errors:storageUnavailable");
    }
  }) as S3Client["send"];
  return {
    settings,
    async put(key: string, body: Uint8Array, contentType: string) {
      await send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async get(key: string): Promise<Buffer | null> {
      try {
        const answer = await send(new GetObjectCommand({ Bucket, Key: key }));
        return Buffer.from(await answer.Body!.transformToByteArray());
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async head(key: string): Promise<{ size: number; contentType: string | undefined } | null> {
      try {
        const answer = await send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: answer.ContentLength ?? 0, contentType: answer.ContentType };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    /** A local file streamed up (backups: too large to hold in memory). */
    async putFile(key: string, file: string, contentType: string) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: createReadStream(file),
          ContentLength: statSync(file).size,
          ContentType: contentType,
        }),
      );
    },
    async getToFile(key: string, file: string) {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      await pipeline(answer.Body as Readable, createWriteStream(file));
    },
    /** Every key under `prefix` (S3 pages by 1,000). */
    async list(prefix: string): Promise<{ key: string; size: number }[]> {
      const keys: { key: string; size: number }[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (o.Key) keys.push({ key: o.Key, size: o.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    async delete(key: string) {
      await send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    /** A GET link valid for `seconds`, which tells caches to keep the bytes no longer than the link lives. */
    signedGetUrl(key: string, seconds: number, contentType: string) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseCacheControl: `private, max-age=${seconds}`,
          ResponseContentType: contentType,
          ResponseContentDisposition: "inline",
        }),
        { expiresIn: seconds },
      );
    },
    /**
     * A browser form that may upload exactly one object: this key, this content type, at most
     * `maxBytes`. The conditions are signed, so the browser cannot widen them.
     */
    presignedPost(key: string, contentType: string, maxBytes: number, seconds: number) {
      return createPresignedPost(client, {
        Bucket,
        Key: key,
        Conditions: [
          ["eq", "$key", key],
          ["eq", "$Content-Type", contentType],
          ["content-length-range", 1, maxBytes],
        ],
        Fields: { "Content-Type": contentType },
        Expires: seconds,
      });
    },
  };
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}
