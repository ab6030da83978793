// review.yaml → ReviewPolicy: how many recorded alerts a policy pull request replays, how far ahead
// on-call is compared, and how long a silence may last. Optional; every key has a default.
import type { PolicyFileKind } from "../kinds.js";
import type { ReviewPolicy } from "../types.js";
import { parseDuration } from "../duration.js";

interface RawReview {
  replay?: { alerts?: number; oncall_days?: number };
  silences?: { max_duration?: string };
}

const DAY = 86_400_000;

/** The defaults: the last 500 alerts, 14 days of on-call, silences of at most a week. */
export const DEFAULT_REVIEW: ReviewPolicy = { replay: { alerts: 500, oncallDays: 14 }, silences: { maxDuration: 7 * DAY } };

export const reviewKind: PolicyFileKind<"review"> = {
  id: "review",
  path: "review.yaml",
  schema: "review.schema.json",
  fills: ["review"],
  absent: () => ({ review: DEFAULT_REVIEW }),
  normalise(doc, report) {
    const raw = (doc.value ?? {}) as RawReview;
    const max = raw.silences?.max_duration === undefined ? DEFAULT_REVIEW.silences.maxDuration : parseDuration(raw.silences.max_duration);
    if (max === 0) report.error(doc.at(["silences", "max_duration"]), "silences.max_duration must be more than zero");
    return {
      review: {
        replay: { alerts: raw.replay?.alerts ?? DEFAULT_REVIEW.replay.alerts, oncallDays: raw.replay?.oncall_days ?? DEFAULT_REVIEW.replay.oncallDays },
        silences: { maxDuration: max ?? DEFAULT_REVIEW.silences.maxDuration },
      },
    };
  },
};
