import cluster, { type Worker } from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import { type Server } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { closeDb, db, queryCountsByRequest, requestScope, type RequestScope } from "./db/client.server";
import { EmbeddedDatabaseError, startEmbeddedPostgres, type EmbeddedDatabase } from "./db/embedded.server";
import { runMigrations } from "./db/migrate.server";
import { seedDemoData } from "./db/seed/demo";
import { appUrl, env, EnvError, type Env } from "./app/lib/env.server";
import { answerOutagesWith503, databaseConnections, markDraining, newestShippedMigration, readiness } from "./app/lib/health.server";
import { loadSecrets } from "./app/lib/secrets.server";
import { logger } from "./app/lib/logger.server";
import {
  collectProcessMetrics,
  gaugeOnScrape,
  labelledGaugeOnScrape,
  labelRoutes,
  listenForMetricsReplies,
  METRICS_CONTENT_TYPE,
  metricsText,
  metricsTokenMatches,
  recordHttp,
  serveClusterMetrics,
  type RouteLabel,
} from "./app/lib/metrics.server";
import { CLIENT_IP_HEADER } from "./app/lib/request.server";
import { flushRequestCounters, recordRequest } from "./app/modules/analytics/request-counters.server";
import { queueDepth } from "./app/modules/jobs/admin.server";
import { startJobs, type JobsHandle } from "./app/modules/jobs/worker.server";
import { endLiveStreams, liveSubscriberCount, stopListening } from "./app/modules/realtime/listener.server";
import { bucketOrigins, s3SettingsFrom } from "./app/modules/storage/s3.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that a browser did not send from one of our own pages.
 * Browsers send Origin (and Sec-Fetch-Site) on every POST; webhooks authenticate by signature instead.
 */
export function sameOriginOnly(expectedOrigin: () => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    // /unsubscribe: mail providers POST RFC 8058 one-click unsubscribes; the signed token is the authority.
    if (SAFE_METHODS.has(req.method) || req.path.startsWith("/webhooks/") || req.path === "/unsubscribe") return next();
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const sameSite = site === undefined || site === "same-origin";
    const sameOrigin =
      origin !== undefined && origin !== "null" && (origin === expectedOrigin() || origin === `${req.protocol}://${req.get("host")}`);
    if (sameSite && sameOrigin) return next();
    logger.warn({ event: "csrf.refused", method: req.method, path: req.path, origin: origin ?? null, site: site ?? null }, "csrf.refused");
    res.status(403).type("text/plain").send("Cross-origin request refused. / Yêu cầu từ trang khác đã bị từ chối.");
  };
}

/** For the load balancer and Prometheus, answered before the page machinery: liveness, readiness, metrics. */
function operationsEndpoints(config: Env) {
  const shipped = newestShippedMigration();
  const noStore = { "Cache-Control": "no-store" };
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.path === "/healthz") {
      res.locals.routeLabel.route = "healthz";
      return void res.status(200).set(noStore).type("text/plain").send("ok");
    }
    if (req.path === "/readyz") {
      res.locals.routeLabel.route = "readyz";
      const state = await readiness(db(), shipped);
      return void res
        .status(state.ready ? 200 : 503)
        .set(noStore)
        .json(state);
    }
    if (req.path === "/metrics") {
      res.locals.routeLabel.route = "metrics";
      if (!config.METRICS_TOKEN) return void res.status(404).set(noStore).type("text/plain").send("Not Found");
      if (!metricsTokenMatches(req.get("authorization"), config.METRICS_TOKEN))
        return void res
          .status(401)
          .set({ ...noStore, "WWW-Authenticate": 'Bearer realm="metrics"' })
          .type("text/plain")
          .send("Unauthorized");
      try {
        return void res
          .status(200)
          .set(noStore)
          .type(METRICS_CONTENT_TYPE)
          .send(await metricsText());
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "metrics not gathered");
        return void res.status(503).set(noStore).type("text/plain").send("metrics unavailable");
      }
    }
    next();
  };
}

/**
 * The security headers of every response. Helmet says what they are; it is asked once, at start-up,
 * with a placeholder for the nonce, so a request only sets finished strings (helmet would rebuild
 * and re-validate the policy on each one) and fills in its own nonce.
 */
