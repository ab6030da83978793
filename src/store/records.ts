// Reading incident records for one decision: only what the event needs — the live set for alerts
// and the backstop, one record by id for a command, an edit, a timer or a pull request — each file
// parsed and schema-checked at most once per read. A record that cannot be read is reported with
// its file and the reason (never silently dropped) and left out.
import { parseRecord } from "../incident/codec.js";
import { ARCHIVE_DIR, archiveDirOf, archivePath, isIncidentId, recordPath, RECORDS_DIR } from "../incident/paths.js";
import type { Needs } from "../incident/doors/event.js";
import type { Reads } from "../incident/doors/plan-event.js";
import type { IncidentRecord } from "../incident/record.js";
import type { TreeReader } from "./git.js";

export interface Unreadable {
  path: string;
  error: string;
}

export interface RecordSource {
  /** The live records (`incidents/*.yaml`), by id. */
  live(): Promise<Map<string, IncidentRecord>>;
  /** One record by id, live or archived; null when there is none (or it cannot be read). */
  get(id: string): Promise<IncidentRecord | null>;
  /** Every id used on a UTC day (YYYY-MM-DD), live or archived, from file names alone. */
  idsOn(day: string): Promise<string[]>;
  /** The records that could not be read so far. */
  readonly unreadable: Unreadable[];
}

/** A record source over one snapshot; build one per attempt (a lost race means a new snapshot). */
export function recordSource(tree: TreeReader): RecordSource {
  const parsed = new Map<string, IncidentRecord | null>(); // by path
  const unreadable: Unreadable[] = [];
  let live: Map<string, IncidentRecord> | undefined;

  const parseAll = (files: Map<string, string>): void => {
    for (const [path, text] of files) {
      if (parsed.has(path)) continue;
      const r = parseRecord(text, path);
      if ("error" in r) {
        unreadable.push({ path, error: r.error });
        parsed.set(path, null);
      } else parsed.set(path, r.record);
    }
  };
  const archived = async (id: string): Promise<IncidentRecord | null> => {
    const path = archivePath(id);
    if (!parsed.has(path)) parseAll(await tree.read([path]));
    return parsed.get(path) ?? null;
  };
  return {
    unreadable,
    async live() {
      if (live) return live;
      const paths = (await tree.list(RECORDS_DIR)).filter((p) => /\.ya?ml$/.test(p));
      parseAll(await tree.read(paths.filter((p) => !parsed.has(p))));
      live = new Map();
      for (const path of paths) {
        const r = parsed.get(path);
        if (!r) continue;
        const other = live.get(r.id);
        if (other) {
          unreadable.push({ path, error: `${path}: id ${r.id} is already used by ${recordPath(other.id)}` });
          continue;
        }
        live.set(r.id, r);
      }
      unreadable.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return live;
    },
    async get(id) {
      if (!isIncidentId(id)) return null;
      if (live) return live.get(id) ?? (await archived(id));
      const path = recordPath(id);
      if (!parsed.has(path)) parseAll(await tree.read([path]));
      return parsed.get(path) ?? (await archived(id));
    },
    async idsOn(day) {
      const names = [...(await tree.list(RECORDS_DIR)), ...(await tree.list(archiveDirOf(day)))];
      return names.map((p) => (p.split("/").pop() ?? "").replace(/\.ya?ml$/, "")).filter((id) => id.startsWith(`${day}-`) && isIncidentId(id));
    },
  };
}

/** Whether a path is where a record lives: `incidents/*.yaml` or `incidents/archive/<yyyy-mm>/*.yaml`. */
export function isRecordFile(path: string): boolean {
  const rest = path.startsWith(`${ARCHIVE_DIR}/`) ? /^[^/]+\/([^/]+)$/.exec(path.slice(ARCHIVE_DIR.length + 1))?.[1] : path.startsWith(`${RECORDS_DIR}/`) ? path.slice(RECORDS_DIR.length + 1) : undefined;
  return rest !== undefined && !rest.includes("/") && /\.ya?ml$/.test(rest);
}

/**
 * Every record among `files` (path → text; other paths are ignored), live and archived, in the
 * order given. A file that does not parse, or a second file with an id already read, is reported.
 */
export function parseRecordFiles(files: Iterable<readonly [string, string]>): { records: IncidentRecord[]; unreadable: Unreadable[] } {
  const records: IncidentRecord[] = [];
  const unreadable: Unreadable[] = [];
  const seen = new Map<string, string>();
  for (const [path, text] of files) {
    if (!isRecordFile(path)) continue;
    const parsed = parseRecord(text, path);
    if ("error" in parsed) {
      unreadable.push({ path, error: parsed.error });
      continue;
    }
    const other = seen.get(parsed.record.id);
    if (other !== undefined) {
      unreadable.push({ path, error: `${path}: id ${parsed.record.id} is already used by ${other}` });
      continue;
    }
    seen.set(parsed.record.id, path);
    records.push(parsed.record);
  }
  return { records, unreadable };
}

/** Reads what `needs` asks for, from one snapshot. */
export async function readNeeds(source: RecordSource, needs: Needs): Promise<Reads> {
  const byId = new Map<string, IncidentRecord | null>();
  for (const id of needs.ids) byId.set(id, await source.get(id));
  return {
    ...(needs.live ? { live: await source.live() } : {}),
    byId,
    ...(needs.usedIdsOn !== null ? { usedIds: await source.idsOn(needs.usedIdsOn) } : {}),
  };
}

