// What the schedule job does about silences that ended: one pull request (opened, or updated when
// it is already open) that deletes the expired silence files, and a comment on each open incident
// a silence — or a maintenance window — covered, saying that its alerts page again, with a note in
// its timeline. A silence stops silencing at its `ends` whatever happens to the file (the engine
// reads the time); the pull request only keeps the directory honest. Pure: policies, records, what
// the shell read about the branch, and the time come in; effects come out (the backstop door puts
// them in its Plan).
import type { Policies, Silence } from "../config/types.js";
import { routeLabels } from "../engine/alert-profile.js";
import { classifyLabels } from "../engine/classify.js";
import { formatMatchers } from "../engine/matchers.js";
import { allSilences, silenceMatches } from "../engine/silence.js";
import type { OnCall } from "../engine/oncall-port.js";
import { addComment, because, draftOf, type Draft } from "../incident/draft.js";
import { finish, type Finished } from "../incident/finish.js";
import { note } from "../incident/operations.js";
import type { IncidentRecord } from "../incident/record.js";
import { isActive } from "../incident/status.js";
import type { BranchCommit, PullUpsert } from "../plan/effects.js";
import { cell, cellCode, inline } from "../render/escape.js";
import { BOT_ACTOR } from "../render/index.js";

/** The one branch the cleanup pull request lives on: re-runs update it instead of opening another. */
export const CLEANUP_BRANCH = "incident-as-code/expired-silences";

export interface SilenceCleanup {
  branch: string;
  title: string;
  body: string;
  /** Files to delete on the branch (repository-relative). */
  deletions: string[];
  commitMessage: string;
}

/**
 * What the shell read about the cleanup branch. `openPr`: the open pull request from it, if any.
 * `declined`: when no pull request is open but the branch exists, the files it deletes (relative to
 * where it forked from the base) — a pull request proposing them was closed without merging.
 */
export interface CleanupState {
  /** The branch the policies live on (the repository's default branch): the pull request targets it. */
  base: string;
  openPr: number | null;
  declined: readonly string[];
}

export interface SilenceExpiryNotice {
  incidentId: string;
  issue: number;
  /** With the incident id, names the comment so it is posted once. */
  key: string;
  body: string;
  /** The timeline entry recording that the notice went out (later runs skip incidents that have it). */
  timeline: string;
}

/** Silence files (not maintenance windows: those are the status page's history) whose end has passed. */
export function expiredSilences(policies: Pick<Policies, "silences">, nowMs: number): Silence[] {
  return (policies.silences ?? []).filter((s) => Date.parse(s.ends) <= nowMs).sort((a, b) => a.ends.localeCompare(b.ends) || a.id.localeCompare(b.id));
}

/** The pull request that deletes every expired silence file, or null when none has expired. */
export function silenceCleanup(policies: Pick<Policies, "silences">, nowMs: number): SilenceCleanup | null {
  const expired = expiredSilences(policies, nowMs);
  if (expired.length === 0) return null;
  const rows = expired.map((s) => `| ${cell(s.id, 80)} | ${s.ends} | ${cell(s.owner ?? "-", 40)} | ${cellCode(formatMatchers(s.matchers), 200)} | ${cell(s.reason, 300)} |`);
  const body = [
    `${expired.length} silence(s) under \`policies/silences/\` have ended. They silence nothing any more (a silence stops at its \`ends\`), so their files can go: merging this keeps the directory a list of what is silenced now, and git history keeps who silenced what, and why.`,
    "",
    "| silence | ended | owner | matchers | reason |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "To silence something again, add a new file with a new end rather than editing one of these.",
  ].join("\n");
  return {
    branch: CLEANUP_BRANCH,
    title: `Remove ${expired.length} expired silence(s)`,
    body,
    deletions: expired.map((s) => s.source.file),
    commitMessage: `Remove expired silences: ${expired.map((s) => s.id).join(", ")}`.slice(0, 200),
  };
}

/**
 * The backstop's cleanup step: the effects and why, or null when no silence has expired. `state`
 * undefined: the run did not read the cleanup branch (nothing is proposed, and the reason says so).
 */
export function cleanupStep(policies: Pick<Policies, "silences">, nowMs: number, state: CleanupState | undefined): { effects: (BranchCommit | PullUpsert)[]; reason: string } | null {
  const cleanup = silenceCleanup(policies, nowMs);
  if (!cleanup) return null;
  if (!state) return { effects: [], reason: `${cleanup.deletions.length} expired silence(s) not proposed for removal: the cleanup branch was not read` };
  return cleanupEffects(cleanup, state);
}

