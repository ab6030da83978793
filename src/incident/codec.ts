// The on-disk form of an incident record: stable, reviewable YAML (fixed key order, block scalars
// for long text, no aliases) and a parser that never throws — a record someone broke by hand is
// reported with file:line:column or the offending field, never silently dropped.
import { Document, LineCounter, parseDocument, Scalar, visit } from "yaml";
import { schemaChecker } from "../config/checker.js";
import type { ActionItem, IncidentRecord, RecordedAlert, TimelineEntry } from "./record.js";

export const RECORD_HEADER = " incident-as-code record — edit through slash commands; hand edits are kept";
/** Strings longer than this (or containing a newline) are written as literal block scalars. */
const BLOCK_THRESHOLD = 80;

export function serializeRecord(record: IncidentRecord): string {
  const doc = new Document(ordered(record), { aliasDuplicateObjects: false });
  doc.commentBefore = RECORD_HEADER;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && (node.value.includes("\n") || node.value.length > BLOCK_THRESHOLD)) {
        node.type = Scalar.BLOCK_LITERAL;
      }
    },
  });
  // lineWidth 0: never fold; folding changes nothing semantically but makes diffs noisy.
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

export type ParseResult = { record: IncidentRecord } | { error: string };

/** Parse one record file. `file` is used in messages and must be `…/<id>.yaml` for the record's id. */
export function parseRecord(text: string, file: string): ParseResult {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter, logLevel: "error" });
    const first = doc.errors[0];
    if (first) {
      const pos = lineCounter.linePos(first.pos[0]);
      const where = `${file}:${pos.line}:${pos.col}`;
      return { error: `${where}: ${first.message.split("\n")[0]} (the record is not valid YAML)` };
    }
    let hasAlias = false;
    visit(doc, { Alias: () => ((hasAlias = true), visit.BREAK) });
    if (hasAlias) return { error: `${file}: YAML aliases (*name) are not allowed in incident records` };
    const value: unknown = doc.toJS({ maxAliasCount: 0 });
    const problems = schemaChecker().errors("incident.schema.json", value);
    if (problems.length > 0) return { error: `${file}: ${problems.join("; ")}` };
    const record = value as IncidentRecord;
    const base = file.split("/").pop() ?? file;
    if (base !== `${record.id}.yaml` && base !== `${record.id}.yml`) return { error: `${file}: id ${record.id} does not match the file name (expected ${record.id}.yaml)` };
    return { record };
  } catch (e) {
    return { error: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

// Key order is spelled out once, here, so that diffs between two writes show only what changed.
function ordered(r: IncidentRecord): Record<string, unknown> {
  return {
    schema: r.schema,
    id: r.id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    groupKey: r.groupKey,
    service: r.service,
    component: r.component,
    errorType: r.errorType,
    type: r.type,
    commander: r.commander,
    responders: [...r.responders],
    team: r.team,
    rotation: r.rotation,
    escalationPolicy: r.escalationPolicy,
    alerts: r.alerts.map(orderedAlert),
    timestamps: {
      started: r.timestamps.started,
      detected: r.timestamps.detected,
      acknowledged: r.timestamps.acknowledged,
      mitigated: r.timestamps.mitigated,
      resolved: r.timestamps.resolved,
      closed: r.timestamps.closed,
    },
    impact: { users: r.impact.users, revenue: r.impact.revenue, sla: r.impact.sla, summary: r.impact.summary },
    rootCause: { category: r.rootCause.category, text: r.rootCause.text },
    actionItems: r.actionItems.map(orderedActionItem),
    links: { issue: r.links.issue, postmortemPr: r.links.postmortemPr, postmortemPath: r.links.postmortemPath, openedBy: r.links.openedBy, ...(r.links.claim !== undefined ? { claim: r.links.claim } : {}) },
    escalation: { stepsFired: r.escalation.stepsFired, lastEscalatedAt: r.escalation.lastEscalatedAt },
    ...(r.checklist ? { checklist: Object.fromEntries(Object.entries(r.checklist).sort(([a], [b]) => (a < b ? -1 : 1))) } : {}),
    ...(r.channels ? { channels: [...r.channels] } : {}),
    ...(r.timer ? { timer: { at: r.timer.at, armed: r.timer.armed } } : {}),
    ...(r.notifications ? { notifications: r.notifications.map((n) => ({ key: n.key, event: n.event, channel: n.channel, status: n.status, at: n.at, attempts: n.attempts })) } : {}),
    timeline: r.timeline.map(orderedTimeline),
  };
}

function orderedAlert(a: RecordedAlert): Record<string, unknown> {
  return {
    fingerprint: a.fingerprint,
    source: a.source,
    name: a.name,
    status: a.status,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    receivedAt: a.receivedAt,
    labels: sortedMap(a.labels),
    annotations: sortedMap(a.annotations),
    generatorURL: a.generatorURL,
  };
}

function orderedActionItem(i: ActionItem): Record<string, unknown> {
  return { title: i.title, owner: i.owner, due: i.due, priority: i.priority, source: i.source, issue: i.issue };
}

function orderedTimeline(t: TimelineEntry): Record<string, unknown> {
  return { at: t.at, actor: t.actor, kind: t.kind, text: t.text };
}

function sortedMap(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

