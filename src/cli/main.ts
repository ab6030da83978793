// The `incident` command: one front door to the same core the Action uses, with one top-level
// catch. Exit codes: 0 clean, 1 problems found (invalid policies, failing tests, a rejected
// payload), 2 a usage or input error (a bad flag, a missing file, a bad time). Errors are one
// sentence; the stack trace only with --debug.
import { Command, CommanderError } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { registerCommands } from "./commands.js";
import { UsageError } from "./errors.js";
import { EXIT } from "./io.js";

// Output piped into `head` and the like: a closed pipe ends the command quietly.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const debug = process.argv.includes("--debug");
const program = new Command("incident")
  .description("Incident response run from a git repository.")
  .version(pkg.version, "-V, --version", "print the version")
  .option("--debug", "show stack traces for errors")
  .showHelpAfterError()
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });
registerCommands(program);
for (const c of program.commands) {
  c.exitOverride();
  for (const sub of c.commands) sub.exitOverride();
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end here too, with code 0.
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`incident: ${e instanceof UsageError ? "" : "error: "}${message}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    else if (!(e instanceof UsageError)) process.stderr.write("(run with --debug to see where it happened)\n");
    process.exitCode = EXIT.usage;
  }
}
