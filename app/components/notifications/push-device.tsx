import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type State = "unsupported" | "blocked" | "off" | "on";
type Answer = { ok: boolean; result?: { messageKey: string | null; values?: Record<string, string | number> } };

async function post(fields: Record<string, string>): Promise<Answer> {
  const response = await fetch("/resources/push-subscriptions", { method: "POST", body: new URLSearchParams(fields) });
  return (await response.json()) as Answer;
}

/** This device's push notifications: turn on/off, lock-screen details, and a test notification. Browser-only; the page works without it. */
export function PushDevice() {
  const { t } = useTranslation("notifications");
  const [state, setState] = useState<State>("unsupported");
  const [details, setDetails] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window)) return;
    if (Notification.permission === "denied") return setState("blocked");
    void navigator.serviceWorker.ready.then(async (registration) =>
      setState((await registration.pushManager.getSubscription()) ? "on" : "off"),
    );
  }, []);

  const turnOn = async () => {
    if ((await Notification.requestPermission()) !== "granted") return setState("blocked");
    const { publicKey } = (await (await fetch("/resources/push-subscriptions")).json()) as { publicKey: string };
    const registration = await navigator.serviceWorker.ready;
    const key = Uint8Array.from(atob(publicKey.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const subscription = (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key })).toJSON();
    const answer = await post({
      intent: "subscribe",
      endpoint: subscription.endpoint ?? "",
      p256dh: subscription.keys?.p256dh ?? "",
      auth: subscription.keys?.auth ?? "",
      ...(details ? { lockScreenDetails: "on" } : {}),
    });
    setState(answer.ok ? "on" : "off");
    if (!answer.ok) setMessage(t("push.invalid"));
  };

  const turnOff = async () => {
    const subscription = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
    if (subscription) {
      await post({ intent: "unsubscribe", endpoint: subscription.endpoint }).catch(() => undefined);
      await subscription.unsubscribe();
    }
    setState("off");
  };

  const sendTest = async () => {
    const answer = await post({ intent: "send-test" });
    setMessage(answer.result?.messageKey ? t(answer.result.messageKey, answer.result.values) : null);
  };

  const button = "min-h-11 rounded-md px-4 py-2 text-sm font-semibold";
  return (
    <section aria-labelledby="push-device-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="push-device-heading" className="text-lg font-semibold">
        {t("push.title")}
      </h2>
      <p className="text-slate-700">{t("push.intro")}</p>
      {state === "unsupported" ? <p>{t("push.unsupported")}</p> : null}
      {state === "blocked" ? <p>{t("push.blocked")}</p> : null}
      {state === "off" ? (
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            aria-pressed={details}
            onClick={() => setDetails(!details)}
            className={`${button} border border-slate-300 aria-pressed:bg-emerald-50`}
          >
            {t("push.lockScreen")}
          </button>
          <button type="button" onClick={() => void turnOn()} className={`${button} bg-emerald-700 text-white`}>
            {t("push.enable")}
          </button>
        </div>
      ) : null}
      {state === "on" ? (
        <div className="flex flex-wrap gap-3">
          <button type="button" onClick={() => void sendTest()} className={`${button} bg-emerald-700 text-white`}>
            {t("push.sendTest")}
          </button>
          <button type="button" onClick={() => void turnOff()} className={`${button} border border-slate-300`}>
            {t("push.disable")}
          </button>
        </div>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
