// The executor of the runner port: workflow runs started with `repository_dispatch` (timers and
// other dispatches) and the post-mortem follow-up. A dispatch leaves nothing to look up, so after a
// transient failure it is sent once more: a duplicate timer run is harmless (the record says what
// already fired, so timers act once in total), a lost one is not.
import type { RunnerEffect } from "../plan/effects.js";
import { answer, note, type ExecutionLog } from "../plan/log.js";
import { GitHubError, type GitHubPort } from "./port.js";

export interface RunnerExecutor {
  execute(effect: RunnerEffect): Promise<void>;
}

/** `postmortem`: runs the post-mortem door for a resolved incident (the shell reads history for it). */
export function runnerExecutor(github: GitHubPort, log: ExecutionLog, postmortem: (incidentId: string, force: boolean) => Promise<void>): RunnerExecutor {
  const dispatch = async (eventType: string, payload: Record<string, unknown>): Promise<void> => {
    try {
      await github.dispatch(eventType, payload);
    } catch (e) {
      if (!(e instanceof GitHubError && e.transient)) throw e;
      await github.dispatch(eventType, payload);
    }
  };
  return {
    async execute(effect) {
      switch (effect.kind) {
        case "timer.arm":
          await dispatch("incident-timer", { incident: effect.incidentId, at: effect.at });
          answer(log, effect.incidentId, (a) => ({ ...a, timer: effect.at }));
          note(log, effect.kind, effect.reason, "done", effect.at);
          return;
        case "runner.dispatch":
          await dispatch(effect.eventType, effect.payload);
          note(log, effect.kind, effect.reason, "done", effect.eventType);
          return;
        case "postmortem.start":
          await postmortem(effect.incidentId, effect.force);
          note(log, effect.kind, effect.reason, "done");
          return;
      }
    },
  };
}
