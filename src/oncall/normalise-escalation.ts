// escalation.yaml → per-severity escalation policies and the business-day calendar, and
// oncall/commanders.yaml → the commander assignment rules.
import type { PolicyDocument, Reporter } from "../config/kinds.js";
import { parseDuration } from "../config/duration.js";
import type {
  BusinessCalendar, CommanderRule, EscalationPolicy, EscalationTarget, Policies, Severity,
} from "../config/types.js";
import { SEVERITIES } from "../config/types.js";
import { clockMinutes, weekdayOf } from "./windows.js";
import { isValidZone } from "./zone.js";

type RawTarget = "commander" | { rotation: string; role?: "primary" | "secondary" | "all" } | { team: string; lead?: boolean } | { person: string };
interface RawStep { after: string | number; targets: RawTarget[] }
interface RawPolicy {
  description?: string;
  steps: RawStep[];
  repeat?: number;
  repeat_after?: string;
  fallback?: { after: string; targets: RawTarget[] };
}
interface RawEscalation {
  calendar: { time_zone: string; business_days: string[]; hours: { start: string; end: string }; holidays?: (string | { date: string; name?: string })[] };
  by_severity: Record<Severity, string>;
  policies: Record<string, RawPolicy>;
}

type Path = (string | number)[];
export const NEXT_BUSINESS_DAY = "next business day";

function target(t: RawTarget): EscalationTarget {
  if (t === "commander") return { kind: "commander", id: "" };
  if ("rotation" in t) return { kind: "rotation", id: t.rotation, role: t.role ?? "primary" };
  if ("team" in t) return { kind: "team", id: t.team, lead: t.lead ?? false };
  return { kind: "person", id: t.person };
}

/** "immediate" | "0" | a duration | "next business day" → delay and flag; null if unreadable. */
export function readAfter(after: string | number): { delay: number; nextBusinessDay: boolean } | null {
  const text = String(after).trim().toLowerCase();
  if (text === "immediate" || text === "0") return { delay: 0, nextBusinessDay: false };
  if (text === NEXT_BUSINESS_DAY) return { delay: 0, nextBusinessDay: true };
  const ms = parseDuration(text);
  return ms === null ? null : { delay: ms, nextBusinessDay: false };
}

function readCalendar(raw: RawEscalation["calendar"], doc: PolicyDocument, report: Reporter): BusinessCalendar {
  const at = (...p: Path): ReturnType<PolicyDocument["at"]> => doc.at(["calendar", ...p]);
  let timeZone = raw.time_zone;
  if (!isValidZone(timeZone)) {
    report.error(at("time_zone"), `"${timeZone}" is not an IANA time zone; use a name like America/Los_Angeles`);
    timeZone = "UTC";
  }
  const days: number[] = [];
  raw.business_days.forEach((d, i) => {
    const n = weekdayOf(d);
    if (n === null) report.error(at("business_days", i), `unknown day "${d}": use monday … sunday`);
    else days.push(n);
  });
  if (raw.business_days.length === 0) report.error(at("business_days"), "the calendar has no business days, so \"next business day\" would never come");
  const start = clockMinutes(raw.hours.start);
  const end = clockMinutes(raw.hours.end);
  if (start === null || end === null || start >= end) {
    report.error(at("hours"), `business hours ${raw.hours.start}-${raw.hours.end} must be HH:MM with start before end`);
  }
  const holidays = (raw.holidays ?? []).map((h, i) => {
    const date = typeof h === "string" ? h : h.date;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) report.error(at("holidays", i), `holiday "${date}" is not a date (YYYY-MM-DD)`);
    return date;
  });
  return { timeZone, days: [...new Set(days)].sort((a, b) => a - b), start: raw.hours.start, end: raw.hours.end, holidays };
}

