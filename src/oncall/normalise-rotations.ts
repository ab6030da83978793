// oncall/rotations.yaml → Record<string, Rotation>. The schema has already checked shapes; this
// turns human forms (durations, "Mon-Wed 09:00-17:00 PST", local date-times) into the model and
// reports what a schema cannot see: unknown zones, zero shifts, empty layers, backwards overrides,
// earlier schedules (history) that do not come before the current one.
import type { PolicyDocument, Reporter } from "../config/kinds.js";
import { parseDuration } from "../config/duration.js";
import type { Availability, MemberDetails, Override, Rotation, RotationLayer, RotationVersion } from "../config/types.js";
import { DAY, MINUTE, isValidZone, isoIn, isoWeekday, parseInstant, zoneClock } from "./zone.js";
import { clockMinutes, parseWindows, weekdayOf, window } from "./windows.js";

export type RawWindow = string | { days: string[]; start: string; end: string };
export type RawWindows = string | RawWindow[];

type RawMembers = Record<string, { expertise?: string[]; senior?: boolean; availability?: RawWindows }>;
type RawLayer = { name: string; members: string[]; shift: string; handoff: { day?: string; time: string }; restrictions?: RawWindows; anchor?: string };

interface RawRotation {
  name?: string;
  time_zone: string;
  effective_from: string;
  members?: RawMembers;
  layers: RawLayer[];
  history?: { effective_from: string; layers: RawLayer[]; members?: RawMembers }[];
  overrides?: { start: string; end: string; member: string; replaces?: string; role?: "primary" | "secondary" }[];
  allow_gaps?: boolean;
}

type Path = (string | number)[];


/** Windows from a string, or a list of strings and {days, start, end} objects, read in `zone`. */
export function readWindows(raw: RawWindows | undefined, zone: string, doc: PolicyDocument, path: Path, report: Reporter): Availability[] {
  if (raw === undefined) return [];
  const items = typeof raw === "string" ? [raw] : raw;
  const out: Availability[] = [];
  items.forEach((item, i) => {
    const where = doc.at(typeof raw === "string" ? path : [...path, i]);
    if (typeof item === "string") {
      const parsed = parseWindows(item, zone);
      if (parsed.ok) out.push(...parsed.windows);
      else report.error(where, parsed.error);
      return;
    }
    const days = item.days.map((d) => weekdayOf(d));
    const start = clockMinutes(item.start);
    const end = clockMinutes(item.end);
    if (days.some((d) => d === null)) report.error(where, `unknown day in [${item.days.join(", ")}]: use monday … sunday`);
    else if (start === null || end === null || start === 24 * 60) report.error(where, "start and end must be HH:MM between 00:00 and 24:00");
    else if (start === end) report.error(where, `empty window: start and end are both ${item.start}`);
    else out.push(...window(days as number[], start, end));
  });
  return out;
}

function readMembers(raw: RawMembers | undefined, zone: string, doc: PolicyDocument, path: Path, report: Reporter): MemberDetails {
  const members: MemberDetails = {};
  for (const [login, m] of Object.entries(raw ?? {})) {
    members[login] = {
      expertise: m.expertise ?? [],
      senior: m.senior ?? false,
      availability: readWindows(m.availability, zone, doc, [...path, login, "availability"], report),
    };
  }
  return members;
}

/** The layers of one schedule (the current one at `path` = [rotations, id], or a history entry); adds layer members to `members`. */
function readLayers(id: string, raw: RawLayer[], zone: string, members: MemberDetails, doc: PolicyDocument, path: Path, report: Reporter): RotationLayer[] {
  const layers = raw.map((l, i): RotationLayer => {
    const where = (...p: Path): ReturnType<PolicyDocument["at"]> => doc.at([...path, "layers", i, ...p]);
    if (l.members.length === 0) report.error(where("members"), `rotation \`${id}\` layer "${l.name}" has no members: list at least one GitHub login`);
    let shift = parseDuration(l.shift) ?? 0;
    if (shift === 0) {
      report.error(where("shift"), `rotation \`${id}\` layer "${l.name}": shift length must be more than zero (e.g. 1d, 1w, 12h)`);
      shift = DAY;
    } else if (shift < MINUTE) {
      report.error(where("shift"), `rotation \`${id}\` layer "${l.name}": shift ${l.shift} is shorter than a minute`);
    }
    const weekday = l.handoff.day === undefined ? null : weekdayOf(l.handoff.day);
    if (l.handoff.day !== undefined && weekday === null) report.error(where("handoff", "day"), `unknown day "${l.handoff.day}": use monday … sunday`);
    if (clockMinutes(l.handoff.time) === null || clockMinutes(l.handoff.time) === 24 * 60) {
      report.error(where("handoff", "time"), `handoff time "${l.handoff.time}" is not HH:MM between 00:00 and 23:59`);
    }
    let anchor: string | null = null;
    if (l.anchor !== undefined) {
      const ms = parseInstant(l.anchor, zone);
      if (ms === null) report.error(where("anchor"), `anchor "${l.anchor}" is not an ISO 8601 date-time`);
      else {
        anchor = isoIn(ms, zone);
        const local = anchor.slice(11, 16);
        const day = isoWeekday(zoneClock(zone).toLocal(ms));
        if (local !== l.handoff.time || (weekday !== null && day !== weekday)) {
          report.error(where("anchor"), `anchor ${anchor} is not at the layer's handoff (${l.handoff.day ? `${l.handoff.day} ` : ""}${l.handoff.time} ${zone}): a shift starts at every handoff, so the anchor must be one`);
        }
      }
    }
    for (const login of l.members) members[login] ??= { expertise: [], senior: false, availability: [] };
    return {
      name: l.name,
      members: l.members,
      shift,
      handoff: { weekday, time: l.handoff.time },
      restrictions: readWindows(l.restrictions, zone, doc, [...path, "layers", i, "restrictions"], report),
      anchor,
    };
  });
  if (layers.length === 0) report.error(doc.at([...path, "layers"]), `rotation \`${id}\` has no layers: add one with members, shift and handoff`);
  return layers;
}

