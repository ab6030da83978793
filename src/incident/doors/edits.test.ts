import { describe, expect, it } from "vitest";
import { schemaChecker } from "../../config/checker.js";
import type { Effect } from "../../plan/effects.js";
import { renderIssueBody } from "../../render/index.js";
import { at, investigating, ISSUE_LABELS, onCall, policies } from "../incident.test-helpers.js";
import type { IncidentRecord } from "../record.js";
import { handleEdit, type EditAction, type EditInput } from "./edits.js";

const ID = "2026-12-01-001";
const BODY = expect.any(String) as unknown as string;
const now = at("+40m");
const input = (edit: EditAction, over: Partial<EditInput> = {}): EditInput => ({ record: investigating(), policies, onCall, now, sender: { login: "maria", type: "User" }, role: "write", issue: { labels: ISSUE_LABELS, state: "open" }, edit, ...over });
const ours = (status: string, sev = "P0") => ["incident", `severity:${sev}`, `status:${status}`, "service:api", "team:backend"];
const kinds = (effects: readonly Effect[]) => effects.map((e) => e.kind);
const CLOSED: EditAction = { action: "closed", stateReason: "completed" };
const REOPENED: EditAction = { action: "reopened" };
const REFUSED = "Sorry, only people with the write role or higher on this repository, or in an on-call rotation, can change this incident, so I did not act on this comment. If you need to be able to, ask a maintainer.";

describe("issue closed or reopened by hand", () => {
  it("closing resolves with a note and posts the resolution message (the issue is already closed)", () => {
    const out = handleEdit(input(CLOSED, { issue: { labels: ISSUE_LABELS, state: "closed" } }));
    expect(out.record).toMatchObject({ status: "resolved", timestamps: { resolved: now } });
    expect(out.record?.timeline.at(-1)).toEqual({ at: now, actor: "maria", kind: "status", text: "investigating → resolved: closed the issue by hand" });
    expect(out.effects.find((e) => e.kind === "issue.update")).toEqual({ kind: "issue.update", incidentId: ID, issue: 42, body: BODY, labels: ours("resolved"), currentLabels: ISSUE_LABELS, reason: "status investigating → resolved" });
    expect(out.effects.find((e) => e.kind === "issue.comment")).toEqual({ kind: "issue.comment", incidentId: ID, issue: 42, body: BODY, key: "resolution:3", reason: `resolution message for ${ID}` });
  });

  it("closing an already resolved incident, or a bot closing it, changes nothing", () => {
    const resolved = handleEdit(input(CLOSED)).record ?? investigating();
    expect(handleEdit(input(CLOSED, { record: resolved }))).toEqual({ record: null, effects: [] });
    expect(handleEdit(input(CLOSED, { sender: { login: "incident-app[bot]", type: "Bot" } }))).toEqual({ record: null, effects: [] });
  });

  it("reopening reopens a resolved incident; the issue is open already", () => {
    const resolved = handleEdit(input(CLOSED, { record: investigating({ severity: "P2" }) })).record ?? investigating();
    const out = handleEdit(input(REOPENED, { record: resolved, now: at("+50m"), issue: { labels: ISSUE_LABELS, state: "open" } }));
    expect(out.record).toMatchObject({ status: "investigating", timestamps: { resolved: null } });
    expect(out.effects.find((e) => e.kind === "issue.update")).not.toHaveProperty("state");
    expect(handleEdit(input(REOPENED))).toEqual({ record: null, effects: [] }); // open already
  });

  it("reopening after the post-mortem started explains instead", () => {
    const out = handleEdit(input(REOPENED, { record: investigating({ status: "postmortem-draft" }) }));
    expect(out).toEqual({
      record: null,
      effects: [{ kind: "issue.comment", incidentId: ID, issue: 42, body: "The incident cannot be reopened: it is postmortem-draft (its post-mortem has started). Open a new incident instead.", key: "edit:reopened:3", reason: "hand edit not applied" }],
    });
  });

  it.each<[string, EditAction, Partial<EditInput>, Record<string, unknown>]>([
    ["closing", CLOSED, {}, { state: "open", stateReason: "reopened" }],
    ["reopening", REOPENED, { record: investigating({ status: "resolved" }) }, { state: "closed", stateReason: "completed" }],
  ])("%s by someone who may not /resolve or /reopen is undone and answered, the record untouched", (what, edit, over, undo) => {
    const out = handleEdit(input(edit, { ...over, sender: { login: "tom", type: "User" }, role: "triage" }));
    expect(out.record).toBeNull();
    expect(out.effects).toEqual([
      { kind: "issue.update", incidentId: ID, issue: 42, ...undo, reason: `${edit.action} by tom refused` },
      { kind: "issue.comment", incidentId: ID, issue: 42, body: `@\u200Btom ${what === "closing" ? "closed" : "reopened"} the issue, so I put it back: ${REFUSED}`, key: `refused:${edit.action}:tom:3`, reason: "hand edit not applied" },
    ]);
  });
});

