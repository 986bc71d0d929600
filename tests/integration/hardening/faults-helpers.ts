import { connect, createServer as createNetServer, type AddressInfo, type Socket } from "node:net";

export type LiveEvent = { event: string; data: string; retry?: number };

/** An SSE stream of a server, collecting its events (and `retry:` hints) until it ends. */
export async function openStream(base: string, pathname: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(new URL(pathname, base), { headers: { Cookie: cookie }, signal: controller.signal });
  const events: LiveEvent[] = [];
  const state = { ended: false, error: null as string | null };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const retry = /^retry: (\d+)$/m.exec(block)?.[1];
          if (event || retry) events.push({ event: event ?? "", data: data ?? "", retry: retry ? Number(retry) : undefined });
        }
      }
      state.ended = true;
    } catch (error) {
      state.error = String(error);
    }
  })();
  return {
    status: response.status,
    events,
    state,
    async until(check: (events: LiveEvent[]) => boolean, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check(events)) {
        if (Date.now() > deadline) throw new Error(`timed out; events so far: ${JSON.stringify(events).slice(0, 2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => controller.abort(),
  };
}

/** Polls `check` until it holds (errors count as not yet), failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await Promise.resolve()
      .then(check)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type ProxyMode = "pass" | "hang" | "refuse" | "slow";

/**
 * A loopback TCP proxy in front of a provider's stand-in, to make the provider fail on demand:
 * `hang` takes what is sent and never answers (nothing reaches the provider), `refuse` resets the
 * connection, `slow` lets the request through but holds the answer for `slowMs` (the provider acted;
 * the caller gave up first). The mode is read on every chunk, so kept-alive connections follow it too.
 */
export async function faultyProxy(target: string, slowMs = 5_000) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const state = { mode: "pass" as ProxyMode, connections: 0 };
  const server = createNetServer((client) => {
    state.connections++;
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    if (state.mode === "refuse") return void client.resetAndDestroy();
    const upstream = connect(Number(port), hostname);
    sockets.add(upstream);
    upstream.on("close", () => (sockets.delete(upstream), client.destroy()));
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    client.on("data", (chunk) => {
      if (state.mode === "refuse") return void client.resetAndDestroy();
      if (state.mode !== "hang") upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (state.mode === "hang") return;
      if (state.mode === "slow") return void setTimeout(() => client.writable && client.write(chunk), slowMs);
      if (client.writable) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    set: (mode: ProxyMode) => void (state.mode = mode),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** How long `work` took, in ms, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}
