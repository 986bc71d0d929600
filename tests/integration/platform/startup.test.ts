import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { request } from "node:http";
import { createSignedInUser, DEFAULT_TEST_PASSWORD } from "#db/seed/factories";
import { runServerToExit, startServerProcess } from "../../setup/processes";
import { testDb } from "../../setup/db";

describe("start-up and shutdown", () => {
  it("stops start-up with one readable line per bad configuration value", async () => {
    const { code, output } = await runServerToExit({
      PORT: "eighty",
      NODE_ENV: "production",
      SESSION_SECRET: "",
      DATABASE_URL: "mysql://nope",
    });
    expect(code).toBe(1);
    expect(output).toContain("Invalid configuration");
    expect(output).toMatch(/PORT .*number/i);
    expect(output).toContain("SESSION_SECRET is required in production");
    expect(output).toContain("DATABASE_URL must be a postgres:// connection URL");
    expect(output).not.toContain("mysql://nope");
  });

  it("finishes in-flight requests, closes the pool and exits 0 on SIGTERM", async () => {
    const server = await startServerProcess({ LOG_LEVEL: "info" });
    const { user } = await createSignedInUser(testDb());
    const body = new URLSearchParams({ intent: "sign-in", email: user.email, password: DEFAULT_TEST_PASSWORD }).toString();
    const { port } = new URL(server.url);
    // A sign-in whose body is still arriving when the signal comes: it is in flight, and must complete.
    const answer = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/login",
          headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => void server.child.kill("SIGTERM"), 300);
      setTimeout(() => req.end(body.slice(10)), 600);
    });
    expect(await answer.catch((e) => `${e} ${server.output()}`)).toBe(302);
    const code = await server.stop("SIGTERM");
    expect(code).toBe(0);
    expect(server.output()).toContain("stopped");
  });

  it("has a committed migration for every schema change", () => {
    expect(inject("schemaDrift"), "run `npm run db:generate` and commit the migration").toEqual([]);
  });
});