/**
 * The effects that carry `cleanup` out on branch `CLEANUP_BRANCH` into `state.base` (the branch the
 * policies live on): delete the files on the branch and open — or update — its pull request. Once
 * people closed such a pull request without merging, the same files are not proposed again (the
 * validation warning stays); a silence that expires later opens a new one.
 */
export function cleanupEffects(cleanup: SilenceCleanup, state: CleanupState): { effects: (BranchCommit | PullUpsert)[]; reason: string } {
  const { base } = state;
  const fresh = cleanup.deletions.filter((f) => !state.declined.includes(f));
  if (state.openPr === null && fresh.length === 0) {
    return { effects: [], reason: `a pull request from ${cleanup.branch} that removed ${cleanup.deletions.join(", ")} was closed without merging; not proposed again` };
  }
  const what = `${cleanup.deletions.length} expired silence(s)`;
  return {
    effects: [
      { kind: "branch.commit", branch: cleanup.branch, base, deletions: cleanup.deletions, message: cleanup.commitMessage, reason: `delete ${what} on ${cleanup.branch}` },
      { kind: "pr.upsert", branch: cleanup.branch, base, title: cleanup.title, body: cleanup.body, reason: state.openPr === null ? `open the pull request that removes ${what}` : `update #${state.openPr}, which removes ${what}` },
    ],
    reason: `${what} to remove`,
  };
}

const noticeText = (s: Silence): string => `${s.origin === "maintenance" ? "maintenance window" : "silence"} ${s.id} ended at ${s.ends}`;

/**
 * A comment for each active incident with an issue that an ended silence (or maintenance window)
 * covered: the incident was open before it ended, and its matchers match one of the incident's
 * alerts. Incidents whose timeline already records the notice are skipped.
 */
export function silenceExpiryNotices(policies: Policies, records: Iterable<IncidentRecord>, nowMs: number): SilenceExpiryNotice[] {
  const ended = allSilences(policies).filter((s) => Date.parse(s.ends) <= nowMs);
  if (ended.length === 0) return [];
  const out: SilenceExpiryNotice[] = [];
  for (const r of records) {
    if (!isActive(r.status) || r.links.issue === null) continue;
    const views = r.alerts.map((a) => {
      const c = classifyLabels(a.labels, policies.classification);
      return { labels: routeLabels(a.labels, c), service: c.service };
    });
    for (const s of ended) {
      if (Date.parse(r.timestamps.detected) >= Date.parse(s.ends)) continue;
      if (!views.some((v) => silenceMatches(s, v.labels, v.service))) continue;
      const timeline = noticeText(s);
      if (r.timeline.some((e) => e.text.startsWith(timeline))) continue;
      const what = s.origin === "maintenance" ? `The maintenance window **${inline(s.id, 80)}** (${inline(s.reason, 200)})` : `The silence **${inline(s.id, 80)}** (owner ${inline(s.owner ?? "-", 40)}: ${inline(s.reason, 300)})`;
      out.push({
        incidentId: r.id,
        issue: r.links.issue,
        key: `silence-expired-${s.origin}-${s.id}-${Date.parse(s.ends)}`,
        body: `${what}, which covered alerts of this incident, ended at ${s.ends}. Alerts it matched open or join incidents and page as usual again.`,
        timeline: `${timeline}: its alerts page again`,
      });
    }
  }
  return out;
}

/**
 * The incident with each of its notices: a timeline note (by which later runs know it was sent)
 * and the comment, through the same ending as every other change (the issue rendered from the
 * record). `notices` are this record's, as silenceExpiryNotices found them on the record read.
 */
export function silenceNoticeOutcome(record: IncidentRecord, notices: readonly SilenceExpiryNotice[], ctx: { policies: Policies; onCall: OnCall; now: string }): Finished {
  let draft: Draft = draftOf(record);
  for (const n of notices) {
    const noted = note(draft, n.timeline, { ...ctx, actor: BOT_ACTOR });
    if ("draft" in noted) draft = addComment(because(noted.draft, n.timeline), { key: n.key, body: n.body, reason: `${n.timeline} (${record.id})` });
  }
  return finish(record, draft, ctx);
}
