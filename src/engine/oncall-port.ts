// The narrow view of on-call that decide needs. src/oncall implements it from rotations,
// overrides and the commander rules; tests use fixed answers. Keeping it injected keeps decide pure.
import type { Severity } from "../config/types.js";

export interface CommanderRequest {
  severity: Severity;
  type: string | null; // "security" → the security lead
  service: string | null;
  team: string | null;
  rotation: string | null;
}

export interface CommanderChoice {
  login: string | null;
  reason: string; // "security-lead: lead of team security"
}

export interface OnCall {
  primary(rotation: string, at: Date): string | null;
  secondary(rotation: string, at: Date): string | null;
  commander(incident: CommanderRequest, at: Date): CommanderChoice;
}
