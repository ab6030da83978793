// The schedule of one rotation evaluated at one instant, with no caching (rotation.ts caches the
// answers between the instants where they can change). Shifts are counted on the wall clock of the
// rotation's zone, so a Monday 09:00 handoff stays at 09:00 local across DST changes. A handoff at
// a local time skipped that day (02:30 on the March change in America/Los_Angeles) happens at
// 03:30, where the clock lands: the outgoing shift runs an hour longer, so no hour is left
// uncovered. A repeated time (01:30 in November) means its first occurrence. Shift lengths that
// are whole days, or divide a day, follow the wall clock; any other length (e.g. 5h) counts elapsed
// time from the anchor. A rotation may keep earlier schedules (its history): each is in effect from
// its effective_from until the next one's, so a change to the schedule leaves the shifts before it
// as they were.
import type { Override, Rotation, RotationLayer } from "../config/types.js";
import { type CompiledWindow, compileWindows, inWindows } from "./windows.js";
import { DAY, MINUTE, type ZoneClock, zoneClock, formatLocal, isoWeekday, localDay, minuteOfDay } from "./zone.js";

export interface OnCall {
  primary: string | null;
  secondary: string | null;
  /** Where the primary came from: the schedule, an override, or nobody. */
  primaryFrom: "schedule" | "override" | null;
  /** Why, in order: the layer and shift, skipped members, overrides applied, or why nobody. */
  reasons: string[];
}

export interface CompiledLayer {
  layer: RotationLayer;
  restrictions: CompiledWindow[];
  wall: boolean;
  anchorLocal: number;
  anchorMs: number;
  /** The two shift starts computed last (shift number → instant): see shiftStart. */
  memo: [number, number, number, number];
}

/** One schedule of the rotation (the current one, or an earlier one from its history), in effect in [startMs, endMs). */
export interface CompiledVersion {
  startMs: number;
  endMs: number; // the next schedule's start, Infinity for the current one
  effectiveFrom: string;
  layers: CompiledLayer[];
  availability: Map<string, CompiledWindow[]>;
}

export interface CompiledRotation {
  rotation: Rotation;
  clock: ZoneClock;
  /** When the earliest schedule takes effect: before it nobody is on call. */
  effectiveMs: number;
  /** Oldest first; the last is the current schedule. */
  versions: CompiledVersion[];
  overrides: { o: Override; start: number; end: number; index: number }[];
  /** Minutes of the day at which some window opens or closes, by ISO weekday: where the answer may change. */
  windowEdges: number[][];
}

/** The latest local handoff reading at or before `local`. */
function anchorFor(layer: RotationLayer, local: number): number {
  const [h, m] = layer.handoff.time.split(":").map(Number);
  const handoffMin = (h ?? 0) * 60 + (m ?? 0);
  let day = localDay(local);
  if (minuteOfDay(local) < handoffMin) day -= 1;
  if (layer.handoff.weekday !== null) {
    const wd = isoWeekday(day * DAY);
    day -= (wd - layer.handoff.weekday + 7) % 7;
  }
  return day * DAY + handoffMin * MINUTE;
}

export function compile(rotation: Rotation): CompiledRotation {
  const clock = zoneClock(rotation.timeZone);
  const edges = Array.from({ length: 8 }, () => new Set<number>());
  const addEdges = (w: CompiledWindow): void => {
    for (let d = 1; d <= 7; d++) {
      if ((w.mask & (1 << d)) === 0) continue;
      edges[d]?.add(w.start);
      // A window ending at 24:00 closes at the next day's 00:00.
      if (w.end < 24 * 60) edges[d]?.add(w.end);
      else edges[(d % 7) + 1]?.add(0);
    }
  };
  const schedules = [...rotation.history, { effectiveFrom: rotation.effectiveFrom, layers: rotation.layers, members: rotation.members }];
  const versions = schedules.map((v, i): CompiledVersion => {
    const startMs = Date.parse(v.effectiveFrom);
    const next = schedules[i + 1];
    const effLocal = clock.toLocal(startMs);
    const layers = v.layers.map((layer) => {
      const restrictions = compileWindows(layer.restrictions);
      restrictions.forEach(addEdges);
      const anchorLocal = layer.anchor === null ? anchorFor(layer, effLocal) : clock.toLocal(Date.parse(layer.anchor));
      const wall = layer.shift % DAY === 0 || DAY % layer.shift === 0;
      const memo: CompiledLayer["memo"] = [NaN, 0, NaN, 0];
      return { layer, restrictions, wall, anchorLocal, anchorMs: layer.anchor === null ? clock.toInstant(anchorLocal) : Date.parse(layer.anchor), memo };
    });
    const availability = new Map<string, CompiledWindow[]>();
    for (const [login, m] of Object.entries(v.members)) {
      const windows = compileWindows(m.availability);
      windows.forEach(addEdges);
      availability.set(login, windows);
    }
    return { startMs, endMs: next ? Date.parse(next.effectiveFrom) : Infinity, effectiveFrom: v.effectiveFrom, layers, availability };
  });
  const overrides = rotation.overrides.map((o, index) => ({ o, index, start: Date.parse(o.start), end: Date.parse(o.end) }));
  return { rotation, clock, effectiveMs: versions[0]?.startMs ?? Infinity, versions, overrides, windowEdges: edges.map((e) => [...e]) };
}

