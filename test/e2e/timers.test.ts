// Escalations and reminders fire on time: a timer run sleeps until the deadline and acts; the
// schedule backstop catches a missed timer exactly once. The Action's clock is shifted with
// INCIDENT_AS_CODE_CLOCK_OFFSET_MS so a five-minute deadline can be reached in seconds.
import { describe, expect, it } from "vitest";
import type { World } from "./harness.js";
import { worldPerTest } from "./per-test.js";
import { commentEvent, commentsOn, issueEvent, openP0, record, scheduleEvent, timerEvent } from "./incident-events.js";

let w: World;
let inc: { issue: number; id: string };
worldPerTest(async (fresh) => {
  w = fresh;
  inc = await openP0(w);
});

/** Runs the Action as if `at` (ISO) minus `leadMs` were now. */
const shiftedTo = (at: string, leadMs = 0) => ({ env: { INCIDENT_AS_CODE_CLOCK_OFFSET_MS: String(Date.parse(at) - leadMs - Date.now()) } });

describe("timers", () => {
  it("arms a timer for the acknowledgement deadline when the incident opens", () => {
    const r = record(w);
    const deadline = new Date(Date.parse(r.timestamps.detected) + 5 * 60_000).toISOString();
    expect(w.gh.state.dispatches.map((d) => [d.eventType, d.clientPayload])).toEqual([["incident-timer", { incident: inc.id, at: deadline }]]);
  });

  it("escalates an unacknowledged P0 within 60 s of its deadline", async () => {
    const [timer] = w.gh.state.dispatches;
    const at = (timer?.clientPayload as { at: string }).at;
    // The timer run starts 3 s before the deadline (shifted clock), sleeps, and acts.
    const run = await w.act("repository_dispatch", timerEvent(inc.id, at), shiftedTo(at, 3_000));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.decision).toBe("timer-acted");
    const r = record(w);
    expect(r.escalation.stepsFired).toBeGreaterThan(0);
    const late = Date.parse(r.escalation.lastEscalatedAt ?? "") - Date.parse(at);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(60_000);
    expect(w.gh.state.issue(inc.issue)?.labels).toContain("escalated");
    expect(commentsOn(w, inc.issue).join("\n")).toMatch(/escalat/i);
  });

  it("stands down when the incident was acknowledged before the deadline", async () => {
    const at = (w.gh.state.dispatches[0]?.clientPayload as { at: string }).at;
    const { event } = commentEvent(w, inc.issue, "/ack", "bob-example");
    expect((await w.act("issue_comment", event)).code).toBe(0);
    const run = await w.act("repository_dispatch", timerEvent(inc.id, at), shiftedTo(at));
    expect(run.outputs.decision).toBe("timer-idle");
    expect(record(w).escalation.stepsFired).toBe(0);
  });

  it("lets the schedule backstop catch a missed timer exactly once", async () => {
    const at = (w.gh.state.dispatches[0]?.clientPayload as { at: string }).at;
    const late = shiftedTo(at, -90_000); // the timer never ran; the backstop comes 90 s late
    const first = await w.act("schedule", scheduleEvent(), late);
    expect(first.outputs.decision).toBe("backstop-acted");
    const afterFirst = record(w);
    const second = await w.act("schedule", scheduleEvent(), late);
    expect(second.outputs.decision).toBe("backstop-idle");
    expect(record(w)).toEqual(afterFirst);
    expect(commentsOn(w, inc.issue).filter((c) => /escalat/i.test(c))).toHaveLength(1);
  });
});

describe("the backstop finishes stuck work", () => {
  it("opens the post-mortem PR a failed resolve run could not", async () => {
    w.gh.inject({ method: "POST", route: "/repos/{owner}/{repo}/pulls", status: 500, times: 4 });
    const { event } = commentEvent(w, inc.issue, "/resolve failed over", "alice-example");
    const failed = await w.act("issue_comment", event);
    expect(failed.code).not.toBe(0);
    expect(w.gh.state.pulls).toHaveLength(0);
    const later = new Date(Date.now() + 11 * 60_000).toISOString();
    const backstop = await w.act("schedule", scheduleEvent(), shiftedTo(later));
    expect(backstop.code, backstop.stdout + backstop.stderr).toBe(0);
    expect(w.gh.state.pulls.map((p) => p.pull?.head.ref)).toEqual([`postmortem/${inc.id}`]);
    expect(record(w).links.postmortemPr).toBe(w.gh.state.pulls[0]?.number);
  });
});

describe("races", () => {
  it("keeps the record consistent when a timer and a command race", async () => {
    const at = (w.gh.state.dispatches[0]?.clientPayload as { at: string }).at;
    const ack = commentEvent(w, inc.issue, "/ack", "bob-example");
    const [timer, command] = await Promise.all([w.act("repository_dispatch", timerEvent(inc.id, at), shiftedTo(at)), w.act("issue_comment", ack.event, shiftedTo(at))]);
    expect([timer.code, command.code]).toEqual([0, 0]);
    const r = record(w);
    expect(r.status).toBe("acknowledged");
    expect(r.escalation.stepsFired).toBeLessThanOrEqual(1);
    const times = r.timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });
});

describe("hand edits of the issue", () => {
  it("resolves when a responder closes the issue, and reopens when they reopen it", async () => {
    w.gh.state.issue(inc.issue)!.state = "closed";
    const closed = await w.act("issues", issueEvent(w, inc.issue, "closed", "bob-example"));
    expect(closed.code, closed.stdout + closed.stderr).toBe(0);
    expect(record(w).status).toMatch(/resolved|postmortem/);
    w.gh.state.issue(inc.issue)!.state = "open";
    const reopened = await w.act("issues", issueEvent(w, inc.issue, "reopened", "bob-example"));
    expect(reopened.code).toBe(0);
    expect(record(w).status).not.toMatch(/resolved/);
  });

  it("treats a severity label added by hand as /sev", async () => {
    w.gh.state.issue(inc.issue)!.labels.push("severity:P2");
    const run = await w.act("issues", issueEvent(w, inc.issue, "labeled", "heidi-example", { label: { name: "severity:P2" } }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(record(w).severity).toBe("P2");
  });

  it("records a ticked checklist box in the timeline", async () => {
    const issue = w.gh.state.issue(inc.issue)!;
    const before = issue.body ?? "";
    issue.body = before.replace("- [ ] Check system dashboards", "- [x] Check system dashboards");
    const run = await w.act("issues", issueEvent(w, inc.issue, "edited", "bob-example", { changes: { body: { from: before } } }));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const r = record(w);
    expect(r.timeline.at(-1)).toMatchObject({ actor: "bob-example", kind: "checklist" });
    expect(r.timeline.at(-1)?.text).toContain("Check system dashboards");
  });
});
