import { randomUUID } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";

type Version = { id: string; value: string; stages: string[]; created: Date };

/**
 * A loopback stand-in for AWS Secrets Manager's JSON protocol (POST, X-Amz-Target:
 * secretsmanager.GetSecretValue), with versions and the AWSCURRENT / AWSPREVIOUS stages.
 */
export async function startSecretsManager(): Promise<{
  endpoint: string;
  /** Stores a new version as AWSCURRENT; the one before becomes AWSPREVIOUS (what a rotation does). */
  put: (name: string, value: string | Record<string, string>) => void;
  reads: () => number;
  close: () => Promise<void>;
}> {
  const secrets = new Map<string, Version[]>();
  let reads = 0;
  const fail = (res: ServerResponse, status: number, type: string, message: string) => {
    res.writeHead(status, { "Content-Type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify({ __type: type, message }));
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const target = req.headers["x-amz-target"];
      if (req.method !== "POST" || target !== "secretsmanager.GetSecretValue")
        return fail(res, 400, "InvalidRequestException", `unsupported ${String(target)}`);
      if (!/AWS4-HMAC-SHA256/.test(String(req.headers.authorization ?? "")))
        return fail(res, 400, "UnrecognizedClientException", "unsigned request");
      reads++;
      const input = JSON.parse(body || "{}") as { SecretId?: string; VersionStage?: string; VersionId?: string };
      const id = input.SecretId ?? "";
      // An ARN names the secret with a six-character suffix; a plain name is the name.
      const arn = /^arn:aws:secretsmanager:[^:]+:\d+:secret:(.+)-[A-Za-z0-9]{6}$/.exec(id);
      const name = arn ? arn[1]! : id;
      const versions = secrets.get(name);
      if (!versions) return fail(res, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
      const version = input.VersionId
        ? versions.find((v) => v.id === input.VersionId)
        : versions.find((v) => v.stages.includes(input.VersionStage ?? "AWSCURRENT"));
      if (!version)
        return fail(res, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label");
      res.writeHead(200, { "Content-Type": "application/x-amz-json-1.1" });
      res.end(
        JSON.stringify({
          ARN: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`,
          Name: name,
          VersionId: version.id,
          SecretString: version.value,
          VersionStages: version.stages,
          CreatedDate: version.created.getTime() / 1000,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    put: (name, value) => {
      const versions = secrets.get(name) ?? [];
      for (const v of versions) v.stages = v.stages.includes("AWSCURRENT") ? ["AWSPREVIOUS"] : [];
      versions.push({
        id: randomUUID(),
        value: typeof value === "string" ? value : JSON.stringify(value),
        stages: ["AWSCURRENT"],
        created: new Date(),
      });
      secrets.set(name, versions);
    },
    reads: () => reads,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
