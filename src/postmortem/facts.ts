// What the record says about an incident once it is over, computed the same way for the front
// matter, the rendered sections and the action-item rules: durations, SLA verdicts, the
// customer-impact score, the root-cause category, the services, the date in the declared zone.
import { DateTime } from "luxon";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { between } from "../render/format.js";

export interface Durations {
  /** detected − started: how long the failure ran before we opened an incident (MTTD). */
  detect: number | null;
  /** acknowledged − detected: how long the page waited for a human (MTTA). */
  acknowledge: number | null;
  /** mitigated − started: how long users were hurt before the bleeding stopped. */
  mitigate: number | null;
  /** resolved − started: the whole incident (MTTR and the resolution SLA). */
  resolve: number | null;
}

export function durations(record: IncidentRecord): Durations {
  const t = record.timestamps;
  return {
    detect: between(t.started, t.detected),
    acknowledge: between(t.detected, t.acknowledged),
    mitigate: between(t.started, t.mitigated),
    resolve: between(t.started, t.resolved),
  };
}

export interface SlaVerdict {
  responseTarget: number | null;
  resolutionTarget: number | null;
  responseBreached: boolean | null; // null: not acknowledged (yet), so unknown
  resolutionBreached: boolean | null;
}

/** The severity's SLA targets (Key Metrics: P1 < 15 min response, < 4 h resolution) against what happened. */
export function slaVerdict(record: IncidentRecord, policies: Policies, now: string): SlaVerdict {
  const level = policies.severities[record.severity];
  const d = durations(record);
  const responseTarget = level?.responseTime ?? null;
  const resolutionTarget = level?.resolutionTarget ?? null;
  // An incident still open past its target has breached it already; one inside it is undecided.
  const openFor = between(record.timestamps.started, now);
  const resolution = d.resolve ?? (openFor !== null && resolutionTarget !== null && openFor > resolutionTarget ? openFor : null);
  return {
    responseTarget,
    resolutionTarget,
    responseBreached: d.acknowledge === null || responseTarget === null ? null : d.acknowledge > responseTarget,
    resolutionBreached: resolution === null || resolutionTarget === null ? null : resolution > resolutionTarget,
  };
}

export interface SlaBreach {
  /** true: a target was missed or responders noted a breach; false: both targets met and nothing noted; null: not known yet. */
  breached: boolean | null;
  /** One sentence that agrees with `breached`, e.g. "yes — the P1 resolution target (4h) was missed". */
  summary: string;
}

// A responder's `/impact sla=…` note that reports a breach ("breached", "SLA missed", "violated"),
// unless it denies one ("not breached", "no breach").
const NOTED_BREACH = /\b(breach(ed)?|missed|violat(ed|ion))\b/i;
const NOTED_DENIAL = /\b(no|not|never|without)\b[^.;]*\b(breach(ed)?|missed|violat(ed|ion))\b/i;

/**
 * The one verdict the post-mortem states about the SLA, from the measured targets and what
 * responders noted with `/impact sla=…`, so the text, the front matter (`sla_breached`) and the
 * metrics never disagree: a missed target or a noted breach is a breach.
 */
export function slaBreach(record: IncidentRecord, verdict: SlaVerdict): SlaBreach {
  const note = record.impact.sla?.trim() ?? "";
  const noted = note !== "" && NOTED_BREACH.test(note) && !NOTED_DENIAL.test(note);
  const missed: string[] = [];
  if (verdict.responseBreached === true) missed.push("response");
  if (verdict.resolutionBreached === true) missed.push("resolution");
  const target = (k: string) => `${record.severity} ${k} target`;
  if (missed.length > 0) return { breached: true, summary: `yes — the ${missed.map(target).join(" and the ")} ${missed.length > 1 ? "were" : "was"} missed` };
  if (noted) {
    const measured = verdict.responseBreached === false && verdict.resolutionBreached === false ? "; the recorded times met the response and resolution targets, so the breach is of another commitment" : "";
    return { breached: true, summary: `yes — responders noted a breach during the incident${measured}` };
  }
  if (verdict.responseBreached === false && verdict.resolutionBreached === false) return { breached: false, summary: `no — the ${record.severity} response and resolution targets were met` };
  return { breached: null, summary: "not known yet — the incident has not been acknowledged or resolved" };
}

const SEVERITY_IMPACT: Record<string, number> = { P0: 4, P1: 3, P2: 2, P3: 1 };

/**
 * Customer-impact score 0–5 for the lessons-learned table. The record has no measured impact, so
 * the score is derived from what it does have: the severity sets the base (P0 4, P1 3, P2 2, P3 1)
 * and a breached resolution SLA adds 1. 0 ("no customer impact") is only ever set by a reviewer,
 * who may correct the score in the front matter during review.
 */
export function customerImpactScore(record: IncidentRecord, sla: SlaVerdict): number {
  return Math.min(5, (SEVERITY_IMPACT[record.severity] ?? 1) + (sla.resolutionBreached ? 1 : 0));
}

/** Categories are free text in records ("/rootcause Deployment"); the lessons-learned table needs one id per category. */
export function normaliseCategory(category: string | null | undefined): string | null {
  if (!category) return null;
  const id = ascii(category)
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .slice(0, 50)
    .replace(/^[-_]+|-+$/g, "");
  return id === "" ? null : id;
}

/** Services the incident touched: its own, then known services named by its alerts' `service` labels. */
export function affectedServices(record: IncidentRecord, policies: Policies): string[] {
  const fromAlerts = record.alerts.map((a) => a.labels["service"] ?? "").filter((s) => Object.hasOwn(policies.services, s));
  const all = [record.service, ...fromAlerts].filter((s) => /^[a-z0-9][a-z0-9_-]*$/.test(s));
  return [...new Set(all)];
}

/** The alert source that opened the incident (alertmanager, grafana, alert), or manual when declared by hand. */
export function detectionMethod(record: IncidentRecord): string {
  const first = [...record.alerts].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))[0];
  const source = first?.source ?? "manual";
  return /^[a-z0-9][a-z0-9_-]*$/.test(source) ? source : "manual";
}

/** YYYY-MM-DD of `iso` in `zone` (UTC when the zone is unknown). */
export function dayIn(iso: string, zone: string): string {
  const at = DateTime.fromISO(iso, { setZone: true });
  if (!at.isValid) return iso.slice(0, 10);
  const local = at.setZone(zone);
  return (local.isValid ? local : at.toUTC()).toISODate() ?? iso.slice(0, 10);
}

/** Slug for file names: ASCII letters and digits joined by single dashes, at most `max` characters. */
export function slugify(title: string, max = 40): string {
  const words = ascii(title).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let slug = "";
  for (const w of words) {
    const next = slug === "" ? w : `${slug}-${w}`;
    if (next.length > max) {
      if (slug === "") slug = w.slice(0, max); // one very long word: cut it
      break;
    }
    slug = next;
  }
  return slug === "" ? "incident" : slug;
}

/** Latin letters without their accents; everything else outside ASCII is dropped. */
function ascii(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, " ");
}
