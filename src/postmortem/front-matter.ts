// The YAML front matter of a post-mortem (schemas/postmortem-doc.schema.json): the machine-readable
// row of the requirements' lessons-learned table, kept in the same file the humans review so that
// the table can never drift from the document.
import { stringify } from "yaml";
import { parsePolicyYaml } from "../config/document.js";
import type { PolicyIssue } from "../config/kinds.js";
import { schemaChecker } from "../config/checker.js";
import type { Policies, Severity } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { affectedServices, customerImpactScore, dayIn, detectionMethod, normaliseCategory, slaBreach, slaVerdict } from "./facts.js";
import { clean, clip, ZWSP } from "../render/escape.js";
import { between } from "../render/format.js";

export const FRONT_MATTER_SCHEMA = "postmortem-doc.schema.json";

export interface FrontMatter {
  incident_id: string;
  title: string;
  severity: Severity;
  status: "draft" | "review" | "published";
  date: string; // YYYY-MM-DD
  started?: string;
  resolved?: string | null;
  duration_minutes: number;
  services: string[];
  root_cause_category: string | null;
  tags: string[];
  detection_method: string;
  customer_impact_score: number;
  sla_breached?: boolean;
  commander?: string | null;
}

/** The front matter for `record` as generated; `now` closes the duration of a still-open incident. */
export function buildFrontMatter(record: IncidentRecord, policies: Policies, now: string): FrontMatter {
  const sla = slaVerdict(record, policies, now);
  const category = normaliseCategory(record.rootCause.category);
  const minutes = between(record.timestamps.started, record.timestamps.resolved ?? now) ?? 0;
  const tags = [record.severity.toLowerCase(), record.service, record.component, record.errorType, record.type ?? "", category ?? ""]
    .map((t) => t.trim().slice(0, 100))
    .filter((t) => t !== "");
  return {
    incident_id: record.id,
    // Front matter is data, not markdown, but still shown by GitHub: no control or bidi characters,
    // and no `<!--` that could pass for one of our hidden markers (invariant 4).
    title: clip(clean(record.title).replace(/\s+/g, " ").trim(), 300).replace(/<!--/g, `<${ZWSP}!--`) || record.id,
    severity: record.severity,
    status: "draft",
    date: dayIn(record.timestamps.started, policies.postmortem.timeZone),
    started: record.timestamps.started,
    resolved: record.timestamps.resolved,
    duration_minutes: Math.max(0, Math.floor(minutes / 60_000)),
    services: affectedServices(record, policies),
    root_cause_category: category,
    tags: [...new Set(tags)],
    detection_method: detectionMethod(record),
    customer_impact_score: customerImpactScore(record, sla),
    sla_breached: slaBreach(record, sla).breached === true,
    commander: record.commander === null ? null : clean(record.commander),
  };
}

/** `---\n<yaml>---\n`: the block the document starts with. Strings are quoted by the YAML library, never by hand. */
export function frontMatterBlock(fm: FrontMatter): string {
  return `---\n${stringify(fm, { lineWidth: 0 })}---\n`;
}

export interface SplitDocument {
  /** The YAML between the fences, or null when the document does not start with one. */
  yaml: string | null;
  /** 1-based line of the first YAML line (the line after the opening `---`). */
  yamlLine: number;
  /** Lines of the whole document (LF), for reporting positions. */
  lines: string[];
  /** Index into `lines` of the first body line (after the closing `---`). */
  bodyStart: number;
}

export function splitDocument(text: string): SplitDocument {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trimEnd() !== "---") return { yaml: null, yamlLine: 1, lines, bodyStart: 0 };
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return { yaml: null, yamlLine: 2, lines, bodyStart: 0 };
  return { yaml: lines.slice(1, end).join("\n"), yamlLine: 2, lines, bodyStart: end + 1 };
}

export type FrontMatterResult = { frontMatter: FrontMatter; issues: [] } | { frontMatter: null; issues: PolicyIssue[] };

/** Parses and validates the front matter of a post-mortem; issue lines are lines of the whole file. */
export function readFrontMatter(text: string, file: string): FrontMatterResult {
  const split = splitDocument(text);
  if (split.yaml === null) {
    const message = split.yamlLine === 1 ? "the post-mortem must start with YAML front matter (a line `---`)" : "the front matter is not closed by a line `---`";
    return { frontMatter: null, issues: [{ level: "error", file, line: 1, column: 1, message }] };
  }
  const shift = (i: PolicyIssue): PolicyIssue => ({ ...i, file, line: i.line + split.yamlLine - 1 });
  const parsed = parsePolicyYaml(file, split.yaml);
  if (!parsed.doc) return { frontMatter: null, issues: parsed.issues.map(shift) };
  const issues = schemaChecker().check(FRONT_MATTER_SCHEMA, parsed.doc).map(shift);
  if (issues.length > 0) return { frontMatter: null, issues };
  return { frontMatter: parsed.doc.value as FrontMatter, issues: [] };
}
