import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * Starts `node build/server.js` as its own process (the production entry), waiting until it listens
 * (or, with `--worker` in `args`, until its workers run).
 */
export async function startServerProcess(
  env: Record<string, string | undefined>,
  options: { args?: string[] } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  let output = "";
  const args = options.args ?? [];
  const readyText = args.includes("--worker") ? "QuitPath workers are running" : "QuitPath is running";
  const child = spawn(process.execPath, ["build/server.js", ...args], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      SESSION_SECRET: "integration-tests-session-secret-0123456789",
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO_DATA: "off",
      WORKERS: "off",
      // One HTTP process unless a test asks for more: tests that need two processes start two servers.
      WEB_CONCURRENCY: "1",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (output.includes(readyText)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      // Already gone (a signal leaves exitCode null and sets signalCode).
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, "exit") as Promise<[number | null]>;
      child.kill(signal);
      const [code] = await exited;
      return code;
    },
  };
}

/** Runs the server entry and waits for it to exit (for start-up failures). */
export async function runServerToExit(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  let output = "";
  const child = spawn(process.execPath, ["build/server.js"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, output };
}
