// The page frame both pages share: HTML escaping, the document skeleton and one stylesheet.
// No external assets (fonts, scripts, CDNs): the site works offline and on a private Pages site.
// Colours are GitHub Primer's and meet WCAG AA contrast for text; states are never shown by colour
// alone (labels and icons go with them).

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/**
 * A table in a horizontally scrollable region (narrow screens): the region is focusable and named,
 * so keyboard users can scroll it. `rows` are `<tr>` elements, already HTML.
 */
export function tableHtml(label: string, columns: string[], rows: string[]): string {
  const head = columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
  return `<div class="table-wrap" role="region" aria-label="${esc(label)}" tabindex="0"><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

export interface PageOptions {
  title: string;
  heading: string;
  /** Extra <head> content (links to feeds), already HTML. */
  head?: string;
  /** Navigation links, [href, text]. */
  nav: [string, string][];
  /** The page body, already HTML. */
  body: string;
  footer: string;
  script?: string;
}

export function page(o: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<link rel="icon" href="data:,">
${o.head ?? ""}
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="top"><div class="wrap"><h1>${esc(o.heading)}</h1>${o.nav.length ? `<nav aria-label="Site"><ul>${o.nav.map(([href, text]) => `<li><a href="${esc(href)}">${esc(text)}</a></li>`).join("")}</ul></nav>` : ""}</div></header>
<main class="wrap" id="content">
${o.body}
</main>
<footer class="wrap foot">${o.footer}</footer>
${o.script ? `<script>${o.script}</script>` : ""}
</body>
</html>
`;
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--ok:#1a7f37;--degraded:#9a6700;--partial:#bc4c00;--major:#cf222e;--maint:#0969da;--link:#0969da}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
.wrap{max-width:960px;margin:0 auto;padding:0 16px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:1}
.top{border-bottom:1px solid var(--line);background:var(--panel)}
.top .wrap{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:8px;padding-top:12px;padding-bottom:12px}
.top h1{font-size:1.4rem;margin:0}
.top nav ul{list-style:none;margin:0;padding:0;display:flex;gap:16px;flex-wrap:wrap}
h2{font-size:1.2rem;margin:28px 0 12px}
h3{font-size:1rem;margin:0 0 4px}
h3.sub{margin-top:20px}
.overall{margin-top:20px;border-radius:6px;padding:14px 16px;color:#fff;background:var(--ok)}
.overall h2{margin:0;font-size:1.15rem}
.indicator-maintenance{background:var(--maint)}.indicator-minor{background:var(--degraded)}.indicator-major{background:var(--partial)}.indicator-critical{background:var(--major)}
.components{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:6px}
.component{padding:12px 16px;border-top:1px solid var(--line)}
.component:first-child{border-top:0}
.component-head{display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap;font-weight:600}
.component-status{font-weight:600}
.bars{display:block;width:100%;height:32px;margin-top:8px}
.bars-legend{display:flex;justify-content:space-between;font-size:.8rem;color:var(--muted)}
.day.state-operational{fill:var(--ok)}.day.state-degraded_performance{fill:var(--degraded)}.day.state-partial_outage{fill:var(--partial)}.day.state-major_outage{fill:var(--major)}.day.state-under_maintenance{fill:var(--maint)}
.state-operational{color:var(--ok)}.state-degraded_performance{color:var(--degraded)}.state-partial_outage{color:var(--partial)}.state-major_outage{color:var(--major)}.state-under_maintenance{color:var(--maint)}
.pill{display:inline-block;border:1px solid currentColor;border-radius:999px;padding:0 8px;font-size:.8rem;font-weight:600}
.incident,.maintenance{border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;padding:12px 16px;margin-bottom:12px}
.incident.open.state-major_outage{border-left-color:var(--major)}.incident.open.state-partial_outage{border-left-color:var(--partial)}.incident.open.state-degraded_performance{border-left-color:var(--degraded)}
.incident.open{color:var(--fg)}
.maintenance{border-left-color:var(--maint)}
.meta{margin:0 0 8px;color:var(--muted);font-size:.9rem}
.updates{list-style:none;margin:0;padding:0}
.updates li{border-top:1px solid var(--line);padding:8px 0}
.update-head{margin:0;font-size:.9rem}
.update-body p{margin:4px 0}
.note,.foot{color:var(--muted);font-size:.85rem}
.foot{padding-top:24px;padding-bottom:32px}
.stale{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin-top:16px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--panel)}
.table-wrap{overflow-x:auto}
figure{margin:0 0 24px;border:1px solid var(--line);border-radius:6px;padding:12px}
figure svg{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:var(--muted);margin-top:4px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:16px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:0;padding:0;list-style:none}
.kpis li{border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.kpis .v{display:block;font-size:1.3rem;font-weight:600}
.met{color:var(--ok)}.missed{color:var(--major)}
.sev-P0{color:var(--major)}.sev-P1{color:var(--partial)}.sev-P2{color:var(--degraded)}.sev-P3{color:var(--muted)}
details summary{cursor:pointer;color:var(--link)}
`;
