// The fields of the triggering event the doors read. Payloads are GitHub's webhook shapes; only
// what a door uses is typed, and each door checks what it relies on.
export interface EventUser {
  login?: string;
  type?: string;
}

export interface EventIssue {
  number: number;
  title: string;
  body?: string | null;
  state?: string;
  state_reason?: string | null;
  user?: EventUser;
  labels?: ({ name?: string } | string)[];
  assignees?: EventUser[];
  pull_request?: unknown;
  created_at?: string;
}

export interface EventPayload {
  action?: string;
  client_payload?: unknown;
  repository?: { default_branch?: string };
  issue?: EventIssue;
  comment?: { id: number; body?: string | null; user?: EventUser };
  changes?: { body?: { from?: string } };
  label?: { name?: string };
  pull_request?: { number: number; merged?: boolean; head?: { ref?: string; sha?: string }; labels?: { name?: string }[]; merged_by?: EventUser | null };
  review?: { user?: EventUser; state?: string };
  inputs?: Record<string, unknown>;
  sender?: EventUser;
}

export function labelNames(labels: EventIssue["labels"]): string[] {
  return (labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((l) => l !== "");
}
