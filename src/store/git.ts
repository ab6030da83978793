// The records branch over git plumbing. Reads come straight from the object database at the
// remote's tip (`ls-tree`, `cat-file --batch`) and writes build a commit from the changed
// directories' trees alone (`hash-object`, `mktree`, `commit-tree`; tree.ts) pushed by its hash: no
// working tree is checked out or touched, so the store may share the Action's own checkout, and a
// run costs the same whether the branch holds ten records or ten thousand. Every git invocation
// passes its arguments as an array (no shell); paths are checked against a strict shape first.
//
// Dedicated records branch: when `branch` does not exist on the remote yet, `sync()` leaves the
// store without a base and the first commit is an orphan (an empty tree plus the records, no code
// history). Two runs creating it at once race like any other write — the loser's push is rejected
// as non-fast-forward and it retries on the branch the winner created.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SAFE_MESSAGE, type CommitMessage } from "./commit-message.js";
import { classifyGitFailure, StoreError, storeErrorFor } from "./errors.js";
import { writeTree } from "./tree.js";

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

/** Reading files of one snapshot: what a record source needs (GitStore at its tip, or a checkout on disk). */
export interface TreeReader {
  /** Paths of the files directly inside `dir` (not in its sub-folders), sorted. */
  list(dir: string): Promise<string[]>;
  /** The contents of `paths` that exist. */
  read(paths: readonly string[]): Promise<Map<string, string>>;
}

/** What `transact` needs from a store; `GitStore` implements it, test fakes can too. */
export interface RecordStore extends TreeReader {
  sync(): Promise<void>;
  /** Every file under `prefix`, recursively, sorted by path. */
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

function checkDir(prefix: string): string {
  const bare = prefix.replace(/\/+$/, "");
  if (!isSafePath(bare)) throw new StoreError("invalid-change", false, `not a safe path prefix: ${JSON.stringify(prefix)}`);
  return bare;
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
  const store = new GitStore(dir, branch, remote, author);
  const inside = await store.git(["rev-parse", "--git-dir"]).catch(() => null);
  if (inside === null) throw new StoreError("git", false, `${dir} is not a git repository`);
  return store;
}

interface GitRun {
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
}

export class GitStore implements RecordStore {
  #base: string | null = null; // the remote tip we last synced to (null: branch not created yet)
  #baseTree: string | null = null;
  #pendingTree: string | null = null;

  constructor(
    readonly dir: string,
    readonly branch: string,
    readonly remote: string,
    readonly author: GitAuthor = DEFAULT_AUTHOR,
  ) {}

  get base(): string | null {
    return this.#base;
  }

