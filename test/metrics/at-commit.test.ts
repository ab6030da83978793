// Reproducible numbers: `incident metrics --at-commit REF` reads the repository as it was at that
// commit (real git), and a timestamp corrected by `incident correct` in a later commit changes the
// later numbers, shows in the record's timeline and passes the pull request's record check.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricsAtCommit } from "../../src/cli/metrics.js";
import { runCorrect } from "../../src/cli/correct.js";
import { parseRecord, serializeRecord } from "../../src/incident/codec.js";
import { recordPath } from "../../src/incident/paths.js";
import { reviewRecordChange } from "../../src/incident/corrections.js";
import type { IncidentRecord } from "../../src/incident/record.js";
import { renderIssueBody } from "../../src/render/issue-body.js";
import { repoRoot, shippedPolicies } from "../engine/fixtures.js";
import { replayRecords } from "../replay/fixture.js";

let dir = "";
const git = (date: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
const ID = "2026-02-02-001";
const read = (): IncidentRecord => {
  const parsed = parseRecord(readFileSync(join(dir, recordPath(ID)), "utf8"), recordPath(ID));
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.record;
};

interface Report {
  range: { to: string };
  mttr: { meanMs: number };
  incidents: { total: number };
}

async function metrics(ref: string): Promise<{ code: number; report: Report | null; err: string }> {
  let out = "";
  let err = "";
  const code = await metricsAtCommit(ref, { dir, json: true, days: "60" }, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, report: code === 0 ? (JSON.parse(out) as Report) : null, err };
}

async function correct(flags: Record<string, string>) {
  let out = "";
  let err = "";
  const code = await runCorrect(ID, { dir, ...flags }, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) }, new Date("2026-03-02T12:00:00Z"));
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "iac-at-commit-"));
  cpSync(join(repoRoot, "policies"), join(dir, "policies"), { recursive: true });
  mkdirSync(join(dir, "incidents"));
  for (const r of replayRecords()) writeFileSync(join(dir, recordPath(r.id)), serializeRecord(r));
  git("2026-02-28T12:00:00Z", "init", "--quiet", "--initial-branch=main");
  git("2026-02-28T12:00:00Z", "add", ".");
  git("2026-02-28T12:00:00Z", "commit", "--quiet", "-m", "February's incidents");
  git("2026-02-28T12:00:00Z", "tag", "february");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("timestamp corrections by pull request", () => {
  it("refuses a correction that would make the timestamps run backwards, or has no reason", async () => {
    const before = readFileSync(join(dir, recordPath(ID)), "utf8");
    expect((await correct({ started: "2026-02-02T10:00:00Z", reason: "x", by: "dana-example" })).code).toBe(1);
    expect((await correct({ started: "2026-02-02T08:40:00Z", by: "dana-example" })).code).toBe(2);
    expect(readFileSync(join(dir, recordPath(ID)), "utf8")).toBe(before);
  });

  it("corrects the start, says so in the timeline the issue body shows, and passes the record check", async () => {
    const before = read();
    const { code, out } = await correct({ started: "2026-02-02T08:40:00Z", reason: "the replica lagged from the 08:40 deploy", by: "dana-example" });
    expect(code).toBe(0);
    expect(out).toContain("timestamps.started corrected from 2026-02-02T09:00:00.000Z to 2026-02-02T08:40:00.000Z: the replica lagged from the 08:40 deploy");
    const after = read();
    expect(after.timestamps.started).toBe("2026-02-02T08:40:00.000Z");
    expect(after.timeline.at(-1)).toEqual({ at: "2026-03-02T12:00:00.000Z", actor: "dana-example", kind: "correction", text: expect.stringContaining("timestamps.started corrected") as unknown });
    expect(reviewRecordChange(before, after)).toEqual({ corrections: [after.timeline.at(-1)?.text], problems: [] });
    expect(renderIssueBody(after, shippedPolicies(), { now: "2026-03-02T12:00:00Z" })).toContain("corrected from 2026-02-02T09:00:00.000Z to 2026-02-02T08:40:00.000Z");
    git("2026-03-02T12:05:00Z", "commit", "--quiet", "-am", "2026-02-02-001: the impact started at 08:40");
  });

  it("refuses a change that moves a timestamp without saying why, or rewrites the timeline", () => {
    const before = read();
    const edited = { ...before, timestamps: { ...before.timestamps, detected: "2026-02-02T08:50:00Z" } };
    expect(reviewRecordChange(before, edited).problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^2026-02-02-001: timestamps\.detected changes from 2026-02-02T09:01:00\.000Z to 2026-02-02T08:50:00Z without a correction entry/),
    ]);
    const rewritten = { ...before, timeline: before.timeline.slice(1) };
    expect(reviewRecordChange(before, rewritten).problems.map((p) => p.message)).toEqual([expect.stringContaining("is append-only")]);
  });
});

describe("incident metrics --at-commit", () => {
  it("reads the repository as it was at the commit, up to the commit's time, the same every time", async () => {
    // The working tree moves on: a record deleted and not committed changes nothing at a commit.
    rmSync(join(dir, recordPath("2026-02-04-001")));
    const feb = await metrics("february");
    const mar = await metrics("HEAD");
    expect(feb.code).toBe(0);
    expect(feb.report?.range.to).toBe("2026-02-28T12:00:00.000Z");
    expect(feb.report?.incidents.total).toBe(7);
    expect(mar.report?.range.to).toBe("2026-03-02T12:05:00.000Z");
    // The corrected start lengthens one incident's recovery by 20 minutes; MTTR averages over 7.
    expect((mar.report?.mttr.meanMs ?? 0) - (feb.report?.mttr.meanMs ?? 0)).toBe(Math.round((20 * 60_000) / 7));
    expect(await metrics("february")).toEqual(feb);
    expect(feb.err).toMatch(/metrics as of commit [0-9a-f]{12} \(2026-02-28T12:00:00\.000Z\): 7 record\(s\)/);
  });

  it("counts archived records too (incidents/archive/<yyyy-mm>/)", async () => {
    const archived = "incidents/archive/2026-02/2026-02-09-001.yaml";
    mkdirSync(join(dir, "incidents/archive/2026-02"), { recursive: true });
    git("2026-03-09T12:00:00Z", "mv", recordPath("2026-02-09-001"), archived);
    git("2026-03-09T12:00:00Z", "commit", "--quiet", "-m", "archive", "--", recordPath("2026-02-09-001"), archived);
    const report = (await metrics("HEAD")).report;
    expect(report?.incidents.total).toBe(7);
  });

  it("exits 2 for a ref that is not a commit", async () => {
    expect((await metrics("no-such-tag")).code).toBe(2);
  });
});
