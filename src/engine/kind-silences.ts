// policies/silences/*.yaml → Silence[]: one silence per file, its id the file name. Optional:
// without the directory nothing is silenced. The checks a schema cannot make live here — ends after
// starts, Alertmanager's rule that a silence needs a matcher that does not match "" (else it would
// silence every alert) — and in the cross-checks below: the maximum duration from review.yaml and,
// when validation is given the time, a warning for each silence that has expired.
import type { CrossCheck, PolicyFileKind } from "../config/kinds.js";
import type { Silence } from "../config/alerting-types.js";
import { formatDuration } from "../render/format.js";
import { formatMatchers, matches } from "./matchers.js";
import { readMatchers } from "./policy-matchers.js";

interface RawSilence {
  matchers: unknown;
  starts: string;
  ends: string;
  owner: string;
  reason: string;
  link?: string;
}

const ID = /^[a-z0-9][a-z0-9_-]*$/;

export const silencesKind: PolicyFileKind<"silences"> = {
  id: "silence",
  path: "silences/",
  schema: "silence.schema.json",
  fills: ["silences"],
  absent: () => ({ silences: [] }),
  normalise(doc, report) {
    const raw = doc.value as RawSilence;
    const id = (doc.file.split("/").pop() ?? "").replace(/\.ya?ml$/, "");
    if (!ID.test(id)) report.error(doc.at([]), `silence file name \`${id}\` is not an id: use lower-case letters, digits, - and _ (the file name is the silence's id)`);
    const matchers = readMatchers(raw.matchers, ["matchers"], doc, report);
    if (matchers.length === 0) report.error(doc.at(["matchers"]), "a silence needs at least one matcher; without one it would silence every alert");
    else if (matchers.every((m) => matches(m, {}))) {
      report.error(doc.at(["matchers"]), `every matcher of ${formatMatchers(matchers)} matches the empty string, so the silence would cover alerts that lack those labels too; Alertmanager refuses such silences — add a matcher that needs a value, e.g. alertname="…"`);
    }
    const starts = Date.parse(raw.starts);
    const ends = Date.parse(raw.ends);
    if (ends <= starts) report.error(doc.at(["ends"]), `silence \`${id}\` ends (${raw.ends}) before it starts (${raw.starts})`);
    const silence: Silence = {
      id,
      origin: "silence",
      matchers,
      services: null,
      starts: new Date(starts).toISOString(),
      ends: new Date(ends).toISOString(),
      owner: raw.owner,
      reason: raw.reason,
      link: raw.link ?? null,
      source: doc.at([]),
    };
    return { silences: [silence] };
  },
};

/** Longer than review.yaml allows is an error; expired (when the validation time is known) a warning. */
export const silenceChecks: CrossCheck[] = [
  (p, report, refs) => {
    const max = p.review?.silences.maxDuration;
    for (const s of p.silences ?? []) {
      const doc = refs.doc(s.source.file);
      const lasts = Date.parse(s.ends) - Date.parse(s.starts);
      if (max !== undefined && lasts > max) {
        report.error(doc?.at(["ends"]) ?? s.source, `silence \`${s.id}\` lasts ${formatDuration(lasts)}, longer than the ${formatDuration(max)} silences may last (silences.max_duration in ${p.root}/review.yaml): end it sooner, or replace it with a new silence when this one ends`);
      }
      if (refs.now !== undefined && Date.parse(s.ends) <= refs.now) {
        report.warn(doc?.at(["ends"]) ?? s.source, `silence \`${s.id}\` expired at ${s.ends} and silences nothing; delete ${s.source.file} (the schedule job proposes that in a pull request)`);
      }
    }
  },
];
