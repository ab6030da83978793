// A snapshot of files in memory, read the way the store reads the records branch (for tests).
import type { StoredFile, TreeReader } from "../git.js";

export function memoryTree(files: readonly StoredFile[]): TreeReader & { reads: string[][] } {
  const reads: string[][] = [];
  return {
    reads,
    list: (dir) => Promise.resolve(files.map((f) => f.path).filter((p) => p.startsWith(`${dir.replace(/\/+$/, "")}/`) && !p.slice(dir.replace(/\/+$/, "").length + 1).includes("/")).sort()),
    read: (paths) => {
      reads.push([...paths]);
      return Promise.resolve(new Map(files.filter((f) => paths.includes(f.path)).map((f) => [f.path, f.content])));
    },
  };
}
