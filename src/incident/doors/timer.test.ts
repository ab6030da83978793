import { describe, expect, it } from "vitest";
import { nextDeadline } from "../deadlines.js";
import { at, investigating, ISSUE_LABELS, onCall, p0Sends, policies, record } from "../incident.test-helpers.js";
import type { IncidentRecord } from "../record.js";
import { timerCheck, timerDoor } from "./timer.js";

const ID = "2026-12-01-001";
const BODY = expect.any(String) as unknown as string;
const check = (r: IncidentRecord, offset: string) => timerCheck({ record: r, policies, onCall, now: at(offset), issue: { labels: ISSUE_LABELS } });
const labels = (status: string, extra: string[] = []) => ["incident", "severity:P0", `status:${status}`, "service:api", "team:backend", ...extra];
const arm = (offset: string) => ({ kind: "timer.arm", incidentId: ID, at: at(offset), reason: `next deadline of ${ID}` });
const write = (reason: string) => ({ kind: "record.write", incidentId: ID, path: `incidents/${ID}.yaml`, record: expect.any(Object) as unknown, reason });
const settle = { kind: "record.settle", incidentId: ID, reason: `record what GitHub answered for ${ID}` };

describe("escalation of an unacknowledged P0 (p0-critical, response time 5m)", () => {
  it("is due exactly at detected + 5m", () => {
    expect(nextDeadline(record(), policies)).toBe(at("+5m"));
    expect(check(record(), "+4m59s")).toEqual({ record: null, effects: [] });
    const out = check(record(), "+5m");
    expect(out.effects).toEqual([
      write("escalated (step 1)"),
      { kind: "issue.update", incidentId: ID, issue: 42, body: BODY, labels: labels("triggered", ["escalated"]), currentLabels: ISSUE_LABELS, assignees: ["frank-example", "alice-example", "bob-example", "heidi-example"], reason: "escalated (step 1)" },
      { kind: "issue.comment", incidentId: ID, issue: 42, body: BODY, key: "escalation:0", reason: `escalate ${ID}: p0-critical step 1` },
      ...p0Sends(ID, "escalate", 1),
      arm("+15m"),
      settle,
    ]);
    const text = (out.effects[2] as { body: string }).body;
    expect(text).toContain("@alice-example @bob-example @frank-example @heidi-example: please look at this incident and acknowledge with `/ack`.");
    expect(text).toContain("has not been acknowledged 5m after it was detected (target: 5m)");
    expect(out.record?.escalation).toEqual({ stepsFired: 1, lastEscalatedAt: at("+5m") });
    expect(out.record?.timeline.at(-1)).toMatchObject({ actor: "incident-as-code", kind: "escalation" });
  });

  it("acts once across a timer and a backstop at the same or a later time", () => {
    const first = check(record(), "+5m");
    expect(first.record).not.toBeNull();
    const r = first.record ?? record();
    expect(check(r, "+5m")).toEqual({ record: null, effects: [] });
    expect(check(r, "+14m")).toEqual({ record: null, effects: [] });
    const second = check(r, "+15m"); // the policy's second step: leadership
    expect(second.record?.escalation.stepsFired).toBe(2);
    expect(second.effects.filter((e) => e.kind === "issue.comment").map((e) => e.kind === "issue.comment" && e.key)).toEqual(["escalation:1"]);
  });

  it("a late backstop fires everything overdue in one comment", () => {
    const out = check(record(), "+31m");
    expect(out.record?.escalation.stepsFired).toBe(3); // step 1, step 2, and repeat 1 of step 1 (at +30m)
    expect(out.effects.filter((e) => e.kind === "issue.comment").map((e) => e.kind === "issue.comment" && e.key)).toEqual(["escalation:2", "reminder:2026-12-01T17:30:00Z"]);
  });

  it("stands down once acknowledged", () => {
    const acked = record({ status: "acknowledged", timestamps: { ...record().timestamps, acknowledged: at("+3m") } });
    expect(check(acked, "+5m")).toEqual({ record: null, effects: [] });
    expect(nextDeadline(acked, policies)).toBe(at("+30m"));
  });
});

