import { describe, expect, it } from "vitest";
import { decide } from "./decide.js";
import { summariseVerdict } from "./summary.js";
import type { AlertStep, OpenStep } from "./verdict.js";
import type { Policies } from "../config/types.js";
import { shippedPolicies, testOnCall } from "../../test/engine/fixtures.js";
import { NOW, alert, frozen, incident } from "../../test/engine/helpers.js";

const policies = shippedPolicies();
const onCall = testOnCall(policies);
const run = (alerts: Parameters<typeof decide>[0], open: Parameters<typeof decide>[2] = [], p: Policies = policies) => decide(alerts, p, open, NOW, onCall);
const opened = (effects: AlertStep[]): OpenStep[] => effects.filter((e): e is OpenStep => e.kind === "incident.open");

describe("decide: the requirements' monitoring rules", () => {
  it("ServiceDown on job=api opens a P0 for the API, commanded by the senior on call", () => {
    const verdict = run([alert({ alertname: "ServiceDown", job: "api", instance: "api-1:9090" })]);
    expect(verdict.steps).toHaveLength(1);
    const e = opened(verdict.steps)[0];
    expect(e).toMatchObject({
      groupKey: "api:availability:service_down",
      title: "API is down (api-1:9090)",
      severity: "P0",
      service: "api",
      route: "root/api",
      team: "backend",
      rotation: "api-oncall",
      escalationPolicy: "p0-critical",
      commander: "frank-example",
      assignees: ["frank-example", "alice-example"],
      labels: ["incident", "severity:P0", "service:api", "team:backend"],
      checklists: ["immediate", "investigation", "communication"],
    });
    expect(e?.notifications.channels.map((c) => c.channel)).toEqual(["pagerduty", "slack-incidents", "phone-call", "teams-leadership", "incident-webhook"]);
    expect(e?.notifications.recipients.map((r) => r.audience)).toEqual(["on-call-all", "leadership"]);
    expect(e?.notifications.mentions).toEqual(["alice-example", "bob-example", "heidi-example"]);
    expect(e?.reasons[0]).toBe('P0 because rule ServiceDown matched {alertname="ServiceDown", job="api"}');
  });

  it.each([
    [{ alertname: "HighErrorRate", service: "api" }, "P1", "api", "root/api", "alice-example"],
    [{ alertname: "DatabaseConnectionPoolExhausted" }, "P1", "database", "root/database", "dana-example"],
    [{ alertname: "DiskSpaceCritical", service: "database" }, "P1", "database", "root/database", "dana-example"],
    [{ alertname: "ServiceDown", job: "web", service: "web", severity: "critical" }, "P1", "web", "root/web", "grace-example"],
  ])("%j → %s on %s via %s, commander %s", (labels, severity, service, route, commander) => {
    expect(opened(run([alert(labels)]).steps)[0]).toMatchObject({ severity, service, route, commander });
  });

  it("suggests the playbooks whose matchers match a firing alert", () => {
    const playbook = { id: "api_high_error_rate", title: "t", trigger: "error_rate > 10%", matcherSets: [[{ label: "alertname", op: "=" as const, value: "HighErrorRate" }]], actions: [], runbooks: [], source: { file: "f", line: 1, column: 1 } };
    const p = { ...policies, playbooks: { api_high_error_rate: playbook } };
    expect(opened(run([alert({ alertname: "HighErrorRate", service: "api" })], [], p).steps)[0]?.playbooks).toEqual(["api_high_error_rate"]);
    expect(opened(run([alert({ alertname: "DiskSpaceCritical", service: "api" })], [], p).steps)[0]?.playbooks).toEqual([]);
  });
});

