// Which firing alerts Alertmanager would not notify anyone about: those an active silence covers
// (silence.ts: silence files and maintenance windows), those inhibited by an inhibit rule
// (inhibit.ts) and those whose routes are all muted by time intervals at `now`. They open no
// incident and page nobody, but decide() records them with an `alerts.ignore` effect whose reason
// says why, so nothing disappears. Alerts already recorded in an incident are never suppressed:
// their incident keeps following them.
import type { Policies } from "../config/types.js";
import type { Analysed } from "./analyse.js";
import type { OpenIncident } from "./incident-view.js";
import type { RouteMatch } from "./route.js";
import type { Labels } from "./matchers.js";
import { routeLabels } from "./alert-profile.js";
import { classifyLabels } from "./classify.js";
import { inhibitor, type InhibitionSource } from "./inhibit.js";
import { inTimeInterval } from "./time-intervals.js";
import { describeSilence, silencer } from "./silence.js";

export interface Suppression {
  code: "silenced" | "inhibited" | "muted";
  reason: string; // "inhibited by rule node-down: firing alert NodeDown (…)"
}

/**
 * A function telling, for one analysed firing alert, whether and why it is suppressed. Sources of
 * inhibition are the payload's firing alerts and the firing alerts recorded in open incidents
 * (unless the payload brings a newer status of the same episode).
 */
export function suppressor(policies: Policies, analysed: readonly Analysed[], openIncidents: readonly OpenIncident[], now: Date): (a: Analysed) => Suppression | null {
  const rules = policies.inhibitRules ?? [];
  const inhibitedBy = inhibitor(rules, inhibitionSources(policies, analysed, openIncidents));
  const mutedByProfile = new Map<object, Suppression | null>();
  const silencedBy = silencer(policies, now);
  return (a) => {
    if (a.alert.status !== "firing") return null;
    // A silence is a person's explicit, reviewed decision with an owner and a reason: when it
    // applies, it is the reason worth showing, even if a rule or a time interval would also hold.
    const silence = silencedBy(viewOf(a), a.classification.service);
    if (silence) return { code: "silenced", reason: `silenced by ${describeSilence(silence)}` };
    let muted = mutedByProfile.get(a.route);
    if (muted === undefined) mutedByProfile.set(a.route, (muted = mutedAt(a.route.matched, policies, now)));
    if (muted) return muted;
    const hit = rules.length ? inhibitedBy(viewOf(a)) : null;
    return hit ? { code: "inhibited", reason: `inhibited by rule ${hit.rule.name} (${hit.rule.source.file}:${hit.rule.source.line}): ${hit.by.describe}` } : null;
  };
}

/** The labels rules see for this very alert (matchLabels belong to the first alert of its profile). */
function viewOf(a: Analysed): Labels {
  return routeLabels(a.alert.labels, a.classification);
}

function inhibitionSources(policies: Policies, analysed: readonly Analysed[], openIncidents: readonly OpenIncident[]): InhibitionSource[] {
  if (!policies.inhibitRules?.length) return [];
  const out: InhibitionSource[] = [];
  const inPayload = new Set<string>();
  for (const a of analysed) {
    inPayload.add(`${a.alert.fingerprint}\u0000${a.alert.startsAt}`);
    if (a.alert.status === "firing") out.push({ labels: viewOf(a), describe: `firing alert ${a.alert.labels["alertname"] ?? a.alert.fingerprint} (fingerprint ${a.alert.fingerprint}) in this payload` });
  }
  for (const inc of openIncidents) {
    if (inc.status === "resolved") continue;
    for (const e of inc.alerts) {
      if (e.status !== "firing" || !e.labels || inPayload.has(`${e.fingerprint}\u0000${e.startsAt}`)) continue;
      const labels = routeLabels(e.labels, classifyLabels(e.labels, policies.classification));
      out.push({ labels, describe: `firing alert ${e.labels["alertname"] ?? e.fingerprint} (fingerprint ${e.fingerprint}) of incident ${inc.id}` });
    }
  }
  return out;
}

/** Muted when every route the alert ends on is muted at `now` (each would stay silent in Alertmanager). */
function mutedAt(matched: readonly RouteMatch[], policies: Policies, now: Date): Suppression | null {
  const why: string[] = [];
  for (const m of matched) {
    const reason = routeMuted(m, policies, now);
    if (!reason) return null;
    why.push(reason);
  }
  return why.length ? { code: "muted", reason: `muted by ${why.join("; and by ")}` } : null;
}

function routeMuted(m: RouteMatch, policies: Policies, now: Date): string | null {
  const intervals = policies.timeIntervals ?? {};
  const mute = m.muteTimeIntervals.find((name) => intervals[name] && inTimeInterval(intervals[name], now));
  if (mute) return `time interval ${mute} (mute_time_intervals of route ${m.path}) at ${now.toISOString()}`;
  if (m.activeTimeIntervals.length && !m.activeTimeIntervals.some((name) => intervals[name] && inTimeInterval(intervals[name], now))) {
    return `route ${m.path} being outside its active_time_intervals ${m.activeTimeIntervals.join(", ")} at ${now.toISOString()}`;
  }
  return null;
}
