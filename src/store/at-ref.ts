// The repository as it was at a git ref, read with real git (no checkout, nothing written): the
// policies a pull request's base had, the records a past commit held, the previous committed
// version of a file. `dir` may be any directory inside a work tree; paths are relative to it, as
// the CLI's --dir is. Every git invocation passes its arguments as an array (no shell).
import { spawn } from "node:child_process";
import { simpleGit, type SimpleGit } from "simple-git";
import { MAX_POLICY_BYTES } from "../config/document.js";

/** A ref git cannot resolve, or a directory that is not in a git work tree. */
export class GitRefError extends Error {
  override readonly name = "GitRefError";
}

export interface FilesAtRef {
  /** Path (relative to `dir`) → contents. */
  files: Record<string, string>;
  /** Files over the size limit, not read: path → bytes. */
  oversized: Record<string, number>;
}

const READABLE = /\.(?:ya?ml|njk|md)$/;
const SAFE_REF = /^[A-Za-z0-9_.][A-Za-z0-9_./@{}~^:+-]{0,199}$/;

function gitIn(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir });
}

async function raw(dir: string, args: string[]): Promise<string> {
  try {
    return await gitIn(dir).raw(args);
  } catch (e) {
    throw new GitRefError(`git ${args[0] ?? ""} failed in ${dir}: ${e instanceof Error ? e.message.trim() : String(e)}`);
  }
}

/** Whether `dir` is inside a git work tree. */
export async function isGitWorkTree(dir: string): Promise<boolean> {
  return (await gitIn(dir).raw(["rev-parse", "--is-inside-work-tree"]).catch(() => "")).trim() === "true";
}

/** The commit a ref names (branch, tag, sha, HEAD~2 …). Throws GitRefError with git's reason. */
export async function resolveCommit(dir: string, ref: string): Promise<string> {
  if (!SAFE_REF.test(ref) || ref.startsWith("-")) throw new GitRefError(`not a usable git ref: ${JSON.stringify(ref)}`);
  const out = await gitIn(dir).raw(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).catch(() => "");
  const sha = out.trim();
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new GitRefError(`${ref} is not a commit in the repository at ${dir} (a branch, tag or sha; fetch it first if it lives on a remote)`);
  return sha;
}

/** The committer time of a commit, epoch ms: when it entered the history. */
export async function commitTime(dir: string, commit: string): Promise<number> {
  const out = await raw(dir, ["show", "-s", "--format=%ct", commit]);
  return Number(out.trim()) * 1000;
}

/** The last commit (from HEAD) that changed `path`, or null when no commit did. */
export async function lastCommitTouching(dir: string, path: string): Promise<string | null> {
  const out = await raw(dir, ["log", "-1", "--format=%H", "--", path]);
  return out.trim() || null;
}

/** Whether `path` in the working tree differs from HEAD (or is not in HEAD at all). */
export async function changedSinceHead(dir: string, path: string): Promise<boolean> {
  const out = await raw(dir, ["status", "--porcelain", "--", path]);
  return out.trim().length > 0;
}

/** The parent of a commit, or null for a root commit. */
export async function parentOf(dir: string, commit: string): Promise<string | null> {
  const out = await gitIn(dir).raw(["rev-parse", "--verify", "--quiet", `${commit}^`]).catch(() => "");
  return out.trim() || null;
}

/**
 * The policy-like files (YAML, templates, markdown) under `prefixes` (relative to `dir`) at
 * `commit`. Files over the policy size limit are listed in `oversized`, not read.
 */
export async function filesAt(dir: string, commit: string, prefixes: readonly string[]): Promise<FilesAtRef> {
  const listing = await raw(dir, ["ls-tree", "-r", "-z", "-l", commit, "--", ...prefixes]);
  const wanted: { path: string; sha: string }[] = [];
  const oversized: Record<string, number> = {};
  for (const entry of listing.split("\0")) {
    const m = /^\d+ blob ([0-9a-f]+)\s+(\d+|-)\t(.+)$/s.exec(entry);
    if (!m || !READABLE.test(m[3] ?? "")) continue;
    const [, sha = "", size = "0", path = ""] = m;
    if (Number(size) > MAX_POLICY_BYTES) oversized[path] = Number(size);
    else wanted.push({ path, sha });
  }
  const contents = await catBlobs(dir, wanted.map((w) => w.sha));
  const files: Record<string, string> = {};
  wanted.forEach((w, i) => (files[w.path] = contents[i] ?? ""));
  return { files, oversized };
}

/** One file at `commit`, or null when the commit does not have it. */
export async function fileAt(dir: string, commit: string, path: string): Promise<string | null> {
  const { files } = await filesAt(dir, commit, [path]);
  return files[path] ?? null;
}

/** Blob contents in order, through one `git cat-file --batch` process. */
function catBlobs(dir: string, shas: readonly string[]): Promise<string[]> {
  if (shas.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", (e) => reject(new GitRefError(`git cat-file failed in ${dir}: ${e.message}`)));
    child.on("close", (code) => {
      if (code !== 0) return reject(new GitRefError(`git cat-file failed in ${dir}: ${stderr.trim() || `exit ${code}`}`));
      const out = Buffer.concat(chunks);
      const result: string[] = [];
      let at = 0;
      for (const sha of shas) {
        const eol = out.indexOf(0x0a, at);
        const header = out.subarray(at, eol).toString();
        const m = /^([0-9a-f]+) blob (\d+)$/.exec(header);
        if (!m || m[1] !== sha) return reject(new GitRefError(`git cat-file answered "${header}" for ${sha}`));
        const size = Number(m[2]);
        result.push(out.subarray(eol + 1, eol + 1 + size).toString("utf8"));
        at = eol + 1 + size + 1;
      }
      resolve(result);
    });
    child.stdin.end(shas.join("\n") + "\n");
  });
}
