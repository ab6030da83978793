// Checklist boxes in the incident issue body. The body renders each applicable checklist under a
// `### <title>` heading as `- [ ]` lines (policies/templates/issue-body.njk); responders tick them
// on GitHub, which edits the body. Reading them back by section and position among the items shown
// for the severity (not by text) keeps working when two checklists share an item's wording.
import type { Checklist, Policies, Severity } from "../config/types.js";
import { applicableChecklists as shownChecklists, checklistKey, checklistState, visibleItems } from "../render/index.js";
import type { IncidentRecord } from "./record.js";

const HEADING = /^ {0,3}#{1,6}\s+(.*)$/;
const BOX = /^\s{0,3}[-*+]\s+\[([ xX])\]\s?(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function applicableChecklists(record: IncidentRecord, policies: Policies): Checklist[] {
  return shownChecklists(record, policies);
}

/** Box state found in `body`, by checklistKey; boxes outside our checklists are not reported. */
export function checklistBoxes(body: string, checklists: readonly Checklist[], severity: Severity): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  let section: Checklist | null = null;
  let index = 0;
  let inFence = false;
  for (const line of body.split(/\r\n?|\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) continue;
    const h = HEADING.exec(line);
    if (h) {
      // The renderer escapes titles (`\-`), so compare without backslashes.
      const text = (h[1] ?? "").replace(/\\/g, "");
      section = checklists.find((c) => text === c.title || text.startsWith(`${c.title} (`) || text.startsWith(`${c.title} ·`)) ?? null;
      index = 0;
      continue;
    }
    const b = section ? BOX.exec(line) : null;
    if (!section || !b) continue;
    const shown = visibleItems(section, severity)[index];
    if (shown) out[checklistKey(section.id, shown.index)] = b[1] !== " ";
    index++;
  }
  return out;
}

export interface BoxChange {
  key: string;
  checklist: Checklist;
  index: number;
  ticked: boolean;
}

/** Boxes whose state differs between the old and the new body, and from what the record already has. */
export function boxChanges(oldBody: string, newBody: string, record: IncidentRecord, policies: Policies): BoxChange[] {
  const lists = applicableChecklists(record, policies);
  const before = checklistBoxes(oldBody, lists, record.severity);
  const after = checklistBoxes(newBody, lists, record.severity);
  // What the body showed: a person's ticks, else what the commands used so far ticked.
  const known = checklistState(record, policies);
  const out: BoxChange[] = [];
  for (const c of lists) {
    for (const { index } of visibleItems(c, record.severity)) {
      const key = checklistKey(c.id, index);
      const now = after[key];
      if (now === undefined || now === (before[key] ?? false) || now === (known[key] ?? false)) continue;
      out.push({ key, checklist: c, index, ticked: now });
    }
  }
  return out;
}
