// The thin reader: collects the policy directory's files into memory for compilePolicies.
// Files over the size limit are not read at all (bounded memory); the compiler reports them by name.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { MAX_POLICY_BYTES } from "./document.js";

const READABLE = /\.(?:ya?ml|njk|md)$/;

export interface PolicyFiles {
  /** Repository-relative path → contents, for every policy, template and runbook file. */
  files: Record<string, string>;
  /** Files over the size limit, by path → size in bytes; these are not read. */
  oversized: Record<string, number>;
}

export async function readPolicyFiles(repoRoot: string, policiesDir = "policies"): Promise<PolicyFiles> {
  const files: Record<string, string> = {};
  const oversized: Record<string, number> = {};
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && READABLE.test(entry.name)) {
        const rel = relative(repoRoot, full).split(sep).join("/");
        const size = (await stat(full)).size;
        if (size > MAX_POLICY_BYTES) oversized[rel] = size;
        else files[rel] = await readFile(full, "utf8");
      }
    }
  };
  await walk(join(repoRoot, policiesDir));
  return { files, oversized };
}
