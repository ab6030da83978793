import { describe, expect, it } from "vitest";
import { boxChanges, checklistBoxes } from "../incident/checklist.js";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import { checklistKey, checklistState, visibleItems } from "./checklists.js";
import { fixtureRecord } from "./fixtures.js";
import { renderIssueBody } from "./issue-body.js";

const policies = shippedPolicies();
const now = "2026-11-27T18:30:00Z";
const unacked = fixtureRecord({ status: "triggered", timestamps: { ...fixtureRecord().timestamps, acknowledged: null }, timeline: [] });
const box = (body: string, text: string) => body.split("\n").find((l) => l.includes(text)) ?? "";

describe("checklist boxes", () => {
  it("shows the P0/P1-only items to a P1 and hides them from a P2, keeping every other item's key", () => {
    const comms = policies.checklists.find((c) => c.id === "communication");
    if (!comms) throw new Error("no communication checklist");
    expect(visibleItems(comms, "P1").map((v) => v.index)).toEqual([0, 1, 2, 3]);
    expect(visibleItems(comms, "P2").map((v) => v.index)).toEqual([0, 3]);
    const p2 = renderIssueBody(fixtureRecord({ severity: "P2" }), policies, { now });
    expect(p2).not.toContain("Send initial customer communication");
    expect(p2).toContain("### Communication Setup (0-15 minutes) · 0/2");
  });

  it("ticks an item once its command was used, and leaves the Action's own entries out", () => {
    expect(box(renderIssueBody(unacked, policies, { now }), "Acknowledge the incident")).toMatch(/^- \[ \]/);
    const acked = fixtureRecord({ timeline: [{ at: now, actor: "alice", kind: "status", text: "triggered → acknowledged" }] });
    expect(box(renderIssueBody(acked, policies, { now }), "Acknowledge the incident")).toMatch(/^- \[x\]/);
    const raisedByAlerts = fixtureRecord({ timeline: [{ at: now, actor: "incident-as-code", kind: "severity", text: "P2 → P1 (cascade)" }] });
    expect(box(renderIssueBody(raisedByAlerts, policies, { now }), "Assess severity")).toMatch(/^- \[ \]/);
    const sev = fixtureRecord({ timeline: [{ at: now, actor: "alice", kind: "severity", text: "P2 → P1" }] });
    expect(box(renderIssueBody(sev, policies, { now }), "Assess severity")).toMatch(/^- \[x\]/);
  });

  it("lets a person untick a box a command ticked, and reads it back as a change", () => {
    const acked = fixtureRecord();
    const key = checklistKey("immediate", 0);
    expect(checklistState(acked, policies)[key]).toBe(true);
    const before = renderIssueBody(acked, policies, { now });
    const after = before.replace("- [x] Acknowledge", "- [ ] Acknowledge");
    expect(boxChanges(before, after, acked, policies)).toEqual([expect.objectContaining({ key, ticked: false })]);
    const unticked = { ...acked, checklist: { [key]: false } };
    expect(box(renderIssueBody(unticked, policies, { now }), "Acknowledge the incident")).toMatch(/^- \[ \]/);
  });

  it("reads boxes by their position among the items shown, so hidden items do not shift keys", () => {
    const p2 = fixtureRecord({ severity: "P2" });
    const body = renderIssueBody(p2, policies, { now }).replace("- [ ] Assign communication lead", "- [x] Assign communication lead");
    const lists = policies.checklists.filter((c) => c.id === "communication");
    expect(checklistBoxes(body, lists, "P2")).toEqual({ [checklistKey("communication", 0)]: false, [checklistKey("communication", 3)]: true });
  });
});