  /** Fetch the branch; later reads and the next commit start from its tip. */
  async sync(): Promise<void> {
    const tracking = `refs/remotes/${this.remote}/${this.branch}`;
    try {
      await this.git(["fetch", "--no-tags", "--quiet", this.remote, `+refs/heads/${this.branch}:${tracking}`]);
    } catch (e) {
      const text = errorText(e);
      if (!/couldn't find remote ref/i.test(text)) throw this.#failure(e, "fetch");
      this.#base = null;
      this.#baseTree = null;
      return;
    }
    const [commit, tree] = (await this.#local(["rev-parse", `${tracking}^{commit}`, `${tracking}^{tree}`])).trim().split("\n");
    this.#base = commit ?? null;
    this.#baseTree = tree ?? null;
  }

  async list(dir: string): Promise<string[]> {
    const bare = checkDir(dir);
    if (this.#base === null) return [];
    const out = await this.#local(["ls-tree", "-z", this.#base, "--", `${bare}/`]);
    return out
      .split("\0")
      .filter((l) => l.includes(" blob "))
      .map((l) => l.slice(l.indexOf("\t") + 1))
      .filter(isSafePath)
      .sort();
  }

  async read(paths: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (this.#base === null || paths.length === 0) return out;
    for (const p of paths) if (!isSafePath(p)) throw new StoreError("invalid-change", false, `not a readable path: ${JSON.stringify(p)}`);
    const raw = await this.#buffer(["cat-file", "--batch"], paths.map((p) => `${this.#base}:${p}\n`).join(""));
    let at = 0;
    for (const path of paths) {
      const nl = raw.indexOf(10, at);
      const header = raw.subarray(at, nl).toString("utf8");
      at = nl + 1;
      if (header.endsWith(" missing")) continue;
      const size = Number(header.split(" ")[2]);
      out.set(path, raw.subarray(at, at + size).toString("utf8"));
      at += size + 1;
    }
    return out;
  }

  async readAll(prefix = "incidents/"): Promise<StoredFile[]> {
    const bare = checkDir(prefix);
    if (this.#base === null) return [];
    const listed = await this.#local(["ls-tree", "-r", "-z", "--name-only", this.#base, "--", bare]);
    // Dotfiles (.gitkeep) and other names we never write are not ours to read.
    const paths = listed.split("\0").filter((p) => p.length > 0 && isSafePath(p)).sort();
    const contents = await this.read(paths);
    return paths.flatMap((path) => {
      const content = contents.get(path);
      return content === undefined ? [] : [{ path, content }];
    });
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
    const scratch = await mkdtemp(join(tmpdir(), "iac-blobs-"));
    let commit: string;
    try {
      const writes = changes.filter((c): c is { path: string; content: string } => c.content !== null);
      // One process for every blob: the contents go through scratch files and --stdin-paths.
      const files = await Promise.all(
        writes.map(async (c, i) => {
          const file = join(scratch, `blob-${i}`);
          await writeFile(file, c.content, "utf8");
          return file;
        }),
      );
      const shas = files.length > 0 ? (await this.#local(["hash-object", "-w", "--stdin-paths"], { input: `${files.join("\n")}\n` })).trim().split("\n") : [];
      const blobs = new Map(writes.map((c, i) => [c.path, shas[i] ?? ""]));
      const tree = await writeTree((args, input) => this.#local(args, input === undefined ? {} : { input }), this.#base, changes, blobs);
      if (tree === this.#baseTree) return "nothing-to-commit";
      commit = (await this.#local(["commit-tree", tree, ...(this.#base === null ? [] : ["-p", this.#base]), "-m", message])).trim();
      this.#pendingTree = tree;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    try {
      await this.git(["push", "--porcelain", "--no-verify", this.remote, `${commit}:refs/heads/${this.branch}`]);
    } catch (e) {
      const failure = classifyGitFailure(errorText(e));
      if (failure.kind === "conflict") return "conflict";
      throw storeErrorFor(failure, "push", this.branch, errorText(e), e);
    }
    this.#base = commit;
    this.#baseTree = this.#pendingTree;
    return "pushed";
  }

  /** git with the store's identity and no signing from the environment; rejects with git's output. */
  git(args: string[], run: GitRun = {}): Promise<string> {
    return this.#run(args, run).then((b) => b.toString("utf8"));
  }

  #buffer(args: string[], input: string): Promise<Buffer> {
    return this.#run(args, { input }).catch((e: unknown) => {
      throw new StoreError("git", false, `git ${args[0] ?? ""} failed in ${this.dir}: ${errorText(e)}`, { cause: e });
    });
  }

  #run(args: string[], run: GitRun): Promise<Buffer> {
    const full = ["-c", `user.name=${this.author.name}`, "-c", `user.email=${this.author.email}`, "-c", "commit.gpgsign=false", ...args];
    return new Promise((resolve, reject) => {
      const child = execFile("git", full, { cwd: this.dir, encoding: "buffer", env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...run.env }, maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(Object.assign(new Error(`${error.message}\n${stderr.toString("utf8")}`, { cause: error }), { output: `${stdout.toString("utf8")}\n${stderr.toString("utf8")}` }));
        else resolve(stdout);
      });
      if (run.input !== undefined) child.stdin?.end(run.input);
    });
  }

  /** Local git steps: a failure here is not about the remote, so it is a plain non-retryable error. */
  async #local(args: string[], run: GitRun = {}): Promise<string> {
    try {
      return await this.git(args, run);
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
  if (typeof e === "object" && e !== null && "output" in e) return `${e instanceof Error ? e.message : ""}\n${String(e.output)}`;
  return e instanceof Error ? e.message : String(e);
}
