import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCallStream, useLiveEvent } from "~/components/realtime/live-stream";
import { buttonClass } from "~/components/ui/button";
import { isPolite, type CallRole } from "~/modules/sessions/call";
import { CallEngine, remoteFramesDecoded, type CallStatus } from "./call-engine";

type Devices = { cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] };
type Phase = "check" | "in-call" | "left";

export type CallRoomProps = {
  sessionId: string;
  role: CallRole;
  iceServers: RTCIceServer[];
  peerName: string;
  /** Where to go after the call (the session's page), and the chat without JavaScript. */
  afterHref: string;
  chatHref: string;
};

const STATS_EVERY_MS = 1000;

function mediaError(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === "NotAllowedError" || name === "SecurityError") return "call:devices.denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "call:devices.none";
  if (name === "NotReadableError") return "call:devices.busy";
  return "call:devices.failed";
}

/**
 * The call: a device check (preview, camera and microphone pickers), then the 1:1 video with
 * mute, camera off, screen share (coach), hang up. Connection changes are announced in a polite
 * live region. The remote video carries `data-frames-decoded` (from getStats, refreshed every second),
 * the figure the page uses to tell a frozen picture from a live one — and what the browser tests read.
 */
export function CallRoom({ sessionId, role, iceServers, peerName, afterHref, chatHref }: CallRoomProps) {
  const { t } = useTranslation("call");
  const [phase, setPhase] = useState<Phase>("check");
  const [status, setStatus] = useState<CallStatus>("waiting");
  const [devices, setDevices] = useState<Devices>({ cameras: [], microphones: [] });
  const [cameraId, setCameraId] = useState("");
  const [microphoneId, setMicrophoneId] = useState("");
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [frames, setFrames] = useState(0);
  const [frozen, setFrozen] = useState(false);
  const [haveMedia, setHaveMedia] = useState(false);
  const local = useRef<MediaStream | null>(null);
  const screen = useRef<MediaStreamTrack | null>(null);
  const engine = useRef<CallEngine | null>(null);
  const localVideo = useRef<HTMLVideoElement>(null);
  const remoteVideo = useRef<HTMLVideoElement>(null);

  useCallStream(phase === "in-call" ? sessionId : null);
  useLiveEvent("call", (data) => engine.current?.receive(data));

  const showLocal = useCallback(() => {
    if (localVideo.current) localVideo.current.srcObject = local.current;
  }, []);

  /** (Re)opens the chosen camera and microphone; in a call the new tracks replace the old ones without renegotiating. */
  const openDevices = useCallback(
    async (camera: string, microphone: string) => {
      setErrorKey(null);
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          video: camera ? { deviceId: { exact: camera } } : true,
          audio: microphone ? { deviceId: { exact: microphone } } : true,
        });
        const previous = local.current;
        local.current = stream;
        stream.getAudioTracks().forEach((track) => (track.enabled = !muted));
        stream.getVideoTracks().forEach((track) => (track.enabled = !cameraOff));
        if (engine.current) {
          await engine.current.replaceTrack("audio", stream.getAudioTracks()[0] ?? null);
          if (!screen.current) await engine.current.replaceTrack("video", stream.getVideoTracks()[0] ?? null);
        }
        previous?.getTracks().forEach((track) => track.stop());
        showLocal();
        setHaveMedia(true);
        const all = await navigator.mediaDevices.enumerateDevices();
        setDevices({ cameras: all.filter((d) => d.kind === "videoinput"), microphones: all.filter((d) => d.kind === "audioinput") });
        setCameraId(stream.getVideoTracks()[0]?.getSettings().deviceId ?? camera);
        setMicrophoneId(stream.getAudioTracks()[0]?.getSettings().deviceId ?? microphone);
      } catch (error) {
        setErrorKey(mediaError(error));
      }
    },
    [muted, cameraOff, showLocal],
  );

  useEffect(() => {
    if (typeof navigator === "undefined" || !navigator.mediaDevices?.getUserMedia) {
      setErrorKey("call:devices.unsupported");
      return;
    }
    void openDevices("", "");
    return () => {
      local.current?.getTracks().forEach((track) => track.stop());
      screen.current?.stop();
      void engine.current?.hangUp();
    };
    // Once, on arrival: later device changes go through the pickers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The other side's decoded frames, once a second while in the call: a figure that stops growing is a frozen picture.
  useEffect(() => {
    if (phase !== "in-call") return;
    let last = -1;
    let still = 0;
    const timer = setInterval(async () => {
      const pc = engine.current?.pc;
      if (!pc || pc.connectionState !== "connected") return;
      const decoded = await remoteFramesDecoded(pc);
      setFrames(decoded);
      still = decoded === last ? still + 1 : 0;
      setFrozen(still >= 3);
      last = decoded;
    }, STATS_EVERY_MS);
    return () => clearInterval(timer);
  }, [phase]);

  const join = () => {
    if (!local.current) return;
    engine.current = new CallEngine({
      sessionId,
      polite: isPolite(role),
      iceServers,
      localTracks: () => {
        const stream = local.current ?? new MediaStream();
        return { stream, audio: stream.getAudioTracks()[0] ?? null, video: screen.current ?? stream.getVideoTracks()[0] ?? null };
      },
      onRemoteStream: (stream) => {
        if (remoteVideo.current && remoteVideo.current.srcObject !== stream) remoteVideo.current.srcObject = stream;
        if (!stream) setFrames(0);
      },
      onStatus: setStatus,
      onSendFailed: setSendError,
    });
    setSendError(null);
    setStatus("waiting");
    setPhase("in-call");
  };

  const hangUp = async () => {
    await stopSharing();
    await engine.current?.hangUp();
    engine.current = null;
    setPhase("left");
  };

  const toggleMute = () => {
    const next = !muted;
    local.current?.getAudioTracks().forEach((track) => (track.enabled = !next));
    setMuted(next);
  };
  const toggleCamera = () => {
    const next = !cameraOff;
    local.current?.getVideoTracks().forEach((track) => (track.enabled = !next));
    setCameraOff(next);
  };
  const stopSharing = async () => {
    const track = screen.current;
    if (!track) return;
    screen.current = null;
    track.stop();
    setSharing(false);
    await engine.current?.replaceTrack("video", local.current?.getVideoTracks()[0] ?? null);
    showLocal();
  };
  const toggleShare = async () => {
    if (screen.current) return stopSharing();
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0];
      if (!track) return;
      screen.current = track;
      track.addEventListener("ended", () => void stopSharing());
      await engine.current?.replaceTrack("video", track);
      if (localVideo.current) localVideo.current.srcObject = display;
      setSharing(true);
    } catch {
      // The coach closed the browser's picker: nothing is shared.
    }
  };

  // Phones have no screen sharing in the browser: the button is offered only where it can work.
  const canShareScreen = typeof navigator !== "undefined" && typeof navigator.mediaDevices?.getDisplayMedia === "function";
  const statusText =
    phase === "check"
      ? t("status.check")
      : phase === "left" || status === "ended"
        ? t("status.ended")
        : status === "peer-left"
          ? t(role === "coach" ? "status.memberLeft" : "status.coachLeft", { name: peerName })
          : t(`status.${status}`, { name: peerName });

  return (
    <section aria-labelledby="call-heading" className="space-y-4" data-call-phase={phase} data-call-status={status}>
      <h2 id="call-heading" className="sr-only">
        {t("videoHeading", { name: peerName })}
      </h2>
      <p
        role="status"
        aria-live="polite"
        className="rounded-md bg-slate-100 px-3 py-2 text-sm font-semibold text-slate-900"
        data-testid="call-status"
      >
        {statusText}
      </p>
      {errorKey ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p>{t(errorKey)}</p>
          <p className="mt-1">
            <a href={chatHref} className="font-semibold underline">
              {t("useChat")}
            </a>
          </p>
        </div>
      ) : null}
      {sendError ? (
        <p role="alert" className="text-sm text-red-800">
          {t("signalFailed", { reason: sendError })}
        </p>
      ) : null}

      <div className="relative overflow-hidden rounded-xl bg-slate-900">
        <video
          ref={remoteVideo}
          autoPlay
          playsInline
          className={`aspect-video w-full bg-slate-900 object-contain ${phase === "in-call" ? "" : "hidden"}`}
          aria-label={t("remoteVideo", { name: peerName })}
          data-testid="remote-video"
          data-frames-decoded={frames}
        />
        <video
          ref={localVideo}
          autoPlay
          playsInline
          muted
          className={
            phase === "in-call"
              ? "absolute bottom-2 right-2 aspect-video w-1/3 max-w-48 rounded-md border-2 border-white bg-slate-800 object-cover"
              : "aspect-video w-full bg-slate-800 object-cover"
          }
          aria-label={t(sharing ? "yourScreen" : "yourCamera")}
        />
        {phase === "in-call" && frozen && status === "connected" ? (
          <p className="absolute left-2 top-2 rounded bg-black/70 px-2 py-1 text-xs text-white">{t("videoPaused", { name: peerName })}</p>
        ) : null}
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="font-semibold">{t("devices.camera")}</span>
          <select
            className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-2"
            value={cameraId}
            onChange={(event) => void openDevices(event.target.value, microphoneId)}
            disabled={devices.cameras.length === 0 || sharing}
          >
            {devices.cameras.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || t("devices.cameraNumber", { number: i + 1 })}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-semibold">{t("devices.microphone")}</span>
          <select
            className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-2"
            value={microphoneId}
            onChange={(event) => void openDevices(cameraId, event.target.value)}
            disabled={devices.microphones.length === 0}
          >
            {devices.microphones.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || t("devices.microphoneNumber", { number: i + 1 })}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="flex flex-wrap gap-2" role="group" aria-label={t("controls")}>
        {phase === "in-call" ? (
          <>
            <button type="button" className={buttonClass("secondary")} aria-pressed={muted} onClick={toggleMute}>
              {t("mute")}
            </button>
            <button type="button" className={buttonClass("secondary")} aria-pressed={cameraOff} onClick={toggleCamera}>
              {t("cameraOff")}
            </button>
            {role === "coach" && canShareScreen ? (
              <button type="button" className={buttonClass("secondary")} aria-pressed={sharing} onClick={() => void toggleShare()}>
                {t("shareScreen")}
              </button>
            ) : null}
            <button type="button" className={buttonClass("danger")} onClick={() => void hangUp()}>
              {t("hangUp")}
            </button>
          </>
        ) : (
          <>
            <button type="button" className={buttonClass("primary")} onClick={join} disabled={!haveMedia}>
              {t(phase === "left" ? "rejoin" : "join")}
            </button>
            {phase === "check" ? (
              <button type="button" className={buttonClass("secondary")} aria-pressed={muted} onClick={toggleMute}>
                {t("mute")}
              </button>
            ) : (
              <a href={afterHref} className={buttonClass("secondary")}>
                {t("afterCall")}
              </a>
            )}
          </>
        )}
      </div>
      {phase === "check" ? <p className="text-sm text-slate-700">{t("checkHint")}</p> : null}
    </section>
  );
}

/** What the page shows until (and unless) its scripts run: the call needs JavaScript; the chat does not. */
export function CallNeedsScript({ chatHref, children }: { chatHref: string; children: ReactNode }) {
  const { t } = useTranslation("call");
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  if (scripted) return <>{children}</>;
  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="call-needs-script">
      <p className="font-semibold">{t("needsScript")}</p>
      <p className="mt-1">
        <a href={chatHref} className="font-semibold text-emerald-800 underline">
          {t("useChat")}
        </a>
      </p>
    </div>
  );
}