export function securityHeaders(config: Env) {
  const placeholder = "NONCE-PLACEHOLDER";
  // With STORAGE=s3 the browser sends photos to the bucket and loads them from its signed links.
  const bucket = config.STORAGE === "s3" ? bucketOrigins(s3SettingsFrom(config)) : [];
  const headers = new Map<string, string>();
  const probe = {
    locals: { cspNonce: placeholder },
    setHeader: (name: string, value: unknown) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
  };
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", ...bucket],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...bucket],
        mediaSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.isHttps ? [] : null,
      },
    },
    strictTransportSecurity: config.isHttps ? { maxAge: 63072000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    // The same as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  })({} as Request, probe as unknown as Response, (error?: unknown) => {
    if (error) throw error;
  });
  const policy = headers.get("Content-Security-Policy");
  if (!policy?.includes(placeholder)) throw new Error("the Content-Security-Policy has no nonce");
  headers.delete("Content-Security-Policy");
  const policyParts = policy.split(placeholder);
  const fixed = [...headers];
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader("Content-Security-Policy", policyParts.join(res.locals.cspNonce as string));
    for (const [name, value] of fixed) res.setHeader(name, value);
    next();
  };
}

export function createHttpApp(serverBuild: ServerBuild, config: Env) {
  const build = labelRoutes(answerOutagesWith503(serverBuild));
  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY) app.set("trust proxy", config.TRUST_PROXY);

  app.use((req, res, next) => {
    res.locals.requestId = req.get("x-request-id")?.slice(0, 64) || randomUUID();
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.setHeader("X-Request-Id", res.locals.requestId);
    // A 304 must not carry a new CSP: the browser keeps its cached page, whose scripts hold the old nonce.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      if (status === 304) res.removeHeader("Content-Security-Policy");
      return writeHead(status, ...rest);
    }) as typeof res.writeHead;
    req.headers[CLIENT_IP_HEADER] = req.ip ?? "unknown";
    req.headers["x-request-id"] = res.locals.requestId;
    const started = process.hrtime.bigint();
    const scope: RequestScope = { queries: 0, memo: new Map() };
    const routeLabel: RouteLabel = { route: null, depth: -1 };
    res.locals.routeLabel = routeLabel;
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      recordRequest(res.statusCode, ms);
      recordHttp(routeLabel.route ?? "unmatched", req.method, res.statusCode, ms / 1000);
      if (config.NODE_ENV === "test") queryCountsByRequest.set(res.locals.requestId, scope.queries);
      // Paths only: query strings can carry reset tokens.
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms,
        },
        "request",
      );
    });
    requestScope.run(scope, next);
  });

  app.use(securityHeaders(config));
  // After the security headers, so the health and metrics answers carry the same ones as pages.
  app.use(operationsEndpoints(config));
  app.use(
    compression({
      // Live streams must not be buffered by compression.
      filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").includes("text/event-stream") && compression.filter(req, res),
    }),
  );
  app.use("/build", (_req, res, next) => ((res.locals.routeLabel.route = "static:build"), next()));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  // Only paths that name a file (favicon.svg, robots.txt) reach the disk; pages skip the stat.
  const publicFiles = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));
  app.use(sameOriginOnly(appUrl));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.NODE_ENV,
      getLoadContext: (req, res) => ({
        routeLabel: res.locals.routeLabel as RouteLabel,
        // A page load (not a client navigation's `.data` fetch): its HTML is rendered here, so large pre-rendered parts need not be in its data too.
        documentRequest: !req.path.endsWith(".data"),
        cspNonce: res.locals.cspNonce as string,
        requestId: res.locals.requestId as string,
        buildVersion: build.assets.version,
        buildAssets: build.assets,
      }),
    }),
  );
  return app;
}

export async function loadBuild(): Promise<ServerBuild> {
  const buildPath = path.resolve("build/remix/index.js");
  return (await import(pathToFileURL(buildPath).href)) as ServerBuild;
}

/**
 * Answers 503 on /readyz at once, keeps serving for SHUTDOWN_DRAIN_SECONDS (the load balancer stops
 * sending), then closes the listener, lets in-flight requests finish and releases the database.
 */
