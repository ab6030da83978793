// The `incident` command: one front door to the same core the Action uses.
import { Command } from "commander";
import { registerCommands } from "./commands.js";

const program = new Command("incident")
  .description("Incident response run from a git repository.")
  .showHelpAfterError();
registerCommands(program);
await program.parseAsync(process.argv);
