// The one `execute`: applies a Plan through the executor of each effect's port, in the Plan's
// order. Record and file writes were committed already (the decision's commit, inside the
// transaction); `record.settle` writes back what GitHub answered in one more transaction and
// executes what that brings (an issue brought up to date, the PR linked from the incident).
import { releaseClaim } from "../incident/claim.js";
import { finishedWrite } from "../incident/finish.js";
import { settleRecord, type Answers } from "../incident/settle.js";
import { issuesExecutor } from "../github/issues-executor.js";
import { pullsExecutor } from "../github/pulls-executor.js";
import { runnerExecutor } from "../github/runner-executor.js";
import { notifyExecutor } from "../notify/executor.js";
import { isIssueEffect, isNotifyEffect, isPullEffect, isRunnerEffect, type Effect, type RecordSettle } from "../plan/effects.js";
import { newLog, note, type ExecutionLog } from "../plan/log.js";
import type { Plan } from "../plan/plan.js";
import { transact } from "../store/transaction.js";
import { commitMessageOf, fileChanges } from "./commit.js";
import type { RunContext } from "./context.js";
import { pullsTools, runPostmortem } from "./postmortem.js";

/** Thrown when an effect failed: carries what was applied before it (for the job summary). */
export class ExecutionError extends Error {
  override readonly name = "ExecutionError";
  constructor(
    readonly log: ExecutionLog,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export async function execute(plan: Plan, ctx: RunContext, log: ExecutionLog = newLog()): Promise<ExecutionLog> {
  const issues = issuesExecutor(ctx.github, log, ctx.createOptions);
  const pulls = pullsExecutor(pullsTools(ctx), log, ctx.createOptions);
  const runner = runnerExecutor(ctx.github, log, (id, force) => runPostmortem(ctx, id, force, log));
  const notify = notifyExecutor(ctx.notify, log);
  try {
    for (const effect of plan.effects) {
      if (isIssueEffect(effect)) await issues.execute(effect);
      else if (isPullEffect(effect)) await pulls.execute(effect);
      else if (isNotifyEffect(effect)) await notify.execute(effect);
      else if (isRunnerEffect(effect)) await runner.execute(effect);
      else if (effect.kind === "record.settle") await settle(plan, effect, ctx, log);
      else note(log, effect.kind, effect.reason, "done", effect.kind === "record.write" ? effect.path : effect.path);
    }
  } catch (e) {
    if (e instanceof ExecutionError) throw e;
    throw new ExecutionError(log, e);
  }
  return log;
}

async function settle(plan: Plan, effect: RecordSettle, ctx: RunContext, log: ExecutionLog): Promise<void> {
  const incidentId = effect.incidentId;
  const answers: Answers = { ...log.answers.get(incidentId) };
  const created = log.created.get(incidentId);
  const written = plan.effects.find((e): e is Extract<Effect, { kind: "record.write" }> => e.kind === "record.write" && e.incidentId === incidentId)?.record;
  if (created !== undefined) answers.issue = { number: created, written: written ?? null };
  log.answers.delete(incidentId);
  log.created.delete(incidentId);
  if (Object.keys(answers).length === 0) {
    note(log, effect.kind, effect.reason, "skipped", "nothing to write back");
    return;
  }
  const { result } = await transact(
    ctx.store,
    async (source) => {
      const fresh = await source.get(incidentId);
      const settled = fresh ? settleRecord(fresh, answers, { policies: ctx.policies, onCall: ctx.onCall, now: ctx.now }) : null;
      const effects = settled?.effects ?? [];
      return { changes: fileChanges(effects), message: commitMessageOf(plan.door, effects), result: settled };
    },
    ctx.transactOptions,
  );
  note(log, effect.kind, effect.reason, !result || result.conflict ? "skipped" : "done", result?.conflict ?? undefined);
  if (!result) return;
  await execute({ ...plan, effects: result.effects.filter((e) => e.kind !== "record.write") }, ctx, log);
}

/**
 * After an effect failed: what GitHub had already answered is written back (an issue this run did
 * open gets linked, sends that went out are recorded), and the claim of every incident whose issue
 * this run was to open and did not is released, so the next run or the schedule backstop opens it
 * at once instead of waiting for the claim to go stale. Best effort: git or GitHub may be failing
 * too, and the run fails with the original error either way.
 */
export async function afterFailure(plan: Plan, ctx: RunContext, log: ExecutionLog, cause: unknown): Promise<void> {
  const unopened = plan.effects.flatMap((e) => (e.kind === "issue.create" && !log.created.has(e.incidentId) ? [e.incidentId] : []));
  const answered = new Set([...log.answers.keys(), ...log.created.keys()]);
  for (const incidentId of answered) {
    try {
      await settle(plan, { kind: "record.settle", incidentId, reason: `record what GitHub answered for ${incidentId} before the failure` }, ctx, log);
    } catch (e) {
      ctx.log(`could not record what GitHub answered for ${incidentId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const why = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0]?.slice(0, 200) ?? "";
  for (const incidentId of new Set(unopened)) {
    try {
      const { result } = await transact(
        ctx.store,
        async (source) => {
          const fresh = await source.get(incidentId);
          const released = fresh ? releaseClaim(fresh, ctx.runId, ctx.now, why) : null;
          const effects = released ? [finishedWrite(released, ctx.now, ctx.policies, `release the claim on ${incidentId}`)] : [];
          return { changes: fileChanges(effects), message: commitMessageOf(plan.door, effects), result: released !== null };
        },
        ctx.transactOptions,
      );
      note(log, "record.write", `release the claim on ${incidentId}: its issue is opened by the next run`, result ? "done" : "skipped");
    } catch (e) {
      ctx.log(`could not release the claim on ${incidentId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
