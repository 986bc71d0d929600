import pino from "pino";
import { remember } from "./remember.server";

/**
 * JSON logs on stdout. Redaction is a backstop: callers log ids and paths, never bodies,
 * cookies, tokens or health data.
 */
export const logger = remember("logger", () =>
  pino({
    level: process.env.LOG_LEVEL ?? "info",
    base: { service: "quitpath" },
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.token", "*.email", "headers.cookie"],
      censor: "[redacted]",
    },
  }),
);
