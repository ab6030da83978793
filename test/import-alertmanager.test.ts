// `incident import alertmanager`: the example configuration imported into a copy of the shipped
// policies validates (through the bundled CLI, as a user runs it), routes as the configuration
// says, and everything not carried over is listed at its line; bad input exits 2, refused
// configurations 1. Only the first case spawns the CLI: the others call the command in-process.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runImportAlertmanager } from "../src/cli/import.js";
import type { CliIO } from "../src/cli/io.js";
import { loadPolicyDir } from "../src/config/index.js";
import { decide } from "../src/engine/decide.js";
import { summariseVerdict } from "../src/engine/summary.js";
import { testOnCall } from "./engine/fixtures.js";
import { alert } from "./engine/helpers.js";

const CLI = resolve("dist/cli.js");
const CONFIG = resolve("examples/alertmanager/alertmanager.yml");
const incident = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });

function repoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "iac-import-"));
  cpSync("policies", join(dir, "policies"), { recursive: true });
  return dir;
}

async function importInto(file: string, dir: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
  const code = await runImportAlertmanager(resolve(dir, file), join(dir, "policies"), { loadPolicies: (root, sub) => loadPolicyDir(root, sub) }, io);
  return { code, out, err };
}

describe("incident import alertmanager", () => {
  it("imports the example configuration into policies that validate, and lists what it left behind", () => {
    const dir = repoCopy();
    const r = incident(["import", "alertmanager", CONFIG], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported .*alertmanager\.yml: 35 route\(s\), 35 receiver\(s\) as channels, 3 inhibit rule\(s\), 3 time interval\(s\)/);
    expect(r.stdout).toMatch(/alertmanager\.yml:11:3: warning: `group_wait` is not carried over/);
    expect(r.stdout).toMatch(/alertmanager\.yml:\d+:5: warning: receiver "blackhole" has no integrations/);
    expect(r.stdout).toMatch(/policies validates$/m);
    expect(incident(["validate", "--dir", dir]).status).toBe(0);
    // The shipped routing.yaml keeps its channels, audiences and by_severity; the tree is replaced.
    const routing = readFileSync(join(dir, "policies/routing.yaml"), "utf8");
    expect(routing).toMatch(/^ {2}slack-incidents:$/m);
    expect(routing).toMatch(/# The route tree imported from alertmanager\.yml/);
    expect(routing).toContain(String.raw`instance=~"db\d+\.prod\..+"`);
    expect(existsSync(join(dir, "policies/inhibition.yaml")) && existsSync(join(dir, "policies/time-intervals.yaml"))).toBe(true);
  }, 180_000);

  it("routes the issue's own example as Alertmanager does once imported", async () => {
    const dir = repoCopy();
    cpSync(CONFIG, join(dir, "alertmanager.yml"));
    expect((await importInto("alertmanager.yml", dir)).code).toBe(0);
    const { policies } = await loadPolicyDir(dir);
    if (!policies) throw new Error("imported policies do not load");
    const plan = decide([alert({ alertname: "ReplicaLag", instance: "db1.prod.x", job: "postgres" })], policies, [], new Date("2026-03-02T10:00:00Z"), testOnCall(policies));
    const [first] = summariseVerdict(plan);
    expect(first?.route).toBe("root/db-pager/db-postgres");
    expect(first?.channels).toContain("db-postgres");
  }, 60_000);

  it("exits 2 when the file cannot be read or is not an Alertmanager configuration", async () => {
    const dir = repoCopy();
    expect((await importInto("missing.yml", dir)).code).toBe(2);
    writeFileSync(join(dir, "not-am.yml"), "groups: []\n");
    const r = await importInto("not-am.yml", dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not-am\.yml:1:1: error: not an Alertmanager configuration/);
    writeFileSync(join(dir, "broken.yml"), "route: [\n");
    expect((await importInto("broken.yml", dir)).code).toBe(2);
  }, 60_000);

  it("exits 1 and points at the line when Alertmanager would refuse the configuration", async () => {
    const dir = repoCopy();
    writeFileSync(join(dir, "am.yml"), "route:\n  receiver: a\n  routes:\n    - receiver: b\n      matchers: ['x=~\"(?=y)\"']\nreceivers: [{ name: a }]\n");
    const r = await importInto("am.yml", dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/am\.yml:4:17: error: undefined receiver "b"/);
    expect(r.out).toMatch(/am\.yml:5:18: error: matcher .* does not parse: invalid regular expression/);
  }, 60_000);
});
