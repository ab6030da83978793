// What the policy-review door needs read from git, for the Action's validate mode and for
// `incident simulate` alike: the base commit of a pull request's checkout, the base's policies,
// the incident records (on the records branch when it is another branch), and the records the pull
// request changes. Real git on the checkout; nothing is written but fetched refs.
import { simpleGit } from "simple-git";
import { compilePolicies, type CompileResult } from "../config/index.js";
import type { IncidentRecord } from "../incident/record.js";
import { filesAt, GitRefError, resolveCommit } from "./at-ref.js";
import { parseRecordFiles } from "./records.js";

/** The pull request as its event names it. */
export interface PullSides {
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
}

export interface ReviewSides {
  baseSha: string;
  base: CompileResult;
  /** The records the replay reads. */
  records: IncidentRecord[];
  /** Records the pull request changes: the base's and the head's version of each (null: added or deleted). */
  changes: { before: IncidentRecord | null; after: IncidentRecord | null }[];
}

export interface SidesOptions {
  policiesDir: string;
  /** The records branch when it is not the repository's default branch. */
  recordsBranch: string | null;
  /** Told about what could not be read (a record that does not parse, a records branch that could not be fetched). */
  warn: (message: string) => void;
}

/** Throws GitRefError when the checkout lacks the base commit and it cannot be fetched. */
export async function readReviewSides(workspace: string, pull: PullSides, o: SidesOptions): Promise<ReviewSides> {
  const baseSha = await baseCommit(workspace, pull);
  const basePolicies = await filesAt(workspace, baseSha, [o.policiesDir]);
  const base = compilePolicies(basePolicies.files, { root: o.policiesDir, oversized: basePolicies.oversized });
  const recordsAt = await recordsCommit(workspace, pull, baseSha, o);
  const records = await recordsIn(workspace, recordsAt, o.warn);
  const [before, after] = await Promise.all([recordsIn(workspace, baseSha, o.warn), recordsIn(workspace, "HEAD", o.warn)]);
  const changes: ReviewSides["changes"] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id) ?? null;
    const a = after.get(id) ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ before: b, after: a });
  }
  return { baseSha, base, records: [...records.values()], changes };
}

/**
 * The base commit: the first parent of the merge commit GitHub checks out for a pull request
 * (`fetch-depth: 2`); when the checkout is the head commit itself, the event's base sha (fetched
 * if the checkout lacks it).
 */
async function baseCommit(workspace: string, pull: PullSides): Promise<string> {
  const head = await resolveCommit(workspace, "HEAD");
  const parents = (await simpleGit(workspace).raw(["rev-list", "--parents", "-n", "1", head])).trim().split(" ").slice(1);
  if (head !== pull.head.sha && parents.length === 2 && parents[0]) return parents[0];
  const sha = pull.base.sha;
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new GitRefError("the event names no base commit and the checkout is not GitHub's merge commit");
  const have = await resolveCommit(workspace, sha).catch(() => null);
  if (have) return have;
  await simpleGit(workspace)
    .raw(["fetch", "--no-tags", "--depth=1", "origin", sha])
    .catch(() => "");
  return resolveCommit(workspace, sha).catch(() => Promise.reject(new GitRefError(`the checkout lacks the base commit ${sha.slice(0, 7)} and it could not be fetched: check out the pull request with actions/checkout's \`fetch-depth: 2\``)));
}

/** The records (live and archived) at a commit, by id. */
async function recordsIn(dir: string, commit: string, warn: (m: string) => void): Promise<Map<string, IncidentRecord>> {
  const { files } = await filesAt(dir, commit, ["incidents"]);
  const { records, unreadable } = parseRecordFiles(Object.entries(files));
  for (const u of unreadable) warn(`policy replay: ${u.error}`);
  return new Map(records.map((r) => [r.id, r]));
}

/** Where the records are: the records branch when it is not the pull request's base (fetched), else the base commit. */
async function recordsCommit(workspace: string, pull: PullSides, baseSha: string, o: SidesOptions): Promise<string> {
  const branch = o.recordsBranch;
  if (!branch || branch === pull.base.ref) return baseSha;
  const ref = "refs/incident-as-code/records";
  try {
    await simpleGit(workspace).raw(["fetch", "--no-tags", "--depth=1", "origin", `+refs/heads/${branch}:${ref}`]);
    return await resolveCommit(workspace, ref);
  } catch (e) {
    o.warn(`policy replay: could not fetch the records branch ${branch} (${e instanceof Error ? e.message.trim() : String(e)}); replaying the records on the base instead`);
    return baseSha;
  }
}
