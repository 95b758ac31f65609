// Small SVG charts drawn here (no library, nothing from elsewhere: the portal's CSP allows 'self' only). Every chart is
// an <svg role="img"> named by its caption, with each mark's value in a <title>; the page beside it always shows the
// same numbers in a table, which is what a screen reader should read.
const SVG = "http://www.w3.org/2000/svg";
const INK = "#1b1f24";
const MUTED = "#4a5360";
const LINE = "#c9ced6";
/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), distinct in greyscale too. */
export const PALETTE = ["#0b57a4", "#a4160b", "#1b6b2f", "#6b3fa0", "#8a5a00", "#00707a"];

function node(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value != null) element.setAttribute(name, String(value));
  }
  element.append(...children.filter((c) => c != null));
  return element;
}

function tip(text) {
  return node("title", {}, text);
}

function frame(container, width, height, label) {
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "chart", preserveAspectRatio: "xMinYMin meet" });
  container.replaceChildren(svg);
  return svg;
}

/** The top of an axis with four gridlines: a round step (1, 2 or 5 × 10ⁿ) times four, so counts get whole ticks. */
function niceMax(value) {
  if (value <= 0) return 4;
  const rough = value / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  return Math.max(step, value < 4 ? 1 : step) * 4;
}

function shorten(text, length) {
  return text.length > length ? `${text.substring(0, length - 1)}…` : text;
}

/**
 * A Pareto chart: one bar per item (its count, left axis) in the order given, and the cumulative share (0–1, right
 * axis, 0–100 %) as a line with a point per item. items: [{ id, label, value, cumulative, tooltip }].
 */
export function pareto(container, items, { label, percent }) {
  const width = 760, height = 340, left = 48, right = 52, top = 16, bottom = 96;
  const svg = frame(container, width, height, label);
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
  const y = (v) => top + plotHeight - (v / max) * plotHeight;
  const yShare = (s) => top + plotHeight - s * plotHeight;
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    svg.append(
      node("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: LINE, "stroke-width": 1 }),
      node("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 12, fill: MUTED }, Number.isInteger(v) ? String(v) : v.toFixed(1)),
      node("text", { x: width - right + 6, y: yShare(k / 4) + 4, "font-size": 12, fill: MUTED }, percent(k / 4)));
  }
  const slot = plotWidth / Math.max(items.length, 1);
  const bar = Math.min(56, slot * 0.7);
  const points = [];
  items.forEach((item, index) => {
    const x = left + index * slot + (slot - bar) / 2;
    const group = node("g", { class: "bar", "data-problem": item.id },
      tip(item.tooltip),
      node("rect", { x, y: y(item.value), width: bar, height: Math.max(1, top + plotHeight - y(item.value)), fill: PALETTE[0] }),
      node("text", { x: x + bar / 2, y: top + plotHeight + 14, "text-anchor": "end", "font-size": 12, fill: INK,
        transform: `rotate(-35 ${x + bar / 2} ${top + plotHeight + 14})` }, shorten(item.label, 22)));
    svg.append(group);
    points.push([x + bar / 2, yShare(item.cumulative)]);
  });
  if (points.length) {
    svg.append(node("polyline", { points: points.map((p) => p.join(",")).join(" "), fill: "none", stroke: PALETTE[1], "stroke-width": 2.5 }));
    points.forEach(([px, py], index) => svg.append(node("circle", { cx: px, cy: py, r: 4, fill: PALETTE[1] },
      tip(`${items[index].label}: ${percent(items[index].cumulative)}`))));
  }
  svg.append(node("line", { x1: left, x2: left, y1: top, y2: top + plotHeight, stroke: INK }),
    node("line", { x1: left, x2: width - right, y1: top + plotHeight, y2: top + plotHeight, stroke: INK }),
    node("line", { x1: width - right, x2: width - right, y1: top, y2: top + plotHeight, stroke: INK }));
  return svg;
}

/**
 * A line chart over days: series [{ name, points: [{ day: "2026-11-25", value }] }]; days missing from a series count
 * as zero, so a quiet day shows as a dip, not as a straight line across it.
 */
export function trend(container, series, { label, formatDay }) {
  const width = 760, height = 260, left = 48, right = 16, top = 16, bottom = 40;
  const svg = frame(container, width, height, label);
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.day)))].sort();
  if (days.length === 1) days.unshift(previousDay(days[0]));
  const all = fillDays(days);
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.value))));
  const x = (index) => left + (all.length <= 1 ? plotWidth / 2 : (index / (all.length - 1)) * plotWidth);
  const y = (v) => top + plotHeight - (v / max) * plotHeight;
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    svg.append(node("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: LINE }),
      node("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 12, fill: MUTED }, Number.isInteger(v) ? String(v) : v.toFixed(1)));
  }
  const ticks = Math.min(all.length, 6);
  for (let k = 0; k < ticks; k++) {
    const index = ticks === 1 ? 0 : Math.round((k * (all.length - 1)) / (ticks - 1));
    svg.append(node("text", { x: x(index), y: height - bottom + 18, "text-anchor": "middle", "font-size": 12, fill: INK }, formatDay(all[index])));
  }
  series.forEach((s, n) => {
    const byDay = new Map(s.points.map((p) => [p.day, p.value]));
    const colour = PALETTE[n % PALETTE.length];
    const coordinates = all.map((day, index) => [x(index), y(byDay.get(day) ?? 0)]);
    svg.append(node("g", { class: "series", "data-series": s.name },
      tip(s.name),
      node("polyline", { points: coordinates.map((c) => c.join(",")).join(" "), fill: "none", stroke: colour, "stroke-width": 2.5,
        "stroke-dasharray": n % 2 ? "6 3" : null }),
      ...all.filter((day) => byDay.has(day)).map((day) => node("circle", { cx: x(all.indexOf(day)), cy: y(byDay.get(day)), r: 3.5, fill: colour },
        tip(`${s.name} · ${formatDay(day)}: ${byDay.get(day)}`)))));
  });
  svg.append(node("line", { x1: left, x2: left, y1: top, y2: top + plotHeight, stroke: INK }),
    node("line", { x1: left, x2: width - right, y1: top + plotHeight, y2: top + plotHeight, stroke: INK }));
  return svg;
}

function previousDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().substring(0, 10);
}

