// A pull request that changes policies/ or incidents/, end to end: the bundled Action runs
// `command: validate` on the `pull_request` event in a checkout of GitHub's merge ref (as
// actions/checkout makes it, `fetch-depth: 2`), replays the month of recorded alerts through the
// base's and the pull request's policies, and posts one comment — edited in place on the next
// push — and a check run, against the emulator and a bare repository on disk; `incident simulate`
// of the same event prints the Plan the Action executed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkRotationHistory } from "../../src/cli/rotation-history.js";
import { correctTimestamps } from "../../src/incident/corrections.js";
import { parseRecord, serializeRecord } from "../../src/incident/codec.js";
import type { Applied } from "../../src/plan/log.js";
import type { Plan } from "../../src/plan/plan.js";
import { CHECK_NAME } from "../../src/review/pull-request.js";
import { ALL_ALERTS, DATABASE_ALERTS, moveDatabaseRoute, replayRecords } from "../replay/fixture.js";
import type { EmulatorOptions } from "../emulator/index.js";
import { world, type World } from "./harness.js";
import { webhookExample } from "./webhook-examples.js";

const HUMAN_TOKEN = "ghp_alice";
const BOT = "github-actions[bot]";
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=alice", "-c", "user.email=alice@example.com", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

let w: World | undefined;
afterEach(async () => {
  expect(w?.gh.violations ?? []).toEqual([]);
  await w?.close();
  w = undefined;
});

/** The shipped policies and a month of resolved incidents on main. */
async function history(options: EmulatorOptions = {}): Promise<World> {
  return world({ tokenUser: { ghs_test: BOT, [HUMAN_TOKEN]: "alice-example" }, ...options }, (seed) => {
    mkdirSync(join(seed, "incidents"), { recursive: true });
    for (const r of replayRecords()) writeFileSync(join(seed, `incidents/${r.id}.yaml`), serializeRecord(r));
  });
}

interface Pull {
  number: number;
  headSha: string;
  baseSha: string;
  /** Pushes another commit to the branch and remakes the merge ref. */
  push(edit: (dir: string) => void, message: string): void;
}

