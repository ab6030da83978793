// A relay for senders that cannot shape their request for GitHub (Alertmanager before 0.32, which
// cannot set the body): it accepts the sender's webhook, wraps the body as the repository_dispatch
// convention asks ({event_type: <source>, client_payload: {payload: <body>}}), and sends it with
// the client's retries and throttling. Alertmanager retries only 5xx answers, so any failure to
// dispatch — a GitHub 4xx such as a rate limit included — is answered 503, and Alertmanager sends
// the notification again.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ALERT_SOURCES, type AlertSource } from "../alerts/types.js";
import { GITHUB_LIMITS } from "../github/limits.js";

/** GitHub refuses client_payloads of 64 KB or more; 1 KB is kept for the `{"payload": …}` wrapping. */
export const MAX_DISPATCH_BYTES = GITHUB_LIMITS.dispatchPayloadBytes.max + 1 - 1024;

export interface RelayOptions {
  host: string;
  port: number;
  /** Sends one dispatch; rejects on failure. */
  dispatch(eventType: AlertSource, clientPayload: { payload: unknown }): Promise<void>;
  log?: (message: string) => void;
}

export interface Relay {
  url: string;
  server: Server;
  close(): Promise<void>;
}

async function body(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RangeError(`body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** POST /<source> (alertmanager, grafana or alert) → one repository_dispatch. */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const log = options.log ?? (() => undefined);
  const server = createServer((req, res) => {
    const answer = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`${text}\n`);
    };
    const source = (req.url ?? "").replace(/^\/+|\/+$/g, "").split("?")[0] ?? "";
    if (req.method !== "POST") return answer(405, "POST the sender's webhook body to /alertmanager, /grafana or /alert");
    if (!(ALERT_SOURCES as readonly string[]).includes(source)) return answer(404, `unknown source ${JSON.stringify(source.slice(0, 40))}: use /alertmanager, /grafana or /alert`);
    body(req, MAX_DISPATCH_BYTES)
      .then(async (text) => {
        let payload: unknown;
        try {
          payload = JSON.parse(text);
        } catch {
          return answer(400, "the body is not JSON");
        }
        await options.dispatch(source as AlertSource, { payload });
        log(`relayed ${text.length} bytes from ${source}`);
        answer(202, "dispatched");
      })
      .catch((e: unknown) => {
        if (e instanceof RangeError) return answer(413, `${e.message}: GitHub refuses larger dispatches; lower max_alerts in the sender`);
        log(`dispatch failed: ${e instanceof Error ? e.message : String(e)}`);
        answer(503, "could not dispatch to GitHub; retry");
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${options.host}:${port}`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
