// The dashboard's charts: Vega-Lite specifications compiled to Vega and drawn to SVG strings at
// build time, in Node, with no DOM and no canvas (`View#toSVG`, renderer "none"). Each chart comes
// back as a <figure>: the SVG (role="img", named by its caption), a caption that says what is
// drawn, in which units and against which target, and the numbers themselves as a table, so the
// chart reads without sight and without JavaScript.
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { esc, tableHtml } from "./html.js";

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

export interface Chart {
  id: string; // unique on the page
  title: string;
  caption: string; // what is drawn, units, targets
  spec: TopLevelSpec;
  table: ChartTable;
}

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif";

/** House style: Primer colours and type, no border, readable axis titles. */
export const CONFIG = {
  // The figure names the chart as one image; per-mark ARIA labels would only be noise inside it.
  aria: false,
  font: FONT,
  background: "#ffffff",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, labelColor: "#1f2328", titleColor: "#1f2328", gridColor: "#d1d9e0", domainColor: "#59636e", tickColor: "#59636e" },
  legend: { labelFontSize: 11, titleFontSize: 12, labelColor: "#1f2328", titleColor: "#1f2328", orient: "bottom" },
  title: { fontSize: 14, color: "#1f2328", anchor: "start" },
} as const;

/** Severity colours (P0 red … P3 grey), fixed so a severity keeps its colour across charts. */
export const SEVERITY_SCALE = { domain: ["P0", "P1", "P2", "P3"], range: ["#cf222e", "#bc4c00", "#9a6700", "#59636e"] };

/** Draws a Vega-Lite spec as an SVG string. Throws on an invalid spec (a bug here, not bad input). */
export async function drawSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile({ config: CONFIG, ...spec }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function table(title: string, t: ChartTable): string {
  const rows = t.rows.map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${esc(v)}</th>` : `<td>${esc(v)}</td>`)).join("")}</tr>`);
  return tableHtml(`Data: ${title}`, t.columns, rows);
}

/**
 * The chart as a figure. The root <svg> becomes one image named by the caption (its marks are
 * decoration for assistive technology, which reads the caption and the table instead).
 */
export async function figure(chart: Chart): Promise<string> {
  const svg = await drawSvg(chart.spec);
  const captionId = `${chart.id}-caption`;
  const named = svg.replace(/^<svg\b/, `<svg role="img" aria-labelledby="${captionId}" focusable="false"`).replace(/\srole="graphics-[a-z-]+"|\saria-roledescription="[^"]*"/g, "");
  return (
    `<figure id="${esc(chart.id)}">${named}` +
    `<figcaption id="${captionId}"><strong>${esc(chart.title)}.</strong> ${esc(chart.caption)}</figcaption>` +
    `<details><summary>Data table: ${esc(chart.title)}</summary>${table(chart.title, chart.table)}</details></figure>`
  );
}
