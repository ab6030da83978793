// An OnCall with fixed answers per rotation, applying the commander rules of commanders.yaml to
// them. Policy test cases use it (`oncall:`) so routing and assignment logic can be tested without
// depending on the rotation calendar; unit tests use it too.
import type { Policies } from "../config/types.js";
import type { CommanderChoice, CommanderRequest, OnCall } from "./oncall-port.js";

export interface StubRotation {
  primary?: string;
  secondary?: string;
  senior?: string;
}

export function stubOnCall(policies: Pick<Policies, "commanders" | "teams" | "rotations">, table: Readonly<Record<string, StubRotation>>, fallback?: OnCall): OnCall {
  const primary = (rotation: string, at: Date): string | null => (table[rotation] ? (table[rotation].primary ?? null) : (fallback?.primary(rotation, at) ?? null));
  const secondary = (rotation: string, at: Date): string | null => (table[rotation] ? (table[rotation].secondary ?? null) : (fallback?.secondary(rotation, at) ?? null));
  const commander = (q: CommanderRequest, at: Date): CommanderChoice => {
    if (fallback && (!q.rotation || !table[q.rotation])) return fallback.commander(q, at);
    for (const rule of policies.commanders.rules) {
      if (rule.if?.type !== undefined && rule.if.type !== q.type) continue;
      if (rule.if?.severity !== undefined && !rule.if.severity.includes(q.severity)) continue;
      const a = rule.assign;
      if (a.kind === "person") return { login: a.login, reason: `commanders.yaml names ${a.login}` };
      switch (a.role) {
        case "security-lead": {
          const lead = policies.teams[policies.commanders.securityLead]?.lead ?? null;
          return { login: lead, reason: `security-lead: lead of team ${policies.commanders.securityLead} (incident type ${q.type ?? "none"})` };
        }
        case "senior-on-call": {
          const row = q.rotation ? table[q.rotation] : undefined;
          const members = q.rotation ? policies.rotations[q.rotation]?.members : undefined;
          const senior = row?.senior ?? [row?.primary, row?.secondary].find((l) => l && members?.[l]?.senior) ?? row?.primary ?? null;
          return { login: senior, reason: `senior-on-call for ${q.severity} in ${q.rotation ?? "no rotation"}` };
        }
        case "primary-on-call":
          return { login: q.rotation ? primary(q.rotation, at) : null, reason: `primary-on-call of ${q.rotation ?? "no rotation"}` };
        case "commander-rotation":
          return { login: primary(policies.commanders.rotation, at), reason: `on duty in ${policies.commanders.rotation}` };
      }
    }
    return { login: null, reason: "no commander rule applies" };
  };
  return { primary, secondary, commander };
}
