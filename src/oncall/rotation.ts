// Who is on call: a rotation's schedule (schedule.ts) answered fast for many instants. Answers
// are cached per rotation object, one week at a time, as stretches between the instants where they
// can change; sequential scans (coverage, calendars, the bench) mostly hit the stretch they hit
// last, so that is checked before anything else.
import type { Rotation } from "../config/types.js";
import { type CompiledRotation, type Evaluation, type OnCall, type ReasonMemo, answer, compile, evaluateAt, reasonMemo, sameAnswer, shiftIndex, shiftStart } from "./schedule.js";
import { DAY, MINUTE, type Instant, instantMs, isoWeekday, localDay } from "./zone.js";

export type { OnCall } from "./schedule.js";

/** The full evaluation at one instant; `whoIsOnCall` caches its results between change points. */
export function evaluate(c: CompiledRotation, ms: number): OnCall {
  return answer(c, evaluateAt(c, ms));
}

interface Chunk {
  starts: number[];
  values: OnCall[];
}

export interface RotationIndex {
  compiled: CompiledRotation;
  chunks: Map<number, Chunk>;
  /** Layer reasons built last, shared by consecutive stretches (a weekly shift spans two chunks). */
  memo: ReasonMemo;
  /** The stretch answered last, [start, end): where a sequential scan most likely asks next. */
  start: number;
  end: number;
  value: OnCall | null;
}

const WEEK = 7 * DAY;
const indexes = new WeakMap<Rotation, RotationIndex>();

let recent: RotationIndex | null = null;

export function indexOf(rotation: Rotation): RotationIndex {
  if (recent?.compiled.rotation === rotation) return recent;
  let idx = indexes.get(rotation);
  if (!idx) {
    // An empty stretch (start > end) so that the first question looks the answer up.
    idx = { compiled: compile(rotation), chunks: new Map(), memo: reasonMemo(), start: Infinity, end: -Infinity, value: null };
    indexes.set(rotation, idx);
  }
  recent = idx;
  return idx;
}

/**
 * Every instant in [from, to) where the answer may change, ascending; may repeat an instant. A
 * typed array because its sort is numeric and native (no comparator calls while code is cold).
 */
function changePoints(c: CompiledRotation, from: number, to: number): Float64Array {
  const points = [from];
  const add = (ms: number): void => {
    if (ms > from && ms < to) points.push(ms);
  };
  add(c.effectiveMs);
  for (let i = 0; i < c.overrides.length; i++) {
    const o = c.overrides[i] as CompiledRotation["overrides"][number];
    add(o.start);
    add(o.end);
  }
  const lo = c.clock.toLocal(from);
  const hi = c.clock.toLocal(to);
  for (let k = 0; k < c.versions.length; k++) {
    const v = c.versions[k] as CompiledRotation["versions"][number];
    if (v.endMs <= from || v.startMs >= to) continue;
    add(v.startMs);
    const a = Math.max(from, v.startMs);
    const b = Math.min(to, v.endMs);
    for (let i = 0; i < v.layers.length; i++) {
      const l = v.layers[i] as CompiledRotation["versions"][number]["layers"][number];
      let n = shiftIndex(c, l, a, a === from ? lo : c.clock.toLocal(a));
      for (let s = shiftStart(c, l, n); s < b; s = shiftStart(c, l, ++n)) add(s);
    }
  }
  for (let day = localDay(lo); day <= localDay(hi); day++) {
    const edges = c.windowEdges[isoWeekday(day * DAY)] ?? [];
    for (let i = 0; i < edges.length; i++) add(c.clock.toInstant(day * DAY + (edges[i] as number) * MINUTE));
  }
  return Float64Array.from(points).sort();
}

function chunkAt(idx: RotationIndex, k: number): Chunk {
  let chunk = idx.chunks.get(k);
  if (chunk) return chunk;
  chunk = { starts: [], values: [] };
  const c = idx.compiled;
  const points = changePoints(c, k * WEEK, (k + 1) * WEEK);
  let prev: Evaluation | null = null;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as number;
    if (p === points[i - 1]) continue;
    const e = evaluateAt(c, p);
    if (prev !== null && sameAnswer(c, prev, e)) continue;
    prev = e;
    chunk.starts.push(p);
    chunk.values.push(Object.freeze(answer(c, e, idx.memo)));
  }
  if (idx.chunks.size > 1000) idx.chunks.clear();
  idx.chunks.set(k, chunk);
  return chunk;
}

/** Makes the stretch holding `ms` the index's current one. */
function locate(idx: RotationIndex, ms: number): void {
  const k = Math.floor(ms / WEEK);
  const { starts, values } = chunkAt(idx, k);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= ms) lo = mid;
    else hi = mid - 1;
  }
  idx.start = starts[lo] ?? k * WEEK;
  idx.end = starts[lo + 1] ?? (k + 1) * WEEK;
  idx.value = values[lo] as OnCall;
}

/** The answer at `ms` and the instant it stops holding (exclusive). */
export function segmentAt(rotation: Rotation, ms: number): { value: OnCall; start: number; end: number } {
  const idx = indexOf(rotation);
  if (!(ms >= idx.start && ms < idx.end)) locate(idx, ms);
  return { value: idx.value as OnCall, start: idx.start, end: idx.end };
}

/** Who is on call in `rotation` at `at`: primary, secondary and why. Pure; cached per rotation. */
export function whoIsOnCall(rotation: Rotation, at: Instant): OnCall {
  // Kept this small so V8 inlines it into a caller's loop: the common case is the stretch answered
  // last, for the rotation asked about last. NaN fails the range test and is rejected below.
  const idx = recent;
  if (idx !== null && idx.compiled.rotation === rotation && typeof at === "number" && at >= idx.start && at < idx.end) {
    return idx.value as OnCall;
  }
  return lookUp(rotation, at);
}

function lookUp(rotation: Rotation, at: Instant): OnCall {
  const ms = typeof at === "number" ? at : instantMs(at);
  if (ms === null || !Number.isFinite(ms)) throw new RangeError(`not a point in time: ${String(at)}`);
  const idx = indexOf(rotation);
  if (!(ms >= idx.start && ms < idx.end)) locate(idx, ms);
  return idx.value as OnCall;
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