/** Earlier schedules, oldest first; each must start before the next and before the current one. */
function readHistory(id: string, r: RawRotation, zone: string, current: number | null, shared: MemberDetails, doc: PolicyDocument, report: Reporter): RotationVersion[] {
  const base: Path = ["rotations", id, "history"];
  const versions: (RotationVersion & { ms: number; index: number })[] = [];
  (r.history ?? []).forEach((h, i) => {
    const ms = parseInstant(h.effective_from, zone);
    if (ms === null) {
      report.error(doc.at([...base, i, "effective_from"]), `rotation \`${id}\` history: effective_from "${h.effective_from}" is not an ISO 8601 date or date-time`);
      return;
    }
    if (current !== null && ms >= current) {
      report.error(doc.at([...base, i, "effective_from"]), `rotation \`${id}\` history: this earlier schedule starts ${h.effective_from}, not before the current schedule's effective_from (${r.effective_from})`);
    }
    const members = h.members === undefined ? { ...shared } : readMembers(h.members, zone, doc, [...base, i, "members"], report);
    const layers = readLayers(id, h.layers, zone, members, doc, [...base, i], report);
    versions.push({ effectiveFrom: isoIn(ms, zone), layers, members, ms, index: i });
  });
  versions.sort((a, b) => a.ms - b.ms);
  for (let k = 1; k < versions.length; k++) {
    const v = versions[k] as (typeof versions)[number];
    if (v.ms === versions[k - 1]?.ms) report.error(doc.at([...base, v.index, "effective_from"]), `rotation \`${id}\` history: two schedules start at ${v.effectiveFrom}`);
  }
  return versions.map(({ effectiveFrom, layers, members }) => ({ effectiveFrom, layers, members }));
}

function readRotation(id: string, r: RawRotation, doc: PolicyDocument, report: Reporter): Rotation {
  const base: Path = ["rotations", id];
  const at = (...p: Path): ReturnType<PolicyDocument["at"]> => doc.at([...base, ...p]);
  let zone = r.time_zone;
  if (!isValidZone(zone)) {
    report.error(at("time_zone"), `rotation \`${id}\`: "${zone}" is not an IANA time zone; use a name like America/Los_Angeles, Europe/Berlin or UTC`);
    zone = "UTC"; // keep going so every other problem is reported too
  }
  const effective = parseInstant(r.effective_from, zone);
  if (effective === null) report.error(at("effective_from"), `rotation \`${id}\`: effective_from "${r.effective_from}" is not an ISO 8601 date or date-time`);

  const members = readMembers(r.members, zone, doc, [...base, "members"], report);
  const layers = readLayers(id, r.layers, zone, members, doc, base, report);
  const history = readHistory(id, r, zone, effective, members, doc, report);

  const inRotation = [...new Set([...Object.keys(members), ...history.flatMap((v) => Object.keys(v.members))])];
  const overrides: Override[] = [];
  (r.overrides ?? []).forEach((o, i) => {
    const where = (...p: Path): ReturnType<PolicyDocument["at"]> => at("overrides", i, ...p);
    const start = parseInstant(o.start, zone);
    const end = parseInstant(o.end, zone);
    if (start === null) report.error(where("start"), `override start "${o.start}" is not an ISO 8601 date-time`);
    if (end === null) report.error(where("end"), `override end "${o.end}" is not an ISO 8601 date-time`);
    if (start !== null && end !== null && end <= start) {
      report.error(where("end"), `override for ${o.member} ends (${o.end}) before it starts (${o.start}): swap start and end`);
    }
    for (const [key, login] of [["member", o.member], ["replaces", o.replaces]] as const) {
      if (login !== undefined && !inRotation.includes(login)) {
        report.error(where(key), `override ${key} \`${login}\` is not a member of rotation \`${id}\` (members: ${inRotation.join(", ")}); add them under members first`);
      }
    }
    if (start === null || end === null) return;
    overrides.push({
      start: isoIn(start, zone),
      end: isoIn(end, zone),
      member: o.member,
      replaces: o.replaces ?? null,
      role: o.role ?? "primary",
      source: where(),
    });
  });

  return {
    id,
    name: r.name ?? id,
    timeZone: zone,
    effectiveFrom: effective === null ? "1970-01-01T00:00:00Z" : isoIn(effective, zone),
    layers,
    members,
    history,
    overrides,
    allowGaps: r.allow_gaps ?? false,
    source: at(),
  };
}

export function normaliseRotations(doc: PolicyDocument, report: Reporter): { rotations: Record<string, Rotation> } {
  const raw = (doc.value as { rotations: Record<string, RawRotation> }).rotations;
  const rotations = Object.create(null) as Record<string, Rotation>; // looked up by names from alerts: no prototype
  for (const [id, r] of Object.entries(raw)) rotations[id] = readRotation(id, r, doc, report);
  return { rotations };
}
