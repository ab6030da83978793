// PagerDuty REST API v2 JSON as `incident import pagerduty` reads it: a schedule (GET
// /schedules/{id}, with `since`/`until` for its final schedule and overrides) and an escalation
// policy (GET /escalation_policies/{id}), each either wrapped ({"schedule": …}) or bare. Parsed at
// the edge: every field the import uses is checked, and a problem names its JSON path.

export interface PdUserRef {
  id: string;
  summary: string | null; // the user's name
  email: string | null; // present when the export included users
}

export interface PdRestriction {
  type: "daily_restriction" | "weekly_restriction";
  startTimeOfDay: string; // "HH:MM:SS" in the schedule's zone
  durationSeconds: number;
  startDayOfWeek: number | null; // ISO 1 = Monday, weekly restrictions only
}

export interface PdLayer {
  id: string | null;
  name: string;
  start: string; // ISO
  end: string | null;
  rotationVirtualStart: string; // ISO: a turn starts here with the first user
  turnSeconds: number;
  users: PdUserRef[];
  restrictions: PdRestriction[];
  path: string; // "schedule_layers[2]"
}

export interface PdEntry {
  start: string;
  end: string;
  user: PdUserRef | null;
}

export interface PdSchedule {
  id: string;
  name: string;
  timeZone: string; // as PagerDuty wrote it: IANA or an ActiveSupport name
  description: string | null;
  /** As the API returns them: GET lists the highest-priority layer first. */
  layers: PdLayer[];
  finalSchedule: PdEntry[] | null;
  overrides: PdEntry[];
}

export interface PdTarget {
  type: "schedule" | "user";
  id: string;
  summary: string | null;
}

export interface PdEscalationPolicy {
  id: string;
  name: string;
  description: string | null;
  numLoops: number;
  rules: { delayMinutes: number; targets: PdTarget[] }[];
}

/** A field that is missing or of the wrong kind: `path` is a JSON path in the file. */
export class PdShapeError extends Error {
  override readonly name = "PdShapeError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== "string" || v === "") throw new PdShapeError(`${path}.${key}`, `expected a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function optStr(o: Obj, key: string): string | null {
  const v = o[key];
  return typeof v === "string" && v !== "" ? v : null;
}

function int(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new PdShapeError(`${path}.${key}`, `expected a whole number, got ${JSON.stringify(v)}`);
  return v;
}

function instant(o: Obj, key: string, path: string): string {
  const v = str(o, key, path);
  if (Number.isNaN(Date.parse(v)) || !/(?:Z|[+-]\d\d:?\d\d)$/.test(v)) throw new PdShapeError(`${path}.${key}`, `expected an ISO 8601 date-time with an offset, got ${JSON.stringify(v)}`);
  return v;
}

function arr(o: Obj, key: string, path: string, required = true): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) throw new PdShapeError(`${path}.${key}`, "is missing");
    return [];
  }
  if (!Array.isArray(v)) throw new PdShapeError(`${path}.${key}`, "expected an array");
  return v;
}

function userRef(v: unknown, path: string): PdUserRef {
  const u = isObj(v) && isObj(v["user"]) ? v["user"] : v; // layer users are {user: {...}}
  if (!isObj(u)) throw new PdShapeError(path, "expected a user reference");
  return { id: str(u, "id", path), summary: optStr(u, "summary") ?? optStr(u, "name"), email: optStr(u, "email") };
}

function entries(v: unknown, path: string): PdEntry[] {
  if (!isObj(v)) return [];
  return arr(v, "rendered_schedule_entries", path, false).map((e, i) => {
    const p = `${path}.rendered_schedule_entries[${i}]`;
    if (!isObj(e)) throw new PdShapeError(p, "expected an object");
    return { start: instant(e, "start", p), end: instant(e, "end", p), user: e["user"] ? userRef(e["user"], `${p}.user`) : null };
  });
}

