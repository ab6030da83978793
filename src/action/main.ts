// The Action's entry: one top-level catch turns any failure into a failed step with a sentence
// that says why (and whether a re-run can help); the stack trace only in the debug log.
import * as core from "@actions/core";
import { GitHubError } from "../github/port.js";
import { StoreError } from "../store/errors.js";
import { runAction } from "./run.js";

try {
  await runAction();
} catch (e) {
  const retry = e instanceof GitHubError || e instanceof StoreError ? (e.retryable ? " Re-running this job will finish the work." : "") : "";
  if (e instanceof Error && e.stack) core.debug(e.stack);
  core.setFailed(`${e instanceof Error ? e.message : String(e)}${retry}`);
}
