// Who is on call: the schedule of a rotation evaluated at an instant. Shifts are counted on the
// wall clock of the rotation's zone, so a Monday 09:00 handoff stays at 09:00 local across DST
// changes. A handoff at a local time skipped that day (02:30 on the March change in
// America/Los_Angeles) happens at 03:30, where the clock lands: the outgoing shift runs an hour
// longer, so no hour is left uncovered. A repeated time (01:30 in November) means its first
// occurrence. Shift lengths that are whole days, or divide a day, follow the wall clock; any
// other length (e.g. 5h) counts elapsed time from the anchor. Answers are cached per rotation
// object, one week at a time, between the instants where they can change.
import type { Override, Rotation, RotationLayer } from "../config/types.js";
import { type CompiledWindow, compileWindows, inWindows } from "./windows.js";
import { DAY, MINUTE, type Instant, type ZoneClock, instantMs, zoneClock, formatLocal, isoWeekday, localDay, minuteOfDay } from "./zone.js";

export interface OnCall {
  primary: string | null;
  secondary: string | null;
  /** Where the primary came from: the schedule, an override, or nobody. */
  primaryFrom: "schedule" | "override" | null;
  /** Why, in order: the layer and shift, skipped members, overrides applied, or why nobody. */
  reasons: string[];
}

interface CompiledLayer {
  layer: RotationLayer;
  restrictions: CompiledWindow[];
  wall: boolean;
  anchorLocal: number;
  anchorMs: number;
}

