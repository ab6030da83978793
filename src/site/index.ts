// `incident site`'s builder: policies + records + published post-mortems → the files of a static
// site (index.html status page, status.json, feed.atom, badges/*.json, dashboard.html). Pure apart
// from drawing charts; the CLI reads the inputs and writes the files. This module and its charting
// library are bundled apart from the CLI (dist/site.js) and loaded only by `incident site`.
import { computeMetrics } from "../metrics/compute.js";
import { findPatterns } from "../postmortem/patterns.js";
import { readFrontMatter, type FrontMatter } from "../postmortem/front-matter.js";
import { dashboardPage } from "./dashboard.js";
import { atomFeed, badges } from "./feeds.js";
import type { SiteFile, SiteInput, SiteResult } from "./model.js";
import { statusPage } from "./status-page.js";
import { historyStart, statusDocument } from "./status.js";

export type { SiteInput, SiteResult, SiteFile, StatusDocument } from "./model.js";

export class NothingToBuildError extends Error {
  constructor() {
    super("nothing to build: communication.yaml has status_page.enabled: false and status_page.dashboard is not true");
    this.name = "NothingToBuildError";
  }
}

/**
 * Builds the site. Throws NothingToBuildError when the policy turns both pages off. Post-mortems
 * whose front matter does not read are left out of the links and reported in `warnings`.
 */
export async function buildSite(input: SiteInput): Promise<SiteResult> {
  const { policies, records, now } = input;
  const sp = policies.communication.statusPage;
  if (!sp.enabled && !sp.dashboard) throw new NothingToBuildError();
  const warnings: string[] = [];
  const repoUrl = input.repoUrl ?? null;
  const siteUrl = input.siteUrl ?? sp.url;

  const frontMatters: FrontMatter[] = [];
  const published = new Map<string, string>();
  for (const p of input.postmortems) {
    const fm = readFrontMatter(p.text, p.path);
    if (fm.frontMatter === null) {
      warnings.push(`${p.path}: front matter does not read (${fm.issues[0]?.message ?? "unknown problem"}); not linked from the status page`);
      continue;
    }
    frontMatters.push(fm.frontMatter);
    published.set(fm.frontMatter.incident_id, p.path);
  }
  if (repoUrl === null && published.size > 0) warnings.push("no repository URL (--repo, or GITHUB_SERVER_URL and GITHUB_REPOSITORY): post-mortems are not linked");

  const files: SiteFile[] = [];
  if (sp.enabled) {
    const doc = statusDocument(policies, records, { now, siteUrl, repoUrl, postmortems: published });
    files.push(
      { path: "index.html", content: statusPage(doc, { dashboard: sp.dashboard }) },
      { path: "status.json", content: `${JSON.stringify(doc, null, 2)}\n` },
      { path: "feed.atom", content: atomFeed(doc) },
      ...badges(doc).map((b) => ({ path: b.path, content: `${JSON.stringify(b.badge)}\n` })),
    );
  }
  if (sp.dashboard) {
    const report = computeMetrics(records, policies, { from: new Date(historyStart(now)).toISOString(), to: now });
    const patterns = findPatterns({ records: [...records], postmortems: frontMatters }, now, policies.postmortem.patterns);
    files.push({ path: sp.enabled ? "dashboard.html" : "index.html", content: await dashboardPage({ policies, records, report, patterns, now, repoUrl, statusPage: sp.enabled }) });
  }
  // GitHub Pages runs Jekyll unless told not to; nothing here needs it.
  files.push({ path: ".nojekyll", content: "" });
  return { files, warnings };
}
