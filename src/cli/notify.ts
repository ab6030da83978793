// `incident notify test CHANNEL`: sends a clearly marked test message through one configured
// channel, with its secret from the environment, and prints what the receiver answered — what an
// on-call team runs right after setting a secret. Exit 0: delivered; 1: not delivered; 2: usage
// or input error (unknown channel, no adapter, secret not set, policies that do not load).
import type { Command } from "commander";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies, Severity } from "../config/types.js";
import type { RetryPolicy } from "../notify/delivery.js";
import { channelSecrets, deliver, SENDERS, type Env } from "../notify/send.js";
import { testNotifications } from "../notify/test-message.js";
import { EXIT, formatIssues, processIO, type CliIO } from "./io.js";

export interface NotifyTestOptions {
  channel: string;
  severity?: string;
  to?: string[];
}

export interface NotifyDeps {
  policies: { policies: Policies | null; issues: PolicyIssue[] };
  env: Env;
  now: Date;
  retry?: RetryPolicy;
}

const SEVERITIES: readonly string[] = ["P0", "P1", "P2", "P3"];

/** The whole command over loaded policies; returns the exit code. */
export async function runNotifyTest(opts: NotifyTestOptions, deps: NotifyDeps, io: CliIO): Promise<number> {
  const usage = (message: string): number => {
    io.err(message);
    return EXIT.usage;
  };
  const { policies, issues } = deps.policies;
  if (!policies) return usage(`the policies do not load:\n${formatIssues(issues.filter((i) => i.level === "error"))}`);
  const channel = policies.routing.channels[opts.channel];
  const ids = Object.keys(policies.routing.channels).sort();
  if (!channel) return usage(`no channel "${opts.channel}" in routing.yaml (channels: ${ids.join(", ")})`);
  if (!SENDERS[channel.type]) return usage(`channel ${channel.id} is a ${channel.type} channel: it has no adapter to test (its GitHub-native fallback is ${channel.fallback})`);
  const severity = opts.severity ?? "P3";
  if (!SEVERITIES.includes(severity)) return usage(`--severity "${severity}" must be one of ${SEVERITIES.join(", ")}`);
  const secrets = channelSecrets(channel, deps.env);
  if (secrets.missing.length) return usage(`set ${secrets.missing.join(" and ")} in the environment (named by channel ${channel.id} in routing.yaml) and run again`);
  const audience = opts.to ?? [];
  if ((channel.type === "email" && audience.length === 0 && channel.to.length === 0) || (channel.type === "phone" && audience.length === 0)) {
    return usage(`say who receives the test ${channel.type === "email" ? "e-mail" : "call"}: --to LOGIN (their ${channel.type === "email" ? "address" : "number"} comes from teams.yaml people)`);
  }
  const server = deps.env["GITHUB_SERVER_URL"] ?? "https://github.com";
  const repo = deps.env["GITHUB_REPOSITORY"];
  const notifications = testNotifications(channel, policies, { now: deps.now.toISOString(), severity: severity as Severity, audience, repositoryUrl: repo ? `${server}/${repo}` : null });
  let failed = false;
  for (const n of notifications) {
    io.out(`sending a test ${n.event} (${n.severity}) through ${channel.id} (${channel.type})`);
    const d = await deliver(n, channel, deps.env, { ...(deps.retry ? { retry: deps.retry } : {}), log: (line) => io.err(`  ${line}`) });
    switch (d.outcome) {
      case "delivered":
        io.out(`  delivered after ${d.attempts} ${d.attempts === 1 ? "try" : "tries"}; the receiver answered: ${d.answer}`);
        for (const note of d.notes) io.out(`  note: ${note}`);
        break;
      case "retryable":
      case "permanent":
        failed = true;
        io.out(`  NOT delivered (${d.outcome === "retryable" ? "a later try may succeed" : "trying again will not help"}): ${d.reason}`);
        break;
      case "unconfigured":
      case "skipped":
        failed = true;
        io.out(`  not sent: ${d.reason}`);
        break;
    }
  }
  io.out(failed ? `FAILED: ${channel.id} did not take the test message` : `OK: ${channel.id} works`);
  return failed ? EXIT.problems : EXIT.ok;
}

export function registerNotify(program: Command, loadPolicies: (dir: string) => Promise<NotifyDeps["policies"]>, io: CliIO = processIO): void {
  const notify = program.command("notify").description("notification channels (PagerDuty, Slack, Teams, webhooks, phone bridge, e-mail)");
  notify
    .command("test")
    .description("send a clearly marked test message through a configured channel (its secret from the environment) and print what the receiver answered")
    .argument("<channel>", "channel id from routing.yaml")
    .option("--dir <dir>", "repository root", ".")
    .option("--severity <P0-P3>", "severity of the test message (PagerDuty urgency, template)", "P3")
    .option("--to <logins...>", "who receives it (e-mail and phone need someone; addresses and numbers come from teams.yaml people)")
    .action(async (channel: string, opts: { dir: string; severity: string; to?: string[] }) => {
      const policies = await loadPolicies(opts.dir);
      process.exitCode = await runNotifyTest({ channel, severity: opts.severity, ...(opts.to ? { to: opts.to } : {}) }, { policies, env: process.env, now: new Date() }, io);
    });
}
