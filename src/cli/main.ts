// The `incident` command: one front door to the same core the Action uses.
import { Command } from "commander";
import { registerCommands } from "./commands.js";

// Output piped into `head` and the like: a closed pipe ends the command quietly.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const program = new Command("incident")
  .description("Incident response run from a git repository.")
  .showHelpAfterError();
registerCommands(program);
await program.parseAsync(process.argv);
