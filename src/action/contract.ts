// The Action's inputs and outputs in one typed registry. action.yml must agree with it (a test
// checks), and the entry reads inputs only through readInputs.

export interface InputSpec {
  description: string;
  default: string;
  required?: false;
}

export const INPUTS = {
  "github-token": { description: "Token for the GitHub API: issues, comments, labels, reactions.", default: "${{ github.token }}" },
  "app-token": {
    description: "Optional GitHub App installation token for writes that must start workflows (post-mortem pull requests get CI). Anything created with GITHUB_TOKEN starts no workflow run.",
    default: "",
  },
  policies: { description: "Directory holding the policy files, relative to the repository root.", default: "policies" },
  "records-branch": {
    description: "Branch the incident records are committed to. Empty means the default branch; name a dedicated branch (e.g. incident-records) when the default branch is protected.",
    default: "",
  },
  "dry-run": { description: "Decide and report the Plan without changing anything on GitHub or in git.", default: "false" },
  command: { description: "Run one command instead of handling the triggering event: validate.", default: "" },
} as const satisfies Record<string, InputSpec>;

export const OUTPUTS = {
  decision: { description: "What this run decided, e.g. opened, updated, resolved, ignored, policies-valid, policies-invalid, not-handled." },
  reason: { description: "Why, in one sentence." },
  "incident-ids": { description: "Comma-separated ids of the incidents this run touched." },
  plan: { description: "The Plan this run executed (or would execute in dry-run), as JSON." },
} as const satisfies Record<string, { description: string }>;

export type InputName = keyof typeof INPUTS;
export type OutputName = keyof typeof OUTPUTS;

export interface ActionInputs {
  githubToken: string;
  appToken: string | null;
  policies: string;
  recordsBranch: string | null;
  dryRun: boolean;
  command: "" | "validate";
}

export class InputError extends Error {
  override readonly name = "InputError";
}

/** The run finished but did not do its job (broken policies, a delivery it could not process): the step fails with this sentence. */
export class RunFailure extends Error {
  override readonly name = "RunFailure";
}

export function readInputs(get: (name: InputName) => string): ActionInputs {
  const value = (name: InputName) => get(name).trim() || (INPUTS[name].default.startsWith("${{") ? "" : INPUTS[name].default);
  const dryRun = value("dry-run").toLowerCase();
  if (!["true", "false"].includes(dryRun)) throw new InputError(`input dry-run must be true or false, got ${JSON.stringify(get("dry-run"))}`);
  const command = value("command");
  if (command !== "" && command !== "validate") throw new InputError(`input command must be empty or validate, got ${JSON.stringify(command)}`);
  return {
    githubToken: value("github-token"),
    appToken: value("app-token") || null,
    policies: value("policies").replace(/\/+$/, ""),
    recordsBranch: value("records-branch") || null,
    dryRun: dryRun === "true",
    command,
  };
}
