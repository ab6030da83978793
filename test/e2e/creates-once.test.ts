// Writes happen exactly once (invariant 8), for every kind of create the Action makes: GitHub
// applies the create and then answers 502 (the emulator's `after: true` fault). The executors,
// over real HTTP to the emulator through the Octokit the Action uses, must find what the first
// attempt made instead of making it again; Octokit's retry plugin must not resend creates blindly.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/client.js";
import { issuesExecutor } from "../../src/github/issues-executor.js";
import { GitHubError, octokitPort, type GitHubPort } from "../../src/github/port.js";
import { octokitPulls } from "../../src/github/pulls.js";
import { pullsExecutor } from "../../src/github/pulls-executor.js";
import { runnerExecutor } from "../../src/github/runner-executor.js";
import { newLog } from "../../src/plan/log.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const repo = { owner: "acme", repo: "ops" };
const ISSUES = "/repos/{owner}/{repo}/issues";
let gh: Emulator;
let github: GitHubPort;
const fast = { backoffMs: 10 };

beforeEach(async () => {
  gh = await startEmulator({ repos: ["acme/ops"], users: { "alice-example": "admin", "bob-example": "write" } });
  github = octokitPort(createOctokit("ghs_test", { baseUrl: gh.url, writeSpacingMs: 0, retries: 3 }), repo);
});
afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

const incidentIssue = { kind: "issue.create" as const, incidentId: "2026-12-01-001", claim: "claim-0123456789", title: "[P0] API is down", body: '<!-- incident-as-code:incident {"id":"2026-12-01-001","claim":"claim-0123456789"} -->\nbody', labels: ["incident"], assignees: ["bob-example"], reason: "open" };

describe("a create GitHub applied and answered 502 is made once", () => {
  it("the port does not resend a create by itself (plugin-retry is told not to)", async () => {
    gh.inject({ method: "POST", route: ISSUES, status: 502, after: true });
    await expect(github.createIssue({ title: "t", body: "b", labels: [], assignees: [] })).rejects.toBeInstanceOf(GitHubError);
    expect(gh.state.issues).toHaveLength(1);
  });

  it("issue.create: the issue the failed attempt made is found by its marker and claim", async () => {
    gh.inject({ method: "POST", route: ISSUES, status: 502, after: true });
    const log = newLog();
    await issuesExecutor(github, log, fast).execute(incidentIssue);
    expect(gh.state.issues).toHaveLength(1);
    expect(log.created.get("2026-12-01-001")).toBe(gh.state.issues[0]?.number);
    expect(log.applied).toEqual([expect.objectContaining({ kind: "issue.create", outcome: "existed" })]);
    expect(gh.count({ method: "POST", route: ISSUES })).toBe(1);
  });

  it("issue.comment: found by its key", async () => {
    const issue = gh.seed.issue({ title: "incident", user: "github-actions[bot]" });
    gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", status: 502, after: true });
    await issuesExecutor(github, newLog(), fast).execute({ kind: "issue.comment", incidentId: "2026-12-01-001", issue: issue.number, key: "resolution:4", body: "Resolved.", reason: "resolution" });
    expect(gh.state.comments.filter((c) => c.issueNumber === issue.number)).toHaveLength(1);
  });

  it("action-item.create: found by its key", async () => {
    gh.inject({ method: "POST", route: ISSUES, status: 502, after: true });
    const log = newLog();
    await issuesExecutor(github, log, fast).execute({ kind: "action-item.create", incidentId: "2026-12-01-001", key: "action-item:2026-12-01-001:1", title: "Add monitoring", body: "b", labels: ["action-item"], assignees: [], reason: "item" });
    expect(gh.state.issues).toHaveLength(1);
    expect(log.answers.get("2026-12-01-001")?.actionItems).toEqual({ "action-item:2026-12-01-001:1": gh.state.issues[0]?.number });
  });

  it("pr.create: the branch's open pull request is found", async () => {
    gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/pulls", status: 502, after: true });
    const pulls = octokitPulls(createOctokit("ghs_test", { baseUrl: gh.url, writeSpacingMs: 0 }), repo);
    const log = newLog();
    await pullsExecutor({ pulls, git: { dir: "/nonexistent", remote: "origin" }, base: "main" }, log, fast).execute({ kind: "pr.create", incidentId: "2026-12-01-001", branch: "postmortem/2026-12-01-001", title: "Post-mortem", body: "b", reviewers: [], teamReviewers: [], reason: "pm" });
    expect(gh.state.pulls).toHaveLength(1);
    expect(log.answers.get("2026-12-01-001")?.pr).toBe(gh.state.pulls[0]?.number);
  });

  it("timer.arm: a dispatch leaves nothing to look up, so it is sent once more — a duplicate timer run acts once in total (timers re-read the record)", async () => {
    gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/dispatches", status: 502, after: true });
    const log = newLog();
    await runnerExecutor(github, log, () => Promise.resolve()).execute({ kind: "timer.arm", incidentId: "2026-12-01-001", at: "2026-12-01T17:05:00Z", reason: "timer" });
    expect(gh.state.dispatches.map((d) => d.eventType)).toEqual(["incident-timer", "incident-timer"]);
    expect(log.answers.get("2026-12-01-001")?.timer).toBe("2026-12-01T17:05:00Z");
  });
});

describe("who a marker is trusted from", () => {
  it("an issue a person wrote with our marker (even with the right id) is never taken for the incident's issue", async () => {
    gh.seed.issue({ title: "[P0] hijack", body: '<!-- incident-as-code:incident {"id":"2026-12-01-001"} -->', labels: ["incident"], user: "bob-example" });
    gh.seed.issue({ title: "[P0] guessed", body: '<!-- incident-as-code:incident {"id":"2026-12-01-001","claim":"guessed-claim-key"} -->', labels: ["incident"], user: "github-actions[bot]" });
    const log = newLog();
    await issuesExecutor(github, log, fast).execute(incidentIssue);
    expect(gh.state.issues).toHaveLength(3);
    expect(log.created.get("2026-12-01-001")).toBe(3);
  });
});

describe("a partial refusal drops the offender, goes on, and says so", () => {
  it("issue.create with an assignee GitHub refuses: created without them, and the issue tells who (without mentioning)", async () => {
    const log = newLog();
    await issuesExecutor(github, log, fast).execute({ ...incidentIssue, assignees: ["bob-example", "left-the-org"] });
    expect(gh.state.issues).toHaveLength(1);
    expect(gh.state.issues[0]?.assignees).toEqual(["bob-example"]);
    expect(gh.state.comments.map((c) => c.body)).toEqual([expect.stringMatching(/^@\u200Bleft-the-org could not be assigned: not assignable in this repository\./)]);
    expect(log.answers.get("2026-12-01-001")?.refusedAssignees).toEqual(["left-the-org"]);
  });

  it("issue.update with an assignee GitHub refuses: updated without them", async () => {
    const issue = gh.seed.issue({ title: "incident", user: "github-actions[bot]" });
    await issuesExecutor(github, newLog(), fast).execute({ kind: "issue.update", incidentId: "2026-12-01-001", issue: issue.number, body: "new", assignees: ["alice-example", "gone-user"], currentAssignees: [], reason: "escalate" });
    expect(gh.state.issue(issue.number)).toMatchObject({ body: "new", assignees: ["alice-example"] });
    expect(gh.state.comments).toHaveLength(1);
  });
});
