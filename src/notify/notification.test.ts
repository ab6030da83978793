import { describe, expect, it } from "vitest";
import { buildNotification, channelHears, idempotencyKey, LIFECYCLE_EVENTS } from "./notification.js";
import { NOW, notification, policies, record, REPO } from "./fixtures.test-helpers.js";

describe("buildNotification", () => {
  it("opens a P0 with the seed's internal and external messages, links and contacts", () => {
    const n = notification("open", { record: record({ severity: "P0", impact: { users: null, revenue: null, sla: null, summary: "Checkout is down" } }), channel: "slack-incidents" });
    expect(n).toMatchObject({
      incidentId: "2026-11-27-001",
      event: "open",
      channel: "slack-incidents",
      severity: "P0",
      service: "API",
      commander: "alice-example",
      headline: "[P0] Incident declared: API high error rate",
      links: { issue: `${REPO}/issues/42`, postmortem: null, statusPage: "https://status.example.com" },
      idempotencyKey: "2026-11-27-001:open:slack-incidents",
      test: false,
    });
    expect(n.internalText).toBe(
      [
        "🚨 P0 INCIDENT DECLARED 🚨",
        "",
        "Incident ID: 2026-11-27-001",
        "Service: API",
        "Impact: Checkout is down",
        "",
        "Incident Commander: @alice-example",
        `Slack Channel: ${REPO}/issues/42`,
        "Status Page: https://status.example.com",
        "",
        "Next update in: 15 minutes",
      ].join("\n"),
    );
    expect(n.externalText).toContain("We are currently experiencing issues with API Endpoints.");
    expect(n.recipients).toEqual([
      { login: "alice-example", name: "Alice Example", email: "alice@example.com", phone: "+15555550100" },
      { login: "bob-example", name: "Bob Example", email: "bob@example.com", phone: "+15555550101" },
    ]);
  });

  it("uses the default internal and external templates below P0", () => {
    const n = notification("open");
    expect(n.internalText.split("\n")[0]).toBe("P1 incident declared: API high error rate");
    expect(n.externalText).toContain("We are investigating issues with API Endpoints.");
  });

  it("renders an update from the update template with progress, actions and the next update", () => {
    const n = notification("update", { seq: 7, update: { progress: "Rolled back v2.3", currentActions: "Watching error rates", nextUpdate: "2026-11-27T19:30:00Z" } });
    expect(n.headline).toBe("[P1] Update: API high error rate");
    expect(n.internalText).toContain("INCIDENT UPDATE - 2026-11-27-001");
    expect(n.internalText).toContain("Progress:\nRolled back v2.3");
    expect(n.internalText).toContain("Current Actions:\nWatching error rates");
    expect(n.internalText).toContain("Next Update: 2026-11-27 11:30 PST");
    expect(n.idempotencyKey).toBe("2026-11-27-001:update#7:test-channel");
  });

  it("renders the resolution with the post-mortem PR when there is one", () => {
    const resolved = record({ status: "resolved", timestamps: { ...record().timestamps, resolved: "2026-11-27T19:15:00Z" }, links: { issue: 42, postmortemPr: 57, postmortemPath: null, openedBy: null } });
    const n = notification("resolve", { record: resolved });
    expect(n.internalText).toContain("✅ INCIDENT RESOLVED - 2026-11-27-001");
    expect(n.internalText).toContain(`Post-mortem: ${REPO}/pull/57`);
    expect(n.links.postmortem).toBe(`${REPO}/pull/57`);
  });

  it("tells a new audience why: an escalation and a raise carry the initial alert under their reason", () => {
    const esc = notification("escalate", { escalationStep: 2, seq: 2 });
    expect(esc.headline).toBe("[P1] Escalated (step 2): API high error rate");
    expect(esc.internalText).toMatch(/^Escalated to step 2: not acknowledged in time[^\n]*\n\nP1 incident declared: API high error rate/);
    const raised = notification("raise", { record: record({ severity: "P0" }), previousSeverity: "P2" });
    expect(raised.headline).toBe("[P0] Severity raised from P2: API high error rate");
    expect(raised.internalText).toMatch(/^Severity raised from P2 to P0\.\n\n🚨 P0 INCIDENT DECLARED 🚨/);
    expect(raised.previousSeverity).toBe("P2");
  });

  it.each([
    ["acknowledge", "Incident 2026-11-27-001 (P1, API) was acknowledged by @bob-example at 2026-11-27 10:30 PST."],
    ["reopen", "Incident 2026-11-27-001 (P1, API) was reopened by @bob-example at 2026-11-27 10:30 PST; it is investigating again."],
  ] as const)("%s has no template: one sentence says what happened", (event, text) => {
    expect(notification(event, { actor: "bob-example" }).internalText).toBe(text);
  });

  it("marks a test clearly in the headline and both texts, and keys it apart from any incident", () => {
    const n = notification("open", { record: record({ severity: "P0" }), test: true, channel: "pagerduty" });
    expect(n.headline.startsWith("[TEST] [P0] Incident declared")).toBe(true);
    expect(n.internalText.startsWith("This is a test message from incident-as-code")).toBe(true);
    expect(n.externalText?.startsWith("This is a test message")).toBe(true);
    expect(n.idempotencyKey).toBe(`test:${NOW}:pagerduty`);
  });

  it("keeps people without contact points, once each, and leaves links out without a repository URL", () => {
    const n = buildNotification({ record: record({ links: { issue: null, postmortemPr: null, postmortemPath: null, openedBy: null } }), event: "open", channel: "c", audience: ["nobody-example", "alice-example", "nobody-example"], policies, now: NOW, repositoryUrl: null });
    expect(n.recipients.map((r) => [r.login, r.email])).toEqual([
      ["nobody-example", null],
      ["alice-example", "alice@example.com"],
    ]);
    expect(n.links.issue).toBeNull();
    expect(n.internalText).toContain("Channel: the incident issue");
  });

  it("bounds the headline and keeps untrusted title text as characters (senders escape it)", () => {
    const n = notification("open", { record: record({ title: `<!channel> *x* ${"a".repeat(400)}` }) });
    expect(n.headline.length).toBeLessThanOrEqual(250);
    expect(n.headline.startsWith("[P1] Incident declared: <!channel> *x* aaa")).toBe(true);
  });

  it("bounds the message whatever the input: a 1 MB update and a 1 MB title", () => {
    const n = notification("update", { record: record({ title: "t".repeat(1_000_000) }), update: { progress: "p\n".repeat(500_000) } });
    expect(n.internalText.length).toBeLessThan(15_000);
    expect(n.headline.length).toBeLessThanOrEqual(250);
    expect(n.title.length).toBeLessThanOrEqual(1_000);
  });

  it("is pure: the same input gives the same notification", () => {
    expect(notification("update", { update: { progress: "x" } })).toEqual(notification("update", { update: { progress: "x" } }));
  });
});

