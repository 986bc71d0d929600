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
