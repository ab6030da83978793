// Every subcommand of `incident`, registered in one place.
import type { Command } from "commander";

export function registerCommands(_program: Command): void {}
