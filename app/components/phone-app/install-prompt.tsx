import { useFetchers, useMatches } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Chromium's install event (not in the DOM typings). */
type BeforeInstallPromptEvent = Event & { prompt(): Promise<void>; userChoice: Promise<{ outcome: "accepted" | "dismissed" }> };

/** "offered" once the member answered (installed or dismissed): never asked again on this device. */
export const INSTALL_OFFER_KEY = "quitpath:install-offer";
/** Set when this device saw the member's check-in: the moment the offer makes sense. */
export const CHECKED_IN_KEY = "quitpath:checked-in";

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode): no offer rather than an error
  }
}
function store(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage blocked: the offer may come back, which is harmless
  }
}

/** Whether the page shows a check-in done: the dashboard says so, or a check-in post just came back. */
function useCheckedIn(): boolean {
  const matches = useMatches();
  const fetchers = useFetchers();
  const dashboard = matches.find((m) => m.id === "routes/app._index")?.data as
    { kind?: string; todayTotals?: { checkedIn?: boolean } } | undefined;
  const posted = fetchers.some(
    (f) => f.state === "loading" && f.formAction?.endsWith("/app/check-in") && f.formData?.get("intent") === "check-in",
  );
  return Boolean(dashboard?.kind === "dashboard" && dashboard.todayTotals?.checkedIn) || posted;
}

/** Offers to add QuitPath to the home screen once, after the member's first check-in, where the browser allows it. */
export function InstallPrompt() {
  const { t } = useTranslation("phoneApp");
  const checkedIn = useCheckedIn();
  const [event, setEvent] = useState<BeforeInstallPromptEvent | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (stored(INSTALL_OFFER_KEY)) return;
    const onPrompt = (e: Event) => {
      // Keep the browser's own mini-bar away: we ask at our moment instead.
      e.preventDefault();
      setEvent(e as BeforeInstallPromptEvent);
    };
    const onInstalled = () => {
      store(INSTALL_OFFER_KEY, "installed");
      setEvent(null);
    };
    window.addEventListener("beforeinstallprompt", onPrompt);
    window.addEventListener("appinstalled", onInstalled);
    return () => {
      window.removeEventListener("beforeinstallprompt", onPrompt);
      window.removeEventListener("appinstalled", onInstalled);
    };
  }, []);

  useEffect(() => {
    if (checkedIn) store(CHECKED_IN_KEY, "1");
    setReady(checkedIn || stored(CHECKED_IN_KEY) === "1");
  }, [checkedIn]);

  if (!event || !ready || stored(INSTALL_OFFER_KEY)) return null;

  const answer = (value: "installed" | "dismissed") => {
    store(INSTALL_OFFER_KEY, value);
    setEvent(null);
  };
  const install = async () => {
    await event.prompt();
    const choice = await event.userChoice.catch(() => ({ outcome: "dismissed" as const }));
    answer(choice.outcome === "accepted" ? "installed" : "dismissed");
  };

  return (
    <aside
      aria-labelledby="install-prompt-heading"
      data-install-prompt=""
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-emerald-200 bg-emerald-50 p-4"
    >
      <div>
        <h2 id="install-prompt-heading" className="text-base font-semibold text-emerald-950">
          {t("install.title")}
        </h2>
        <p className="text-sm text-emerald-950">{t("install.body")}</p>
      </div>
      <div className="flex gap-2">
        <button type="button" className="min-h-11 rounded-md bg-emerald-700 px-4 font-semibold text-white" onClick={() => void install()}>
          {t("install.accept")}
        </button>
        <button
          type="button"
          className="min-h-11 rounded-md px-4 font-semibold text-emerald-800 underline"
          onClick={() => answer("dismissed")}
        >
          {t("install.dismiss")}
        </button>
      </div>
    </aside>
  );
}
