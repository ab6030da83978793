// The completeness lint the review gate and `incident postmortem lint` run on a post-mortem file:
// front matter valid, every required section present and written, no placeholders or template
// syntax left, every action item with an owner, an ISO due date and a priority. Problems carry the
// line a reviewer has to go to.
import { DateTime } from "luxon";
import type { Policies } from "../config/types.js";
import { actionItemRows, PRIORITIES, sameHeading } from "./action-items.js";
import { readFrontMatter, splitDocument, type FrontMatter } from "./front-matter.js";

export interface LintProblem {
  line: number; // 1-based, in the whole file
  message: string;
}

export interface LintResult {
  problems: LintProblem[];
  /** The parsed front matter when it is valid (callers use it for patterns and the gate). */
  frontMatter: FrontMatter | null;
}

interface Heading {
  index: number; // into lines
  level: number;
  text: string;
}

/** `_TODO:` as the template writes it; escaped text from the record (`\_TODO:`) is not a placeholder. */
const PLACEHOLDER = /(?<!\\)_TODO:/;
const TEMPLATE_SYNTAX = /\{\{|\{%/;

export function lintPostmortem(text: string, policies: Pick<Policies, "postmortem">): LintResult {
  const problems: LintProblem[] = [];
  const fm = readFrontMatter(text, "post-mortem");
  for (const i of fm.issues) problems.push({ line: i.line, message: `front matter: ${i.message}` });
  if (fm.frontMatter && fm.frontMatter.root_cause_category === null) {
    problems.push({ line: lineOfKey(text, "root_cause_category"), message: "front matter: `root_cause_category` is not set: name the category (e.g. deployment) so recurring causes are found" });
  }

  const { lines, bodyStart } = splitDocument(text);
  const { headings, prose } = scan(lines, bodyStart);
  problems.push(...sectionProblems(policies.postmortem.requiredSections, headings, prose, lines.length));

  for (const [index, line] of prose) {
    const outsideCode = line.replace(/(`+)[^`]*?\1/g, "");
    if (PLACEHOLDER.test(outsideCode)) problems.push({ line: index + 1, message: `placeholder left: ${placeholderText(outsideCode)}` });
    if (TEMPLATE_SYNTAX.test(outsideCode)) problems.push({ line: index + 1, message: "template syntax left ({{ … }} or {% … %}): replace it with the text it stands for" });
  }

  const body = lines.slice(bodyStart).join("\n");
  for (const row of actionItemRows(body)) problems.push(...rowProblems(row, bodyStart));

  problems.sort((a, b) => a.line - b.line);
  return { problems, frontMatter: fm.frontMatter };
}

/** Headings and the lines outside code fences (as [index, text]), from the body on. */
function scan(lines: string[], from: number): { headings: Heading[]; prose: [number, string][] } {
  const headings: Heading[] = [];
  const prose: [number, string][] = [];
  let fence: string | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f) {
      if (fence === null) fence = f;
      else if (f[0] === fence[0] && f.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h?.[1]) headings.push({ index: i, level: h[1].length, text: h[2] ?? "" });
    prose.push([i, line]);
  }
  return { headings, prose };
}

function sectionProblems(required: string[], headings: Heading[], prose: [number, string][], total: number): LintProblem[] {
  const problems: LintProblem[] = [];
  const proseAt = new Map(prose);
  const found = required.map((name) => headings.findIndex((h) => sameHeading(h.text, name)));
  required.forEach((name, r) => {
    const at = found[r] ?? -1;
    const heading = headings[at];
    if (!heading) {
      // Point at where it belongs: the next required section that is there, else the end of the file.
      const next = found.slice(r + 1).find((i) => i >= 0);
      const before = next === undefined ? undefined : headings[next];
      const where = before ? ` (it belongs before "${before.text}")` : "";
      problems.push({ line: before ? before.index + 1 : total, message: `required section "${name}" is missing${where}` });
      return;
    }
    const end = headings.slice(at + 1).find((h) => h.level <= heading.level)?.index ?? total;
    let filled = false;
    for (let i = heading.index + 1; i < end && !filled; i++) {
      const line = proseAt.get(i);
      // Code blocks count as content; blank lines, sub-headings and HTML comments do not.
      if (line === undefined) filled = true; // inside or fencing a code block
      else filled = line.trim() !== "" && !/^\s*#{1,6}\s/.test(line) && !/^\s*<!--.*-->\s*$/.test(line);
    }
    if (!filled) problems.push({ line: heading.index + 1, message: `required section "${name}" is empty` });
  });
  return problems;
}

function rowProblems(row: { line: number; title: string; owner: string; due: string; priority: string }, offset: number): LintProblem[] {
  const line = row.line + offset;
  const label = row.title ? `action item "${row.title.slice(0, 60)}"` : "action item row";
  const out: LintProblem[] = [];
  if (!row.title) out.push({ line, message: `${label} has no title` });
  if (!row.owner) out.push({ line, message: `${label} has no owner` });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.due) || !DateTime.fromISO(row.due).isValid) {
    out.push({ line, message: `${label} needs a due date as YYYY-MM-DD${row.due ? `, got "${row.due.slice(0, 40)}"` : ""}` });
  }
  if (!(PRIORITIES as readonly string[]).includes(row.priority)) {
    out.push({ line, message: `${label} needs a priority of ${PRIORITIES.join(", ")}${row.priority ? `, got "${row.priority.slice(0, 40)}"` : ""}` });
  }
  return out;
}

function placeholderText(line: string): string {
  const m = /_TODO:\s*(.*?)_?\s*$/.exec(line);
  const what = (m?.[1] ?? "").trim();
  return what ? `"${what.slice(0, 100)}"` : "a _TODO:_ line";
}

function lineOfKey(text: string, key: string): number {
  const i = text.split("\n").findIndex((l) => l.startsWith(`${key}:`));
  return i < 0 ? 1 : i + 1;
}
