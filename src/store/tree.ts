// A new tree from a base tree and a few file changes, touching only the directories on the changed
// paths: each is listed (`ls-tree`), edited and written again (`mktree`), deepest first. The cost is
// that of the directories changed — the live records, one month of the archive — never that of the
// whole history, which a full index (`read-tree` of everything) would cost on every commit.
import type { FileChange } from "./git.js";

/** Runs git with stdin; resolves to stdout. */
export type RunGit = (args: string[], input?: string) => Promise<string>;

interface Entry {
  mode: string;
  type: string;
  sha: string;
}

function parent(dir: string): string {
  const i = dir.lastIndexOf("/");
  return i < 0 ? "" : dir.slice(0, i);
}

function base(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `baseCommit` null: an orphan (the empty tree plus the changes). `blobs`: the blob of each written path. */
export async function writeTree(git: RunGit, baseCommit: string | null, changes: readonly FileChange[], blobs: ReadonlyMap<string, string>): Promise<string> {
  const dirs = new Set<string>([""]);
  for (const c of changes) for (let d = parent(c.path); d !== ""; d = parent(d)) dirs.add(d);
  const entries = new Map<string, Map<string, Entry>>([...dirs].map((d) => [d, new Map()]));
  if (baseCommit !== null) {
    const listed = [await git(["ls-tree", "-z", baseCommit]), await git(["ls-tree", "-z", baseCommit, "--", ...[...dirs].filter((d) => d !== "").map((d) => `${d}/`)])];
    for (const line of listed.join("").split("\0")) {
      const tab = line.indexOf("\t");
      if (tab < 0) continue;
      const [mode = "", type = "", sha = ""] = line.slice(0, tab).split(" ");
      const path = line.slice(tab + 1);
      entries.get(parent(path))?.set(base(path), { mode, type, sha });
    }
  }
  for (const c of changes) {
    const dir = entries.get(parent(c.path));
    if (!dir) continue;
    const blob = blobs.get(c.path);
    if (c.content === null || blob === undefined) dir.delete(base(c.path));
    else dir.set(base(c.path), { mode: "100644", type: "blob", sha: blob });
  }
  // Deepest first: a directory's new tree goes into its parent's listing (an empty one is dropped).
  const depth = (d: string): number => (d === "" ? 0 : d.split("/").length);
  const order = [...dirs].sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : 1));
  let root = "";
  for (const d of order) {
    const list = entries.get(d) ?? new Map<string, Entry>();
    const input = [...list].map(([name, e]) => `${e.mode} ${e.type} ${e.sha}\t${name}\0`).join("");
    const sha = (await git(["mktree", "-z"], input)).trim();
    if (d === "") root = sha;
    else if (list.size === 0) entries.get(parent(d))?.delete(base(d));
    else entries.get(parent(d))?.set(base(d), { mode: "040000", type: "tree", sha });
  }
  return root;
}
