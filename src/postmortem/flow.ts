// The post-mortem door: the post-mortem's life as pure handlers, each returning the changed record
// (null: nothing to change) and the Plan's effects. Resolve → draft PR (branch, PR, the gate's
// first status), PR opened → in review, merge → published and closed, action items opened as
// issues. Status changes go through the state machine like every other door.
import type { Policies } from "../config/types.js";
import { withEntry } from "../incident/draft.js";
import { finishedWrite } from "../incident/finish.js";
import type { ActionItem, IncidentRecord, TimelineEntry } from "../incident/record.js";
import { transition } from "../incident/status.js";
import type { Effect } from "../plan/effects.js";
import { inline, login } from "../render/escape.js";
import { plainTitle } from "../render/title.js";
import { formatDateTime } from "../render/format.js";
import { BOT_ACTOR } from "../render/issue-body.js";
import { evaluateGate } from "./gate.js";
import { generatePostmortem } from "./generate.js";
import { lintPostmortem } from "./lint.js";
import type { History } from "./patterns.js";

export interface HandlerResult {
  record: IncidentRecord | null;
  effects: Effect[];
}

const NOTHING: HandlerResult = { record: null, effects: [] };
const DONE = new Set<IncidentRecord["status"]>(["postmortem-published", "closed"]);

export function postmortemBranch(id: string): string {
  return `postmortem/${id}`;
}

function entry(at: string, text: string, actor = BOT_ACTOR): TimelineEntry {
  return { at, actor, kind: "postmortem", text };
}

/** Moves `record` through `steps` of the state machine; the first refused step stops it (null). */
function moveThrough(record: IncidentRecord, steps: readonly { to: IncidentRecord["status"]; actor: string }[], now: string): IncidentRecord | null {
  let r = record;
  for (const s of steps) {
    if (r.status === s.to) continue;
    const moved = transition(r, s.to, s.actor, now);
    if ("error" in moved) return null;
    r = moved.ok;
  }
  return r;
}

/** GitHub logins become reviewers; `@org/team` entries become team reviewers (the API wants the bare slug). */
export function splitReviewers(names: string[]): { reviewers: string[]; teamReviewers: string[] } {
  const reviewers: string[] = [];
  const teamReviewers: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    const team = /^@?[A-Za-z0-9-]+\/([A-Za-z0-9_.-]+)$/.exec(n);
    const value = team?.[1] ?? n.replace(/^@/, "");
    const id = `${team ? "t" : "u"}:${value.toLowerCase()}`;
    if (value === "" || seen.has(id)) continue;
    seen.add(id);
    (team ? teamReviewers : reviewers).push(value);
  }
  return { reviewers, teamReviewers };
}

export interface ResolvedOptions {
  now: string;
  history: History;
  /** `/postmortem` asks for one even when the severity does not require it. */
  force?: boolean;
}

/**
 * On resolve (or `/postmortem`): the draft post-mortem as a PR. Once the record has a post-mortem
 * path the PR exists or is being opened, so a second resolve (or a re-run) does nothing. A draft
 * recorded by a run that died before its PR opened is opened again (`resume`).
 */
