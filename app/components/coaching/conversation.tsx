import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { bucketForm, requestTicket, type DirectUploadSettings } from "~/components/community/direct-upload";
import { useConversationStream, useLiveEvent, useLiveStatus } from "~/components/realtime/live-stream";
import { formatDateTime } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { EDIT_WINDOW_MS, mergeMessages, type ChatMessage, type ChatSide } from "~/modules/coaching/messages";
import type { ConversationView } from "~/modules/coaching/conversations.server";

type Shown = ChatMessage & { pending?: "sending" | "failed" };

export type ConversationProps = {
  view: ConversationView;
  /** A fresh client id for the form without JavaScript (a resubmitted page reuses it: one message). */
  clientId: string;
  /** An error key a post without JavaScript came back with. */
  errorKey?: string | null;
  locale: AppLocale;
  timeZone: string;
  /** The server's time when the page was made (which own messages may still be edited). */
  now: string;
  /** With STORAGE=s3 a photo goes straight to the bucket (presigned POST) and the message names its key. */
  directUpload?: DirectUploadSettings;
};

const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];

/**
 * The message as it is posted: with direct uploads, its photo is first sent to the bucket by the
 * form the server signed, and the message carries the key instead of the file. An error key otherwise.
 */
async function withPhotoInBucket(body: FormData, settings: DirectUploadSettings): Promise<{ body: FormData } | { error: string }> {
  const photo = body.get("photo");
  if (!settings || !(photo instanceof File) || photo.size === 0) return { body };
  if (!PHOTO_TYPES.includes(photo.type)) return { error: "chat:errors.photoType" };
  if (photo.size > settings.maxBytes) return { error: "chat:errors.photoTooLarge" };
  try {
    const { ticket } = await requestTicket(photo.type);
    if (!ticket) return { error: "chat:errors.photoNotSent" };
    const sent = await fetch(ticket.url, { method: "POST", body: bucketForm(ticket, photo) });
    if (!sent.ok) return { error: "chat:errors.photoNotSent" };
    const message = new FormData();
    for (const [name, value] of body.entries()) if (name !== "photo") message.append(name, value);
    message.set("uploadedPhoto", ticket.key);
    return { body: message };
  } catch {
    return { error: "chat:errors.photoNotSent" };
  }
}

type Answer =
  { ok: true; result: { message?: ChatMessage; readSeq?: number } } | { ok: false; submission?: { error?: Record<string, string[]> } };

/**
 * A conversation between a member and their coach. Every form posts to the conversation's resource
 * route and works without JavaScript; with it, sends are instant (an optimistic message under its
 * client id, replaced by the server's), and the tab's live stream brings the other side's messages,
 * "seen" and typing. The list is a labelled log; a polite live region announces the other side's messages.
 */
