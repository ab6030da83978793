// Which checklist boxes an incident issue shows, and which of them are ticked. Items are filtered
// by severity (a P2 does not list the P0/P1 customer-communication steps) and keyed by their
// position in the policy, so a box keeps its key whatever else is hidden. A box is ticked when a
// person ticked it, or — unless a person unticked it — when its `done_when` happened: the record's
// timeline and timestamps say so, so commands tick boxes without knowing about checklists.
import type { Checklist, ChecklistDoneWhen, ChecklistItem, Policies, Severity } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";

/** Actor of the timeline entries the Action writes itself (see issue-body.ts). */
const BOT = "incident-as-code";

export function checklistKey(checklistId: string, index: number): string {
  return `${checklistId}:${index}`;
}

/** The items of `c` shown for `severity`, with their index in the policy (which their key uses). */
export function visibleItems(c: Checklist, severity: Severity): { index: number; item: ChecklistItem }[] {
  return c.items.map((item, index) => ({ index, item })).filter(({ item }) => item.severities.includes(severity));
}

/** The checklists shown for the record's severity (those with at least one item for it). */
export function applicableChecklists(record: IncidentRecord, policies: Pick<Policies, "checklists">): Checklist[] {
  return policies.checklists.filter((c) => c.severities.includes(record.severity) && visibleItems(c, record.severity).length > 0);
}

const STATUS_ENTRY = /→\s*(\S+)\s*$/;

/** Whether one `done_when` condition holds for the record. Pure. */
export function happened(record: IncidentRecord, when: ChecklistDoneWhen): boolean {
  const t = record.timestamps;
  switch (when) {
    case "acknowledged":
      return t.acknowledged !== null;
    case "mitigated":
      return t.mitigated !== null;
    case "resolved":
      return t.resolved !== null;
    case "investigating":
    case "identified":
    case "monitoring":
      // Status transitions are audited as "from → to" (incident/status.ts).
      return record.timeline.some((e) => e.kind === "status" && STATUS_ENTRY.exec(e.text)?.[1] === when);
    case "severity":
    case "note":
    case "impact":
    case "rootcause":
    case "update":
    case "assign":
    case "commander":
    case "escalation":
      // A command a person used: the Action's own entries (a severity raised by alerts, a timer's
      // escalation) do not count as a responder having done the step.
      return record.timeline.some((e) => e.kind === when && e.actor !== BOT);
  }
}

/**
 * Box state by key for every visible item: what a person set (`record.checklist`) wins, else the
 * item's `done_when`.
 */
export function checklistState(record: IncidentRecord, policies: Pick<Policies, "checklists">): Record<string, boolean> {
  const human = record.checklist ?? {};
  const out: Record<string, boolean> = {};
  for (const c of applicableChecklists(record, policies)) {
    for (const { index, item } of visibleItems(c, record.severity)) {
      const key = checklistKey(c.id, index);
      out[key] = human[key] ?? item.doneWhen.some((w) => happened(record, w));
    }
  }
  return out;
}
