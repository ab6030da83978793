// Generation: an incident record → postmortems/<id>-<slug>.md, YAML front matter plus the
// body rendered from the repository's post-mortem template. Pure: time and history are arguments.
import type { Policies } from "../config/types.js";
import type { ActionItem, IncidentRecord } from "../incident/record.js";
import { ZWSP } from "../render/escape.js";
import { rendererFor, trusted, type Trusted } from "../render/env.js";
import { between, formatDateTime, formatDuration } from "../render/format.js";
import { recordPath } from "../incident/paths.js";
import { BOT_ACTOR } from "../render/issue-body.js";
import { actionItemsFor } from "./action-items.js";
import { durations, slaBreach, slaVerdict, slugify, type SlaVerdict } from "./facts.js";
import { buildFrontMatter, frontMatterBlock, type FrontMatter } from "./front-matter.js";
import { describePattern, patternFor, type History, type Pattern } from "./patterns.js";

export interface GenerateOptions {
  now: string; // ISO; due dates count from here, and an open incident's duration runs to here
  history: History;
  timelineLimit?: number; // default 500: a post-mortem is read whole, but must stay reviewable
}

export interface GeneratedPostmortem {
  path: string;
  content: string;
  frontMatter: FrontMatter;
  actionItems: ActionItem[];
  pattern: Pattern | null;
}

/** `postmortems/<id>-<slug>.md`: the id already starts with the incident's date (YYYY-MM-DD-NNN). */
export function postmortemPath(record: IncidentRecord): string {
  return `postmortems/${record.id}-${slugify(record.title)}.md`;
}

export function generatePostmortem(record: IncidentRecord, policies: Policies, opts: GenerateOptions): GeneratedPostmortem {
  const frontMatter = buildFrontMatter(record, policies, opts.now);
  const actionItems = actionItemsFor(record, policies, opts.now);
  // The incident being written up counts towards its own pattern ("the third time in 90 days").
  const history = { ...opts.history, records: [...opts.history.records.filter((r) => r.id !== record.id), record] };
  const pattern = patternFor(record.rootCause.category, history, opts.now, policies.postmortem.patterns);
  const context = postmortemContext(record, policies, { ...opts, frontMatter, actionItems, pattern });
  const body = rendererFor(policies).render(policies.postmortem.template, defuse(context));
  const content = `${frontMatterBlock(frontMatter)}\n${body.trim()}\n`;
  return { path: postmortemPath(record), content, frontMatter, actionItems, pattern };
}

export interface ContextOptions extends GenerateOptions {
  frontMatter: FrontMatter;
  actionItems: ActionItem[];
  pattern: Pattern | null;
}

/** The variables the post-mortem template sees. Strings are raw and escaped on output. */
export function postmortemContext(record: IncidentRecord, policies: Policies, opts: ContextOptions): Record<string, unknown> {
  const zone = policies.postmortem.timeZone;
  const at = (iso: string | null): string => (iso ? formatDateTime(iso, zone) : "");
  const level = policies.severities[record.severity];
  const d = durations(record);
  const sla = slaVerdict(record, policies, opts.now);
  const success = policies.metrics.success;
  const timeline = timelineEvents(record, zone);
  const limit = opts.timelineLimit ?? 500;
  return {
    id: record.id,
    title: record.title,
    severity: record.severity,
    severity_name: level?.name ?? record.severity,
    service_name: policies.services[record.service]?.name ?? record.service,
    commander: record.commander ?? "",
    issue: record.links.issue ?? "",
    started: at(record.timestamps.started),
    detected: at(record.timestamps.detected),
    resolved: at(record.timestamps.resolved),
    duration: took(between(record.timestamps.started, record.timestamps.resolved ?? opts.now)),
    time_zone: trusted(zone), // policy text
    summary: record.impact.summary ?? "",
    impact: { users: record.impact.users ?? "", revenue: record.impact.revenue ?? "", sla: record.impact.sla ?? "" },
    sla: slaView(record, sla, d),
    impact_score: opts.frontMatter.customer_impact_score,
    services: opts.frontMatter.services.map((s) => policies.services[s]?.name ?? s),
    timeline: timeline.slice(-limit),
    timeline_omitted: Math.max(0, timeline.length - limit),
    record_path: recordPath(record.id),
    durations: { detect: took(d.detect), acknowledge: took(d.acknowledge), mitigate: took(d.mitigate), resolve: took(d.resolve) },
    // Generated here from policy numbers only, so shown as written (no escaping of "<" or "(").
    targets: {
      detect: trusted(`< ${formatDuration(success.mttdMax)} (MTTD)`),
      acknowledge: trusted(`< ${formatDuration(level?.responseTime ?? success.mttaMax)} (${record.severity} response)`),
      mitigate: trusted(`< ${formatDuration(success.mttrMax)} (MTTR)`),
      resolve: level ? trusted(`< ${formatDuration(level.resolutionTarget)} (${record.severity} resolution)`) : "",
    },
    root_cause: record.rootCause.text ?? "",
    root_cause_category: opts.frontMatter.root_cause_category ?? "",
    pattern: opts.pattern && {
      description: describePattern(opts.pattern),
      occurrences: opts.pattern.occurrences,
      window: formatDuration(policies.postmortem.patterns.window),
      incidents: opts.pattern.incidents,
      last_seen: at(opts.pattern.lastSeen),
    },
    ...judgements(record, policies, sla, d, opts.pattern),
    action_items: opts.actionItems.map((a) => ({ title: a.title, owner: a.owner, due: a.due, priority: a.priority })),
  };
}

