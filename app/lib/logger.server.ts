import pino from "pino";
import { remember } from "./remember.server";

/**
 * JSON logs on stdout. Redaction is a backstop: callers log ids and paths, never bodies,
 * cookies, tokens or health data.
 *
 * Written asynchronously: a synchronous write blocks the event loop whenever the log reader
 * (a pipe to a collector) is slower than the server. pino flushes what is pending on exit.
 */
export const logger = remember("logger", () =>
  pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "quitpath" },
      redact: {
        paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.token", "*.email", "headers.cookie"],
        censor: "[redacted]",
      },
    },
    pino.destination({ dest: 1, sync: false }),
  ),
);
