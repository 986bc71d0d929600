// The reference app's production server: Express, its static assets and @remix-run/express, nothing else.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.env.REFERENCE_BUILD_DIR ?? path.resolve(here, "../../../.data/bench/reference");
const build = await import(pathToFileURL(path.join(out, "build/index.js")).href);

const app = express();
app.disable("x-powered-by");
app.use("/build", express.static(path.join(out, "public/build"), { immutable: true, maxAge: "1y" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, process.env.HOST ?? "127.0.0.1", () => console.log(`reference app listening on ${port}`));
server.keepAliveTimeout = 65_000;
process.on("SIGTERM", () => server.close(() => process.exit(0)));
