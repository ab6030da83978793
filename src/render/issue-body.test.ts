import { describe, expect, it } from "vitest";
import { ZWSP } from "./escape.js";
import { fixtureAlert, fixturePolicies, fixtureRecord } from "./fixtures.js";
import { checklistKey, issueBodyTemplateId, renderIssueBody, suggestedPlaybooks } from "./issue-body.js";
import { openFence } from "./limit.js";
import { readMarkers } from "./markers.js";
import { expectInert, HOSTILE, shippedTemplates } from "./templates.test-helpers.js";

const policies = fixturePolicies(shippedTemplates());
const now = "2026-11-27T18:30:00Z";

describe("renderIssueBody", () => {
  it("renders the record (snapshot, time pinned)", async () => {
    const record = fixtureRecord({
      alerts: [fixtureAlert(), fixtureAlert({ fingerprint: "f2", name: "HighLatency", status: "resolved", endsAt: "2026-11-27T17:20:00Z", annotations: { summary: "p99 above 2s" }, generatorURL: null })],
      impact: { users: "about 10% of API clients", revenue: null, sla: "at risk", summary: "Checkout requests fail\nintermittently." },
      actionItems: [{ title: "Add a circuit breaker", owner: "bob", due: "2026-12-04", priority: "High", source: "manual", issue: null }],
    });
    const body = renderIssueBody(record, policies, { now, checklistState: { [checklistKey("immediate", 0)]: true } });
    await expect(body).toMatchFileSnapshot("__snapshots__/issue-body.p1.md");
  });

  it("starts with the incident marker the Action reads back", () => {
    const body = renderIssueBody(fixtureRecord(), policies, { now });
    expect(readMarkers(body)).toEqual([{ kind: "incident", data: { id: "2026-11-27-001" } }]);
    expect(body.split("\n")[0]).toBe('<!-- incident-as-code:incident {"id":"2026-11-27-001"} -->');
  });

  it("shows logins without notifying, and only P0/P1 communication checklists for a P1", () => {
    const body = renderIssueBody(fixtureRecord(), policies, { now });
    expect(body).toContain(`| Commander | @${ZWSP}alice |`);
    expect(body).not.toMatch(/@alice|@bob/);
    expect(body).toContain("### Communication Setup");
    expect(renderIssueBody(fixtureRecord({ severity: "P3" }), policies, { now })).not.toContain("### Communication Setup");
  });

  it("keeps hostile text from every field inert", () => {
    const record = fixtureRecord({
      title: HOSTILE,
      commander: HOSTILE,
      responders: [HOSTILE],
      component: HOSTILE,
      alerts: [fixtureAlert({ name: HOSTILE, labels: { [HOSTILE]: HOSTILE }, annotations: { summary: HOSTILE, description: HOSTILE }, generatorURL: HOSTILE })],
      impact: { users: HOSTILE, revenue: HOSTILE, sla: HOSTILE, summary: `${HOSTILE}\n\n${HOSTILE}` },
      rootCause: { category: HOSTILE, text: HOSTILE },
      actionItems: [{ title: HOSTILE, owner: HOSTILE, due: HOSTILE, priority: "High", source: "manual", issue: null }],
      timeline: [{ at: HOSTILE, actor: HOSTILE, kind: "note", text: HOSTILE }],
    });
    const body = renderIssueBody(record, policies, { now });
    expectInert(body);
    expect(readMarkers(body)).toEqual([{ kind: "incident", data: { id: "2026-11-27-001" } }]);
    expect(openFence(body)).toBeNull();
  });

  it("stays under GitHub's limit with a 2 MB annotation, with a visible note and the checklists intact", () => {
    const huge = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${"z".repeat(95)}`).join("\n");
    expect(huge.length).toBeGreaterThan(2_000_000);
    const body = renderIssueBody(fixtureRecord({ alerts: [fixtureAlert({ annotations: { summary: huge, description: huge } })] }), policies, { now });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(/\*\*… [\d,]+ characters truncated; the full record is incidents\/2026-11-27-001\.yaml\*\*$/);
    expect(openFence(body)).toBeNull();
    expect(body).toContain("### Immediate Actions");
    expect(readMarkers(body)).toHaveLength(1);
  });

  it("bounds the timeline and the alert list", () => {
    const timeline = Array.from({ length: 30 }, (_, i) => ({ at: now, actor: "bob", kind: "note" as const, text: `note ${i}` }));
    const alerts = Array.from({ length: 5 }, (_, i) => fixtureAlert({ fingerprint: `f${i}` }));
    const body = renderIssueBody(fixtureRecord({ timeline, alerts }), policies, { now, timelineLimit: 3, alertLimit: 2 });
    expect(body).toContain("### Timeline (latest 3 of 30)");
    expect(body).toContain("note 29 |");
    expect(body).not.toContain("note 26 |");
    expect(body).toContain("- … and 3 more in `incidents/2026-11-27-001.yaml`");
  });
});

describe("template and playbook selection", () => {
  it("uses the severity's issue_body template, else '*'", () => {
    expect(issueBodyTemplateId(policies, "P1")).toBe("issue-body");
    const custom = { ...policies, communication: { ...policies.communication, templates: { issue_body: { P0: { issue: "p0-body" }, "*": { issue: "issue-body" } } } } };
    expect(issueBodyTemplateId(custom, "P0")).toBe("p0-body");
  });

  it("suggests playbooks whose matchers match a firing alert", () => {
    expect(suggestedPlaybooks(fixtureRecord(), policies)).toEqual(["api_high_error_rate"]);
    expect(suggestedPlaybooks(fixtureRecord({ alerts: [fixtureAlert({ name: "Other", labels: {} })] }), policies)).toEqual([]);
  });
});
