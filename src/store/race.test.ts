// Invariant 3: N alerts of one group arriving in parallel runs open exactly one incident, and every
// alert ends up in its record. Each run is its own OS process with its own clone, all started at
// once; git (a bare repository on disk) is the only thing they share.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRecord } from "../incident/codec.js";
import { makeRemote, remoteFile, remoteFiles, remoteLog, type Remote } from "./testing/git-fixture.js";

const N = 10;
let remote: Remote;
let worker: string;

beforeAll(async () => {
  remote = makeRemote();
  worker = join(remote.root, "race-worker.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "testing", "race-worker.ts")],
    outfile: worker,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "warning",
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
});
afterAll(() => remote.cleanup());

function run(index: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [worker, remote.bare, join(remote.root, `w${index}`), String(index), "api:http:5xx"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("parallel runs for one group", () => {
  it(`${N} processes appending to one group's incident → exactly one record holding all ${N} alerts`, async () => {
    const results = await Promise.all(Array.from({ length: N }, (_, i) => run(i)));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const outcomes = results.map((r) => JSON.parse(r.stdout) as { action: string; id: string; attempts: number });

    expect(outcomes.filter((o) => o.action === "opened")).toHaveLength(1);
    expect(outcomes.filter((o) => o.action === "appended")).toHaveLength(N - 1);
    expect(new Set(outcomes.map((o) => o.id))).toEqual(new Set(["2026-11-27-001"]));
    expect(outcomes.some((o) => o.attempts > 1)).toBe(true); // they really raced

    expect(remoteFiles(remote, "main")).toEqual(["incidents/2026-11-27-001.yaml"]);
    const parsed = parseRecord(remoteFile(remote, "main", "incidents/2026-11-27-001.yaml"), "incidents/2026-11-27-001.yaml");
    if (!("record" in parsed)) throw new Error(parsed.error);
    expect(parsed.record.alerts.map((a) => a.fingerprint).sort()).toEqual(Array.from({ length: N }, (_, i) => `fp-${i}`).sort());
    expect(remoteLog(remote, "main")).toHaveLength(N + 1); // one commit per run, plus the seed
  }, 240_000);
});
