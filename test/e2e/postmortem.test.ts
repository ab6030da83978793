// Post-mortems end to end: resolve → PR with the rendered file, review gate on reviews and pushes,
// merge → action-item issues and a closed incident. dist/index.js, the emulator, a bare remote.
// Each test has its own world so the two run side by side: GitHub paces notifying writes 3 s
// apart (plugin-throttling), which makes every resolve take seconds.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runPostmortem } from "../../src/action/postmortem.js";
import type { RunContext } from "../../src/action/context.js";
import { loadPolicyDir } from "../../src/config/index.js";
import { createOctokit } from "../../src/github/client.js";
import { octokitPort } from "../../src/github/port.js";
import { octokitPulls } from "../../src/github/pulls.js";
import { open } from "../../src/store/git.js";
import { policyOnCall } from "../../src/oncall/port.js";
import { envNotifyPort } from "../../src/notify/port.js";
import { newLog } from "../../src/plan/log.js";
import { dispatchEvent, example, world, type World } from "./harness.js";
import { webhookExample } from "./webhook-examples.js";

const HUMAN_TOKEN = "ghp_alice";
const run = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=alice", "-c", "user.email=alice@example.com", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

interface StoredRecord {
  id: string;
  status: string;
  links: { issue: number; postmortemPr: number | null; postmortemPath: string | null };
  actionItems: { title: string; issue: number | null }[];
  timeline: { text: string }[];
}

/** What reviewers do: fill in every placeholder and name the root-cause category. */
const complete = (text: string): string => text.replace(/^(.*)_TODO: [^\n]*$/gm, "$1Written by the team during review.").replace(/^root_cause_category: null$/m, "root_cause_category: deployment");

/** One world (emulator + bare remote) and the steps a test takes in it. */
async function session(test: (s: ReturnType<typeof steps>) => Promise<void>): Promise<void> {
  const w = await world({ tokenUser: { ghs_test: "github-actions[bot]", [HUMAN_TOKEN]: "alice-example" } });
  try {
    await test(steps(w));
    expect(w.gh.violations).toEqual([]);
  } finally {
    await w.close();
  }
}

