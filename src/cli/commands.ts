// Every subcommand of `incident`, registered in one place with the real loaders.
import type { Command } from "commander";
import { loadPolicyDir } from "../config/index.js";
import { registerExport } from "./export.js";
import { processIO } from "./io.js";
import { registerValidate } from "./validate.js";

export function registerCommands(program: Command): void {
  const load = (dir: string) => loadPolicyDir(dir);
  registerValidate(program, load, processIO);
  registerExport(program, load, processIO);
}
