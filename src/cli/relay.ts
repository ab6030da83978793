// `incident relay`: the relay for senders that cannot call GitHub's dispatch API themselves. The
// server and the GitHub client load when the command runs: importing node:http as a module costs
// every other command Node's fetch stack.
import type { Command } from "commander";
import { EXIT, type CliIO } from "./io.js";

export function registerRelay(program: Command, io: CliIO): void {
  program
    .command("relay")
    .description("accept Alertmanager/Grafana webhooks and forward them as repository_dispatch events (for senders that cannot set the body, e.g. Alertmanager before 0.32)")
    .requiredOption("--repo <owner/repo>", "repository whose incident workflow receives the alerts")
    .option("--listen <host:port>", "address to listen on", "127.0.0.1:9095")
    .action(async (opts: { repo: string; listen: string }) => {
      const token = process.env.GITHUB_TOKEN ?? "";
      const [owner, repo] = opts.repo.split("/");
      const [host = "", port = ""] = opts.listen.split(/:(?=\d+$)/);
      if (!token || !owner || !repo || !/^\d+$/.test(port)) {
        io.err(!token ? "set GITHUB_TOKEN to a token that may create repository dispatches" : "use --repo OWNER/REPO and --listen HOST:PORT");
        process.exitCode = EXIT.usage;
        return;
      }
      const [{ createOctokit }, { octokitPort }, { startRelay }] = await Promise.all([import("../github/client.js"), import("../github/port.js"), import("../relay/relay.js")]);
      const github = octokitPort(createOctokit(token, { ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}), log: (m) => io.err(m) }), { owner, repo });
      const relay = await startRelay({ host, port: Number(port), dispatch: (type, payload) => github.dispatch(type, payload), log: (m) => io.err(m) });
      io.out(`relaying ${relay.url}/alertmanager, /grafana and /alert to ${opts.repo}`);
    });
}
