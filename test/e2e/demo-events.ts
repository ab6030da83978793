// The events `npm run demo` sends, in order: the example alerts (moved to the present, keeping their
// spacing), then responders driving the P0 from its issue. Shared by the demo and the test that
// checks `incident simulate` prints exactly what the Action executes for each of them.
import { dispatchEvent, example, type World } from "./harness.js";
import { commentEvent } from "./incident-events.js";

export interface DemoStep {
  title: string;
  eventName: string;
  /** Built when the step runs: a comment needs the issue the first alert opened. */
  event(w: World): unknown;
  /** The commenter's repository role, as the emulator has it (simulate is told it with --role). */
  role?: string;
}

// The examples are dated 2026-03-02 around 10:00 UTC; move them to just now, keeping their spacing.
const delta = Date.now() - 60_000 - Date.parse("2026-03-02T10:00:00Z");
function recent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(recent);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, (k === "startsAt" || k === "endsAt") && typeof v === "string" && !v.startsWith("0001") ? new Date(Date.parse(v) + delta).toISOString() : recent(v)]),
  );
}
const alert = (name: string) => recent(example(name));
const ROLES: Record<string, string> = { "rita-reader": "read", "bob-example": "write", "frank-example": "write" };

function say(login: string, body: string): DemoStep {
  return {
    title: `${login} comments on the P0's issue: ${body.replace(/\n/g, " ⏎ ")}`,
    eventName: "issue_comment",
    event: (w) => commentEvent(w, w.gh.state.issues[0]?.number ?? 1, body, login).event,
    ...(ROLES[login] ? { role: ROLES[login] } : {}),
  };
}

export const DEMO_STEPS: DemoStep[] = [
  { title: "Alertmanager: ServiceDown (P0 monitoring rule)", eventName: "repository_dispatch", event: () => dispatchEvent("alertmanager", alert("service-down.json")) },
  { title: "Alertmanager: HighErrorRate on two instances (P1)", eventName: "repository_dispatch", event: () => dispatchEvent("alertmanager", alert("high-error-rate.json")) },
  { title: "The same HighErrorRate notification again (re-sent: nothing changes)", eventName: "repository_dispatch", event: () => dispatchEvent("alertmanager", alert("high-error-rate.json")) },
  { title: "Grafana: an alert for the auth service", eventName: "repository_dispatch", event: () => dispatchEvent("grafana", alert("grafana.json")) },
  { title: "Alertmanager: HighErrorRate resolved", eventName: "repository_dispatch", event: () => dispatchEvent("alertmanager", alert("resolved.json")) },
  say("rita-reader", "/resolve it works for me"),
  say("bob-example", "/ack\n/status investigating"),
  say("frank-example", "/update Failing over the API to the standby region"),
  say("frank-example", '/timeline Standby healthy, traffic shifted\n/rootcause deployment: a bad config in the v42 rollout took the API down\n/impact users=12000 revenue="$8k" sla=breached'),
  say("frank-example", "/resolve API serving from the standby region"),
];
