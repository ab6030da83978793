// What a subcommand may touch: two output streams. Tests pass collectors; main passes the process's.
import type { PolicyIssue } from "../config/kinds.js";

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** Exit codes every subcommand uses. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** `path:line:col: message` (warnings say so): what `incident validate` prints, one per line. */
export function formatIssue(i: PolicyIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.level === "warning" ? "warning: " : ""}${i.message}`;
}

/** Policy problems in another command's error output: every line says its level. */
export function formatIssues(issues: readonly PolicyIssue[]): string {
  return issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.level}: ${i.message}`).join("\n");
}
