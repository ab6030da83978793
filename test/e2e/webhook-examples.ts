// GitHub's own example webhook payloads (@octokit/webhooks-examples), as the base of every event
// the end-to-end tests send: only the fields a test is about are changed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface Entry {
  name: string;
  examples: Record<string, unknown>[];
}

const index = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8")) as Entry[];

/** The first example of `event` (with `action`, when given), deep-copied. */
export function webhookExample(event: string, action?: string): Record<string, unknown> {
  const entry = index.find((e) => e.name === event);
  const found = entry?.examples.find((x) => action === undefined || x.action === action);
  if (!found) throw new Error(`no example payload for ${event}${action ? `.${action}` : ""}`);
  return structuredClone(found);
}
