import { describe, expect, it } from "vitest";
import { parseEnv } from "~/lib/env.server";
import { callPhase, callSignalSchema, callWindow, isPolite, MAX_CANDIDATES_PER_MESSAGE } from "./call";

const MINUTE = 60_000;
const startsAt = new Date("2026-03-29T09:00:00Z");
const session = { status: "confirmed", startsAt, endsAt: new Date(startsAt.getTime() + 45 * MINUTE) };

describe("the call window", () => {
  it("opens 10 minutes before the start and closes when the session ends", () => {
    expect(callWindow(session).opensAt).toEqual(new Date("2026-03-29T08:50:00Z"));
    expect(callPhase(session, new Date(startsAt.getTime() - 10 * MINUTE - 1))).toBe("not-yet");
    expect(callPhase(session, new Date(startsAt.getTime() - 10 * MINUTE))).toBe("open");
    expect(callPhase(session, new Date(session.endsAt.getTime() - 1))).toBe("open");
    expect(callPhase(session, session.endsAt)).toBe("over");
  });

  it("is open only for a confirmed session", () => {
    expect(callPhase({ ...session, status: "requested" }, startsAt)).toBe("not-confirmed");
    for (const status of ["cancelled", "completed", "missed"]) expect(callPhase({ ...session, status }, startsAt)).toBe("over");
  });

  it("makes the member the polite side, so the coach's offer wins a collision", () => {
    expect([isPolite("member"), isPolite("coach")]).toEqual([true, false]);
  });
});

describe("signalling messages", () => {
  it("accepts offers, answers, candidate batches, join and bye", () => {
    for (const message of [
      { kind: "offer", sdp: "v=0" },
      { kind: "answer", sdp: "v=0" },
      {
        kind: "candidate",
        candidates: [{ candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", sdpMid: "0", sdpMLineIndex: 0 }, null],
      },
      { kind: "join" },
      { kind: "bye" },
    ])
      expect(callSignalSchema.safeParse(message).success, JSON.stringify(message)).toBe(true);
  });

  it("refuses unknown kinds, extra fields, empty SDP and oversized batches", () => {
    for (const message of [
      { kind: "record" },
      { kind: "bye", html: "<b>" },
      { kind: "offer", sdp: "" },
      { kind: "offer" },
      { kind: "candidate", candidates: [] },
      { kind: "candidate", candidates: Array.from({ length: MAX_CANDIDATES_PER_MESSAGE + 1 }, () => null) },
      { kind: "candidate", candidates: [{ candidate: "x", sdpMLineIndex: -1 }] },
    ])
      expect(callSignalSchema.safeParse(message).success, JSON.stringify(message)).toBe(false);
  });
});

describe("ICE_SERVERS", () => {
  const base = { SESSION_SECRET: "x".repeat(32) };
  it("defaults to none, so calls connect directly on one network", () => {
    expect(parseEnv(base).ICE_SERVERS).toEqual([]);
  });

  it("reads STUN and TURN servers as JSON", () => {
    const servers = [
      { urls: "stun:stun.example.com:3478" },
      { urls: ["turn:turn.example.com:3478?transport=udp"], username: "u", credential: "p" },
    ];
    expect(parseEnv({ ...base, ICE_SERVERS: JSON.stringify(servers) }).ICE_SERVERS).toEqual(servers);
  });

  it("says what is wrong with a value that is not JSON or not servers", () => {
    expect(() => parseEnv({ ...base, ICE_SERVERS: "stun:stun.example.com" })).toThrow(/ICE_SERVERS must be JSON/);
    expect(() => parseEnv({ ...base, ICE_SERVERS: '[{"urls":"http://example.com"}]' })).toThrow(
      /ICE_SERVERS.*stun:, stuns:, turn: or turns:/s,
    );
  });
});
