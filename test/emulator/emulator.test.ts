// The emulator itself: each endpoint group over real Octokit with zero contract violations, the
// violations it must catch, response validation, pagination, permissions and fault injection.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type Emulator } from "./index.js";

const repo = { owner: "acme", repo: "ops" };
const NOW = new Date("2025-03-01T12:00:00.000Z");
const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let gh: Emulator;
let octokit: Octokit;

beforeEach(async () => {
  gh = await startEmulator({ repos: ["acme/ops"], users: { alice: "admin", bob: "write", carol: "read", dave: "maintain", erin: "triage" }, now: () => NOW });
  octokit = new Octokit({ baseUrl: gh.url, auth: "t", log });
});
afterEach(async () => {
  await gh.close();
});

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: "token t" }) {
  return fetch(gh.url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

describe("happy paths (zero violations)", () => {
  it("issues: create, get, update, list; unknown labels are created; a non-assignable assignee is refused with GitHub's 422", async () => {
    const refused = await octokit.rest.issues.create({ ...repo, title: "DB down", body: "b", labels: ["sev:P1"], assignees: ["bob", "mallory"] }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, response: { data: { message: "Validation Failed", errors: [{ value: "mallory", resource: "Issue", field: "assignees", code: "invalid" }] } } });
    expect(gh.state.issues).toHaveLength(0);
    const { data: created } = await octokit.rest.issues.create({ ...repo, title: "DB down", body: "b", labels: ["sev:P1"], assignees: ["bob"] });
    expect(created).toMatchObject({ number: 1, state: "open", html_url: "https://github.com/acme/ops/issues/1", url: `${gh.url}/repos/acme/ops/issues/1` });
    expect(created.user).toMatchObject({ login: "github-actions[bot]", type: "Bot" });
    expect(created.assignees?.map((a) => a.login)).toEqual(["bob"]);
    await expect(octokit.rest.issues.update({ ...repo, issue_number: 1, assignees: ["bob", "mallory"] })).rejects.toMatchObject({ status: 422, response: { data: { errors: [{ value: "mallory", field: "assignees" }] } } });
    expect(gh.state.issue(1)?.assignees).toEqual(["bob"]);
    expect(created.created_at).toBe("2025-03-01T12:00:00Z");
    expect(gh.state.labels.map((l) => l.name)).toEqual(["sev:P1"]);

    const { data: closed } = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: "closed", state_reason: "not_planned", title: "DB down (dup)" });
    expect(closed).toMatchObject({ state: "closed", state_reason: "not_planned", closed_at: "2025-03-01T12:00:00Z", title: "DB down (dup)" });
    await octokit.rest.issues.create({ ...repo, title: "other" });
    const open = await octokit.rest.issues.listForRepo({ ...repo });
    expect(open.data.map((i) => i.number)).toEqual([2]);
    const labelled = await octokit.rest.issues.listForRepo({ ...repo, state: "all", labels: "sev:P1" });
    expect(labelled.data.map((i) => i.number)).toEqual([1]);
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 2 })).data.title).toBe("other");
    expect(gh.violations).toEqual([]);
  });

  it("comments, labels, assignees and reactions", async () => {
    gh.seed.issue({ title: "incident", user: "alice" });
    const { data: c } = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "/ack" });
    expect(c.html_url).toBe(`https://github.com/acme/ops/issues/1#issuecomment-${c.id}`);
    await octokit.rest.issues.updateComment({ ...repo, comment_id: c.id, body: "/ack edited" });
    expect((await octokit.rest.issues.getComment({ ...repo, comment_id: c.id })).data.body).toBe("/ack edited");
    expect((await octokit.rest.issues.listComments({ ...repo, issue_number: 1 })).data).toHaveLength(1);
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: c.id });
    await expect(octokit.rest.issues.getComment({ ...repo, comment_id: c.id })).rejects.toMatchObject({ status: 404 });

    await octokit.rest.issues.createLabel({ ...repo, name: "incident", color: "d73a4a", description: "An incident" });
    await expect(octokit.rest.issues.createLabel({ ...repo, name: "Incident" })).rejects.toMatchObject({ status: 422 });
    expect((await octokit.rest.issues.getLabel({ ...repo, name: "incident" })).data.color).toBe("d73a4a");
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["incident", "status: triggered"] });
    expect((await octokit.rest.issues.getLabel({ ...repo, name: "status: triggered" })).data.name).toBe("status: triggered");
    const { data: set } = await octokit.rest.issues.setLabels({ ...repo, issue_number: 1, labels: ["incident", "sev:P2"] });
    expect(set.map((l) => l.name)).toEqual(["incident", "sev:P2"]);
    const { data: left } = await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "sev:P2" });
    expect(left.map((l) => l.name)).toEqual(["incident"]);
    await expect(octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "nope" })).rejects.toMatchObject({ status: 404 });
    await octokit.rest.issues.updateLabel({ ...repo, name: "incident", new_name: "Incident", color: "b60205" });
    expect((await octokit.rest.issues.listLabelsOnIssue({ ...repo, issue_number: 1 })).data.map((l) => l.name)).toEqual(["Incident"]);
    await octokit.rest.issues.setLabels({ ...repo, issue_number: 1, labels: [] });
    await octokit.rest.issues.removeAllLabels({ ...repo, issue_number: 1 });
    await octokit.rest.issues.deleteLabel({ ...repo, name: "sev:P2" });
    expect((await octokit.rest.issues.listLabelsForRepo({ ...repo })).data).toHaveLength(2);
    expect((await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: "carol" })).status).toBe(204);

    const { data: assigned } = await octokit.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["alice", "stranger"] });
    expect(assigned.assignees?.map((a) => a.login)).toEqual(["alice"]);
    await octokit.rest.issues.removeAssignees({ ...repo, issue_number: 1, assignees: ["alice"] });
    expect(gh.state.issue(1)?.assignees).toEqual([]);

    const comment = gh.seed.comment({ issue: 1, body: "/sev P0", user: "bob" });
    const first = await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" });
    const again = await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" });
    expect([first.status, again.status]).toEqual([201, 200]);
    await octokit.rest.reactions.createForIssue({ ...repo, issue_number: 1, content: "rocket" });
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 1 })).data.reactions).toMatchObject({ total_count: 1, rocket: 1 });
    expect(gh.violations).toEqual([]);
  });

  it("pull requests: create, list, update, reviewers, reviews, files, merge", async () => {
    gh.seed.issue({ title: "an issue takes #1" });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, title: "Post-mortem INC-1", head: "postmortem/inc-1", base: "main", body: "pm" });
    expect(pr).toMatchObject({ number: 2, state: "open", merged: false, html_url: "https://github.com/acme/ops/pull/2" });
    await expect(octokit.rest.pulls.create({ ...repo, title: "again", head: "postmortem/inc-1", base: "main" })).rejects.toMatchObject({ status: 422 });
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 2 })).data.pull_request).toBeDefined();
    expect((await octokit.rest.pulls.list({ ...repo, head: "acme:postmortem/inc-1" })).data.map((p) => p.number)).toEqual([2]);
    await octokit.rest.pulls.update({ ...repo, pull_number: 2, body: "pm v2" });

    await expect(octokit.rest.pulls.requestReviewers({ ...repo, pull_number: 2, reviewers: ["stranger"] })).rejects.toMatchObject({ status: 422 });
    const { data: requested } = await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: 2, reviewers: ["alice"], team_reviewers: ["sre"] });
    expect(requested.requested_reviewers?.map((u) => u.login)).toEqual(["alice"]);
    gh.seed.review({ pull: 2, user: "alice", state: "APPROVED" });
    const { data: reviews } = await octokit.rest.pulls.listReviews({ ...repo, pull_number: 2 });
    expect(reviews.map((r) => [r.user?.login, r.state])).toEqual([["alice", "APPROVED"]]);
    expect((await octokit.rest.pulls.listFiles({ ...repo, pull_number: 2 })).data).toEqual([]);

    const { data: merged } = await octokit.rest.pulls.merge({ ...repo, pull_number: 2, merge_method: "squash" });
    expect(merged.merged).toBe(true);
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: 2 })).data).toMatchObject({ merged: true, state: "closed", merged_by: { login: "github-actions[bot]" } });
    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: 2 })).rejects.toMatchObject({ status: 405 });
    await expect(octokit.rest.pulls.get({ ...repo, pull_number: 1 })).rejects.toMatchObject({ status: 404 });
    expect(gh.violations).toEqual([]);
  });

  it("repository, statuses, check runs, dispatches, rate limit and search", async () => {
    expect((await octokit.rest.repos.get({ ...repo })).data).toMatchObject({ full_name: "acme/ops", default_branch: "main" });
    const sha = "a".repeat(40);
    const { data: status } = await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "pending", context: "postmortem/review" });
    expect(status.context).toBe("postmortem/review");
    const { data: run } = await octokit.rest.checks.create({ ...repo, name: "policy", head_sha: sha, status: "in_progress" });
    const { data: done } = await octokit.rest.checks.update({ ...repo, check_run_id: run.id, conclusion: "success", output: { title: "ok", summary: "all good" } });
    expect(done).toMatchObject({ status: "completed", conclusion: "success" });

    await octokit.rest.repos.createDispatchEvent({ ...repo, event_type: "alertmanager", client_payload: { alert: { status: "firing" } } });
    expect(gh.state.dispatches).toEqual([{ eventType: "alertmanager", clientPayload: { alert: { status: "firing" } }, user: "github-actions[bot]", at: "2025-03-01T12:00:00Z" }]);
    await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "timer.yml", ref: "main", inputs: { incident: "INC-1" } });
    expect(gh.state.workflowDispatches[0]).toMatchObject({ workflowId: "timer.yml", inputs: { incident: "INC-1" } });

    expect((await octokit.rest.rateLimit.get()).data.resources.core).toMatchObject({ limit: 5000, used: 6 });
    gh.seed.issue({ title: "INC-7 api latency", body: "<!-- iac:key=api:latency -->", labels: ["incident"] });
    gh.seed.issue({ title: "unrelated", labels: ["incident"] });
    const found = await octokit.rest.search.issuesAndPullRequests({ q: 'repo:acme/ops is:open label:incident in:body "iac:key=api:latency"' });
    expect(found.data.items.map((i) => i.title)).toEqual(["INC-7 api latency"]);
    expect(gh.violations).toEqual([]);
  });

  it("pagination: Link header and octokit.paginate", async () => {
    for (let i = 0; i < 5; i++) gh.seed.issue({ title: `i${i}` });
    const res = await octokit.rest.issues.listForRepo({ ...repo, per_page: 2, page: 2 });
    expect(res.data.map((i) => i.number)).toEqual([3, 2]);
    expect(res.headers.link).toContain('page=3>; rel="next"');
    expect(res.headers.link).toContain('rel="last"');
    expect(res.headers.link).toContain('page=1>; rel="prev"');
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 2 });
    expect(all.map((i) => i.number)).toEqual([5, 4, 3, 2, 1]);
    expect(gh.count({ route: "/repos/{owner}/{repo}/issues", method: "GET" })).toBe(4);
    expect(gh.violations).toEqual([]);
  });

  it.each([
    ["alice", "admin", "admin"],
    ["dave", "write", "maintain"],
    ["bob", "write", "write"],
    ["erin", "read", "triage"],
    ["carol", "read", "read"],
  ])("collaborator permission: %s → permission %s, role_name %s", async (username, permission, role) => {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    expect([data.permission, data.role_name, data.user?.role_name]).toEqual([permission, role, role]);
    expect(gh.violations).toEqual([]);
  });

  it("collaborator permission of a non-collaborator is a 404, like GitHub", async () => {
    await expect(octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "stranger" })).rejects.toMatchObject({ status: 404 });
    expect(gh.violations).toEqual([]);
  });
});

