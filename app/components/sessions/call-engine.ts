import { MAX_CANDIDATES_PER_MESSAGE, type CallSignal, type DeliveredCallSignal } from "~/modules/sessions/call";

export type CallStatus = "waiting" | "connecting" | "connected" | "reconnecting" | "peer-left" | "ended";

type EngineOptions = {
  sessionId: string;
  polite: boolean;
  iceServers: RTCIceServer[];
  /** The tracks to send now (camera or screen, microphone). */
  localTracks: () => { stream: MediaStream; video: MediaStreamTrack | null; audio: MediaStreamTrack | null };
  onRemoteStream: (stream: MediaStream | null) => void;
  onStatus: (status: CallStatus) => void;
  onSendFailed: (message: string) => void;
};

/** How long a "disconnected" connection may last before an ICE restart is asked for. */
const RESTART_AFTER_DISCONNECT_MS = 3000;

/**
 * One side of a 1:1 call: WebRTC perfect negotiation over our signalling route (posts) and the
 * tab's live stream (`call` events). Either side may join first or rejoin; a failed or lingering
 * disconnected connection is restarted (ICE restart), which survives a change of network.
 */
export class CallEngine {
  pc: RTCPeerConnection | null = null;
  private makingOffer = false;
  private ignoreOffer = false;
  private incoming: Promise<void> = Promise.resolve();
  private outgoing: Promise<void> = Promise.resolve();
  private queued: CallSignal[] = [];
  private sending = false;
  private disconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: EngineOptions) {}

  /** A `call` event from the stream, handled strictly in arrival order. */
  receive(data: string) {
    const message = JSON.parse(data) as DeliveredCallSignal | { kind: "ready" };
    this.incoming = this.incoming.then(() => this.handle(message)).catch((error: unknown) => console.warn("call signal", error));
  }

  /** Hangs up: the other side hears "bye" and waits; this side stops sending. */
  async hangUp(): Promise<void> {
    this.stopped = true;
    this.send({ kind: "bye" });
    this.closePeer();
    this.options.onStatus("ended");
    await this.outgoing;
  }

  /** Replaces what this side sends (another camera or microphone, or the screen) without renegotiating. */
  async replaceTrack(kind: "audio" | "video", track: MediaStreamTrack | null) {
    const sender = this.pc?.getSenders().find((s) => s.track?.kind === kind || (s.track === null && kindOfSender(this.pc!, s) === kind));
    if (sender) await sender.replaceTrack(track);
  }

  private async handle(message: DeliveredCallSignal | { kind: "ready" }) {
    if (this.stopped) return;
    switch (message.kind) {
      case "ready":
        // Our stream is listening: say we are here, and let the side already present offer (a live call needs nothing).
        if (this.pc && this.pc.connectionState === "connected") return;
        this.closePeer();
        this.send({ kind: "join" });
        this.options.onStatus("waiting");
        return;
      case "join":
        // The other side arrived (or came back): a fresh connection here, whose offer meets theirs.
        this.startPeer();
        return;
      case "bye":
        this.closePeer();
        this.options.onStatus("peer-left");
        return;
      case "offer":
      case "answer":
        return this.onDescription({ type: message.kind, sdp: message.sdp });
      case "candidate":
        for (const candidate of message.candidates) await this.onCandidate(candidate);
        return;
    }
  }

  private startPeer() {
    this.closePeer();
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    this.pc = pc;
    const { stream, video, audio } = this.options.localTracks();
    // Both transceivers always exist, so camera off, another device or the screen is a replaceTrack, never a renegotiation.
    if (audio) pc.addTrack(audio, stream);
    else pc.addTransceiver("audio", { direction: "sendrecv", streams: [stream] });
    if (video) pc.addTrack(video, stream);
    else pc.addTransceiver("video", { direction: "sendrecv", streams: [stream] });
    const remote = new MediaStream();
    pc.ontrack = ({ track, streams }) => {
      const source = streams[0];
      if (source) this.options.onRemoteStream(source);
      else {
        remote.addTrack(track);
        this.options.onRemoteStream(remote);
      }
    };
    pc.onnegotiationneeded = async () => {
      if (this.pc !== pc || pc.signalingState !== "stable") return;
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        const description = pc.localDescription;
        if (description && description.type === "offer") this.send({ kind: "offer", sdp: description.sdp });
      } catch (error) {
        console.warn("call offer", error);
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (this.pc !== pc) return;
      const json = candidate?.toJSON();
      this.send({
        kind: "candidate",
        candidates: [
          json
            ? {
                candidate: json.candidate ?? "",
                sdpMid: json.sdpMid ?? null,
                sdpMLineIndex: json.sdpMLineIndex ?? null,
                usernameFragment: json.usernameFragment ?? null,
              }
            : null,
        ],
      });
    };
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      const state = pc.connectionState;
      if (state === "connected") {
        this.clearDisconnectTimer();
        this.options.onStatus("connected");
      } else if (state === "disconnected") {
        this.options.onStatus("reconnecting");
        this.clearDisconnectTimer();
        this.disconnectTimer = setTimeout(() => {
          if (this.pc === pc && pc.connectionState === "disconnected") pc.restartIce();
        }, RESTART_AFTER_DISCONNECT_MS);
      } else if (state === "failed") {
        this.options.onStatus("reconnecting");
        pc.restartIce();
      } else if (state === "connecting") this.options.onStatus("connecting");
    };
    this.options.onStatus("connecting");
  }

  private async onDescription(description: RTCSessionDescriptionInit) {
    // An offer before any join (we arrived second): answer it on a fresh connection.
    if (!this.pc && description.type === "offer") this.startPeer();
    const pc = this.pc;
    if (!pc) return;
    const collision = description.type === "offer" && (this.makingOffer || pc.signalingState !== "stable");
    this.ignoreOffer = !this.options.polite && collision;
    if (this.ignoreOffer) return;
    if (description.type === "answer" && pc.signalingState !== "have-local-offer") return; // a late answer to a rolled-back offer
    await pc.setRemoteDescription(description); // an offer in have-local-offer rolls ours back (the polite side)
    if (pc.connectionState !== "connected") this.options.onStatus("connecting");
    if (description.type === "offer") {
      await pc.setLocalDescription();
      const answer = pc.localDescription;
      if (answer) this.send({ kind: "answer", sdp: answer.sdp });
    }
  }

  private async onCandidate(candidate: RTCIceCandidateInit | null) {
    const pc = this.pc;
    if (!pc) return;
    try {
      await pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      // Candidates of an offer we ignored, or of a connection we replaced, fail harmlessly.
      if (!this.ignoreOffer && pc.remoteDescription) console.warn("call candidate", error);
    }
  }

  /**
   * Messages leave one at a time, in order (an answer never overtakes its offer); candidates queued
   * while a post is in flight go together in the next one, so trickle ICE costs one post per batch.
   */
  private send(message: CallSignal) {
    const last = this.queued.at(-1);
    if (
      message.kind === "candidate" &&
      last?.kind === "candidate" &&
      last.candidates.length + message.candidates.length <= MAX_CANDIDATES_PER_MESSAGE
    ) {
      last.candidates.push(...message.candidates);
    } else this.queued.push(message);
    if (this.sending) return;
    this.sending = true;
    this.outgoing = this.drain();
  }

  private async drain() {
    for (let next = this.queued.shift(); next; next = this.queued.shift()) {
      try {
        const response = await fetch(`/resources/calls/${this.options.sessionId}`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(next),
        });
        if (!response.ok) {
          const answer = (await response.json().catch(() => null)) as { error?: string } | null;
          this.options.onSendFailed(answer?.error ?? String(response.status));
        }
      } catch {
        this.options.onSendFailed("network");
      }
    }
    this.sending = false;
  }

  private clearDisconnectTimer() {
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    this.disconnectTimer = null;
  }

  private closePeer() {
    this.clearDisconnectTimer();
    const pc = this.pc;
    this.pc = null;
    this.makingOffer = false;
    this.ignoreOffer = false;
    if (pc) {
      pc.ontrack = pc.onnegotiationneeded = pc.onicecandidate = pc.onconnectionstatechange = null;
      pc.close();
    }
    this.options.onRemoteStream(null);
  }
}

function kindOfSender(pc: RTCPeerConnection, sender: RTCRtpSender): string | undefined {
  return pc.getTransceivers().find((t) => t.sender === sender)?.receiver.track.kind;
}

/** Frames of the other side's video decoded so far (the page shows it as a live figure, and tests read it). */
export async function remoteFramesDecoded(pc: RTCPeerConnection): Promise<number> {
  let frames = 0;
  (await pc.getStats()).forEach((report: { type?: string; kind?: string; framesDecoded?: number }) => {
    if (report.type === "inbound-rtp" && report.kind === "video") frames += report.framesDecoded ?? 0;
  });
  return frames;
}