export function onResolved(record: IncidentRecord, policies: Policies, opts: ResolvedOptions & { resume?: boolean }): HandlerResult {
  const resuming = opts.resume === true && record.status === "postmortem-draft" && record.links.postmortemPr === null && record.links.postmortemPath !== null;
  if (!resuming && (record.links.postmortemPath || record.links.postmortemPr !== null || DONE.has(record.status))) return NOTHING;
  if (!resuming && !opts.force && !policies.postmortem.requiredFor.includes(record.severity)) return NOTHING;
  const pm = generatePostmortem(record, policies, { now: opts.now, history: opts.history });
  const r = policies.postmortem.reviewers;
  const owners = r.serviceOwners ? (policies.services[record.service]?.owners ?? []) : [];
  const { reviewers, teamReviewers } = splitReviewers([...(r.commander && record.commander ? [record.commander] : []), ...owners, ...r.extra]);
  // A squash merge copies this title into the commit: references in it must not close or link anything.
  const title = plainTitle(`Post-mortem: ${record.id} ${record.title}`);
  const issue = record.links.issue;
  const body = [
    `Post-mortem of incident ${record.id}${issue !== null ? ` (#${issue})` : ""}: ${inline(record.title, 300)}.`,
    "",
    `The draft is \`${pm.path}\`, generated from the incident record. Replace every _TODO:_ line, check the front matter and the action items, and approve.`,
    `The review gate (status \`incident-as-code/postmortem\`) needs ${policies.postmortem.reviewers.approvals[record.severity]} approval(s) from the required reviewers.`,
    "Merging publishes it, opens its action items as issues and closes the incident.",
    "",
    "_If this PR was opened with the workflow's `GITHUB_TOKEN`, GitHub starts no CI for it until a maintainer approves the run; configure the Action's GitHub App token input to have CI run by itself._",
  ].join("\n");
  let updated: IncidentRecord | null = record;
  if (!resuming) {
    updated = moveThrough(record, [{ to: "postmortem-draft", actor: BOT_ACTOR }], opts.now);
    if (!updated) return NOTHING;
    updated = withEntry({ ...updated, links: { ...updated.links, postmortemPath: pm.path } }, entry(opts.now, `Post-mortem draft ${pm.path} opened for review${opts.force ? " (requested with /postmortem)" : ""}`));
  }
  const branch = postmortemBranch(record.id);
  // PRs opened with GITHUB_TOKEN start no workflow: the gate's status goes on at once, so the PR
  // shows it is not ready; the comment listing what is missing comes with the first review or push.
  const gate = evaluateGate({ record: updated, policies, reviews: [], lint: lintPostmortem(pm.content, policies), headSha: "", pr: { number: 0, labels: [] } });
  const status = gate.effects.filter((e) => e.kind === "status.set").map((e) => ({ ...e, branch }));
  const effects: Effect[] = [
    ...(resuming ? [] : [finishedWrite(updated, opts.now, policies, `post-mortem draft of ${record.id}`)]),
    { kind: "branch.create", incidentId: record.id, branch, files: [{ path: pm.path, content: pm.content }], reason: `post-mortem draft of ${record.id}` },
    { kind: "pr.create", incidentId: record.id, branch, title, body, reviewers, teamReviewers, reason: `post-mortem for ${record.severity} incident ${record.id}` },
    ...status,
    { kind: "record.settle", incidentId: record.id, reason: `record the post-mortem PR of ${record.id}` },
  ];
  return { record: resuming ? null : updated, effects };
}

/** The PR exists: record its number, move to review, and link it from the incident issue. */
export function onPrOpened(record: IncidentRecord, prNumber: number, opts: { now: string }): HandlerResult {
  if (record.links.postmortemPr === prNumber || DONE.has(record.status)) return NOTHING;
  const moved = moveThrough(record, [{ to: "postmortem-review", actor: BOT_ACTOR }], opts.now) ?? record;
  const updated = withEntry({ ...moved, links: { ...moved.links, postmortemPr: prNumber } }, entry(opts.now, `Post-mortem in review in #${prNumber}`));
  const effects: Effect[] =
    record.links.issue === null ? [] : [{ kind: "issue.comment", incidentId: record.id, issue: record.links.issue, key: "postmortem-pr", body: `The post-mortem is in review: #${prNumber}.`, reason: "link the post-mortem PR" }];
  return { record: updated, effects };
}

export interface MergedOptions {
  now: string;
  gatePassed: boolean;
  mergedBy: string;
  /** Parsed from the merged file (`parseActionItems`): what the reviewers agreed to, not what was generated. */
  actionItemsFromFile: ActionItem[];
}

/**
 * Merge publishes: action items become issues (idempotent by key), the record is published and
 * closed, and the incident issue gets a summary and is closed. A merge that bypassed the gate
 * still publishes — the merge is what happened — but the record and the issue both say so. On a
 * re-run (the record is closed already) the effects are given again, each idempotent.
 */
export function onMerged(record: IncidentRecord, policies: Policies, opts: MergedOptions): HandlerResult {
  const again = DONE.has(record.status);
  const pr = record.links.postmortemPr;
  const path = record.links.postmortemPath ?? "the post-mortem";
  const issue = record.links.issue;
  const bypass = opts.gatePassed ? null : `Post-mortem merged by ${opts.mergedBy} without passing the review gate (gate bypassed)`;
  const items = again
    ? record.actionItems
    : opts.actionItemsFromFile.map((a) => {
        const known = record.actionItems.find((k) => k.title.toLowerCase() === a.title.toLowerCase());
        return { ...a, source: known?.source ?? a.source, issue: known?.issue ?? null };
      });
  let updated: IncidentRecord | null = null;
  if (!again) {
    const entries = [...(bypass ? [entry(opts.now, bypass, opts.mergedBy)] : []), entry(opts.now, `Post-mortem ${path} published${pr !== null ? ` (#${pr})` : ""}; ${items.length} action item(s) opened as issues`, opts.mergedBy)];
    const noted = entries.reduce(withEntry, { ...record, actionItems: items });
    updated = moveThrough(
      noted,
      [
        { to: "postmortem-review", actor: BOT_ACTOR },
        { to: "postmortem-published", actor: opts.mergedBy },
        { to: "closed", actor: BOT_ACTOR },
      ],
      opts.now,
    );
    if (!updated) return NOTHING;
  }
  const effects: Effect[] = updated ? [finishedWrite(updated, opts.now, policies, `post-mortem of ${record.id} published`)] : [];
  effects.push(...items.filter((a) => a.issue === null).map((a) => actionItemEffect(record, a, items.indexOf(a) + 1, path, pr)));
  if (issue !== null) {
    effects.push(
      { kind: "issue.comment", incidentId: record.id, issue, key: "postmortem-published", body: summaryComment(items, path, pr, formatDateTime(opts.now, policies.postmortem.timeZone), opts), reason: "post-mortem published" },
      { kind: "issue.update", incidentId: record.id, issue, state: "closed", stateReason: "completed", reason: "post-mortem published; incident closed" },
    );
  }
  if (effects.some((e) => e.kind === "action-item.create")) effects.push({ kind: "record.settle", incidentId: record.id, reason: `record the action-item issues of ${record.id}` });
  return { record: updated, effects };
}

function actionItemEffect(record: IncidentRecord, a: ActionItem, n: number, path: string, pr: number | null): Effect {
  const assignee = /^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/.exec(a.owner.trim())?.[1];
  const body = [
    `Action item from the post-mortem of incident ${record.id}${record.links.issue !== null ? ` (#${record.links.issue})` : ""}.`,
    "",
    `- Owner: ${inline(a.owner, 100)}`,
    `- Due: ${inline(a.due, 20)}`,
    `- Priority: ${a.priority}`,
    `- Post-mortem: \`${path}\`${pr !== null ? ` (#${pr})` : ""}`,
  ].join("\n");
  return {
    kind: "action-item.create",
    incidentId: record.id,
    key: `action-item:${record.id}:${n}`,
    title: plainTitle(a.title, `Action item ${n} of ${record.id}`),
    body,
    labels: ["action-item", `priority:${a.priority}`],
    assignees: assignee ? [assignee] : [],
    reason: `action item ${n} of post-mortem ${record.id}`,
  };
}

function summaryComment(items: ActionItem[], path: string, pr: number | null, closedAt: string, opts: MergedOptions): string {
  const lines = [
    `### Post-mortem published`,
    "",
    `\`${path}\`${pr !== null ? ` was merged in #${pr}` : " was merged"} by ${login(opts.mergedBy)}. The incident was closed ${closedAt}.`,
  ];
  if (!opts.gatePassed) lines.push("", `> **Review gate bypassed:** ${login(opts.mergedBy)} merged the post-mortem before the review gate passed.`);
  lines.push("", items.length === 0 ? "No action items." : `Action items (${items.length}), each opened as an issue labelled \`action-item\`:`);
  for (const a of items) lines.push(`- ${inline(a.title, 200)} — ${inline(a.owner, 100)}, due ${inline(a.due, 20)}, ${a.priority}`);
  return lines.join("\n");
}
