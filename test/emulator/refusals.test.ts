// The emulator refuses what GitHub refuses (refusals.ts names each source): lengths of titles,
// labels, bodies, comments, status descriptions, check-run output, dispatch payloads and inputs.
import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index.js";

const repo = { owner: "acme", repo: "ops" };
const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const FAMILY = "👩‍👩‍👧‍👦"; // 7 code points
let gh: Emulator;
let octokit: Octokit;

beforeEach(async () => {
  gh = await startEmulator({ users: { alice: "admin" } });
  octokit = new Octokit({ baseUrl: gh.url, auth: "t", log });
});
afterEach(async () => {
  await gh.close();
});

const refused = (field: string, extra: Record<string, unknown> = {}) => ({ status: 422, response: { data: { message: "Validation Failed", errors: [expect.objectContaining({ field, ...extra })] } } });

describe("titles", () => {
  it("accepts 256 characters (code points, emoji included) and refuses 257 on create and update", async () => {
    const title = "😀".repeat(256); // 512 UTF-16 code units, 256 characters
    await octokit.rest.issues.create({ ...repo, title });
    await expect(octokit.rest.issues.create({ ...repo, title: `${title}x` })).rejects.toMatchObject(refused("title", { message: "title is too long (maximum is 256 characters)" }));
    await expect(octokit.rest.issues.update({ ...repo, issue_number: 1, title: "y".repeat(257) })).rejects.toMatchObject(refused("title"));
    expect(gh.state.issues.map((i) => i.title)).toEqual([title]);
  });

  it("refuses an empty or blank title", async () => {
    await expect(octokit.rest.issues.create({ ...repo, title: "  " })).rejects.toMatchObject(refused("title", { code: "missing_field" }));
    expect(gh.state.issues).toEqual([]);
  });

  it("applies to pull-request titles", async () => {
    await expect(octokit.rest.pulls.create({ ...repo, title: "t".repeat(257), head: "x", base: "main" })).rejects.toMatchObject(refused("title"));
  });
});

describe("labels", () => {
  it("refuses a label name over 50 characters wherever a label is named", async () => {
    const long = `service:${"s".repeat(43)}`; // 51
    gh.seed.issue({ title: "x" });
    await expect(octokit.rest.issues.create({ ...repo, title: "t", labels: [long] })).rejects.toMatchObject(refused("name", { code: "invalid", value: long }));
    await expect(octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: [long] })).rejects.toMatchObject(refused("name"));
    await expect(octokit.rest.issues.setLabels({ ...repo, issue_number: 1, labels: ["ok", long] })).rejects.toMatchObject(refused("name"));
    await expect(octokit.rest.issues.update({ ...repo, issue_number: 1, labels: [long] })).rejects.toMatchObject(refused("name"));
    await expect(octokit.rest.issues.createLabel({ ...repo, name: long })).rejects.toMatchObject(refused("name"));
    expect(gh.state.labels).toEqual([]);
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: [long.slice(0, 50), FAMILY.repeat(7)] }); // 50 and 49 characters
    expect(gh.state.issue(1)?.labels).toHaveLength(2);
  });

  it("refuses a label description over 100 characters", async () => {
    await expect(octokit.rest.issues.createLabel({ ...repo, name: "incident", description: "d".repeat(101) })).rejects.toMatchObject(refused("description"));
    await octokit.rest.issues.createLabel({ ...repo, name: "incident", description: "d".repeat(100) });
    await expect(octokit.rest.issues.updateLabel({ ...repo, name: "incident", description: "d".repeat(101) })).rejects.toMatchObject(refused("description"));
  });
});

describe("bodies and comments: GitHub enforces 262,144 bytes, documents 65,536 characters", () => {
  it("stores a body past the documented limit but flags it, and refuses one past 262,144 bytes", async () => {
    await octokit.rest.issues.create({ ...repo, title: "big", body: "x".repeat(70_000) });
    expect(gh.violations.map((v) => v.message)).toEqual([expect.stringContaining("past GitHub's documented limit of 65536")]);
    await expect(octokit.rest.issues.create({ ...repo, title: "bigger", body: "😀".repeat(65_537) })).rejects.toMatchObject(refused("body", { message: "body is too long (maximum is 65536 characters)" }));
    expect(gh.state.issues).toHaveLength(1);
  });

  it("refuses comments and comment edits past 262,144 bytes, keeping the old comment", async () => {
    gh.seed.issue({ title: "x" });
    const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "ok" });
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "é".repeat(131_073) })).rejects.toMatchObject(refused("body"));
    await expect(octokit.rest.issues.updateComment({ ...repo, comment_id: data.id, body: "x".repeat(262_145) })).rejects.toMatchObject(refused("body"));
    expect(gh.state.comments.map((c) => c.body)).toEqual(["ok"]);
  });

  it("an issue body update past 262,144 bytes is refused silently: 200, old body kept", async () => {
    gh.seed.issue({ title: "x", body: "old" });
    const { status, data } = await octokit.rest.issues.update({ ...repo, issue_number: 1, body: "x".repeat(262_145) });
    expect([status, data.body]).toEqual([200, "old"]);
    expect(gh.violations.map((v) => v.message)).toEqual([expect.stringContaining("keeps the old body")]);
  });

  it("pull-request bodies are refused past 65,536 characters", async () => {
    await expect(octokit.rest.pulls.create({ ...repo, title: "pm", head: "x", base: "main", body: "😀".repeat(65_537) })).rejects.toMatchObject(refused("body"));
    await octokit.rest.pulls.create({ ...repo, title: "pm", head: "x", base: "main", body: "😀".repeat(65_536) });
  });
});

describe("statuses, check runs and dispatches", () => {
  const sha = "a".repeat(40);

  it("refuses (does not truncate) a commit-status description over 140 characters", async () => {
    await expect(octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "success", description: "d".repeat(141) })).rejects.toMatchObject(refused("description", { message: "description is too long (maximum is 140 characters)" }));
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "success", description: FAMILY.repeat(20) }); // 140 characters
    expect(gh.state.statuses.map((s) => s.description)).toEqual([FAMILY.repeat(20)]);
  });

  it("refuses a check-run summary over 65,535 bytes, though it has fewer characters", async () => {
    await expect(octokit.rest.checks.create({ ...repo, name: "gate", head_sha: sha, output: { title: "t", summary: "😀".repeat(16_384) } })).rejects.toMatchObject(refused("summary", { message: "summary exceeds a maximum bytesize of 65535" }));
    expect(gh.state.checkRuns).toEqual([]);
  });

  it("refuses a dispatch whose event_type is over 100 characters or whose payload has 11 keys or 64 KB", async () => {
    await expect(octokit.rest.repos.createDispatchEvent({ ...repo, event_type: "e".repeat(101) })).rejects.toMatchObject({ status: 422 });
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
    await expect(octokit.rest.repos.createDispatchEvent({ ...repo, event_type: "alert", client_payload: eleven })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.repos.createDispatchEvent({ ...repo, event_type: "alert", client_payload: { payload: "x".repeat(64 * 1024) } })).rejects.toMatchObject({ status: 422 });
    expect(gh.state.dispatches).toEqual([]);
    expect(gh.violations.map((v) => v.kind)).toEqual(["body", "body", "body"]);
  });

  it("refuses workflow-dispatch inputs over 25 keys or 65,535 characters", async () => {
    const many = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, "v"]));
    await expect(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "timer.yml", ref: "main", inputs: many })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "timer.yml", ref: "main", inputs: { big: "x".repeat(65_536) } })).rejects.toMatchObject({ status: 422 });
    expect(gh.state.workflowDispatches).toEqual([]);
  });
});
