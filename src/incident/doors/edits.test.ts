import { describe, expect, it } from "vitest";
import { renderIssueBody } from "../render/index.js";
import { bodyEdited, issueClosed, issueReopened, severityLabeled, type EditInput } from "./human-edits.js";
import { at, investigating, ISSUE_LABELS, policies } from "./incident.test-helpers.js";
import type { IncidentRecord } from "./record.js";

const BODY = expect.any(String) as unknown as string;
const now = at("+40m");
const input = (over: Partial<EditInput> = {}): EditInput => ({ record: investigating(), policies, now, sender: { login: "maria", type: "User" }, issueLabels: ISSUE_LABELS, ...over });
const labels = (status: string, sev = "P0", extra: string[] = []) => ["incident", `severity:${sev}`, `status:${status}`, "service:api", "team:backend", "customer-facing", ...extra];

describe("issue closed or reopened by hand", () => {
  it("closing resolves with a note and posts the resolution message (the issue is already closed)", () => {
    const out = issueClosed({ ...input(), stateReason: "completed" });
    expect(out.record).toMatchObject({ status: "resolved", timestamps: { resolved: now } });
    expect(out.record?.timeline.at(-1)).toEqual({ at: now, actor: "maria", kind: "status", text: "investigating → resolved: closed the issue by hand" });
    expect(out.effects).toEqual([
      { kind: "issue.update", incidentId: "2026-12-01-001", issue: 42, body: BODY, labels: labels("resolved"), reason: "status investigating → resolved" },
      { kind: "issue.comment", incidentId: "2026-12-01-001", issue: 42, body: BODY, key: "resolution:3", reason: "resolution message for 2026-12-01-001" },
    ]);
  });

  it("closing an already resolved incident, or a bot closing it, changes nothing", () => {
    const resolved = issueClosed(input()).record ?? investigating();
    expect(issueClosed(input({ record: resolved }))).toEqual({ record: null, effects: [] });
    expect(issueClosed(input({ sender: { login: "incident-app[bot]", type: "Bot" } }))).toEqual({ record: null, effects: [] });
  });

  it("reopening reopens a resolved incident", () => {
    const resolved = issueClosed(input()).record ?? investigating();
    const out = issueReopened(input({ record: resolved, now: at("+50m") }));
    expect(out.record).toMatchObject({ status: "investigating", timestamps: { resolved: null } });
    expect(out.effects.map((e) => e.kind)).toEqual(["issue.update", "timer.arm"]);
    expect(issueReopened(input())).toEqual({ record: null, effects: [] }); // open already
  });

  it("reopening after the post-mortem started explains instead", () => {
    const out = issueReopened(input({ record: investigating({ status: "postmortem-draft" }) }));
    expect(out).toEqual({
      record: null,
      effects: [{ kind: "issue.comment", incidentId: "2026-12-01-001", issue: 42, body: "The incident cannot be reopened: it is postmortem-draft (its post-mortem has started). Open a new incident instead.", key: "reopened:3", reason: "human edit not applied" }],
    });
  });
});

