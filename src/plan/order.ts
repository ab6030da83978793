// The order a Plan's effects execute in, whichever door built them: record writes (committed
// first, as one commit: git is the lock and the audit log), GitHub writes, notifications,
// workflow runs (timers, post-mortems), then the settle steps that write back what GitHub answered.
// Stable: effects of one phase keep the order the door gave them (👀 before the changes, 🚀 after).
import type { Effect, EffectKind } from "./effects.js";

const PHASE: Record<EffectKind, number> = {
  "record.write": 0,
  "file.write": 0,
  "issue.create": 1,
  "issue.update": 1,
  "issue.comment": 1,
  "comment.react": 1,
  "action-item.create": 1,
  "branch.create": 1,
  "pr.create": 1,
  "pr.comment": 1,
  "pr.labels": 1,
  "status.set": 1,
  "check.run": 1,
  "branch.commit": 1,
  "pr.upsert": 1,
  "notify.send": 2,
  "timer.arm": 3,
  "runner.dispatch": 3,
  "postmortem.start": 3,
  "record.settle": 4,
};

export function orderEffects(effects: readonly Effect[]): Effect[] {
  return effects.map((e, i) => ({ e, i })).sort((a, b) => PHASE[a.e.kind] - PHASE[b.e.kind] || a.i - b.i).map((x) => x.e);
}
