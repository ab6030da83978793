// Who may drive an incident from a comment (access.yaml). The commenter is `comment.user` — never
// `github.actor`, which is whoever re-ran the workflow — and their role is the collaborator API's
// `role_name` (its `permission` field is a legacy mapping: maintain→write, triage→read).
import type { Policies } from "../config/types.js";
import { inline } from "../render/index.js";
import { canonicalName } from "./commands/parse.js";

export const ROLES = ["read", "triage", "write", "maintain", "admin"] as const;
export type RepoRole = (typeof ROLES)[number];

export interface AuthzRequest {
  login: string;
  userType: string; // GitHub's user.type: "User" | "Bot" | "Organization"
  /** `role_name` from the collaborator-permission API; null when they are not a collaborator. */
  role: string | null;
  command: string; // "/sev" or "sev"
  args: readonly string[];
}

/** `reply: null` means ignore silently (bots: answering a bot invites a loop). */
export type AuthzResult = { allowed: true } | { allowed: false; reply: string | null };

export function isBot(login: string, userType: string): boolean {
  return userType === "Bot" || login.toLowerCase().endsWith("[bot]");
}

/**
 * Rank of a role. A custom repository role (its own `role_name`) ranks as read: we cannot see which
 * base role it extends, and refusing is the safe side — such users can be listed in a rotation.
 */
export function roleRank(role: string | null): number {
  if (role === null) return -1;
  return (ROLES as readonly string[]).indexOf(role.toLowerCase());
}

/** Every login in a rotation (members, layers, overrides), once, in policy order. */
export function rotationMembers(policies: Pick<Policies, "rotations">): string[] {
  const out = new Map<string, string>();
  for (const r of Object.values(policies.rotations)) {
    for (const m of [...Object.keys(r.members), ...r.layers.flatMap((layer) => layer.members), ...r.overrides.map((o) => o.member)]) if (!out.has(m.toLowerCase())) out.set(m.toLowerCase(), m);
  }
  return [...out.values()];
}

export function isRotationMember(login: string, policies: Pick<Policies, "rotations">): boolean {
  const l = login.toLowerCase();
  return rotationMembers(policies).some((m) => m.toLowerCase() === l);
}

/** The entry of `access.elevated.commands` ("/sev P0", "/commander") this command falls under, if any. */
export function elevatedEntry(command: string, args: readonly string[], policies: Pick<Policies, "access">): string | null {
  const name = canonicalName(command.replace(/^\//, ""));
  for (const entry of policies.access.elevated.commands) {
    const [head, ...words] = entry.trim().split(/\s+/);
    if (!head || canonicalName(head.replace(/^\//, "")) !== name) continue;
    if (words.every((w, i) => (args[i] ?? "").toLowerCase() === w.toLowerCase())) return entry;
  }
  return null;
}

export function authorize(req: AuthzRequest, policies: Pick<Policies, "access" | "rotations">): AuthzResult {
  if (isBot(req.login, req.userType)) return { allowed: false, reply: null };
  const access = policies.access;
  // /help changes nothing, and anyone who can comment can already make us reply (with a refusal).
  if (canonicalName(req.command.replace(/^\//, "")) === "help") return { allowed: true };
  const rank = roleRank(req.role);
  const byRole = rank >= roleRank(access.minimumRole);
  const byRotation = access.rotationMembersAllowed && isRotationMember(req.login, policies);
  if (!byRole && !byRotation) {
    const who = access.rotationMembersAllowed ? `people with the ${access.minimumRole} role or higher on this repository, or in an on-call rotation,` : `people with the ${access.minimumRole} role or higher on this repository`;
    return { allowed: false, reply: `Sorry, only ${who} can change this incident, so I did not act on this comment. If you need to be able to, ask a maintainer.` };
  }
  const entry = elevatedEntry(req.command, req.args, policies);
  if (entry !== null && rank < roleRank(access.elevated.minimumRole)) {
    return { allowed: false, reply: `${inline(entry)} needs the ${access.elevated.minimumRole} role or higher on this repository.` };
  }
  return { allowed: true };
}

export { commandsIn } from "./commands/parse.js";
