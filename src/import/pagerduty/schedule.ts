// A PagerDuty schedule → one rotation (oncall/rotations.yaml), with PagerDuty's semantics:
// - a layer's turns start at rotation_virtual_start with its first user, one per
//   rotation_turn_length_seconds, handing off at the same local time in the schedule's zone across
//   DST (what PagerDuty's time-zone documentation describes); the layer covers only its
//   restrictions' windows, and only between its start and end;
// - where layers overlap the higher one wins (PagerDuty's "the last layer acts as an override";
//   GET /schedules lists the highest layer first, the reverse of the order POST takes);
// - overrides (the overrides subschedule) win over every layer.
// Layers that start or end at different times become the rotation's earlier schedules (history),
// split wherever a layer starts or ends. Pure: JSON in, YAML-ready data and notes out.
import { DateTime } from "luxon";
import { from as railsZone } from "rails-timezone";
import { DAY_NAMES } from "../../oncall/windows.js";
import { isValidZone, isoIn } from "../../oncall/zone.js";
import type { PdEntry, PdLayer, PdRestriction, PdSchedule, PdUserRef } from "./types.js";

/** Something not carried over exactly, at its JSON path. error: on-call would differ from PagerDuty's. */
export interface PdNote {
  level: "error" | "warning";
  path: string;
  message: string;
}

export type UserResolver = (u: PdUserRef) => string | null;

type RawWindow = { days: string[]; start: string; end: string };
export type RawLayer = { name: string; members: string[]; shift: string; handoff: { day?: string; time: string }; anchor: string; restrictions?: RawWindow[] };

export interface ConvertedSchedule {
  id: string;
  timeZone: string;
  /** The value of rotations.<id> in oncall/rotations.yaml. */
  rotation: Record<string, unknown>;
  notes: PdNote[];
  /** PagerDuty users nobody mapped to a GitHub login. */
  unmapped: PdUserRef[];
}

const MIN = 60;
const DAY_S = 86_400;
const WEEK_S = 7 * DAY_S;

/** A mapping file's entries (PagerDuty user id, e-mail or name → GitHub login) as a resolver. */
export function userResolver(mapping: Readonly<Record<string, string>>): UserResolver {
  const byKey = new Map(Object.entries(mapping).map(([k, v]) => [k.trim().toLowerCase(), v.trim().replace(/^@/, "")]));
  return (u) => byKey.get(u.id.toLowerCase()) ?? (u.email ? byKey.get(u.email.toLowerCase()) : undefined) ?? (u.summary ? byKey.get(u.summary.trim().toLowerCase()) : undefined) ?? null;
}

/** "Eastern Time (US & Canada)" or "America/New_York" → IANA, or null. */
export function ianaZone(name: string): string | null {
  if (isValidZone(name) && name.includes("/")) return name;
  const mapped = railsZone(name) as string | undefined;
  if (mapped && isValidZone(mapped)) return mapped;
  return isValidZone(name) ? name : null;
}

/** A rotation id from the schedule's name: lower case, words joined by "-". */
export function rotationId(name: string): string {
  const slug = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return /^[a-z0-9]/.test(slug) ? slug.slice(0, 60) : `pagerduty-${slug}`.slice(0, 60);
}

export function durationText(seconds: number): string {
  if (seconds % WEEK_S === 0) return `${seconds / WEEK_S}w`;
  if (seconds % DAY_S === 0) return `${seconds / DAY_S}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % MIN === 0) return `${seconds / MIN}m`;
  return `${seconds}s`;
}

const hhmm = (minutes: number): string => (minutes >= 1440 ? "24:00" : `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);

/** One restriction as weekly windows (one object per day it touches), in the schedule's zone. */
function restrictionWindows(r: PdRestriction, path: string, notes: PdNote[]): RawWindow[] | "always" {
  const m = /^(\d\d):(\d\d)(?::(\d\d))?$/.exec(r.startTimeOfDay);
  if (!m) {
    notes.push({ level: "error", path, message: `start_time_of_day "${r.startTimeOfDay}" is not HH:MM:SS` });
    return [];
  }
  if ((m[3] && m[3] !== "00") || r.durationSeconds % MIN !== 0) {
    notes.push({ level: "warning", path, message: "restriction times are kept to the minute; seconds are dropped" });
  }
  const start = Number(m[1]) * 60 + Number(m[2]);
  const length = Math.floor(r.durationSeconds / MIN);
  if (length <= 0) {
    notes.push({ level: "error", path, message: "a restriction of no duration covers nothing" });
    return [];
  }
  if (r.type === "daily_restriction") {
    if (length >= 1440) return "always";
    return [{ days: [...DAY_NAMES], start: hhmm(start), end: hhmm((start + length) % 1440 || 1440) }];
  }
  const day = r.startDayOfWeek ?? 1;
  if (length >= 7 * 1440) return "always";
  const out: RawWindow[] = [];
  const from = (day - 1) * 1440 + start;
  for (let t = from; t < from + length; ) {
    const dayStart = Math.floor(t / 1440) * 1440;
    const end = Math.min(from + length, dayStart + 1440);
    out.push({ days: [DAY_NAMES[(dayStart / 1440) % 7] as string], start: hhmm(t - dayStart), end: hhmm(end - dayStart) });
    t = end;
  }
  return out;
}

