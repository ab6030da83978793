// Checklist boxes in the incident issue body. The body renders each applicable checklist under a
// `### <title>` heading as `- [ ]` lines (policies/templates/issue-body.njk); responders tick them
// on GitHub, which edits the body. Reading them back by section and position (not by text) keeps
// working when two checklists share an item's wording.
import type { Checklist, Policies } from "../config/types.js";
import { checklistKey } from "../render/index.js";
import type { IncidentRecord } from "./record.js";

const HEADING = /^ {0,3}#{1,6}\s+(.*)$/;
const BOX = /^\s{0,3}[-*+]\s+\[([ xX])\]\s?(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function applicableChecklists(record: IncidentRecord, policies: Policies): Checklist[] {
  return policies.checklists.filter((c) => c.severities.includes(record.severity));
}

/** Box state found in `body`, by checklistKey; boxes outside our checklists are not reported. */
export function checklistBoxes(body: string, checklists: readonly Checklist[]): Record<string, boolean> {
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
    if (index < section.items.length) out[checklistKey(section.id, index)] = b[1] !== " ";
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
  const before = checklistBoxes(oldBody, lists);
  const after = checklistBoxes(newBody, lists);
  const known = record.checklist ?? {};
  const out: BoxChange[] = [];
  for (const c of lists) {
    c.items.forEach((_item, index) => {
      const key = checklistKey(c.id, index);
      const now = after[key];
      if (now === undefined || now === (before[key] ?? false) || now === (known[key] ?? false)) return;
      out.push({ key, checklist: c, index, ticked: now });
    });
  }
  return out;
}
