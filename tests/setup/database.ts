import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { cloneTemplate } from "./postgres";

// Each test file gets its own database, cloned from the migrated template, before any app code loads.
const name = `test_${randomBytes(6).toString("hex")}`;
process.env.DATABASE_URL = await cloneTemplate(inject("postgresServerUrl"), name);
process.env.NODE_ENV = "test";
process.env.WORKERS ??= "off";
process.env.LOG_LEVEL ??= "silent";
