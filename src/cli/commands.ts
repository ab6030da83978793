// Every subcommand of `incident`, registered in one place with the real loaders.
import type { Command } from "commander";
import { loadPolicyDir } from "../config/index.js";
import { openIncidents } from "../incident/view.js";
import { policyOnCall } from "../oncall/port.js";
import { readFile } from "node:fs/promises";
import { readLocalPostmortems, readLocalRecords } from "../store/local.js";
import type { OpenIncident } from "../engine/incident-view.js";
import { registerCorrect } from "./correct.js";
import { registerDoctor } from "./doctor.js";
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

export function registerCommands(program: Command): void {
  const loadPolicies = (dir: string) => loadPolicyDir(dir);
  const loadOpenIncidents = async (dir: string): Promise<OpenIncident[]> => {
    const { records, unreadable } = await readLocalRecords(dir);
    for (const u of unreadable) processIO.err(`warning: ${u.error}`);
    return openIncidents(records);
  };
  const engineDeps = { loadPolicies, loadOpenIncidents, onCall: policyOnCall };
  registerValidate(program, (dir) => loadPolicyDir(dir, "policies", { now: Date.now() }), processIO);
  registerExport(program, loadPolicies, processIO);
  registerImport(program, { loadPolicies: (root, dir) => loadPolicyDir(root, dir) }, processIO);
  registerSimulate(program, engineDeps);
  registerTest(program, engineDeps);
  registerOncall(program, { loadPolicies });
  registerPostmortem(program, {
    loadPolicies,
    loadRecords: async (dir) => (await readLocalRecords(dir)).records,
    readFile: (path) => readFile(path, "utf8"),
    loadPostmortems: readLocalPostmortems,
  });
  registerRelay(program, processIO);
  registerMetrics(program, { loadPolicies, loadRecords: async (dir) => (await readLocalRecords(dir)).records });
  // The site builder (and its charting library) is a bundle of its own, loaded only by this command.
  registerSite(program, { loadPolicies, loadRecords: readLocalRecords, loadPostmortems: readLocalPostmortems, loadBuilder: () => import("../site/index.js") });
  registerNotify(program, loadPolicies, processIO);
  registerInit(program, processIO);
  registerDoctor(program, { loadPolicies }, processIO);
  registerReplay(program);
  registerCorrect(program);
}
