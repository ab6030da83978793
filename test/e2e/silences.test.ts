// A silence file, end to end through the bundled Action: while it is active a matching alert opens
// nothing and pages nobody (the run says which silence and why); once it ends the same kind of
// alert pages again — on time, with the Action's clock shifted — and the schedule job tells the
// incident the silence covered, once, and opens one pull request that deletes the file. For the
// silenced alert and the schedule run, `incident simulate --json` (dist/cli.js) on a checkout of the
// repository as it was just before prints the very Plan the Action executed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/plan.js";
import { CLEANUP_BRANCH } from "../../src/review/silence-expiry.js";
import { dispatchEvent, example, world, type ActionRun, type ActOptions, type World } from "./harness.js";
import { commentsOn, record, records, scheduleEvent } from "./incident-events.js";

const CLI = resolve("dist/cli.js");

const MIN = 60_000;
/** The story's start: the Action's clock is shifted to T0 + minutes for each run. */
const T0 = Math.floor(Date.now() / MIN) * MIN;
const at = (minutes: number) => ({ env: { INCIDENT_AS_CODE_CLOCK_OFFSET_MS: String(T0 + minutes * MIN - Date.now()) } });
const iso = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
const SILENCE = "policies/silences/pg-disk-resize.yaml";

/** The disk alert of the example, as another instance (a new alert episode). */
function diskAlert(instance: string, minutes: number): unknown {
  const body = example("disk-space-critical.json") as { alerts: { labels: Record<string, string>; fingerprint: string; startsAt: string }[] };
  for (const a of body.alerts) {
    a.labels.instance = instance;
    a.fingerprint = `${instance.replace(/[^a-z0-9]/g, "")}00000000`.slice(0, 16);
    a.startsAt = iso(minutes);
  }
  return dispatchEvent("alertmanager", body);
}

/**
 * Runs the Action, and `incident simulate --json` on the repository as it was before the run, with
 * the Action's time, run id and seed: returns the run and asserts the two Plans are the same.
 */
async function actAndSimulate(eventName: string, event: unknown, opts: ActOptions): Promise<ActionRun> {
  const before = join(mkdtempSync(join(w.dir, "before-")), "checkout");
  execFileSync("git", ["clone", "-q", w.remote, before]);
  const runId = String(7000 + Math.floor(Math.random() * 1000));
  const run = await w.act(eventName, event, { ...opts, runId, env: { ...opts.env, INCIDENT_AS_CODE_SEED: "silence-seed" } });
  const acted = JSON.parse(run.outputs.plan ?? "{}") as Plan;
  const file = join(before, "..", "event.json");
  // As the harness delivers it: about this repository, whose default branch is main.
  const e = event as { repository?: Record<string, unknown> };
  writeFileSync(file, JSON.stringify(e.repository ? { ...e, repository: { ...e.repository, name: "ops", full_name: "acme/ops", default_branch: "main" } } : e));
  const sim = spawnSync(process.execPath, [CLI, "simulate", file, "--json", "--dir", before, "--at", acted.now, "--run-id", runId, "--seed", "silence-seed"], { encoding: "utf8" });
  expect(sim.status, sim.stderr).toBe(0);
  const simulated = JSON.parse(sim.stdout) as Plan;
  expect({ door: simulated.door, decision: simulated.decision, reason: simulated.reason, effects: simulated.effects }).toEqual({ door: acted.door, decision: acted.decision, reason: acted.reason, effects: acted.effects });
  return run;
}

let w: World;
beforeAll(async () => {
  w = await world({}, (seed) => {
    mkdirSync(join(seed, "policies/silences"), { recursive: true });
    writeFileSync(join(seed, SILENCE), `matchers: '{alertname="DiskSpaceCritical"}'\nstarts: ${iso(10)}\nends: ${iso(120)}\nowner: dana-example\nreason: resizing the volume @everyone\n`);
  });
});
afterAll(async () => {
  expect(w.gh.violations).toEqual([]);
  await w.close();
});

describe("a silence file in the Action", () => {
  let issue = 0;
  let id = "";

  it("before it starts, the alert opens an incident", async () => {
    const run = await w.act("repository_dispatch", diskAlert("pg-primary:9100", 0), at(0));
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("opened");
    ({ id } = record(w));
    issue = record(w).links.issue ?? 0;
  });

  it("while it is active, a matching alert opens nothing and joins nothing, and the run says which silence", async () => {
    const issuesBefore = w.gh.state.issues.length;
    const run = await actAndSimulate("repository_dispatch", diskAlert("pg-replica:9100", 30), at(30));
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("ignored");
    expect(run.outputs.reason).toContain(`silenced by silence pg-disk-resize (${SILENCE}, {alertname="DiskSpaceCritical"}, owner dana-example, until ${iso(120)}): resizing the volume`);
    expect(run.summary).toContain("silenced by silence pg-disk-resize");
    expect(w.gh.state.issues).toHaveLength(issuesBefore);
    expect(record(w, id).alerts.map((a) => a.labels["instance"])).toEqual(["pg-primary:9100"]);
  });

  it("once it ended, the schedule job tells the incident it covered, once, and opens one pull request deleting the file", async () => {
    const first = await actAndSimulate("schedule", scheduleEvent(), at(121));
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs.decision).toBe("backstop-acted");
    expect(first.outputs.reason).toContain(`${id}: told that a silence covering it ended`);
    expect(first.outputs.reason).toContain("1 expired silence(s) to remove");
    const notice = (bodies: string[]) => bodies.filter((b) => b.startsWith("The silence **pg-disk-resize**"));
    expect(notice(commentsOn(w, issue))).toHaveLength(1);
    expect(notice(commentsOn(w, issue))[0]).toContain(`ended at ${iso(120)}. Alerts it matched open or join incidents and page as usual again.`);
    expect(notice(commentsOn(w, issue))[0]).not.toMatch(/(^|[^\u200B])@everyone/);
    // (The same pass acts on the incident's overdue status-update reminder too: one record write.)
    expect(record(w, id).timeline.map((t) => t.text)).toContain(`silence pg-disk-resize ended at ${iso(120)}: its alerts page again`);

    const [pr, ...more] = w.gh.state.pulls;
    expect(more).toEqual([]);
    expect(pr?.pull?.head.ref).toBe(CLEANUP_BRANCH);
    expect(pr?.title).toBe("Remove 1 expired silence(s)");
    expect(Object.keys(w.remoteFiles("policies/silences/"))).toEqual([SILENCE]); // main keeps it until the PR merges
    const onBranch = execFileSync("git", ["ls-tree", "-r", "--name-only", CLEANUP_BRANCH, "--", "policies/"], { cwd: w.remote, encoding: "utf8" });
    expect(onBranch).not.toContain(SILENCE);
    expect(onBranch).toContain("policies/routing.yaml");

    const second = await w.act("schedule", scheduleEvent(), at(122));
    expect(second.code, second.stdout).toBe(0);
    expect(notice(commentsOn(w, issue))).toHaveLength(1);
    expect(w.gh.state.pulls).toHaveLength(1);
  });

  it("after it ended, the same kind of alert pages again: it joins the open incident", async () => {
    const run = await w.act("repository_dispatch", diskAlert("pg-replica-2:9100", 123), at(123));
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("updated");
    expect(records(w)).toHaveLength(1);
    expect(record(w, id).alerts.map((a) => a.labels["instance"])).toEqual(["pg-primary:9100", "pg-replica-2:9100"]);
  });
});
