// Turns a severity's channels and audience names into concrete channel targets and logins, at the
// time of the decision, through the injected on-call port.
import type { Audience, Policies } from "../config/types.js";
import type { ChannelTarget, Notifications, Recipients } from "./verdict.js";
import type { OnCall } from "./oncall-port.js";

export interface NotifyContext {
  policies: Policies;
  onCall: OnCall;
  at: Date;
  rotation: string | null; // the routed rotation ("routed" in audiences)
  commander: string | null;
}

export function resolveNotifications(channels: readonly string[], audiences: readonly string[], ctx: NotifyContext): Notifications {
  const targets: ChannelTarget[] = channels.map((id) => {
    const ch = ctx.policies.routing.channels[id];
    // Unknown channels are a cross-check error at load time; degrade to a GitHub mention here.
    return ch ? { channel: id, type: ch.type, secret: ch.secret, fallback: ch.fallback } : { channel: id, type: "github-mention", secret: null, fallback: "mention" };
  });
  const recipients = audiences.map((name) => resolveAudience(name, ctx));
  const mentions: string[] = [];
  for (const r of recipients) for (const l of r.logins) if (!mentions.includes(l)) mentions.push(l);
  return { channels: targets, recipients, mentions };
}

function resolveAudience(name: string, ctx: NotifyContext): Recipients {
  const parts = ctx.policies.routing.audiences[name];
  if (!parts) return { audience: name, logins: [], reason: `audience ${name} is not defined` };
  const logins: string[] = [];
  const reasons: string[] = [];
  for (const part of parts) {
    const r = resolvePart(part, ctx);
    for (const l of r.logins) if (!logins.includes(l)) logins.push(l);
    reasons.push(r.reason);
  }
  return { audience: name, logins, reason: reasons.join("; ") };
}

function resolvePart(part: Audience, ctx: NotifyContext): { logins: string[]; reason: string } {
  const at = ctx.at.toISOString();
  switch (part.kind) {
    case "commander":
      return { logins: ctx.commander ? [ctx.commander] : [], reason: ctx.commander ? "incident commander" : "no commander assigned" };
    case "team": {
      const team = ctx.policies.teams[part.team];
      if (!team) return { logins: [], reason: `team ${part.team} is not defined` };
      if (part.lead) return { logins: team.lead ? [team.lead] : [], reason: `lead of team ${part.team}` };
      return { logins: [...team.members], reason: `members of team ${part.team}` };
    }
    case "rotation": {
      const rotation = part.rotation === "routed" ? ctx.rotation : part.rotation;
      if (!rotation) return { logins: [], reason: "no rotation was routed" };
      const logins: string[] = [];
      if (part.role !== "secondary") pushLogin(logins, ctx.onCall.primary(rotation, ctx.at));
      if (part.role !== "primary") pushLogin(logins, ctx.onCall.secondary(rotation, ctx.at));
      const role = part.role === "all" ? "primary and secondary" : part.role;
      return { logins, reason: logins.length ? `${role} of ${rotation} at ${at}` : `nobody is ${role} on call in ${rotation} at ${at}` };
    }
  }
}

function pushLogin(list: string[], login: string | null): void {
  if (login && !list.includes(login)) list.push(login);
}