describe("severity label changed by hand", () => {
  it("severity:P1 added is /sev P1", () => {
    const out = severityLabeled({ ...input({ issueLabels: [...ISSUE_LABELS, "severity:P1"] }), label: "severity:P1", role: "write" });
    expect(out.record).toMatchObject({ severity: "P1", escalationPolicy: "p1-high" });
    expect(out.record?.timeline.at(-1)).toEqual({ at: now, actor: "maria", kind: "severity", text: "P0 → P1: severity label changed by hand" });
    expect(out.effects[0]).toEqual({ kind: "issue.update", incidentId: "2026-12-01-001", issue: 42, body: BODY, labels: labels("investigating", "P1"), reason: "severity P0 → P1" });
  });

  it("cannot get round the elevated /sev P0: the label is taken off again", () => {
    const p1 = investigating({ severity: "P1", escalationPolicy: "p1-high" });
    const current = ["incident", "severity:P1", "severity:P0", "service:api"];
    const out = severityLabeled({ ...input({ record: p1, issueLabels: current }), label: "severity:P0", role: "write" });
    expect(out.record).toBeNull();
    expect(out.effects).toEqual([
      { kind: "issue.update", incidentId: "2026-12-01-001", issue: 42, labels: ["incident", "severity:P1", "status:investigating", "service:api", "team:backend"], reason: "severity label P0 refused" },
      { kind: "issue.comment", incidentId: "2026-12-01-001", issue: 42, body: "The severity label was changed back to P1: /sev P0 needs the maintain role or higher on this repository.", key: "label-refused:3:P0", reason: "human edit not applied" },
    ]);
  });

  it.each(["severity:P0", "severity:P7", "customer-facing"])("%s on a P0 changes nothing", (label) => {
    expect(severityLabeled({ ...input(), label, role: "admin" })).toEqual({ record: null, effects: [] });
  });
});

describe("checklist box ticked in the body", () => {
  const tick = (body: string, item: string): string => body.replace(`- [ ] ${item}`, `- [x] ${item}`);
  const rendered = (r: IncidentRecord) => renderIssueBody(r, policies, { now, checklistState: r.checklist ?? {} });

  it("is recorded in the record and the timeline, and the body re-rendered with it", () => {
    const old = rendered(investigating());
    const edited = tick(tick(old, "Check system dashboards"), "Create incident status page");
    const out = bodyEdited({ ...input(), oldBody: old, newBody: edited });
    expect(out.record?.checklist).toEqual({ "investigation:0": true, "communication:0": true });
    expect(out.record?.timeline.slice(-2).map((e) => e.text)).toEqual(["Done: Initial Investigation: Check system dashboards", "Done: Communication Setup: Create incident status page"]);
    expect(out.effects).toEqual([
      { kind: "issue.update", incidentId: "2026-12-01-001", issue: 42, body: BODY, labels: labels("investigating"), reason: "checklist: 2 box(es) changed" },
      { kind: "timer.arm", incidentId: "2026-12-01-001", at: at("+30m"), reason: "next deadline of 2026-12-01-001" },
    ]);
    const body = (out.effects[0] as { body: string }).body;
    expect(body).toContain("- [x] Check system dashboards");
    expect(body).toContain("### Initial Investigation (5-15 minutes) · 1/5");
  });

  it("unticking is recorded too; our own re-render (same state) is a no-op", () => {
    const ticked = investigating({ checklist: { "immediate:0": true } });
    const body = rendered(ticked);
    expect(bodyEdited({ ...input({ record: ticked }), oldBody: body, newBody: body })).toEqual({ record: null, effects: [] });
    const out = bodyEdited({ ...input({ record: ticked }), oldBody: body, newBody: body.replace("- [x] Acknowledge", "- [ ] Acknowledge") });
    expect(out.record?.checklist).toEqual({ "immediate:0": false });
    expect(out.record?.timeline.at(-1)?.text).toBe("Not done: Immediate Actions: Acknowledge the incident (`/ack`)");
  });

  it("boxes outside our checklists and edits of other text are ignored", () => {
    const old = rendered(investigating());
    expect(bodyEdited({ ...input(), oldBody: old, newBody: `${old}\n- [x] my own todo\n` })).toEqual({ record: null, effects: [] });
  });
});

describe("record.checklist in the schema", () => {
  it("is optional and holds booleans by <checklist>:<index>", async () => {
    const { SchemaChecker } = await import("../config/schema-check.js");
    const { coreSchemas } = await import("../config/schemas.js");
    const checker = new SchemaChecker(coreSchemas);
    expect(checker.errors("incident.schema.json", investigating())).toEqual([]);
    expect(checker.errors("incident.schema.json", investigating({ checklist: { "immediate:0": true } }))).toEqual([]);
    expect(checker.errors("incident.schema.json", { ...investigating(), checklist: { immediate: "yes" } })).not.toEqual([]);
  });
});
