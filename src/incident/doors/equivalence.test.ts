// One rulebook: the same change through two doors leaves the same record and the same issue. Every
// door that can make a change — alert, command, hand edit, timer — makes it here on the same
// incident, whose first checklist box a responder ticked before the change; what the change is
// about (severity, escalation policy, status, timestamps, checklist) and the issue (title, labels,
// open or closed, the rendered checklist) must come out the same.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalize } from "../../alerts/registry.js";
import type { Alert } from "../../alerts/types.js";
import type { Effect, IssueUpdate } from "../../plan/effects.js";
import type { Plan } from "../../plan/plan.js";
import { at, onCall, policies, T0 } from "../incident.test-helpers.js";
import { issueState } from "../issue-state.js";
import type { IncidentRecord } from "../record.js";
import { reopenTarget } from "../status.js";
import { buildAlert, buildRecord } from "../testing.js";
import { alertsDoor } from "./alerts.js";
import { handleComment } from "./comment.js";
import { handleEdit, type EditAction } from "./edits.js";
import type { Finished } from "../finish.js";
import { timerCheck } from "./timer.js";
import { repoRoot } from "../../../test/engine/fixtures.js";

const ID = "2026-12-01-001";
const NOW = at("+20m");
/** The ServiceDown example: classified P0, group api:availability:service_down. */
const serviceDown = (startsAt: string, status: "firing" | "resolved" = "firing"): Alert => {
  const [a] = normalize("alertmanager", JSON.parse(readFileSync(join(repoRoot, "examples/alerts/service-down.json"), "utf8")), { receivedAt: NOW }).alerts;
  if (!a) throw new Error("no alert in the example");
  return { ...a, startsAt, status, endsAt: status === "resolved" ? NOW : null };
};
const first = serviceDown(T0);

/** An investigating P2 of the ServiceDown group, its first checklist box ticked by a responder. */
function incident(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return buildRecord({
    id: ID,
    title: "API is down",
    severity: "P2",
    status: "investigating",
    groupKey: "api:availability:service_down",
    service: "api",
    component: "availability",
    errorType: "service_down",
    commander: "frank-example",
    responders: ["bob-example"],
    team: "backend",
    rotation: "api-oncall",
    escalationPolicy: policies.escalation.bySeverity.P2 ?? null,
    alerts: [buildAlert(first.fingerprint, { name: "ServiceDown", startsAt: T0, receivedAt: T0, labels: first.labels, annotations: first.annotations })],
    timestamps: { started: T0, detected: T0, acknowledged: at("+2m"), mitigated: null, resolved: null, closed: null },
    links: { issue: 42, postmortemPr: null, postmortemPath: null, openedBy: "1", claim: "claimkey-0001" },
    checklist: { "immediate:0": true },
    timeline: [
      { at: T0, actor: "incident-as-code", kind: "opened", text: "P2 opened" },
      { at: at("+2m"), actor: "bob-example", kind: "status", text: "triggered → acknowledged" },
      { at: at("+3m"), actor: "bob-example", kind: "status", text: "acknowledged → investigating" },
    ],
    ...over,
  });
}

/** Resolved a minute ago, a P0 (so an alert of its own group reopens it without raising it). */
const resolvedIncident = (): IncidentRecord =>
  incident({
    severity: "P0",
    escalationPolicy: policies.escalation.bySeverity.P0 ?? null,
    status: "resolved",
    timestamps: { started: T0, detected: T0, acknowledged: at("+2m"), mitigated: null, resolved: at("+19m"), closed: null },
    timeline: [...incident().timeline, { at: at("+19m"), actor: "bob-example", kind: "status", text: "investigating → resolved" }],
  });

type Door = "alert" | "command" | "hand edit" | "timer";
type Outcome = { record: IncidentRecord; update: IssueUpdate | undefined };

function fromPlan(effects: readonly Effect[]): Outcome {
  const write = effects.find((e) => e.kind === "record.write");
  if (write?.kind !== "record.write") throw new Error(`no record written: ${effects.map((e) => e.kind).join(", ")}`);
  return { record: write.record, update: effects.find((e): e is IssueUpdate => e.kind === "issue.update") };
}

const alertDoor = (record: IncidentRecord, alerts: Alert[]): Outcome =>
  fromPlan((alertsDoor({ door: "alerts", alerts, policies, onCall, now: NOW, records: new Map([[ID, record]]), usedIds: [ID], runId: "2", seed: "s", staleAfterMs: 600_000 }) satisfies Plan).effects);
const commandDoor = (record: IncidentRecord, body: string): Outcome =>
  fromPlan((handleComment({ body, commentId: 7, author: { login: "heidi-example", type: "User" }, role: "admin", record, policies, onCall, now: NOW, issue: { labels: ["incident"] }, assignable: () => true }) satisfies Finished).effects);
const editDoor = (record: IncidentRecord, edit: EditAction): Outcome =>
  fromPlan(handleEdit({ record, policies, onCall, now: NOW, sender: { login: "heidi-example", type: "User" }, role: "admin", issue: { labels: ["incident"] }, edit }).effects);

// A box whose `done_when` is a command a person used ("Assess severity": `severity`) is ticked by a
// person's change, not by the Action's own (a severity raised by alerts): who acted differs by door,
// by design, so those boxes are compared apart (below).
const PERSON_CREDITED = new Set(["severity", "note", "impact", "rootcause", "update", "assign", "commander", "escalation"]);
const personCredited = policies.checklists.flatMap((c) => c.items.filter((i) => i.doneWhen.some((w) => PERSON_CREDITED.has(w))).map((i) => i.text));
const isPersonCredited = (line: string) => personCredited.some((text) => line.endsWith(` ${text}`));

