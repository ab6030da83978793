// Recurring root causes: the requirements' lessons-learned query ("a root-cause category seen more
// than twice in 90 days") over what the repository holds — incident records and the front matter
// of merged post-mortems — and the file that keeps the resulting table in git.
import { stringify } from "yaml";
import { formatDuration } from "../render/format.js";
import type { PostmortemPolicy } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { between } from "../render/format.js";
import { normaliseCategory } from "./facts.js";
import type { FrontMatter } from "./front-matter.js";

export const PATTERNS_PATH = "postmortems/patterns.yaml";

export interface History {
  records: IncidentRecord[];
  /** Front matter of the post-mortems on the default branch (merged, so published). */
  postmortems: FrontMatter[];
}

export type PatternRules = PostmortemPolicy["patterns"];

export interface Pattern {
  category: string;
  occurrences: number;
  lastSeen: string; // ISO start of the latest incident
  services: string[];
  incidents: string[]; // ids, oldest first
  avgDurationMinutes: number | null;
}

interface Occurrence {
  id: string;
  category: string;
  at: string;
  services: string[];
  minutes: number | null;
}

/**
 * One occurrence per incident id. A published post-mortem wins over the record: its category is
 * the one reviewers agreed on. Incidents without a category are not occurrences of anything.
 */
function occurrences(history: History): Occurrence[] {
  const byId = new Map<string, Occurrence>();
  for (const r of history.records) {
    const category = normaliseCategory(r.rootCause.category);
    if (!category) continue;
    const ms = between(r.timestamps.started, r.timestamps.resolved);
    byId.set(r.id, { id: r.id, category, at: r.timestamps.started, services: [r.service], minutes: ms === null ? null : Math.floor(ms / 60_000) });
  }
  for (const fm of history.postmortems) {
    const category = normaliseCategory(fm.root_cause_category);
    const at = fm.started ?? byId.get(fm.incident_id)?.at ?? `${fm.date}T00:00:00Z`;
    if (category) byId.set(fm.incident_id, { id: fm.incident_id, category, at, services: fm.services, minutes: fm.duration_minutes });
    else byId.delete(fm.incident_id);
  }
  return [...byId.values()];
}

/** Categories seen at least `rules.minOccurrences` times in the `rules.window` up to `now`, most frequent first. */
export function findPatterns(history: History, now: string, rules: PatternRules): Pattern[] {
  const inWindow = occurrences(history).filter((o) => {
    const age = between(o.at, now);
    return age !== null && age >= 0 && age <= rules.window;
  });
  const groups = new Map<string, Occurrence[]>();
  for (const o of inWindow) {
    const list = groups.get(o.category);
    if (list) list.push(o);
    else groups.set(o.category, [o]);
  }
  const patterns: Pattern[] = [];
  for (const [category, list] of groups) {
    if (list.length < rules.minOccurrences) continue;
    const sorted = [...list].sort((a, b) => (between(b.at, a.at) ?? 0) || a.id.localeCompare(b.id));
    const minutes = sorted.map((o) => o.minutes).filter((m): m is number => m !== null);
    patterns.push({
      category,
      occurrences: sorted.length,
      lastSeen: sorted[sorted.length - 1]?.at ?? now,
      services: [...new Set(sorted.flatMap((o) => o.services))].sort(),
      incidents: sorted.map((o) => o.id),
      avgDurationMinutes: minutes.length === 0 ? null : Math.round(minutes.reduce((a, b) => a + b, 0) / minutes.length),
    });
  }
  return patterns.sort((a, b) => b.occurrences - a.occurrences || a.category.localeCompare(b.category));
}

/** The pattern `category` belongs to, if it is recurring. */
export function patternFor(category: string | null, history: History, now: string, rules: PatternRules): Pattern | null {
  const id = normaliseCategory(category);
  return id === null ? null : (findPatterns(history, now, rules).find((p) => p.category === id) ?? null);
}

export function describePattern(p: Pattern): string {
  const n = p.services.length;
  return `Recurring issue: ${p.category} affecting ${n} service${n === 1 ? "" : "s"}`;
}

/**
 * postmortems/patterns.yaml: the lessons-learned pattern table, regenerated whole on each publish
 * (so it is a pure function of the history, and re-running a publish rewrites the same bytes).
 */
export function patternsFile(history: History, now: string, rules: PatternRules): { path: string; content: string } {
  const patterns = findPatterns(history, now, rules).map((p) => ({
    category: p.category,
    description: describePattern(p),
    occurrences: p.occurrences,
    last_seen: p.lastSeen,
    avg_duration_minutes: p.avgDurationMinutes,
    services: p.services,
    incidents: p.incidents,
  }));
  const header = [
    "# Recurring root causes (the lessons-learned pattern table), written by incident-as-code on each",
    "# post-mortem publish from incidents/ and postmortems/. Do not edit: it is regenerated whole.",
  ].join("\n");
  const body = stringify({ updated: now, window: formatDuration(rules.window).replace(/ /g, ""), min_occurrences: rules.minOccurrences, patterns }, { lineWidth: 0 });
  return { path: PATTERNS_PATH, content: `${header}\n${body}` };
}
