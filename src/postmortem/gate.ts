// The post-mortem review gate: a post-mortem PR passes when the file lints clean and enough of
// the required reviewers approve its current state. Reported as a commit status, one PR comment
// that is edited in place, and the `postmortem:approved` label. Pure: reviews come in as data.
import type { Policies } from "../config/types.js";
import type { PullEffect } from "../plan/effects.js";
import type { IncidentRecord } from "../incident/record.js";
import { inline, login } from "../render/escape.js";
import { statusDescription as fitDescription } from "../render/title.js";
import type { LintResult } from "./lint.js";

export const GATE_CONTEXT = "incident-as-code/postmortem";
export const GATE_COMMENT_KEY = "postmortem-gate";
export const APPROVED_LABEL = "postmortem:approved";

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";

export interface Review {
  user: string;
  state: ReviewState;
  submittedAt: string; // ISO
}

export interface GateInput {
  record: IncidentRecord;
  policies: Policies;
  reviews: Review[];
  lint: Pick<LintResult, "problems">;
  headSha: string;
  pr: { number: number; labels: string[] };
  /** Members of required `@org/team` reviewers, when the caller looked them up; a member's approval counts for the team. */
  teamMembers?: Record<string, string[]>;
}

export interface GateResult {
  passed: boolean;
  missing: string[];
  effects: PullEffect[];
}

const key = (user: string): string => user.replace(/^@/, "").toLowerCase();

/** Who must review: the commander (if the policy says so), the owners of the service, and the extra reviewers. */
export function requiredReviewers(record: IncidentRecord, policies: Policies): string[] {
  const r = policies.postmortem.reviewers;
  const people = [
    ...(r.commander && record.commander ? [record.commander] : []),
    ...(r.serviceOwners ? (policies.services[record.service]?.owners ?? []) : []),
    ...r.extra,
  ];
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(key(p)) && seen.add(key(p)));
}

/**
 * Each user's review that decides their stance: the latest by time that is not a plain comment.
 * GitHub works the same way — a comment after an approval leaves the approval standing, while a
 * dismissal (the review's state becomes DISMISSED) or a later request for changes replaces it.
 */
export function latestReviews(reviews: Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  reviews.forEach((r) => {
    if (r.state === "COMMENTED") return;
    const prev = latest.get(key(r.user));
    if (!prev || Date.parse(r.submittedAt) >= Date.parse(prev.submittedAt)) latest.set(key(r.user), r);
  });
  return latest;
}

export function evaluateGate(input: GateInput): GateResult {
  const { record, policies } = input;
  const required = requiredReviewers(record, policies);
  const needed = policies.postmortem.reviewers.approvals[record.severity];
  const latest = latestReviews(input.reviews);
  // A required reviewer is one slot: a person, or a team that any of its members can fill.
  const stanceOf = (reviewer: string): Review["state"] | null => {
    const team = /^@?[^/]+\/.+$/.test(reviewer) ? (input.teamMembers?.[reviewer] ?? input.teamMembers?.[`@${key(reviewer)}`] ?? []) : null;
    const who = team ?? [reviewer];
    const states = who.map((u) => latest.get(key(u))?.state).filter((s) => s !== undefined);
    if (states.includes("CHANGES_REQUESTED")) return "CHANGES_REQUESTED";
    return states.includes("APPROVED") ? "APPROVED" : null;
  };
  const approvedBy = required.filter((r) => stanceOf(r) === "APPROVED");
  const blockers = required.filter((r) => stanceOf(r) === "CHANGES_REQUESTED");
  const waiting = required.filter((r) => !approvedBy.includes(r) && !blockers.includes(r));

  const missing: string[] = [];
  for (const p of input.lint.problems) missing.push(`post-mortem line ${p.line}: ${p.message}`);
  for (const b of blockers) missing.push(`${b} requested changes`);
  if (approvedBy.length < needed) {
    const short = needed - approvedBy.length;
    if (required.length < needed) missing.push(`${needed} approvals are required for ${record.severity} but only ${required.length} required reviewer(s) are configured: add reviewers in policies (services owners or postmortem.reviewers.extra)`);
    else missing.push(`${short} more approval${short === 1 ? "" : "s"} from required reviewers (${waiting.join(", ") || "none left"}); ${needed} needed for ${record.severity}`);
  }
  const passed = missing.length === 0;
  const ignored = [...latest.values()].filter((r) => r.state === "APPROVED" && !required.some((q) => key(q) === key(r.user)) && !isTeamMember(r.user, required, input.teamMembers)).map((r) => r.user);

  const effects: PullEffect[] = [
    { kind: "status.set", sha: input.headSha, state: passed ? "success" : "failure", context: GATE_CONTEXT, description: statusDescription(passed, missing, approvedBy.length, needed), reason: "post-mortem review gate" },
    { kind: "pr.comment", pr: input.pr.number, key: GATE_COMMENT_KEY, body: gateComment({ passed, missing, approvedBy, needed, required, ignored, severity: record.severity }), reason: "post-mortem review gate" },
  ];
  const hasLabel = input.pr.labels.includes(APPROVED_LABEL);
  // Only touch labels when they change, and keep every other label the PR has.
  if (passed && !hasLabel) effects.push({ kind: "pr.labels", pr: input.pr.number, labels: [...input.pr.labels, APPROVED_LABEL], reason: "post-mortem gate passed" });
  if (!passed && hasLabel) effects.push({ kind: "pr.labels", pr: input.pr.number, labels: input.pr.labels.filter((l) => l !== APPROVED_LABEL), reason: "post-mortem gate no longer passes" });
  return { passed, missing, effects };
}

function isTeamMember(user: string, required: string[], teams: Record<string, string[]> | undefined): boolean {
  return required.some((r) => (teams?.[r] ?? []).some((m) => key(m) === key(user)));
}

function statusDescription(passed: boolean, missing: string[], approvals: number, needed: number): string {
  const text = passed ? `Lint clean; ${approvals}/${needed} required approvals` : `${missing.length} thing${missing.length === 1 ? "" : "s"} missing: ${missing[0] ?? ""}`;
  return fitDescription(text);
}

interface CommentFacts {
  passed: boolean;
  missing: string[];
  approvedBy: string[];
  needed: number;
  required: string[];
  ignored: string[];
  severity: string;
}

/** Logins are shown without notifying (the comment is edited on every review); lint text is escaped. */
function gateComment(f: CommentFacts): string {
  const who = (list: string[]): string => list.map((u) => login(u)).join(", ") || "nobody";
  const lines = [
    `### Post-mortem review gate: ${f.passed ? "✅ passed" : "❌ not yet"}`,
    "",
    `Required reviewers: ${who(f.required)}. Approvals: ${f.approvedBy.length} of ${f.needed} needed for ${f.severity} (${who(f.approvedBy)}).`,
  ];
  if (f.passed) lines.push("", "All clear: the post-mortem is complete and approved. Merging it publishes it, opens its action items as issues and closes the incident.");
  else lines.push("", "Still missing:", "", ...f.missing.map((m) => `- ${inline(m)}`));
  if (f.ignored.length > 0) lines.push("", `Approvals that do not count (not required reviewers): ${who(f.ignored)}.`);
  return lines.join("\n");
}
