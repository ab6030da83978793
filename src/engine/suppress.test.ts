import { describe, expect, it } from "vitest";
import type { Policies, RouteNode } from "../config/types.js";
import type { IgnoreStep } from "./verdict.js";
import { decide } from "./decide.js";
import { parseMatchers } from "./matchers.js";
import { summariseVerdict } from "./summary.js";
import { shippedPolicies, testOnCall } from "../../test/engine/fixtures.js";
import { NOW, alert, incident } from "../../test/engine/helpers.js";

const policies = shippedPolicies();
const onCall = testOnCall(policies);
const run = (alerts: Parameters<typeof decide>[0], open: Parameters<typeof decide>[2] = [], p: Policies = policies, at = NOW) => decide(alerts, p, open, at, onCall);
const ignored = (plan: ReturnType<typeof run>): IgnoreStep[] => plan.steps.filter((e): e is IgnoreStep => e.kind === "alerts.ignore");

const down = alert({ alertname: "ServiceDown", service: "api", severity: "critical" });
const slow = alert({ alertname: "HighLatency", service: "api", severity: "critical" });

describe("inhibition in decide", () => {
  it("records the inhibited alert with its reason and opens the source's incident", () => {
    const plan = run([down, slow]);
    expect(plan.steps.map((e) => e.kind)).toEqual(["alerts.ignore", "incident.open"]);
    const [e] = ignored(plan);
    expect(e).toMatchObject({ code: "inhibited", incidentId: null, alerts: [slow] });
    expect(e?.reason).toMatch(/inhibited by rule service-down-covers-its-latency \(policies\/inhibition\.yaml:\d+\): firing alert ServiceDown/);
    expect(summariseVerdict(plan).find((s) => s.action === "ignore")?.reasons[0]).toMatch(/^1 firing alert\(s\) of group api::HighLatency inhibited by/);
  });

  it("takes firing alerts recorded in open incidents as sources, and not resolved ones", () => {
    const recorded = (status: "firing" | "resolved") => incident({ id: "I1", groupKey: "api::ServiceDown", alerts: [{ fingerprint: down.fingerprint, startsAt: down.startsAt, status, labels: down.labels }] });
    expect(ignored(run([slow], [recorded("firing")]))[0]?.reason).toMatch(/firing alert ServiceDown \(fingerprint [0-9a-f]+\) of incident I1/);
    expect(ignored(run([slow], [recorded("resolved")]))).toEqual([]);
    // The payload's newer status of a recorded episode wins over the record.
    expect(ignored(run([{ ...down, status: "resolved" }, slow], [recorded("firing")])).filter((e) => e.code === "inhibited")).toEqual([]);
  });

  it("never suppresses an alert its incident already holds, nor a resolved alert", () => {
    const open = incident({ id: "I2", groupKey: "api::HighLatency", alerts: [{ fingerprint: slow.fingerprint, startsAt: slow.startsAt, status: "firing" }] });
    const plan = run([down, slow], [open]);
    expect(ignored(plan).map((e) => e.code)).toEqual(["duplicate"]);
    expect(ignored(run([down, { ...slow, status: "resolved" }])).map((e) => e.code)).toEqual(["resolved-without-incident"]);
  });
});

/** The shipped policies with one more child route at the front of the tree. */
function withRoute(child: Partial<RouteNode> & Pick<RouteNode, "name">, extra: Partial<Policies> = {}): Policies {
  const node: RouteNode = { matchers: [], continue: false, groupBy: [], muteTimeIntervals: [], activeTimeIntervals: [], team: null, rotation: null, escalationPolicy: null, channels: [], routes: [], source: policies.routing.tree.source, ...child };
  return { ...policies, ...extra, routing: { ...policies.routing, tree: { ...policies.routing.tree, routes: [node, ...policies.routing.tree.routes] } } };
}

describe("time intervals in decide", () => {
  const office = withRoute({ name: "office", matchers: parseMatchers('alertname="OfficeOnly"'), activeTimeIntervals: ["business-hours"] });
  const officeAlert = alert({ alertname: "OfficeOnly", service: "api" });

  it("mutes an alert whose route is outside its active_time_intervals, and says so", () => {
    const plan = run([officeAlert], [], office, new Date("2026-03-02T06:00:00Z")); // 22:00 Sunday in Los Angeles
    expect(ignored(plan)).toMatchObject([{ code: "muted" }]);
    expect(ignored(plan)[0]?.reason).toMatch(/muted by route root\/office being outside its active_time_intervals business-hours at 2026-03-02T06:00:00.000Z/);
  });

  it("lets it through inside the interval", () => {
    const plan = run([officeAlert], [], office, new Date("2026-03-02T18:00:00Z")); // 10:00 Monday in Los Angeles
    expect(plan.steps.map((e) => e.kind)).toEqual(["incident.open"]);
  });

  it("mutes only when every route the alert ends on is muted (continue)", () => {
    const fanOut = withRoute({ name: "backups-everywhere", matchers: parseMatchers('alertname=~"Backup.*"'), muteTimeIntervals: ["nightly-backups"], continue: true });
    const backup = alert({ alertname: "BackupSlow", service: "api" });
    const night = new Date("2026-03-02T10:30:00Z");
    expect(run([backup], [], fanOut, night).steps.map((e) => e.kind)).toEqual(["incident.open"]); // root/api still hears it
    const db = alert({ alertname: "BackupSlow", service: "database" });
    expect(ignored(run([db], [], fanOut, night))[0]?.reason).toMatch(/muted by time interval nightly-backups \(mute_time_intervals of route root\/backups-everywhere\).*; and by time interval nightly-backups \(mute_time_intervals of route root\/database\/backups\)/);
  });
});

describe("routes see the labels the sender sent", () => {
  // A tree moved over from Alertmanager that routes on the sender's own `priority` label.
  const migrated = withRoute({ name: "urgent", matchers: parseMatchers('priority="P1"'), team: "sre" });

  it("routes on the sender's priority, not on the severity classification decided", () => {
    const a = alert({ alertname: "Anything", service: "api", priority: "P1", severity: "info" });
    const plan = run([a], [], migrated);
    expect(plan.decisions[0]).toMatchObject({ severity: "P3", route: "root/urgent", team: "sre" });
  });

  it("offers classification's results under __ names that a sender's labels do not override", () => {
    const byDerived = withRoute({ name: "p3", matchers: parseMatchers('__priority="P3", __service="api"'), team: "sre" });
    const a = alert({ alertname: "Anything", service: "api", severity: "info", __priority: "P0" });
    expect(run([a], [], byDerived).decisions[0]).toMatchObject({ route: "root/p3" });
  });

  it("sees constructor and __proto__ as labels, missing ones as empty", () => {
    const proto = withRoute({ name: "proto", matchers: parseMatchers('constructor="", __proto__=""'), team: "sre" });
    expect(run([alert({ alertname: "X", service: "api" })], [], proto).decisions[0]?.route).toBe("root/proto");
    const sent = alert(JSON.parse('{"alertname":"X","service":"api","__proto__":"set"}') as Record<string, string>);
    expect(run([sent], [], proto).decisions[0]?.route).toBe("root/api");
  });

  it("classifies and routes values named like Object.prototype properties without reading the prototype", () => {
    const plan = run([alert({ alertname: "toString", severity: "constructor", service: "hasOwnProperty" })]);
    expect(plan.decisions[0]).toMatchObject({ severity: "P3", service: "hasOwnProperty", route: "root/unowned", team: "sre" });
  });
});