/** Index of the schedule in effect at `ms` (the caller has checked ms >= effectiveMs). */
export function versionAt(c: CompiledRotation, ms: number): number {
  let i = c.versions.length - 1;
  while (i > 0 && ms < (c.versions[i] as CompiledVersion).startMs) i--;
  return i;
}

export function shiftStart(c: CompiledRotation, l: CompiledLayer, n: number): number {
  if (!l.wall) return l.anchorMs + n * l.layer.shift;
  // Questions in a row ask about the same shift and the next (shiftIndex), and a wall-clock start
  // costs several offset look-ups, so the last two answers are kept. toInstant is pure: exact.
  const m = l.memo;
  if (n === m[0]) return m[1];
  if (n === m[2]) return m[3];
  const start = c.clock.toInstant(l.anchorLocal + n * l.layer.shift);
  m[2] = m[0];
  m[3] = m[1];
  m[0] = n;
  m[1] = start;
  return start;
}

/** Index of the shift containing `ms` (0 = the shift that starts at the anchor). */
export function shiftIndex(c: CompiledRotation, l: CompiledLayer, ms: number, local: number): number {
  const shift = l.layer.shift;
  let n = Math.floor(((l.wall ? local - l.anchorLocal : ms - l.anchorMs)) / shift);
  while (n > -1e6 && shiftStart(c, l, n) > ms) n--;
  while (shiftStart(c, l, n + 1) <= ms) n++;
  return n;
}

const NO_WINDOWS: CompiledWindow[] = [];
const available = (v: CompiledVersion, login: string, local: number): boolean =>
  inWindows(v.availability.get(login) ?? NO_WINDOWS, local);

/** `Evaluation.layer` when no layer covers the instant, and when the rotation is not in effect yet. */
const UNCOVERED = -1;
const BEFORE = -2;
const NONE_APPLIED: readonly number[] = Object.freeze([]);

/**
 * An answer and what its reasons are made of. Building the reason strings costs about as much as
 * the rest of an evaluation, and equal facts always give equal strings, so the cache tells where
 * the answer changes from the facts and builds the strings once per stretch, not per change point.
 */
export interface Evaluation {
  primary: string | null;
  secondary: string | null;
  primaryFrom: OnCall["primaryFrom"];
  /** Index of the schedule in effect (CompiledRotation.versions). */
  version: number;
  /** Index of the layer the scheduled primary came from, or UNCOVERED, or BEFORE. */
  layer: number;
  /** That layer's shift number, and how many members were skipped (outside availability). */
  shift: number;
  skipped: number;
  scheduledPrimary: string | null;
  scheduledSecondary: string | null;
  /** Indexes of the overrides applied, in order. */
  applied: readonly number[];
}

/** The full evaluation at one instant. */
export function evaluateAt(c: CompiledRotation, ms: number): Evaluation {
  if (ms < c.effectiveMs) {
    return { primary: null, secondary: null, primaryFrom: null, version: 0, layer: BEFORE, shift: 0, skipped: 0, scheduledPrimary: null, scheduledSecondary: null, applied: NONE_APPLIED };
  }
  const local = c.clock.toLocal(ms);
  const version = c.versions.length === 1 ? 0 : versionAt(c, ms);
  const v = c.versions[version] as CompiledVersion;
  let layer = UNCOVERED;
  let shift = 0;
  let skipped = 0;
  // In order: the primary, each later layer's person, then the rest of the primary's layer.
  const candidates: string[] = [];
  for (let i = 0; i < v.layers.length; i++) {
    const l = v.layers[i] as CompiledLayer;
    const members = l.layer.members;
    const len = members.length;
    if (len === 0 || !inWindows(l.restrictions, local)) continue;
    const n = shiftIndex(c, l, ms, local);
    const base = ((n % len) + len) % len;
    let pick = 0;
    while (pick < len && !available(v, members[(base + pick) % len] ?? "", local)) pick++;
    if (pick === len) continue;
    const picked = members[(base + pick) % len] ?? "";
    if (layer === UNCOVERED) {
      layer = i;
      shift = n;
      skipped = pick;
      candidates.push(picked);
    } else if (!candidates.includes(picked)) {
      candidates.push(picked);
    }
  }
  if (layer !== UNCOVERED) {
    const l = v.layers[layer] as CompiledLayer;
    const members = l.layer.members;
    const len = members.length;
    const base = ((shift % len) + len) % len;
    const primary = candidates[0];
    for (let k = skipped + 1; k < len; k++) {
      const login = members[(base + k) % len] ?? "";
      if (login !== primary && available(v, login, local)) candidates.push(login);
    }
  }
  const scheduledPrimary = candidates[0] ?? null;
  const scheduledSecondary = candidates[1] ?? null;
  let primary = scheduledPrimary;
  let secondary = scheduledSecondary;
  let applied = NONE_APPLIED;
  // An index loop: this runs a few thousand times before V8 optimises it, and an unoptimised
  // for-of allocates an iterator result per step.
  for (let index = 0; index < c.overrides.length; index++) {
    const { o, start, end } = c.overrides[index] as CompiledRotation["overrides"][number];
    if (ms < start || ms >= end) continue;
    const current = o.role === "primary" ? scheduledPrimary : scheduledSecondary;
    if (o.replaces !== null && o.replaces !== current) continue;
    if (o.role === "primary") primary = o.member;
    else secondary = o.member;
    applied = applied === NONE_APPLIED ? [index] : [...applied, index];
  }
  if (secondary !== null && secondary === primary) {
    // The override made the secondary primary: the next person who is neither takes secondary.
    secondary = candidates.find((m) => m !== primary && m !== scheduledPrimary) ?? null;
  }
  const primaryFrom = primary === null ? null : primary === scheduledPrimary ? "schedule" : "override";
  return { primary, secondary, primaryFrom, version, layer, shift, skipped, scheduledPrimary, scheduledSecondary, applied };
}

