// Policy problems as the Action reports them: one annotation on the file and line each, and a
// job-summary table, so a pull request that breaks policy shows where right in its diff.
import * as core from "@actions/core";
import type { CompileResult } from "../config/index.js";

export async function reportPolicyIssues(result: CompileResult): Promise<void> {
  for (const i of result.issues) {
    const props = { file: i.file, startLine: i.line, startColumn: i.column, title: "incident-as-code policy" };
    if (i.level === "error") core.error(i.message, props);
    else core.warning(i.message, props);
  }
  const errors = result.issues.filter((i) => i.level === "error").length;
  const summary = core.summary.addHeading(errors === 0 ? "Policies are valid" : `Policies have ${errors} error${errors === 1 ? "" : "s"}`, 2);
  if (result.issues.length > 0) {
    summary.addTable([
      [
        { data: "Level", header: true },
        { data: "Location", header: true },
        { data: "Problem", header: true },
      ],
      ...result.issues.map((i) => [i.level, `${i.file}:${i.line}:${i.column}`, escapeCell(i.message)]),
    ]);
  }
  await summary.write();
}

/** The summary is HTML: policy text is the repo's own, but a message may quote user input. */
function escapeCell(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
