// Browser-test helpers: the built site served from a loopback HTTP server, Debian's Chromium driven
// by playwright-core (never a downloaded browser), axe-core's accessibility rules run in the page,
// and screenshots kept as test artifacts (test-artifacts/, git-ignored).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = resolve("test-artifacts/site");

/** The flags a sandboxed, offline machine needs (no network beyond loopback, no first-run work). */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function launch(): Promise<Browser> {
  // Playwright gives every launch a fresh, temporary --user-data-dir.
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".json": "application/json", ".atom": "application/atom+xml" };

/** Serves `root` on 127.0.0.1 as GitHub Pages would (index.html for "/"), reading files per request. */
export async function serve(root: string): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const full = resolve(base, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    if (!full.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(full).then(
      (body) => res.writeHead(200, { "content-type": TYPES[extname(full)] ?? "application/octet-stream", "cache-control": "no-cache" }).end(body),
      () => res.writeHead(404).end("not found"),
    );
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, server, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Console errors and uncaught exceptions of a page, collected from its creation. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// Code that runs in the page is passed as source text: this project type-checks without the DOM
// library, and these few lines are the only browser code the tests need.

/** axe-core's WCAG 2.1 A/AA rules and best practices on the page: one line per violation and node. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate<{ id: string; help: string; targets: string[] }[]>(`(async () => {
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  })()`);
  return violations.flatMap((v) => v.targets.map((t) => `${v.id} (${v.help}): ${t}`));
}

/** Whether the page is wider than the viewport (content cut off or a horizontal scrollbar). */
export function overflows(page: Page): Promise<boolean> {
  return page.evaluate<boolean>("document.documentElement.scrollWidth > window.innerWidth");
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Component id → the state the page shows (data-status and the visible label agree). */
export function componentStates(page: Page): Promise<Record<string, string>> {
  return page.evaluate<Record<string, string>>(
    `Object.fromEntries(Array.from(document.querySelectorAll("[data-component]"), (el) => [el.dataset.component, el.dataset.status + ": " + (el.querySelector(".component-status")?.textContent ?? "").trim()]))`,
  );
}

/** Evaluates `expression` (source text) in the page. */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}
