// Policy loading: the pure compiler over file contents, and the thin reader for a checkout.
import { compileWith, type CompileOptions, type CompileResult } from "./compile.js";
import { readPolicyFiles } from "./read.js";
import { registry } from "./registry.js";

export type { CompileResult } from "./compile.js";
export type { PolicyIssue } from "./kinds.js";

export function compilePolicies(files: Readonly<Record<string, string>>, options: CompileOptions = {}): CompileResult {
  return compileWith(registry, files, options);
}

/** Reads `<repoRoot>/<policiesDir>` and compiles it; `now` (epoch ms) turns on time-dependent warnings. */
export async function loadPolicyDir(repoRoot: string, policiesDir = "policies", options: { now?: number } = {}): Promise<CompileResult> {
  const { files, oversized } = await readPolicyFiles(repoRoot, policiesDir);
  return compilePolicies(files, { root: policiesDir, oversized, ...options });
}
