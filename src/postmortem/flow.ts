// The post-mortem's life as pure handlers, each returning the changed record (null: nothing to
// change) and the GitHub effects to apply: resolve → draft PR, PR opened → in review, merge →
// published, action items opened as issues, incident closed.
import type { Policies } from "../config/types.js";
import type { GitHubEffect } from "../github/effects.js";
import type { ActionItem, IncidentRecord, TimelineEntry } from "../incident/record.js";
import { inline, login } from "../render/escape.js";
import { plainTitle } from "../render/title.js";
import { formatDateTime } from "../render/format.js";
import { BOT_ACTOR } from "../render/issue-body.js";
import { generatePostmortem } from "./generate.js";
import type { History } from "./patterns.js";

export interface HandlerResult {
  record: IncidentRecord | null;
  effects: GitHubEffect[];
}

const NOTHING: HandlerResult = { record: null, effects: [] };
const DONE = new Set<IncidentRecord["status"]>(["postmortem-published", "closed"]);

export function postmortemBranch(id: string): string {
  return `postmortem/${id}`;
}

function entry(at: string, text: string, actor = BOT_ACTOR): TimelineEntry {
  return { at, actor, kind: "postmortem", text };
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
 * path the PR exists or is being opened, so a second resolve (or a re-run) does nothing.
 */
export function onResolved(record: IncidentRecord, policies: Policies, opts: ResolvedOptions): HandlerResult {
  if (record.links.postmortemPath || record.links.postmortemPr !== null || DONE.has(record.status)) return NOTHING;
  if (!opts.force && !policies.postmortem.requiredFor.includes(record.severity)) return NOTHING;
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
  const updated: IncidentRecord = {
    ...record,
    status: "postmortem-draft",
    links: { ...record.links, postmortemPath: pm.path },
    timeline: [...record.timeline, entry(opts.now, `Post-mortem draft ${pm.path} opened for review${opts.force ? " (requested with /postmortem)" : ""}`)],
  };
  const effect: GitHubEffect = {
    kind: "pr.create",
    incidentId: record.id,
    branch: postmortemBranch(record.id),
    title,
    body,
    reviewers,
    ...(teamReviewers.length > 0 ? { teamReviewers } : {}),
    files: [{ path: pm.path, content: pm.content }],
    reason: `post-mortem for ${record.severity} incident ${record.id}`,
  };
  return { record: updated, effects: [effect] };
}

/** The PR exists: record its number, move to review, and link it from the incident issue. */
export function onPrOpened(record: IncidentRecord, prNumber: number, opts: { now: string }): HandlerResult {
  if (record.links.postmortemPr === prNumber || DONE.has(record.status)) return NOTHING;
  const updated: IncidentRecord = {
    ...record,
    status: "postmortem-review",
    links: { ...record.links, postmortemPr: prNumber },
    timeline: [...record.timeline, entry(opts.now, `Post-mortem in review in #${prNumber}`)],
  };
  const effects: GitHubEffect[] = record.links.issue === null ? [] : [
    { kind: "issue.comment", incidentId: record.id, issue: record.links.issue, key: "postmortem-pr", body: `The post-mortem is in review: #${prNumber}.`, reason: "link the post-mortem PR" },
  ];
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
 * still publishes — the merge is what happened — but the record and the issue both say so.
 */
export function onMerged(record: IncidentRecord, policies: Policies, opts: MergedOptions): HandlerResult {
  if (DONE.has(record.status)) return NOTHING;
  const pr = record.links.postmortemPr;
  const path = record.links.postmortemPath ?? "the post-mortem";
  const issue = record.links.issue;
  const bypass = opts.gatePassed ? null : `Post-mortem merged by ${opts.mergedBy} without passing the review gate (gate bypassed)`;
  const items = opts.actionItemsFromFile.map((a) => {
    const known = record.actionItems.find((k) => k.title.toLowerCase() === a.title.toLowerCase());
    return { ...a, source: known?.source ?? a.source, issue: known?.issue ?? null };
  });

  const effects: GitHubEffect[] = items.map((a, n) => actionItemEffect(record, a, n + 1, path, pr));
  if (issue !== null) {
    effects.push(
      { kind: "issue.comment", incidentId: record.id, issue, key: "postmortem-published", body: summaryComment(items, path, pr, formatDateTime(opts.now, policies.postmortem.timeZone), opts), reason: "post-mortem published" },
      { kind: "issue.update", incidentId: record.id, issue, state: "closed", stateReason: "completed", reason: "post-mortem published; incident closed" },
    );
  }
  const timeline = [
    ...record.timeline,
    ...(bypass ? [entry(opts.now, bypass, opts.mergedBy)] : []),
    entry(opts.now, `Post-mortem ${path} published${pr !== null ? ` (#${pr})` : ""}; ${items.length} action item(s) opened as issues`, opts.mergedBy),
    { at: opts.now, actor: BOT_ACTOR, kind: "status" as const, text: "postmortem-published → closed" },
  ];
  const updated: IncidentRecord = {
    ...record,
    status: "closed",
    actionItems: items,
    timestamps: { ...record.timestamps, closed: opts.now },
    timeline,
  };
  return { record: updated, effects };
}

function actionItemEffect(record: IncidentRecord, a: ActionItem, n: number, path: string, pr: number | null): GitHubEffect {
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
    kind: "issue.create-action-item",
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
