// Classification: ordered rules give an alert its severity, service, component, error type,
// incident type and title. The first matching rule decides; with `continue: true` later matching
// rules fill only what earlier ones left unset. Then the fallback labels, then the default severity.
import type { ClassificationPolicy, ClassificationRule, Severity } from "../config/types.js";
import type { Alert } from "../alerts/types.js";
import { formatMatchers, matchesAll } from "./matchers.js";

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

export function classify(alert: Alert, policy: ClassificationPolicy): Classification {
  const out: Omit<Classification, "title" | "severity"> & { severity: Severity | null; title: string | null } = {
    severity: null,
    service: null,
    component: null,
    errorType: null,
    type: null,
    title: null,
    rules: [],
    reasons: [],
  };
  for (const rule of policy.rules) {
    if (!matchesAll(rule.matchers, alert.labels)) continue;
    out.rules.push(rule.name);
    if (out.severity === null) {
      const sev = ruleSeverity(rule, alert);
      if (sev) {
        out.severity = sev.severity;
        out.reasons.push(sev.reason);
      }
    }
    for (const f of FIELDS) if (out[f] === null && rule[f] !== null) out[f] = rule[f];
    if (out.title === null && rule.title !== null) out.title = renderTitle(rule.title, alert);
    if (!rule.continue) break;
  }
  const fallbackLabels: Record<Field, string[]> = policy.labels;
  for (const f of FIELDS) {
    if (out[f] !== null) continue;
    for (const label of fallbackLabels[f]) {
      const v = alert.labels[label];
      if (v) {
        out[f] = v;
        break;
      }
    }
  }
  if (out.severity === null) {
    out.severity = policy.defaultSeverity;
    out.reasons.push(`${policy.defaultSeverity} by default: no classification rule gave ${alertName(alert)} a severity`);
  }
  if (out.type !== null) out.reasons.push(`incident type ${out.type}`);
  const title = out.title ?? defaultTitle(alert, out.service);
  return { ...out, severity: out.severity, title };
}

function ruleSeverity(rule: ClassificationRule, alert: Alert): { severity: Severity; reason: string } | null {
  const s = rule.severity;
  if (s === null) return null;
  const where = ruleWhere(rule);
  const svc = alert.labels["service"] ? ` (service=${alert.labels["service"]})` : "";
  if (typeof s === "string") return { severity: s, reason: `${s} because rule ${rule.name}${where}${svc}` };
  const value = alert.labels[s.fromLabel];
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
  return alert.labels["alertname"] ?? "alert";
}

function defaultTitle(alert: Alert, service: string | null): string {
  const summary = alert.annotations["summary"] ?? alert.annotations["title"];
  if (summary) return oneLine(summary);
  return service ? `${alertName(alert)} on ${service}` : alertName(alert);
}

const PLACEHOLDER = /\{\{\s*(labels|annotations)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Titles from rules are repository-authored. Only `{{ labels.NAME }}` and `{{ annotations.NAME }}`
 * are substituted (a missing value is ""): payload text is inserted as a value, never evaluated.
 */
export function renderTitle(template: string, alert: Alert): string {
  return oneLine(template.replace(PLACEHOLDER, (_m, kind: string, name: string) => (kind === "labels" ? alert.labels[name] : alert.annotations[name]) ?? ""));
}

function oneLine(text: string): string {
  if (text.length <= 200 && !/\s\s|[\t\n\r\f\v]|^\s|\s$/.test(text)) return text;
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}
