// Rotations whose history cannot be rewritten. A change to a rotation (members, order, handoff,
// layers, availability, overrides) may only alter shifts that have not started: compared with the
// previous committed version, who is on call must stay the same at every instant before the end of
// the shifts in progress when the change was made — unless an override the change adds covers that
// instant (the explicit way to change who is on call now). PagerDuty behaves the same way: "changes
// to the schedule apply to present and future dates or times only". Pure: both versions and the
// instant of the change are arguments.
import type { Override, Rotation } from "../config/types.js";
import { segments } from "./rotation.js";
import { compile, shiftIndex, shiftStart, versionAt } from "./schedule.js";
import { DAY, formatLocal, isoIn, zoneClock } from "./zone.js";

/** How far back a change is compared: past shifts older than this are not re-checked. */
export const HISTORY_HORIZON_MS = 400 * DAY;

export interface OnCallPair {
  primary: string | null;
  secondary: string | null;
}

/** A change that alters a shift that had started when the change was made. */
export interface ShiftRewrite {
  rotation: string;
  /** First instant (epoch ms) whose answer changed, and the answers before and after the change. */
  at: number;
  before: OnCallPair;
  after: OnCallPair;
  /** The end of the shifts in progress when the change was made: the earliest the change may take effect. */
  nextHandoff: number;
}

/**
 * The end of the shifts in progress at `at` under `rotation`: for each layer of the schedule in
 * effect then, its next handoff, and the latest of those. `at` itself when no schedule is in effect yet.
 */
export function nextHandoffAfter(rotation: Rotation, at: number): number {
  const c = compile(rotation);
  if (at < c.effectiveMs) return at;
  const version = c.versions[versionAt(c, at)];
  let end = at;
  for (const l of version?.layers ?? []) {
    const n = shiftIndex(c, l, at, c.clock.toLocal(at));
    end = Math.max(end, shiftStart(c, l, n + 1));
  }
  // The next schedule may start earlier than a layer's handoff; its start is a handoff too.
  return version && version.endMs < end ? Math.max(version.endMs, at) : end;
}

const overrideKey = (o: Override): string => JSON.stringify([Date.parse(o.start), Date.parse(o.end), o.member, o.replaces, o.role]);

/** Overrides in `after` that `before` does not have: the explicit entries a change may use to alter a current shift. */
function addedOverrides(before: Rotation, after: Rotation): { start: number; end: number }[] {
  const had = new Set(before.overrides.map(overrideKey));
  return after.overrides.filter((o) => !had.has(overrideKey(o))).map((o) => ({ start: Date.parse(o.start), end: Date.parse(o.end) }));
}

/** The first instant in [from, to) that no interval covers, or null. */
function firstUncovered(from: number, to: number, covers: readonly { start: number; end: number }[]): number | null {
  let t = from;
  for (let moved = true; moved && t < to; ) {
    moved = false;
    for (const c of covers) {
      if (c.start <= t && t < c.end) {
        t = c.end;
        moved = true;
      }
    }
  }
  return t < to ? t : null;
}

/** Pairs of stretches of the two schedules over [from, to), split wherever either changes. */
function compareStretches(before: Rotation, after: Rotation, from: number, to: number): { start: number; end: number; before: OnCallPair; after: OnCallPair }[] {
  const a = segments(before, from, to);
  const b = segments(after, from, to);
  const out: { start: number; end: number; before: OnCallPair; after: OnCallPair }[] = [];
  let i = 0;
  let j = 0;
  let t = from;
  while (t < to && i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (!x || !y) break;
    const end = Math.min(x.end, y.end);
    out.push({ start: t, end, before: { primary: x.value.primary, secondary: x.value.secondary }, after: { primary: y.value.primary, secondary: y.value.secondary } });
    t = end;
    if (x.end === end) i++;
    if (y.end === end) j++;
  }
  return out;
}

/**
 * The first shift `after` rewrites, compared with `before`, for a change made at `changedAt`
 * (epoch ms), or null when it alters nothing that had started (or the rotation is new).
 */
export function shiftRewrite(before: Rotation, after: Rotation, changedAt: number): ShiftRewrite | null {
  const start = compile(before).effectiveMs;
  if (!(changedAt > start)) return null; // nothing had started yet
  const nextHandoff = nextHandoffAfter(before, changedAt);
  const from = Math.max(start, nextHandoff - HISTORY_HORIZON_MS);
  const excused = addedOverrides(before, after);
  for (const s of compareStretches(before, after, from, nextHandoff)) {
    if (s.before.primary === s.after.primary && s.before.secondary === s.after.secondary) continue;
    const at = firstUncovered(s.start, s.end, excused);
    if (at !== null) return { rotation: after.id, at, before: s.before, after: s.after, nextHandoff };
  }
  return null;
}

/** Every rotation in both sets whose change rewrites a shift that had started at `changedAt`. */
export function rotationRewrites(before: Readonly<Record<string, Rotation>>, after: Readonly<Record<string, Rotation>>, changedAt: number): ShiftRewrite[] {
  const out: ShiftRewrite[] = [];
  for (const [id, r] of Object.entries(after)) {
    const old = before[id];
    if (!old || sameSchedule(old, r)) continue;
    const rewrite = shiftRewrite(old, r, changedAt);
    if (rewrite) out.push(rewrite);
  }
  return out;
}

/** Everything that decides who is on call, compared as data (names, expertise and sources aside). */
function sameSchedule(a: Rotation, b: Rotation): boolean {
  const shape = (r: Rotation): string =>
    JSON.stringify([
      r.timeZone,
      r.effectiveFrom,
      r.layers.map((l) => [l.members, l.shift, l.handoff, l.restrictions, l.anchor]),
      Object.entries(r.members).map(([k, m]) => [k, m.availability]),
      r.history.map((v) => [v.effectiveFrom, v.layers.map((l) => [l.members, l.shift, l.handoff, l.restrictions, l.anchor]), Object.entries(v.members).map(([k, m]) => [k, m.availability])]),
      r.overrides.map(overrideKey),
    ]);
  return shape(a) === shape(b);
}

/** The sentence `incident validate` prints for a rewrite; `against` names what it was compared with. */
export function rewriteMessage(r: ShiftRewrite, rotation: Rotation, against: string): string {
  const zone = rotation.timeZone;
  const clock = zoneClock(zone);
  const local = (ms: number): string => `${formatLocal(clock.toLocal(ms))} ${zone}`;
  const role = r.before.primary !== r.after.primary ? "primary" : "secondary";
  const was = role === "primary" ? r.before.primary : r.before.secondary;
  const now = role === "primary" ? r.after.primary : r.after.secondary;
  return (
    `rotation \`${r.rotation}\`: this change rewrites a shift that had already started (compared with ${against}): at ${local(r.at)} the ${role} would be ${now ?? "nobody"} instead of ${was ?? "nobody"}. ` +
    `Shifts before the next handoff (${local(r.nextHandoff)}) must stay as they were: keep the previous schedule under \`history\` and set effective_from: "${isoIn(r.nextHandoff, zone)}" (\`incident validate --fix\` does both), or add an override for the change you want now`
  );
}
