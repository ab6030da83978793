// A narrow port over simple-git for the working clone that holds incident records. Every git
// invocation passes its arguments as an array (no shell, no command strings); paths are checked
// against a strict shape before they reach git or the file system.
//
// `dir` must be a clone (or `git worktree`) used only by the store: `sync()` hard-resets it and
// removes untracked files. In the Action, create it next to the checkout, e.g.
// `git worktree add --detach $RUNNER_TEMP/records` — a worktree shares the checkout's credentials.
//
// Dedicated records branch: when `branch` does not exist on the remote yet, `sync()` starts it as an
// orphan (an empty tree, no history): the branch then holds only records, never a stale copy of the
// code, and its first push creates it. Two runs creating it at once race like any other write — the
// loser's push is rejected as non-fast-forward and it retries on the branch the winner created.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { GitError, simpleGit, type SimpleGit } from "simple-git";
import { SAFE_MESSAGE, type CommitMessage } from "./commit-message.js";
import { classifyGitFailure, StoreError, storeErrorFor } from "./errors.js";

export interface GitAuthor {
  name: string;
  email: string;
}

export const DEFAULT_AUTHOR: GitAuthor = {
  name: "incident-as-code[bot]",
  email: "incident-as-code[bot]@users.noreply.github.com",
};

export interface OpenOptions {
  dir: string;
  branch: string;
  remote?: string;
  author?: GitAuthor;
}

/** Write `content` to `path`, or delete `path` when `content` is null. */
export interface FileChange {
  path: string;
  content: string | null;
}

export interface StoredFile {
  path: string;
  content: string;
}

export type PushOutcome = "pushed" | "conflict" | "nothing-to-commit";

/** What `transact` needs from a store; `GitStore` implements it, test fakes can too. */
export interface RecordStore {
  sync(): Promise<void>;
  readAll(prefix?: string): Promise<StoredFile[]>;
  commitAndPush(changes: readonly FileChange[], message: CommitMessage): Promise<PushOutcome>;
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

/** A repository-relative path made only of plain segments (no `..`, no `.git`, no pathspec magic). */
export function isSafePath(path: string): boolean {
  const parts = path.split("/");
  return parts.length > 0 && parts.every((p) => SEGMENT.test(p) && p !== ".git");
}

export async function open(options: OpenOptions): Promise<GitStore> {
  const { dir, branch, remote = "origin", author = DEFAULT_AUTHOR } = options;
  if (!BRANCH.test(branch) || branch.includes("..") || branch.endsWith(".lock") || branch.endsWith("/")) {
    throw new StoreError("invalid-change", false, `not a usable branch name: ${JSON.stringify(branch)}`);
  }
  if (!SEGMENT.test(remote)) throw new StoreError("invalid-change", false, `not a usable remote name: ${JSON.stringify(remote)}`);
  for (const v of [author.name, author.email]) {
    if (/[\n<>]/.test(v) || v.length === 0) throw new StoreError("invalid-change", false, `not a usable author: ${JSON.stringify(author)}`);
  }
  let git: SimpleGit;
  try {
    git = simpleGit({
      baseDir: dir,
      // -c pairs: who commits, and no signing from the environment (hooks are skipped with --no-verify).
      config: [`user.name=${author.name}`, `user.email=${author.email}`, "commit.gpgsign=false"],
    });
  } catch (e) {
    throw new StoreError("git", false, `cannot open ${dir}: ${errorText(e)}`, { cause: e });
  }
  // The environment is inherited (simple-git strips ambient GIT_* variables). On a runner stdin is
  // not a terminal, so a missing credential fails at once instead of prompting.
  const inside = await git.raw(["rev-parse", "--is-inside-work-tree"]).catch(() => "");
  if (inside.trim() !== "true") throw new StoreError("git", false, `${dir} is not a git working tree`);
  return new GitStore(git, dir, branch, remote);
}

export class GitStore implements RecordStore {
  #base: string | null = null; // the remote tip we last synced to (null: branch not created yet)

  constructor(
    private readonly git: SimpleGit,
    readonly dir: string,
    readonly branch: string,
    readonly remote: string,
  ) {}

  get base(): string | null {
    return this.#base;
  }

