// Reads the incident records of a checkout from disk, for the CLI (the Action reads them through git).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { IncidentRecord } from "../incident/record.js";
import { readRecords, type Unreadable } from "./transaction.js";

export async function readLocalRecords(repoRoot: string): Promise<{ records: IncidentRecord[]; unreadable: Unreadable[] }> {
  let names: string[];
  try {
    names = (await readdir(join(repoRoot, "incidents"))).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { records: [], unreadable: [] };
    throw e;
  }
  const files = await Promise.all(names.map(async (n) => ({ path: `incidents/${n}`, content: await readFile(join(repoRoot, "incidents", n), "utf8") })));
  const { records, unreadable } = readRecords(files);
  return { records: [...records.values()], unreadable };
}

/** The post-mortems of a checkout (postmortems/*.md), for pattern detection. */
export async function readLocalPostmortems(repoRoot: string): Promise<{ path: string; text: string }[]> {
  let names: string[];
  try {
    names = (await readdir(join(repoRoot, "postmortems"))).filter((n) => n.endsWith(".md")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return Promise.all(names.map(async (n) => ({ path: `postmortems/${n}`, text: await readFile(join(repoRoot, "postmortems", n), "utf8") })));
}
