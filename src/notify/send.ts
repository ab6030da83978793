// The shell's entry to the senders: reads a channel's secrets from the environment, picks the
// sender for its type, and returns a typed Delivery. No secret → "unconfigured" with the channel's
// GitHub-native fallback (routing.yaml), which the caller applies and shows.
import type { Channel } from "../config/types.js";
import { DEFAULT_RETRY, type Delivery, type RetryPolicy, type Sender } from "./delivery.js";
import { channelHears, type Notification } from "./notification.js";
import { secretParts } from "./redact.js";
import { sendEmail } from "./senders/email.js";
import { sendPagerDuty } from "./senders/pagerduty.js";
import { sendPhone } from "./senders/phone.js";
import { sendSlack } from "./senders/slack.js";
import { sendTeams } from "./senders/teams.js";
import { sendWebhook } from "./senders/webhook.js";

/** Channel types with an adapter. Jira and the github-* types are GitHub-native (their fallback). */
export const SENDERS: Partial<Record<Channel["type"], Sender>> = {
  pagerduty: sendPagerDuty,
  slack: sendSlack,
  teams: sendTeams,
  webhook: sendWebhook,
  phone: sendPhone,
  email: sendEmail,
};

export type Env = Readonly<Record<string, string | undefined>>;

export interface ChannelSecrets {
  secret: string | null;
  signingKey: string | null;
  /** Names of secrets the channel names that are not set (empty counts as not set). */
  missing: string[];
  /** Every value and its leak-prone parts: what to redact, and what the Action masks (`core.setSecret`). */
  mask: string[];
}

export function channelSecrets(channel: Channel, env: Env): ChannelSecrets {
  const read = (name: string | null) => (name && env[name]?.trim() ? (env[name]?.trim() ?? null) : null);
  const secret = read(channel.secret);
  const signingKey = read(channel.signingSecret);
  const missing = [channel.secret, channel.signingSecret].filter((name): name is string => name !== null && read(name) === null);
  const mask = [secret, signingKey].flatMap((v) => (v ? secretParts(v) : []));
  return { secret, signingKey, missing, mask };
}

export interface DeliverOptions {
  retry?: RetryPolicy;
  log?: (line: string) => void;
}

/** Sends `notification` through `channel` with the secrets in `env`. Never throws for a failed delivery. */
export async function deliver(notification: Notification, channel: Channel, env: Env, opts: DeliverOptions = {}): Promise<Delivery> {
  const sender = SENDERS[channel.type];
  if (!sender) return { outcome: "unconfigured", reason: `${channel.type} channels have no adapter; the GitHub-native fallback applies`, fallback: channel.fallback };
  if (!channelHears(channel.type, notification.event)) return { outcome: "skipped", reason: `${channel.type} channels are not sent ${notification.event} events` };
  const secrets = channelSecrets(channel, env);
  if (secrets.secret === null) return { outcome: "unconfigured", reason: `secret ${channel.secret ?? "(none named)"} is not set`, fallback: channel.fallback };
  // A configured signing secret that is missing is a mistake to report, never a reason to send unsigned.
  if (channel.signingSecret && secrets.signingKey === null) return { outcome: "permanent", attempts: 0, reason: `signing secret ${channel.signingSecret} is not set; nothing was sent unsigned` };
  const log = opts.log ?? (() => undefined);
  return sender(notification, { channel, secret: secrets.secret, signingKey: secrets.signingKey, retry: opts.retry ?? DEFAULT_RETRY, log, secrets: secrets.mask });
}
