// `incident doctor` against the loopback GitHub emulator: a fresh repository's silent failures
// found and explained, labels created when the token may, and what a workflow's GITHUB_TOKEN cannot
// read reported as such rather than guessed.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPolicyDir } from "../src/config/index.js";
import { runDoctorCli } from "../src/cli/doctor.js";
import type { CheckLine } from "../src/doctor/checks.js";
import { productLabels } from "../src/doctor/labels.js";
import { repoSettings, startEmulator, type Emulator } from "./emulator/index.js";

const PEOPLE = ["alice", "bob", "charlie", "dana", "erin", "frank", "grace", "heidi"];

/** A repository as `incident init` leaves it, with the placeholder logins filled in. */
export function filledRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "iac-doctor-"));
  cpSync("policies", join(dir, "policies"), { recursive: true });
  const fill = (path: string): void => {
    if (statSync(path).isDirectory()) return readdirSync(path).forEach((f) => fill(join(path, f)));
    if (path.endsWith(".yaml")) writeFileSync(path, readFileSync(path, "utf8").replace(/\b([a-z]+)-example\b/g, "$1"));
  };
  fill(join(dir, "policies"));
  mkdirSync(join(dir, ".github/workflows"), { recursive: true });
  cpSync(".github/workflows/incident.yml", join(dir, ".github/workflows/incident.yml"));
  return dir;
}

let gh: Emulator;
let dir: string;
beforeEach(async () => {
  gh = await startEmulator({ repos: ["acme/ops"], users: { alice: "admin", ...Object.fromEntries(PEOPLE.slice(1).map((p) => [p, "write"])) }, tokenUser: { "admin-token": "alice", "actions-token": "github-actions[bot]" } });
  dir = filledRepo();
});
afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectLine(line: CheckLine | undefined, status: CheckLine["status"], ...want: Partial<Record<"message" | "fix", string | RegExp>>[]): void {
  expect(line?.status, JSON.stringify(line)).toBe(status);
  for (const w of want) for (const [field, v] of Object.entries(w)) expect(line?.[field as "message" | "fix"] ?? "").toMatch(v);
}

async function doctor(token: string, extra: Partial<{ createLabels: boolean; recordsBranch: string; allowPullRequests: boolean }> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDoctorCli(
    { dir, repo: "acme/ops", createLabels: extra.createLabels ?? true, allowPullRequests: extra.allowPullRequests ?? false, json: true, ...(extra.recordsBranch ? { recordsBranch: extra.recordsBranch } : {}) },
    { loadPolicies: (d) => loadPolicyDir(d), env: { GITHUB_TOKEN: token, GITHUB_API_URL: gh.url, INCIDENT_AS_CODE_WRITE_SPACING_MS: "0" } },
    { out: (t) => out.push(t), err: (t) => err.push(t) },
  );
  const checks = (JSON.parse(out.join("\n")) as { checks: CheckLine[] }).checks;
  const line = (name: CheckLine["check"]) => checks.filter((c) => c.check === name);
  return { code, checks, line, err: err.join("\n") };
}

