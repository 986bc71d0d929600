import cluster from "node:cluster";
import { timingSafeEqual } from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import client from "prom-client";
import { remember } from "./remember.server";

/**
 * Prometheus metrics of this process (prom-client's global registry). Labels are bounded: a route's
 * Remix id (never the raw URL), the method, the status code, queue names and database states;
 * nothing a request carries (ids, tokens, query strings) becomes a label.
 */
type Recorder = {
  children: Map<string, { count: client.Counter.Internal; duration: client.Histogram.Internal<string> }>;
  requests: client.Counter;
  duration: client.Histogram;
};

const recorder = remember("metrics:http", (): Recorder => ({
  children: new Map(),
  requests: new client.Counter({
    name: "quitpath_http_requests_total",
    help: "HTTP responses by Remix route id, method and status code",
    labelNames: ["route", "method", "status"],
  }),
  duration: new client.Histogram({
    name: "quitpath_http_request_duration_seconds",
    help: "Time from the request's arrival to the end of its response, by Remix route id and method",
    labelNames: ["route", "method"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
}));

/** Counts one response; the labelled children are made once per route, method and status, so the hot path is a map lookup. */
export function recordHttp(route: string, method: string, status: number, seconds: number): void {
  const key = `${route} ${method} ${status}`;
  let child = recorder.children.get(key);
  if (!child) {
    child = {
      count: recorder.requests.labels(route, method, String(status)),
      duration: recorder.duration.labels(route, method),
    };
    recorder.children.set(key, child);
  }
  child.count.inc();
  child.duration.observe(seconds);
}

/** A gauge read only when scraped (no cost between scrapes). */
export function gaugeOnScrape(
  name: string,
  help: string,
  read: () => number | Promise<number>,
  options: { aggregator?: client.Aggregator } = {},
): void {
  if (client.register.getSingleMetric(name)) return;
  new client.Gauge({
    name,
    help,
    aggregator: options.aggregator ?? "sum",
    async collect() {
      this.set(await read());
    },
  });
}

/** A labelled gauge whose whole set of values is read when scraped, e.g. from one SQL statement. */
export function labelledGaugeOnScrape<L extends string>(
  name: string,
  help: string,
  labelNames: L[],
  read: () => Promise<{ labels: Record<L, string>; value: number }[]>,
): void {
  if (client.register.getSingleMetric(name)) return;
  new client.Gauge({
    name,
    help,
    labelNames,
    // Read once from the shared database: across processes it is the same figure, not a sum.
    aggregator: "max",
    async collect() {
      this.reset();
      try {
        for (const row of await read()) this.set(row.labels, row.value);
      } catch {
        // The database is unreachable: the figure is absent from this scrape, /readyz says why.
      }
    },
  });
}

const jobs = remember("metrics:jobs", () => ({
  finished: new client.Counter({
    name: "quitpath_jobs_finished_total",
    help: "Background jobs run by this process, by queue and outcome (completed, failed)",
    labelNames: ["queue", "outcome"],
  }),
}));

export function recordJob(queue: string, outcome: "completed" | "failed"): void {
  jobs.finished.inc({ queue, outcome });
}

/** Node's own figures (event loop lag, heap, CPU), once per process. */
export function collectProcessMetrics(): void {
  remember("metrics:default", () => {
    client.collectDefaultMetrics({ prefix: "quitpath_" });
    return true;
  });
}

export const METRICS_CONTENT_TYPE = client.register.contentType;

/** Whether a request's `Authorization: Bearer …` carries the configured token (constant time). */
export function metricsTokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const REQUEST = "quitpath:metrics-request";
const REPLY = "quitpath:metrics-reply";
// prom-client answers this message in every cluster worker with its registries as JSON.
const PROM_REQUEST = "prom-client:getMetricsReq";
const PROM_REPLY = "prom-client:getMetricsRes";

type Pending = { resolve: (text: string) => void; reject: (error: Error) => void };
const waiting = remember("metrics:waiting", () => ({ next: 0, pending: new Map<number, Pending>() }));

/**
 * The metrics of every process of this server as one text: in a cluster worker, asked of the
 * primary, which gathers its own and every HTTP process's (prom-client's aggregation: counters and
 * histograms summed, database figures once); otherwise this process's own.
 */
export async function metricsText(): Promise<string> {
  if (!cluster.isWorker)
    return cluster.isPrimary && Object.keys(cluster.workers ?? {}).length > 0 ? gatherCluster() : client.register.metrics();
  const id = waiting.next++;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.pending.delete(id);
      reject(new Error("the primary process did not send the metrics"));
    }, 5_000);
    waiting.pending.set(id, {
      resolve: (text) => (clearTimeout(timer), resolve(text)),
      reject: (error) => (clearTimeout(timer), reject(error)),
    });
    process.send!({ type: REQUEST, id });
  });
}