describe("status update reminders", () => {
  it.each([
    ["P0", "+30m", "+29m59s"],
    ["P1", "+1h", "+59m59s"],
  ] as const)("%s: every %s from the last update or reminder", (severity, due, early) => {
    const r = investigating({ severity, escalationPolicy: severity === "P0" ? "p0-critical" : "p1-high" });
    expect(nextDeadline(r, policies)).toBe(at(due));
    expect(check(r, early)).toEqual({ record: null, effects: [] });
    const out = check(r, due);
    expect(out.effects.find((e) => e.kind === "issue.comment")).toEqual({
      kind: "issue.comment",
      incidentId: ID,
      issue: 42,
      body: `@frank-example: a status update is due for this ${severity} incident (every ${severity === "P0" ? "30m" : "1h"}; last one ${severity === "P0" ? "30m" : "1h"} ago). Post it with \`/update <progress>\`.`,
      key: `reminder:${at(due)}`,
      reason: "status update reminder for 2026-12-01-001",
    });
    expect(check(out.record ?? r, due)).toEqual({ record: null, effects: [] });
  });

  it("an /update restarts the cadence", () => {
    const r = investigating();
    const updated = { ...r, timeline: [...r.timeline, { at: at("+20m"), actor: "frank-example", kind: "update" as const, text: "x" }] };
    expect(nextDeadline(updated, policies)).toBe(at("+50m"));
    expect(check(updated, "+30m")).toEqual({ record: null, effects: [] });
  });

  it("a resolved incident gets no reminders and no SLA breach", () => {
    const resolved = investigating({ status: "resolved", timestamps: { ...investigating().timestamps, resolved: at("+20m") } });
    expect(nextDeadline(resolved, policies)).toBeNull();
    expect(check(resolved, "+5h")).toEqual({ record: null, effects: [] });
  });
});

describe("resolution target (P0: 2h)", () => {
  const r = investigating();
  const quiet = { ...r, timeline: [...r.timeline, { at: at("+1h45m"), actor: "frank-example", kind: "update" as const, text: "still on it" }] };

  it("breaches at detected + 2h, once", () => {
    expect(nextDeadline(quiet, policies)).toBe(at("+2h"));
    expect(check(quiet, "+1h59m59s")).toEqual({ record: null, effects: [] });
    const out = check(quiet, "+2h");
    expect(out.effects).toEqual([
      write("SLA breached"),
      { kind: "issue.update", incidentId: ID, issue: 42, body: BODY, labels: labels("investigating", ["sla:breached"]), currentLabels: ISSUE_LABELS, reason: "SLA breached" },
      arm("+2h15m"),
      settle,
    ]);
    expect(out.record?.timeline.at(-1)).toEqual({ at: at("+2h"), actor: "incident-as-code", kind: "sla", text: "Resolution target of 2h for P0 missed (due 2026-12-01T19:00:00Z)" });
    expect(check(out.record ?? quiet, "+2h1m")).toEqual({ record: null, effects: [] });
  });
});

describe("timerDoor", () => {
  it("acts at its deadline and never re-arms the instant it was armed for", () => {
    // A record whose deadline did not move since it was armed (+5m): the escalation's next step is +15m.
    const plan = timerDoor({ record: record(), policies, onCall, now: at("+5m"), armedAt: at("+5m") });
    expect(plan).toMatchObject({ door: "timer", decision: "timer-acted", incidentIds: [ID] });
    expect(plan.effects.filter((e) => e.kind === "timer.arm").map((e) => e.kind === "timer.arm" && e.at)).toEqual([at("+15m")]);
  });

  it("is idle when the incident moved on", () => {
    const acked = record({ status: "acknowledged", timestamps: { ...record().timestamps, acknowledged: at("+3m") } });
    expect(timerDoor({ record: acked, policies, onCall, now: at("+5m"), armedAt: at("+5m") })).toMatchObject({ decision: "timer-idle", effects: [] });
  });
});
