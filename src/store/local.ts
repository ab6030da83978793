// Incident records of a checkout on disk, for the CLI (the Action reads them through git). A
// `localTree` reads exactly as the store reads the records branch, so `incident simulate` decides
// from the same records the Action would; `readLocalRecords` reads every record, live and archived,
// for metrics and the status site.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ARCHIVE_DIR } from "../incident/paths.js";
import type { IncidentRecord } from "../incident/record.js";
import type { TreeReader } from "./git.js";
import { parseRecordFiles, type Unreadable } from "./records.js";

async function names(dir: string): Promise<{ name: string; file: boolean }[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((d) => ({ name: d.name, file: d.isFile() }));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/** The files of a checkout as a TreeReader (paths are repository-relative). */
export function localTree(repoRoot: string): TreeReader {
  return {
    async list(dir) {
      const bare = dir.replace(/\/+$/, "");
      return (await names(join(repoRoot, bare))).filter((n) => n.file).map((n) => `${bare}/${n.name}`).sort();
    },
    async read(paths) {
      const out = new Map<string, string>();
      await Promise.all(
        paths.map(async (p) => {
          try {
            out.set(p, await readFile(join(repoRoot, p), "utf8"));
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
          }
        }),
      );
      return out;
    },
  };
}

/** Every record of a checkout: `incidents/*.yaml` and `incidents/archive/<yyyy-mm>/*.yaml`. */
export async function readLocalRecords(repoRoot: string): Promise<{ records: IncidentRecord[]; unreadable: Unreadable[] }> {
  const tree = localTree(repoRoot);
  const months = (await names(join(repoRoot, ARCHIVE_DIR))).filter((n) => !n.file).map((n) => `${ARCHIVE_DIR}/${n.name}`);
  const paths = (await Promise.all(["incidents", ...months.sort()].map((d) => tree.list(d)))).flat().filter((p) => /\.ya?ml$/.test(p));
  const files = await tree.read(paths);
  return parseRecordFiles(paths.map((p) => [p, files.get(p) ?? ""] as const));
}

/** The post-mortems of a checkout (postmortems/*.md), for pattern detection. */
export async function readLocalPostmortems(repoRoot: string): Promise<{ path: string; text: string }[]> {
  const tree = localTree(repoRoot);
  const paths = (await tree.list("postmortems")).filter((p) => p.endsWith(".md"));
  const files = await tree.read(paths);
  return paths.map((path) => ({ path, text: files.get(path) ?? "" }));
}
