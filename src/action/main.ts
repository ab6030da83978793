// The Action's entry: reads the event, routes it to its handler, and turns any failure into a
// failed step with a sentence that says why.
import * as core from "@actions/core";
import { loadPolicyDir } from "../config/index.js";
import { readInputs } from "./contract.js";
import { reportPolicyIssues } from "./report-policy.js";

async function run(): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const event = process.env.GITHUB_EVENT_NAME ?? "";
  const result = await loadPolicyDir(workspace, inputs.policies);
  if (event === "pull_request" || event === "push" || inputs.command === "validate") {
    await reportPolicyIssues(result);
    core.setOutput("decision", result.policies ? "policies-valid" : "policies-invalid");
    if (!result.policies) core.setFailed("the policies have errors; see the annotations and the job summary");
    return;
  }
  core.setOutput("decision", "not-handled");
  await core.summary.addHeading("incident-as-code", 2).addRaw(`The \`${event}\` event is not handled yet.`).write();
}

try {
  await run();
} catch (e) {
  core.setFailed(e instanceof Error ? e.message : String(e));
}
