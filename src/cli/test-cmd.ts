// `incident test [--dir DIR]`: runs the policy test cases in policies/tests/*.yaml against the
// policies, like `promtool test rules`. Exit 0 all pass, 1 a case failed (or a test file or the
// policies are invalid), 2 there are no tests to run.
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { EngineCliDeps } from "./engine-deps.js";
import { parsePolicyYaml } from "../config/document.js";
import { schemaChecker } from "../config/checker.js";
import { runPolicyTestFile } from "../engine/policy-tests.js";
import { EXIT, formatIssues, type CliIO, processIO } from "./io.js";

export interface TestInputs {
  policies: { policies: Policies | null; issues: PolicyIssue[] };
  /** Test files: repository-relative path → text. */
  files: Record<string, string>;
  onCall: ((p: Policies) => OnCall) | null;
}

export interface TestReport {
  ok: boolean;
  passed: number;
  failed: number;
  invalid: number;
  files: { file: string; problems: string[]; cases: { name: string; passed: boolean; diffs: string[] }[] }[];
}

export function runTest(inputs: TestInputs, io: CliIO, opts: { json?: boolean } = {}): number {
  const { policies, issues } = inputs.policies;
  if (!policies) {
    io.err(`policies do not load (fix them with incident validate):\n${formatIssues(issues.filter((i) => i.level === "error"))}`);
    return EXIT.problems;
  }
  const paths = Object.keys(inputs.files).sort();
  if (paths.length === 0) {
    io.err("no policy tests found (policies/tests/*.yaml)");
    return EXIT.usage;
  }
  const checker = schemaChecker();
  const onCall = inputs.onCall?.(policies) ?? null;
  const report: TestReport = { ok: true, passed: 0, failed: 0, invalid: 0, files: [] };
  for (const file of paths) {
    const parsed = parsePolicyYaml(file, inputs.files[file] ?? "");
    const problems = parsed.doc ? checker.check("policy-test.schema.json", parsed.doc) : parsed.issues;
    if (!parsed.doc || problems.length) {
      report.invalid++;
      report.files.push({ file, problems: formatIssues(problems).split("\n"), cases: [] });
      continue;
    }
    const cases = runPolicyTestFile(file, parsed.doc.value, policies, onCall ?? nobodyOnCall).map((r) => ({ name: r.name, passed: r.passed, diffs: r.diffs }));
    report.passed += cases.filter((c) => c.passed).length;
    report.failed += cases.filter((c) => !c.passed).length;
    report.files.push({ file, problems: [], cases });
  }
  report.ok = report.failed === 0 && report.invalid === 0;
  if (opts.json) io.out(JSON.stringify(report, null, 2));
  else {
    for (const f of report.files) {
      io.out(f.file);
      if (f.problems.length > 0) io.out(`  invalid test file:\n${f.problems.map((l) => `    ${l}`).join("\n")}`);
      for (const c of f.cases) {
        io.out(`  ${c.passed ? "ok  " : "FAIL"} ${c.name}`);
        for (const d of c.diffs) io.out(`      ${d}`);
      }
    }
    io.out(report.ok ? `SUCCESS: ${report.passed} case(s) passed` : `FAILED: ${report.failed} case(s) failed, ${report.invalid} invalid file(s), ${report.passed} passed`);
  }
  return report.ok ? EXIT.ok : EXIT.problems;
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
    .option("--json", "print the results as one JSON object", false)
    .action(async (opts: { dir: string; json: boolean }) => {
      const io = processIO;
      const [policies, files] = await Promise.all([deps.loadPolicies(opts.dir), readTestFiles(opts.dir)]);
      process.exitCode = runTest({ policies, files, onCall: (p) => deps.onCall(p) }, io, { json: opts.json });
    });
}