function fillDays(days) {
  if (!days.length) return [];
  const out = [];
  const end = new Date(`${days[days.length - 1]}T00:00:00Z`);
  for (let d = new Date(`${days[0]}T00:00:00Z`); d <= end && out.length < 400; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().substring(0, 10));
  }
  return out;
}

/**
 * Grouped horizontal bars: groups [{ label, bars: [{ name, value, text }] }], one colour per bar name (the legend is
 * the caller's); scaleEnd fixes the scale's end (a rating's 5). Each bar's formatted value is written at its end, so nothing depends on colour alone.
 */
export function bars(container, groups, { label, names, scaleEnd }) {
  const rowHeight = 22, gap = 12, left = 150, right = 110, width = 760;
  const height = Math.max(40, groups.length * (names.length * rowHeight + gap) + gap);
  const svg = frame(container, width, height, label);
  const max = scaleEnd ?? niceMax(Math.max(0, ...groups.flatMap((g) => g.bars.map((b) => b.value ?? 0))));
  const plotWidth = width - left - right;
  let top = gap;
  for (const group of groups) {
    svg.append(node("text", { x: left - 8, y: top + (names.length * rowHeight) / 2 + 4, "text-anchor": "end", "font-size": 13, fill: INK }, shorten(group.label, 20)));
    names.forEach((name, n) => {
      const value = group.bars.find((b) => b.name === name);
      const w = value && value.value != null ? Math.max(1, (value.value / max) * plotWidth) : 0;
      const y = top + n * rowHeight;
      svg.append(node("g", { class: "bar", "data-name": name },
        tip(`${group.label} · ${name}: ${value?.text ?? "—"}`),
        node("rect", { x: left, y: y + 2, width: w, height: rowHeight - 5, fill: PALETTE[n % PALETTE.length] }),
        node("text", { x: left + w + 6, y: y + rowHeight - 7, "font-size": 12, fill: INK }, value?.text ?? "—")));
    });
    top += names.length * rowHeight + gap;
  }
  svg.append(node("line", { x1: left, x2: left, y1: 0, y2: height, stroke: INK }));
  return svg;
}

/** A legend as an HTML list (text, so it translates and reads), each entry with its colour swatch. */
export function legend(container, names) {
  container.replaceChildren(...names.map((name, n) => {
    const item = document.createElement("li");
    const swatch = node("svg", { width: 14, height: 14, "aria-hidden": "true", focusable: "false" },
      node("rect", { width: 14, height: 14, fill: PALETTE[n % PALETTE.length] }));
    item.append(swatch, ` ${name}`);
    return item;
  }));
}
