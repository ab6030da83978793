// A PagerDuty escalation policy → an escalation.yaml policy. PagerDuty's rule N pages its targets
// and, after escalation_delay_in_minutes without an acknowledgement, escalates to rule N+1; after
// the last rule the policy repeats num_loops times. Here a step's `after` is the wait after the
// previous step, so step 1 is immediate and step N+1 waits rule N's delay; `repeat_after` is the
// last rule's delay. Schedule targets become the imported rotation (primary); users, logins.
import type { PdEscalationPolicy, PdTarget, PdUserRef } from "./types.js";
import { rotationId, type PdNote, type UserResolver } from "./schedule.js";

export interface ConvertedPolicy {
  id: string;
  policy: Record<string, unknown>;
  notes: PdNote[];
  unmapped: PdUserRef[];
}

const minutes = (n: number): string => (n === 0 ? "immediate" : `${n}m`);


/** `rotationFor`: the rotation id a schedule target stands for, or null when it was not imported. */
export function convertEscalationPolicy(p: PdEscalationPolicy, resolve: UserResolver, rotationFor: (t: PdTarget) => string | null): ConvertedPolicy {
  const notes: PdNote[] = [];
  const unmapped: PdUserRef[] = [];
  const steps = p.rules.map((r, i) => ({
    after: i === 0 ? "immediate" : minutes(p.rules[i - 1]?.delayMinutes ?? 0),
    targets: r.targets.flatMap((t, k): Record<string, string>[] => {
      if (t.type === "schedule") {
        const rotation = rotationFor(t);
        if (rotation === null) {
          notes.push({ level: "error", path: `$.escalation_rules[${i}].targets[${k}]`, message: `schedule ${t.id}${t.summary ? ` (${t.summary})` : ""} was not imported: import it first (its rotation would be \`${rotationId(t.summary ?? t.id)}\`)` });
          return [];
        }
        return [{ rotation, role: "primary" }];
      }
      const login = resolve({ id: t.id, summary: t.summary, email: null });
      if (login === null) unmapped.push({ id: t.id, summary: t.summary, email: null });
      return [{ person: login ?? t.id }];
    }),
  }));
  const lastDelay = p.rules[p.rules.length - 1]?.delayMinutes ?? 0;
  if (p.numLoops > 0 && lastDelay === 0) notes.push({ level: "warning", path: "$.num_loops", message: "the policy repeats with no wait after its last rule; repeat_after here must be more than zero, so it is 1m" });
  const policy: Record<string, unknown> = {
    description: `Imported from PagerDuty escalation policy ${p.name}${p.id ? ` (${p.id})` : ""}`,
    steps,
    ...(p.numLoops > 0 ? { repeat: p.numLoops, repeat_after: `${Math.max(1, lastDelay)}m` } : {}),
  };
  if (p.rules.length === 0) notes.push({ level: "error", path: "$.escalation_rules", message: "the policy has no rules" });
  return { id: rotationId(p.name), policy, notes, unmapped };
}
