// Coverage analysis for `incident validate`: stretches with nobody on call, described the way a
// person reads a schedule ("Sundays 02:00–09:00 America/Los_Angeles"), and overrides that collide.
import type { Override, Rotation } from "../config/types.js";
import { segments } from "./rotation.js";
import { DAY, formatLocal, isoWeekday, minuteOfDay, zoneClock } from "./zone.js";
import { formatMinutes } from "./windows.js";

const WEEK = 7 * DAY;
const PLURAL = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];
const SINGLE = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface Gap {
  start: number;
  end: number;
}

/**
 * The stretch a validation looks at: from effective_from, one full cycle of the longest layer
 * (members × shift), at least one week and at most twelve, in whole weeks.
 */
export function analysisWindow(rotation: Rotation): { from: number; to: number } {
  const from = Date.parse(rotation.effectiveFrom);
  const cycle = Math.max(WEEK, ...rotation.layers.map((l) => l.members.length * l.shift));
  const weeks = Math.min(12, Math.ceil(cycle / WEEK));
  return { from, to: from + weeks * WEEK };
}

export function coverageGaps(rotation: Rotation, from: number, to: number): Gap[] {
  return segments(rotation, from, to)
    .filter((s) => s.value.primary === null)
    .map((s) => ({ start: s.start, end: s.end }));
}

/** "Sundays 02:00–09:00", "Saturday 17:00 – Monday 09:00", each once, with a date if it does not recur. */
export function describeGaps(rotation: Rotation, gaps: Gap[], window: { from: number; to: number }): string[] {
  const clock = zoneClock(rotation.timeZone);
  const weeks = Math.round((window.to - window.from) / WEEK);
  const patterns = new Map<string, { count: number; first: number }>();
  for (const g of gaps) {
    const a = clock.toLocal(g.start);
    const b = clock.toLocal(g.end);
    const [da, db] = [isoWeekday(a) - 1, isoWeekday(b - 1) - 1];
    const end = minuteOfDay(b) === 0 ? "24:00" : formatMinutes(minuteOfDay(b));
    const sameDay = b - a <= DAY && da === db;
    const key = sameDay
      ? `${PLURAL[da]} ${formatMinutes(minuteOfDay(a))}–${end}`
      : `${SINGLE[da]} ${formatMinutes(minuteOfDay(a))} – ${SINGLE[isoWeekday(b) - 1]} ${formatMinutes(minuteOfDay(b))}`;
    const p = patterns.get(key);
    if (p) p.count++;
    else patterns.set(key, { count: 1, first: a });
  }
  return [...patterns].map(([key, p]) => (p.count >= weeks || weeks === 1 ? key : `${key} (from ${formatLocal(p.first)})`));
}

/** Human sentence for the gaps of one rotation, or null when it is fully covered. */
export function gapMessage(rotation: Rotation): string | null {
  const window = analysisWindow(rotation);
  const described = describeGaps(rotation, coverageGaps(rotation, window.from, window.to), window);
  if (described.length === 0) return null;
  const shown = described.slice(0, 3).join(", ") + (described.length > 3 ? ` and ${described.length - 3} more` : "");
  return `rotation ${rotation.id} has nobody on call ${shown} ${rotation.timeZone}`;
}

/** Pairs of overrides for the same role whose time ranges overlap; the later one wins. */
export function overlappingOverrides(rotation: Rotation): [Override, Override, number, number][] {
  const out: [Override, Override, number, number][] = [];
  const o = rotation.overrides;
  for (let i = 0; i < o.length; i++) {
    for (let j = i + 1; j < o.length; j++) {
      const a = o[i];
      const b = o[j];
      if (!a || !b || a.role !== b.role) continue;
      const sameTarget = a.replaces === null || b.replaces === null || a.replaces === b.replaces;
      if (sameTarget && Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end)) out.push([a, b, i, j]);
    }
  }
  return out;
}
