// The records port: a Plan's record and file writes become one commit, decided inside `transact`
// so that a lost push race throws the decision away and decides again on the fresh tip. A record
// lives at one path: writing it live removes its archived copy and the other way round.
import { serializeRecord } from "../incident/codec.js";
import { archivePath, recordPath } from "../incident/paths.js";
import type { Effect } from "../plan/effects.js";
import type { Door } from "../plan/plan.js";
import { commitMessage, type CommitSubject, type RecordAction } from "../store/commit-message.js";
import type { FileChange } from "../store/git.js";

export function fileChanges(effects: readonly Effect[]): FileChange[] {
  const out: FileChange[] = [];
  for (const e of effects) {
    if (e.kind === "record.write") {
      const live = recordPath(e.incidentId);
      out.push({ path: e.path, content: serializeRecord(e.record) }, { path: e.path === live ? archivePath(e.incidentId) : live, content: null });
    } else if (e.kind === "file.write") out.push({ path: e.path, content: e.content });
  }
  return out;
}

const DOOR_ACTION: Record<Door, RecordAction> = { alerts: "alert", declaration: "open", command: "update", edit: "update", timer: "escalate", backstop: "update", postmortem: "postmortem", "policy-review": "update" };

/** A commit message made only from fields we control (commit-message.ts). */
export function commitMessageOf(door: Door | null, effects: readonly Effect[]) {
  const subjects: CommitSubject[] = effects.flatMap((e) => {
    if (e.kind !== "record.write") return [];
    const r = e.record;
    const opened = effects.some((x) => x.kind === "issue.create" && x.incidentId === r.id) && r.timeline.length <= 2;
    const action: RecordAction = opened ? "open" : r.status === "resolved" ? "resolve" : r.status === "closed" ? "close" : (door ? DOOR_ACTION[door] : "update");
    return [{ id: r.id, action, severity: r.severity, service: r.service }];
  });
  return commitMessage(subjects.length > 0 ? subjects : [{ id: "unprocessed", action: door ? DOOR_ACTION[door] : "update" }]);
}
