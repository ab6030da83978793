// decide(alerts, policies, openIncidents, now, onCall) → AlertVerdict. Pure: the same inputs give the same
// AlertVerdict. Alerts are classified and routed, deduplicated by episode (fingerprint + startsAt),
// grouped by group key, checked for the cascade and intermittent patterns, and turned into steps
// (open, append, reopen, raise, resolve, note, ignore) that the alerts door carries out through the
// incident operations.
import type { CorrelationPolicy, Policies, Severity } from "../config/types.js";
import type { Alert } from "../alerts/types.js";
import type { OpenIncident } from "./incident-view.js";
import type { OnCall } from "./oncall-port.js";
import type { AlertStep, AlertVerdict } from "./verdict.js";
import type { Analysed } from "./analyse.js";
import type { Cascade, RelatedAlert } from "./correlate.js";
import { analyser, toDecision } from "./analyse.js";
import { componentKey, dependencyComponents, detectCascades, maxFlaps } from "./correlate.js";
import { openIncident } from "./open-incident.js";
import { suppressor, type Suppression } from "./suppress.js";
import { resolveNotifications } from "./notify.js";
import { highest, isHigher } from "./severity.js";

interface Bucket {
  groupKey: string;
  incident: OpenIncident | null;
  items: Analysed[];
  duplicates: Analysed[];
  cascade: Cascade | null;
  related: string[];
}

const episodeKey = (fingerprint: string, startsAt: string): string => `${fingerprint}\u0000${startsAt}`;

export function decide(alerts: readonly Alert[], policies: Policies, openIncidents: readonly OpenIncident[], now: Date, onCall: OnCall): AlertVerdict {
  const nowMs = now.getTime();
  const corr = policies.correlation;
  const analyse = analyser(policies);
  const analysed = alerts.map((a) => analyse(a));

  const episodes = new Map<string, { incident: OpenIncident; status: Alert["status"] }>();
  const history = new Map<string, Set<string>>(); // fingerprint → episode starts, for flapping
  const joinable = new Map<string, OpenIncident>();
  for (const inc of openIncidents) {
    for (const e of inc.alerts) {
      episodes.set(episodeKey(e.fingerprint, e.startsAt), { incident: inc, status: e.status });
      addEpisode(history, e.fingerprint, e.startsAt);
    }
    if (inc.status === "resolved" && !(nowMs - Date.parse(inc.lastAlertAt) <= corr.window)) continue;
    const current = joinable.get(inc.groupKey);
    if (!current || preferred(inc, current)) joinable.set(inc.groupKey, inc);
  }

  const suppressed = suppressor(policies, analysed, openIncidents, now);
  const silent = new Map<string, { code: Suppression["code"]; groupKey: string; items: Analysed[]; reason: string }>();
  const buckets = new Map<string, Bucket>();
  const bucketFor = (groupKey: string, incident: OpenIncident | null): Bucket => {
    const key = incident ? `#${incident.id}` : groupKey;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { groupKey, incident, items: [], duplicates: [], cascade: null, related: [] }));
    return b;
  };
  // Loops over every alert are indexed: for…of allocates an iterator result per step until V8's
  // top tier compiles the loop, which a once-per-payload function seldom reaches.
  for (let i = 0; i < analysed.length; i++) {
    const a = analysed[i] as Analysed;
    const known = episodes.size ? episodes.get(episodeKey(a.alert.fingerprint, a.alert.startsAt)) : undefined;
    if (known) {
      // The episode wins over the group key: a policy edit must not split an incident.
      const b = bucketFor(known.incident.groupKey, known.incident);
      (known.status === a.alert.status ? b.duplicates : b.items).push(a);
    } else {
      const s = suppressed(a);
      if (s) {
        const key = `${s.reason}\u0000${a.groupKey}`;
        let entry = silent.get(key);
        if (!entry) silent.set(key, (entry = { ...s, groupKey: a.groupKey, items: [] }));
        entry.items.push(a);
        continue;
      }
      const inc = joinable.get(a.groupKey) ?? null;
      bucketFor(inc ? inc.groupKey : a.groupKey, inc).items.push(a);
    }
  }

  const ordered = mergeCascades([...buckets.values()], analysed, openIncidents, joinable, policies, nowMs);
  const steps: AlertStep[] = [];
  // Inhibited and muted alerts open nothing and page nobody, and are still recorded.
  for (const e of silent.values()) steps.push({ kind: "alerts.ignore", code: e.code, groupKey: e.groupKey, incidentId: null, alerts: e.items.map((a) => a.alert), reason: `${e.items.length} firing alert(s) of group ${e.groupKey} ${e.reason}` });
  for (const b of ordered) steps.push(...planBucket(b, policies, onCall, now, nowMs, history));
  return { now: now.toISOString(), steps, decisions: analysed.map(toDecision) };
}

