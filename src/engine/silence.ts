// Silences, as Alertmanager's silencer applies them: a firing alert that every matcher of an
// active silence matches (starts <= now < ends) is silenced. Two kinds of file hold them —
// policies/silences/*.yaml, and maintenance windows in maintenance.yaml, which silence the alerts
// classified to their services — and both are one Silence here, so one rule applies to both. Pure.
import type { MaintenanceWindow, Policies, Silence } from "../config/types.js";
import type { Labels } from "./matchers.js";
import { formatMatchers, matchesAll } from "./matchers.js";

/** A maintenance window as the silence it implies (null when it does not silence alerts). */
export function maintenanceSilence(w: MaintenanceWindow): Silence | null {
  if (!w.silenceAlerts) return null;
  return { id: w.id, origin: "maintenance", matchers: [], services: w.services, starts: w.starts, ends: w.ends, owner: null, reason: w.title, link: null, source: w.source };
}

/** Every silence the policies hold: silence files first, then maintenance windows, each by start. */
export function allSilences(policies: Pick<Policies, "silences" | "maintenance">): Silence[] {
  const fromMaintenance = (policies.maintenance ?? []).map(maintenanceSilence).filter((s): s is Silence => s !== null);
  return [...(policies.silences ?? []), ...fromMaintenance];
}

/** Active at `nowMs`: starts <= now < ends (Alertmanager's silence is active from startsAt until endsAt). */
export function isActive(s: Silence, nowMs: number): boolean {
  return Date.parse(s.starts) <= nowMs && nowMs < Date.parse(s.ends);
}

/**
 * Whether `s` covers an alert whose labels, as routes see them (classification's `__service` and
 * the rest included), are `labels`, whatever the time. `service` is the alert's classified service.
 */
export function silenceMatches(s: Silence, labels: Labels, service: string | null): boolean {
  if (s.services !== null && (service === null || !s.services.includes(service))) return false;
  return matchesAll(s.matchers, labels);
}

/** "silence db-failover-drill (policies/silences/db-failover-drill.yaml, owner dana, until …): reason" */
export function describeSilence(s: Silence): string {
  if (s.origin === "maintenance") {
    return `maintenance window ${s.id} (${s.source.file}:${s.source.line}, services ${(s.services ?? []).join(", ")}, until ${s.ends}): ${s.reason}`;
  }
  const what = formatMatchers(s.matchers);
  return `silence ${s.id} (${s.source.file}, ${what}, owner ${s.owner ?? "-"}, until ${s.ends}): ${s.reason}${s.link ? ` — ${s.link}` : ""}`;
}

/** The first active silence covering the alert, in the order of allSilences, or null. */
export function silencer(policies: Pick<Policies, "silences" | "maintenance">, now: Date): (labels: Labels, service: string | null) => Silence | null {
  const nowMs = now.getTime();
  const active = allSilences(policies).filter((s) => isActive(s, nowMs));
  if (active.length === 0) return () => null;
  return (labels, service) => active.find((s) => silenceMatches(s, labels, service)) ?? null;
}
