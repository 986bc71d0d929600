import { useEffect, useRef, useState } from "react";

/**
 * The tab's one EventSource (/resources/stream), shared by the header's counts and the open
 * conversation. Components subscribe by event type; a conversation page names its conversation
 * and the last seq it has, and the stream is reopened for it (the server then sends what is missing).
 */
type Handler = (data: string) => void;

const EVENT_TYPES = ["unread", "coach-unread", "message", "edit", "read", "typing", "handoff", "call"] as const;
export type LiveEventType = (typeof EVENT_TYPES)[number];

const handlers = new Map<LiveEventType, Set<Handler>>();
const statusListeners = new Set<(live: boolean) => void>();
let source: EventSource | null = null;
let watched: { conversationId: string; lastSeq: () => number } | null = null;
let watchedCall: string | null = null;
let users = 0;
let reopenScheduled = false;

function setStatus(live: boolean) {
  for (const fn of statusListeners) fn(live);
}

function open() {
  reopenScheduled = false;
  source?.close();
  source = null;
  if (users === 0 || typeof EventSource === "undefined") return;
  const query = new URLSearchParams(watched ? { conversation: watched.conversationId, after: String(watched.lastSeq()) } : {});
  if (watchedCall) query.set("call", watchedCall);
  const url = query.toString() ? `/resources/stream?${query}` : "/resources/stream";
  const next = new EventSource(url);
  for (const type of EVENT_TYPES) {
    next.addEventListener(type, (event) => {
      for (const fn of handlers.get(type) ?? []) fn((event as MessageEvent<string>).data);
    });
  }
  next.onopen = () => setStatus(true);
  next.onerror = () => setStatus(false);
  source = next;
}

// Several components mount in one render: open once, after all of them have said what they want.
function reopenSoon() {
  if (reopenScheduled) return;
  reopenScheduled = true;
  queueMicrotask(open);
}

function retain(): () => void {
  users++;
  if (!source) reopenSoon();
  return () => {
    users--;
    if (users === 0) reopenSoon();
  };
}

/** Calls `handler` with the data of every `type` event on the tab's stream (opening it if needed). */
export function useLiveEvent(type: LiveEventType, handler: Handler): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const fn: Handler = (data) => latest.current(data);
    let set = handlers.get(type);
    if (!set) handlers.set(type, (set = new Set()));
    set.add(fn);
    const release = retain();
    return () => {
      set.delete(fn);
      release();
    };
  }, [type]);
}

/** Whether the stream is connected now (for a small "live" indicator). */
export function useLiveStatus(): boolean {
  const [live, setLive] = useState(false);
  useEffect(() => {
    statusListeners.add(setLive);
    return () => void statusListeners.delete(setLive);
  }, []);
  return live;
}

/** Makes the tab's stream carry this conversation while the component is mounted; `lastSeq` is read at each (re)open. */
export function useConversationStream(conversationId: string, lastSeq: () => number): void {
  const latest = useRef(lastSeq);
  latest.current = lastSeq;
  useEffect(() => {
    watched = { conversationId, lastSeq: () => latest.current() };
    const release = retain();
    reopenSoon();
    return () => {
      if (watched?.conversationId === conversationId) watched = null;
      release();
      reopenSoon();
    };
  }, [conversationId]);
}

/**
 * Puts the tab in a session's call while `sessionId` is set: the stream is reopened with it, so the
 * server records the join (and, when it closes, the leave) and delivers the call's `call` events.
 */
export function useCallStream(sessionId: string | null): void {
  useEffect(() => {
    if (!sessionId) return;
    watchedCall = sessionId;
    const release = retain();
    reopenSoon();
    return () => {
      if (watchedCall === sessionId) watchedCall = null;
      release();
      reopenSoon();
    };
  }, [sessionId]);
}
