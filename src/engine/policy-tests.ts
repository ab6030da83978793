// Policy test cases (policies/tests/*.yaml, schemas/policy-test.schema.json), run like
// `promtool test rules`: alerts and a time in, the engine's decisions compared with what the case
// expects, field by field. Pure: the caller reads and schema-checks the files.
import type { Policies, Severity } from "../config/types.js";
import type { AlertSource } from "../alerts/types.js";
import type { JoinableStatus, OpenIncident } from "./incident-view.js";
import type { OnCall } from "./oncall-port.js";
import type { IncidentSummary } from "./summary.js";
import type { StubRotation } from "./stub-oncall.js";
import { normalize } from "../alerts/registry.js";
import { decide } from "./decide.js";
import { summariseVerdict } from "./summary.js";
import { stubOnCall } from "./stub-oncall.js";

interface RawCase {
  name: string;
  at: string;
  alerts?: unknown[];
  source?: AlertSource;
  payload?: unknown;
  oncall?: Record<string, StubRotation>;
  open_incidents?: {
    id: string;
    group_key: string;
    severity: Severity;
    status?: JoinableStatus;
    service?: string;
    opened_at: string;
    last_alert_at?: string;
    alerts?: { fingerprint: string; starts_at: string; status?: "firing" | "resolved" }[];
  }[];
  expect: Record<string, unknown>[];
}

export interface PolicyTestResult {
  file: string;
  name: string;
  passed: boolean;
  diffs: string[];
}

/** Expectation keys (snake_case, as written) → summary fields. */
const FIELDS: Record<string, keyof IncidentSummary> = {
  action: "action",
  group_key: "groupKey",
  severity: "severity",
  service: "service",
  title: "title",
  route: "route",
  team: "team",
  rotation: "rotation",
  escalation_policy: "escalationPolicy",
  commander: "commander",
  assignees: "assignees",
  labels: "labels",
  channels: "channels",
  notify: "notify",
  pattern: "pattern",
  alerts: "alerts",
  effects: "effects",
};

/** Runs every case of one (schema-valid) test file. */
export function runPolicyTestFile(file: string, doc: unknown, policies: Policies, onCall: OnCall): PolicyTestResult[] {
  return (doc as { tests: RawCase[] }).tests.map((c) => runCase(file, c, policies, onCall));
}

function runCase(file: string, c: RawCase, policies: Policies, onCall: OnCall): PolicyTestResult {
  const at = new Date(c.at);
  const receivedAt = at.toISOString();
  const input = c.alerts ? normalize("alert", { alerts: c.alerts }, { receivedAt }) : normalize(c.source ?? null, c.payload, { receivedAt });
  const diffs = input.errors.map((e) => `payload error: ${e.toString()}`);
  if (!c.alerts && c.payload === undefined) diffs.push("the case has neither `alerts` nor `payload`");
  const open: OpenIncident[] = (c.open_incidents ?? []).map((i) => ({
    id: i.id,
    groupKey: i.group_key,
    severity: i.severity,
    status: i.status ?? "triggered",
    service: i.service ?? null,
    openedAt: new Date(i.opened_at).toISOString(),
    lastAlertAt: new Date(i.last_alert_at ?? i.opened_at).toISOString(),
    alerts: (i.alerts ?? []).map((a) => ({ fingerprint: a.fingerprint, startsAt: new Date(a.starts_at).toISOString(), status: a.status ?? "firing" })),
  }));
  const people = c.oncall ? stubOnCall(policies, c.oncall, onCall) : onCall;
  const got = summariseVerdict(decide(input.alerts, policies, open, at, people), open);
  diffs.push(...compare(c.expect, got));
  return { file, name: c.name, passed: diffs.length === 0, diffs };
}

export function compare(expected: readonly Record<string, unknown>[], got: readonly IncidentSummary[]): string[] {
  const diffs: string[] = [];
  if (expected.length !== got.length) {
    diffs.push(`expected ${expected.length} incident decision(s), got ${got.length}: ${got.map((g) => `${g.action} ${g.groupKey}`).join(", ") || "none"}`);
  }
  const used = new Set<number>();
  expected.forEach((exp, i) => {
    const key = exp["group_key"];
    const index = typeof key === "string" ? got.findIndex((g, j) => !used.has(j) && g.groupKey === key) : i;
    const actual = got[index];
    const label = `decision ${i + 1}${typeof key === "string" ? ` (${key})` : ""}`;
    if (!actual) {
      diffs.push(`${label}: missing`);
      return;
    }
    used.add(index);
    for (const [name, want] of Object.entries(exp)) {
      const field = FIELDS[name];
      if (!field) continue;
      const have = actual[field];
      const ok = name === "labels" ? (want as string[]).every((l) => (have as string[]).includes(l)) : JSON.stringify(have) === JSON.stringify(want);
      if (!ok) diffs.push(`${label} ${name}:\n      - expected: ${JSON.stringify(want)}${name === "labels" ? " (all present)" : ""}\n      + got:      ${JSON.stringify(have)}`);
    }
  });
  return diffs;
}
