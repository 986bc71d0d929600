import { useLocation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import { type AppLocale } from "~/lib/i18n";
import {
  flushQueue,
  forgetQueuedLog,
  QUEUED_INTENTS,
  queuedLogs,
  saveQueuedLog,
  SYNC_TAG,
  todayIn,
  type QueuedIntent,
  type QueuedLog,
} from "~/service-worker/offline-queue";
import { InstallPrompt } from "./install-prompt";
import {
  OFFLINE_PAGES,
  PAGES_CACHE,
  pageCacheKey,
  pageOf,
  QUEUEABLE_ACTIONS,
  SERVED_COPIES_KEY,
  type ServedCopies,
  type WorkerMessage,
} from "~/service-worker/policy";

/** A check-in or log form's post: the action it posts to is one whose logs may wait on the device. */
function queueableForm(target: EventTarget | null, formData: FormData): target is HTMLFormElement {
  if (!(target instanceof HTMLFormElement)) return false;
  const action = new URL(target.action, location.href).pathname;
  return (
    (QUEUEABLE_ACTIONS as readonly string[]).includes(action) &&
    (QUEUED_INTENTS as readonly string[]).includes(String(formData.get("intent")))
  );
}

/** Why the page on screen is a saved copy: no network at all, or a network that failed or was too slow (the worker served it). */
type Banner = { kind: "offline" | "stale"; savedAt: string | null };

type Props = { memberKey: string; timeZone: string; locale: AppLocale };

function tellWorker(message: WorkerMessage) {
  void navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage(message));
}