/**
 * Per schedule and layer, the last layer reasons built (the layer's shift and skipped members), kept while they
 * stay the same: stretches in a row mostly share them, and building them means formatting a date.
 */
export type ReasonMemo = Map<number, { shift: number; skipped: number; lines: readonly string[] }>;

export const reasonMemo = (): ReasonMemo => new Map();

function layerLines(c: CompiledRotation, e: Evaluation): string[] {
  const v = c.versions[e.version] as CompiledVersion;
  const l = v.layers[e.layer];
  const since = c.versions.length > 1 ? `schedule of ${v.effectiveFrom}${v.endMs < Infinity ? ` (until ${c.versions[e.version + 1]?.effectiveFrom ?? ""})` : ""}: ` : "";
  if (l === undefined) return [`${since}no layer covers this time`];
  const { members, name } = l.layer;
  const base = ((e.shift % members.length) + members.length) % members.length;
  const from = formatLocal(c.clock.toLocal(shiftStart(c, l, e.shift)));
  const lines = [`${since}layer "${name}" shift from ${from} ${c.rotation.timeZone}: ${e.scheduledPrimary ?? ""}`];
  if (e.skipped > 0) {
    const skipped = Array.from({ length: e.skipped }, (_, k) => members[(base + k) % members.length] ?? "");
    lines.push(`${skipped.join(", ")} outside availability; next in order`);
  }
  return lines;
}

/** The reason strings of an evaluation. */
export function explain(c: CompiledRotation, e: Evaluation, memo?: ReasonMemo): string[] {
  if (e.layer === BEFORE) return [`before the rotation takes effect (${c.versions[0]?.effectiveFrom ?? c.rotation.effectiveFrom})`];
  const key = e.version * 1024 + e.layer;
  const kept = memo?.get(key);
  let lines: readonly string[];
  if (kept !== undefined && kept.shift === e.shift && kept.skipped === e.skipped) lines = kept.lines;
  else {
    lines = layerLines(c, e);
    memo?.set(key, { shift: e.shift, skipped: e.skipped, lines });
  }
  const reasons = lines.slice();
  for (const index of e.applied) {
    const { o } = c.overrides[index] as CompiledRotation["overrides"][number];
    const current = o.role === "primary" ? e.scheduledPrimary : e.scheduledSecondary;
    reasons.push(`override #${index + 1} (${o.start} to ${o.end}): ${o.member} is ${o.role}` + (current ? ` instead of ${current}` : ""));
  }
  return reasons;
}

/** Whether two evaluations give the same answer with the same reasons, mostly without building the reasons. */
export function sameAnswer(c: CompiledRotation, a: Evaluation, b: Evaluation): boolean {
  if (a.primary !== b.primary || a.secondary !== b.secondary) return false;
  const sameFacts =
    a.version === b.version && a.layer === b.layer && a.shift === b.shift && a.skipped === b.skipped &&
    a.scheduledPrimary === b.scheduledPrimary && a.scheduledSecondary === b.scheduledSecondary &&
    a.applied.length === b.applied.length && a.applied.every((x, i) => x === b.applied[i]);
  // Equal facts give equal text; different facts can still read the same (two layers with one name).
  return sameFacts || explain(c, a).join("\u0000") === explain(c, b).join("\u0000");
}

export function answer(c: CompiledRotation, e: Evaluation, memo?: ReasonMemo): OnCall {
  return { primary: e.primary, secondary: e.secondary, primaryFrom: e.primaryFrom, reasons: explain(c, e, memo) };
}
