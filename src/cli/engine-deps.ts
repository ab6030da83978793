// What `incident test` needs from the rest of the program; main wires it.
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";

export interface EngineCliDeps {
  loadPolicies(dir: string): Promise<{ policies: Policies | null; issues: PolicyIssue[] }>;
  /** The real on-call port (rotations, overrides, commander rules) over loaded policies. */
  onCall(policies: Policies): OnCall;
}