/** What a change is about, and the issue it leaves. Who did it and why differ by door, by design. */
function compared(o: Outcome): Record<string, unknown> {
  const r = o.record;
  const state = issueState(r, policies, NOW);
  return {
    severity: r.severity,
    escalationPolicy: r.escalationPolicy,
    status: r.status,
    acknowledged: r.timestamps.acknowledged,
    resolved: r.timestamps.resolved,
    checklist: r.checklist,
    reopensTo: r.status === "resolved" ? reopenTarget(r) : null,
    title: state.title,
    labels: state.labels,
    state: state.state,
    checkboxes: (o.update?.body ?? "").split("\n").filter((l) => /^- \[[ x]\]/.test(l) && !isPersonCredited(l)),
  };
}

const CASES: { change: string; doors: Partial<Record<Door, () => Outcome>> }[] = [
  {
    change: "raise P2 → P0",
    doors: {
      alert: () => alertDoor(incident(), [serviceDown(at("+15m"))]),
      command: () => commandDoor(incident(), "/sev P0 the API is down"),
      "hand edit": () => editDoor(incident(), { action: "labeled", label: "severity:P0" }),
    },
  },
  {
    change: "resolve",
    doors: {
      alert: () => alertDoor(incident(), [serviceDown(T0, "resolved")]),
      command: () => commandDoor(incident(), "/resolve the API is back"),
      "hand edit": () => editDoor(incident(), { action: "closed", stateReason: "completed" }),
    },
  },
  {
    change: "reopen",
    doors: {
      alert: () => alertDoor(resolvedIncident(), [serviceDown(at("+19m30s"))]),
      command: () => commandDoor(resolvedIncident(), "/reopen"),
      "hand edit": () => editDoor(resolvedIncident(), { action: "reopened" }),
    },
  },
  {
    change: "escalate an unacknowledged P0",
    doors: {
      timer: () => fromPlan(timerCheck({ record: incident({ severity: "P0", status: "triggered", escalationPolicy: "p0-critical", timestamps: { ...incident().timestamps, acknowledged: null } }), policies, onCall, now: NOW }).effects),
      command: () => commandDoor(incident({ severity: "P0", status: "triggered", escalationPolicy: "p0-critical", timestamps: { ...incident().timestamps, acknowledged: null } }), "/escalate"),
    },
  },
];

const rows = CASES.flatMap((c) => {
  const [reference, ...others] = Object.keys(c.doors) as Door[];
  return reference ? others.map((door) => [c.change, reference, door] as const) : [];
});
const run = (change: string, door: Door): Outcome => {
  const f = CASES.find((c) => c.change === change)?.doors[door];
  if (!f) throw new Error(`no ${door} door for ${change}`);
  return f();
};

describe("the same change through two doors leaves the same record and the same issue (the checklist ticked before it kept)", () => {
  it.each(rows)("%s: %s = %s", (change, doorA, doorB) => {
    const a = compared(run(change, doorA));
    expect(compared(run(change, doorB))).toEqual(a);
    expect(a.checklist).toMatchObject({ "immediate:0": true });
    expect(a.checkboxes).toContain("- [x] Acknowledge the incident (`/ack`)");
  });

  it("a box a person's command ticks (done_when) is ticked by a person's change, not by the Action's own", () => {
    const box = (o: Outcome) => (o.update?.body ?? "").split("\n").find((l) => l.endsWith(" Assess severity and update if needed (`/sev`)"));
    expect(box(run("raise P2 → P0", "alert"))).toMatch(/^- \[ \]/);
    expect(box(run("raise P2 → P0", "command"))).toMatch(/^- \[x\]/);
    expect(box(run("raise P2 → P0", "hand edit"))).toMatch(/^- \[x\]/);
  });

  it("covers every door", () => {
    const doors = new Set(CASES.flatMap((c) => Object.keys(c.doors)));
    expect([...doors].sort()).toEqual(["alert", "command", "hand edit", "timer"]);
  });
});

describe("what the alert door did by its own rules before, and does by the one rulebook now", () => {
  it("an alert raising P2 → P0 switches to the P0 escalation policy, as /sev P0 does", () => {
    expect(alertDoor(incident(), [serviceDown(at("+15m"))]).record).toMatchObject({ severity: "P0", escalationPolicy: policies.escalation.bySeverity.P0 });
  });

  it("an alert reopening an incident goes through the state machine, never back to triggered", () => {
    const reopened = alertDoor(resolvedIncident(), [serviceDown(at("+19m30s"))]).record;
    expect(reopened.status).toBe("investigating");
    expect(reopened.timeline.filter((e) => e.kind === "status").at(-1)?.text).toMatch(/^resolved → investigating \(reopened\)/);
  });

  it("auto-resolve writes the timeline the state machine reads back: reopening returns to where the work was", () => {
    const resolved = alertDoor(incident(), [serviceDown(T0, "resolved")]).record;
    expect(resolved.timeline.at(-1)).toMatchObject({ kind: "status", text: "investigating → resolved: every alert is resolved (correlation.auto_resolve)" });
    expect(reopenTarget(resolved)).toBe("investigating");
  });

  it("a ticked checklist box survives the next alert: the body is rendered with the record's checklist state", () => {
    const update = alertDoor(incident(), [serviceDown(at("+15m"))]).update;
    expect(update?.body).toContain("- [x] Acknowledge the incident (`/ack`)");
  });
});
