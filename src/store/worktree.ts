// The records live in a worktree of the Action's own checkout: it shares the checkout's remote and
// credentials, and the store may hard-reset it without touching the workspace.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { StoreError } from "./errors.js";

export async function addRecordsWorktree(workspace: string, parent = process.env.RUNNER_TEMP ?? tmpdir()): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = join(await mkdtemp(join(parent, "incident-records-")), "tree");
  const git = simpleGit(workspace);
  try {
    await git.raw(["worktree", "add", "--detach", "--force", dir]);
  } catch (e) {
    throw new StoreError("git", false, `cannot create a records worktree from ${workspace} (is it a git checkout with a commit?): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return { dir, remove: async () => void (await git.raw(["worktree", "remove", "--force", dir]).catch(() => "")) };
}
