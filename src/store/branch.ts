// Side branches next to the records (post-mortem branches, the expired-silences cleanup): made with
// git plumbing in the store's clone — a throwaway index, `commit-tree`, a push that never forces —
// so neither the store's working tree nor the Action's checkout is touched, and read back with
// `fetch` + `show`.
// Arguments go to git as arrays (no shell); branch names and paths are checked first.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommitMessage } from "./commit-message.js";
import { SAFE_MESSAGE } from "./commit-message.js";
import { classifyGitFailure, StoreError, storeErrorFor } from "./errors.js";
import { DEFAULT_AUTHOR, isSafePath, type GitAuthor } from "./git.js";

export interface BranchRepo {
  /** A clone (or worktree) whose `remote` is the repository: the store's own is fine. */
  dir: string;
  remote: string;
  author?: GitAuthor;
}

export type CreateOutcome = { outcome: "created" | "existed"; sha: string };

const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

function checkBranch(branch: string): void {
  if (!BRANCH.test(branch) || branch.includes("..") || branch.endsWith(".lock") || branch.endsWith("/")) {
    throw new StoreError("invalid-change", false, `not a usable branch name: ${JSON.stringify(branch)}`);
  }
}

function git(repo: BranchRepo, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const author = repo.author ?? DEFAULT_AUTHOR;
  const full = ["-c", `user.name=${author.name}`, "-c", `user.email=${author.email}`, "-c", "commit.gpgsign=false", ...args];
  return new Promise((resolve, reject) => {
    const child = execFile("git", full, { cwd: repo.dir, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(new Error(error.message, { cause: error }), { output: `${stdout}\n${stderr}` }));
      else resolve(stdout);
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

const outputOf = (e: unknown): string => (typeof e === "object" && e !== null && "output" in e ? String(e.output) : String(e));

/** The remote's tip of `branch`, fetched into `refs/remotes/<remote>/<branch>`; null when the branch does not exist. */
export async function fetchBranch(repo: BranchRepo, branch: string): Promise<string | null> {
  checkBranch(branch);
  const tracking = `refs/remotes/${repo.remote}/${branch}`;
  try {
    await git(repo, ["fetch", "--no-tags", repo.remote, `+refs/heads/${branch}:${tracking}`]);
  } catch (e) {
    const text = outputOf(e);
    if (/couldn't find remote ref/i.test(text)) return null;
    const failure = classifyGitFailure(text);
    throw failure.kind === "conflict" ? new StoreError("git", false, `git fetch failed: ${text}`, { cause: e }) : storeErrorFor(failure, "fetch", branch, text, e);
  }
  return (await git(repo, ["rev-parse", "--verify", tracking])).trim();
}

/** A file at `sha` (a commit fetched before), or null when the commit does not have it. */
export async function showFile(repo: BranchRepo, sha: string, path: string): Promise<string | null> {
  if (!/^[0-9a-f]{40}$/.test(sha) || !isSafePath(path)) throw new StoreError("invalid-change", false, `not a readable file: ${JSON.stringify(`${sha}:${path}`)}`);
  return git(repo, ["show", `${sha}:${path}`]).catch(() => null);
}

/**
 * Creates `branch` on the remote from the tip of `base` plus `files`, unless it exists (then it is
 * reused as it is: people may have pushed to it). Never forces: losing a race to another run that
 * created it is "existed" too.
 */
export async function createBranch(repo: BranchRepo, input: { branch: string; base: string; files: { path: string; content: string }[]; message: CommitMessage }): Promise<CreateOutcome> {
  checkBranch(input.branch);
  if (!SAFE_MESSAGE.test(input.message)) throw new StoreError("invalid-change", false, "commit message must come from commitMessage()");
  const bad = input.files.find((f) => !isSafePath(f.path));
  if (bad) throw new StoreError("invalid-change", false, `refusing to write ${JSON.stringify(bad.path)}`);
  const existing = await fetchBranch(repo, input.branch);
  if (existing !== null) return { outcome: "existed", sha: existing };
  const baseSha = await fetchBranch(repo, input.base);
  if (baseSha === null) throw new StoreError("git", true, `cannot branch ${input.branch} from ${input.base}: ${input.base} does not exist on the remote yet`);

  const scratch = await mkdtemp(join(tmpdir(), "iac-index-"));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, "index") };
    await git(repo, ["read-tree", baseSha], { env });
    for (const f of input.files) {
      const blob = (await git(repo, ["hash-object", "-w", "--stdin"], { input: f.content })).trim();
      await git(repo, ["update-index", "--add", "--cacheinfo", `100644,${blob},${f.path}`], { env });
    }
    const tree = (await git(repo, ["write-tree"], { env })).trim();
    const commit = (await git(repo, ["commit-tree", tree, "-p", baseSha, "-m", input.message])).trim();
    const pushed = await pushNoForce(repo, commit, input.branch);
    if (pushed.landed) return { outcome: "created", sha: commit };
    if (pushed.tip === null) throw new StoreError("git", true, `push of ${input.branch} was rejected but the branch does not exist: ${pushed.text}`, { cause: pushed.cause });
    return { outcome: "existed", sha: pushed.tip };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What `commitToBranch` did: "existed" when the branch already had every change (nothing pushed). */
export type CommitOutcome = { outcome: "created" | "updated" | "existed"; sha: string; note: string | null };

/**
 * Deletes `deletions` on `branch` and pushes, never forcing: a new branch starts from the tip of
 * `base`; an existing one first takes in what `base` gained since (a merge, so a file added to the
 * base later can be deleted too — skipped with a note when it does not merge cleanly) and keeps
 * whatever people pushed to it. Paths the branch does not have are skipped. Losing a push race is
 * "existed": the next run starts from the winner's tip.
 */
export async function commitToBranch(repo: BranchRepo, input: { branch: string; base: string; deletions: readonly string[]; message: string }): Promise<CommitOutcome> {
  checkBranch(input.branch);
  if (!SAFE_MESSAGE.test(input.message)) throw new StoreError("invalid-change", false, `unsafe commit message: ${JSON.stringify(input.message.slice(0, 80))}`);
  const bad = input.deletions.find((p) => !isSafePath(p));
  if (bad) throw new StoreError("invalid-change", false, `refusing to delete ${JSON.stringify(bad)}`);
  const baseSha = await fetchBranch(repo, input.base);
  if (baseSha === null) throw new StoreError("git", true, `cannot commit to ${input.branch}: ${input.base} does not exist on the remote`);
  const tip = await fetchBranch(repo, input.branch);
  let parents = [tip ?? baseSha];
  let startTree = `${tip ?? baseSha}^{tree}`;
  let note: string | null = null;
  if (tip !== null && !(await isAncestor(repo, baseSha, tip))) {
    const merged = await git(repo, ["merge-tree", "--write-tree", "--no-messages", tip, baseSha]).then(
      (out) => out.split("\n")[0]?.trim() ?? "",
      () => null,
    );
    if (merged) {
      parents = [tip, baseSha];
      startTree = merged;
    } else note = `${input.branch} does not merge cleanly with ${input.base}; deleted what it has`;
  }
  const scratch = await mkdtemp(join(tmpdir(), "iac-index-"));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, "index") };
    await git(repo, ["read-tree", startTree], { env });
    const present = (await git(repo, ["ls-files", "-z", "--", ...input.deletions], { env })).split("\0").filter(Boolean);
    if (present.length > 0) await git(repo, ["rm", "--cached", "--quiet", "--", ...present], { env });
    const tree = (await git(repo, ["write-tree"], { env })).trim();
    const current = tip === null ? null : (await git(repo, ["rev-parse", `${tip}^{tree}`])).trim();
    if (tip !== null && parents.length === 1 && tree === current) return { outcome: "existed", sha: tip, note };
    const commit = (await git(repo, ["commit-tree", tree, ...parents.flatMap((p) => ["-p", p]), "-m", input.message])).trim();
    const pushed = await pushNoForce(repo, commit, input.branch);
    if (!pushed.landed) return { outcome: "existed", sha: pushed.tip ?? commit, note: `another run pushed ${input.branch} first` };
    return { outcome: tip === null ? "created" : "updated", sha: commit, note };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Pushes `commit` to `branch`, never forcing. When another run's push won the race: not landed,
 * with the branch's tip now (null when it does not exist). Any other failure throws StoreError.
 */
async function pushNoForce(repo: BranchRepo, commit: string, branch: string): Promise<{ landed: true } | { landed: false; tip: string | null; text: string; cause: unknown }> {
  try {
    await git(repo, ["push", "--porcelain", "--no-verify", repo.remote, `${commit}:refs/heads/${branch}`]);
    return { landed: true };
  } catch (e) {
    const text = outputOf(e);
    const failure = classifyGitFailure(text);
    if (failure.kind !== "conflict") throw storeErrorFor(failure, "push", branch, text, e);
    return { landed: false, tip: await fetchBranch(repo, branch), text, cause: e };
  }
}

async function isAncestor(repo: BranchRepo, ancestor: string, of: string): Promise<boolean> {
  return git(repo, ["merge-base", "--is-ancestor", ancestor, of]).then(
    () => true,
    () => false,
  );
}

/**
 * Of `paths`, those `branch` deletes relative to where it forked from `base` (present at the
 * merge base, gone at the branch's tip); null when the branch does not exist.
 */
export async function branchDeletes(repo: BranchRepo, branch: string, base: string, paths: readonly string[]): Promise<string[] | null> {
  if (paths.length === 0) return [];
  const tip = await fetchBranch(repo, branch);
  if (tip === null) return null;
  const baseSha = await fetchBranch(repo, base);
  if (baseSha === null) return [];
  const fork = (await git(repo, ["merge-base", tip, baseSha]).catch(() => "")).trim();
  if (!fork) return [];
  const listed = async (commit: string): Promise<Set<string>> => new Set((await git(repo, ["ls-tree", "-r", "-z", "--name-only", commit, "--", ...paths])).split("\0").filter(Boolean));
  const [atFork, atTip] = await Promise.all([listed(fork), listed(tip)]);
  return paths.filter((p) => atFork.has(p) && !atTip.has(p));
}