function steps(w: World) {
  let edits = 0;
  const record = (): StoredRecord => parse(Object.values(w.remoteFiles())[0]!) as StoredRecord;
  const branchTip = (id: string): string => run(w.remote, "rev-parse", `refs/heads/postmortem/${id}`).trim();
  const act = async (event: string, payload: unknown, decision: string): Promise<void> => {
    const r = await w.act(event, payload);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs.decision, r.outputs.reason).toBe(decision);
  };
  /** A pull_request(_review) event from GitHub's example, about the post-mortem PR of `id`. */
  const prEvent = (event: "pull_request" | "pull_request_review", action: string, id: string, pr: number, over: Record<string, unknown> = {}): unknown => {
    const base = webhookExample(event, action) as { pull_request: { head: { repo: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown> };
    const head = { ...base.pull_request.head, ref: `postmortem/${id}`, sha: branchTip(id), repo: { ...base.pull_request.head.repo, full_name: "acme/ops" } };
    return { ...base, pull_request: { ...base.pull_request, number: pr, head, ...over } };
  };
  return {
    w,
    record,
    branchTip,
    act,
    prEvent,
    resolveP1: async (): Promise<StoredRecord> => {
      await act("repository_dispatch", dispatchEvent("alertmanager", example("high-error-rate.json")), "opened");
      await act("repository_dispatch", dispatchEvent("alertmanager", example("resolved.json")), "resolved");
      return record();
    },
    /** A human edits the post-mortem on its branch and pushes. */
    edit: (id: string, path: string, change: (text: string) => string): void => {
      const dir = join(w.dir, `edit-${++edits}`);
      run(w.dir, "clone", "-q", "-b", `postmortem/${id}`, w.remote, dir);
      writeFileSync(join(dir, path), change(readFileSync(join(dir, path), "utf8")));
      run(dir, "commit", "-q", "-am", "edit post-mortem");
      run(dir, "push", "-q", "origin", `postmortem/${id}`);
    },
    /** A human merges the PR (git, then the API); returns the `closed` event GitHub sends. */
    merge: async (id: string, pr: number): Promise<unknown> => {
      const dir = join(w.dir, `merge-${pr}`);
      run(w.dir, "clone", "-q", w.remote, dir);
      run(dir, "merge", "-q", "--no-ff", "-m", `Merge pull request #${pr}`, `origin/postmortem/${id}`);
      run(dir, "push", "-q", "origin", "main");
      const res = await fetch(`${w.gh.url}/repos/acme/ops/pulls/${pr}/merge`, { method: "PUT", headers: { authorization: `token ${HUMAN_TOKEN}`, "content-type": "application/json" }, body: "{}" });
      expect(res.status).toBe(200);
      const sender = (webhookExample("pull_request", "closed") as { sender: Record<string, unknown> }).sender;
      return prEvent("pull_request", "closed", id, pr, { merged: true, merged_by: { ...sender, login: "alice-example" } });
    },
    gateStatuses: () => w.gh.state.statuses.filter((st) => st.context === "incident-as-code/postmortem"),
    gateComments: (pr: number) => w.gh.state.comments.filter((c) => c.issueNumber === pr && c.body.includes("review gate")),
    commentsOn: (issue: number) => w.gh.state.comments.filter((c) => c.issueNumber === issue).map((c) => c.body),
    writes: () => w.gh.requests.filter((q) => q.method !== "GET").length,
  };
}

/** The run context a `postmortem.start` effect (from /resolve or /postmortem) runs with, in-process. */
async function contextFor(w: World): Promise<RunContext> {
  const dir = join(mkdtempSync(join(w.dir, "ctx-")), "clone");
  run(w.dir, "clone", "-q", w.remote, dir);
  const policies = (await loadPolicyDir(dir, "policies")).policies!;
  const octokit = createOctokit("ghs_test", { baseUrl: w.gh.url });
  const repo = { owner: "acme", repo: "ops" };
  const store = await open({ dir, branch: "main" });
  return { github: octokitPort(octokit, repo), pulls: octokitPulls(octokit, repo), store, policies, onCall: policyOnCall(policies), repo, now: new Date().toISOString(), runId: "9001", seed: "e2e", dryRun: false, staleAfterMs: 600_000, notify: envNotifyPort(policies, {}, { repositoryUrl: null, mask: () => undefined, log: () => undefined }), log: () => undefined };
}

describe.concurrent("a P1 post-mortem", () => {
  it("is opened on resolve, gated by reviews and pushes, and published on merge", () =>
    session(async ({ w, record, branchTip, act, prEvent, resolveP1, edit, merge, gateStatuses, gateComments, commentsOn, writes }) => {
    const r = await resolveP1();
    expect(r.status).toBe("postmortem-review");
    expect(w.gh.state.pulls).toHaveLength(1);
    const pr = w.gh.state.pulls[0]!;
    const path = r.links.postmortemPath!;
    expect(r.links.postmortemPr).toBe(pr.number);
    expect(pr.pull?.head.ref).toBe(`postmortem/${r.id}`);
    expect(pr.pull?.requestedReviewers).toEqual(expect.arrayContaining(["alice-example", "bob-example"]));
    const file = run(w.remote, "show", `postmortem/${r.id}:${path}`);
    expect(file).toMatch(/^---\n/);
    expect(file).toContain(`incident_id: ${r.id}`);
    expect(commentsOn(r.links.issue)).toContainEqual(expect.stringContaining(`The post-mortem is in review: #${pr.number}.`));
    // The gate's status is set at once: placeholders are left.
    expect(gateStatuses().map((s) => [s.state, s.sha])).toEqual([["failure", branchTip(r.id)]]);

    // The resolve delivered again opens no second PR.
    await act("repository_dispatch", dispatchEvent("alertmanager", example("resolved.json")), "ignored");
    expect(w.gh.state.pulls).toHaveLength(1);

    // Changes requested: red, with the reasons in the one gate comment.
    w.gh.seed.review({ pull: pr.number, user: "alice-example", state: "CHANGES_REQUESTED", body: "Fill in the root cause." });
    await act("pull_request_review", prEvent("pull_request_review", "submitted", r.id, pr.number), "postmortem-gate-failed");
    expect(gateStatuses().at(-1)?.state).toBe("failure");
    expect(gateComments(pr.number)).toHaveLength(1);
    expect(gateComments(pr.number)[0]!.body).toContain("- alice-example requested changes");
    expect(gateComments(pr.number)[0]!.body).toContain("placeholder left");

    // Completed and approved by a required reviewer: green and labelled.
    edit(r.id, path, complete);
    w.gh.seed.review({ pull: pr.number, user: "rita-reader", state: "APPROVED" });
    w.gh.seed.review({ pull: pr.number, user: "alice-example", state: "APPROVED" });
    await act("pull_request_review", prEvent("pull_request_review", "submitted", r.id, pr.number), "postmortem-gate-passed");
    expect(gateStatuses().at(-1)).toMatchObject({ state: "success", sha: branchTip(r.id) });
    expect(pr.labels).toContain("postmortem:approved");
    expect(gateComments(pr.number)).toHaveLength(1);
    expect(gateComments(pr.number)[0]!.body).toContain("✅ passed");

    // A push that removes a required section: red again, label gone, still one comment.
    const good = run(w.remote, "show", `postmortem/${r.id}:${path}`);
    edit(r.id, path, (t) => t.replace(/^## What Went Well\n[\s\S]*?(?=^## )/m, ""));
    await act("pull_request", prEvent("pull_request", "synchronize", r.id, pr.number), "postmortem-gate-failed");
    expect(gateStatuses().at(-1)).toMatchObject({ state: "failure", sha: branchTip(r.id) });
    expect(pr.labels).not.toContain("postmortem:approved");
    expect(gateComments(pr.number)).toHaveLength(1);
    expect(gateComments(pr.number)[0]!.body).toContain("What Went Well");

    edit(r.id, path, () => good);
    await act("pull_request", prEvent("pull_request", "synchronize", r.id, pr.number), "postmortem-gate-passed");

    // Merge: published, action items as issues, the incident closed with a summary.
    await act("pull_request", await merge(r.id, pr.number), "postmortem-published");
    const closed = record();
    expect(closed.status).toBe("closed");
    expect(closed.timeline.map((t) => t.text).join("\n")).not.toContain("bypassed");
    const items = w.gh.state.issues.filter((i) => i.labels.includes("action-item"));
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.title)).toEqual(closed.actionItems.map((a) => a.title));
    expect(closed.actionItems.map((a) => a.issue)).toEqual(items.map((i) => i.number));
    const incident = w.gh.state.issues.find((i) => i.number === r.links.issue)!;
    expect(incident.state).toBe("closed");
    expect(commentsOn(incident.number).at(-1)).toContain("Post-mortem published");
    expect(Object.keys(w.remoteFiles("postmortems/")).sort()).toEqual([path, "postmortems/patterns.yaml"].sort());

    // The merge event delivered again changes nothing.
    const before = writes();
    const commits = w.commits();
    await act("pull_request", prEvent("pull_request", "closed", r.id, pr.number, { merged: true, merged_by: { login: "alice-example" } }), "postmortem-published");
    expect(writes()).toBe(before);
    expect(w.commits()).toBe(commits);
  }));

  it("is published even when merged before the gate passes, and says the gate was bypassed; /resolve and /postmortem open no second PR", () =>
    session(async ({ w, record, act, resolveP1, merge, commentsOn }) => {
      const r = await resolveP1();
      const pr = r.links.postmortemPr!;
      const ctx = await contextFor(w);
      await runPostmortem(ctx, r.id, false, newLog());
      await runPostmortem(ctx, r.id, true, newLog());
      expect(w.gh.state.pulls).toHaveLength(1);

      await act("pull_request", await merge(r.id, pr), "postmortem-published");
      const closed = record();
      expect(closed.status).toBe("closed");
      expect(closed.timeline.map((t) => t.text)).toContainEqual(expect.stringContaining("without passing the review gate (gate bypassed)"));
      expect(commentsOn(r.links.issue).at(-1)).toContain("**Review gate bypassed:**");
      expect(w.gh.state.issues.find((i) => i.number === r.links.issue)?.state).toBe("closed");
    }));
});
