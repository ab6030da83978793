// Runs the emulator as a process for demos and manual poking:
//   node test/emulator/cli.ts [--port 0] [--repo acme/ops] [--user alice=admin ...] [--branch main]
// Needs Node ≥ 22.18 / 24 (type stripping). Prints the base URL on stdout as `GITHUB_API_URL=…`,
// logs each request and contract violation on stderr, and stops on SIGINT/SIGTERM.
import { registerHooks } from "node:module";
import { parseArgs } from "node:util";
import type { Role } from "./state.js";

// The modules import each other as `./x.js` (NodeNext style); under plain Node that file is `./x.ts`.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (e) {
      if (!specifier.startsWith(".") || !specifier.endsWith(".js")) throw e;
      return nextResolve(specifier.replace(/\.js$/, ".ts"), context);
    }
  },
});

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    repo: { type: "string", multiple: true, default: ["acme/ops"] },
    user: { type: "string", multiple: true, default: [] },
    branch: { type: "string", default: "main" },
  },
});

const users: Record<string, Role> = {};
for (const pair of values.user) {
  const [login = "", role = "write"] = pair.split("=");
  users[login] = role as Role;
}

const { startEmulator } = await import("./server.js");
const gh = await startEmulator({
  repos: values.repo,
  users,
  defaultBranch: values.branch,
  port: Number(values.port),
  onRequest: (r) => process.stderr.write(`${r.status} ${r.method} ${r.path}${r.injected ? " (injected)" : ""}\n`),
  onViolation: (v) => process.stderr.write(`VIOLATION ${v.kind}: ${v.message}\n`),
});
process.stdout.write(`GITHUB_API_URL=${gh.url}\n`);
process.stderr.write(`emulator ready (OpenAPI description loaded in ${Math.round(gh.specLoadMs)} ms)\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void gh.close().then(() => process.exit(gh.violations.length > 0 ? 1 : 0));
  });
}
