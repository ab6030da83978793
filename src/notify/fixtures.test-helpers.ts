// Notification fixtures: the shipped policies (real templates, channels and people) and a record.
import { shippedPolicies } from "../../test/engine/fixtures.js";
import type { Channel } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { fixtureRecord } from "../render/fixtures.js";
import { buildNotification, type LifecycleEvent, type Notification, type NotificationInput } from "./notification.js";

export const NOW = "2026-11-27T18:30:00Z";
export const REPO = "https://github.com/acme/ops";
export const policies = shippedPolicies();

export function record(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return fixtureRecord({ service: "api", commander: "alice-example", team: "backend", rotation: "api-oncall", ...over });
}

export function notification(event: LifecycleEvent, over: Partial<NotificationInput> = {}): Notification {
  return buildNotification({ record: record(), event, channel: "test-channel", audience: ["alice-example", "bob-example"], policies, now: NOW, repositoryUrl: REPO, ...over });
}

export function channel(type: Channel["type"], over: Partial<Channel> = {}): Channel {
  return { id: `${type}-test`, type, description: "", secret: "TEST_SECRET", fallback: "issue-comment", endpoint: null, signingSecret: null, from: null, to: [], ...over };
}