/** A branch with `edit` committed, its pull request (opened by a person), and GitHub's merge ref. */
async function openPull(world: World, branch: string, edit: (dir: string) => void, message: string): Promise<Pull> {
  const dir = join(world.dir, `clone-${branch}`);
  git(world.dir, "clone", "-q", world.remote, dir);
  git(dir, "checkout", "-q", "-b", branch);
  const commit = (change: (d: string) => void, text: string): string => {
    git(dir, "checkout", "-q", branch);
    change(dir);
    git(dir, "commit", "-qam", text);
    git(dir, "push", "-q", "origin", branch);
    return git(dir, "rev-parse", "HEAD");
  };
  const res = await fetch(`${world.gh.url}/repos/acme/ops/pulls`, { method: "POST", headers: { authorization: `token ${HUMAN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ title: message, head: branch, base: "main" }) });
  expect(res.status).toBe(201);
  const { number } = (await res.json()) as { number: number };
  const merge = (): void => {
    git(dir, "checkout", "-q", "--detach", "origin/main");
    git(dir, "merge", "-q", "--no-ff", "-m", `Merge ${branch} into main`, branch);
    git(dir, "push", "-q", "-f", "origin", `HEAD:refs/pull/${number}/merge`);
  };
  const pull: Pull = {
    number,
    headSha: commit(edit, message),
    baseSha: git(dir, "rev-parse", "origin/main"),
    push(change, text) {
      pull.headSha = commit(change, text);
      merge();
    },
  };
  merge();
  return pull;
}

function event(action: string, pull: Pull, branch: string): unknown {
  type Side = Record<string, unknown> & { repo?: Record<string, unknown> };
  const example = webhookExample("pull_request", action === "synchronize" ? "synchronize" : "opened") as { pull_request: Record<string, unknown> & { head: Side; base: Side } } & Record<string, unknown>;
  const pr = example.pull_request;
  return {
    ...example,
    action,
    number: pull.number,
    pull_request: { ...pr, number: pull.number, head: { ...pr.head, ref: branch, sha: pull.headSha, repo: { ...pr.head.repo, full_name: "acme/ops" } }, base: { ...pr.base, ref: "main", sha: pull.baseSha } },
  };
}

/** `incident simulate --json` (dist/cli.js) of `payload` in a checkout of the pull request's merge commit, as the Action's. */
function simulate(world: World, pull: Pull, payload: unknown, at: string): Pick<Plan, "door" | "decision" | "reason" | "effects"> {
  const dir = mkdtempSync(join(world.dir, "simulate-"));
  const checkout = join(dir, "checkout");
  git(dir, "init", "-q", checkout);
  git(checkout, "remote", "add", "origin", world.remote);
  git(checkout, "fetch", "-q", "--no-tags", "--depth=2", `file://${world.remote}`, `+refs/pull/${pull.number}/merge:refs/remotes/pull/checkout`);
  git(checkout, "checkout", "-q", "--detach", "refs/remotes/pull/checkout");
  const p = payload as { repository: Record<string, unknown> };
  writeFileSync(join(dir, "event.json"), JSON.stringify({ ...p, repository: { ...p.repository, name: "ops", full_name: "acme/ops", default_branch: "main" } }));
  const out = spawnSync(process.execPath, [resolve("dist/cli.js"), "simulate", join(dir, "event.json"), "--json", "--dir", checkout, "--at", at], { encoding: "utf8" });
  expect(out.status, out.stderr).toBe(0);
  const plan = JSON.parse(out.stdout) as Plan;
  return { door: plan.door, decision: plan.decision, reason: plan.reason, effects: plan.effects };
}

const review = (world: World, action: string, pull: Pull, branch: string) => world.act("pull_request", event(action, pull, branch), { inputs: { command: "validate" }, checkout: { ref: `refs/pull/${pull.number}/merge`, depth: 2 } });
const ours = (world: World, pr: number) => world.gh.state.comments.filter((c) => c.issueNumber === pr && c.user === BOT);

const edit = (file: string, change: (text: string) => string) => (dir: string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));

describe("the policy replay on a pull request", () => {
  it("moving the database route to another team: the past alerts that would change and the on-call differences, one comment kept up to date, and a check run", async () => {
    w = await history();
    const move = (dir: string): void => {
      const files = { routing: readFileSync(join(dir, "policies/routing.yaml"), "utf8"), rotations: readFileSync(join(dir, "policies/oncall/rotations.yaml"), "utf8") };
      const moved = moveDatabaseRoute(files);
      writeFileSync(join(dir, "policies/routing.yaml"), moved.routing);
      writeFileSync(join(dir, "policies/oncall/rotations.yaml"), moved.rotations);
    };
    const pull = await openPull(w, "move-database", move, "Route database alerts to SRE");
    const run = await review(w, "opened", pull, "move-database");
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("policies-valid");
    // The policy-review door's Plan, executed by the pulls executor: the comment and the check run.
    const plan = JSON.parse(run.outputs.plan ?? "{}") as Plan & { executed: Applied[] };
    expect(plan.door).toBe("policy-review");
    expect(plan.effects.map((e) => e.kind)).toEqual(["pr.comment", "check.run"]);
    expect(plan.executed.map((a) => [a.kind, a.outcome])).toEqual([
      ["pr.comment", "done"],
      ["check.run", "done"],
    ]);
    // `incident simulate` of the same event, in a checkout of the same merge commit, prints that Plan.
    expect(simulate(w, pull, event("opened", pull, "move-database"), plan.now)).toEqual({ door: plan.door, decision: plan.decision, reason: plan.reason, effects: plan.effects });

    const [comment, ...more] = ours(w, pull.number);
    expect(more).toEqual([]);
    const body = comment?.body ?? "";
    expect(body).toContain(`### Policy replay: main \\(${pull.baseSha.slice(0, 7)}\\) → this pull request \\(${pull.headSha.slice(0, 7)}\\)`); // parentheses escaped as markdown
    expect(body).toContain(`**${DATABASE_ALERTS} of ${ALL_ALERTS} past alerts would be handled differently; on-call differs in 1 rotation.**`);
    // Every database alert is listed with its incident, and what changes for it.
    for (const id of ["2026-02-02-001", "2026-02-09-001", "2026-02-17-001", "2026-02-26-001"]) expect(body).toContain(`[${id}](https://github.com/acme/ops/issues/`);
    expect(body).not.toContain("[2026-02-04-001]"); // the api alert stays as it was
    expect(body).toMatch(/\| 2026-02-02 09:01Z \| ReplicationLag \(database\) \| \[2026-02-02-001\]\([^)]+\) \| [^|]*team data → sre · rotation database-oncall → sre-oncall · paged [^|]+ → [^|]+ \|/);
    // On call ahead: the new rotation exists only in the pull request.
    expect(body).toMatch(/\| sre-oncall \| [^|]+ \| [^|]+ \| Europe\/Berlin \| no such rotation \| (heidi|charlie)-example \/ (heidi|charlie)-example \|/);
    // Alert text cannot notify anyone.
    expect(body).not.toMatch(/(^|[^\u200B])@everyone/);

    const [check] = w.gh.state.checkRuns;
    expect(check).toMatchObject({ name: CHECK_NAME, headSha: pull.headSha, status: "completed", conclusion: "success" });
    expect(check?.output.title).toBe(`${DATABASE_ALERTS} of ${ALL_ALERTS} past alerts would be handled differently; on-call differs in 1 rotation`);
    expect(run.summary).toContain("ReplicationLag (database)");

    // Another push: the same comment is edited in place, and the new head commit gets its check run.
    pull.push(edit("policies/routing.yaml", (t) => t.replace("team: sre\n      rotation: sre-oncall", "team: backend\n      rotation: sre-oncall")), "Route database alerts to backend");
    const again = await review(w, "synchronize", pull, "move-database");
    expect(again.code, again.stdout).toBe(0);
    expect(ours(w, pull.number).map((c) => c.id)).toEqual([comment?.id]);
    expect(ours(w, pull.number)[0]?.body).toContain("team data → backend");
    expect(w.gh.state.checkRuns.map((c) => [c.headSha, c.conclusion])).toEqual([
      [check?.headSha, "success"],
      [pull.headSha, "success"],
    ]);
  });

  it("from a fork (the workflow's token may only read): nothing is posted, the replay is in the job summary, the validation stands", async () => {
    w = await history({ readOnlyTokens: ["ghs_test"] });
    const pull = await openPull(w, "fork-move", edit("policies/routing.yaml", (t) => t.replace("team: data", "team: backend")), "Database alerts to backend");
    const run = await review(w, "opened", pull, "fork-move");
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("policies-valid");
    expect(run.stdout).toMatch(/::warning::could not post the policy replay on #\d+: .*HTTP 403.*Resource not accessible by integration/);
    expect(ours(w, pull.number)).toEqual([]);
    expect(w.gh.state.checkRuns).toEqual([]);
    expect(run.summary).toContain("### Policy replay: main");
  });

  it("adding a member mid-shift fails the check and the step; deferred to the next handoff it passes", async () => {
    w = await history();
    const add = edit("policies/oncall/rotations.yaml", (t) => t.replace("members: [alice-example, bob-example, frank-example]", "members: [alice-example, bob-example, frank-example, gina-example]").replace("      frank-example: { expertise: [backend, api], senior: true }\n", "      frank-example: { expertise: [backend, api], senior: true }\n      gina-example: { expertise: [api] }\n"));
    const pull = await openPull(w, "add-gina", add, "api-oncall: add gina");
    const refused = await review(w, "opened", pull, "add-gina");
    expect(refused.code).not.toBe(0);
    expect(refused.outputs.decision).toBe("policies-invalid");
    expect(refused.stdout).toMatch(/::error title=incident-as-code policy,file=policies\/oncall\/rotations\.yaml,line=\d+,col=\d+::rotation `api-oncall`: this change rewrites a shift that had already started \(compared with the pull request's base\)/);
    expect(w.gh.state.checkRuns.at(-1)).toMatchObject({ headSha: pull.headSha, conclusion: "failure", output: { title: "1 rotation change(s) would rewrite started shifts" } });
    expect(ours(w, pull.number)[0]?.body).toContain("#### Rotation changes refused");

    // `incident validate --fix` on the branch keeps the old schedule as history until the next handoff.
    const clone = join(w.dir, "clone-add-gina");
    git(clone, "checkout", "-q", "add-gina");
    const fixed = await checkRotationHistory({ dir: clone, policiesDir: "policies", against: "origin/main", now: Date.now(), fix: true });
    expect(fixed.fixed).toEqual(["api-oncall"]);
    pull.push(() => undefined, "api-oncall: gina from the next handoff");
    const passed = await review(w, "synchronize", pull, "add-gina");
    expect(passed.code, passed.stdout).toBe(0);
    expect(w.gh.state.checkRuns.at(-1)).toMatchObject({ headSha: pull.headSha, conclusion: "success" });
    // Nobody's current shift changes: on-call differs only from a handoff (Monday 09:00 in Los Angeles) on.
    const body = ours(w, pull.number)[0]?.body ?? "";
    expect(body).not.toContain("Rotation changes refused");
    const rows = body.split("\n").filter((l) => l.startsWith("| api-oncall |"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^\| api-oncall \| \d{4}-\d\d-\d\d 09:00 \|/);
  });

  it("a record correction passes with its timeline entry and fails without one", async () => {
    w = await history();
    const path = "incidents/2026-02-02-001.yaml";
    const sneak = edit(path, (t) => t.replace("detected: 2026-02-02T09:01:00.000Z", "detected: 2026-02-02T09:02:00.000Z"));
    const pull = await openPull(w, "fix-detected", sneak, "detected later");
    const refused = await review(w, "opened", pull, "fix-detected");
    expect(refused.code).not.toBe(0);
    expect(w.gh.state.checkRuns.at(-1)).toMatchObject({ conclusion: "failure", output: { title: "1 record change(s) lack a correction entry" } });
    expect(refused.stdout).toContain("::error title=incident-as-code policy,file=incidents/2026-02-02-001.yaml,line=1,col=1::2026-02-02-001: timestamps.detected changes from 2026-02-02T09:01:00.000Z to 2026-02-02T09:02:00.000Z without a correction entry");

    pull.push(
      edit(path, (t) => {
        const parsed = parseRecord(t, path);
        if ("error" in parsed) throw new Error(parsed.error);
        const original = { ...parsed.record, timestamps: { ...parsed.record.timestamps, detected: "2026-02-02T09:01:00.000Z" } };
        return serializeRecord(correctTimestamps(original, { detected: "2026-02-02T09:02:00Z" }, "alice-example", "the page fired at 09:02; 09:01 was the first retry", "2026-03-04T18:00:00.000Z"));
      }),
      "correct detected",
    );
    const passed = await review(w, "synchronize", pull, "fix-detected");
    expect(passed.code, passed.stdout).toBe(0);
    expect(w.gh.state.checkRuns.at(-1)).toMatchObject({ headSha: pull.headSha, conclusion: "success" });
    expect(ours(w, pull.number)[0]?.body).toContain("- corrected: 2026-02-02-001: timestamps.detected corrected from 2026-02-02T09:01:00.000Z to 2026-02-02T09:02:00.000Z: the page fired at 09:02; 09:01 was the first retry");
  });

  it("on a push to main, validate compares the rotations with the commit before, as of when it was made", async () => {
    w = await history();
    const dir = join(w.dir, "clone-push");
    git(w.dir, "clone", "-q", w.remote, dir);
    edit("policies/oncall/rotations.yaml", (t) => t.replace("members: [alice-example, bob-example, frank-example]", "members: [frank-example, alice-example, bob-example]"))(dir);
    git(dir, "commit", "-qam", "api-oncall: frank first");
    git(dir, "push", "-q", "origin", "main");
    const run = await w.act("push", { ...webhookExample("push"), ref: "refs/heads/main" }, { inputs: { command: "validate" } });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error title=incident-as-code policy,file=policies\/oncall\/rotations\.yaml,line=\d+,col=\d+::rotation `api-oncall`: this change rewrites a shift that had already started \(compared with the version before [0-9a-f]{12}, as of when that commit was made\)/);
    expect(w.gh.state.checkRuns).toEqual([]); // no pull request, no replay
  });
});
