// Real git for store tests: a bare repository in a temp dir plays the remote; each worker is a clone.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ID = ["-c", "user.name=seed", "-c", "user.email=seed@example.com", "-c", "commit.gpgsign=false"];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", [...ID, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export interface Remote {
  root: string;
  bare: string;
  cleanup(): void;
}

/** A bare remote whose `main` has one commit (a README). */
export function makeRemote(): Remote {
  const root = mkdtempSync(join(tmpdir(), "iac-store-"));
  const bare = join(root, "remote.git");
  git(root, "init", "--quiet", "--bare", "--initial-branch=main", bare);
  const seed = join(root, "seed");
  git(root, "clone", "--quiet", bare, seed);
  git(seed, "checkout", "--quiet", "-b", "main");
  writeFileSync(join(seed, "README.md"), "# repo\n");
  git(seed, "add", "README.md");
  git(seed, "commit", "--quiet", "-m", "seed");
  git(seed, "push", "--quiet", "origin", "main");
  return { root, bare, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function cloneWorker(remote: Remote, name: string): string {
  const dir = join(remote.root, name);
  git(remote.root, "clone", "--quiet", remote.bare, dir);
  return dir;
}

/** Install a server-side hook in the bare repo (e.g. a pre-receive that plays branch protection). */
export function installHook(remote: Remote, hook: string, script: string): void {
  const path = join(remote.bare, "hooks", hook);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
}

/** Files at the tip of `branch` on the remote, read straight from the bare repo. */
export function remoteFiles(remote: Remote, branch: string, prefix = "incidents/"): string[] {
  const out = git(remote.bare, "ls-tree", "-r", "--name-only", branch, "--", prefix);
  return out.split("\n").filter(Boolean).sort();
}

export function remoteFile(remote: Remote, branch: string, path: string): string {
  return git(remote.bare, "show", `${branch}:${path}`);
}

export function remoteLog(remote: Remote, branch: string): string[] {
  return git(remote.bare, "log", "--format=%an <%ae>|%cn|%s", branch).split("\n").filter(Boolean);
}
