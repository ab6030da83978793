// `incident validate`: every policy problem as path:line:col, exit 1 on any error. Includes the
// rotation-history check against git (rotation-history.ts) and, with --fix, defers rotation
// changes that would rewrite started shifts to the next handoff.
import type { Command } from "commander";
import type { CompileResult, PolicyIssue } from "../config/index.js";
import { GitRefError } from "../store/at-ref.js";
import { EXIT, formatIssue, type CliIO } from "./io.js";
import { checkRotationHistory } from "./rotation-history.js";

export interface ValidateOptions {
  json: boolean;
}

export function runValidate(opts: ValidateOptions, result: CompileResult, io: CliIO): number {
  const errors = result.issues.filter((i) => i.level === "error");
  const warnings = result.issues.filter((i) => i.level === "warning");
  if (opts.json) {
    const strip = ({ file, line, column, message }: PolicyIssue) => ({ file, line, column, message });
    io.out(JSON.stringify({ ok: errors.length === 0, errors: errors.map(strip), warnings: warnings.map(strip) }, null, 2));
  } else {
    for (const i of result.issues) io.out(formatIssue(i));
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    io.err(errors.length === 0 ? `policies are valid${warnings.length > 0 ? ` (${count(warnings.length, "warning")})` : ""}` : `${count(errors.length, "error")}, ${count(warnings.length, "warning")}`);
  }
  return errors.length > 0 ? EXIT.problems : EXIT.ok;
}

export interface PolicyLoader {
  (dir: string): Promise<CompileResult>;
}

export interface ValidateFlags {
  dir: string;
  json: boolean;
  against?: string;
  fix: boolean;
}

/** Policies plus the rotation-history check (git); exit 2 when --against names no commit. */
export async function validateWithHistory(flags: ValidateFlags, load: PolicyLoader, io: CliIO, now = Date.now()): Promise<number> {
  const options = { dir: flags.dir, policiesDir: "policies", now, ...(flags.against ? { against: flags.against } : {}) };
  let history;
  try {
    history = await checkRotationHistory({ ...options, fix: flags.fix });
    if (history.fixed.length > 0) {
      io.err(history.note);
      history = await checkRotationHistory({ ...options, fix: false });
    }
  } catch (e) {
    if (!(e instanceof GitRefError)) throw e;
    io.err(e.message);
    return EXIT.usage;
  }
  const result = await load(flags.dir);
  const issues = [...result.issues, ...history.issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const code = runValidate({ json: flags.json }, { policies: history.issues.length > 0 ? null : result.policies, issues }, io);
  // After the summary line, which stays the first thing said.
  if (!flags.json) io.err(history.note);
  return code;
}

export function registerValidate(program: Command, load: PolicyLoader, io: CliIO): void {
  program
    .command("validate")
    .description("check every policy file against its schema and the references between them, and that rotation changes leave started shifts as they were")
    .option("--dir <dir>", "repository root holding policies/", ".")
    .option("--json", "print one JSON object instead of path:line:col lines", false)
    .option("--against <ref>", "compare rotations with this git ref (e.g. a pull request's base) instead of the previous committed version")
    .option("--fix", "make each rotation change that would rewrite started shifts take effect at the next handoff (edits oncall/rotations.yaml)", false)
    .action(async (opts: ValidateFlags) => {
      process.exitCode = await validateWithHistory(opts, load, io);
    });
}
