// The notify port as the Action has it: channels from the policies, secrets from the environment
// (the workflow passes the repository's secrets the channels name), every secret value masked in
// the job log before anything is sent.
import type { Policies } from "../config/types.js";
import type { RetryPolicy } from "./delivery.js";
import type { NotifyPort } from "./executor.js";
import { channelSecrets, deliver, type Env } from "./send.js";

export interface EnvNotifyOptions {
  repositoryUrl: string | null;
  /** Hides a secret value from the job log (`core.setSecret`). */
  mask: (value: string) => void;
  log: (line: string) => void;
  retry?: RetryPolicy;
}

export function envNotifyPort(policies: Policies, env: Env, opts: EnvNotifyOptions): NotifyPort {
  return {
    repositoryUrl: opts.repositoryUrl,
    async deliver(notification, id) {
      const channel = policies.routing.channels[id];
      if (!channel) return { outcome: "permanent", attempts: 0, reason: `routing.yaml has no channel ${id} any more` };
      for (const value of channelSecrets(channel, env).mask) opts.mask(value);
      return deliver(notification, channel, env, { log: opts.log, ...(opts.retry ? { retry: opts.retry } : {}) });
    },
  };
}
