// Incident commander assignment, as the requirements lay it out: security incidents → the security
// lead; P0 → the senior engineer on call; otherwise the primary on call of the commander rotation.
// When a rule yields several equally good people, expertise matching the incident's service
// breaks the tie; remaining ties go to the scheduled order (primary first).
import type { CommanderRule, Policies, Rotation, Severity } from "../config/types.js";
import { compileWindows, inWindows } from "./windows.js";
import { type Instant, instantMs, zoneClock } from "./zone.js";
import { whoIsOnCall } from "./rotation.js";

export interface CommanderIncident {
  severity: Severity;
  type: string | null; // "security", …
  service: string | null;
}

export interface CommanderAssignment {
  login: string | null;
  reason: string;
}

export type CommanderPolicies = Pick<Policies, "commanders" | "rotations" | "teams" | "services">;

interface Pick1 {
  login: string;
  why: string;
}

function expertiseOf(p: CommanderPolicies, login: string): string[] {
  const own = p.rotations[p.commanders.rotation]?.members[login];
  if (own && own.expertise.length > 0) return own.expertise;
  for (const r of Object.values(p.rotations)) {
    const m = r.members[login];
    if (m && m.expertise.length > 0) return m.expertise;
  }
  return [];
}

/** Best by expertise overlap with the service, stable on ties (earlier = scheduled first). */
function rank(p: CommanderPolicies, incident: CommanderIncident, logins: string[]): { login: string; matched: string[] } | null {
  const service = incident.service === null ? undefined : p.services[incident.service];
  const tags = new Set([...(service?.expertise ?? []), ...(incident.service ? [incident.service] : [])]);
  let best: { login: string; matched: string[] } | null = null;
  for (const login of new Set(logins)) {
    const matched = expertiseOf(p, login).filter((t) => tags.has(t));
    if (!best || matched.length > best.matched.length) best = { login, matched };
  }
  return best;
}

const expertiseNote = (r: { matched: string[] }, tied: number): string =>
  tied > 1 ? `; expertise broke a ${tied}-way tie (${r.matched.length > 0 ? r.matched.join(", ") : "no match"})` : "";

/** Members of the rotation whose declared availability covers `ms` (schedule order). */
function availableNow(rotation: Rotation, ms: number): string[] {
  const local = zoneClock(rotation.timeZone).toLocal(ms);
  const order = rotation.layers[0]?.members ?? Object.keys(rotation.members);
  return order.filter((login) => {
    const windows = rotation.members[login]?.availability ?? [];
    return windows.length > 0 && inWindows(compileWindows(windows), local);
  });
}

function fromCommanderRotation(p: CommanderPolicies, incident: CommanderIncident, ms: number): Pick1 | null {
  const rotation = p.rotations[p.commanders.rotation];
  if (!rotation) return null;
  const oc = whoIsOnCall(rotation, ms);
  if (oc.primary === null) return null;
  // An override names one person; otherwise everyone whose availability covers now is a candidate.
  const candidates = oc.primaryFrom === "override" ? [oc.primary] : [oc.primary, ...availableNow(rotation, ms)];
  const best = rank(p, incident, candidates) ?? { login: oc.primary, matched: [] };
  return { login: best.login, why: `primary on call in ${rotation.id}${expertiseNote(best, new Set(candidates).size)}` };
}

function serviceOnCall(p: CommanderPolicies, incident: CommanderIncident, ms: number): { rotation: Rotation; primary: string | null; secondary: string | null } | null {
  const id = incident.service === null ? undefined : p.services[incident.service]?.rotation;
  const rotation = id === undefined ? undefined : p.rotations[id];
  return rotation ? { rotation, ...whoIsOnCall(rotation, ms) } : null;
}

function primaryOnCall(p: CommanderPolicies, incident: CommanderIncident, ms: number): Pick1 | null {
  const c = fromCommanderRotation(p, incident, ms);
  if (c) return c;
  const s = serviceOnCall(p, incident, ms);
  return s?.primary ? { login: s.primary, why: `nobody on call in ${p.commanders.rotation}; primary on call in ${s.rotation.id}` } : null;
}

