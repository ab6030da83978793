// `incident test [--dir DIR]`: runs the policy test cases in policies/tests/*.yaml against the
// policies, like `promtool test rules`. Exit 0 all pass, 1 a case failed, 2 nothing could run.
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { EngineCliDeps } from "./engine-deps.js";
import { parsePolicyYaml } from "../config/document.js";
import { SchemaChecker } from "../config/schema-check.js";
import { coreSchemas } from "../config/schemas.js";
import { engineSchemas } from "../engine/kinds.js";
import { runPolicyTestFile } from "../engine/policy-tests.js";
import { formatIssues, type CliIO, processIO } from "./io.js";

export interface TestInputs {
  policies: { policies: Policies | null; issues: PolicyIssue[] };
  /** Test files: repository-relative path → text. */
  files: Record<string, string>;
  onCall: ((p: Policies) => OnCall) | null;
}

let checker: SchemaChecker | undefined;

export function runTest(inputs: TestInputs, io: CliIO): number {
  const { policies, issues } = inputs.policies;
  if (!policies) {
    io.err(`policies do not load:\n${formatIssues(issues.filter((i) => i.level === "error"))}`);
    return 2;
  }
  const paths = Object.keys(inputs.files).sort();
  if (paths.length === 0) {
    io.err("no policy tests found (policies/tests/*.yaml)");
    return 2;
  }
  checker ??= new SchemaChecker({ "common.schema.json": coreSchemas["common.schema.json"] as object, ...engineSchemas });
  const onCall = inputs.onCall?.(policies) ?? null;
  let failed = 0;
  let passed = 0;
  let invalid = 0;
  for (const file of paths) {
    io.out(file);
    const parsed = parsePolicyYaml(file, inputs.files[file] ?? "");
    const problems = parsed.doc ? checker.check("policy-test.schema.json", parsed.doc) : parsed.issues;
    if (!parsed.doc || problems.length) {
      invalid++;
      io.out(`  invalid test file:\n${formatIssues(problems).replace(/^/gm, "    ")}`);
      continue;
    }
    for (const r of runPolicyTestFile(file, parsed.doc.value, policies, onCall ?? nobodyOnCall)) {
      if (r.passed) passed++;
      else failed++;
      io.out(`  ${r.passed ? "ok  " : "FAIL"} ${r.name}`);
      for (const d of r.diffs) io.out(`      ${d}`);
    }
  }
  io.out(failed || invalid ? `FAILED: ${failed} failing case(s), ${invalid} invalid file(s), ${passed} passed` : `SUCCESS: ${passed} case(s) passed`);
  return failed || invalid ? 1 : 0;
}

/** Without a real on-call port, cases must pin people with `oncall:`. */
const nobodyOnCall: OnCall = {
  primary: () => null,
  secondary: () => null,
  commander: () => ({ login: null, reason: "no on-call schedule available" }),
};

export async function readTestFiles(dir: string, policiesDir = "policies"): Promise<Record<string, string>> {
  const rel = join(policiesDir, "tests");
  let names: string[];
  try {
    names = await readdir(join(dir, rel));
  } catch {
    return {};
  }
  const files: Record<string, string> = {};
  for (const name of names.filter((n) => /\.ya?ml$/.test(n))) files[join(rel, name)] = await readFile(join(dir, rel, name), "utf8");
  return files;
}

export function registerTest(program: Command, deps: EngineCliDeps): void {
  program
    .command("test")
    .description("Run the policy test cases in policies/tests/*.yaml (like promtool test rules)")
    .option("--dir <dir>", "repository root", ".")
    .action(async (opts: { dir: string }) => {
      const io = processIO;
      const [policies, files] = await Promise.all([deps.loadPolicies(opts.dir), readTestFiles(opts.dir)]);
      process.exitCode = runTest({ policies, files, onCall: (p) => deps.onCall(p) }, io);
    });
}
