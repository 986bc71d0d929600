import { z } from "zod";
import { CONTROL_CHARACTERS } from "~/modules/community/control-characters";

/** The longest chat message, in characters of Markdown source. */
export const MAX_MESSAGE_LENGTH = 4000;
/** A sender may edit or delete their own message for this long after sending it. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Older messages are paged in by this many. */
export const MESSAGES_PAGE_SIZE = 30;

/** Which side of a conversation someone is on. */
export type ChatSide = "member" | "coach";

export const otherSide = (side: ChatSide): ChatSide => (side === "member" ? "coach" : "member");

/** A chat message as the page and the live stream carry it: Markdown already rendered to safe HTML. */
export type ChatMessage = {
  id: string;
  seq: number;
  clientId: string;
  side: ChatSide;
  /** Posted by the AI coach on handing the member over (a summary, on the member's side): nobody's own, never editable. */
  fromAiCoach: boolean;
  /** The Markdown source (the sender edits it); empty once deleted. */
  body: string;
  /** renderMarkdown(body): the only HTML a message ever contributes to a page. */
  html: string;
  /** The photo's URL (a guarded resource), or null. */
  photoUrl: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
};

const body = z
  .string({ required_error: "chat:errors.bodyRequired" })
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .max(MAX_MESSAGE_LENGTH, "chat:errors.bodyTooLong")
      .refine((text) => !new RegExp(CONTROL_CHARACTERS.source).test(text), "chat:errors.bodyInvalid"),
  );

const clientId = z.string({ required_error: "chat:errors.clientIdInvalid" }).uuid("chat:errors.clientIdInvalid");

/** What a sender posts: the browser's id for the message (a retry sends the same one) and its text; a photo may stand alone. */
export const sendMessageSchema = z.object({ clientId, body: body.optional().default("") });

export const editMessageSchema = z.object({
  messageId: z.string().uuid("chat:errors.messageNotFound"),
  body: body.refine((text) => text.length > 0, "chat:errors.bodyRequired"),
});

export const deleteMessageSchema = z.object({ messageId: z.string().uuid("chat:errors.messageNotFound") });

export const markReadSchema = z.object({ seq: z.coerce.number().int().min(0).max(2_000_000_000) });

/** For callers that skip the form schema (seeds, benchmarks): the same rules, as a yes/no. */
export function isSendableBody(text: string): boolean {
  return text.length <= MAX_MESSAGE_LENGTH && !new RegExp(CONTROL_CHARACTERS.source).test(text);
}

/** Whether the sender may still change (edit or delete) their message at `now`. */
export function withinEditWindow(message: { createdAt: Date; deletedAt: Date | null }, now: Date): boolean {
  return message.deletedAt === null && now.getTime() - message.createdAt.getTime() <= EDIT_WINDOW_MS;
}

/** The sequence number from a Last-Event-ID header or an `after` parameter: a whole number ≥ 0, else 0 (send everything). */
export function parseAfterSeq(value: string | null | undefined): number {
  if (!value || !/^\d{1,10}$/.test(value.trim())) return 0;
  const n = Number(value.trim());
  return n <= 2_000_000_000 ? n : 0;
}

/**
 * Merges messages by sequence number (the live stream, a reconnect's catch-up and the page may
 * each bring the same one): one entry per seq, the later copy winning, ordered by seq. An
 * optimistic message (seq 0) is dropped once the server's copy with its client id arrives.
 */
export function mergeMessages<M extends { seq: number; clientId: string }>(current: M[], incoming: M[]): M[] {
  const bySeq = new Map<number, M>();
  const pending: M[] = [];
  for (const message of [...current, ...incoming]) {
    if (message.seq > 0) bySeq.set(message.seq, message);
    else pending.push(message);
  }
  const confirmed = new Set([...bySeq.values()].map((m) => m.clientId));
  return [...[...bySeq.values()].sort((a, b) => a.seq - b.seq), ...pending.filter((m) => !confirmed.has(m.clientId))];
}
