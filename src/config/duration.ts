// Durations as written in policy files: "90s", "5m", "2h", "1d", "1w", or combined ("1h30m").

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(?:\d+[smhdw])+$/;

/** The JSON Schema pattern that accepts exactly what parseDuration accepts. */
export const DURATION_PATTERN = "^(?:[0-9]+[smhdw])+$";

/** Milliseconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (!DURATION.test(t)) return null;
  let total = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)([smhdw])/g)) total += Number(n) * (UNIT_MS[unit ?? "s"] ?? 0);
  return total;
}
