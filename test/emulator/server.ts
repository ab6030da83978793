// The loopback GitHub REST API emulator: an HTTP server on 127.0.0.1 that routes every request
// through GitHub's OpenAPI description, answers from in-memory state, and records each request and
// every contract violation (unknown route, bad parameter or body, invalid response) for tests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BuildCtx } from "./builders.js";
import { errorBody } from "./builders-misc.js";
import { HttpError, notFound, type Handler, type HandlerCtx, type Reply } from "./handler.js";
import { issueHandlers } from "./handlers-issues.js";
import { labelHandlers } from "./handlers-labels.js";
import { pullHandlers } from "./handlers-pulls.js";
import { repoHandlers } from "./handlers-repo.js";
import { settingsHandlers } from "./handlers-settings.js";
import { FaultBook, matchesFilter, secondaryRateLimit, type Fault, type FaultHandle, type FaultReply, type RandomFaults, type RequestFilter } from "./faults.js";
import { makeSeeds, type Seeds } from "./seeds.js";
import { loadSpec, lookupRoute, type RouteMatch } from "./spec.js";
import { GITHUB_ACTIONS_BOT, World, type RepoState, type Role } from "./state.js";
import { contractFor } from "./validate.js";

export type { Fault, FaultHandle, RandomFaultKind, RandomFaults, RequestFilter } from "./faults.js";
export type { Seeds } from "./seeds.js";

const HANDLERS: Record<string, Handler> = { ...issueHandlers, ...labelHandlers, ...pullHandlers, ...repoHandlers, ...settingsHandlers };

export interface EmulatorOptions {
  /** Repositories that exist, as "owner/name". Default `["acme/ops"]`. */
  repos?: string[];
  /** Collaborators and their roles; anyone else is not a collaborator (permission API → 404). */
  users?: Record<string, Role>;
  defaultBranch?: string;
  /** Clock for every timestamp the emulator writes. Default: real time. */
  now?: () => Date;
  /** Login behind the tokens: one login for any token, or a token→login map (other tokens → 401). */
  tokenUser?: string | Record<string, string>;
  /**
   * Tokens that may only read, as the workflow's GITHUB_TOKEN is in a `pull_request` run from a
   * fork whatever the workflow's `permissions:` say: every write answers 403 `Resource not
   * accessible by integration` (jayamanikharyono/airflow-dag-action#23 shows the body for a
   * comment; bolshakov/stoplight#763 and peter-evans/create-or-update-comment's README the cause).
   */
  readOnlyTokens?: string[];
  /** Primary rate limit of the `core` resource per hour. Default 5000. */
  coreRateLimit?: number;
  /**
   * Content-creating requests (every POST, PATCH, PUT, DELETE) allowed per minute before GitHub's
   * secondary rate limit answers 403 with `retry-after` (docs: "no more than 80 content-generating
   * requests per minute"). Default 80; `Infinity` turns it off.
   */
  contentPerMinute?: number;
  /** `retry-after` (s) of the secondary rate limit above. Default 60 (GitHub: "wait at least one minute"). */
  secondaryRetryAfterS?: number;
  /** Seeded random faults from the start (see `Emulator.randomize`). */
  randomFaults?: RandomFaults;
  /** TCP port on 127.0.0.1; default 0 (a free one). */
  port?: number;
  /** Called after each request is answered (e.g. to log it). */
  onRequest?: (r: RecordedRequest) => void;
  /** Called as each contract violation is recorded. */
  onViolation?: (v: Violation) => void;
  /** Test hook: rewrite a response body before it is validated and sent. */
  mutateResponse?: (r: { operationId: string; route: string; method: string; status: number; body: unknown }) => unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** OpenAPI path template, or null when no route matched. */
  route: string | null;
  operationId: string | null;
  status: number;
  body: unknown;
  response: unknown;
  /** Login of the token's user, null when unauthenticated. */
  user: string | null;
  injected: boolean;
  /** What the injected fault was, e.g. "random 502 after the write"; status 0 means the connection was reset. */
  fault?: string;
}

export type ViolationKind = "route" | "method" | "auth" | "json" | "path" | "query" | "body" | "response" | "not-implemented" | "emulator";

export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  route: string | null;
  operationId: string | null;
  message: string;
}

