import { describe, expect, it } from "vitest";
import { compilePolicies } from "../config/index.js";
import type { Policies } from "../config/types.js";
import type { IgnoreStep } from "./verdict.js";
import { decide } from "./decide.js";
import { policyFiles, testOnCall } from "../../test/engine/fixtures.js";
import { alert, incident } from "../../test/engine/helpers.js";

const DRILL = [
  "# yaml-language-server: $schema=../../schemas/silence.schema.json",
  "matchers: '{__service=\"database\", alertname=~\"Replication.*\"}'",
  "starts: 2026-03-02T09:00:00Z",
  "ends: 2026-03-02T12:00:00Z",
  "owner: dana-example",
  "reason: Primary failover drill",
  "link: https://github.com/example/ops/issues/42",
].join("\n");

function compile(extra: Record<string, string>, now?: number) {
  return compilePolicies({ ...policyFiles(), ...extra }, now === undefined ? {} : { now });
}

function policiesWith(extra: Record<string, string>): Policies {
  const r = compile(extra);
  if (!r.policies) throw new Error(r.issues.map((i) => `${i.file}:${i.line} ${i.message}`).join("\n"));
  return r.policies;
}

const lag = alert({ alertname: "ReplicationLag", service: "database", severity: "warning" }, { startsAt: "2026-03-02T09:58:00.000Z" });
const down = alert({ alertname: "ServiceDown", service: "database", severity: "critical" });
const ignored = (effects: ReturnType<typeof decide>["steps"]): IgnoreStep[] => effects.filter((e): e is IgnoreStep => e.kind === "alerts.ignore");

describe("silences as files", () => {
  const policies = policiesWith({ "policies/silences/db-failover-drill.yaml": DRILL });
  const run = (at: string, alerts = [lag], open: Parameters<typeof decide>[2] = []) => decide(alerts, policies, open, new Date(at), testOnCall(policies));

  it("loads one silence per file, its id the file name", () => {
    expect(policies.silences).toEqual([
      expect.objectContaining({ id: "db-failover-drill", origin: "silence", owner: "dana-example", starts: "2026-03-02T09:00:00.000Z", ends: "2026-03-02T12:00:00.000Z", link: "https://github.com/example/ops/issues/42" }),
    ]);
  });

  it("records a matching alert as silenced, with who and why; it opens no incident and pages nobody", () => {
    const plan = run("2026-03-02T10:00:00Z", [lag, down]);
    const [silenced] = ignored(plan.steps);
    expect(silenced).toMatchObject({ code: "silenced", alerts: [lag], incidentId: null });
    expect(silenced?.reason).toContain("silenced by silence db-failover-drill (policies/silences/db-failover-drill.yaml, {__service=\"database\", alertname=~\"Replication.*\"}, owner dana-example, until 2026-03-02T12:00:00.000Z): Primary failover drill");
    // The other alert of the same service, which the silence does not match, opens its incident.
    expect(plan.steps.filter((e) => e.kind === "incident.open").map((e) => e.kind === "incident.open" && e.alerts)).toEqual([[down]]);
  });

  it.each([
    ["before it starts", "2026-03-02T08:59:59.999Z"],
    ["from the instant it ends", "2026-03-02T12:00:00.000Z"],
  ])("silences nothing %s", (_, at) => {
    expect(ignored(run(at).steps)).toEqual([]);
    expect(run(at).steps.map((e) => e.kind)).toEqual(["incident.open"]);
  });

  it("never silences an episode its incident already holds, nor a resolved alert", () => {
    const open = incident({ id: "I1", groupKey: "database::ReplicationLag", service: "database", alerts: [{ fingerprint: lag.fingerprint, startsAt: lag.startsAt, status: "firing" }] });
    expect(run("2026-03-02T10:00:00Z", [lag], [open]).steps.map((e) => e.kind === "alerts.ignore" ? e.code : e.kind)).toEqual(["duplicate"]);
    expect(run("2026-03-02T10:00:00Z", [{ ...lag, status: "resolved" }], [open]).steps.map((e) => e.kind)).toContain("incident.append");
    expect(ignored(run("2026-03-02T10:00:00Z", [{ ...lag, status: "resolved" }]).steps).map((e) => e.code)).toEqual(["resolved-without-incident"]);
  });
});

