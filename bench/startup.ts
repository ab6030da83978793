// How fast the shipped bundles start and how far metrics scale, each beside a floor measured in the
// same run, in alternating pairs (a busy machine slows both members of a pair alike; the figure is
// the median of the pairs' ratios):
//   - the bundles' start-up size: each entry and the chunks it imports before it runs;
//   - `incident validate` on the shipped policies / `node -e 0` (target ≤ 5×);
//   - the Action, for a new alert against the loopback emulator: process start → first API
//     request / `node -e 0` (target ≤ 10×);
//   - `incident metrics --json` over 10,000 generated records / reading and parsing the same files
//     with the YAML library (target: the metrics run ≤ 1 s).
// Runs dist/ as shipped: `npm run build` first.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { serializeRecord } from "../src/incident/codec.js";
import { dispatchEvent, example, world } from "../test/e2e/harness.js";
import { repoRoot } from "../test/engine/fixtures.js";
import { randomRecords } from "../test/metrics/random-records.js";

const node = process.execPath;
const cli = join(repoRoot, "dist/cli.js");
const PAIRS = Number(process.env.STARTUP_PAIRS ?? 9);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** Wall time of one child process, ms; throws when it fails. */
function timed(args: string[], cwd = repoRoot): number {
  const t = performance.now();
  const r = spawnSync(node, args, { cwd, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  return ms;
}

interface Pairs {
  a: number[];
  b: number[];
}

/** `n` alternating runs of `a` and `b` (b first every other pair, so neither always goes second). */
async function pairs(n: number, a: () => number | Promise<number>, b: () => number | Promise<number>): Promise<Pairs> {
  const out: Pairs = { a: [], b: [] };
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      out.a.push(await a());
      out.b.push(await b());
    } else {
      out.b.push(await b());
      out.a.push(await a());
    }
  }
  return out;
}

function report(name: string, p: Pairs, floor: string, target: string): void {
  const ratio = median(p.a.map((x, i) => x / (p.b[i] ?? NaN)));
  console.log(`${name.padEnd(44)} ${median(p.a).toFixed(0).padStart(6)} ms  / ${floor} ${median(p.b).toFixed(0).padStart(5)} ms  = ${ratio.toFixed(1).padStart(5)}×  (${target}; median of ${p.a.length} pairs)`);
}

/** Files Node reads before an entry runs: the entry and its static imports, transitively. */
function startupFiles(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, "utf8");
  // Static imports only: a dynamic import("…") has a parenthesis where these have a name or a brace.
  for (const m of text.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) startupFiles(join(dirname(entry), m[1] ?? ""), seen);
  return seen;
}

function bundleSizes(): void {
  for (const name of ["index.js", "cli.js", "site.js"]) {
    const files = startupFiles(join(repoRoot, "dist", name));
    const bytes = [...files].reduce((sum, f) => sum + statSync(f).size, 0);
    console.log(`dist/${name.padEnd(9)} ${(bytes / 1e6).toFixed(2)} MB at start-up (${files.size} file${files.size === 1 ? "" : "s"}; limit 2 MB)`);
  }
}

async function validate(): Promise<void> {
  const p = await pairs(PAIRS, () => timed([cli, "validate"]), () => timed(["-e", "0"]));
  report("incident validate (shipped policies)", p, "node -e 0", "target ≤ 5×");
}

/** A new incident each time: a fresh repository and emulator per run, so every run opens one. */
async function alertRun(): Promise<void> {
  const n = Math.max(3, Math.ceil(PAIRS / 2));
  const p = await pairs(
    n,
    async () => {
      let first: number | null = null;
      const w = await world({ onRequest: () => void (first ??= Date.now()) });
      try {
        const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
        if (run.code !== 0 || first === null) throw new Error(`the Action failed (exit ${run.code}, ${first === null ? "no request" : "requests made"}): ${run.stderr.slice(0, 500)}`);
        return first - run.startedAt;
      } finally {
        await w.close();
      }
    },
    () => timed(["-e", "0"]),
  );
  report("Action, new alert: start → first request", p, "node -e 0", "target ≤ 10×");
}

const DAY = 86_400_000;
const METRICS_END = "2026-11-29T00:00:00Z";

/** A checkout with the shipped policies and `count` records detected over the two years before METRICS_END. */
function recordsRepo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), "iac-bench-metrics-"));
  cpSync(join(repoRoot, "policies"), join(dir, "policies"), { recursive: true });
  mkdirSync(join(dir, "incidents"));
  for (const r of randomRecords({ count, seed: 16, spanMs: 730 * DAY, end: METRICS_END })) writeFileSync(join(dir, "incidents", `${r.id}.yaml`), serializeRecord(r));
  return dir;
}

// The floor: read every record file and parse it with the YAML library the records are written with.
const READ_AND_PARSE = `
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
const dir = process.argv[1];
let n = 0;
for (const f of readdirSync(dir)) if (parse(readFileSync(dir + "/" + f, "utf8"))) n++;
if (n === 0) process.exit(1);
`;

async function metrics(): Promise<void> {
  const dir = recordsRepo(10_000);
  try {
    const args = [cli, "metrics", "--json", "--dir", dir, "--until", METRICS_END, "--days", "365"];
    const sample = execFileSync(node, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const counted = (JSON.parse(sample) as { incidents: { total: number } }).incidents.total;
    const p = await pairs(
      Math.max(3, Math.ceil(PAIRS / 3)),
      () => timed(args),
      () => timed(["--input-type=module", "-e", READ_AND_PARSE, join(dir, "incidents")]),
    );
    report(`incident metrics --json, 10,000 records (${counted} in range)`, p, "read+parse", "target: metrics ≤ 1,000 ms");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(cli)) throw new Error("dist/cli.js is missing: run npm run build first");
bundleSizes();
await validate();
await alertRun();
await metrics();
