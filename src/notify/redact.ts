// Keeps secrets out of everything we report (logs, job summaries, records, error messages, CLI
// output). A secret may be a routing key, a webhook URL whose path is the credential (Slack, Teams,
// Power Automate signatures in the query) or an SMTP URL with a password; each is split into the
// parts that could leak on their own, so a library that prints only the path or only the password
// is caught too. These are also the values the Action registers with `core.setSecret`.

const MIN_PART = 4; // shorter fragments are not secrets and would mangle text
const MIN_PIECE = 12; // a path segment or query value long enough to be a token ("services" is not)

/** The secret itself and, for a URL, its password, path and query, their long pieces, and their decoded forms. */
export function secretParts(value: string): string[] {
  const parts = new Set<string>([value]);
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url) {
    const pieces = [...url.pathname.split("/"), ...url.searchParams.values()].filter((p) => p.length >= MIN_PIECE);
    for (const p of [url.password, url.pathname.length > 1 ? url.pathname + url.search : url.search, ...pieces]) {
      parts.add(p);
      parts.add(safeDecode(p));
    }
  }
  return [...parts].filter((p) => p.length >= MIN_PART).sort((a, b) => b.length - a.length);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `text` with every occurrence of every secret part (and its URL-encoded form) replaced by "***". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length === 0) continue;
    out = out.split(s).join("***");
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join("***");
  }
  return out;
}

/** "https://hooks.slack.com/…": a URL shown without its path, query or credentials. */
export function hideUrl(value: string): string {
  if (!URL.canParse(value)) return "(not a URL)";
  const url = new URL(value);
  return `${url.protocol}//${url.host}/…`;
}