/** In an HTTP process: answers the primary's gathering, and hands its answers to the waiting /metrics requests. */
export function listenForMetricsReplies(): void {
  remember("metrics:replies", () => {
    // Constructed in a cluster worker, prom-client's registry answers the primary's requests for this process's metrics.
    new client.AggregatorRegistry();
    process.on("message", (message: { type?: string; id?: number; text?: string; error?: string }) => {
      if (message?.type !== REPLY || message.id === undefined) return;
      const pending = waiting.pending.get(message.id);
      waiting.pending.delete(message.id);
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(message.text ?? "");
    });
    return true;
  });
}

type RegistryJson = Awaited<ReturnType<typeof client.register.getMetricsAsJSON>>;
// prom-client's worker answer: one JSON array per registry of that process.
type WorkerReply = { type?: string; requestId?: string; metrics?: RegistryJson[]; error?: string };

/** In the primary: answers HTTP processes' requests for the cluster's metrics. */
export function serveClusterMetrics(): void {
  remember("metrics:primary", () => {
    cluster.on("message", (worker, message: { type?: string; id?: number }) => {
      if (message?.type !== REQUEST) return;
      gatherCluster().then(
        (text) => worker.isConnected() && worker.send({ type: REPLY, id: message.id, text }),
        (error: Error) => worker.isConnected() && worker.send({ type: REPLY, id: message.id, error: error.message }),
      );
    });
    return true;
  });
}

let gatherCount = 0;

async function gatherCluster(): Promise<string> {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is NonNullable<typeof w> => !!w && w.isConnected());
  const requestId = `quitpath-${process.pid}-${gatherCount++}`;
  const replies = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<RegistryJson[]>((resolve) => {
          // A process that is starting or stopping is left out of this scrape rather than failing it.
          const timer = setTimeout(() => (worker.off("message", onMessage), resolve([])), 3_000);
          function onMessage(message: WorkerReply) {
            if (message?.type !== PROM_REPLY || message.requestId !== requestId) return;
            clearTimeout(timer);
            worker.off("message", onMessage);
            resolve(message.error ? [] : (message.metrics ?? []));
          }
          worker.on("message", onMessage);
          worker.send({ type: PROM_REQUEST, requestId });
        }),
    ),
  );
  const own = await client.register.getMetricsAsJSON();
  return client.AggregatorRegistry.aggregate([own, ...replies.flat()]).metrics();
}

/** Where a request's route id is written while Remix handles it (carried in the load context). */
export type RouteLabel = { route: string | null; depth: number };

/**
 * The build with every loader and action noting its route id in the request's `RouteLabel` (the
 * deepest route that ran wins), and the document renderer noting the leaf of its matches: the
 * route a request reached, without matching the URL a second time.
 */
export function labelRoutes(build: ServerBuild): ServerBuild {
  const routes = build.routes;
  const depthOf = (id: string): number => (routes[id]?.parentId ? 1 + depthOf(routes[id]!.parentId!) : 0);
  const note = (context: unknown, id: string, depth: number) => {
    const label = (context as { routeLabel?: RouteLabel } | undefined)?.routeLabel;
    if (label && depth >= label.depth) {
      label.route = id;
      label.depth = depth;
    }
  };
  const labelled: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(routes)) {
    const depth = depthOf(id);
    const module = { ...route.module };
    for (const name of ["loader", "action"] as const) {
      const handler = route.module[name];
      if (handler)
        module[name] = ((args: Parameters<typeof handler>[0]) => {
          note(args.context, id, depth);
          return handler(args);
        }) as typeof handler;
    }
    labelled[id] = { ...route, module };
  }
  const render = build.entry.module.default;
  const entryModule = {
    ...build.entry.module,
    default: ((...args: Parameters<typeof render>) => {
      const matches = args[3].staticHandlerContext.matches;
      const leaf = matches[matches.length - 1]?.route.id;
      if (leaf) note(args[4], leaf, Number.MAX_SAFE_INTEGER);
      return render(...args);
    }) as typeof render,
  };
  return { ...build, routes: labelled, entry: { ...build.entry, module: entryModule } };
}
