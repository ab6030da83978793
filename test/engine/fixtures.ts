// Test fixtures for the engine: the shipped policies compiled with the real loader (every file
// kind, schema and cross-check), and fixed on-call answers.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { compileWith, type Registry } from "../../src/config/compile.js";
import { registry } from "../../src/config/registry.js";
import type { Policies } from "../../src/config/types.js";
import type { OnCall } from "../../src/engine/oncall-port.js";
import { stubOnCall } from "../../src/engine/stub-oncall.js";

/** The nearest directory with a package.json (also right when this file is bundled, e.g. by the bench). */
export const repoRoot = ((): string => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export const fullRegistry: Registry = registry;

export function policyFiles(dir = "policies"): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs)) {
      const p = join(abs, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(repoRoot, p)] = readFileSync(p, "utf8");
    }
  };
  walk(join(repoRoot, dir));
  return files;
}

let cached: Policies | undefined;

/** The shipped policies. Throws with every issue if they do not compile. */
export function shippedPolicies(): Policies {
  if (cached) return cached;
  const result = compileWith(fullRegistry, policyFiles());
  if (!result.policies) {
    const errors = result.issues.filter((i) => i.level === "error").map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`);
    throw new Error(`shipped policies do not compile:\n${errors.join("\n")}`);
  }
  return (cached = result.policies);
}

/** Fixed people on call in every shipped rotation. */
export const ONCALL_TABLE = {
  "api-oncall": { primary: "alice-example", secondary: "bob-example", senior: "frank-example" },
  "web-oncall": { primary: "grace-example", secondary: "bob-example", senior: "bob-example" },
  "database-oncall": { primary: "dana-example", secondary: "alice-example", senior: "alice-example" },
  "auth-oncall": { primary: "charlie-example", secondary: "erin-example", senior: "erin-example" },
};

export function testOnCall(policies: Policies = shippedPolicies()): OnCall {
  return stubOnCall(policies, ONCALL_TABLE);
}
