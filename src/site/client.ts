// The status page's script: every 60 s it re-reads status.json and re-renders the live part of
// the page with the same function that rendered it at build time (view.ts), so the page stays
// current in an open tab without a reload. Without JavaScript, or opened from disk, the page is
// the build-time rendering and says when that was.
import { renderLive } from "./view.js";

export const REFRESH_MS = 60_000;

/** The inline script of index.html. `renderLive` is embedded by its source: it is self-contained. */
export function clientScript(): string {
  return `(() => {
  "use strict";
  const render = (${renderLive.toString().replace(/<\/script/gi, "<\\/script")});
  const live = document.getElementById("live");
  const stamp = document.getElementById("generated");
  const stale = document.getElementById("stale");
  async function refresh() {
    try {
      const res = await fetch("status.json", { cache: "no-store" });
      if (!res.ok) throw new Error("status.json answered HTTP " + res.status);
      const doc = await res.json();
      // Keep open <details> open across the re-render.
      const open = Array.from(live.querySelectorAll("details[open]"), (d) => d.id);
      live.innerHTML = render(doc, new Date().toISOString());
      for (const id of open) document.getElementById(id)?.setAttribute("open", "");
      stamp.setAttribute("datetime", doc.generated_at);
      stamp.textContent = doc.generated_at.slice(0, 16).replace("T", " ") + " UTC";
      stale.hidden = true;
    } catch (e) {
      stale.hidden = false;
      stale.textContent = "Could not refresh the status (" + (e && e.message ? e.message : e) + "); showing it as of the time below.";
    }
  }
  // A page opened from disk cannot fetch; it stays the build-time rendering.
  if (location.protocol !== "file:") setInterval(refresh, ${REFRESH_MS});
})();`;
}
