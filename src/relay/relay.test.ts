import { afterEach, describe, expect, it } from "vitest";
import { startRelay, type Relay } from "./relay.js";

let relay: Relay | undefined;
afterEach(async () => {
  await relay?.close();
});

async function start(dispatch: (type: string, payload: unknown) => Promise<void>): Promise<Relay> {
  relay = await startRelay({ host: "127.0.0.1", port: 0, dispatch });
  return relay;
}

describe("relay", () => {
  it("wraps the sender's body under client_payload.payload, typed by the path", async () => {
    const sent: unknown[] = [];
    const r = await start((type, payload) => {
      sent.push([type, payload]);
      return Promise.resolve();
    });
    const res = await fetch(`${r.url}/alertmanager`, { method: "POST", body: JSON.stringify({ version: "4", alerts: [] }) });
    expect(res.status).toBe(202);
    expect(sent).toEqual([["alertmanager", { payload: { version: "4", alerts: [] } }]]);
  });

  it.each([
    ["/prometheus", "{}", 404],
    ["/alertmanager", "not json", 400],
    ["/grafana", JSON.stringify({ big: "x".repeat(70_000) }), 413],
  ])("answers POST %s with %s → %i", async (path, body, status) => {
    const r = await start(() => Promise.resolve());
    expect((await fetch(`${r.url}${path}`, { method: "POST", body })).status).toBe(status);
  });

  it("answers 503 when GitHub refuses, so Alertmanager (which retries only 5xx) sends it again", async () => {
    const r = await start(() => Promise.reject(new Error("HTTP 403: You have exceeded a secondary rate limit")));
    expect((await fetch(`${r.url}/alertmanager`, { method: "POST", body: "{}" })).status).toBe(503);
  });
});