/** The member layout's phone-app part: registers the service worker, queues logs made offline, sends them back, and says when a page is an offline copy. */
export function PhoneApp({ memberKey, timeZone, locale }: Props) {
  const { t } = useTranslation("phoneApp");
  const revalidator = useRevalidator();
  const [queue, setQueue] = useState<QueuedLog[]>([]);
  const [banner, setBanner] = useState<Banner | undefined>(undefined);
  const location = useLocation();
  const [justQueued, setJustQueued] = useState(false);

  const reload = useCallback(async () => {
    if (typeof indexedDB === "undefined") return;
    setQueue(await queuedLogs(memberKey));
  }, [memberKey]);

  const flush = useCallback(async () => {
    if (!navigator.onLine || typeof indexedDB === "undefined") return;
    const { sent } = await flushQueue(memberKey);
    await reload();
    if (sent > 0) revalidator.revalidate();
  }, [memberKey, reload, revalidator]);

  // Registered here only, so public pages never load the worker.
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
    tellWorker({ type: "member", memberKey, warm: OFFLINE_PAGES });
    const onMessage = (event: MessageEvent<{ type?: string }>) => {
      if (event.data?.type === "queue-changed") {
        void reload();
        revalidator.revalidate();
      }
      if (event.data?.type === "served-copy") window.dispatchEvent(new Event("quitpath:served-copy"));
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per member
  }, [memberKey]);

  // Sends what waits on every load and whenever the connection returns (where Background Sync is missing, this is the way).
  useEffect(() => {
    void reload().then(flush);
    const onOnline = () => void flush();
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [reload, flush]);

  // The banner over a saved copy: offline (the copy's date from the saved page itself), or served by the worker because
  // the network failed or was too slow (it notes which pages it answered so, and forgets once the network answers again).
  useEffect(() => {
    const check = async () => {
      const url = new URL(window.location.href);
      const pages = typeof caches !== "undefined" && (await caches.has(PAGES_CACHE)) ? await caches.open(PAGES_CACHE) : null;
      const copies = ((await (await pages?.match(SERVED_COPIES_KEY))?.json()) ?? {}) as Partial<ServedCopies>;
      const copy = copies[pageOf(url).page];
      // A copy recorded by an earlier worker (a bare date) reads as "served because the network was slow".
      const served = typeof copy === "string" ? { savedAt: copy, unreachable: false } : copy;
      if (!navigator.onLine || served?.unreachable) {
        const saved = await pages?.match(pageCacheKey(url));
        return setBanner({ kind: "offline", savedAt: saved?.headers.get("X-QuitPath-Saved-At") ?? (served?.savedAt || null) });
      }
      setBanner(served ? { kind: "stale", savedAt: served.savedAt || null } : undefined);
    };
    void check();
    const events = ["online", "offline", "quitpath:served-copy"];
    for (const name of events) window.addEventListener(name, check);
    return () => {
      for (const name of events) window.removeEventListener(name, check);
    };
  }, [location.key]);

  // Every check-in or log form's post carries a client id and the member's day, so a post the worker keeps on the
  // device (a failed or too slow network) and the same post landing late store one row.
  useEffect(() => {
    const onFormData = (event: FormDataEvent) => {
      if (!queueableForm(event.target, event.formData)) return;
      event.formData.set("clientId", crypto.randomUUID());
      if (!event.formData.get("date")) event.formData.set("date", todayIn(timeZone));
    };
    window.addEventListener("formdata", onFormData, true);
    return () => window.removeEventListener("formdata", onFormData, true);
  }, [timeZone]);

  // Offline, a check-in or log form is saved on the device instead of posted (capture phase: before Remix's own handler).
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      if (navigator.onLine || typeof indexedDB === "undefined") return;
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const formData = new FormData(form, event.submitter);
      if (!queueableForm(form, formData)) return;
      const intent = String(formData.get("intent"));
      event.preventDefault();
      event.stopImmediatePropagation();
      const fields: Record<string, string> = {};
      for (const [name, value] of formData) if (typeof value === "string" && name !== "intent") fields[name] = value;
      const date = fields.date || todayIn(timeZone);
      const log: QueuedLog = {
        clientId: fields.clientId || crypto.randomUUID(),
        intent: intent as QueuedIntent,
        date,
        fields,
        memberKey,
        queuedAt: new Date().toISOString(),
        status: "pending",
      };
      void saveQueuedLog(log).then(async () => {
        setJustQueued(true);
        await reload();
        const registration = await navigator.serviceWorker?.ready;
        const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
        await sync?.register(SYNC_TAG).catch(() => undefined);
      });
    };
    window.addEventListener("submit", onSubmit, true);
    return () => window.removeEventListener("submit", onSubmit, true);
  }, [memberKey, timeZone, reload]);

  const dismiss = async (clientId: string) => {
    await forgetQueuedLog(clientId);
    await reload();
  };

  return (
    <>
      <InstallPrompt />
      {banner ? (
        <p
          role="status"
          data-offline-banner={banner.kind}
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950"
        >
          {banner.kind === "stale"
            ? banner.savedAt
              ? t("offline.staleBanner", { when: formatDateTime(banner.savedAt, locale, timeZone) })
              : t("offline.staleBannerUnknown")
            : banner.savedAt
              ? t("offline.banner", { when: formatDateTime(banner.savedAt, locale, timeZone) })
              : t("offline.bannerUnknown")}
        </p>
      ) : null}
      {justQueued && banner?.kind === "offline" ? (
        <p role="status" className="mb-4 text-slate-800">
          {t("queue.queuedOffline")}
        </p>
      ) : null}
      {queue.length > 0 ? (
        <section aria-labelledby="queued-logs-heading" data-queued-logs="" className="mb-6 rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="queued-logs-heading" className="text-base font-semibold">
            {t("queue.title")}
          </h2>
          <ul className="mt-2 space-y-2">
            {queue.map((log) => (
              <li key={log.clientId} data-queued-log={log.status} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {t(`queue.kinds.${log.intent}`, { date: log.date })}
                  {" · "}
                  <strong>
                    {log.status === "synced"
                      ? t("queue.synced")
                      : log.status === "rejected"
                        ? t("queue.rejected", { reason: (log.reasons ?? []).join(" ") })
                        : log.status === "signed-out"
                          ? t("queue.signInToSend")
                          : t("queue.pending")}
                  </strong>
                </span>
                {log.status === "synced" || log.status === "rejected" ? (
                  <button
                    type="button"
                    className="min-h-11 rounded-md px-3 text-sm font-semibold text-emerald-800 underline"
                    onClick={() => void dismiss(log.clientId)}
                  >
                    {t("queue.dismiss")}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