function readPolicy(id: string, raw: RawPolicy, doc: PolicyDocument, report: Reporter): EscalationPolicy {
  const base: Path = ["policies", id];
  const steps = raw.steps.map((s, i) => {
    const after = readAfter(s.after);
    if (!after) report.error(doc.at([...base, "steps", i, "after"]), `step ${i + 1}: after "${s.after}" is not "immediate", "${NEXT_BUSINESS_DAY}" or a duration like 30m or 2h`);
    if (s.targets.length === 0) report.error(doc.at([...base, "steps", i, "targets"]), `step ${i + 1} has no targets, so it would page nobody`);
    return { ...(after ?? { delay: 0, nextBusinessDay: false }), targets: s.targets.map(target) };
  });
  if (steps.length === 0) report.error(doc.at([...base, "steps"]), `escalation policy \`${id}\` has no steps`);
  const repeat = raw.repeat ?? 0;
  let repeatAfter = 0;
  if (repeat > 0) {
    const parsed = raw.repeat_after === undefined ? null : parseDuration(raw.repeat_after);
    if (parsed === null || parsed === 0) report.error(doc.at([...base, raw.repeat_after === undefined ? "repeat" : "repeat_after"]), `escalation policy \`${id}\` repeats, so it needs repeat_after: how long after the last step to start again (e.g. 30m)`);
    repeatAfter = parsed ?? 0;
  }
  const fallbackDelay = raw.fallback ? parseDuration(raw.fallback.after) : 0;
  if (fallbackDelay === null) report.error(doc.at([...base, "fallback", "after"]), `fallback after "${raw.fallback?.after}" is not a duration like 30m`);
  return {
    id,
    description: raw.description ?? "",
    steps,
    repeat,
    repeatAfter,
    fallback: (raw.fallback?.targets ?? []).map(target),
    fallbackDelay: fallbackDelay ?? 0,
    source: doc.at(base),
  };
}

export function normaliseEscalation(doc: PolicyDocument, report: Reporter): Pick<Policies, "escalation"> {
  const raw = doc.value as RawEscalation;
  const policies: Record<string, EscalationPolicy> = {};
  for (const [id, p] of Object.entries(raw.policies)) policies[id] = readPolicy(id, p, doc, report);
  const bySeverity = { ...raw.by_severity };
  for (const s of SEVERITIES) {
    const id = bySeverity[s];
    if (!policies[id]) report.error(doc.at(["by_severity", s]), `${s}: no escalation policy \`${id}\` (defined: ${Object.keys(policies).join(", ")})`);
  }
  return { escalation: { policies, bySeverity, calendar: readCalendar(raw.calendar, doc, report) } };
}

type RawRole = "security-lead" | "senior-engineer-on-call" | "senior-on-call" | "primary-on-call" | "commander-rotation";
interface RawCommanders {
  rotation: string;
  security_lead_team: string;
  rules: { if?: { type?: string; severity?: Severity | Severity[] }; assign: RawRole | { person: string } }[];
}

export function normaliseCommanders(doc: PolicyDocument, report: Reporter): Pick<Policies, "commanders"> {
  const raw = doc.value as RawCommanders;
  const rules: CommanderRule[] = raw.rules.map((r) => {
    const cond = r.if === undefined ? null : {
      ...(r.if.type === undefined ? {} : { type: r.if.type }),
      ...(r.if.severity === undefined ? {} : { severity: typeof r.if.severity === "string" ? [r.if.severity] : r.if.severity }),
    };
    const assign: CommanderRule["assign"] = typeof r.assign === "object"
      ? { kind: "person", login: r.assign.person }
      : { kind: "role", role: r.assign === "senior-engineer-on-call" ? "senior-on-call" : r.assign };
    return { if: cond, assign };
  });
  const catchAll = rules.findIndex((r) => r.if === null);
  if (catchAll < 0) report.warn(doc.at(["rules"]), "no rule without `if`: incidents that match no rule get no commander; end with `- assign: primary-on-call`");
  else if (catchAll < rules.length - 1) report.error(doc.at(["rules", catchAll + 1]), `rule ${catchAll + 2} is unreachable: rule ${catchAll + 1} has no \`if\` and matches every incident`);
  return { commanders: { rotation: raw.rotation, securityLead: raw.security_lead_team, rules } };
}
