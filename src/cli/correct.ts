// `incident correct ID --started ISO [--detected ISO …] --reason TEXT --by LOGIN`: corrects an
// incident's timestamps in incidents/<ID>.yaml and appends a `correction` entry per change to its
// timeline, ready to commit in a pull request (whose check requires exactly that). Exit 0 written,
// 1 the correction is refused (times out of order, nothing to change), 2 no such record or bad flags.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { parseRecord, serializeRecord } from "../incident/codec.js";
import { recordPath } from "../incident/paths.js";
import { CORRECTABLE, correctTimestamps, CorrectionError, type Correctable } from "../incident/corrections.js";
import { EXIT, processIO, type CliIO } from "./io.js";

export type CorrectFlags = Partial<Record<Correctable, string>> & { reason?: string; by?: string; dir: string };

export async function runCorrect(id: string, flags: CorrectFlags, io: CliIO, now = new Date()): Promise<number> {
  let path: string;
  try {
    path = recordPath(id);
  } catch {
    io.err(`"${id}" is not an incident id (e.g. 2026-03-02-001)`);
    return EXIT.usage;
  }
  const text = await readFile(join(flags.dir, path), "utf8").catch(() => null);
  if (text === null) {
    io.err(`${path}: no such record in ${flags.dir}`);
    return EXIT.usage;
  }
  const parsed = parseRecord(text, path);
  if ("error" in parsed) {
    io.err(parsed.error);
    return EXIT.usage;
  }
  const changes = Object.fromEntries(CORRECTABLE.filter((f) => flags[f] !== undefined).map((f) => [f, flags[f]]));
  try {
    const corrected = correctTimestamps(parsed.record, changes, flags.by ?? "", flags.reason ?? "", now.toISOString());
    await writeFile(join(flags.dir, path), serializeRecord(corrected));
    for (const e of corrected.timeline.slice(parsed.record.timeline.length)) io.out(`${path}: ${e.text}`);
    io.out(`commit ${path} on a branch and open a pull request: the review is the record of who corrected what`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof CorrectionError)) throw e;
    io.err(`${path}: ${e.message}`);
    return flags.by === undefined || flags.reason === undefined ? EXIT.usage : EXIT.problems;
  }
}

export function registerCorrect(program: Command, io: CliIO = processIO): void {
  const cmd = program
    .command("correct")
    .description("correct an incident's timestamps in its record, with a timeline entry saying who and why (commit it in a pull request)")
    .argument("<id>", "incident id, e.g. 2026-03-02-001")
    .option("--reason <text>", "why the timestamps were wrong (shown in the timeline)")
    .option("--by <login>", "GitHub login of who makes the correction")
    .option("--dir <dir>", "repository root holding incidents/", ".");
  for (const f of CORRECTABLE) cmd.option(`--${f} <iso-time>`, `the correct ${f} time (ISO 8601 with a zone)`);
  cmd.action(async (id: string, flags: CorrectFlags) => {
    process.exitCode = await runCorrect(id, flags, io);
  });
}