export interface Emulator {
  /** Base URL, e.g. "http://127.0.0.1:41234": use as GITHUB_API_URL / Octokit baseUrl. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly violations: Violation[];
  /** State of the first repository in `repos`. */
  readonly state: RepoState;
  /** State of any configured repository. */
  repo(fullName: string): RepoState;
  readonly world: World;
  readonly seed: Seeds;
  inject(fault: Fault): FaultHandle;
  /** Turns seeded random faults on, or off with `undefined`. */
  randomize(config: RandomFaults | undefined): void;
  count(filter?: RequestFilter): number;
  /** Milliseconds this process spent reading and indexing the OpenAPI description (once). */
  readonly specLoadMs: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const specLoadMs = loadSpec().loadMs;
  const repos = options.repos ?? ["acme/ops"];
  const world = new World({
    repos,
    users: options.users ?? {},
    defaultBranch: options.defaultBranch ?? "main",
    now: options.now ?? (() => new Date()),
    coreLimit: options.coreRateLimit ?? 5000,
  });
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const faults = new FaultBook();
  faults.randomize(options.randomFaults);
  /** Emulator-clock instants (ms) of recent content-creating requests, for the secondary rate limit. */
  const writes: number[] = [];
  const now = options.now ?? (() => new Date());
  const build: BuildCtx = { world, api: "" };

