// The imported policy as file texts: routing.yaml merged into the existing one (its channels,
// audiences, by_severity and comments stay; the route tree is replaced; imported channels are
// added), inhibition.yaml and time-intervals.yaml written whole. Pure: texts in, texts out.
import { parseDocument, stringify } from "yaml";
import type { ImportResult } from "./types.js";

/** File name (relative to the policies directory) → text. `source` names the Alertmanager file in comments. */
export function importedFiles(result: ImportResult, existingRouting: string | null, source: string): Record<string, string> {
  const header = (schema: string, what: string) => `# yaml-language-server: $schema=../schemas/${schema}\n# ${what} imported from ${source} by \`incident import alertmanager\`.\n`;
  const files: Record<string, string> = { "routing.yaml": routingText(result, existingRouting, source) };
  if (result.inhibitRules.length) files["inhibition.yaml"] = header("inhibition.schema.json", "Inhibit rules") + stringify({ inhibit_rules: result.inhibitRules }, { lineWidth: 0 });
  if (result.timeIntervals.length) files["time-intervals.yaml"] = header("time-intervals.schema.json", "Time intervals") + stringify({ time_intervals: result.timeIntervals }, { lineWidth: 0 });
  return files;
}

function routingText(result: ImportResult, existing: string | null, source: string): string {
  const doc = parseDocument(existing ?? STARTER);
  for (const c of result.channels) doc.setIn(["channels", c.id], doc.createNode(c.channel));
  const route = doc.createNode(result.route);
  route.commentBefore = ` The route tree imported from ${source} (Alertmanager receivers are channels).`;
  doc.set("route", route);
  return doc.toString({ lineWidth: 0 });
}

/** Channel ids routing.yaml already defines: imported receivers get other ids. */
export function existingChannelIds(routingText: string | null): Set<string> {
  if (routingText === null) return new Set();
  const channels = (parseDocument(routingText).toJS() as { channels?: Record<string, unknown> } | null)?.channels;
  return new Set(Object.keys(channels ?? {}));
}

/** A routing.yaml for a policies directory that has none: every severity notifies the routed rotation's primary. */
const STARTER = `# yaml-language-server: $schema=../schemas/routing.schema.json
# Routing: channels, audiences, what each severity notifies, and the route tree.
channels: {}
audiences:
  on-call-primary: [{ rotation: routed, role: primary }]
by_severity:
  P0: { channels: [], notify: [on-call-primary] }
  P1: { channels: [], notify: [on-call-primary] }
  P2: { channels: [], notify: [on-call-primary] }
  P3: { channels: [], notify: [on-call-primary] }
route:
  name: root
`;
