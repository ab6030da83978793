// Every subcommand of `incident`, registered in one place with the real loaders.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { loadPolicyDir } from "../config/index.js";
import { policyOnCall } from "../oncall/port.js";
import { localTree, readLocalPostmortems, readLocalRecords } from "../store/local.js";
import { readReviewSides, type PullSides } from "../store/review-sides.js";
import { registerCorrect } from "./correct.js";
import { registerDoctor } from "./doctor.js";
import { UsageError } from "./errors.js";
import { registerExport } from "./export.js";
import { registerImport } from "./import.js";
import { registerInit } from "./init.js";
import { processIO } from "./io.js";
import { registerMetrics } from "./metrics.js";
import { registerNotify } from "./notify.js";
import { registerOncall } from "./oncall.js";
import { registerPostmortem } from "./postmortem.js";
import { registerRelay } from "./relay.js";
import { registerReplay } from "./replay.js";
import { registerSimulate } from "./simulate.js";
import { registerSite } from "./site.js";
import { registerTest } from "./test-cmd.js";
import { registerValidate } from "./validate.js";

/** A file named on the command line; a missing or unreadable one is a usage error (exit 2). */
async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (e as Error).message}`);
  }
}

export function registerCommands(program: Command): void {
  const loadPolicies = (dir: string) => loadPolicyDir(dir);
  const loadRecords = async (dir: string) => {
    const { records, unreadable } = await readLocalRecords(dir);
    for (const u of unreadable) processIO.err(`warning: ${u.error}`);
    return records;
  };
  // Validation is given the time: a silence that has ended is a warning.
  registerValidate(program, (dir) => loadPolicyDir(dir, "policies", { now: Date.now() }), processIO);
  registerExport(program, loadPolicies, processIO);
  registerImport(program, { loadPolicies: (root, dir) => loadPolicyDir(root, dir) }, processIO);
  const reviewSides = (dir: string, pull: PullSides) => readReviewSides(dir, pull, { policiesDir: "policies", recordsBranch: null, warn: (m) => processIO.err(`warning: ${m}`) });
  registerSimulate(program, { loadPolicies, records: localTree, reviewSides, readFile: readInput, onCall: policyOnCall, now: () => new Date(), io: processIO });
  registerTest(program, { loadPolicies, onCall: policyOnCall });
  registerOncall(program, { loadPolicies });
  registerPostmortem(program, { loadPolicies, loadRecords, readFile: readInput, loadPostmortems: readLocalPostmortems });
  registerRelay(program, processIO);
  registerMetrics(program, { loadPolicies, loadRecords });
  // The site builder (and its charting library) is a bundle of its own, loaded only by this command.
  registerSite(program, { loadPolicies, loadRecords: readLocalRecords, loadPostmortems: readLocalPostmortems, loadBuilder: () => import("../site/index.js") });
  registerNotify(program, loadPolicies, processIO);
  registerInit(program, processIO);
  registerDoctor(program, { loadPolicies }, processIO);
  registerReplay(program);
  registerCorrect(program);
}