  /** Fetch the branch and make the working tree exactly the remote's tip (or an empty orphan). */
  async sync(): Promise<void> {
    const tracking = `refs/remotes/${this.remote}/${this.branch}`;
    try {
      await this.git.raw(["fetch", "--no-tags", this.remote, `+refs/heads/${this.branch}:${tracking}`]);
    } catch (e) {
      const text = errorText(e);
      if (!/couldn't find remote ref/i.test(text)) throw this.#failure(e, "fetch");
      await this.#startOrphan(tracking);
      return;
    }
    // Detached: the records branch may be checked out in the Action's own workspace, and git
    // refuses to check one branch out in two worktrees. Pushes name the branch explicitly.
    await this.#raw(["checkout", "--force", "--detach", tracking]);
    await this.#raw(["clean", "-ffdx"]);
    this.#base = (await this.#raw(["rev-parse", "--verify", "HEAD"])).trim();
  }

  async #startOrphan(tracking: string): Promise<void> {
    await this.#raw(["update-ref", "-d", tracking]);
    await this.#raw(["symbolic-ref", "HEAD", `refs/heads/${this.branch}`]);
    await this.#raw(["update-ref", "-d", `refs/heads/${this.branch}`]);
    await this.#raw(["read-tree", "--empty"]);
    await this.#raw(["clean", "-ffdx"]);
    this.#base = null;
  }

  /** Every tracked file under `prefix` (as of the last sync), sorted by path. */
  async readAll(prefix = "incidents/"): Promise<StoredFile[]> {
    const bare = prefix.replace(/\/$/, "");
    if (!isSafePath(bare)) throw new StoreError("invalid-change", false, `not a safe path prefix: ${JSON.stringify(prefix)}`);
    const listed = await this.#raw(["ls-files", "-z", "--", bare]);
    const paths = listed.split("\0").filter((p) => p.length > 0).sort();
    return Promise.all(paths.map(async (path) => ({ path, content: await readFile(join(this.dir, path), "utf8") })));
  }

  /**
   * Commit `changes` on top of the last sync and push. A push the remote refuses because the branch
   * moved since `sync()` is `conflict` (the caller re-syncs and re-decides); every other refusal is
   * a StoreError that says whether to retry.
   */
  async commitAndPush(changes: readonly FileChange[], message: CommitMessage): Promise<PushOutcome> {
    if (!SAFE_MESSAGE.test(message)) throw new StoreError("invalid-change", false, "commit message must come from commitMessage()");
    const bad = changes.find((c) => !isSafePath(c.path));
    if (bad) throw new StoreError("invalid-change", false, `refusing to write outside the records tree: ${JSON.stringify(bad.path)}`);
    if (changes.length === 0) return "nothing-to-commit";

    for (const c of changes) {
      const file = join(this.dir, c.path);
      if (c.content === null) await rm(file, { force: true });
      else {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, c.content, "utf8");
      }
    }
    const paths = changes.map((c) => c.path);
    await this.#raw(["add", "--all", "--", ...paths]);
    const staged = await this.#raw(["diff", "--cached", "--name-only", "-z"]);
    if (staged.length === 0) return "nothing-to-commit";
    await this.#raw(["commit", "--no-verify", "-m", message]);

    try {
      await this.git.raw(["push", "--porcelain", "--no-verify", this.remote, `HEAD:refs/heads/${this.branch}`]);
    } catch (e) {
      const failure = classifyGitFailure(errorText(e));
      if (failure.kind === "conflict") return "conflict";
      throw storeErrorFor(failure, "push", this.branch, errorText(e), e);
    }
    this.#base = (await this.#raw(["rev-parse", "--verify", "HEAD"])).trim();
    return "pushed";
  }

  /** Local git steps: a failure here is not about the remote, so it is a plain non-retryable error. */
  async #raw(args: string[]): Promise<string> {
    try {
      return await this.git.raw(args);
    } catch (e) {
      throw new StoreError("git", false, `git ${args[0] ?? ""} failed in ${this.dir}: ${errorText(e)}`, { cause: e });
    }
  }

  #failure(e: unknown, op: string): StoreError {
    const failure = classifyGitFailure(errorText(e));
    // A fetch cannot lose a race; if its output looks like one, it is some other git problem.
    if (failure.kind === "conflict") return new StoreError("git", false, `git ${op} failed: ${errorText(e)}`, { cause: e });
    return storeErrorFor(failure, op, this.branch, errorText(e), e);
  }
}

function errorText(e: unknown): string {
  if (e instanceof GitError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

