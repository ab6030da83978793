// `incident import alertmanager` as a user runs it (the bundled CLI): the example configuration
// imported into a copy of the shipped policies validates, routes as the configuration says, and
// everything not carried over is listed at its line; bad input exits 2, refused configurations 1.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve("dist/cli.js");
const CONFIG = resolve("examples/alertmanager/alertmanager.yml");
const incident = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });

function repoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "iac-import-"));
  cpSync("policies", join(dir, "policies"), { recursive: true });
  return dir;
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
  });

  it("routes the issue's own example as Alertmanager does once imported", () => {
    const dir = repoCopy();
    expect(incident(["import", "alertmanager", CONFIG], dir).status).toBe(0);
    writeFileSync(join(dir, "alert.json"), JSON.stringify({ alerts: [{ labels: { alertname: "ReplicaLag", instance: "db1.prod.x", job: "postgres" } }] }));
    const r = incident(["simulate", "alert.json", "--json", "--at", "2026-03-02T10:00:00Z"], dir);
    expect(r.status).toBe(0);
    const [first] = (JSON.parse(r.stdout) as { incidents: { route: string; channels: string[] }[] }).incidents;
    expect(first?.route).toBe("root/db-pager/db-postgres");
    expect(first?.channels).toContain("db-postgres");
  });

  it("exits 2 when the file cannot be read or is not an Alertmanager configuration", () => {
    const dir = repoCopy();
    expect(incident(["import", "alertmanager", "missing.yml"], dir).status).toBe(2);
    writeFileSync(join(dir, "not-am.yml"), "groups: []\n");
    const r = incident(["import", "alertmanager", "not-am.yml"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not-am\.yml:1:1: error: not an Alertmanager configuration/);
    writeFileSync(join(dir, "broken.yml"), "route: [\n");
    expect(incident(["import", "alertmanager", "broken.yml"], dir).status).toBe(2);
  });

  it("exits 1 and points at the line when Alertmanager would refuse the configuration", () => {
    const dir = repoCopy();
    writeFileSync(join(dir, "am.yml"), "route:\n  receiver: a\n  routes:\n    - receiver: b\n      matchers: ['x=~\"(?=y)\"']\nreceivers: [{ name: a }]\n");
    const r = incident(["import", "alertmanager", "am.yml", "--out", "policies"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/am\.yml:4:17: error: undefined receiver "b"/);
    expect(r.stdout).toMatch(/am\.yml:5:18: error: matcher .* does not parse: invalid regular expression/);
  });
});
