// PagerDuty's final schedule computed straight from its documented semantics, independently of
// src/ (only luxon's tz arithmetic is shared), to write and check the import's fixture:
// - a layer's turn k starts at rotation_virtual_start + k turns, the handoff staying at the same
//   local time in the schedule's zone across DST (PagerDuty's time-zone docs: a schedule's handoffs
//   follow its zone's clock); turn k belongs to users[k mod n];
// - a layer covers only [start, end) and, when it has restrictions, only their windows
//   ("a restriction is a limit on which period of the day or week the schedule layer can accept
//   assignments"; "restrictions respect the time_zone parameter"); turns keep counting through
//   restricted-out time;
// - "the lowest layer always takes precedence": the last layer in POST order, the first in the
//   order GET returns (which this file's JSON is in);
// - an override covers everything below it.
import { DateTime } from "luxon";

export interface RawLayer {
  name: string;
  start: string;
  end: string | null;
  rotation_virtual_start: string;
  rotation_turn_length_seconds: number;
  users: { user: { id: string; summary: string; type: string } }[];
  restrictions: { type: string; start_time_of_day: string; duration_seconds: number; start_day_of_week?: number }[];
}

export interface RawOverride {
  start: string;
  end: string;
  user: { id: string; summary: string };
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

function turnStart(rvs: DateTime, seconds: number, k: number, zone: string): number {
  if (seconds % 86_400 === 0) return rvs.plus({ days: (k * seconds) / 86_400 }).toMillis(); // calendar days: wall clock
  // Turns that divide a day: wall-clock readings rvs + k turns, read in the zone.
  const wall = DateTime.fromObject({ year: rvs.year, month: rvs.month, day: rvs.day, hour: rvs.hour, minute: rvs.minute }, { zone: "utc" }).plus({ seconds: k * seconds });
  return DateTime.fromObject({ year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute }, { zone }).toMillis();
}

function inRestriction(r: RawLayer["restrictions"][number], local: DateTime): boolean {
  const [h = 0, m = 0, s = 0] = r.start_time_of_day.split(":").map(Number);
  const start = h * 3600 + m * 60 + s;
  const ofDay = local.hour * 3600 + local.minute * 60 + local.second;
  if (r.type === "daily_restriction") return mod(ofDay - start, 86_400) < r.duration_seconds;
  const ofWeek = (local.weekday - 1) * 86_400 + ofDay;
  return mod(ofWeek - ((r.start_day_of_week ?? 1) - 1) * 86_400 - start, 604_800) < r.duration_seconds;
}

export function layerUserAt(layer: RawLayer, t: number, zone: string): string | null {
  if (t < Date.parse(layer.start) || (layer.end !== null && t >= Date.parse(layer.end))) return null;
  const local = DateTime.fromMillis(t, { zone });
  if (layer.restrictions.length > 0 && !layer.restrictions.some((r) => inRestriction(r, local))) return null;
  const rvs = DateTime.fromISO(layer.rotation_virtual_start, { zone });
  const len = layer.rotation_turn_length_seconds;
  let k = Math.floor((t - rvs.toMillis()) / (len * 1000));
  while (turnStart(rvs, len, k, zone) > t) k--;
  while (turnStart(rvs, len, k + 1, zone) <= t) k++;
  return layer.users[mod(k, layer.users.length)]?.user.id ?? null;
}

/** Who PagerDuty's final schedule has on call at `t` (user id), layers in GET order. */
export function finalUserAt(layers: readonly RawLayer[], overrides: readonly RawOverride[], t: number, zone: string): string | null {
  for (let i = overrides.length - 1; i >= 0; i--) {
    const o = overrides[i] as RawOverride;
    if (Date.parse(o.start) <= t && t < Date.parse(o.end)) return o.user.id;
  }
  for (const l of layers) {
    const u = layerUserAt(l, t, zone);
    if (u !== null) return u;
  }
  return null;
}

/** The final schedule's rendered entries over [since, until), in `step` ms resolution (every change in the fixture is on it). */
export function renderFinal(layers: readonly RawLayer[], overrides: readonly RawOverride[], since: number, until: number, zone: string, names: Readonly<Record<string, string>>, step = 15 * 60_000) {
  const out: { start: string; end: string; user: { id: string; type: string; summary: string } }[] = [];
  let current: { start: number; user: string | null } | null = null;
  const iso = (ms: number): string => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? "";
  const close = (end: number): void => {
    if (current && current.user !== null) out.push({ start: iso(current.start), end: iso(end), user: { id: current.user, type: "user_reference", summary: names[current.user] ?? current.user } });
  };
  for (let t = since; t < until; t += step) {
    const user = finalUserAt(layers, overrides, t, zone);
    if (current && current.user === user) continue;
    close(t);
    current = { start: t, user };
  }
  close(until);
  return out;
}
