// `incident simulate FILE`: the Plan the Action would execute for an event, without executing it —
// the same door, the same records (the checkout's incidents/, read as the Action reads the records
// branch) and the same core call, so what it prints is exactly what the Action would do, rendered
// issue bodies included. FILE is an alert payload (Alertmanager, Grafana or generic body, or a whole
// repository_dispatch event) or any GitHub webhook event the Action handles (`--event` names it when
// it cannot be told from the payload). What only GitHub knows is given with flags: the commenter's
// role, who cannot be assigned; and to reproduce a run exactly, its run id and random seed. A
// `pull_request` event (other than a post-mortem's) gets the policy review the validate step
// executes, with the base's policies and the records read from git in --dir (the checkout); a
// `schedule` event is decided as on a repository where no expired-silences pull request is open.
// Exit 0 decided, 1 the event or the policies have problems, 2 a usage or input error.
import type { Command } from "commander";
import { isDispatchEvent, sniffSource } from "../alerts/registry.js";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import { needsOf, readEvent, type DoorEvent } from "../incident/doors/event.js";
import { planEvent, type Facts } from "../incident/doors/plan-event.js";
import { policyReviewDoor, pullRequestRef, reviewedPull, type ReviewedPull } from "../incident/doors/policy-review.js";
import type { EventPayload } from "../incident/doors/webhook.js";
import type { Effect } from "../plan/effects.js";
import type { Plan } from "../plan/plan.js";
import type { TreeReader } from "../store/git.js";
import { readNeeds, recordSource } from "../store/records.js";
import { GitRefError } from "../store/at-ref.js";
import type { ReviewSides } from "../store/review-sides.js";
import { EXIT, formatIssues, type CliIO } from "./io.js";
import { UsageError } from "./errors.js";
import { timeFlag } from "./time.js";

/** A claim older than this is taken over (the Action's default). */
const STALE_AFTER_MS = 10 * 60_000;
const EVENTS = ["repository_dispatch", "issue_comment", "issues", "workflow_dispatch", "schedule", "pull_request"] as const;

export interface SimulateOptions {
  json: boolean;
  /** The webhook event name; default: told from the payload. */
  event?: string;
  /** Force an alert source for a raw alert body instead of sniffing it. */
  source?: string;
  role?: string | null;
  notAssignable?: string[];
  runId?: string;
  seed?: string;
}

export interface SimulateInputs {
  text: string;
  at: Date;
  policies: { policies: Policies | null; issues: PolicyIssue[] };
  /** The records of the checkout (incidents/), read like the records branch. */
  records: TreeReader;
  /** For a pull request: its base's policies and the records, read from git (src/store/review-sides.ts). */
  reviewSides?: (pull: ReviewedPull) => Promise<ReviewSides>;
  onCall: (p: Policies) => OnCall;
}

/** The event name and payload a file holds: a webhook event as GitHub delivers it, or a bare alert body. */
export function eventOf(value: unknown, opts: Pick<SimulateOptions, "event" | "source">): { name: string; payload: EventPayload } {
  const v = (value ?? {}) as Record<string, unknown>;
  if (opts.event) {
    if (!(EVENTS as readonly string[]).includes(opts.event)) throw new UsageError(`--event ${opts.event}: not an event the Action handles; one of ${EVENTS.join(", ")}`);
    return { name: opts.event, payload: v };
  }
  if (isDispatchEvent(v)) return { name: "repository_dispatch", payload: { ...v, action: String(v["action"] ?? v["event_type"]) } };
  if ("comment" in v && "issue" in v) return { name: "issue_comment", payload: v };
  if ("issue" in v && typeof v["action"] === "string") return { name: "issues", payload: v };
  if ("schedule" in v) return { name: "schedule", payload: v };
  if ("pull_request" in v && typeof v["action"] === "string") return { name: "pull_request", payload: v };
  if ("inputs" in v && "workflow" in v) return { name: "workflow_dispatch", payload: v };
  return { name: "repository_dispatch", payload: { action: opts.source ?? sniffSource(value) ?? "unknown", client_payload: { payload: value } } };
}