  const [firstOwner = "", firstName = ""] = (repos[0] ?? "").split("/");
  const first = world.repo(firstOwner, firstName);
  if (!first) throw new Error("startEmulator needs at least one repository");

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify(errorBody(500, "Server Error")));
      violations.push({ kind: "emulator", method: req.method ?? "", path: req.url ?? "", route: null, operationId: null, message: `emulator failed: ${String(e)}` });
    });
  });

  const tokenOf = (header: string | undefined): string | null => /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? "")?.[1] ?? null;

  function tokenLogin(header: string | undefined): string | null | undefined {
    const token = tokenOf(header);
    if (!token) return null;
    const map = options.tokenUser;
    if (typeof map === "object") return map[token];
    return map ?? GITHUB_ACTIONS_BOT.login;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", build.api);
    const raw = await readBody(req);
    const query = Object.fromEntries(url.searchParams);
    const rec: RecordedRequest = { method, path: url.pathname, query, route: null, operationId: null, status: 0, body: undefined, response: undefined, user: null, injected: false };
    const flag = (kind: ViolationKind, message: string) => {
      const where = `${method} ${url.pathname}${rec.operationId ? ` (${rec.operationId})` : ""}`;
      const v: Violation = { kind, method, path: url.pathname, route: rec.route, operationId: rec.operationId, message: `${where}: ${message}` };
      violations.push(v);
      options.onViolation?.(v);
    };
    const reply = (r: Reply & { injected?: boolean; reset?: boolean; fault?: string }) => send(res, rec, r);

    const found = lookupRoute(method, url.pathname);
    if (found.kind !== "found") {
      if (found.kind === "no-route") flag("route", "no such route in GitHub's REST API");
      else flag("method", `${found.route} has no ${method} operation (allowed: ${found.allowed.join(", ")})`);
      return reply({ status: 404, body: errorBody(404, "Not Found") });
    }
    const match: RouteMatch = found.match;
    rec.route = match.route;
    rec.operationId = match.operation.operationId;

    const login = tokenLogin(req.headers.authorization);
    if (!login) {
      flag("auth", login === null ? "no `authorization: token …` or `Bearer …` header" : "unknown token");
      return reply({ status: 401, body: errorBody(401, login === null ? "Requires authentication" : "Bad credentials") });
    }
    rec.user = login;

    if (raw.trim() !== "") {
      try {
        rec.body = JSON.parse(raw) as unknown;
      } catch {
        flag("json", "body is not valid JSON");
        return reply({ status: 400, body: errorBody(400, "Problems parsing JSON") });
      }
    }

    const contract = contractFor(match.operation);
    const path: Record<string, unknown> = { ...match.params };
    const coercedQuery: Record<string, unknown> = { ...query };
    const checked = contract.params(path, coercedQuery);
    for (const q of checked.query.unknown) flag("query", `unknown query parameter "${q}"`);
    if (checked.path.length > 0) {
      flag("path", checked.path.join("; "));
      return reply({ status: 404, body: errorBody(404, "Not Found") });
    }
    const bodyCheck = knownErrata(rec.operationId, rec.body) ? { problems: [], unknown: [] } : contract.body(rec.body);
    for (const f of bodyCheck.unknown) flag("body", `unknown body field "${f}"`);
    const problems = [...checked.query.problems, ...bodyCheck.problems];
    if (problems.length > 0) {
      flag(checked.query.problems.length > 0 ? "query" : "body", problems.join("; "));
      return reply({ status: 422, body: errorBody(422, `Invalid request.\n\n${problems.join("\n")}`) });
    }

    const fault = faults.take(rec, "before");
    if (fault) return reply({ ...fault, injected: true });

    const bucket = rec.operationId.startsWith("search/") ? world.rate.search : world.rate.core;
    const nowS = now().getTime() / 1000;
    if (nowS >= bucket.reset) {
      // The primary limit's window ended: a new hour starts (docs: x-ratelimit-reset).
      bucket.used = 0;
      bucket.reset = Math.floor(nowS) + 3600;
    }
    if (rec.operationId !== "rate-limit/get" && ++bucket.used > bucket.limit) {
      return reply({ status: 403, body: errorBody(403, `API rate limit exceeded for user ID ${world.user(login).id}.`) });
    }
    if (method !== "GET" && options.readOnlyTokens?.includes(tokenOf(req.headers.authorization) ?? "")) {
      return reply({ status: 403, body: errorBody(403, "Resource not accessible by integration") });
    }
    if (method !== "GET" && secondaryLimited()) {
      return reply({ ...secondaryRateLimit(options.secondaryRetryAfterS ?? 60, 403, `EMU:${requests.length + 1}`), fault: "secondary rate limit: too many content-creating requests per minute" });
    }

    const handler = HANDLERS[rec.operationId];
    if (!handler) {
      flag("not-implemented", `the emulator does not implement ${match.route}`);
      return reply({ status: 404, body: errorBody(404, "Not Found") });
    }
    const ctx: HandlerCtx = {
      world, build, path, query: coercedQuery, body: rec.body, user: login, url,
      repo: () => {
        const r = world.repo(String(path.owner), String(path.repo));
        if (!r) throw notFound();
        return r;
      },
      flag: (message) => flag("body", message),
    };
    let result: Reply;
    try {
      result = handler(ctx);
    } catch (e) {
      if (!(e instanceof HttpError)) {
        flag("emulator", `handler threw: ${e instanceof Error ? e.stack : String(e)}`);
        return reply({ status: 500, body: errorBody(500, "Server Error") });
      }
      result = e.reply;
    }
    if (options.mutateResponse) {
      result = { ...result, body: options.mutateResponse({ operationId: rec.operationId, route: rec.route, method, status: result.status, body: result.body }) };
    }
    const respProblems = contract.response(result.status, result.body);
    if (respProblems === undefined) {
      if (result.status < 400) flag("response", `status ${result.status} is not documented`);
    } else if (respProblems.length > 0) {
      flag("response", respProblems.join("; "));
    }
    const late: FaultReply | undefined = faults.take(rec, "after");
    return reply(late ? { ...late, injected: true } : result);
  }

  /** Counts this content-creating request; true when it is past GitHub's per-minute allowance. */
  function secondaryLimited(): boolean {
    const limit = options.contentPerMinute ?? 80;
    if (!Number.isFinite(limit)) return false;
    const t = now().getTime();
    while (writes.length > 0 && (writes[0] ?? 0) <= t - 60_000) writes.shift();
    if (writes.length >= limit) return true;
    writes.push(t);
    return false;
  }

  function send(res: ServerResponse, rec: RecordedRequest, r: Reply & { injected?: boolean; reset?: boolean; fault?: string }): void {
    rec.status = r.reset ? 0 : r.status;
    rec.response = r.body;
    rec.injected = r.injected === true;
    if (r.fault) rec.fault = r.fault;
    requests.push(rec);
    options.onRequest?.(rec);
    if (r.reset) {
      // A hang-up: the client sees the connection reset with no response ("socket hang up").
      res.socket?.destroy();
      return;
    }
    const core = world.rate.core;
    const headers: Record<string, string> = {
      "x-github-request-id": `EMU:${requests.length}`,
      "x-github-media-type": "github.v3; format=json",
      "x-ratelimit-limit": String(core.limit),
      "x-ratelimit-remaining": String(Math.max(0, core.limit - core.used)),
      "x-ratelimit-reset": String(core.reset),
      "x-ratelimit-used": String(core.used),
      "x-ratelimit-resource": "core",
      ...r.headers,
    };
    if (r.body === undefined || r.status === 204) {
      res.writeHead(r.status, headers).end();
      return;
    }
    res.writeHead(r.status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(r.body));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  build.api = `http://127.0.0.1:${port}`;

  return {
    url: build.api,
    requests,
    violations,
    state: first,
    world,
    repo(fullName) {
      const [owner = "", name = ""] = fullName.split("/");
      const r = world.repo(owner, name);
      if (!r) throw new Error(`unknown repository ${fullName}`);
      return r;
    },
    seed: makeSeeds(world, first, Object.keys(options.users ?? {})[0] ?? "octocat"),
    inject: (fault) => faults.add(fault),
    randomize: (config) => faults.randomize(config),
    count: (filter = {}) => requests.filter((r) => matchesFilter(filter, r)).length,
    specLoadMs,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

// GitHub's description is stricter than GitHub: "set labels" documents `{labels: []}` as the way to
// remove all labels, but the schema's `minItems: 1` forbids it.
function knownErrata(operationId: string, body: unknown): boolean {
  return operationId === "issues/set-labels" && Array.isArray((body as { labels?: unknown } | undefined)?.labels) && (body as { labels: unknown[] }).labels.length === 0;
}
