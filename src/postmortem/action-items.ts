// Action items: the requirements' rules (deployment root cause → better deployment testing; slow
// detection → more monitoring) applied to a record, merged with items added during the incident,
// and the reverse — reading the (possibly human-edited) action-item table back out of a merged
// post-mortem, because after review the file, not the record, is what the team agreed to.
import { DateTime } from "luxon";
import type { ActionItemRule, Policies } from "../config/types.js";
import type { ActionItem, IncidentRecord } from "../incident/record.js";
import { ZWSP } from "../render/escape.js";
import { dayIn, durations } from "./facts.js";

export const ACTION_ITEMS_HEADING = "Action Items";
export const PRIORITIES = ["High", "Medium", "Low"] as const;

/** Whether `rule` applies to the record: its root cause mentions a word, or detection took too long. */
export function ruleApplies(rule: ActionItemRule, record: IncidentRecord): boolean {
  if ("rootCauseMentions" in rule.when) {
    const text = `${record.rootCause.category ?? ""} ${record.rootCause.text ?? ""}`.toLowerCase();
    // Word starts, so "deploy" matches "deployment" and "deployed" but "release" does not match "prerelease".
    return rule.when.rootCauseMentions.some((w) => new RegExp(`(^|[^a-z0-9])${escapeRegExp(w.toLowerCase())}`).test(text));
  }
  const detect = durations(record).detect;
  return detect !== null && detect > rule.when.detectionLongerThan;
}

/** Due date (YYYY-MM-DD in the post-mortem zone) `ms` after `now`. */
export function dueDate(now: string, ms: number, zone: string): string {
  const at = DateTime.fromISO(now, { setZone: true }).plus({ milliseconds: ms });
  return dayIn(at.toISO() ?? now, zone);
}

/**
 * The record's own items first (they may already have a tracking issue and a named owner), then
 * one per matching rule, due `rule.due` after `now`; titles compared case-insensitively, first wins.
 */
export function actionItemsFor(record: IncidentRecord, policies: Policies, now: string): ActionItem[] {
  const zone = policies.postmortem.timeZone;
  const fromRules = policies.postmortem.actionItemRules
    .filter((r) => ruleApplies(r, record))
    .map((r): ActionItem => ({ title: r.title, owner: r.owner, due: dueDate(now, r.due, zone), priority: r.priority, source: r.name, issue: null }));
  return dedupeByTitle([...record.actionItems, ...fromRules]);
}

export function dedupeByTitle<T extends { title: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = i.title.trim().replace(/\s+/g, " ").toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One row of the action-item table as written: cell text unescaped, with its 1-based line. */
export interface ActionItemRow {
  line: number;
  title: string;
  owner: string;
  due: string;
  priority: string;
}

/**
 * Rows of the table under the "Action Items" heading (until the next heading of the same or a
 * higher level). Columns are found by their header names, so reviewers may reorder them or add
 * one (an "Issue" column, say). Lines inside code fences are not tables.
 */
export function actionItemRows(markdown: string): ActionItemRow[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const rows: ActionItemRow[] = [];
  let level = 0; // heading level of the Action Items section while inside it
  let columns: Record<string, number> | null = null;
  let fence: string | null = null;
  lines.forEach((raw, i) => {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceMatch?.[1]) {
      if (fence === null) fence = fenceMatch[1];
      else if (fenceMatch[1].startsWith(fence)) fence = null;
      return;
    }
    if (fence !== null) return;
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading?.[1]) {
      const n = heading[1].length;
      if (level > 0 && n <= level) level = 0;
      if (level === 0 && sameHeading(heading[2] ?? "", ACTION_ITEMS_HEADING)) {
        level = n;
        columns = null;
      }
      return;
    }
    if (level === 0) return;
    if (!raw.trim().startsWith("|")) {
      columns = null; // the table ended; another one needs its own header row
      return;
    }
    const cells = splitRow(raw);
    if (columns === null) {
      columns = headerColumns(cells);
      return;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c.trim()))) return; // the delimiter row
    const at = (name: string): string => unescapeCell(cells[columns?.[name] ?? -1] ?? "");
    rows.push({ line: i + 1, title: at("title"), owner: at("owner"), due: at("due"), priority: at("priority") });
  });
  return rows;
}

/**
 * The action items of a merged post-mortem, as the reviewers left them. Rows are read as written
 * (a priority is matched case-insensitively and otherwise kept as Medium): the review gate's lint
 * is what enforces their form, and a merge that bypassed it must not silently lose an item.
 */
export function parseActionItems(markdown: string): ActionItem[] {
  return actionItemRows(markdown)
    .filter((r) => r.title !== "")
    .map((r) => ({
      title: r.title,
      owner: r.owner,
      due: r.due,
      priority: PRIORITIES.find((p) => p.toLowerCase() === r.priority.toLowerCase()) ?? "Medium",
      source: "postmortem",
      issue: null,
    }));
}

export function sameHeading(text: string, wanted: string): boolean {
  return unescapeCell(text).replace(/\s+/g, " ").trim().toLowerCase() === wanted.trim().toLowerCase();
}

function headerColumns(cells: string[]): Record<string, number> {
  const columns: Record<string, number> = {};
  cells.forEach((c, i) => {
    const name = c.trim().toLowerCase();
    for (const key of ["title", "owner", "due", "priority"]) {
      if (columns[key] === undefined && (name === key || name.startsWith(`${key} `) || (key === "title" && /^(item|action)/.test(name)))) columns[key] = i;
    }
  });
  return columns;
}

/** Cells of a GFM table row; `\|` is an escaped pipe inside a cell, not a separator. */
function splitRow(row: string): string[] {
  const body = row.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return body.split(/(?<!\\)\|/);
}

/** What a reader sees: our escapes undone (backslashes, entities, the zero width spaces that break mentions). */
function unescapeCell(cell: string): string {
  return cell
    .replaceAll(ZWSP, "")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
