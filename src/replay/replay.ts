// The replay of a policy change: recorded alerts through the base and head policies (history.ts),
// compared alert by alert; on-call in the coming days compared per rotation (oncall-diff.ts); the
// silences the change adds or removes and what they would cover; and rotation changes that would
// rewrite started shifts. One pure function: policies, records and the time are arguments.
import type { Policies, Silence } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { IncidentRecord } from "../incident/record.js";
import { routeLabels } from "../engine/alert-profile.js";
import { classifyLabels } from "../engine/classify.js";
import { formatMatchers } from "../engine/matchers.js";
import { allSilences, silenceMatches } from "../engine/silence.js";
import { rotationRewrites } from "../oncall/changes.js";
import { recordedAlerts, replayHistory, type HistoryReplay } from "./history.js";
import { oncallDifferences } from "./oncall-diff.js";
import { CHANGE_FIELDS, type AlertComparison, type AlertOutcome, type ChangeField, type ReplayAlert, type ReplayReport, type SilenceChange } from "./types.js";

export interface ReplayInput {
  base: Policies;
  head: Policies;
  records: Iterable<IncidentRecord>;
  /** The time of the comparison (epoch ms): on-call is compared from here, rotation changes judged at it. */
  now: number;
  /** The on-call port over a policy set (src/oncall/port.ts in the product, a stub in tests). */
  onCall: (policies: Policies) => OnCall;
  /** Defaults: the head's review.yaml (replay.alerts, replay.oncall_days). */
  limit?: number;
  oncallDays?: number;
}

export function replayPolicies(input: ReplayInput): ReplayReport {
  const limit = input.limit ?? input.head.review.replay.alerts;
  const days = input.oncallDays ?? input.head.review.replay.oncallDays;
  const { alerts, notReplayed } = recordedAlerts(input.records, limit);
  const base = replayHistory(alerts, input.base, input.onCall(input.base));
  const head = replayHistory(alerts, input.head, input.onCall(input.head));
  const differences = compare(alerts, base, head);
  const counts = Object.fromEntries(CHANGE_FIELDS.map((f) => [f, differences.filter((d) => d.changed.includes(f)).length])) as Record<ChangeField, number>;
  const oncall = oncallDifferences(input.base.rotations, input.head.rotations, input.now, days);
  return {
    replayed: alerts.length,
    from: alerts[0]?.at ?? null,
    to: alerts[alerts.length - 1]?.at ?? null,
    notReplayed,
    counts,
    changedAlerts: differences.length,
    incidents: { base: base.groups.size, head: head.groups.size },
    differences,
    oncall: { from: new Date(input.now).toISOString(), to: new Date(input.now + days * 86_400_000).toISOString(), days, ...oncall },
    silences: silenceChanges(input.base, input.head, alerts),
    rewrites: rotationRewrites(input.base.rotations, input.head.rotations, input.now),
  };
}

function compare(alerts: readonly ReplayAlert[], base: HistoryReplay, head: HistoryReplay): AlertComparison[] {
  const out: AlertComparison[] = [];
  const groupOf = (r: HistoryReplay, o: AlertOutcome, key: string): string[] => (o.incident ? (r.groups.get(o.incident) ?? []).filter((k) => k !== key) : []);
  for (const alert of alerts) {
    const b = base.outcomes.get(alert.key);
    const h = head.outcomes.get(alert.key);
    if (!b || !h) continue;
    const groupedWith = { base: groupOf(base, b, alert.key), head: groupOf(head, h, alert.key) };
    const changed = CHANGE_FIELDS.filter((f) => differs(f, b, h, groupedWith));
    if (changed.length > 0) out.push({ alert, base: b, head: h, groupedWith, changed });
  }
  return out;
}

function differs(field: ChangeField, b: AlertOutcome, h: AlertOutcome, grouped: { base: string[]; head: string[] }): boolean {
  switch (field) {
    case "suppression":
      return b.suppressed !== h.suppressed;
    case "paged":
      return [...b.paged].sort().join(",") !== [...h.paged].sort().join(",");
    case "grouping":
      // Only alerts that open or join an incident under both have a grouping (or a commander) to
      // compare; otherwise the suppression change says it all.
      return b.incident !== null && h.incident !== null && [...grouped.base].sort().join("\n") !== [...grouped.head].sort().join("\n");
    case "commander":
      return b.incident !== null && h.incident !== null && b.commander !== h.commander;
    case "severity":
    case "route":
    case "team":
    case "rotation":
      return b[field] !== h[field];
  }
}

/** Silences and maintenance windows added, removed or edited, with how many replayed alerts their matchers cover. */
function silenceChanges(base: Policies, head: Policies, alerts: readonly ReplayAlert[]): SilenceChange[] {
  const key = (s: Silence): string => `${s.origin}:${s.id}`;
  const shape = (s: Silence): string => JSON.stringify([s.matchers, s.services, s.starts, s.ends, s.owner, s.reason]);
  const before = new Map(allSilences(base).map((s) => [key(s), s]));
  const after = new Map(allSilences(head).map((s) => [key(s), s]));
  const views = alerts.map((a) => {
    const c = classifyLabels(a.alert.labels, head.classification);
    return { labels: routeLabels(a.alert.labels, c), service: c.service };
  });
  const describe = (s: Silence, change: SilenceChange["change"]): SilenceChange => ({
    id: s.id,
    origin: s.origin,
    change,
    starts: s.starts,
    ends: s.ends,
    owner: s.owner,
    reason: s.reason,
    matchers: s.services ? `services ${s.services.join(", ")}` : formatMatchers(s.matchers),
    matching: views.filter((v) => silenceMatches(s, v.labels, v.service)).length,
  });
  const out: SilenceChange[] = [];
  for (const [k, s] of after) {
    const old = before.get(k);
    if (!old) out.push(describe(s, "added"));
    else if (shape(old) !== shape(s)) out.push(describe(s, "changed"));
  }
  for (const [k, s] of before) if (!after.has(k)) out.push(describe(s, "removed"));
  return out;
}
