// Runs the Dockerfile's steps without a Docker engine (none runs on the machines this is built on):
// each stage gets a folder, WORKDIR/COPY/COPY --from/RUN are carried out there, ENV is applied to
// later RUN steps, and the runtime stage's system steps (apt-get, mkdir/chown of /data) are listed
// instead of run. Then `node build/server.js --migrate` is started from the runtime stage's /app
// against an embedded database, so a file the image lacks shows up here.
//   node scripts/dockerfile-dry-run.mjs          the whole build (npm ci and the build: minutes)
//   node scripts/dockerfile-dry-run.mjs --plan   parse, check every COPY source exists, print the steps
import { execSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The Dockerfile as stages of instructions (continuation lines joined, comments dropped).
 * @param {string} text
 * @returns {{ name: string, base: string, parent: string | null, steps: { op: string, args: string }[] }[]}
 */
export function parseDockerfile(text) {
  const lines = text.replace(/\\\n/g, " ").split("\n");
  /** @type {{ name: string, base: string, parent: string | null, steps: { op: string, args: string }[] }[]} */
  const stages = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    const op = instruction.toUpperCase();
    if (op === "FROM") {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      const base = match[1];
      const parent = stages.find((s) => s.name === base);
      stages.push({ name: match[2] ?? `stage-${stages.length}`, base, parent: parent?.name ?? null, steps: [] });
      continue;
    }
    stages.at(-1).steps.push({ op, args });
  }
  return stages;
}

/** `COPY [--from=x] [--chown=…] a b dest` → { from, sources, dest }. */
export function copyArgs(args) {
  const parts = args.split(/\s+/);
  const flags = parts.filter((p) => p.startsWith("--"));
  const paths = parts.filter((p) => !p.startsWith("--"));
  const from = flags.find((f) => f.startsWith("--from="))?.slice("--from=".length) ?? null;
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1) };
}

/** Every problem a build would meet before running anything: COPY sources missing from the context, unknown stages. */
export function planProblems(stages, context = root) {
  const problems = [];
  for (const stage of stages) {
    for (const step of stage.steps) {
      if (step.op !== "COPY") continue;
      const { from, sources } = copyArgs(step.args);
      if (from) {
        if (!stages.some((s) => s.name === from)) problems.push(`${stage.name}: COPY --from=${from}: no such stage`);
        continue;
      }
      for (const source of sources)
        if (source !== "." && !existsSync(path.join(context, source)))
          problems.push(`${stage.name}: COPY ${source}: not in the build context`);
    }
  }
  return problems;
}

const SYSTEM_STEP = /apt-get|chown|^mkdir -p \/data/;

function run(stages, work) {
  const dirs = new Map();
  for (const stage of stages) {
    const dir = path.join(work, stage.name);
    if (stage.parent) cpSync(dirs.get(stage.parent).dir, dir, { recursive: true });
    else mkdirSync(dir, { recursive: true });
    const state = {
      dir,
      workdir: stage.parent ? dirs.get(stage.parent).workdir : "/",
      env: { ...(stage.parent ? dirs.get(stage.parent).env : {}) },
    };
    dirs.set(stage.name, state);
    const inside = (p) => path.join(dir, path.isAbsolute(p) ? p : path.join(state.workdir, p));
    for (const step of stage.steps) {
      if (step.op === "WORKDIR") {
        state.workdir = step.args;
        mkdirSync(inside("."), { recursive: true });
      } else if (step.op === "ENV") {
        for (const [, k, v] of step.args.matchAll(/(\w+)=(\S+)/g)) state.env[k] = v;
      } else if (step.op === "COPY") {
        const { from, sources, dest } = copyArgs(step.args);
        const sourceRoot = from ? path.join(dirs.get(from).dir) : root;
        for (const source of sources) {
          const target = dest.endsWith("/") || sources.length > 1 ? path.join(inside(dest), path.basename(source)) : inside(dest);
          const origin = from ? path.join(sourceRoot, source) : path.join(root, source);
          const skip = ["node_modules", ".data", ".git", "build", ".cache"];
          cpSync(origin, source === "." ? inside(dest) : target, {
            recursive: true,
            filter: (file) => from || !skip.some((s) => path.relative(root, file).split(path.sep)[0] === s),
          });
        }
      } else if (step.op === "RUN") {
        if (SYSTEM_STEP.test(step.args)) {
          console.log(`[${stage.name}] (system step, not run here) ${step.args}`);
          continue;
        }
        console.log(`[${stage.name}] RUN ${step.args}`);
        execSync(step.args, { cwd: inside("."), stdio: "inherit", env: { ...process.env, ...state.env } });
      } else {
        console.log(`[${stage.name}] ${step.op} ${step.args}`);
      }
    }
  }
  return dirs;
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (entry === fileURLToPath(import.meta.url)) {
  const stages = parseDockerfile(readFileSync(path.join(root, "Dockerfile"), "utf8"));
  const problems = planProblems(stages);
  for (const stage of stages) console.log(`stage ${stage.name} (from ${stage.base}): ${stage.steps.map((s) => s.op).join(", ")}`);
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  if (process.argv.includes("--plan")) process.exit(0);
  const work = mkdtempSync(path.join(tmpdir(), "quitpath-image-"));
  try {
    const dirs = run(stages, work);
    const runtime = dirs.get(stages.at(-1).name);
    const app = path.join(runtime.dir, "app");
    const dataDir = mkdtempSync(path.join(tmpdir(), "quitpath-image-data-"));
    const started = spawnSync(process.execPath, ["build/server.js", "--migrate"], {
      cwd: app,
      env: { ...process.env, ...runtime.env, DATA_DIR: dataDir, SEED_DEMO_DATA: "off", DATABASE_URL: process.env.DATABASE_URL ?? "" },
      encoding: "utf8",
    });
    rmSync(dataDir, { recursive: true, force: true });
    process.stdout.write(started.stdout + started.stderr);
    if (started.status !== 0 || !started.stdout.includes("Migrations applied.")) {
      console.error("The image's /app did not start.");
      process.exit(1);
    }
    console.log("The Dockerfile's steps ran and the image's /app applied the migrations.");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
