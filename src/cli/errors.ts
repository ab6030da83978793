// What the CLI's one top-level catch turns into a sentence and an exit code: 2 for a usage or
// input error (a bad flag, a missing or unreadable file, a bad time). Anything else is a bug: it is
// reported as one too, with the stack only under --debug.
export class UsageError extends Error {
  override readonly name = "UsageError";
}
