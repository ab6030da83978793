// Who is on call in the coming days under two policy sets, per rotation, where they differ. Pure:
// the start instant is an argument.
import type { Rotation } from "../config/types.js";
import { segments } from "../oncall/rotation.js";
import type { OnCallDifference, OnCallPair } from "./types.js";

const DAY = 86_400_000;

interface Stretch {
  start: number;
  end: number;
  value: OnCallPair | null;
}

function stretches(rotation: Rotation | undefined, from: number, to: number): Stretch[] {
  if (!rotation) return [{ start: from, end: to, value: null }];
  return segments(rotation, from, to).map((s) => ({ start: s.start, end: s.end, value: { primary: s.value.primary, secondary: s.value.secondary } }));
}

const same = (a: OnCallPair | null, b: OnCallPair | null): boolean => (a === null || b === null ? a === b : a.primary === b.primary && a.secondary === b.secondary);

/**
 * Stretches of [fromMs, fromMs + days) in which a rotation's primary or secondary differs between
 * `base` and `head` (a rotation only one of them has differs throughout), adjacent ones merged,
 * ordered by rotation id then time. Also how many rotations were compared.
 */
export function oncallDifferences(base: Readonly<Record<string, Rotation>>, head: Readonly<Record<string, Rotation>>, fromMs: number, days: number): { rotations: number; differences: OnCallDifference[] } {
  const to = fromMs + days * DAY;
  const ids = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
  const out: OnCallDifference[] = [];
  for (const id of ids) {
    const b = stretches(base[id], fromMs, to);
    const h = stretches(head[id], fromMs, to);
    const timeZone = (head[id] ?? base[id])?.timeZone ?? "UTC";
    let i = 0;
    let j = 0;
    let t = fromMs;
    while (t < to && i < b.length && j < h.length) {
      const x = b[i] as Stretch;
      const y = h[j] as Stretch;
      const end = Math.min(x.end, y.end);
      if (!same(x.value, y.value)) {
        const last = out[out.length - 1];
        if (last && last.rotation === id && last.end === t && same(last.base, x.value) && same(last.head, y.value)) last.end = end;
        else out.push({ rotation: id, timeZone, start: t, end, base: x.value, head: y.value });
      }
      t = end;
      if (x.end === end) i++;
      if (y.end === end) j++;
    }
  }
  return { rotations: ids.length, differences: out };
}