describe("contract violations are answered like GitHub and recorded", () => {
  it.each([
    ["missing required field", "POST", "/repos/acme/ops/issues", { body: "no title" }, 422, "body", 'is missing required property "title"'],
    ["bad enum", "PATCH", "/repos/acme/ops/issues/1", { state: "resolved" }, 422, "body", 'must be one of ["open","closed"]'],
    ["wrong type", "POST", "/repos/acme/ops/issues/1/comments", { body: 42 }, 422, "body", "body/body must be string"],
    ["bad query enum", "GET", "/repos/acme/ops/issues?state=resolved", undefined, 422, "query", "query/state must be one of"],
    ["unknown route", "GET", "/repos/acme/ops/incidents", undefined, 404, "route", "no such route"],
    ["wrong method", "PUT", "/repos/acme/ops/issues/1", {}, 404, "method", "has no PUT operation"],
    ["bad path param", "GET", "/repos/acme/ops/issues/one", undefined, 404, "path", "path/issue_number must be integer"],
    ["not implemented", "GET", "/repos/acme/ops/releases", undefined, 404, "not-implemented", "does not implement"],
  ])("%s", async (_name, method, path, body, status, kind, message) => {
    gh.seed.issue({ title: "exists" });
    const res = await call(method, path, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ message: expect.any(String) as string, documentation_url: expect.any(String) as string });
    expect(gh.violations).toHaveLength(1);
    expect(gh.violations[0]).toMatchObject({ kind });
    expect(gh.violations[0]?.message).toContain(message);
  });

  it("flags unknown query parameters and body fields but answers normally, as GitHub ignores them", async () => {
    expect((await call("GET", "/repos/acme/ops/issues?status=open")).status).toBe(200);
    expect((await call("POST", "/repos/acme/ops/issues", { title: "t", severity: "P1" })).status).toBe(201);
    expect(gh.violations.map((v) => v.message)).toEqual([
      'GET /repos/acme/ops/issues (issues/list-for-repo): unknown query parameter "status"',
      'POST /repos/acme/ops/issues (issues/create): unknown body field "severity"',
    ]);
  });

  it("requires authentication", async () => {
    const res = await call("GET", "/repos/acme/ops", undefined, {});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: "Requires authentication" });
    expect(gh.violations[0]?.kind).toBe("auth");
    expect((await call("GET", "/repos/acme/ops", undefined, { authorization: "Bearer x" })).status).toBe(200);
  });

  it("maps tokens to users; an unknown token is a 401", async () => {
    const mapped = await startEmulator({ tokenUser: { "alice-token": "alice" }, users: { alice: "admin" } });
    try {
      const { data } = await new Octokit({ baseUrl: mapped.url, auth: "alice-token", log }).rest.issues.create({ ...repo, title: "by hand" });
      expect(data.user).toMatchObject({ login: "alice", type: "User" });
      await expect(new Octokit({ baseUrl: mapped.url, auth: "other", log }).rest.repos.get({ ...repo })).rejects.toMatchObject({ status: 401 });
      expect(mapped.violations.map((v) => v.kind)).toEqual(["auth"]);
    } finally {
      await mapped.close();
    }
  });

  it("a read-only token (a pull request from a fork) reads, and every write is refused as GitHub refuses it", async () => {
    const fork = await startEmulator({ readOnlyTokens: ["fork-token"] });
    try {
      const client = new Octokit({ baseUrl: fork.url, auth: "fork-token", log, request: { retries: 0 } });
      expect((await client.rest.repos.get({ ...repo })).status).toBe(200);
      await expect(client.rest.issues.createComment({ ...repo, issue_number: 1, body: "hi" })).rejects.toMatchObject({ status: 403, response: { data: { message: "Resource not accessible by integration" } } });
      await expect(client.rest.checks.create({ ...repo, name: "policy", head_sha: "a".repeat(40), status: "completed", conclusion: "success" })).rejects.toMatchObject({ status: 403 });
      expect(fork.state.checkRuns).toEqual([]);
      expect(fork.violations).toEqual([]);
    } finally {
      await fork.close();
    }
  });

  it("validates responses: a broken object is a violation", async () => {
    const broken = await startEmulator({
      mutateResponse: ({ operationId, body }) => (operationId === "issues/create" ? { ...(body as object), number: "one", user: undefined } : body),
    });
    try {
      await new Octokit({ baseUrl: broken.url, auth: "t", log }).rest.issues.create({ ...repo, title: "x" });
      expect(broken.violations.map((v) => v.kind)).toEqual(["response"]);
      expect(broken.violations[0]?.message).toMatch(/response\/number must be integer|missing required property "user"/);
    } finally {
      await broken.close();
    }
  });

  it("flags a body past GitHub's documented 65,536 characters (GitHub stores it; refusals.test.ts has the rest)", async () => {
    await octokit.rest.issues.create({ ...repo, title: "big", body: "x".repeat(65537) });
    expect(gh.violations.map((v) => v.kind)).toEqual(["body"]);
  });
});

