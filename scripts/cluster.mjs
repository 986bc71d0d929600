// `npm run cluster`: N web processes and one worker process of build/server.js behind a load
// balancer on one machine, the shape of a deployment with several instances (docs/operations.md).
// nginx when it is on PATH (CLUSTER_PROXY=nginx|node to choose), otherwise the round-robin proxy in
// scripts/round-robin-proxy.mjs. The integration test tests/integration/platform/scale-out.test.ts
// starts the same thing through `startCluster`.
/* global fetch */
import { spawn, spawnSync } from "node:child_process";
import { setTimeout } from "node:timers";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startRoundRobinProxy } from "./round-robin-proxy.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function nginxAvailable() {
  return spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0;
}

/**
 * One `node build/server.js` on a port, restartable on the same port.
 * @param {{ name: string, args?: string[], env: Record<string, string | undefined>, readyText: string, port?: number, echo?: boolean }} options
 */
function managedProcess(options) {
  let child = null;
  let output = "";
  const handle = {
    name: options.name,
    port: options.port,
    output: () => output,
    async start() {
      output = "";
      child = spawn(process.execPath, ["build/server.js", ...(options.args ?? [])], {
        cwd: root,
        env: { ...options.env, ...(options.port ? { PORT: String(options.port) } : {}) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      // The last 64 KB only (a long-running cluster logs every request); `npm run cluster` also shows everything.
      const keep = (chunk) => {
        output = (output + chunk).slice(-65_536);
        if (options.echo) process.stdout.write(`[${options.name}] ${chunk}`);
      };
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      const deadline = Date.now() + 60_000;
      while (!output.includes(options.readyText)) {
        if (child.exitCode !== null || Date.now() > deadline) {
          child.kill("SIGKILL");
          throw new Error(`${options.name} did not start:\n${output.slice(-3000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** SIGTERM, and the exit code once it stopped (in-flight requests finish first). */
    async stop(signal = "SIGTERM") {
      if (!child || child.exitCode !== null) return child?.exitCode ?? null;
      const exited = once(child, "exit");
      child.kill(signal);
      const [code] = await exited;
      return code;
    },
    async restart() {
      const code = await handle.stop();
      await handle.start();
      return code;
    },
  };
  return handle;
}

/** nginx in front of `upstreams`, in the foreground, with its files in `dir`. */
export async function startNginx({ port, upstreams, dir, exposeUpstream = false }) {
  mkdirSync(path.join(dir, "tmp"), { recursive: true });
  const config = `# Written by scripts/cluster.mjs
worker_processes 1;
daemon off;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  client_max_body_size 20m;
  upstream quitpath {
    # Never mark a process down: a restarting one refuses connections, and the next one answers.
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://quitpath;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A refused or reset connection is tried on the next process (POSTs only when nothing was sent).
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 0;
      # Live streams (SSE) go out as they are written.
      proxy_buffering off;
      proxy_read_timeout 1h;
${exposeUpstream ? "      add_header X-Upstream $upstream_addr always;\n" : ""}    }
  }
}
`;
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, config);
  const child = spawn("nginx", ["-c", file, "-p", dir], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx did not start:\n${output}${readFileSync(path.join(dir, "error.log"), "utf8")}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    kind: "nginx",
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGQUIT");
      await exited;
    },
  };
}

/**
 * Starts the worker (jobs; the embedded database when no DATABASE_URL), then the web processes,
 * then the load balancer.
 * @param {{ web?: number, port?: number, proxy?: "auto" | "nginx" | "node", env?: Record<string, string | undefined>, exposeUpstream?: boolean, echo?: boolean }} options
 */
export async function startCluster(options = {}) {
  const count = options.web ?? 2;
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), "quitpath-cluster-"));
  const base = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production", ...options.env };
  const started = [];
  let embedded = null;
  let proxy = null;
  const stop = async () => {
    await proxy?.stop();
    await Promise.all(started.filter((p) => p.name !== "worker").map((p) => p.stop()));
    await started.find((p) => p.name === "worker")?.stop();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (!base.DATABASE_URL) {
      // One database for every process: started here, as the single server would start it for itself.
      const { startEmbeddedPostgres } = await import(pathToFileURL(path.join(root, "build/server.js")).href);
      embedded = await startEmbeddedPostgres({ dir: path.resolve(root, base.DATA_DIR ?? ".data", "cluster-postgres") });
      base.DATABASE_URL = embedded.url;
    }
    const appUrl = base.APP_URL ?? `http://127.0.0.1:${port}`;
    // The worker migrates (and seeds, when asked) before any web process starts.
    const worker = managedProcess({
      name: "worker",
      args: ["--worker"],
      env: { ...base, APP_URL: appUrl, WORKERS: "on" },
      readyText: "QuitPath workers are running",
      echo: options.echo,
    });
    started.push(worker);
    await worker.start();
    const webPorts = await Promise.all(Array.from({ length: count }, () => freePort()));
    const web = webPorts.map((webPort, i) =>
      managedProcess({
        name: `web-${i + 1}`,
        port: webPort,
        env: {
          ...base,
          APP_URL: appUrl,
          HOST: "127.0.0.1",
          WORKERS: "off",
          WEB_CONCURRENCY: "1",
          SEED_DEMO_DATA: "off",
          TRUST_PROXY: base.TRUST_PROXY ?? "1",
        },
        readyText: "QuitPath is running",
        echo: options.echo,
      }),
    );
    started.push(...web);
    await Promise.all(web.map((p) => p.start()));
    const kind = options.proxy && options.proxy !== "auto" ? options.proxy : nginxAvailable() ? "nginx" : "node";
    proxy =
      kind === "nginx"
        ? await startNginx({ port, upstreams: webPorts, dir, exposeUpstream: options.exposeUpstream })
        : await startRoundRobinProxy({ port, upstreams: webPorts, exposeUpstream: options.exposeUpstream });
    return {
      url: proxy.url,
      proxy: kind,
      worker,
      web,
      databaseUrl: base.DATABASE_URL,
      /** SIGTERM each web process in turn, waiting until its replacement listens before the next. */
      async rollingRestart() {
        const codes = [];
        for (const process of web) codes.push(await process.restart());
        return codes;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

const entry = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : "";
if (entry === import.meta.url) {
  const web = Number(process.env.CLUSTER_WEB ?? 2);
  const cluster = await startCluster({
    web,
    port: Number(process.env.PORT ?? 3000),
    proxy: process.env.CLUSTER_PROXY ?? "auto",
    echo: true,
  });
  console.log(`QuitPath cluster: ${web} web processes and one worker behind ${cluster.proxy} at ${cluster.url}`);
  const shutdown = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
