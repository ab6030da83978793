import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import type { PolicyIssue } from "../config/kinds.js";
import { buildRecord } from "../incident/testing.js";
import { metricsRange, type MetricsOptions, registerMetrics, runMetrics } from "./metrics.js";

const policies = shippedPolicies();
const NOW = "2026-12-01T00:00:00Z";
const records = [
  buildRecord({
    id: "2026-11-27-001",
    status: "resolved",
    timestamps: { started: "2026-11-27T10:00:00Z", detected: "2026-11-27T10:01:00Z", acknowledged: "2026-11-27T10:04:00Z", mitigated: null, resolved: "2026-11-27T10:21:00Z", closed: null },
  }),
  buildRecord({ id: "2026-05-01-001", timestamps: { ...buildRecord().timestamps, started: "2026-05-01T10:00:00Z", detected: "2026-05-01T10:00:05Z" } }),
];

function run(opts: MetricsOptions, loaded: { policies: typeof policies | null; issues: PolicyIssue[] } = { policies, issues: [] }) {
  let out = "";
  let err = "";
  const code = runMetrics(opts, { policies: loaded, records, now: NOW }, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("incident metrics", () => {
  it("prints the report as JSON over the last 90 days by default", () => {
    const { code, out, err } = run({ json: true });
    const report = JSON.parse(out) as Record<string, unknown>;
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(report).toMatchObject({
      range: { from: "2026-09-02T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
      incidents: { total: 1, unresolved: 0 },
      mtta: { measured: 1, meanMs: 180_000, verdict: "met" },
      mttd: { measured: 1, meanMs: 60_000, verdict: "met" },
      mttr: { measured: 1, meanMs: 1_260_000, verdict: "met" },
    });
  });

  it.each([
    [{ since: "2026-01-01", until: "2026-12-01T00:00:00Z" }, { from: "2026-01-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" }, 2],
    [{ days: "7" }, { from: "2026-11-24T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" }, 1],
    [{ until: "2026-06-01T00:00:00+02:00", days: "31" }, { from: "2026-04-30T22:00:00.000Z", to: "2026-05-31T22:00:00.000Z" }, 1],
  ])("takes the range from %j", (opts, range, total) => {
    const report = JSON.parse(run({ ...opts, json: true }).out) as { range: unknown; incidents: { total: number } };
    expect({ range: report.range, total: report.incidents.total }).toEqual({ range, total });
  });

  it.each([
    [{ since: "last tuesday" }, '--since "last tuesday" is not a date-time: use ISO 8601, e.g. 2026-11-27T00:00:00Z, or a date (2026-11-27); without an offset it is read as UTC'],
    [{ until: "27/11/2026" }, '--until "27/11/2026" is not a date-time: use ISO 8601, e.g. 2026-11-27T00:00:00Z, or a date (2026-11-27); without an offset it is read as UTC'],
    [{ since: "2026-02-30" }, '--since "2026-02-30" is not a date-time: use ISO 8601, e.g. 2026-11-27T00:00:00Z, or a date (2026-11-27); without an offset it is read as UTC'],
    [{ days: "0" }, '--days "0" must be a whole number of days from 1 to 3650'],
    [{ days: "1.5" }, '--days "1.5" must be a whole number of days from 1 to 3650'],
    [{ since: "2026-11-01", days: "7" }, "give --since or --days, not both"],
    [{ since: "2026-12-02" }, "the range is empty: 2026-12-02T00:00:00.000Z is not before 2026-12-01T00:00:00.000Z"],
  ])("refuses %j with exit 2", (opts, message) => {
    expect(run(opts)).toEqual({ code: 2, out: "", err: message });
  });

  it("exits 1 (problems found) when the policies do not load", () => {
    const issue: PolicyIssue = { file: "policies/metrics.yaml", line: 5, column: 3, level: "error", message: "mtta: not a duration" };
    expect(run({ json: true }, { policies: null, issues: [issue] })).toEqual({
      code: 1,
      out: "",
      err: "policies do not load (fix them with incident validate):\npolicies/metrics.yaml:5:3: error: mtta: not a duration",
    });
  });

  it("reads a time without an offset as UTC, like every command", () => {
    expect(metricsRange({ since: "2026-11-20T10:00", until: "2026-11-27T10:00" }, "2026-12-01T00:00:00Z")).toEqual({ from: "2026-11-20T10:00:00.000Z", to: "2026-11-27T10:00:00.000Z" });
  });

  it.each([
    [{}, "Incident metrics 2026-09-02T00:00:00.000Z → 2026-12-01T00:00:00.000Z (by detection time)\n"],
    [{ markdown: true }, "# Incident metrics\n"],
  ])("prints text or markdown for %j", (opts, start) => {
    const { code, out } = run(opts);
    expect({ code, start: out.slice(0, start.length) }).toEqual({ code: 0, start });
  });

  it("is registered as a commander subcommand that loads policies and records from --dir", async () => {
    let out = "";
    const dirs: string[] = [];
    const program = new Command("incident").exitOverride();
    registerMetrics(program, {
      loadPolicies: (dir) => (dirs.push(dir), Promise.resolve({ policies, issues: [] })),
      loadRecords: (dir) => (dirs.push(dir), Promise.resolve(records)),
      now: () => new Date(NOW),
      io: { out: (t) => (out += t), err: () => undefined },
    });
    await program.parseAsync(["metrics", "--dir", "repo", "--days", "30", "--json"], { from: "user" });
    expect({ dirs, exitCode: process.exitCode, range: (JSON.parse(out) as { range: unknown }).range }).toEqual({
      dirs: ["repo", "repo"],
      exitCode: 0,
      range: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
    });
    process.exitCode = 0;
  });
});
