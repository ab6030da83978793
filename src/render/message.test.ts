import { describe, expect, it } from "vitest";
import { fixturePolicies, fixtureRecord, fixtureAlert } from "./fixtures.js";
import { rendererFor } from "./env.js";
import { ZWSP } from "./escape.js";
import { readMarkers } from "./markers.js";
import { messageContext, messageTemplateId, renderMessage } from "./message.js";
import { expectInert, HOSTILE, shippedTemplates } from "./templates.test-helpers.js";

const templates = shippedTemplates();
const policies = fixturePolicies(templates);
const now = "2026-11-27T18:30:00Z";
const visible = (s: string) => s.replaceAll(ZWSP, "<zwsp>");

describe("messageTemplateId", () => {
  it.each([
    ["initial_alert", "P0", "internal", "initial-internal-p0"],
    ["initial_alert", "P0", "external", "initial-external-p0"],
    ["initial_alert", "P2", "internal", "initial-internal"],
    ["initial_alert", "P2", "external", null],
    ["update", "P1", "internal", "update"],
    ["resolution", "P3", "internal", "resolution"],
  ] as const)("%s %s %s → %s", (event, sev, audience, id) => expect(messageTemplateId(policies, event, sev, audience)).toBe(id));
});

describe("renderMessage", () => {
  const record = fixtureRecord({ severity: "P0", impact: { users: null, revenue: null, sla: null, summary: "Checkout is down" } });

  it("renders the P0 internal alert in the requirements' wording", () => {
    expect(visible(renderMessage("initial-internal-p0", messageContext(record, policies, { now }), policies))).toMatchInlineSnapshot(`
      "🚨 P0 INCIDENT DECLARED 🚨

      Incident ID: 2026-11-27-001
      Service: API
      Impact: Checkout is down

      Incident Commander: @<zwsp>alice
      Slack Channel: #42
      Status Page: https://status.example.com

      Next update in: 15 minutes
      "
    `);
  });

  it("renders an update with multi-line progress and a pinned time", () => {
    const ctx = messageContext(record, policies, { now, progress: "Rolled back v2.3\nError rate falling", currentActions: "- watching dashboards", nextUpdate: "2026-11-27T19:00:00Z" });
    expect(renderMessage("update", ctx, policies)).toMatchInlineSnapshot(`
      "INCIDENT UPDATE - 2026-11-27-001

      Time: 2026-11-27 10:30 PST (18:30 UTC)
      Duration: 1h 30m
      Status: investigating

      Progress:
      Rolled back v2.3\\
      Error rate falling

      Current Actions:
      \\- watching dashboards

      Next Update: 2026-11-27 11:00 PST (19:00 UTC)
      "
    `);
  });

  it("renders the resolution with total duration and post-mortem date", () => {
    const resolved = fixtureRecord({ status: "resolved", timestamps: { ...record.timestamps, resolved: "2026-11-27T19:15:00Z" }, rootCause: { category: "deploy", text: "Bad config push" } });
    const out = renderMessage("resolution", messageContext(resolved, policies, { now, postmortemDate: "2026-11-30T18:00:00Z" }), policies);
    expect(out).toContain("✅ INCIDENT RESOLVED - 2026-11-27-001");
    expect(out).toContain("Total Duration: 2h 15m");
    expect(out).toContain("Root Cause: Bad config push");
    expect(out).toContain("Post-mortem scheduled for: 2026-11-30 10:00 PST (18:00 UTC)");
  });

  it("keeps every static line of the communication templates (every optional part given)", () => {
    for (const id of ["initial-internal-p0", "initial-external-p0", "initial-internal", "update", "resolution"]) {
      const out = renderMessage(id, messageContext(record, policies, { now, progress: "p", currentActions: "a", nextUpdate: now, postmortemDate: now }), policies);
      for (const line of (templates[id] ?? "").split("\n").filter((l) => l.trim() && !l.includes("{{") && !l.includes("{%"))) expect(out).toContain(line.trim());
    }
  });
});

describe("hostile text through every shipped template", () => {
  const record = fixtureRecord({
    title: HOSTILE,
    commander: HOSTILE,
    service: HOSTILE,
    alerts: [fixtureAlert({ name: HOSTILE, labels: { x: HOSTILE }, annotations: { summary: HOSTILE } })],
    impact: { users: HOSTILE, revenue: HOSTILE, sla: HOSTILE, summary: HOSTILE },
    rootCause: { category: HOSTILE, text: HOSTILE },
  });
  const opts = { now, progress: HOSTILE, currentActions: HOSTILE, sanitizedImpact: HOSTILE, channel: HOSTILE };
  const messageVars = messageContext(record, policies, opts);
  // The post-mortem template's variables (its own context lives in src/postmortem).
  const postmortemVars = {
    title: HOSTILE,
    summary: HOSTILE,
    impact: { users: HOSTILE, revenue: HOSTILE, sla: HOSTILE },
    services: [HOSTILE, HOSTILE],
    time_zone: HOSTILE,
    timeline: [{ time: HOSTILE, actor: HOSTILE, text: HOSTILE }],
    durations: { detect: HOSTILE, acknowledge: HOSTILE, mitigate: HOSTILE, resolve: HOSTILE },
    root_cause: HOSTILE,
    contributing_factors: HOSTILE,
    went_well: HOSTILE,
    went_wrong: HOSTILE,
    action_items: [{ title: HOSTILE, owner: HOSTILE, due: HOSTILE, priority: HOSTILE }],
  };

  it.each(Object.keys(templates).filter((id) => id !== "issue-body"))("%s", (id) => {
    const out = id === "postmortem" ? rendererFor(policies).render(id, postmortemVars) : renderMessage(id, messageVars, policies);
    expectInert(out);
    expect(readMarkers(out)).toEqual([]);
  });

  it("a message is bounded: long progress is clipped, and the whole message fits the limit", () => {
    const long = renderMessage("update", messageContext(record, policies, { now, progress: "p\n".repeat(60_000) }), policies);
    expect(long.length).toBeLessThan(20_000);
    const out = renderMessage("update", messageContext(record, policies, { now, progress: "p\n".repeat(60_000) }), policies, { max: 2_000 });
    expect(out.length).toBeLessThanOrEqual(2_000);
    expect(out).toMatch(/characters truncated; the full record is incidents\/2026-11-27-001\.yaml\*\*$/);
  });
});