describe("severity label changed by hand", () => {
  it("severity:P1 added is /sev P1", () => {
    const labels = [...ISSUE_LABELS, "severity:P1"];
    const out = handleEdit(input({ action: "labeled", label: "severity:P1" }, { issue: { labels } }));
    expect(out.record).toMatchObject({ severity: "P1", escalationPolicy: "p1-high" });
    expect(out.record?.timeline.at(-1)).toEqual({ at: now, actor: "maria", kind: "severity", text: "P0 → P1: severity label changed by hand" });
    expect(out.effects.find((e) => e.kind === "issue.update")).toEqual({ kind: "issue.update", incidentId: ID, issue: 42, title: "[P1] API high error rate", body: BODY, labels: ours("investigating", "P1"), currentLabels: labels, reason: "severity P0 → P1" });
  });

  it("cannot get round the elevated /sev P0: the label is taken off again", () => {
    const p1 = investigating({ severity: "P1", escalationPolicy: "p1-high" });
    const current = ["incident", "severity:P1", "severity:P0", "service:api"];
    const out = handleEdit(input({ action: "labeled", label: "severity:P0" }, { record: p1, issue: { labels: current } }));
    expect(out.record).toBeNull();
    expect(out.effects).toEqual([
      { kind: "issue.update", incidentId: ID, issue: 42, labels: ours("investigating", "P1"), currentLabels: current, reason: "labeled by maria refused" },
      { kind: "issue.comment", incidentId: ID, issue: 42, body: "@\u200Bmaria changed the severity label, so I put it back: /sev P0 needs the maintain role or higher on this repository.", key: "refused:labeled:maria:3", reason: "hand edit not applied" },
    ]);
  });

  it.each(["severity:P0", "severity:P7"])("%s on a P0 changes nothing", (label) => {
    expect(handleEdit(input({ action: "labeled", label }, { role: "admin" }))).toEqual({ record: null, effects: [] });
  });
});

describe("checklist box ticked in the body", () => {
  const tick = (body: string, item: string): string => body.replace(`- [ ] ${item}`, `- [x] ${item}`);
  const rendered = (r: IncidentRecord) => renderIssueBody(r, policies, { now, checklistState: r.checklist ?? {} });
  const edited = (oldBody: string, newBody: string): EditAction => ({ action: "edited", oldBody, newBody });

  it("is recorded in the record and the timeline, and the body re-rendered with it", () => {
    const old = rendered(investigating());
    const out = handleEdit(input(edited(old, tick(tick(old, "Check system dashboards"), "Create incident status page"))));
    expect(out.record?.checklist).toEqual({ "investigation:0": true, "communication:0": true });
    expect(out.record?.timeline.slice(-2).map((e) => e.text)).toEqual(["Done: Initial Investigation: Check system dashboards", "Done: Communication Setup: Create incident status page"]);
    expect(kinds(out.effects)).toEqual(["record.write", "issue.update"]);
    const body = (out.effects[1] as { body: string }).body;
    expect(body).toContain("- [x] Check system dashboards");
    expect(body).toContain("### Initial Investigation (5-15 minutes) · 1/5");
  });

  it("unticking is recorded too; our own re-render (same state) is a no-op", () => {
    const ticked = investigating({ checklist: { "immediate:0": true } });
    const body = rendered(ticked);
    expect(handleEdit(input(edited(body, body), { record: ticked }))).toEqual({ record: null, effects: [] });
    const out = handleEdit(input(edited(body, body.replace("- [x] Acknowledge", "- [ ] Acknowledge")), { record: ticked }));
    expect(out.record?.checklist).toEqual({ "immediate:0": false });
    expect(out.record?.timeline.at(-1)?.text).toBe("Not done: Immediate Actions: Acknowledge the incident (`/ack`)");
  });

  it("boxes outside our checklists and edits of other text are ignored", () => {
    const old = rendered(investigating());
    expect(handleEdit(input(edited(old, `${old}\n- [x] my own todo\n`)))).toEqual({ record: null, effects: [] });
  });

  it("a box ticked by someone who may not change the incident is put back, and they are told", () => {
    const old = rendered(investigating());
    const out = handleEdit(input(edited(old, tick(old, "Check system dashboards")), { sender: { login: "rita", type: "User" }, role: "read" }));
    expect(out.record).toBeNull();
    expect(out.effects[0]).toMatchObject({ kind: "issue.update", body: expect.stringContaining("- [ ] Check system dashboards") as unknown });
    expect(out.effects[1]).toMatchObject({ kind: "issue.comment", body: expect.stringContaining("changed the checklist, so I put it back") as unknown });
  });
});

describe("record.checklist in the schema", () => {
  it("is optional and holds booleans by <checklist>:<index>", () => {
    const checker = schemaChecker();
    expect(checker.errors("incident.schema.json", investigating())).toEqual([]);
    expect(checker.errors("incident.schema.json", investigating({ checklist: { "immediate:0": true } }))).toEqual([]);
    expect(checker.errors("incident.schema.json", { ...investigating(), checklist: { immediate: "yes" } })).not.toEqual([]);
  });
});
