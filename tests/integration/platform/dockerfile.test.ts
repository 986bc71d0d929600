import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { copyArgs, parseDockerfile, planProblems } from "../../../scripts/dockerfile-dry-run.mjs";

// The full dry run (npm ci and a build in a temporary folder, minutes) is `node scripts/dockerfile-dry-run.mjs`; this checks its plan.
describe("the Dockerfile", () => {
  const stages = parseDockerfile(readFileSync("Dockerfile", "utf8"));

  it("builds in stages whose every COPY source exists in the context", () => {
    expect(stages.map((s) => s.name)).toEqual(["deps", "build", "runtime"]);
    expect(planProblems(stages)).toEqual([]);
  });

  it("finds a COPY of a file the context lacks, and a stage that does not exist", () => {
    const broken = parseDockerfile("FROM node:22 AS a\nCOPY no-such-file ./\nFROM a AS b\nCOPY --from=nowhere /app ./app\n");
    expect(planProblems(broken)).toEqual(["a: COPY no-such-file: not in the build context", "b: COPY --from=nowhere: no such stage"]);
  });

  it("ships the server, the migrations and production dependencies only, started by tini as a non-root user", () => {
    const runtime = stages.at(-1)!;
    const copied = runtime.steps.filter((s) => s.op === "COPY").map((s) => copyArgs(s.args));
    expect(copied.every((c) => c.from === "build")).toBe(true);
    expect(copied.map((c) => c.sources[0])).toEqual(expect.arrayContaining(["/app/build", "/app/migrations", "/app/node_modules"]));
    expect(stages[1]!.steps.some((s) => s.op === "RUN" && s.args.includes("npm prune --omit=dev"))).toBe(true);
    expect(runtime.steps.find((s) => s.op === "USER")?.args).toBe("node");
    expect(runtime.steps.find((s) => s.op === "CMD")?.args).toContain("build/server.js");
  });
});
