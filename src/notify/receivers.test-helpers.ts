// Real receivers on loopback for the notification tests (and the demo): an HTTP server that
// records every request and answers from a script (status, headers, body, or hanging up), and an
// SMTP server (smtp-server) that records every message. A receiver that is down is a port where
// nothing listens.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { RetryPolicy } from "./delivery.js";

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number; // ms since epoch, when the request ended
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (to provoke a client timeout). */
  delayMs?: number;
}

/** How the receiver answers the n-th request (0-based). */
export type Script = (req: Received, n: number) => Answer;

export interface Receiver {
  url: string;
  received: Received[];
  json(i: number): unknown;
  close(): Promise<void>;
}

export const answers = {
  ok: (body = "ok"): Script => () => ({ status: 200, body }),
  /** Answers in turn from the list, repeating the last one. */
  sequence: (...list: Answer[]): Script => (_req, n) => list[Math.min(n, list.length - 1)] ?? { status: 200 },
};

export async function startReceiver(script: Script = answers.ok()): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: Received = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      const answer = script(r, received.length);
      received.push(r);
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? "");
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    json: (i) => JSON.parse(received[i]?.body ?? "null") as unknown,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens (a port that was just free). */
export async function downUrl(): Promise<string> {
  const r = await startReceiver();
  await r.close();
  return r.url;
}

export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  url: string;
  messages: Mail[];
  close(): Promise<void>;
}

/** An SMTP server on loopback without TLS; `reject(n)` makes the n-th transaction answer an SMTP error code. */
export async function startSmtp(opts: { user?: string; pass?: string; reject?: (n: number) => number | null } = {}): Promise<SmtpReceiver> {
  const messages: Mail[] = [];
  let transactions = 0;
  const server = new SMTPServer({
    disabledCommands: opts.user ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    allowInsecureAuth: true,
    authOptional: !opts.user,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === opts.user && auth.password === opts.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const code = opts.reject?.(transactions++) ?? null;
        if (code !== null) {
          callback(Object.assign(new Error(code >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: code }));
          return;
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const auth = opts.user ? `${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.pass ?? "")}@` : "";
  return { url: `smtp://${auth}127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Bounds small enough for tests, generous enough for a busy machine. */
export const TEST_RETRY: RetryPolicy = { attempts: 3, timeoutMs: 3_000, backoffMs: 20, backoffLimitMs: 100, maxRetryAfterMs: 5_000, budgetMs: 20_000 };
