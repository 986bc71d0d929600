import { z } from "zod";

/**
 * The video call of a session: who may be in it, when, and the signalling messages the two
 * browsers exchange through our server (WebRTC perfect negotiation; the coach is the impolite side).
 */

/** The room opens this long before the start and closes when the session ends. */
export const CALL_OPENS_BEFORE_MS = 10 * 60_000;
/** A signalling body larger than this is refused (413); an SDP offer with audio and video is a few kB. */
export const MAX_SIGNAL_BYTES = 16 * 1024;

export type CallRole = "member" | "coach";

export function callWindow(session: { startsAt: Date; endsAt: Date }) {
  return { opensAt: new Date(session.startsAt.getTime() - CALL_OPENS_BEFORE_MS), closesAt: session.endsAt };
}

/** Where a session's call stands now: open only while confirmed and inside its window. */
export function callPhase(
  session: { status: string; startsAt: Date; endsAt: Date },
  now: Date,
): "open" | "not-yet" | "over" | "not-confirmed" {
  if (session.status !== "confirmed") return session.status === "requested" ? "not-confirmed" : "over";
  const { opensAt, closesAt } = callWindow(session);
  if (now < opensAt) return "not-yet";
  if (now >= closesAt) return "over";
  return "open";
}

/** Perfect negotiation: the polite side rolls back its own offer when both offer at once. */
export function isPolite(role: CallRole): boolean {
  return role === "member";
}

const sdp = z.string().min(1).max(MAX_SIGNAL_BYTES);

export const MAX_CANDIDATES_PER_MESSAGE = 32;

const candidateSchema = z
  .object({
    candidate: z.string().max(2048),
    sdpMid: z.string().max(64).nullish(),
    sdpMLineIndex: z.number().int().min(0).max(255).nullish(),
    usernameFragment: z.string().max(256).nullish(),
  })
  .strict();

export const callSignalSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("offer"), sdp }).strict(),
  z.object({ kind: z.literal("answer"), sdp }).strict(),
  z
    .object({
      kind: z.literal("candidate"),
      // The ICE candidates gathered since the last message, in order; null is the end of this side's candidates.
      candidates: z.array(candidateSchema.nullable()).min(1).max(MAX_CANDIDATES_PER_MESSAGE),
    })
    .strict(),
  /** "I am here": the side already in the room starts a fresh connection for the newcomer. */
  z.object({ kind: z.literal("join") }).strict(),
  /** "I left": the other side stops its connection and waits. */
  z.object({ kind: z.literal("bye") }).strict(),
]);

export type CallSignal = z.infer<typeof callSignalSchema>;

/** What the recipient's stream delivers: the message and who sent it. */
export type DeliveredCallSignal = CallSignal & { from: CallRole };

/** The coach's private note on a session (written from the call page); empty clears it. */
export const sessionNoteSchema = z.object({
  note: z.preprocess((v) => (typeof v === "string" ? v.trim() : (v ?? "")), z.string().max(4000, "call:errors.noteTooLong")),
});
