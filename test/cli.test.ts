// The bundled CLI as a user runs it: exit codes and output formats.
import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
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

  it("reads a time without an offset as UTC, and refuses one that is not a time", () => {
    expect(incident(["metrics", "--json", "--since", "2026-01-01T00:00", "--until", "2026-02-01"]).status).toBe(0);
    expect(incident(["metrics", "--since", "01/01/2026"]).status).toBe(2);
  });
});

describe("the front door: one top-level catch, three exit codes", () => {
  it.each([
    ["a file that does not exist", ["simulate", "no-such-file.json"], /^incident: cannot read no-such-file\.json: no such file\n$/],
    ["an unknown flag", ["validate", "--frobnicate"], /unknown option '--frobnicate'/],
    ["an unknown command", ["deploy"], /unknown command 'deploy'/],
    ["a time that is not a time", ["simulate", "examples/alerts/service-down.json", "--at", "noon"], /^incident: --at "noon" is not a date-time: use ISO 8601/],
    ["a missing lint file", ["postmortem", "lint"], /^incident: usage: incident postmortem lint FILE/],
  ])("%s: exit 2, one sentence, no stack trace", (_name, args, message) => {
    const r = incident(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("--debug shows where an error happened", () => {
    const r = incident(["--debug", "simulate", "no-such-file.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^\s+at /m);
  });

  it("--version prints the version", () => {
    const r = incident(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version);
  });

  it.each([["test"], ["export", "prometheus-rules"], ["validate"]])("`%s --json` prints one JSON object", (...args) => {
    const r = incident([...args, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });

  it("simulate reads a comment event as the Action would, with the commenter's role", () => {
    const dir = mkdtempSync(join(tmpdir(), "iac-cli-"));
    cpSync("policies", join(dir, "policies"), { recursive: true });
    const opened = incident(["simulate", "examples/alerts/service-down.json", "--json", "--at", "2026-03-02T10:00:00Z", "--dir", dir]);
    const plan = JSON.parse(opened.stdout) as { effects: { kind: string; path?: string; record?: unknown }[] };
    const write = plan.effects.find((e) => e.kind === "record.write");
    mkdirSync(join(dir, "incidents"), { recursive: true });
    const written = write?.record as { id: string; links: object };
    const record = { ...written, links: { ...written.links, issue: 7 } };
    writeFileSync(join(dir, write?.path ?? "x"), stringify(record));
    const event = { action: "created", issue: { number: 7, title: "t", body: `<!-- incident-as-code:incident {"id":"${record.id}"} -->`, labels: [{ name: "incident" }] }, comment: { id: 1, body: "/ack", user: { login: "maria", type: "User" } } };
    writeFileSync(join(dir, "comment.json"), JSON.stringify(event));
    const read = incident(["simulate", join(dir, "comment.json"), "--json", "--at", "2026-03-02T10:01:00Z", "--dir", dir, "--role", "read"]);
    expect((JSON.parse(read.stdout) as { decision: string }).decision).toBe("replied");
    const write2 = incident(["simulate", join(dir, "comment.json"), "--json", "--at", "2026-03-02T10:01:00Z", "--dir", dir, "--role", "write"]);
    const acked = JSON.parse(write2.stdout) as { decision: string; effects: { kind: string; record?: { status: string } }[] };
    expect(acked.decision).toBe("updated");
    expect(acked.effects.find((e) => e.kind === "record.write")?.record?.status).toBe("acknowledged");
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