describe("idempotencyKey", () => {
  it("distinguishes the incident, the event and its occurrence, and the channel", () => {
    const keys = new Set([idempotencyKey("i1", "update", "slack", 1), idempotencyKey("i1", "update", "slack", 2), idempotencyKey("i1", "update", "teams", 1), idempotencyKey("i2", "update", "slack", 1), idempotencyKey("i1", "open", "slack")]);
    expect(keys.size).toBe(5);
  });
});

describe("channelHears", () => {
  // open → ack → update → escalate → resolve, as each channel type hears it.
  const lifecycle = ["open", "acknowledge", "update", "escalate", "resolve"] as const;
  it.each([
    ["pagerduty", ["open", "acknowledge", "resolve"]],
    ["slack", [...lifecycle]],
    ["teams", [...lifecycle]],
    ["webhook", [...lifecycle]],
    ["email", ["open", "update", "escalate", "resolve"]],
    ["phone", ["open", "escalate"]],
    ["jira", []],
    ["github-label", []],
  ] as const)("%s hears %j of the lifecycle", (type, heard) => {
    expect(lifecycle.filter((e) => channelHears(type, e))).toEqual(heard);
  });

  it("every sending type hears an open and a raise (a raise reaches the new severity's audience)", () => {
    for (const type of ["pagerduty", "slack", "teams", "webhook", "email", "phone"] as const) {
      expect(channelHears(type, "open")).toBe(true);
      expect(channelHears(type, "raise")).toBe(true);
    }
    expect(LIFECYCLE_EVENTS).toHaveLength(7);
  });
});