describe("decide: severity from the alert's own label", () => {
  it.each([
    ["critical", "P1"],
    ["warning", "P2"],
    ["info", "P3"],
    ["Warning", "P2"],
    ["P0", "P0"],
    ["P2", "P2"],
    ["page", "P3"],
    [undefined, "P3"],
  ])("severity=%s → %s", (severity, expected) => {
    const labels: Record<string, string> = { alertname: "QueueBacklog", service: "web" };
    if (severity) labels["severity"] = severity;
    expect(opened(run([alert(labels)]).steps)[0]?.severity).toBe(expected);
  });

  it("sends P3 to the engineering team through slack-team and jira", () => {
    const e = opened(run([alert({ alertname: "UiGlitch", service: "web", severity: "info" })]).steps)[0];
    expect(e?.notifications.channels.map((c) => [c.channel, c.fallback])).toEqual([["slack-team", "issue-comment"], ["jira", "label"]]);
    expect(e?.notifications.recipients[0]?.audience).toBe("engineering-team");
  });

  it("routes security alerts to the security team with the security lead as commander", () => {
    const e = opened(run([alert({ alertname: "SuspiciousLogins", category: "security", service: "api", severity: "critical" })]).steps)[0];
    expect(e).toMatchObject({ type: "security", route: "root/security", team: "security", rotation: "auth-oncall", commander: "erin-example", severity: "P1" });
    expect(e?.labels).toContain("type:security");
    expect(e?.notifications.channels.map((c) => c.channel)).toEqual(["pagerduty", "slack-incidents", "incident-webhook", "security-private"]);
  });
});