function seniorOnCall(p: CommanderPolicies, incident: CommanderIncident, ms: number): Pick1 | null {
  const on: { login: string; where: string }[] = [];
  const cr = p.rotations[p.commanders.rotation];
  if (cr) {
    const oc = whoIsOnCall(cr, ms);
    if (oc.primary) on.push({ login: oc.primary, where: `primary in ${cr.id}` });
    if (oc.secondary) on.push({ login: oc.secondary, where: `secondary in ${cr.id}` });
  }
  const s = serviceOnCall(p, incident, ms);
  if (s?.primary) on.push({ login: s.primary, where: `primary in ${s.rotation.id}` });
  if (s?.secondary) on.push({ login: s.secondary, where: `secondary in ${s.rotation.id}` });
  const isSenior = (login: string): boolean => Object.values(p.rotations).some((r) => r.members[login]?.senior === true);
  const seniors = on.filter((o) => isSenior(o.login));
  const best = rank(p, incident, seniors.map((o) => o.login));
  if (best) {
    const where = seniors.find((o) => o.login === best.login)?.where ?? "";
    return { login: best.login, why: `senior engineer on call (${where})${expertiseNote(best, new Set(seniors.map((o) => o.login)).size)}` };
  }
  const fallback = primaryOnCall(p, incident, ms);
  return fallback ? { login: fallback.login, why: `no senior engineer on call; ${fallback.why}` } : null;
}

function resolve(p: CommanderPolicies, rule: CommanderRule, incident: CommanderIncident, ms: number): Pick1 | string {
  const a = rule.assign;
  if (a.kind === "person") return { login: a.login, why: `named in the rule` };
  switch (a.role) {
    case "security-lead": {
      const lead = p.teams[p.commanders.securityLead]?.lead;
      return lead ? { login: lead, why: `security lead (lead of team ${p.commanders.securityLead})` } : `team ${p.commanders.securityLead} has no lead`;
    }
    case "senior-on-call":
      return seniorOnCall(p, incident, ms) ?? "nobody is on call";
    case "primary-on-call":
      return primaryOnCall(p, incident, ms) ?? "nobody is on call";
    case "commander-rotation":
      return fromCommanderRotation(p, incident, ms) ?? `nobody on call in ${p.commanders.rotation}`;
  }
}

function describe(rule: CommanderRule, i: number): string {
  if (rule.if === null) return `rule ${i + 1} (otherwise)`;
  const parts = [
    ...(rule.if.type === undefined ? [] : [`type is ${rule.if.type}`]),
    ...(rule.if.severity === undefined ? [] : [`severity is ${rule.if.severity.join(" or ")}`]),
  ];
  return `rule ${i + 1} (${parts.join(" and ")})`;
}

/** Who commands `incident` at `at`, and why. Pure. */
export function assignCommander(incident: CommanderIncident, policies: CommanderPolicies, at: Instant): CommanderAssignment {
  const ms = instantMs(at);
  if (ms === null) throw new RangeError(`not a point in time: ${String(at)}`);
  const skipped: string[] = [];
  for (const [i, rule] of policies.commanders.rules.entries()) {
    const cond = rule.if;
    if (cond?.type !== undefined && cond.type.toLowerCase() !== (incident.type ?? "").toLowerCase()) continue;
    if (cond?.severity !== undefined && !cond.severity.includes(incident.severity)) continue;
    const got = resolve(policies, rule, incident, ms);
    if (typeof got === "string") {
      skipped.push(`${describe(rule, i)} matched but ${got}`);
      continue;
    }
    return { login: got.login, reason: [...skipped, `${describe(rule, i)}: ${got.why}`].join("; ") };
  }
  return { login: null, reason: [...skipped, "no commander rule assigned anyone"].join("; ") };
}
