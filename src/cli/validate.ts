// `incident validate`: every policy problem as path:line:col, exit 1 on any error.
import type { Command } from "commander";
import type { CompileResult, PolicyIssue } from "../config/index.js";
import { EXIT, formatIssue, type CliIO } from "./io.js";

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

export function registerValidate(program: Command, load: PolicyLoader, io: CliIO): void {
  program
    .command("validate")
    .description("check every policy file against its schema and the references between them")
    .option("--dir <dir>", "repository root holding policies/", ".")
    .option("--json", "print one JSON object instead of path:line:col lines", false)
    .action(async (opts: { dir: string; json: boolean }) => {
      process.exitCode = runValidate({ json: opts.json }, await load(opts.dir), io);
    });
}