function took(ms: number | null): string {
  return ms === null ? "not recorded" : formatDuration(ms);
}

function slaView(record: IncidentRecord, sla: SlaVerdict, d: ReturnType<typeof durations>): Record<string, unknown> {
  const verdict = (breached: boolean | null, ms: number | null, verb: string): string =>
    breached === null ? (ms === null ? `not ${verb} yet` : `${verb} after ${formatDuration(ms)}`) : `${breached ? "missed" : "met"}, ${verb} after ${formatDuration(ms ?? 0)}`;
  return {
    summary: slaBreach(record, sla).summary,
    breached: sla.resolutionBreached === true,
    response_target: sla.responseTarget === null ? "none" : formatDuration(sla.responseTarget),
    resolution_target: sla.resolutionTarget === null ? "none" : formatDuration(sla.resolutionTarget),
    response: verdict(sla.responseBreached, d.acknowledge, "acknowledged"),
    resolution: verdict(sla.resolutionBreached, d.resolve, "resolved"),
  };
}

/** Facts from the record that belong under "what went well / wrong"; the humans add the rest. */
function judgements(record: IncidentRecord, policies: Policies, sla: SlaVerdict, d: ReturnType<typeof durations>, pattern: Pattern | null): { went_well: Trusted[]; went_wrong: Trusted[] } {
  const well: string[] = [];
  const wrong: string[] = [];
  const mttd = policies.metrics.success.mttdMax;
  if (d.detect !== null) (d.detect <= mttd ? well : wrong).push(`Detection took ${formatDuration(d.detect)} (target < ${formatDuration(mttd)}).`);
  if (sla.responseBreached !== null) (sla.responseBreached ? wrong : well).push(`Acknowledged ${formatDuration(d.acknowledge ?? 0)} after detection (${record.severity} target < ${formatDuration(sla.responseTarget ?? 0)}).`);
  if (sla.resolutionBreached !== null && d.resolve !== null) (sla.resolutionBreached ? wrong : well).push(`Resolved ${formatDuration(d.resolve)} after the start (${record.severity} target < ${formatDuration(sla.resolutionTarget ?? 0)}).`);
  const escalations = record.timeline.filter((e) => e.kind === "escalation").length;
  if (escalations > 0) wrong.push(`The incident was escalated ${escalations} time${escalations === 1 ? "" : "s"}.`);
  if (pattern) wrong.push(`This root cause has recurred: ${pattern.occurrences} ${pattern.category} incidents in the pattern window.`);
  // Durations, targets and the normalised category only: nothing here came from a payload.
  return { went_well: well.map((w) => trusted(w)), went_wrong: wrong.map((w) => trusted(w)) };
}

interface TimelineView {
  time: string;
  actor: string;
  bot: boolean;
  kind: string;
  text: string;
}

/** Alert episodes (from the monitors' own start and end times) and the record's timeline, in time order. */
export function timelineEvents(record: IncidentRecord, zone: string): TimelineView[] {
  const events: { at: string; order: number; view: Omit<TimelineView, "time"> }[] = [];
  // `bot`: the actor is not a person (the Action, or an alert source), so it is shown without an @.
  const push = (at: string, actor: string, bot: boolean, kind: string, text: string): void => {
    events.push({ at, order: events.length, view: { actor, bot, kind, text } });
  };
  for (const a of record.alerts) {
    const summary = a.annotations["summary"] ?? a.annotations["description"] ?? "";
    push(a.startsAt, a.source, true, "alert", `${a.name} started firing${summary ? `: ${summary}` : ""}`);
    if (a.endsAt) push(a.endsAt, a.source, true, "alert", `${a.name} resolved`);
  }
  for (const e of record.timeline) push(e.at, e.actor, e.actor === BOT_ACTOR, e.kind, e.text);
  // Invalid times sort last rather than throw: a hand-edited record must still render.
  const ms = (iso: string): number => {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
  };
  events.sort((x, y) => ms(x.at) - ms(y.at) || x.order - y.order);
  return events.map((e) => ({ time: formatDateTime(e.at, zone), ...e.view }));
}

/**
 * Untrusted strings reach the template as values (never as template source), so `{{` in them is
 * inert. But the lint rejects a post-mortem with template syntax left over, so break the braces
 * with a zero width space to keep hostile alert text from failing an honest post-mortem.
 */
function defuse<T>(value: T): T {
  if (typeof value === "string") return value.replace(/\{(?=[{%#])/g, `{${ZWSP}`) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => defuse(v)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, defuse(v)])) as T;
  }
  return value;
}
