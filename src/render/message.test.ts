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

  it("keeps every static line of the communication templates", () => {
    const full = { now, progress: "Rolled back", currentActions: "Watching", nextUpdate: "2026-11-27T19:00:00Z", postmortemDate: "2026-11-28T17:00:00Z" };
    for (const id of ["initial-internal-p0", "initial-external-p0", "initial-internal", "update", "resolution"]) {
      const out = renderMessage(id, messageContext(record, policies, full), policies);
      for (const line of (templates[id] ?? "").split("\n").filter((l) => l.trim() && !l.includes("{{") && !l.includes("{%"))) expect(out).toContain(line.trim());
    }
  });
});

const p0 = fixtureRecord({ severity: "P0", impact: { users: null, revenue: null, sla: null, summary: "Checkout is down" } });

describe("no empty fields", () => {
  // A label with nothing after it ("Post-mortem scheduled for:") reads as a bug to the people it
  // reaches: every field is filled or its line is left out, whatever the record does not know yet.
  const bare = fixtureRecord({ commander: null, links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: null }, impact: { users: null, revenue: null, sla: null, summary: null } });
  const noStatusPage = { ...policies, communication: { ...policies.communication, statusPage: { ...policies.communication.statusPage, url: null } } };
  const emptyField = /^[^:\n]+:[^\S\n]*$/m;

  it.each([
    ["markdown", policies],
    ["markdown without a status page", noStatusPage],
  ] as const)("%s: every communication template with the least a record can know", (_name, p) => {
    for (const id of ["initial-internal-p0", "initial-external-p0", "initial-internal", "update", "resolution"]) {
      for (const flavour of ["markdown", "plain"] as const) {
        const out = renderMessage(id, messageContext(bare, p, { now }, flavour), p, { flavour });
        expect(out, `${id} (${flavour})`).not.toMatch(emptyField);
      }
    }
  });

  it("the resolution names the post-mortem PR when there is one, says one is required when not yet, and says nothing when none is needed", () => {
    const resolved = { status: "resolved" as const, timestamps: { ...p0.timestamps, resolved: "2026-11-27T19:15:00Z" } };
    const withPr = fixtureRecord({ ...resolved, links: { issue: 42, postmortemPr: 57, postmortemPath: null, openedBy: null } });
    expect(renderMessage("resolution", messageContext(withPr, policies, { now }), policies)).toContain("Post-mortem: #57");
    expect(renderMessage("resolution", messageContext(withPr, policies, { now, postmortemUrl: "https://github.com/o/r/pull/57" }, "plain"), policies, { flavour: "plain" })).toContain("Post-mortem: https://github.com/o/r/pull/57");
    expect(renderMessage("resolution", messageContext(fixtureRecord(resolved), policies, { now }), policies)).toContain("Post-mortem: required for P1 incidents");
    const p3 = renderMessage("resolution", messageContext(fixtureRecord({ ...resolved, severity: "P3" }), policies, { now }), policies);
    expect(p3).not.toContain("Post-mortem");
    expect(p3.trimEnd().endsWith("Services have been fully restored.")).toBe(true);
  });

  it("an update without actions or a next update leaves those lines out", () => {
    const out = renderMessage("update", messageContext(p0, policies, { now, progress: "Rolled back" }), policies);
    expect(out).toContain("Progress:\nRolled back");
    expect(out).not.toMatch(/Current Actions|Next Update/);
  });
});

describe("plain flavour (messages that leave GitHub)", () => {
  it("renders the seed's P0 message as plain text: links, no markdown escapes, no zero width spaces", () => {
    const ctx = messageContext(p0, policies, { now, issueUrl: "https://github.com/o/r/issues/42" }, "plain");
    expect(renderMessage("initial-internal-p0", ctx, policies, { flavour: "plain" })).toBe(
      ["🚨 P0 INCIDENT DECLARED 🚨", "", "Incident ID: 2026-11-27-001", "Service: API", "Impact: Checkout is down", "", "Incident Commander: @alice", "Slack Channel: https://github.com/o/r/issues/42", "Status Page: https://status.example.com", "", "Next update in: 15 minutes"].join("\n"),
    );
  });

  it("keeps untrusted text as the characters it is, minus control and bidi characters, for the sender to escape", () => {
    const ctx = messageContext(p0, policies, { now, progress: "rate *up* <!channel> @here\u202E\0\nline 2" }, "plain");
    const out = renderMessage("update", ctx, policies, { flavour: "plain" });
    expect(out).toContain("Progress:\nrate *up* <!channel> @here\nline 2");
    expect(out).not.toMatch(/[\u202E\0\u200B\\]/);
  });

  it("keeps a one-line value on one line, so a newline in a title cannot forge another field", () => {
    const forged = fixtureRecord({ title: "Disk full\nIncident Commander: @mallory", commander: "alice" });
    const out = renderMessage("initial-internal", messageContext(forged, policies, { now }, "plain"), policies, { flavour: "plain" });
    expect(out.split("\n")[0]).toBe("P1 incident declared: Disk full Incident Commander: @mallory");
    expect(out.split("\n").filter((l) => l.startsWith("Incident Commander:"))).toEqual(["Incident Commander: @alice"]);
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
