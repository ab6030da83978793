// What `incident init` writes into a repository, decided from the files the package ships: the
// example policies (with their `$schema` modelines, so schemas/ comes along for them to resolve),
// the workflows and the issue form (pointed at the released Action instead of `uses: ./`), and
// incidents/ and postmortems/ with a README each. Pure: the caller reads the sources and writes.

/** The package files `init` copies, relative to the package root (directories end with `/`). */
export const SCAFFOLD_SOURCES = [
  "policies/",
  "schemas/",
  ".github/workflows/incident.yml",
  ".github/workflows/policies.yml",
  ".github/ISSUE_TEMPLATE/incident.yml",
  "incidents/README.md",
  "postmortems/README.md",
] as const;

export interface ActionRelease {
  /** "owner/name" of the Action's repository (package.json `repository`). */
  repository: string;
  version: string;
  /** The release commit (the release workflow stamps it into the package); null in a checkout. */
  commit: string | null;
}

export interface ScaffoldFile {
  path: string;
  content: string;
}

/** The `uses:` value for the Action of this release: its commit SHA when known, else its tag. */
export function actionRef(release: ActionRelease): { uses: string; comment: string } {
  if (release.commit && /^[0-9a-f]{40}$/.test(release.commit)) return { uses: `${release.repository}@${release.commit}`, comment: `v${release.version}` };
  return { uses: `${release.repository}@v${release.version}`, comment: `PLACEHOLDER: pin to the full commit SHA of tag v${release.version} (git ls-remote https://github.com/${release.repository} v${release.version})` };
}

const PLACEHOLDER_NOTE = "# PLACEHOLDER: logins ending in -example are placeholders; replace them with your people's GitHub logins.";

/**
 * The files to write, from `sources` (path → content, as shipped). Workflows get the released
 * Action in place of `uses: ./`; policy files with placeholder logins get a marked note under their
 * modeline. Paths are sorted so the output is stable.
 */
export function scaffoldFiles(sources: Readonly<Record<string, string>>, release: ActionRelease): ScaffoldFile[] {
  const ref = actionRef(release);
  return Object.entries(sources)
    .map(([path, content]) => {
      if (path.startsWith(".github/workflows/")) {
        return { path, content: content.replace(/^(\s*(?:-\s+)?uses:\s*)\.\/\s*$/gm, `$1${ref.uses} # ${ref.comment}`) };
      }
      if (path.startsWith("policies/") && /\.ya?ml$/.test(path) && /\b[a-z0-9-]+-example\b/.test(content)) {
        const lines = content.split("\n");
        const at = lines[0]?.startsWith("# yaml-language-server:") ? 1 : 0;
        lines.splice(at, 0, PLACEHOLDER_NOTE);
        return { path, content: lines.join("\n") };
      }
      return { path, content };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The three things to do next, printed at the end of `incident init`. */
export function nextSteps(release: ActionRelease, hasPlaceholders: boolean): string[] {
  return [
    `1. ${hasPlaceholders ? "Replace the placeholder logins (…-example) in policies/ with your people, then run" : "Run"} \`npx --yes incident-as-code validate\` until it prints "policies are valid".`,
    `2. Commit and push, then run \`GITHUB_TOKEN=<an admin's token> npx --yes incident-as-code doctor --repo OWNER/REPO --allow-pull-requests\`: it checks the workflows' permissions, creates the labels, turns on "Allow GitHub Actions to create and approve pull requests" (post-mortems), and checks branch protection, assignable people and channel secrets, with the fix for anything left.`,
    `3. Send a test alert: \`echo '{"event_type":"alert","client_payload":{"payload":{"alerts":[{"labels":{"alertname":"InitTest","service":"api","severity":"warning"}}]}}}' | gh api repos/OWNER/REPO/dispatches --input -\` — the workflow (${release.repository}) opens an incident issue.`,
  ];
}