export function Conversation({ view, clientId, errorKey, locale, timeZone, now: serverNow, directUpload = null }: ConversationProps) {
  const { t } = useTranslation("chat");
  const action = `/resources/conversations/${view.conversationId}`;
  const [messages, setMessages] = useState<Shown[]>(view.messages);
  const [otherReadSeq, setOtherReadSeq] = useState(view.otherReadSeq);
  const [typingUntil, setTypingUntil] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(errorKey ?? null);
  const [editing, setEditing] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  const [scripted, setScripted] = useState(false);
  const live = useLiveStatus();
  const lastSeq = useRef(view.lastSeq);
  const readSent = useRef(view.ownReadSeq);
  const lastTypingSent = useRef(0);
  const listRef = useRef<HTMLOListElement>(null);
  const failedBodies = useRef(new Map<string, FormData>());

  useEffect(() => {
    setScripted(true);
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    setMessages((current) => mergeMessages(current, view.messages));
    lastSeq.current = Math.max(lastSeq.current, view.lastSeq);
  }, [view.messages, view.lastSeq]);

  const post = useCallback(
    async (body: FormData): Promise<Answer> => {
      try {
        const response = await fetch(`${action}?live=1`, { method: "POST", body, headers: { Accept: "application/json" } });
        return (await response.json()) as Answer;
      } catch {
        return { ok: false };
      }
    },
    [action],
  );

  const markRead = useCallback(
    (seq: number) => {
      if (seq <= readSent.current || typeof document === "undefined" || document.visibilityState !== "visible") return;
      readSent.current = seq;
      const body = new FormData();
      body.set("intent", "mark-read");
      body.set("seq", String(seq));
      void post(body);
    },
    [post],
  );

  useConversationStream(view.conversationId, () => lastSeq.current);
  useLiveEvent("message", (data) => {
    const message = JSON.parse(data) as ChatMessage;
    lastSeq.current = Math.max(lastSeq.current, message.seq);
    setMessages((current) => mergeMessages(current, [message]));
    if (message.side !== view.side || message.fromAiCoach) {
      setTypingUntil(0);
      setAnnouncement(t("newMessage", { name: view.counterpartName, text: message.body || t("newPhoto") }));
      markRead(message.seq);
    }
  });
  useLiveEvent("edit", (data) => {
    const message = JSON.parse(data) as ChatMessage;
    setMessages((current) => mergeMessages(current, [message]));
  });
  useLiveEvent("read", (data) => {
    const { seq } = JSON.parse(data) as { seq: number };
    setOtherReadSeq((current) => Math.max(current, seq));
  });
  useLiveEvent("typing", (data) => {
    const { expiresInMs } = JSON.parse(data) as { expiresInMs: number };
    setTypingUntil(Date.now() + expiresInMs);
  });
  useEffect(() => {
    if (typingUntil === 0) return;
    const timer = setTimeout(() => setTypingUntil(0), Math.max(0, typingUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [typingUntil]);
  useEffect(() => {
    const onVisible = () => markRead(lastSeq.current);
    document.addEventListener("visibilitychange", onVisible);
    markRead(lastSeq.current);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [markRead]);
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length]);

  const errorOf = (answer: Answer) =>
    answer.ok ? null : (Object.values(answer.submission?.error ?? {}).flat()[0] ?? "errors:badRequest.title");

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = new FormData(form);
    const text = String(body.get("body") ?? "").trim();
    const photo = body.get("photo");
    if (!text && !(photo instanceof File && photo.size > 0)) return setError("chat:errors.bodyRequired");
    const id = crypto.randomUUID();
    body.set("clientId", id);
    const optimistic: Shown = {
      id,
      seq: 0,
      clientId: id,
      side: view.side,
      fromAiCoach: false,
      body: text,
      html: "",
      photoUrl: null,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
      pending: "sending",
    };
    setError(null);
    setMessages((current) => [...current, optimistic]);
    form.reset();
    await deliver(body, id);
  }

  async function deliver(body: FormData, id: string) {
    // A retry starts again from the file: the bucket's copy was taken (and deleted) by the server already.
    const ready = await withPhotoInBucket(body, directUpload);
    const answer: Answer = "body" in ready ? await post(ready.body) : { ok: false, submission: { error: { photo: [ready.error] } } };
    if (answer.ok && answer.result.message) {
      const message = answer.result.message;
      lastSeq.current = Math.max(lastSeq.current, message.seq);
      readSent.current = Math.max(readSent.current, message.seq);
      setMessages((current) => mergeMessages(current, [message]));
    } else {
      setError(errorOf(answer));
      // Kept with its client id: "try again" sends the same id, so it is stored once whatever happened.
      setMessages((current) => current.map((m) => (m.clientId === id && m.seq === 0 ? { ...m, pending: "failed" } : m)));
      failedBodies.current.set(id, body);
    }
  }
  function retry(id: string) {
    const body = failedBodies.current.get(id);
    if (!body) return;
    failedBodies.current.delete(id);
    setMessages((current) => current.map((m) => (m.clientId === id && m.seq === 0 ? { ...m, pending: "sending" } : m)));
    void deliver(body, id);
  }

  async function change(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const answer = await post(new FormData(event.currentTarget));
    if (answer.ok && answer.result.message) {
      const message = answer.result.message;
      setMessages((current) => mergeMessages(current, [message]));
      setEditing(null);
      setError(null);
    } else setError(errorOf(answer));
  }

  function onTyping() {
    if (Date.now() - lastTypingSent.current < 3_000) return;
    lastTypingSent.current = Date.now();
    const body = new FormData();
    body.set("intent", "typing");
    void post(body);
  }

  const lastSeenOwn = messages.filter((m) => m.side === view.side && !m.fromAiCoach && m.seq > 0 && m.seq <= otherReadSeq).at(-1)?.seq ?? 0;
  const sideName = (side: ChatSide) => (side === view.side ? t("you") : view.counterpartName);

  return (
    <section aria-labelledby="conversation-title" className="flex flex-col gap-3" data-live={live ? "true" : "false"}>
      <h2 id="conversation-title" className="text-lg font-semibold">
        {t("withCoach", { name: view.counterpartName })}
      </h2>
      {view.olderBefore ? (
        <a href={`?before=${view.olderBefore}`} className="text-sm font-semibold text-emerald-800 underline">
          {t("loadOlder")}
        </a>
      ) : null}
      <ol
        ref={listRef}
        role="log"
        aria-live="off"
        aria-label={t("messagesLabel", { name: view.counterpartName })}
        tabIndex={0}
        className="flex max-h-[60vh] flex-col gap-2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-3"
      >
        {messages.length === 0 ? <li className="text-sm text-slate-600">{t("empty")}</li> : null}
        {messages.map((m) => {
          const own = m.side === view.side && !m.fromAiCoach;
          const changeable = own && m.seq > 0 && !m.deleted && now - new Date(m.createdAt).getTime() < EDIT_WINDOW_MS;
          return (
            <li
              key={m.seq > 0 ? `s${m.seq}` : `c${m.clientId}`}
              id={m.seq === lastSeq.current ? "latest" : undefined}
              data-testid="chat-message"
              data-seq={m.seq}
              data-side={m.side}
              data-from-ai-coach={m.fromAiCoach ? "" : undefined}
              className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${m.fromAiCoach ? "self-center border border-sky-200 bg-sky-50" : own ? "self-end bg-emerald-50" : "self-start bg-slate-100"}`}
            >
              <p className="text-xs font-semibold text-slate-700">
                {m.fromAiCoach ? t("fromAiCoach") : sideName(m.side)} ·{" "}
                <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, locale, timeZone)}</time>
                {m.editedAt && !m.deleted ? ` · ${t("edited")}` : ""}
              </p>
              {m.deleted ? (
                <p className="text-slate-600 italic">{t("deleted")}</p>
              ) : m.pending ? (
                <p className="whitespace-pre-line">{m.body}</p>
              ) : (
                // renderMarkdown's output: every character of the text escaped, only its own safe tags.
                <div data-testid="message-body" className="prose-sm [&_a]:underline" dangerouslySetInnerHTML={{ __html: m.html }} />
              )}
              {m.photoUrl ? <img src={m.photoUrl} alt={t("photoAlt")} className="mt-2 max-h-64 rounded" loading="lazy" /> : null}
              {m.pending === "sending" ? <p className="text-xs text-slate-600">{t("sending")}</p> : null}
              {m.pending === "failed" ? (
                <p className="text-xs text-red-800">
                  {t("failed")}{" "}
                  <button type="button" className="underline" onClick={() => retry(m.clientId)}>
                    {t("retry")}
                  </button>
                </p>
              ) : null}
              {own && m.seq > 0 && m.seq === lastSeenOwn ? (
                <p data-testid="seen" className="text-xs text-emerald-800">
                  {t("seen")}
                </p>
              ) : null}
              {changeable ? (
                <div className="mt-1 flex gap-2 text-xs">
                  {editing === m.id ? (
                    <form method="post" action={action} onSubmit={scripted ? change : undefined} className="flex w-full flex-col gap-1">
                      <input type="hidden" name="intent" value="edit-message" />
                      <input type="hidden" name="messageId" value={m.id} />
                      <label className="sr-only" htmlFor={`edit-${m.id}`}>
                        {t("editLabel")}
                      </label>
                      <textarea
                        id={`edit-${m.id}`}
                        name="body"
                        defaultValue={m.body}
                        rows={2}
                        maxLength={4000}
                        className="rounded border p-1"
                      />
                      <span className="flex gap-2">
                        <button type="submit" className="underline">
                          {t("save")}
                        </button>
                        <button type="button" className="underline" onClick={() => setEditing(null)}>
                          {t("cancel")}
                        </button>
                      </span>
                    </form>
                  ) : (
                    <>
                      {scripted ? (
                        <button type="button" className="underline" onClick={() => setEditing(m.id)}>
                          {t("edit")}
                        </button>
                      ) : null}
                      <form method="post" action={action} onSubmit={scripted ? change : undefined}>
                        <input type="hidden" name="intent" value="delete-message" />
                        <input type="hidden" name="messageId" value={m.id} />
                        <button type="submit" className="underline">
                          {t("delete")}
                        </button>
                      </form>
                    </>
                  )}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="min-h-5 text-sm text-slate-600" data-testid="typing">
        {typingUntil > 0 ? t("typing", { name: view.counterpartName }) : ""}
      </p>
      <div aria-live="polite" role="status" className="sr-only" data-testid="chat-announcement">
        {announcement}
      </div>
      <form
        id="message-form"
        method="post"
        action={action}
        encType="multipart/form-data"
        onSubmit={scripted ? send : undefined}
        data-photo-upload={directUpload ? "direct" : "form"}
        className="flex flex-col gap-2"
      >
        <input type="hidden" name="intent" value="send-message" />
        <input type="hidden" name="clientId" value={clientId} />
        <label htmlFor="message-body" className="text-sm font-medium">
          {t("messageLabel")}
        </label>
        <textarea
          id="message-body"
          name="body"
          rows={3}
          maxLength={4000}
          aria-describedby="message-hint message-error"
          onInput={scripted ? onTyping : undefined}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
          }}
          className="rounded-md border border-slate-300 p-2"
        />
        <p id="message-hint" className="text-xs text-slate-600">
          {t("markdownHint")}
        </p>
        <label className="text-sm">
          {t("photo")} {/* Its button and file name are wider than a 320 px phone: it takes the width there is, no more. */}
          <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" className="max-w-full text-sm" />
        </label>
        <ErrorList id="message-error" errors={error ? [error] : null} />
        <button type="submit" className={buttonClass("primary")}>
          {t("send")}
        </button>
      </form>
    </section>
  );
}
