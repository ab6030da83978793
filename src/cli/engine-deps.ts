// What `incident simulate` and `incident test` need from the rest of the program; main wires it.
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { OpenIncident } from "../engine/incident-view.js";
import type { OnCall } from "../engine/oncall-port.js";

export interface EngineCliDeps {
  loadPolicies(dir: string): Promise<{ policies: Policies | null; issues: PolicyIssue[] }>;
  loadOpenIncidents(dir: string): Promise<OpenIncident[]>;
  /** The real on-call port (rotations, overrides, commander rules) over loaded policies. */
  onCall(policies: Policies): OnCall;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export function formatIssues(issues: readonly PolicyIssue[]): string {
  return issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.level}: ${i.message}`).join("\n");
}
