// The bundled CLI as a user runs it: exit codes and output formats.
import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { startReceiver } from "../src/notify/receivers.test-helpers.js";

const CLI = resolve("dist/cli.js");
const incident = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });

function brokenCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "iac-cli-"));
  cpSync("policies", join(dir, "policies"), { recursive: true });
  const sev = join(dir, "policies/severities.yaml");
  writeFileSync(sev, readFileSync(sev, "utf8").replace("response_time: 15m", "respons_time: 15m"));
  const svc = join(dir, "policies/services.yaml");
  writeFileSync(svc, readFileSync(svc, "utf8").replace("rotation: web-oncall", "rotation: web-on-call"));
  return dir;
}

describe("incident validate", () => {
  it("exits 0 on the shipped policies", () => {
    const r = incident(["validate"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^policies are valid/);
  });

  it("prints path:line:col per problem and exits 1", () => {
    const r = incident(["validate", "--dir", brokenCopy()]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^policies\/severities\.yaml:\d+:5: unknown key `respons_time` in `severities.P1` — did you mean `response_time`\?/));
    expect(lines).toContainEqual(expect.stringMatching(/^policies\/services\.yaml:\d+:\d+: service `web`: unknown rotation `web-on-call` — did you mean `web-oncall`\?/));
  });

  it("prints one JSON object with --json", () => {
    const r = incident(["validate", "--json", "--dir", brokenCopy()]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { file: string; line: number }[] };
    expect(out.ok).toBe(false);
    expect(out.errors.map((e) => e.file)).toEqual(expect.arrayContaining(["policies/severities.yaml", "policies/services.yaml"]));
  });
});

describe("incident simulate", () => {
  it("gives the documented decision for each monitoring rule", () => {
    const expected: Record<string, string> = { "service-down.json": "P0", "high-error-rate.json": "P1", "database-connection-pool-exhausted.json": "P1", "disk-space-critical.json": "P1" };
    for (const [file, severity] of Object.entries(expected)) {
      const r = incident(["simulate", `examples/alerts/${file}`, "--json", "--at", "2026-03-02T10:00:00Z"]);
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { incidents: { action: string; severity: string }[]; errors: unknown[] };
      expect(out.errors).toEqual([]);
      expect(out.incidents.map((i) => [i.action, i.severity])).toEqual([["open", severity]]);
    }
  });
});

describe("incident oncall", () => {
  it.each([
    ["2026-11-23T10:00:00-08:00", "alice-example"],
    ["2026-11-26T10:00:00-08:00", "bob-example"],
    ["2026-11-28T10:00:00-08:00", "charlie-example"],
  ])("names the commander the availability implies at %s", (at, login) => {
    const r = incident(["oncall", "--json", "--at", at]);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { commander: Record<string, { login: string }> }).commander["P1-P3"]?.login).toBe(login);
  });

  it("refuses --at that is not a date", () => {
    const r = incident(["oncall", "--at", "yesterday-ish"]);
    expect(r.status).toBe(2);
  });
});

describe("incident metrics", () => {
  it("reports against the targets, as JSON", () => {
    const r = incident(["metrics", "--json", "--days", "30"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("range");
  });

  it("refuses a date without a time zone", () => {
    expect(incident(["metrics", "--since", "2026-01-01T00:00"]).status).toBe(2);
  });
});

describe("incident notify test", () => {
  // Asynchronous: the receiver answers from this process while the CLI runs.
  const notify = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, [CLI, "notify", "test", ...args], { env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" }, (error, stdout, stderr) => done({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr }));
    });

  it("sends through the channel whose secret is in the environment and prints the answer", async () => {
    const r = await startReceiver(() => ({ status: 200, body: "ok" }));
    try {
      const res = await notify(["slack-incidents"], { SLACK_INCIDENTS_WEBHOOK_URL: `${r.url}/services/T/B/TopSecretPath0123456789` });
      expect(res.code).toBe(0);
      expect(res.stdout).toContain("the receiver answered: HTTP 200: ok");
      expect(res.stdout + res.stderr).not.toContain("TopSecretPath");
      expect(r.received).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it("exits 2 when the secret is not set", async () => {
    const res = await notify(["slack-incidents"], {});
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("set SLACK_INCIDENTS_WEBHOOK_URL in the environment");
  });
});