/** Active beats resolved; then the most recent alert. */
function preferred(a: OpenIncident, b: OpenIncident): boolean {
  if ((a.status === "resolved") !== (b.status === "resolved")) return b.status === "resolved";
  return a.lastAlertAt > b.lastAlertAt;
}

/** New groups whose services are part of a cascade are merged into one cascade bucket per component. */
function mergeCascades(buckets: Bucket[], analysed: Analysed[], open: readonly OpenIncident[], joinable: Map<string, OpenIncident>, policies: Policies, nowMs: number): Bucket[] {
  if (!policies.correlation.cascade.enabled) return buckets;
  const related: RelatedAlert[] = [];
  for (let i = 0; i < analysed.length; i++) {
    const a = analysed[i] as Analysed;
    const service = a.classification.service;
    if (service && a.alert.status === "firing") related.push({ service, fingerprint: a.alert.fingerprint, startsAt: a.alert.startsAt });
  }
  for (const inc of open) {
    if (!inc.service || inc.status === "resolved") continue;
    for (const e of inc.alerts) if (e.status === "firing") related.push({ service: inc.service, fingerprint: e.fingerprint, startsAt: e.startsAt });
  }
  const components = dependencyComponents(policies.services);
  const cascades = detectCascades(related, components, policies.correlation.cascade, nowMs);
  if (cascades.size === 0) return buckets;
  const out: Bucket[] = [];
  const merged = new Map<string, Bucket>();
  for (const b of buckets) {
    const service = b.items.find((a) => a.alert.status === "firing")?.classification.service;
    const cascade = !b.incident && service ? cascades.get(componentKey(components.get(service) ?? [service])) : undefined;
    if (!cascade) {
      out.push(b);
      continue;
    }
    let target = merged.get(cascade.key);
    if (!target) {
      const incident = joinable.get(cascade.key) ?? null;
      const members = new Set(cascade.services);
      const relatedIds = open.filter((i) => i.status !== "resolved" && i.service && members.has(i.service) && i.groupKey !== cascade.key).map((i) => i.id);
      target = { groupKey: cascade.key, incident, items: [], duplicates: [], cascade, related: relatedIds };
      merged.set(cascade.key, target);
      out.push(target);
    }
    target.items.push(...b.items);
    target.duplicates.push(...b.duplicates);
  }
  return out;
}