describe("decide: correlation", () => {
  const high = (over = {}) => alert({ alertname: "HighErrorRate", service: "api", instance: "a" }, over);

  it("opens one incident for alerts of one group", () => {
    const verdict = run([high(), alert({ alertname: "HighErrorRate", service: "api", instance: "b" })]);
    expect(verdict.steps.map((e) => e.kind)).toEqual(["incident.open"]);
    expect(opened(verdict.steps)[0]?.alerts).toHaveLength(2);
  });

  it("appends to the open incident of the group instead of opening another", () => {
    const verdict = run([high()], [incident({ id: "2026-0001", groupKey: "api::error_rate" })]);
    expect(verdict.steps.map((e) => [e.kind, "incidentId" in e ? e.incidentId : null])).toEqual([["incident.append", "2026-0001"]]);
  });

  it("ignores a re-sent alert (same fingerprint, startsAt and status) as a duplicate", () => {
    const a = high();
    const open = incident({ id: "I1", groupKey: "api::error_rate", alerts: [{ fingerprint: a.fingerprint, startsAt: a.startsAt, status: "firing" }] });
    expect(run([a], [open]).steps).toMatchObject([{ kind: "alerts.ignore", code: "duplicate", incidentId: "I1" }]);
  });

  it("raises severity, and never lowers it", () => {
    const open = incident({ id: "I1", groupKey: "api::error_rate", severity: "P2" });
    const raised = run([high()], [open]).steps;
    expect(raised.map((e) => e.kind)).toEqual(["incident.append", "incident.raise-severity"]);
    expect(raised[1]).toMatchObject({ from: "P2", to: "P1" });
    expect(raised[1]?.reason).toMatch(/raised from P2 to P1: P1 because rule HighErrorRate/);
    const kept = run([high()], [{ ...open, severity: "P0" }]).steps;
    expect(kept.map((e) => e.kind)).toEqual(["incident.append"]);
    expect(kept[0]?.reason).toMatch(/stays P0/);
  });

  it("resolves when every alert is resolved, or notes it when auto_resolve is off", () => {
    const a = high();
    const open = incident({ id: "I1", groupKey: "api::error_rate", alerts: [{ fingerprint: a.fingerprint, startsAt: a.startsAt, status: "firing" }] });
    const resolved = { ...a, status: "resolved" as const, endsAt: "2026-03-02T09:59:00.000Z" };
    expect(run([resolved], [open]).steps.map((e) => e.kind)).toEqual(["incident.append", "incident.resolve"]);
    const manual = { ...policies, correlation: { ...policies.correlation, autoResolve: false } };
    expect(run([resolved], [open], manual).steps.map((e) => e.kind)).toEqual(["incident.append", "incident.note"]);
  });

  it("records a resolved alert for an unknown incident without error", () => {
    const verdict = run([high({ status: "resolved", endsAt: "2026-03-02T09:59:00.000Z" })]);
    expect(verdict.steps).toMatchObject([{ kind: "alerts.ignore", code: "resolved-without-incident", alerts: [{ status: "resolved" }] }]);
  });

  it("reopens a resolved incident within the correlation window, opens a new one after it", () => {
    const closed = incident({ id: "I1", groupKey: "api::error_rate", status: "resolved", lastAlertAt: "2026-03-02T09:57:00.000Z" });
    expect(run([high()], [closed]).steps.map((e) => e.kind)).toEqual(["incident.reopen", "incident.append"]);
    expect(run([high()], [{ ...closed, lastAlertAt: "2026-03-02T09:50:00.000Z" }]).steps.map((e) => e.kind)).toEqual(["incident.open"]);
  });

  const cascadeAlerts = (services: string[], n: number) =>
    Array.from({ length: n }, (_, i) => alert({ alertname: `Err${i}`, service: services[i % services.length] as string, severity: "warning" }));

  it("turns more than 5 related alerts across the dependency group into one P0 cascade", () => {
    const verdict = run(cascadeAlerts(["api", "web", "database", "auth"], 6));
    expect(verdict.steps.map((e) => e.kind)).toEqual(["incident.open"]);
    const e = opened(verdict.steps)[0];
    expect(e).toMatchObject({ severity: "P0", pattern: "cascade", groupKey: "cascade:api,auth,database,web", title: "Cascade Failure Detected: api, auth, database, web" });
    expect(e?.alerts).toHaveLength(6);
    expect(e?.reasons).toContainEqual(expect.stringMatching(/^cascade: 6 related alerts .* spread rate 1 \(4\/4 services/));
  });

  it.each([
    ["5 related alerts", ["api", "web", "database", "auth"], 5],
    ["spread rate 0.75 (3 of 4 services)", ["api", "web", "database"], 6],
    ["one service only", ["payments"], 8],
  ])("is not a cascade with %s", (_name, services, n) => {
    expect(opened(run(cascadeAlerts(services, n)).steps).every((e) => e.pattern === null && e.severity === "P2")).toBe(true);
  });

  it("marks an alert that fires again 3 times within the hour as intermittent, at least P2", () => {
    const labels = { alertname: "SlowQueries", service: "database", severity: "info" };
    const fp = alert(labels).fingerprint;
    const episodes = ["09:10", "09:25", "09:40"].map((t) => ({ fingerprint: fp, startsAt: `2026-03-02T${t}:00.000Z`, status: "resolved" as const }));
    const open = incident({ id: "I7", groupKey: "database::SlowQueries", severity: "P3", service: "database", alerts: episodes, status: "monitoring" });
    const effects = run([alert(labels)], [open]).steps;
    expect(effects.map((e) => e.kind)).toEqual(["incident.append", "incident.raise-severity"]);
    expect(effects[1]).toMatchObject({ from: "P3", to: "P2", reason: expect.stringMatching(/intermittent: .* fired again 3 time/) as unknown });
    const fresh = run([alert(labels)], [{ ...open, status: "resolved", lastAlertAt: "2026-03-02T08:00:00.000Z" }]).steps;
    expect(opened(fresh)[0]).toMatchObject({ pattern: "intermittent", severity: "P2", title: "Intermittent Issue Pattern: SlowQueries on database" });
  });
});

describe("decide is pure", () => {
  it("gives the same AlertVerdict for the same inputs and does not mutate them", () => {
    const alerts = frozen([alert({ alertname: "ServiceDown", job: "api" }), alert({ alertname: "HighErrorRate", service: "api" }), alert({ alertname: "X", service: "web", severity: "warning" })]);
    const open = frozen([incident({ id: "I1", groupKey: "api::error_rate" })]);
    const first = decide(alerts, policies, open, NOW, onCall);
    expect(decide(alerts, policies, open, new Date(NOW.getTime()), onCall)).toEqual(first);
    expect(summariseVerdict(first, open).map((s) => s.action)).toEqual(["open", "update", "open"]);
  });
});
