// Reads once, decides once per attempt: the facts only GitHub has are asked before the
// transaction (they do not change when a push race is lost); the records the door needs are read
// from each attempt's fresh snapshot; the core's `planEvent` decides; the Plan's record writes are
// the attempt's commit. A lost race decides again from the new tip.
import type { DoorEvent, Needs } from "../incident/doors/event.js";
import { needsOf } from "../incident/doors/event.js";
import { planEvent, type DoorContext, type Facts } from "../incident/doors/plan-event.js";
import type { Plan } from "../plan/plan.js";
import type { GitHubPort } from "../github/port.js";
import { readNeeds, recordSource, type Unreadable } from "../store/records.js";
import { transact } from "../store/transaction.js";
import { commitMessageOf, fileChanges } from "./commit.js";
import type { RunContext } from "./context.js";
import { readCleanupState } from "./silence-cleanup.js";

export async function gatherFacts(github: GitHubPort, needs: Needs): Promise<Facts> {
  const handled = needs.handled !== null && (await github.botReactions(needs.handled)).includes("rocket");
  if (handled) return { role: null, assignable: {}, handled };
  const role = needs.role === null ? null : await github.role(needs.role);
  const assignable: Record<string, boolean> = {};
  for (const login of needs.assignable) assignable[login.toLowerCase()] = await github.assignable(login);
  return { role, assignable, handled };
}

export function doorContext(ctx: RunContext): DoorContext {
  return { policies: ctx.policies, onCall: ctx.onCall, now: ctx.now, runId: ctx.runId, seed: ctx.seed, staleAfterMs: ctx.staleAfterMs };
}

/** The event's Plan, its record writes committed (nothing is committed in a dry run). */
export async function decideEvent(ctx: RunContext, event: DoorEvent): Promise<{ plan: Plan; unreadable: Unreadable[] }> {
  const needs = needsOf(event, ctx.now);
  const facts: Facts = event.door === "command" && event.comment.author.type === "Bot" ? { role: null, assignable: {}, handled: false } : await gatherFacts(ctx.github, needs);
  if (event.door === "backstop") {
    const cleanup = await readCleanupState(ctx);
    if (cleanup) facts.silenceCleanup = cleanup;
  }
  if (ctx.dryRun) {
    await ctx.store.sync();
    const source = recordSource(ctx.store);
    const plan = planEvent(event, await readNeeds(source, needs), facts, doorContext(ctx));
    return { plan, unreadable: source.unreadable };
  }
  const { result, unreadable } = await transact(
    ctx.store,
    async (source) => {
      const plan = planEvent(event, await readNeeds(source, needs), facts, doorContext(ctx));
      return { changes: fileChanges(plan.effects), message: commitMessageOf(plan.door, plan.effects), result: plan };
    },
    ctx.transactOptions,
  );
  return { plan: result, unreadable };
}
