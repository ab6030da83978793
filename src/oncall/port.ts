// The engine's OnCall port over the real rotations and commander rules. decide() takes it as an
// argument, so the engine stays pure and tests can pass fixed answers instead.
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import { assignCommander } from "./commander.js";
import { whoIsOnCall } from "./rotation.js";

export function policyOnCall(policies: Policies): OnCall {
  const at = (rotation: string, when: Date) => {
    const r = policies.rotations[rotation];
    return r ? whoIsOnCall(r, when) : null;
  };
  return {
    primary: (rotation, when) => at(rotation, when)?.primary ?? null,
    secondary: (rotation, when) => at(rotation, when)?.secondary ?? null,
    commander: (incident, when) => assignCommander({ severity: incident.severity, type: incident.type, service: incident.service }, policies, when),
  };
}
