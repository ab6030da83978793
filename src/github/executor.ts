// Applies GitHub effects in order through the port. Creating effects are made idempotent here:
// an incident issue or keyed comment that already exists (found by our hidden marker) is reused,
// so a re-run after a crash or a failure completes the work instead of repeating it.
import { findMarker, marker } from "../render/markers.js";
import type { GitHubEffect } from "./effects.js";
import type { GitHubPort, IssueData } from "./port.js";

export interface ExecutionLog {
  /** Issue numbers by incident id, for issues created or found by this run. */
  issues: Map<string, number>;
  applied: { kind: GitHubEffect["kind"]; reason: string; result: "done" | "existed" | "skipped" }[];
}

/** How far back to look for an issue a crashed run already created: one page, newest first. */
const RECENT_ISSUES = 100;

export function incidentMarker(id: string): string {
  return marker("incident", { id });
}

export function commentMarker(incidentId: string, key: string): string {
  return marker("comment", { incident: incidentId, key });
}

export async function execute(github: GitHubPort, effects: readonly GitHubEffect[], log: ExecutionLog = { issues: new Map(), applied: [] }): Promise<ExecutionLog> {
  // One listing serves every issue.create of this call (a payload can open several incidents).
  let recent: Promise<IssueData[]> | undefined;
  const recentIssues = () => (recent ??= github.listIssues("incident", RECENT_ISSUES));
  for (const effect of effects) {
    const done = (result: ExecutionLog["applied"][number]["result"]) => log.applied.push({ kind: effect.kind, reason: effect.reason, result });
    switch (effect.kind) {
      case "issue.create": {
        const existing = findIncidentIssue(await recentIssues(), effect.incidentId);
        if (existing !== null) {
          log.issues.set(effect.incidentId, existing);
          done("existed");
          break;
        }
        const created = await github.createIssue({ title: effect.title, body: effect.body, labels: effect.labels, assignees: effect.assignees });
        log.issues.set(effect.incidentId, created.number);
        done("done");
        break;
      }
      case "issue.update": {
        const { kind: _k, incidentId: _i, issue, reason: _r, ...patch } = effect;
        await github.updateIssue(issue, patch);
        done("done");
        break;
      }
      case "issue.comment": {
        const tag = commentMarker(effect.incidentId, effect.key);
        const comments = await github.listComments(effect.issue);
        if (comments.some((c) => c.body.includes(tag) && c.fromUs)) {
          done("existed");
          break;
        }
        await github.createComment(effect.issue, `${effect.body}\n\n${tag}`);
        done("done");
        break;
      }
      case "comment.react":
        await github.react(effect.commentId, effect.content);
        done("done");
        break;
      case "timer.arm":
        await github.dispatch("incident-timer", { incident: effect.incidentId, at: effect.at });
        done("done");
        break;
      case "status.set":
      case "pr.create":
      case "pr.comment.upsert":
      case "issue.create-action-item":
        // Post-mortem effects: applied by the post-mortem executor (they need git as well as the API).
        done("skipped");
        break;
    }
  }
  return log;
}

/** The incident's issue if a run already created it: our marker in the body of a recent incident issue. */
export function findIncidentIssue(recent: readonly IssueData[], incidentId: string): number | null {
  const hit = recent.find((i) => findMarker(i.body, "incident")?.id === incidentId);
  return hit ? hit.number : null;
}