function convertLayer(l: PdLayer, zone: string, resolve: UserResolver, notes: PdNote[], unmapped: Map<string, PdUserRef>): RawLayer {
  const members = l.users.map((u) => {
    const login = resolve(u);
    if (login === null) unmapped.set(u.id, u);
    return login ?? u.id;
  });
  if (new Set(members).size !== members.length) {
    notes.push({ level: "error", path: `${l.path}.users`, message: `layer "${l.name}" lists a user more than once; rotations here list each member once, so the order cannot be kept` });
  }
  if (l.turnSeconds < MIN) notes.push({ level: "error", path: `${l.path}.rotation_turn_length_seconds`, message: "turns shorter than a minute cannot be represented" });
  if (l.turnSeconds % DAY_S !== 0 && DAY_S % l.turnSeconds !== 0) {
    notes.push({ level: "warning", path: `${l.path}.rotation_turn_length_seconds`, message: `turns of ${durationText(l.turnSeconds)} neither last whole days nor divide a day, so here they count elapsed time across DST changes; PagerDuty does not document its handling of such turns` });
  }
  const rvs = DateTime.fromISO(l.rotationVirtualStart, { setZone: true }).setZone(zone);
  if (rvs.second !== 0 || rvs.millisecond !== 0) notes.push({ level: "warning", path: `${l.path}.rotation_virtual_start`, message: "handoffs are kept to the minute; seconds are dropped" });
  const anchor = rvs.startOf("minute");
  const windows: RawWindow[] = [];
  let always = false;
  l.restrictions.forEach((r, i) => {
    const w = restrictionWindows(r, `${l.path}.restrictions[${i}]`, notes);
    if (w === "always") always = true;
    else windows.push(...w);
  });
  return {
    name: l.name,
    members,
    shift: durationText(Math.max(MIN, Math.floor(l.turnSeconds / MIN) * MIN)),
    handoff: { ...(l.turnSeconds % WEEK_S === 0 ? { day: DAY_NAMES[anchor.weekday - 1] } : {}), time: anchor.toFormat("HH:mm") },
    anchor: isoIn(anchor.toMillis(), zone),
    ...(l.restrictions.length > 0 && !always ? { restrictions: windows } : {}),
  };
}

/**
 * The rotation for `s`. `reversed`: take the layers as lowest-priority first (the order POST
 * takes) instead of the GET order; `agreement` decides which reproduces the final schedule.
 */
export function convertSchedule(s: PdSchedule, resolve: UserResolver, options: { id?: string; reversed?: boolean } = {}): ConvertedSchedule {
  const notes: PdNote[] = [];
  const unmapped = new Map<string, PdUserRef>();
  let zone = ianaZone(s.timeZone);
  if (zone === null) {
    notes.push({ level: "error", path: "$.time_zone", message: `"${s.timeZone}" is neither an IANA zone nor a PagerDuty (ActiveSupport) zone name; UTC is used` });
    zone = "UTC";
  }
  const ordered = options.reversed ? [...s.layers].reverse() : s.layers;
  const layers = ordered.map((l) => ({ pd: l, raw: convertLayer(l, zone, resolve, notes, unmapped), start: Date.parse(l.start), end: l.end === null ? Infinity : Date.parse(l.end) }));
  const cuts = [...new Set(layers.flatMap((l) => [l.start, l.end]).filter((t) => Number.isFinite(t)))].sort((a, b) => a - b);
  const versions: { from: number; layers: RawLayer[] }[] = [];
  cuts.forEach((from, i) => {
    const to = cuts[i + 1] ?? Infinity;
    const active = layers.filter((l) => l.start <= from && l.end >= to).map((l) => l.raw);
    if (active.length > 0) versions.push({ from, layers: active });
    else if (to !== Infinity) notes.push({ level: "error", path: "$.schedule_layers", message: `no layer covers ${isoIn(from, zone)} to ${isoIn(to, zone)}, and a rotation here cannot pause between schedules: on-call differs from PagerDuty's then` });
  });
  if (versions.length === 0) {
    notes.push({ level: "error", path: "$.schedule_layers", message: "the schedule has no layer" });
    versions.push({ from: 0, layers: [] });
  }
  const last = cuts[cuts.length - 1];
  if (last !== undefined && !layers.some((l) => l.end === Infinity) && versions[versions.length - 1]?.from !== last) {
    notes.push({ level: "error", path: "$.schedule_layers", message: `every layer ends by ${isoIn(last, zone)}; the imported rotation keeps its last schedule after that` });
  }
  const inLayers = new Set(versions.flatMap((v) => v.layers.flatMap((l) => l.members)));
  const overrides = s.overrides.flatMap((o: PdEntry, i) => {
    if (!o.user) return [];
    const login = resolve(o.user);
    if (login === null) unmapped.set(o.user.id, o.user);
    return [{ start: isoIn(Date.parse(o.start), zone), end: isoIn(Date.parse(o.end), zone), member: login ?? o.user.id, reason: `PagerDuty override (overrides_subschedule entry ${i + 1})` }];
  });
  const onlyOverrides = [...new Set(overrides.map((o) => o.member))].filter((m) => !inLayers.has(m));
  const current = versions[versions.length - 1] as { from: number; layers: RawLayer[] };
  const rotation: Record<string, unknown> = {
    name: s.name,
    description: `Imported from PagerDuty schedule ${s.id}${s.description ? `: ${s.description}` : ""}`,
    time_zone: zone,
    effective_from: isoIn(current.from, zone),
    ...(onlyOverrides.length > 0 ? { members: Object.fromEntries(onlyOverrides.map((m) => [m, {}])) } : {}),
    layers: current.layers,
    ...(versions.length > 1 ? { history: versions.slice(0, -1).map((v) => ({ effective_from: isoIn(v.from, zone), layers: v.layers })) } : {}),
    ...(overrides.length > 0 ? { overrides } : {}),
  };
  return { id: options.id ?? rotationId(s.name), timeZone: zone, rotation, notes, unmapped: [...unmapped.values()] };
}
