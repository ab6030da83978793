// What a subcommand may touch: two output streams. Tests pass collectors; main passes the process's.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** Exit codes every subcommand uses. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
