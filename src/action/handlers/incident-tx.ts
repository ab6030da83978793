// The shape every incident-changing handler shares: find the incident in fresh records, let the
// pure core decide, push the changed record (re-deciding on a lost race), then apply the GitHub
// effects and start the post-mortem when the incident just resolved.
import { execute } from "../../github/executor.js";
import { recordPath, serializeRecord } from "../../incident/codec.js";
import type { Outcome } from "../../incident/outcome.js";
import { nextDeadline } from "../../incident/timers.js";
import type { IncidentRecord } from "../../incident/record.js";
import { commitMessage, type RecordAction } from "../../store/commit-message.js";
import { transact } from "../../store/transaction.js";
import type { RunContext } from "../context.js";
import { startPostmortem } from "./postmortem.js";

export interface Changed {
  before: IncidentRecord;
  after: IncidentRecord | null; // null: nothing changed
  outcome: Outcome;
}

export async function changeIncident(
  ctx: RunContext,
  find: (records: ReadonlyMap<string, IncidentRecord>) => IncidentRecord | undefined,
  decide: (record: IncidentRecord) => Outcome | Promise<Outcome>,
  action: RecordAction,
): Promise<Changed | null> {
  const { result } = await transact(
    ctx.store,
    async (records) => {
      const before = find(records);
      if (!before) return { changes: [], message: commitMessage({ id: "unprocessed", action }), result: null };
      const decided = await decide(before);
      // A timer is already armed for the deadline the record had; arm again only when it moved.
      const armed = nextDeadline(before, ctx.policies);
      const outcome = { ...decided, effects: decided.effects.filter((e) => !(e.kind === "timer.arm" && e.at === armed)) };
      const after = outcome.record;
      return {
        changes: after ? [{ path: recordPath(after.id), content: serializeRecord(after) }] : [],
        message: commitMessage({ id: before.id, action, severity: (after ?? before).severity, service: before.service }),
        result: { before, after, outcome },
      };
    },
    ctx.transactOptions,
  );
  if (!result) return null;
  await execute(ctx.github, result.outcome.effects);
  const after = result.after;
  if (after && after.status !== result.before.status) {
    if (after.status === "resolved") await startPostmortem(ctx, after, { force: false });
    if (after.status === "postmortem-draft") await startPostmortem(ctx, after, { force: true });
  }
  return result;
}

/** The incident whose issue is `number`. */
export const byIssue =
  (number: number) =>
  (records: ReadonlyMap<string, IncidentRecord>): IncidentRecord | undefined =>
    [...records.values()].find((r) => r.links.issue === number);