describe("incident doctor", { timeout: 120_000 }, () => {
  it("on a fresh repository: creates the labels, and fails on the pull-request setting with its fix", async () => {
    const r = await doctor("admin-token");
    expectLine(r.line("labels")[0], "pass", { message: "created" });
    expect(gh.state.labels.map((l) => l.name)).toEqual(expect.arrayContaining(productLabels((await loadPolicyDir(dir)).policies!).map((l) => l.name)));
    expect(gh.state.label("incident:declared")?.color).toBe("b60205");
    expectLine(r.line("pull-requests")[0], "fail", { fix: "Allow GitHub Actions to create and approve pull requests" });
    expect(r.line("assignees")[0]?.status).toBe("pass");
    expect(r.line("records-branch")[0]?.status).toBe("pass");
    expect(r.line("workflow-permissions")[0]?.status).toBe("pass");
    expect(r.code).toBe(1);
  });

  it("passes once the setting is on, says which channels fall back to GitHub, and warns about those with no fallback", async () => {
    repoSettings(gh.state).canApprovePullRequestReviews = true;
    repoSettings(gh.state).secrets.add("SLACK_INCIDENTS_WEBHOOK_URL");
    const r = await doctor("admin-token");
    expect(r.checks.filter((c) => c.status === "fail")).toEqual([]);
    // The shipped policy gives the leadership Teams channel and the signed webhook `fallback: none`.
    expect(r.checks.filter((c) => c.status === "warn").map((c) => c.message)).toEqual([
      "channel teams-leadership: TEAMS_LEADERSHIP_WEBHOOK_URL is not set and the policy gives it no GitHub fallback, so nothing is sent to it",
      "channel incident-webhook: INCIDENT_WEBHOOK_URL is not set and the policy gives it no GitHub fallback, so nothing is sent to it",
    ]);
    expect(r.code).toBe(0);
    expect(r.line("secrets").map((c) => c.message)).toEqual(
      expect.arrayContaining(["channel slack-incidents: SLACK_INCIDENTS_WEBHOOK_URL is set", "channel pagerduty: PAGERDUTY_ROUTING_KEY not set, so it uses its GitHub fallback (mention)"]),
    );
  });

  it("turns the pull-request setting on when asked and allowed, and says why when the organization forbids it", async () => {
    expectLine((await doctor("admin-token", { allowPullRequests: true })).line("pull-requests")[0], "pass", { message: "turned on" });
    expect(repoSettings(gh.state).canApprovePullRequestReviews).toBe(true);
    repoSettings(gh.state).canApprovePullRequestReviews = false;
    repoSettings(gh.state).orgForbidsPullRequestApproval = true;
    expectLine((await doctor("admin-token", { allowPullRequests: true })).line("pull-requests")[0], "fail", { message: "organization's policy forbids it" });
  });

  it("an App token secret replaces the pull-request setting", async () => {
    repoSettings(gh.state).secrets.add("INCIDENT_APP_TOKEN");
    expect((await doctor("admin-token")).line("pull-requests")[0]?.status).toBe("pass");
  });

  it("finds placeholders and people who cannot be assigned", async () => {
    const teams = join(dir, "policies/teams.yaml");
    writeFileSync(teams, readFileSync(teams, "utf8").replace(/\bbob\b/g, "bob-example").replace(/\bdana\b/g, "mallory"));
    const rot = join(dir, "policies/oncall/rotations.yaml");
    writeFileSync(rot, readFileSync(rot, "utf8").replace(/\bdana\b/g, "mallory"));
    const r = await doctor("admin-token");
    const line = r.line("assignees")[0];
    expect(line?.status).toBe("fail");
    expect(line?.message).toMatch(/placeholder logins bob-example/);
    expect(line?.message).toMatch(/mallory cannot be assigned/);
  });

  it("fails when the records branch needs pull requests or status checks, classic or ruleset", async () => {
    repoSettings(gh.state).branches.set("main", { requiredPullRequestReviews: true, requiredStatusChecks: ["ci"], pushAllowances: null, requiredSignatures: false, lockBranch: false });
    const r = await doctor("admin-token");
    expectLine(r.line("records-branch")[0], "fail", { message: /requires pull requests; protection requires status checks \(ci\)/ }, { fix: "records-branch" });
    repoSettings(gh.state).branches.set("incident-records", null);
    repoSettings(gh.state).rules.set("incident-records", ["pull_request"]);
    expectLine((await doctor("admin-token", { recordsBranch: "incident-records" })).line("records-branch")[0], "fail", { message: "a ruleset requires pull requests" });
    expectLine((await doctor("admin-token", { recordsBranch: "records-new" })).line("records-branch")[0], "pass", { message: "does not exist yet" });
  });

  it("with a workflow's GITHUB_TOKEN: says what it cannot read instead of guessing", async () => {
    repoSettings(gh.state).branches.set("main", { requiredPullRequestReviews: false, requiredStatusChecks: [], pushAllowances: null, requiredSignatures: false, lockBranch: false });
    const r = await doctor("actions-token", { createLabels: false });
    expectLine(r.line("pull-requests")[0], "warn", { message: "HTTP 403" });
    expectLine(r.line("records-branch")[0], "warn", { message: "protected and its rules cannot be read" });
    expect(r.line("secrets")[0]?.status).toBe("warn");
    expectLine(r.line("labels")[0], "fail", { message: "incident:declared" });
  });

  it("reads the workflow's permissions: a job without issues: write fails", async () => {
    const wf = join(dir, ".github/workflows/incident.yml");
    writeFileSync(wf, readFileSync(wf, "utf8").replace(/issues: write # replies, reactions, labels/, "issues: read"));
    expectLine((await doctor("admin-token")).line("workflow-permissions")[0], "fail", { message: /job `command` lacks issues: write/ });
    rmSync(join(dir, ".github"), { recursive: true });
    expectLine((await doctor("admin-token")).line("workflow-permissions")[0], "fail", { fix: "incident-as-code init" });
  });

  it("refuses to run without a repository or a token (exit 2)", async () => {
    const io = { out: () => undefined, err: () => undefined };
    expect(await runDoctorCli({ dir, createLabels: true, json: false }, { loadPolicies: loadPolicyDir, env: { GITHUB_TOKEN: "x" } }, io)).toBe(2);
    expect(await runDoctorCli({ dir, repo: "acme/ops", createLabels: true, json: false }, { loadPolicies: loadPolicyDir, env: {} }, io)).toBe(2);
  });
});
