import { type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "#db/client.server";
import { requireUser } from "~/modules/identity/auth.server";
import { countUnread } from "~/modules/notifications/centre.server";
import { subscribeToMember } from "~/modules/realtime/listener.server";

const HEARTBEAT_MS = 25_000;

/**
 * The member's unread count as Server-Sent Events: sent on connect and again whenever a notification
 * for them commits in any server process (Postgres LISTEN/NOTIFY through this process's one listener).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let last = -1;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      const pushCount = async () => {
        try {
          const count = await countUnread(db(), user.id);
          if (count !== last) {
            last = count;
            send(`event: unread\ndata: ${count}\n\n`);
          }
        } catch {
          // The database is briefly unreachable: the next notification or reconnect brings the count.
        }
      };
      send("retry: 5000\n\n");
      const unsubscribe = await subscribeToMember(user.id, () => void pushCount());
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", () => cleanup(), { once: true });
      await pushCount();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
