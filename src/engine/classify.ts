// Classification: ordered rules give an alert its severity, service, component, error type,
// incident type and title. The first matching rule decides; with `continue: true` later matching
// rules fill only what earlier ones left unset. Then the fallback labels, then the default severity.
import type { ClassificationPolicy, ClassificationRule, Severity } from "../config/types.js";
import type { Alert } from "../alerts/types.js";
import type { Labels } from "./matchers.js";
import { formatMatchers, matchesAll, ownLabel } from "./matchers.js";
import { fitText } from "../render/limit.js";
import { oneLine } from "../render/title.js";

export interface Classification {
  severity: Severity;
  service: string | null;
  component: string | null;
  errorType: string | null;
  type: string | null;
  title: string;
  rules: string[]; // names of the rules that matched, in order
  reasons: string[];
}

type Field = "service" | "component" | "errorType" | "type";
const FIELDS: readonly Field[] = ["service", "component", "errorType", "type"];

/**
 * A classification before its title: a function of the alert's labels alone, so the engine can
 * share it between alerts whose referenced labels agree (see alert-profile.ts). `titleTemplate` is
 * the first matching rule's title; null means the default title.
 */
export type LabelClassification = Omit<Classification, "title"> & { titleTemplate: string | null };

export function classify(alert: Alert, policy: ClassificationPolicy): Classification {
  const c = classifyLabels(alert.labels, policy);
  return { severity: c.severity, service: c.service, component: c.component, errorType: c.errorType, type: c.type, title: titleOf(alert, c), rules: c.rules, reasons: c.reasons };
}

export function classifyLabels(labels: Labels, policy: ClassificationPolicy): LabelClassification {
  const out: Omit<LabelClassification, "severity"> & { severity: Severity | null } = {
    severity: null,
    service: null,
    component: null,
    errorType: null,
    type: null,
    titleTemplate: null,
    rules: [],
    reasons: [],
  };
  for (const rule of policy.rules) {
    if (!matchesAll(rule.matchers, labels)) continue;
    out.rules.push(rule.name);
    if (out.severity === null) {
      const sev = ruleSeverity(rule, labels);
      if (sev) {
        out.severity = sev.severity;
        out.reasons.push(sev.reason);
      }
    }
    for (const f of FIELDS) if (out[f] === null && rule[f] !== null) out[f] = rule[f];
    if (out.titleTemplate === null && rule.title !== null) out.titleTemplate = rule.title;
    if (!rule.continue) break;
  }
  const fallbackLabels: Record<Field, string[]> = policy.labels;
  for (const f of FIELDS) {
    if (out[f] !== null) continue;
    for (const label of fallbackLabels[f]) {
      const v = ownLabel(labels, label);
      if (v) {
        out[f] = v;
        break;
      }
    }
  }
  if (out.severity === null) {
    out.severity = policy.defaultSeverity;
    out.reasons.push(`${policy.defaultSeverity} by default: no classification rule gave ${labelAlertName(labels)} a severity`);
  }
  if (out.type !== null) out.reasons.push(`incident type ${out.type}`);
  return { ...out, severity: out.severity };
}

/** The title of one alert: only the alert that speaks for a group needs it. */
export function titleOf(alert: Alert, c: Pick<LabelClassification, "titleTemplate" | "service">): string {
  return c.titleTemplate !== null ? renderTitle(c.titleTemplate, alert) : defaultTitle(alert, c.service);
}

function ruleSeverity(rule: ClassificationRule, labels: Labels): { severity: Severity; reason: string } | null {
  const s = rule.severity;
  if (s === null) return null;
  const where = ruleWhere(rule);
  const svc = labels["service"] ? ` (service=${labels["service"]})` : "";
  if (typeof s === "string") return { severity: s, reason: `${s} because rule ${rule.name}${where}${svc}` };
  const value = ownLabel(labels, s.fromLabel);
  if (value === undefined) return null;
  const mapped = s.map[value] ?? s.map[value.toLowerCase()];
  if (!mapped) return null;
  return { severity: mapped, reason: `${mapped} because label ${s.fromLabel}="${value}" maps to ${mapped} (rule ${rule.name})${svc}` };
}

const whereCache = new WeakMap<ClassificationRule, string>();
function ruleWhere(rule: ClassificationRule): string {
  let w = whereCache.get(rule);
  if (w === undefined) whereCache.set(rule, (w = rule.matchers.length ? ` matched ${formatMatchers(rule.matchers)}` : " (matches every alert)"));
  return w;
}

export function alertName(alert: Alert): string {
  return labelAlertName(alert.labels);
}

function labelAlertName(labels: Labels): string {
  return labels["alertname"] ?? "alert";
}

function defaultTitle(alert: Alert, service: string | null): string {
  const summary = alert.annotations["summary"] ?? alert.annotations["title"];
  if (summary) return titleLine(summary);
  return service ? `${alertName(alert)} on ${service}` : alertName(alert);
}

const PLACEHOLDER = /\{\{\s*(labels|annotations)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Titles from rules are repository-authored. Only `{{ labels.NAME }}` and `{{ annotations.NAME }}`
 * are substituted (a missing value is ""): payload text is inserted as a value, never evaluated.
 */
export function renderTitle(template: string, alert: Alert): string {
  return titleLine(template.replace(PLACEHOLDER, (_m, kind: string, name: string) => ownLabel(kind === "labels" ? alert.labels : alert.annotations, name) ?? ""));
}

/** Incident titles are one line of at most 200 characters, cut on a grapheme boundary with "…". */
export const INCIDENT_TITLE_MAX = 200;

function titleLine(text: string): string {
  return fitText(oneLine(text), INCIDENT_TITLE_MAX);
}