describe("maintenance windows silence their services", () => {
  const maintenance = (silence: string) => [
    "# yaml-language-server: $schema=../schemas/maintenance.schema.json",
    "maintenance:",
    "  - id: db-upgrade",
    "    title: Database upgrade",
    "    services: [database]",
    "    starts: 2026-03-02T09:00:00Z",
    "    ends: 2026-03-02T11:00:00Z",
    silence,
  ].join("\n");

  it("silences alerts classified to a service in maintenance while the window lasts, and shows the window", () => {
    const policies = policiesWith({ "policies/maintenance.yaml": maintenance("") });
    const plan = decide([down, alert({ alertname: "ServiceDown", service: "api", severity: "critical" })], policies, [], new Date("2026-03-02T10:00:00Z"), testOnCall(policies));
    const [silenced] = ignored(plan.steps);
    expect(silenced?.alerts).toEqual([down]);
    expect(silenced?.reason).toMatch(/silenced by maintenance window db-upgrade \(policies\/maintenance\.yaml:\d+, services database, until 2026-03-02T11:00:00\.000Z\): Database upgrade/);
    expect(plan.steps.filter((e) => e.kind === "incident.open")).toHaveLength(1);
    const after = decide([down], policies, [], new Date("2026-03-02T11:00:00Z"), testOnCall(policies));
    expect(after.steps.map((e) => e.kind)).toEqual(["incident.open"]);
  });

  it("only shows the window when it sets silence_alerts: false", () => {
    const policies = policiesWith({ "policies/maintenance.yaml": maintenance("    silence_alerts: false") });
    expect(decide([down], policies, [], new Date("2026-03-02T10:00:00Z"), testOnCall(policies)).steps.map((e) => e.kind)).toEqual(["incident.open"]);
  });
});

describe("validating silences", () => {
  const file = "policies/silences/drill.yaml";
  const messages = (text: string, now?: number) => compile({ [file]: text }, now).issues.filter((i) => i.file === file).map((i) => `${i.level} ${i.line}: ${i.message}`);

  it("refuses a silence without an end", () => {
    expect(messages(DRILL.replace(/^ends:.*$/m, ""))).toEqual([expect.stringMatching(/^error \d+: .*missing required key `ends`/)]);
  });

  it("refuses one longer than review.yaml allows (7 days by default), at its end", () => {
    expect(messages(DRILL.replace(/^ends:.*$/m, "ends: 2026-03-10T09:00:01Z"))).toEqual([
      "error 4: silence `drill` lasts 8d 1s, longer than the 7d silences may last (silences.max_duration in policies/review.yaml): end it sooner, or replace it with a new silence when this one ends",
    ]);
    const longer = compile({ [file]: DRILL.replace(/^ends:.*$/m, "ends: 2026-03-10T09:00:01Z"), "policies/review.yaml": "silences: { max_duration: 14d }" });
    expect(longer.issues.filter((i) => i.level === "error")).toEqual([]);
  });

  it("refuses matchers that would silence everything, as Alertmanager does", () => {
    expect(messages(DRILL.replace(/^matchers:.*$/m, "matchers: '{team!=\"x\", env=~\".*\"}'"))).toEqual([
      expect.stringMatching(/^error 2: every matcher of .* matches the empty string/),
    ]);
    expect(messages(DRILL.replace(/^matchers:.*$/m, "matchers: []"))).toEqual([expect.stringMatching(/^error 2: a silence needs at least one matcher/)]);
  });

  it("refuses an end before the start and a file name that is not an id", () => {
    expect(messages(DRILL.replace(/^ends:.*$/m, "ends: 2026-03-02T08:00:00Z"))).toEqual([expect.stringMatching(/^error 4: silence `drill` ends .* before it starts/)]);
    expect(compile({ "policies/silences/Drill Night.yaml": DRILL }).issues.filter((i) => i.level === "error").map((i) => i.message)).toEqual([expect.stringMatching(/file name `Drill Night` is not an id/)]);
  });

  it("warns about an expired silence only when it knows the time", () => {
    expect(messages(DRILL)).toEqual([]);
    expect(messages(DRILL, Date.parse("2026-03-02T12:00:00Z"))).toEqual([
      "warning 4: silence `drill` expired at 2026-03-02T12:00:00.000Z and silences nothing; delete policies/silences/drill.yaml (the schedule job proposes that in a pull request)",
    ]);
    expect(compile({ [file]: DRILL }, Date.parse("2026-03-02T12:00:00Z")).policies).not.toBeNull();
  });

  it("does not warn that silence files are unknown", () => {
    expect(compile({ [file]: DRILL }).issues).toEqual([]);
  });
});