/** The object under `key` of a wrapped API response, or the value itself when it is bare. */
function unwrap(json: unknown, key: string): Obj {
  if (isObj(json) && isObj(json[key])) return json[key];
  if (isObj(json)) return json;
  throw new PdShapeError("$", `expected a JSON object (the API's {"${key}": …} response, or the ${key} itself)`);
}

/** Throws PdShapeError on anything the import cannot read. */
export function parseSchedule(json: unknown): PdSchedule {
  const s = unwrap(json, "schedule");
  if (!Array.isArray(s["schedule_layers"])) throw new PdShapeError("$.schedule_layers", "is missing: this is not a PagerDuty schedule (GET /schedules/{id})");
  const layers = arr(s, "schedule_layers", "$").map((l, i): PdLayer => {
    const path = `$.schedule_layers[${i}]`;
    if (!isObj(l)) throw new PdShapeError(path, "expected an object");
    return {
      id: optStr(l, "id"),
      name: optStr(l, "name") ?? `Layer ${i + 1}`,
      start: instant(l, "start", path),
      end: l["end"] === null || l["end"] === undefined ? null : instant(l, "end", path),
      rotationVirtualStart: instant(l, "rotation_virtual_start", path),
      turnSeconds: int(l, "rotation_turn_length_seconds", path),
      users: arr(l, "users", path).map((u, k) => userRef(u, `${path}.users[${k}]`)),
      restrictions: arr(l, "restrictions", path, false).map((r, k) => {
        const rp = `${path}.restrictions[${k}]`;
        if (!isObj(r)) throw new PdShapeError(rp, "expected an object");
        const type = str(r, "type", rp);
        if (type !== "daily_restriction" && type !== "weekly_restriction") throw new PdShapeError(`${rp}.type`, `expected daily_restriction or weekly_restriction, got ${JSON.stringify(type)}`);
        const day = r["start_day_of_week"];
        return { type, startTimeOfDay: str(r, "start_time_of_day", rp), durationSeconds: int(r, "duration_seconds", rp), startDayOfWeek: typeof day === "number" ? day : null };
      }),
      path,
    };
  });
  return {
    id: optStr(s, "id") ?? "",
    name: str(s, "name", "$"),
    timeZone: str(s, "time_zone", "$"),
    description: optStr(s, "description"),
    layers,
    finalSchedule: isObj(s["final_schedule"]) ? entries(s["final_schedule"], "$.final_schedule") : null,
    overrides: entries(s["overrides_subschedule"], "$.overrides_subschedule"),
  };
}

export function parseEscalationPolicy(json: unknown): PdEscalationPolicy {
  const p = unwrap(json, "escalation_policy");
  if (!Array.isArray(p["escalation_rules"])) throw new PdShapeError("$.escalation_rules", "is missing: this is not a PagerDuty escalation policy (GET /escalation_policies/{id})");
  return {
    id: optStr(p, "id") ?? "",
    name: str(p, "name", "$"),
    description: optStr(p, "description"),
    numLoops: typeof p["num_loops"] === "number" ? p["num_loops"] : 0,
    rules: arr(p, "escalation_rules", "$").map((r, i) => {
      const path = `$.escalation_rules[${i}]`;
      if (!isObj(r)) throw new PdShapeError(path, "expected an object");
      return {
        delayMinutes: int(r, "escalation_delay_in_minutes", path),
        targets: arr(r, "targets", path).map((t, k) => {
          const tp = `${path}.targets[${k}]`;
          if (!isObj(t)) throw new PdShapeError(tp, "expected an object");
          const type = str(t, "type", tp).replace(/_reference$/, "");
          if (type !== "schedule" && type !== "user") throw new PdShapeError(`${tp}.type`, `expected a schedule or user reference, got ${JSON.stringify(t["type"])}`);
          return { type, id: str(t, "id", tp), summary: optStr(t, "summary") };
        }),
      };
    }),
  };
}
