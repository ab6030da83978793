// index.html: the public status page. Rendered in full at build time (readable without
// JavaScript), with the live part re-rendered from status.json every 60 s by the client script.
import { clientScript } from "./client.js";
import { esc, page } from "./html.js";
import type { StatusDocument } from "./model.js";
import { renderLive } from "./view.js";

export function statusPage(doc: StatusDocument, opts: { dashboard: boolean }): string {
  return page({
    title: `${doc.page.name}: ${doc.status.description}`,
    heading: doc.page.name,
    head: `<link rel="alternate" type="application/atom+xml" title="${esc(doc.page.name)}: incidents and maintenance" href="feed.atom">`,
    nav: [["feed.atom", "Atom feed"], ["status.json", "status.json"], ...(opts.dashboard ? ([["dashboard.html", "Dashboard"]] as [string, string][]) : [])],
    body: `<p id="stale" class="stale" role="status" hidden></p>\n<div id="live" data-generated="${esc(doc.generated_at)}">\n${renderLive(doc, doc.generated_at)}\n</div>`,
    footer: `Status as of <time id="generated" datetime="${esc(doc.generated_at)}">${esc(doc.generated_at.slice(0, 16).replace("T", " "))} UTC</time>; this page refreshes itself every minute. Times are UTC. Subscribe: <a href="feed.atom">Atom feed</a>. Badges: <code>badges/&lt;component&gt;.json</code> (shields.io endpoint).`,
    script: clientScript(),
  });
}