describe("fault injection", () => {
  it("a 502 is retried by @octokit/plugin-retry", async () => {
    const handle = gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 502, times: 1 });
    const RetryingOctokit = Octokit.plugin(retry);
    const client = new RetryingOctokit({ baseUrl: gh.url, auth: "t", log, retry: { retryAfterBaseValue: 10 } });
    const { data } = await client.rest.issues.create({ ...repo, title: "flaky" });
    expect(data.number).toBe(1);
    expect(gh.requests.map((r) => [r.status, r.injected])).toEqual([[502, true], [201, false]]);
    expect(handle).toMatchObject({ hits: 1, remaining: 0 });
    expect(gh.count({ method: "POST" })).toBe(2);
  });

  it("a secondary rate limit's retry-after is respected by @octokit/plugin-throttling", async () => {
    gh.inject({
      operationId: "issues/create-comment",
      status: 403,
      headers: { "retry-after": "1" },
      body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest" },
    });
    gh.seed.issue({ title: "incident" });
    const onSecondaryRateLimit = vi.fn((_retryAfter: number) => true);
    const ThrottledOctokit = Octokit.plugin(throttling);
    const client = new ThrottledOctokit({ baseUrl: gh.url, auth: "t", log, throttle: { onRateLimit: () => false, onSecondaryRateLimit } });
    const started = performance.now();
    await client.rest.issues.createComment({ ...repo, issue_number: 1, body: "update" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(onSecondaryRateLimit).toHaveBeenCalledOnce();
    expect(onSecondaryRateLimit.mock.calls[0]?.[0]).toBe(1);
    expect(gh.state.comments).toHaveLength(1);
  });

  it("x-ratelimit-remaining: 0 reaches the primary rate-limit handler", async () => {
    gh.inject({ status: 403, headers: { "x-ratelimit-remaining": "0" }, body: { message: "API rate limit exceeded", documentation_url: "https://docs.github.com/rest" } });
    const onRateLimit = vi.fn(() => false);
    const client = new (Octokit.plugin(throttling))({ baseUrl: gh.url, auth: "t", log, throttle: { onRateLimit, onSecondaryRateLimit: () => false } });
    await expect(client.rest.repos.get({ ...repo })).rejects.toMatchObject({ status: 403 });
    expect(onRateLimit).toHaveBeenCalledOnce();
  });

  it("`after: true` applies the write, then fails the response (a lost reply)", async () => {
    gh.inject({ operationId: "issues/create", status: 500, after: true });
    await expect(octokit.rest.issues.create({ ...repo, title: "half" })).rejects.toMatchObject({ status: 500 });
    expect(gh.state.issues.map((i) => i.title)).toEqual(["half"]);
  });

  it("the primary rate limit runs out", async () => {
    const limited = await startEmulator({ coreRateLimit: 1 });
    try {
      expect((await fetch(`${limited.url}/repos/acme/ops`, { headers: { authorization: "token t" } })).status).toBe(200);
      const res = await fetch(`${limited.url}/repos/acme/ops`, { headers: { authorization: "token t" } });
      expect([res.status, res.headers.get("x-ratelimit-remaining")]).toEqual([403, "0"]);
    } finally {
      await limited.close();
    }
  });
});