function planBucket(b: Bucket, policies: Policies, onCall: OnCall, now: Date, nowMs: number, history: ReadonlyMap<string, ReadonlySet<string>>): AlertStep[] {
  const steps: AlertStep[] = [];
  const corr = policies.correlation;
  const inc = b.incident;
  if (b.duplicates.length) {
    steps.push({
      kind: "alerts.ignore",
      code: "duplicate",
      groupKey: b.groupKey,
      incidentId: inc?.id ?? null,
      alerts: b.duplicates.map((a) => a.alert),
      reason: `${b.duplicates.length} alert(s) already recorded${inc ? ` in incident ${inc.id}` : ""} with the same fingerprint, startsAt and status (a re-sent notification)`,
    });
  }
  if (b.items.length === 0) return steps;
  const firing = b.items.filter((a) => a.alert.status === "firing");
  const flapping = corr.intermittent.enabled ? intermittent(b, history, corr.intermittent, nowMs) : null;
  if (!inc) {
    if (firing.length === 0) {
      steps.push({
        kind: "alerts.ignore",
        code: "resolved-without-incident",
        groupKey: b.groupKey,
        incidentId: null,
        alerts: b.items.map((a) => a.alert),
        reason: `${b.items.length} resolved alert(s) for group ${b.groupKey}, which has no open incident: recorded, nothing to resolve`,
      });
      return steps;
    }
    steps.push(openIncident({ groupKey: b.groupKey, items: b.items, cascade: b.cascade, related: b.related, intermittent: flapping && flapping.flaps >= corr.intermittent.flaps ? flapping : null }, policies, onCall, now));
    return steps;
  }

  if (inc.status === "resolved" && firing.length) {
    steps.push({ kind: "incident.reopen", incidentId: inc.id, groupKey: inc.groupKey, reason: `${firing.length} alert(s) of group ${inc.groupKey} fire again within the correlation window of the resolved incident ${inc.id}` });
  }
  const resolvedCount = b.items.length - firing.length;
  steps.push({
    kind: "incident.append",
    incidentId: inc.id,
    groupKey: inc.groupKey,
    alerts: b.items.map((a) => a.alert),
    reason: `group ${inc.groupKey} already has incident ${inc.id}: ${firing.length} firing and ${resolvedCount} resolved alert(s) added`,
  });

  const floors: Severity[] = [];
  const why: string[] = [];
  if (firing.length) {
    const top = highest(firing.map((a) => a.classification.severity));
    floors.push(top);
    why.push(firing.find((a) => a.classification.severity === top)?.classification.reasons[0] ?? `an alert of severity ${top} joined`);
  }
  if (flapping && flapping.flaps >= corr.intermittent.flaps) {
    floors.push(corr.intermittent.severity);
    why.push(`intermittent: ${flapping.fingerprint} fired again ${flapping.flaps} time(s) within ${corr.intermittent.window / 1000}s`);
  }
  if (b.cascade) {
    floors.push(corr.cascade.severity);
    why.push(b.cascade.reason);
  }
  const target = highest(floors, inc.severity);
  if (isHigher(target, inc.severity)) {
    const first = firing[0];
    const route = policies.routing.bySeverity[target];
    const commander = onCall.commander({ severity: target, type: first?.classification.type ?? null, service: inc.service, team: first?.route.team ?? null, rotation: first?.route.rotation ?? null }, now);
    steps.push({
      kind: "incident.raise-severity",
      incidentId: inc.id,
      groupKey: inc.groupKey,
      from: inc.severity,
      to: target,
      notifications: resolveNotifications(route?.channels ?? [], route?.notify ?? [], { policies, onCall, at: now, rotation: first?.route.rotation ?? null, commander: commander.login }),
      reason: `raised from ${inc.severity} to ${target}: ${why.join("; ")}`,
    });
  } else if (firing.length && isHigher(inc.severity, highest(floors))) {
    // Never silently lower: say so in the reason of the append effect.
    const append = steps[steps.length - 1];
    if (append?.kind === "incident.append") append.reason += `; stays ${inc.severity} (alerts are ${highest(floors)}; severity is never lowered automatically)`;
  }

  if (inc.status !== "resolved" && allResolved(inc, b.items)) {
    if (corr.autoResolve) {
      steps.push({ kind: "incident.resolve", incidentId: inc.id, groupKey: inc.groupKey, reason: `every alert of incident ${inc.id} is resolved and correlation.auto_resolve is on` });
    } else {
      steps.push({
        kind: "incident.note",
        incidentId: inc.id,
        groupKey: inc.groupKey,
        text: "All alerts of this incident are resolved. Confirm recovery and close it with `/resolve`.",
        reason: `every alert of incident ${inc.id} is resolved; correlation.auto_resolve is off, so a person decides`,
      });
    }
  }
  return steps;
}

/** The latest episode of every fingerprint (what the incident knew, updated by this payload) is resolved. */
function allResolved(inc: OpenIncident, items: readonly Analysed[]): boolean {
  const latest = new Map<string, { startsAt: string; status: Alert["status"] }>();
  const see = (fingerprint: string, startsAt: string, status: Alert["status"]): void => {
    const cur = latest.get(fingerprint);
    if (!cur || startsAt > cur.startsAt || (startsAt === cur.startsAt && status === "resolved")) latest.set(fingerprint, { startsAt, status });
  };
  for (const e of inc.alerts) see(e.fingerprint, e.startsAt, e.status);
  for (const a of items) see(a.alert.fingerprint, a.alert.startsAt, a.alert.status);
  return latest.size > 0 && [...latest.values()].every((e) => e.status === "resolved");
}

/** Episodes of the bucket's fingerprints: those recorded in any incident given, plus this payload's. */
function intermittent(b: Bucket, history: ReadonlyMap<string, ReadonlySet<string>>, policy: CorrelationPolicy["intermittent"], nowMs: number): { fingerprint: string; flaps: number } | null {
  // Common case first: no history and no fingerprint twice in this payload means no flapping.
  if (!(history.size > 0 && b.items.some((a) => history.has(a.alert.fingerprint))) && !repeatsFingerprint(b.items)) return null;
  const episodes = new Map<string, Set<string>>();
  for (const a of b.items) {
    if (!episodes.has(a.alert.fingerprint)) episodes.set(a.alert.fingerprint, new Set(history.get(a.alert.fingerprint)));
    addEpisode(episodes, a.alert.fingerprint, a.alert.startsAt);
  }
  return maxFlaps(episodes, policy, nowMs);
}

function repeatsFingerprint(items: readonly Analysed[]): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const fingerprint = (items[i] as Analysed).alert.fingerprint;
    if (seen.has(fingerprint)) return true;
    seen.add(fingerprint);
  }
  return false;
}

function addEpisode(map: Map<string, Set<string>>, fingerprint: string, startsAt: string): void {
  let set = map.get(fingerprint);
  if (!set) map.set(fingerprint, (set = new Set()));
  set.add(startsAt);
}
