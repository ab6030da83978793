// Random label sets over a vocabulary built to hit the edges of examples/alertmanager/alertmanager.yml:
// values that match a route's regex fully, partly, or only in JavaScript's reading of it; empty and
// missing labels; Unicode (case folding, non-ASCII digits and letters, astral characters); CR, LF
// and spaces; quotes and backslashes; label names that are Object.prototype properties.
// Deterministic for a seed.

export type LabelSet = Record<string, string>;

const MISSING = null;

const VOCABULARY: Record<string, (string | null)[]> = {
  severity: ["page", "critical", "warning", "warn", "WARN", "Warning", "WaRnInG", "warnings", "ticket", "info", "pager", "", MISSING],
  env: ["prod", "production", "prod ", "Prod", "staging", "dev", "test", "", "prod\n", MISSING],
  instance: ["db1.prod.eu", "db22.prod.us-east", "db.prod.x", "dbx.prod.y", "db1.prod.", "db1.prodXeu", "xdb1.prod.eu", "db1.prod.eu:9187", "host:9100", "host:91000", "db\u0663.prod.eu", "", MISSING],
  job: ["postgres", "mysql", "mariadb", "mysqlx", "node", "node_exporter", "node-exporter", "blackbox-exporter", "bl4ck-exporter", "\u00e9t\u00e9-exporter", "Postgres", "", MISSING],
  service: ["payments", "Payments", "PAYMENT", "payment", "paymentss", "payment\u017f", "a.b", "axb", "\\Qa.b\\E", "", MISSING],
  priority: ["P1", "P2", "p1", " P1", "", MISSING],
  team: ["frontend", "frontend-web", "front", "backend", "Backend", "  padded  ", "padded", " padded ", "", MISSING],
  namespace: ["kube-system", "kube-", "kube", "default", "kube-\n", MISSING],
  region: ["eu-west-1", "eu-central-9", "eu-north-1", "eu-west-10", "us-east-1", "eu-west-\u0661", MISSING],
  cluster: ["12", "1", "123", "\u0661\u0662", "c1", "", MISSING],
  constructor: ["", "x", MISSING],
  toString: ["", "a", "\n", MISSING],
  tier: ["gold", "Gold", "gold ", MISSING],
  message: ["start middle end", "start\nend", "start\r\nend", "startend", "xstart end", "start\u2028end", MISSING],
  path: ["C:\\Windows\\System32", "C:\\Windows\\", "C:/Windows/x", "c:\\windows\\x", "C:\\\\Windows\\\\x", MISSING],
  quote: ['say "hi"', "say hi", 'say \\"hi\\"', "say 'hi'", MISSING],
  component: ["api", "web", "abc", "Abc", "\u00e9", "\u00f1and\u00fa", "api2", "\u{1F600}", "\u03b1\u03b2\u03b3", "\u0391\u03b2", "", MISSING],
  owner: ["team-a", "team-abc", "team-A", "team-", "", MISSING],
  hasOwnProperty: ["", "x", MISSING],
  valueOf: ["x", "y", "xy", MISSING],
  ["__proto__"]: ["x", "", MISSING], // computed: a literal __proto__ key would set the prototype
};

const ALERTNAMES = ["Watchdog", "InfoInhibitor", "DiskFull", "diskALMOSTfull", "DISK IS FULL", "HighLatency", "Watchdog2", "disk\u017ffull"];

/** Variations real senders produce: stray white space, case, line ends. */
const MUTATIONS: ((v: string) => string)[] = [(v) => `${v}\r`, (v) => ` ${v}`, (v) => v.toUpperCase(), (v) => `${v}\n`, (v) => `${v}\u00a0`];

/** mulberry32: small, fast and deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` distinct label sets (distinct as sets, so Alertmanager keeps each as its own alert). Every
 * set has an alertname; each other label is present about half the time. Built with
 * Object.fromEntries so that `__proto__` is an own label, as JSON.parse would make it.
 */
export function randomLabelSets(n: number, seed: number): LabelSet[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const seen = new Set<string>();
  const out: LabelSet[] = [];
  while (out.length < n) {
    // NodeDown inhibits every other alert of its instance: kept rare, and most instances varied, so
    // that inhibition decides some sets rather than nearly all.
    const entries: [string, string][] = [["alertname", random() < 0.02 ? "NodeDown" : pick(ALERTNAMES)]];
    for (const [name, values] of Object.entries(VOCABULARY)) {
      if (random() < 0.45) continue;
      let v = name === "instance" && random() < 0.6 ? `node-${Math.floor(random() * 400)}.example:9${Math.floor(random() * 10)}00` : pick(values);
      if (v === MISSING) continue;
      if (random() < 0.08) v = pick(MUTATIONS)(v);
      entries.push([name, v]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = JSON.stringify(entries);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(Object.fromEntries(entries));
  }
  return out;
}