export async function runSimulate(opts: SimulateOptions, inputs: SimulateInputs, io: CliIO): Promise<number> {
  const { policies, issues } = inputs.policies;
  const now = inputs.at.toISOString();
  if (!policies) {
    const errors = issues.filter((i) => i.level === "error");
    if (opts.json) io.out(JSON.stringify({ incidents: [], effects: [], errors: errors.map((i) => ({ field: `${i.file}:${i.line}:${i.column}`, message: i.message })) }, null, 2));
    else io.err(`policies do not load (fix them with incident validate):\n${formatIssues(errors)}`);
    return EXIT.problems;
  }
  let value: unknown;
  try {
    value = JSON.parse(inputs.text);
  } catch (e) {
    return problems(opts, io, now, [{ field: "$", message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const { name, payload } = eventOf(value, opts);
  const runId = opts.runId ?? "simulate";
  const event = readEvent(name, payload, { now, runId });
  if (event.door === null) return event.decision === "failed" ? problems(opts, io, now, [{ field: "$", message: event.reason }]) : summary(opts, io, { door: null, now, decision: event.decision, reason: event.reason, incidentIds: [], effects: [] }, event);
  if (event.door === "postmortem") {
    // A pull request that is not a post-mortem's: the policy review validate mode executes.
    const pull = name === "pull_request" && !(payload.pull_request?.head?.ref ?? "").startsWith("postmortem/") ? reviewedPull(payload) : null;
    if (!pull || !inputs.reviewSides) throw new UsageError("post-mortem pull_request events are not simulated: the post-mortem gate reads the PR's branch and reviews from GitHub");
    const sides = await inputs.reviewSides(pull).catch((e: unknown) => {
      throw e instanceof GitRefError ? new UsageError(`${e.message} (run simulate in a checkout of the pull request, --dir)`) : e;
    });
    const [owner = "", repo = ""] = ((payload.repository as { full_name?: string } | undefined)?.full_name ?? "").split("/");
    const { plan } = policyReviewDoor({ pr: pullRequestRef(pull, sides.baseSha), repo: { owner, repo }, base: sides.base, head: inputs.policies, records: sides.records, recordChanges: sides.changes, now: inputs.at.getTime(), onCall: inputs.onCall, policiesDir: "policies" });
    summary(opts, io, plan, event);
    return plan.decision === "policies-valid" ? EXIT.ok : EXIT.problems;
  }
  const needs = needsOf(event, now);
  const notAssignable = new Set((opts.notAssignable ?? []).map((l) => l.replace(/^@/, "").toLowerCase()));
  const facts: Facts = { role: needs.role === null ? null : (opts.role ?? null), assignable: Object.fromEntries(needs.assignable.map((l) => [l.toLowerCase(), !notAssignable.has(l.toLowerCase())])), handled: false };
  // The backstop as on a repository where no expired-silences pull request is open or was declined.
  if (event.door === "backstop") facts.silenceCleanup = { base: payload.repository?.default_branch ?? "main", openPr: null, declined: [] };
  const source = recordSource(inputs.records);
  const reads = await readNeeds(source, needs);
  for (const u of source.unreadable) io.err(`warning: ${u.error}`);
  const plan = planEvent(event, reads, facts, { policies, onCall: inputs.onCall(policies), now, runId, seed: opts.seed ?? "simulate", staleAfterMs: STALE_AFTER_MS });
  return summary(opts, io, plan, event);
}

function problems(opts: SimulateOptions, io: CliIO, now: string, errors: { field: string; message: string }[]): number {
  if (opts.json) io.out(JSON.stringify({ decision: "failed", at: now, incidents: [], effects: [], errors }, null, 2));
  else for (const e of errors) io.err(`error: ${e.field}: ${e.message}`);
  return EXIT.problems;
}

function summary(opts: SimulateOptions, io: CliIO, plan: Plan, event: DoorEvent): number {
  const errors = event.door === "alerts" ? event.problems : [];
  const warnings = event.door === "alerts" ? event.warnings : [];
  const code = plan.decision === "failed" ? EXIT.problems : EXIT.ok;
  if (opts.json) {
    io.out(JSON.stringify({ ...plan, incidents: plan.incidents ?? [], at: plan.now, source: event.door === "alerts" ? event.source : null, errors, warnings }, null, 2));
    return code;
  }
  const alerts = event.door === "alerts" || event.door === "declaration" ? ` · ${event.alerts.length} alert(s)` : "";
  io.out(`${plan.door ?? "no"} door${alerts} · decided at ${plan.now}\ndecision: ${plan.decision}\nreason: ${plan.reason}`);
  for (const e of errors) io.out(`error: ${e.field}: ${e.message}`);
  for (const w of warnings) io.out(`warning: ${w.field}: ${w.message}`);
  io.out(`\nPlan (${plan.effects.length} effect(s)):`);
  plan.effects.forEach((e, i) => io.out(describeEffect(e, i + 1)));
  if (plan.incidents && plan.incidents.length > 0) {
    io.out("\nHow the engine decided:");
    for (const s of plan.incidents) {
      io.out(`- ${s.action} ${s.severity ?? ""} ${s.groupKey}${s.incidentId ? ` (${s.incidentId})` : ""}: route ${s.route ?? "-"}, team ${s.team ?? "-"}, rotation ${s.rotation ?? "-"}, escalation ${s.escalationPolicy ?? "-"}, commander ${s.commander ?? "-"}`);
      for (const why of s.reasons) io.out(`    · ${why}`);
    }
  }
  return code;
}

const fence = (text: string): string => text.split("\n").map((l) => `   │ ${l}`).join("\n");

/** One effect as a reader checks it: what, where, why, and any text that would be written in full. */
export function describeEffect(e: Effect, n: number): string {
  const head = (what: string) => `${n}. ${e.kind} — ${what}\n   why: ${e.reason}`;
  switch (e.kind) {
    case "record.write":
      return head(`${e.path} (${e.record.severity} ${e.record.status}, ${e.record.alerts.length} alert(s), ${e.record.timeline.length} timeline entries)`);
    case "file.write":
      return head(e.path);
    case "record.settle":
      return head(`write back what GitHub answers for ${e.incidentId}`);
    case "issue.create":
      return `${head(`${e.title}`)}\n   labels: ${e.labels.join(", ")}\n   assignees: ${e.assignees.join(", ") || "-"}\n${fence(e.body)}`;
    case "issue.update": {
      const parts = [e.title !== undefined ? `title ${JSON.stringify(e.title)}` : "", e.labels ? `labels ${e.labels.join(", ")}` : "", e.assignees ? `assignees ${e.assignees.join(", ")}` : "", e.state ? `state ${e.state}` : ""].filter(Boolean);
      return `${head(`#${e.issue} ${parts.join("; ")}`)}${e.body !== undefined ? `\n${fence(e.body)}` : ""}`;
    }
    case "issue.comment":
      return `${head(`#${e.issue} (key ${e.key})`)}\n${fence(e.body)}`;
    case "comment.react":
      return head(`${e.content} on comment ${e.commentId}`);
    case "action-item.create":
      return `${head(e.title)}\n${fence(e.body)}`;
    case "branch.create":
      return head(`${e.branch} with ${e.files.map((f) => f.path).join(", ")}`);
    case "pr.create":
      return `${head(`${e.title} from ${e.branch}; reviewers ${[...e.reviewers, ...e.teamReviewers].join(", ") || "-"}`)}\n${fence(e.body)}`;
    case "pr.comment":
      return `${head(`#${e.pr} (key ${e.key})`)}\n${fence(e.body)}`;
    case "pr.labels":
      return head(`#${e.pr}: ${e.labels.join(", ")}`);
    case "status.set":
      return head(`${e.context} ${e.state} on ${e.sha || e.branch || "?"}: ${e.description}`);
    case "check.run":
      return `${head(`${e.name} ${e.conclusion} on ${e.headSha.slice(0, 7)}: ${e.title}`)}\n${fence(e.summary)}`;
    case "branch.commit":
      return head(`${e.branch} (from ${e.base}) deleting ${e.deletions.join(", ")}`);
    case "pr.upsert":
      return `${head(`${e.title} from ${e.branch} into ${e.base}`)}\n${fence(e.body)}`;
    case "timer.arm":
      return head(`${e.incidentId} at ${e.at}`);
    case "runner.dispatch":
      return head(`${e.eventType} (key ${e.key})`);
    case "postmortem.start":
      return head(`${e.incidentId}${e.force ? " (requested)" : ""}`);
    case "notify.send":
      return `${head(`${e.channel} (${e.channelType}${e.secret ? `, ${e.secret}` : ""}, else ${e.fallback}): ${e.event} → ${e.audience.join(", ") || "nobody"}`)}\n   key: ${e.key}\n${fence([e.notification.headline, "", e.notification.internalText, ...(e.notification.externalText ? ["", "(external)", e.notification.externalText] : [])].join("\n"))}`;
  }
}

export interface SimulateDeps {
  loadPolicies(dir: string): Promise<{ policies: Policies | null; issues: PolicyIssue[] }>;
  records(dir: string): TreeReader;
  reviewSides(dir: string, pull: ReviewedPull): Promise<ReviewSides>;
  readFile(path: string): Promise<string>;
  onCall(policies: Policies): OnCall;
  now(): Date;
  io: CliIO;
}

export function registerSimulate(program: Command, deps: SimulateDeps): void {
  program
    .command("simulate")
    .description("Print the Plan the Action would execute for an event (an alert payload or a webhook event), without executing it")
    .argument("<file>", "an Alertmanager, Grafana or generic alert body, a repository_dispatch event, or a webhook event (issue_comment, issues, workflow_dispatch, schedule, pull_request)")
    .option("--at <time>", "decide as of this time (ISO 8601; without an offset UTC; default now)")
    .option("--json", "print the Plan as one JSON object", false)
    .option("--event <name>", `the webhook event the file holds (${EVENTS.join(", ")}); default: told from the payload`)
    .option("--source <source>", "alertmanager | grafana | alert, for a bare alert body (default: detected)")
    .option("--role <role>", "the repository role of the commenter or editor (default: none, so only rotation members may act)")
    .option("--not-assignable <login...>", "logins GitHub would not accept as assignees")
    .option("--run-id <id>", "the workflow run id (it claims the incidents it opens)", "simulate")
    .option("--seed <seed>", "the run's random seed (claim keys), to reproduce a run exactly", "simulate")
    .option("--dir <dir>", "repository root", ".")
    .action(async (file: string, opts: { at?: string; json: boolean; event?: string; source?: string; role?: string; notAssignable?: string[]; runId: string; seed: string; dir: string }) => {
      const at = opts.at === undefined ? deps.now() : new Date(timeFlag("--at", opts.at));
      const [text, policies] = await Promise.all([deps.readFile(file), deps.loadPolicies(opts.dir)]);
      process.exitCode = await runSimulate(
        { json: opts.json, ...(opts.event ? { event: opts.event } : {}), ...(opts.source ? { source: opts.source } : {}), role: opts.role ?? null, notAssignable: opts.notAssignable ?? [], runId: opts.runId, seed: opts.seed },
        { text, at, policies, records: deps.records(opts.dir), reviewSides: (pull) => deps.reviewSides(opts.dir, pull), onCall: (p) => deps.onCall(p) },
        deps.io,
      );
    });
}
