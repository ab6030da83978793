// `incident replay --base REF [--head REF]`: what a policy change would have done. The policies at
// two git refs of the local repository (head: the working tree by default) each replay the most
// recent alerts in the incident records, at each alert's own time, and on-call in the coming days
// is compared per rotation; the report is the markdown a pull request's comment shows (--json: the
// report itself). Exit 0 when replayed, 1 when the head's policies do not load or a rotation
// change would rewrite started shifts, 2 when a ref or a flag cannot be used.
import type { Command } from "commander";
import { compilePolicies, type CompileResult } from "../config/index.js";
import { readPolicyFiles } from "../config/read.js";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { policyOnCall } from "../oncall/port.js";
import { replayMarkdown, replayHeadline } from "../replay/render.js";
import { replayPolicies } from "../replay/replay.js";
import { filesAt, GitRefError, resolveCommit } from "../store/at-ref.js";
import { readLocalRecords } from "../store/local.js";
import { parseRecordFiles } from "../store/records.js";
import { EXIT, formatIssues, processIO, type CliIO } from "./io.js";

export interface ReplayFlags {
  base: string;
  head?: string;
  records?: string;
  dir: string;
  limit?: string;
  days?: string;
  at?: string;
  repo?: string;
  json?: boolean;
}

const POLICIES = "policies";

/** Policies at a ref (or the working tree when `ref` is undefined), and how to name them. */
async function policiesAt(dir: string, ref: string | undefined): Promise<{ result: CompileResult; label: string }> {
  if (ref === undefined) {
    const { files, oversized } = await readPolicyFiles(dir, POLICIES);
    return { result: compilePolicies(files, { root: POLICIES, oversized }), label: "the working tree" };
  }
  const commit = await resolveCommit(dir, ref);
  const { files, oversized } = await filesAt(dir, commit, [POLICIES]);
  return { result: compilePolicies(files, { root: POLICIES, oversized }), label: `${ref} (${commit.slice(0, 7)})` };
}

async function recordsAt(dir: string, ref: string | undefined, io: CliIO): Promise<IncidentRecord[]> {
  if (ref === undefined) {
    const { records, unreadable } = await readLocalRecords(dir);
    for (const u of unreadable) io.err(`warning: not replayed: ${u.error}`);
    return records;
  }
  const { files } = await filesAt(dir, await resolveCommit(dir, ref), ["incidents"]);
  const { records, unreadable } = parseRecordFiles(Object.entries(files));
  for (const u of unreadable) io.err(`warning: not replayed: ${u.error}`);
  return records;
}

function whole(text: string | undefined, flag: string, min: number, max: number): number | undefined | { error: string } {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : { error: `${flag} "${text}" must be a whole number from ${min} to ${max}` };
}

export async function runReplay(flags: ReplayFlags, io: CliIO, now = Date.now()): Promise<number> {
  const limit = whole(flags.limit, "--limit", 1, 100_000);
  const days = whole(flags.days, "--days", 1, 365);
  const at = flags.at === undefined ? now : Date.parse(flags.at);
  for (const v of [limit, days]) {
    if (typeof v === "object") {
      io.err(v.error);
      return EXIT.usage;
    }
  }
  if (Number.isNaN(at) || (flags.at !== undefined && !/(?:Z|[+-]\d\d:\d\d)$/.test(flags.at))) {
    io.err(`--at "${flags.at ?? ""}" is not an ISO time with a zone (e.g. 2026-03-02T10:00:00Z)`);
    return EXIT.usage;
  }
  if (flags.repo !== undefined && !/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(flags.repo)) {
    io.err(`--repo "${flags.repo}" is not OWNER/REPO`);
    return EXIT.usage;
  }
  let base;
  let head;
  let records;
  try {
    [base, head, records] = await Promise.all([policiesAt(flags.dir, flags.base), policiesAt(flags.dir, flags.head), recordsAt(flags.dir, flags.records, io)]);
  } catch (e) {
    if (!(e instanceof GitRefError)) throw e;
    io.err(e.message);
    return EXIT.usage;
  }
  const load = (side: { result: CompileResult; label: string }, which: string): Policies | null => {
    if (side.result.policies) return side.result.policies;
    io.err(`the ${which} policies (${side.label}) do not load:\n${formatIssues(side.result.issues.filter((i) => i.level === "error"))}`);
    return null;
  };
  const basePolicies = load(base, "base");
  const headPolicies = load(head, "head");
  if (!basePolicies || !headPolicies) return EXIT.problems;
  const report = replayPolicies({
    base: basePolicies,
    head: headPolicies,
    records,
    now: at,
    onCall: policyOnCall,
    ...(typeof limit === "number" ? { limit } : {}),
    ...(typeof days === "number" ? { oncallDays: days } : {}),
  });
  if (flags.json) io.out(JSON.stringify(report, null, 2));
  else {
    const repo = flags.repo;
    io.out(replayMarkdown(report, {
      base: base.label,
      head: head.label,
      rotations: headPolicies.rotations,
      ...(repo ? { incidentUrl: (id: string, issue: number | null) => (issue !== null ? `https://github.com/${repo}/issues/${issue}` : `https://github.com/${repo}/blob/HEAD/incidents/${encodeURIComponent(id)}.yaml`) } : {}),
    }));
    io.err(replayHeadline(report));
  }
  return report.rewrites.length > 0 ? EXIT.problems : EXIT.ok;
}

export function registerReplay(program: Command, io: CliIO = processIO): void {
  program
    .command("replay")
    .description("replay recent alerts from the incident records through the policies at two git refs, and compare on-call ahead")
    .requiredOption("--base <ref>", "the policies before the change (a branch, tag or sha)")
    .option("--head <ref>", "the policies after the change (default: the working tree)")
    .option("--records <ref>", "read incidents/ at this ref (e.g. the records branch) instead of the working tree")
    .option("--limit <n>", "how many of the most recent alerts to replay (default: review.yaml replay.alerts, 500)")
    .option("--days <n>", "days of on-call to compare (default: review.yaml replay.oncall_days, 14)")
    .option("--at <iso-time>", "compare on-call from this time (default: now)")
    .option("--repo <owner/repo>", "link incidents to their issues in this GitHub repository")
    .option("--json", "print the report as JSON")
    .option("--dir <dir>", "repository root", ".")
    .action(async (flags: ReplayFlags) => {
      process.exitCode = await runReplay(flags, io);
    });
}
