import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "@remix-run/react";
import { Conversation, type ConversationProps } from "~/components/coaching/conversation";
import type { AppLocale } from "~/lib/i18n";
import type { CallRole } from "~/modules/sessions/call";
import { CallNeedsScript, CallRoom } from "./call-room";

export type CallPageData = {
  sessionId: string;
  role: CallRole;
  phase: "open" | "not-yet" | "over" | "not-confirmed";
  peerName: string;
  when: string;
  opensAt: string;
  iceServers: RTCIceServer[];
  chat: Omit<ConversationProps, "locale" | "timeZone"> | null;
};

/**
 * Both sides' call page: the room (or why it is not open now), the chat beside it, and what the
 * page adds for its side (the coach's view of the member). One column on a phone, two on a wide screen.
 */
export function CallPage({
  data,
  backHref,
  chatHref,
  locale,
  timeZone,
  beside,
  below,
}: {
  data: CallPageData;
  backHref: string;
  chatHref: string;
  locale: AppLocale;
  timeZone: string;
  /** Beside the video, above the chat (the coach's view of the member's figures). */
  beside?: ReactNode;
  /** Under the video (the coach's session note and plan proposal). */
  below?: ReactNode;
}) {
  const { t } = useTranslation("call");
  return (
    <div className="space-y-6">
      <p>
        <Link to={backHref} className="text-sm font-semibold text-emerald-800 underline">
          {t("back")}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{t("title", { name: data.peerName })}</h1>
        <p className="text-slate-700">{data.when}</p>
      </header>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {data.phase === "open" ? (
            <CallNeedsScript chatHref={chatHref}>
              <CallRoom
                sessionId={data.sessionId}
                role={data.role}
                iceServers={data.iceServers}
                peerName={data.peerName}
                afterHref={backHref}
                chatHref={chatHref}
              />
            </CallNeedsScript>
          ) : (
            <p className="rounded-xl border border-slate-200 bg-white p-4" data-call-closed={data.phase}>
              {data.phase === "not-yet"
                ? t("closed.notYet", { time: data.opensAt })
                : data.phase === "not-confirmed"
                  ? t("closed.notConfirmed")
                  : t("closed.over")}
            </p>
          )}
          {below}
        </div>
        <aside className="space-y-6" aria-label={t("besideCall")}>
          {beside}
          {data.chat ? (
            <Conversation {...data.chat} locale={locale} timeZone={timeZone} />
          ) : (
            <p className="text-sm text-slate-700">{t("noChat")}</p>
          )}
        </aside>
      </div>
    </div>
  );
}
