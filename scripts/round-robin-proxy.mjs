// A small round-robin HTTP proxy for machines without nginx (scripts/cluster.mjs uses it then): what
// the scale-out test needs of a load balancer and no more. Each request goes to the next process; a
// refused connection is tried on the next one (any method: nothing was sent), a connection reset
// before the answer only for safe methods, as nginx's `proxy_next_upstream error` does.
import { Buffer } from "node:buffer";
import http from "node:http";
import { setTimeout } from "node:timers";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];

/** @param {{ port: number, upstreams: number[], host?: string, exposeUpstream?: boolean }} options */
export async function startRoundRobinProxy({ port, upstreams, host = "127.0.0.1", exposeUpstream = false }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const headers = { ...req.headers };
      for (const name of HOP_BY_HOP) delete headers[name];
      headers["x-forwarded-for"] = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
      headers["x-forwarded-proto"] = "http";
      if (body.length > 0) headers["content-length"] = String(body.length);
      forward(req, res, headers, body, 0, false);
    });
  });

  function forward(req, res, headers, body, attempt, fresh) {
    const upstream = upstreams[next++ % upstreams.length];
    // A retry goes out on a new connection: the pooled one may be what the stopping process closed.
    const outgoing = http.request({
      host: "127.0.0.1",
      port: upstream,
      method: req.method,
      path: req.url,
      headers,
      agent: fresh ? false : agent,
    });
    let answered = false;
    outgoing.on("response", (answer) => {
      answered = true;
      const out = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete out[name];
      if (exposeUpstream) out["x-upstream"] = `127.0.0.1:${upstream}`;
      res.writeHead(answer.statusCode ?? 502, out);
      res.flushHeaders();
      answer.pipe(res);
      res.on("close", () => answer.destroy());
    });
    outgoing.on("error", (error) => {
      if (answered) return res.destroy();
      const refused = error.code === "ECONNREFUSED";
      const resetBeforeAnswer = error.code === "ECONNRESET" || error.message === "socket hang up";
      if (attempt < upstreams.length * 2 && (refused || (resetBeforeAnswer && (SAFE.has(req.method ?? "GET") || outgoing.reusedSocket)))) {
        return void setTimeout(() => forward(req, res, headers, body, attempt + 1, true), refused ? 0 : 5);
      }
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
      res.end("Bad gateway");
    });
    req.on("aborted", () => outgoing.destroy());
    outgoing.end(body);
  }

  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    kind: "node",
    url: `http://${host}:${port}`,
    async stop() {
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      agent.destroy();
    },
  };
}
