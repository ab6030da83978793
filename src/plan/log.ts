// What executing a Plan did, effect by effect, and what GitHub answered per incident (written back
// by `record.settle`). The job summary and the `plan` output show it.
import type { Answers } from "../incident/settle.js";
import type { EffectKind } from "./effects.js";

/** `existed`: found already made (a re-run, or a create GitHub applied before failing); `no-sender`: a notification not sent because its channel's secret is not set (its GitHub-native fallback stands). */
export type Outcome = "done" | "existed" | "skipped" | "no-sender" | "failed";

export interface Applied {
  kind: EffectKind;
  reason: string;
  outcome: Outcome;
  detail?: string;
}

export interface ExecutionLog {
  applied: Applied[];
  /** By incident id. */
  answers: Map<string, Answers>;
  /** Issue numbers by incident id: opened, found or known. */
  issues: Map<string, number>;
  /** The issues `issue.create` opened (or found a crashed run had opened), by incident id. */
  created: Map<string, number>;
}

export function newLog(): ExecutionLog {
  return { applied: [], answers: new Map(), issues: new Map(), created: new Map() };
}

export function answer(log: ExecutionLog, incidentId: string, add: (a: Answers) => Answers): void {
  log.answers.set(incidentId, add(log.answers.get(incidentId) ?? {}));
}

export function note(log: ExecutionLog, kind: EffectKind, reason: string, outcome: Outcome, detail?: string): void {
  log.applied.push({ kind, reason, outcome, ...(detail !== undefined ? { detail } : {}) });
}
