// A silence file, end to end through the bundled Action: while it is active a matching alert opens
// nothing and pages nobody (the run says which silence and why); once it ends the same kind of
// alert pages again — on time, with the Action's clock shifted — and the schedule job tells the
// incident the silence covered, once, and opens one pull request that deletes the file.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLEANUP_BRANCH } from "../../src/review/silence-expiry.js";
import { dispatchEvent, example, world, type World } from "./harness.js";
import { commentsOn, record, records, scheduleEvent } from "./incident-events.js";

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
    const run = await w.act("repository_dispatch", diskAlert("pg-replica:9100", 30), at(30));
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("ignored");
    expect(run.outputs.reason).toContain(`silenced by silence pg-disk-resize (${SILENCE}, {alertname="DiskSpaceCritical"}, owner dana-example, until ${iso(120)}): resizing the volume`);
    expect(run.summary).toContain("silenced by silence pg-disk-resize");
    expect(w.gh.state.issues).toHaveLength(issuesBefore);
    expect(record(w, id).alerts.map((a) => a.labels["instance"])).toEqual(["pg-primary:9100"]);
  });

  it("once it ended, the schedule job tells the incident it covered, once, and opens one pull request deleting the file", async () => {
    const first = await w.act("schedule", scheduleEvent(), at(121));
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs.decision).toBe("backstop-acted");
    expect(first.outputs.reason).toContain(`told ${id} that a silence covering them ended`);
    const notice = (bodies: string[]) => bodies.filter((b) => b.startsWith("The silence **pg-disk-resize**"));
    expect(notice(commentsOn(w, issue))).toHaveLength(1);
    expect(notice(commentsOn(w, issue))[0]).toContain(`ended at ${iso(120)}. Alerts it matched open or join incidents and page as usual again.`);
    expect(notice(commentsOn(w, issue))[0]).not.toMatch(/(^|[^\u200B])@everyone/);
    expect(record(w, id).timeline.at(-1)?.text).toBe(`silence pg-disk-resize ended at ${iso(120)}: its alerts page again`);

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