function shutdownOnSignal(
  server: Server | null,
  embedded: EmbeddedDatabase | null,
  jobs: JobsHandle | null = null,
  stopHttpProcesses: () => Promise<void> = async () => {},
) {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    markDraining();
    const drainMs = server ? env().SHUTDOWN_DRAIN_SECONDS * 1000 : 0;
    logger.info({ signal, drainMs }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown timed out; exiting");
      process.exit(1);
    }, 15_000 + drainMs);
    force.unref();
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    // Keep-alive connections are closed as soon as their current response is done.
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Live streams never finish on their own: each tells its client to reconnect (elsewhere) and ends.
      const streams = endLiveStreams();
      if (streams > 0) logger.info({ streams }, "live streams told to reconnect");
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      // A client that never reads, or a stream opened on a kept-alive connection meanwhile, is cut after 2 s.
      const stragglers = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearInterval(idleSweep);
      clearTimeout(stragglers);
    }
    await stopHttpProcesses();
    if (server)
      await flushRequestCounters(db()).catch((error: unknown) => logger.error({ err: String(error) }, "request counters not written"));
    await jobs?.stop();
    await stopListening();
    await closeDb();
    if (embedded) await embedded.stop();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

async function main() {
  let config: Env;
  try {
    // Secrets from Secrets Manager (SECRETS_SOURCE=aws) first: the same schema then validates them with the rest.
    await loadSecrets();
    config = env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // React picks its server build from NODE_ENV when the Remix build loads: keep it in step with the handler's mode.
  process.env.NODE_ENV = config.NODE_ENV;
  // With DATABASE_PASSWORD (or a URL from a secret) folded in; the database client and forked processes read it here.
  if (config.DATABASE_URL) process.env.DATABASE_URL = config.DATABASE_URL;

  let embedded: EmbeddedDatabase | null = null;
  if (!config.DATABASE_URL) {
    try {
      embedded = await startEmbeddedPostgres({
        dir: config.EMBEDDED_POSTGRES_DIR,
        port: config.EMBEDDED_POSTGRES_PORT,
        reset: config.EMBEDDED_POSTGRES_RESET === "on",
      });
    } catch (error) {
      if (!(error instanceof EmbeddedDatabaseError)) throw error;
      console.error(error.message);
      process.exit(1);
    }
    process.env.DATABASE_URL = embedded.url;
  }
  const databaseUrl = process.env.DATABASE_URL!;

  try {
    await runMigrations(databaseUrl);
  } catch (error) {
    console.error("Database migration failed; not starting.", error instanceof Error ? error.message : error);
    await embedded?.stop();
    process.exit(1);
  }

  // A deployment's migration step (a Kubernetes Job, an ECS run-task): migrate, then exit.
  if (process.argv.includes("--migrate")) {
    console.log("Migrations applied.");
    await embedded?.stop();
    process.exit(0);
  }

  let demo: Awaited<ReturnType<typeof seedDemoData>> | null = null;
  if (config.SEED_DEMO_DATA === "on") {
    const { db } = await import("./db/client.server");
    try {
      demo = await seedDemoData(db(), { onlyIfEmpty: true, history: true });
    } catch (error) {
      // Stop the embedded database too: left running, it would hold its folder and refuse the next start.
      console.error("Seeding the demo data failed; not starting.", error instanceof Error ? error.message : error);
      await embedded?.stop();
      process.exit(1);
    }
  }

  const workerOnly = process.argv.includes("--worker");
  let jobs: JobsHandle | null = null;
  try {
    const { db } = await import("./db/client.server");
    // Without workers pg-boss still starts, so this process can queue jobs for the worker processes.
    jobs = await startJobs(db(), databaseUrl, { workers: config.WORKERS === "on" || workerOnly });
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "background jobs did not start");
    if (workerOnly) process.exit(1);
  }
  if (workerOnly) {
    console.log("QuitPath workers are running (no HTTP).");
    shutdownOnSignal(null, embedded, jobs);
    return;
  }

  const announce = (port: number) => {
    const url = config.APP_URL ?? `http://localhost:${port}`;
    console.log(`\nQuitPath is running at ${url}`);
    console.log(embedded ? `Database: embedded PostgreSQL (data in ${config.EMBEDDED_POSTGRES_DIR})` : "Database: DATABASE_URL");
    if (demo && demo.logins.length > 0) {
      console.log(`\nDemo logins (${demo.seededNow ? "seeded just now" : "seeded on an earlier start"}):`);
      for (const login of demo.logins) console.log(`  ${login.role.padEnd(7)} ${login.email.padEnd(28)} password: ${login.password}`);
    }
    console.log("");
  };
  const processes = httpProcessCount(config);
  registerMetrics(config, { http: processes === 1, database: true });
  if (processes === 1) {
    shutdownOnSignal(await serveHttp(config, announce), embedded, jobs);
    return;
  }
  serveClusterMetrics();
  const http = forkHttpProcesses(processes, announce);
  shutdownOnSignal(null, embedded, jobs, http.stop);
}