interface CompiledRotation {
  rotation: Rotation;
  clock: ZoneClock;
  effectiveMs: number;
  layers: CompiledLayer[];
  availability: Map<string, CompiledWindow[]>;
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

function compile(rotation: Rotation): CompiledRotation {
  const clock = zoneClock(rotation.timeZone);
  const effectiveMs = Date.parse(rotation.effectiveFrom);
  const effLocal = clock.toLocal(effectiveMs);
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
  const layers = rotation.layers.map((layer) => {
    const restrictions = compileWindows(layer.restrictions);
    restrictions.forEach(addEdges);
    const anchorLocal = anchorFor(layer, effLocal);
    const wall = layer.shift % DAY === 0 || DAY % layer.shift === 0;
    return { layer, restrictions, wall, anchorLocal, anchorMs: clock.toInstant(anchorLocal) };
  });
  const availability = new Map<string, CompiledWindow[]>();
  for (const [login, m] of Object.entries(rotation.members)) {
    const windows = compileWindows(m.availability);
    windows.forEach(addEdges);
    availability.set(login, windows);
  }
  const overrides = rotation.overrides.map((o, index) => ({ o, index, start: Date.parse(o.start), end: Date.parse(o.end) }));
  return { rotation, clock, effectiveMs, layers, availability, overrides, windowEdges: edges.map((e) => [...e]) };
}

function shiftStart(c: CompiledRotation, l: CompiledLayer, n: number): number {
  return l.wall ? c.clock.toInstant(l.anchorLocal + n * l.layer.shift) : l.anchorMs + n * l.layer.shift;
}

/** Index of the shift containing `ms` (0 = the shift that starts at the anchor). */
function shiftIndex(c: CompiledRotation, l: CompiledLayer, ms: number, local: number): number {
  const shift = l.layer.shift;
  let n = Math.floor(((l.wall ? local - l.anchorLocal : ms - l.anchorMs)) / shift);
  while (n > -1e6 && shiftStart(c, l, n) > ms) n--;
  while (shiftStart(c, l, n + 1) <= ms) n++;
  return n;
}

const available = (c: CompiledRotation, login: string, local: number): boolean =>
  inWindows(c.availability.get(login) ?? [], local);

/** The full evaluation at one instant; `whoIsOnCall` caches its results between change points. */
export function evaluate(c: CompiledRotation, ms: number): OnCall {
  if (ms < c.effectiveMs) {
    return { primary: null, secondary: null, primaryFrom: null, reasons: [`before the rotation takes effect (${c.rotation.effectiveFrom})`] };
  }
  const local = c.clock.toLocal(ms);
  const reasons: string[] = [];
  let primary: string | null = null;
  let restInOrder: string[] = [];
  const laterLayers: string[] = [];
  for (const l of c.layers) {
    const { members, name } = l.layer;
    if (members.length === 0 || !inWindows(l.restrictions, local)) continue;
    const n = shiftIndex(c, l, ms, local);
    const base = ((n % members.length) + members.length) % members.length;
    const order = members.map((_, k) => members[(base + k) % members.length] ?? "");
    const pick = order.findIndex((login) => available(c, login, local));
    const picked = order[pick];
    if (picked === undefined) continue;
    if (primary === null) {
      primary = picked;
      const from = formatLocal(c.clock.toLocal(shiftStart(c, l, n)));
      reasons.push(`layer "${name}" shift from ${from} ${c.rotation.timeZone}: ${picked}`);
      const skipped = order.slice(0, pick);
      if (skipped.length > 0) reasons.push(`${skipped.join(", ")} outside availability; next in order`);
      restInOrder = order.slice(pick + 1).filter((login) => login !== picked && available(c, login, local));
    } else if (picked !== primary && !laterLayers.includes(picked)) {
      laterLayers.push(picked);
    }
  }
  // A later layer's person outranks the next-in-order member as secondary.
  const candidates = [...(primary === null ? [] : [primary]), ...laterLayers, ...restInOrder];
  const scheduled = { primary: candidates[0] ?? null, secondary: candidates[1] ?? null };
  if (scheduled.primary === null) reasons.push("no layer covers this time");
  const result = { ...scheduled };
  for (const { o, start, end, index } of c.overrides) {
    if (ms < start || ms >= end) continue;
    const current = scheduled[o.role];
    if (o.replaces !== null && o.replaces !== current) continue;
    result[o.role] = o.member;
    reasons.push(`override #${index + 1} (${o.start} to ${o.end}): ${o.member} is ${o.role}` + (current ? ` instead of ${current}` : ""));
  }
  if (result.secondary !== null && result.secondary === result.primary) {
    // The override made the secondary primary: the next person who is neither takes secondary.
    result.secondary = candidates.find((m) => m !== result.primary && m !== scheduled.primary) ?? null;
  }
  const primaryFrom = result.primary === null ? null : result.primary === scheduled.primary ? "schedule" : "override";
  return { ...result, primaryFrom, reasons };
}

interface Chunk {
  starts: number[];
  values: OnCall[];
}

export interface RotationIndex {
  compiled: CompiledRotation;
  chunks: Map<number, Chunk>;
  last: { k: number; chunk: Chunk } | null; // sequential scans hit the same week over and over
}

const WEEK = 7 * DAY;
const indexes = new WeakMap<Rotation, RotationIndex>();

let recent: RotationIndex | null = null;

export function indexOf(rotation: Rotation): RotationIndex {
  if (recent?.compiled.rotation === rotation) return recent;
  let idx = indexes.get(rotation);
  if (!idx) {
    idx = { compiled: compile(rotation), chunks: new Map(), last: null };
    indexes.set(rotation, idx);
  }
  recent = idx;
  return idx;
}

/** Every instant in [from, to) where the answer may change. */
function changePoints(c: CompiledRotation, from: number, to: number): number[] {
  const points = new Set<number>([from]);
  const add = (ms: number): void => void (ms > from && ms < to && points.add(ms));
  add(c.effectiveMs);
  for (const o of c.overrides) { add(o.start); add(o.end); }
  const lo = c.clock.toLocal(from);
  const hi = c.clock.toLocal(to);
  for (const l of c.layers) {
    let n = shiftIndex(c, l, from, lo);
    for (let s = shiftStart(c, l, n); s < to; s = shiftStart(c, l, ++n)) add(s);
  }
  for (let day = localDay(lo); day <= localDay(hi); day++) {
    for (const min of c.windowEdges[isoWeekday(day * DAY)] ?? []) add(c.clock.toInstant(day * DAY + min * MINUTE));
  }
  return [...points].sort((a, b) => a - b);
}

function chunkAt(idx: RotationIndex, k: number): Chunk {
  let chunk = idx.chunks.get(k);
  if (chunk) return chunk;
  chunk = { starts: [], values: [] };
  let prev = "";
  for (const p of changePoints(idx.compiled, k * WEEK, (k + 1) * WEEK)) {
    const v = evaluate(idx.compiled, p);
    const key = `${v.primary}\u0000${v.secondary}\u0000${v.reasons.join("\u0000")}`;
    if (key === prev) continue;
    prev = key;
    chunk.starts.push(p);
    chunk.values.push(Object.freeze(v));
  }
  if (idx.chunks.size > 1000) idx.chunks.clear();
  idx.chunks.set(k, chunk);
  return chunk;
}

/** Index into the week's chunk of the stretch holding `ms`; leaves the chunk in `idx.last`. */
function position(idx: RotationIndex, ms: number): number {
  const k = Math.floor(ms / WEEK);
  if (idx.last === null || idx.last.k !== k) idx.last = { k, chunk: chunkAt(idx, k) };
  const starts = idx.last.chunk.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The answer at `ms` and the instant it stops holding (exclusive). */
export function segmentAt(rotation: Rotation, ms: number): { value: OnCall; start: number; end: number } {
  const idx = indexOf(rotation);
  const i = position(idx, ms);
  const { chunk, k } = idx.last as { k: number; chunk: Chunk };
  return { value: chunk.values[i] as OnCall, start: chunk.starts[i] ?? k * WEEK, end: chunk.starts[i + 1] ?? (k + 1) * WEEK };
}

/** Who is on call in `rotation` at `at`: primary, secondary and why. Pure; cached per rotation. */
export function whoIsOnCall(rotation: Rotation, at: Instant): OnCall {
  const ms = typeof at === "number" ? at : instantMs(at);
  if (ms === null || !Number.isFinite(ms)) throw new RangeError(`not a point in time: ${String(at)}`);
  const idx = indexOf(rotation);
  const i = position(idx, ms);
  return (idx.last as { chunk: Chunk }).chunk.values[i] as OnCall;
}

export interface Segment {
  start: number;
  end: number;
  value: OnCall;
}

/** Consecutive stretches in [from, to) with the same primary and secondary (reasons may differ). */
export function segments(rotation: Rotation, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  for (let t = from; t < to; ) {
    const s = segmentAt(rotation, t);
    const end = Math.min(s.end, to);
    const last = out[out.length - 1];
    if (last && last.value.primary === s.value.primary && last.value.secondary === s.value.secondary) last.end = end;
    else out.push({ start: t, end, value: s.value });
    t = end;
  }
  return out;
}
