// The GitHub client's transport: Node's own fetch unless HTTPS_PROXY / HTTP_PROXY apply to the API's
// host, then the proxy-capable fetch, loaded on the first request — against a real CONNECT proxy on
// loopback in front of a real HTTP server.
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOctokit, fetchFor } from "./client.js";

let target: Server;
let proxy: Server;
let targetPort = 0;
const tunnels: string[] = [];
const PROXY_VARS = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"] as const;
const saved = Object.fromEntries(PROXY_VARS.map((k) => [k, process.env[k]]));

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  target = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ path: req.url, host: req.headers.host, auth: req.headers.authorization ?? null }));
  });
  targetPort = await listen(target);
  // Every tunnel leads to the target, whatever host it names: the host need not resolve.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req, socket, head) => {
    tunnels.push(req.url ?? "");
    const upstream = connect(targetPort, "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  const proxyPort = await listen(proxy);
  process.env.HTTP_PROXY = `http://127.0.0.1:${proxyPort}`;
});

afterEach(() => {
  tunnels.length = 0;
  delete process.env.NO_PROXY;
});

afterAll(async () => {
  for (const k of PROXY_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  proxy.closeAllConnections();
  target.closeAllConnections();
  await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => target.close(r))]);
});

describe("the GitHub client's fetch", () => {
  it("goes through the proxy HTTP_PROXY names for the API's host", async () => {
    const octokit = createOctokit("ghs_secret", { baseUrl: "http://api.github.test", retries: 0 });
    const res = await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "ops" });
    expect(res.data).toEqual({ path: "/repos/acme/ops", host: "api.github.test", auth: "token ghs_secret" });
    expect(tunnels).toEqual(["api.github.test:80"]);
  });

  it("goes direct when NO_PROXY names the host, and to loopback always", async () => {
    process.env.NO_PROXY = "example.com, .github.test";
    expect(fetchFor("http://api.github.test")).toBe(fetch);
    delete process.env.NO_PROXY;
    expect(fetchFor(`http://127.0.0.1:${targetPort}`)).toBe(fetch);
    const res = await createOctokit("t", { baseUrl: `http://127.0.0.1:${targetPort}`, retries: 0 }).request("GET /zen");
    expect(res.data).toMatchObject({ path: "/zen" });
    expect(tunnels).toEqual([]);
  });
});