/**
 * What /metrics reports from this process. Every process: Node's figures and its pool's size; HTTP
 * processes: their live streams; the process that answers for the server (the primary, or the only
 * process): the database's connections and the job queues, read once per scrape from Postgres.
 */
function registerMetrics(config: Env, role: { http: boolean; database: boolean }) {
  collectProcessMetrics();
  gaugeOnScrape(
    "quitpath_db_pool_max",
    "Connections each process's database pool may open (DATABASE_POOL_SIZE), summed",
    () => config.DATABASE_POOL_SIZE,
  );
  if (role.http) gaugeOnScrape("quitpath_live_streams", "Open Server-Sent Event streams (notifications, chat, calls)", liveSubscriberCount);
  if (!role.database) return;
  labelledGaugeOnScrape(
    "quitpath_db_connections",
    "Connections to the database by application (quitpath: request pools; -listen: live streams; -jobs: pg-boss) and state",
    ["application", "state"],
    async () => (await databaseConnections(db())).map((r) => ({ labels: { application: r.application, state: r.state }, value: r.count })),
  );
  labelledGaugeOnScrape(
    "quitpath_job_queue_depth",
    "Background jobs per queue and state (created, retry, active, failed) in pg-boss",
    ["queue", "state"],
    async () => (await queueDepth(db())).map((r) => ({ labels: { queue: r.queue, state: r.state }, value: r.count })),
  );
}

/** HTTP processes sharing the port: WEB_CONCURRENCY, or one per CPU core up to four. */
export function httpProcessCount(config: Pick<Env, "WEB_CONCURRENCY">): number {
  return config.WEB_CONCURRENCY ?? Math.min(availableParallelism(), 4);
}

/** Loads the Remix build and answers HTTP in this process. */
async function serveHttp(config: Env, onListening: (port: number) => void = () => {}): Promise<Server> {
  const build = await loadBuild();
  const app = createHttpApp(build, config);
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    onListening(typeof address === "object" && address ? address.port : config.PORT);
  });
  server.keepAliveTimeout = 65_000;
  // The platform report's per-minute counters: written every 15 seconds, never keeping the process alive.
  setInterval(() => {
    flushRequestCounters(db()).catch((error: unknown) => logger.error({ err: String(error) }, "request counters not written"));
  }, 15_000).unref();
  return server;
}

/**
 * The primary process keeps the database, the migrations and the background jobs, and forks the
 * HTTP processes, which share the port (Node's cluster hands connections out in turn). Everything
 * they share lives in Postgres (sessions, rate limits, live events through LISTEN/NOTIFY) and the
 * in-memory caches are keyed by versions, so any process may answer any request. A process that
 * dies after it listened is replaced; one that dies before it ever listened stops the server.
 */
function forkHttpProcesses(count: number, announce: (port: number) => void) {
  let stopping = false;
  let announced = false;
  const listened = new Set<Worker>();
  const fork = () => cluster.fork();
  cluster.on("listening", (worker, address) => {
    listened.add(worker);
    if (!announced && listened.size === count) {
      announced = true;
      announce(address.port);
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, "an HTTP process exited");
    if (listened.has(worker)) {
      listened.delete(worker);
      fork();
    } else {
      console.error("An HTTP process could not start; stopping.");
      process.kill(process.pid, "SIGTERM");
    }
  });
  for (let i = 0; i < count; i++) fork();
  return {
    /** Asks every HTTP process to finish its requests and exit, and waits for them. */
    async stop() {
      stopping = true;
      const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker && !worker.isDead());
      await Promise.all(
        running.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once("exit", () => resolve());
              worker.process.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

/** One forked HTTP process: the primary already started the database and the jobs. */
async function httpProcess() {
  // Each process reads (and refreshes) its own copy of the secrets.
  await loadSecrets();
  const config = env();
  process.env.NODE_ENV = config.NODE_ENV;
  const { db } = await import("./db/client.server");
  // pg-boss without workers, so the process can queue jobs for the primary's workers.
  const jobs = await startJobs(db(), process.env.DATABASE_URL!, { workers: false, queueOnly: true });
  registerMetrics(config, { http: true, database: false });
  listenForMetricsReplies();
  shutdownOnSignal(await serveHttp(config), null, jobs);
  // The primary is gone (killed without a chance to stop us): stop too rather than serve without it.
  process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
}

const entry = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : "";
if (entry === import.meta.url) {
  (cluster.isWorker ? httpProcess() : main()).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

// For scripts/cluster.mjs: one embedded database shared by the processes it starts.
export { startEmbeddedPostgres };
