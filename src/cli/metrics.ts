// `incident metrics [--dir DIR] [--since ISO] [--until ISO] [--days N] [--json] [--markdown]`:
// MTTA, MTTD, MTTR, SLA compliance, recurrence and completion rates from the records in
// incidents/, against the policies' targets. The range is by detection time: --until (default
// now) back to --since, or --days before --until (default 90). `--at-commit REF` reads the
// policies and records as they were at that commit. `runMetrics` is the whole command over loaded
// inputs, so tests call it directly.
import type { Command } from "commander";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { computeMetrics } from "../metrics/compute.js";
import { formatMarkdown, formatText } from "../metrics/format.js";
import { compilePolicies } from "../config/index.js";
import { commitTime, filesAt, GitRefError, resolveCommit } from "../store/at-ref.js";
import { parseRecordFiles } from "../store/records.js";
import { EXIT, formatIssues, processIO, type CliIO } from "./io.js";
import { parseCliTime } from "./time.js";

export interface MetricsOptions {
  since?: string;
  until?: string;
  days?: string;
  json?: boolean;
  markdown?: boolean;
}

export interface MetricsInputs {
  policies: { policies: Policies | null; issues: PolicyIssue[] };
  records: IncidentRecord[];
  /** ISO; the default end of the range. */
  now: string;
}

export interface MetricsDeps {
  loadPolicies(dir: string): Promise<{ policies: Policies | null; issues: PolicyIssue[] }>;
  loadRecords(dir: string): Promise<IncidentRecord[]>;
  now?: () => Date;
  io?: CliIO;
}

const DAY_MS = 86_400_000;

/** The range, or the sentence that says what is wrong with the flags. */
export function metricsRange(opts: MetricsOptions, now: string): { from: string; to: string } | { error: string } {
  const bad = (flag: string, value: string): { error: string } => ({
    error: `${flag} "${value}" is not a date-time: use ISO 8601, e.g. 2026-11-27T00:00:00Z, or a date (2026-11-27); without an offset it is read as UTC`,
  });
  const to = opts.until === undefined ? Date.parse(now) : parseCliTime(opts.until);
  if (to === null) return bad("--until", opts.until ?? "");
  if (opts.since !== undefined && opts.days !== undefined) return { error: "give --since or --days, not both" };
  let from: number;
  if (opts.since !== undefined) {
    const since = parseCliTime(opts.since);
    if (since === null) return bad("--since", opts.since);
    from = since;
  } else {
    const days = opts.days === undefined ? 90 : Number(opts.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650) return { error: `--days "${opts.days ?? ""}" must be a whole number of days from 1 to 3650` };
    from = to - days * DAY_MS;
  }
  if (from >= to) return { error: `the range is empty: ${new Date(from).toISOString()} is not before ${new Date(to).toISOString()}` };
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function runMetrics(opts: MetricsOptions, inputs: MetricsInputs, io: CliIO): number {
  const { policies, issues } = inputs.policies;
  if (!policies) {
    io.err(`policies do not load (fix them with incident validate):\n${formatIssues(issues.filter((i) => i.level === "error"))}`);
    return EXIT.problems;
  }
  const range = metricsRange(opts, inputs.now);
  if ("error" in range) {
    io.err(range.error);
    return EXIT.usage;
  }
  const report = computeMetrics(inputs.records, policies, range);
  if (opts.json) io.out(JSON.stringify(report, null, 2) + "\n");
  else io.out(opts.markdown ? formatMarkdown(report) : formatText(report));
  return EXIT.ok;
}

export function registerMetrics(program: Command, deps: MetricsDeps): void {
  const io = deps.io ?? processIO;
  program
    .command("metrics")
    .description("MTTA, MTTD, MTTR, SLA compliance and recurrence from the incident records, against the policies' targets")
    .option("--dir <dir>", "repository root holding policies/ and incidents/", ".")
    .option("--since <time>", "start of the range, by detection time (ISO 8601; without an offset UTC); default --days before --until")
    .option("--until <time>", "end of the range, exclusive (ISO 8601; without an offset UTC); default now")
    .option("--days <n>", "length of the range in days when --since is not given (default 90)")
    .option("--json", "the report as JSON")
    .option("--markdown", "the report as markdown (tables), e.g. for a job summary")
    .option("--at-commit <ref>", "the repository as it was at this commit (policies and records, read with git); --until defaults to the commit's time")
    .action(async (flags: MetricsOptions & { dir: string; atCommit?: string }) => {
      if (flags.atCommit !== undefined) {
        process.exitCode = await metricsAtCommit(flags.atCommit, flags, io);
        return;
      }
      const [policies, records] = await Promise.all([deps.loadPolicies(flags.dir), deps.loadRecords(flags.dir)]);
      const now = (deps.now?.() ?? new Date()).toISOString();
      process.exitCode = runMetrics(flags, { policies, records, now }, io);
    });
}

/**
 * `--at-commit REF`: the same report from the policies and records the commit holds (not the
 * working tree), ending by default at the commit's time, so anyone re-running it gets the same numbers.
 */
export async function metricsAtCommit(ref: string, flags: MetricsOptions & { dir: string }, io: CliIO): Promise<number> {
  let commit: string;
  let files;
  let committed: number;
  try {
    commit = await resolveCommit(flags.dir, ref);
    [files, committed] = await Promise.all([filesAt(flags.dir, commit, ["policies", "incidents"]), commitTime(flags.dir, commit)]);
  } catch (e) {
    if (!(e instanceof GitRefError)) throw e;
    io.err(e.message);
    return EXIT.usage;
  }
  const policies = compilePolicies(Object.fromEntries(Object.entries(files.files).filter(([p]) => p.startsWith("policies/"))), { root: "policies", oversized: files.oversized });
  const read = parseRecordFiles(Object.entries(files.files));
  for (const u of read.unreadable) io.err(`warning: not counted: ${u.error}`);
  io.err(`metrics as of commit ${commit.slice(0, 12)} (${new Date(committed).toISOString()}): ${read.records.length} record(s)`);
  return runMetrics(flags, { policies, records: read.records, now: new Date(committed).toISOString() }, io);
}
