import { call, el, formatDay, formatMoney, formatPercent, lang, problemName, say, startPortal, t } from "./portal.js";
import { legend, pareto, trend } from "./charts.js";

// The Pareto chart shows the biggest problems; the table below lists every problem of the page.
const CHART_BARS = 12;
const TREND_LINES = 5;
const form = document.getElementById("filters");

function query() {
  const params = new URLSearchParams({ limit: "50" });
  const product = document.getElementById("product").value.trim();
  const errorKind = document.getElementById("errorKind").value;
  const days = Number(document.getElementById("days").value);
  if (product) params.set("product", product);
  if (errorKind) params.set("errorKind", errorKind);
  params.set("from", new Date(Date.now() - days * 86400000).toISOString());
  return params;
}

async function load() {
  try {
    const page = await call(`/portal/api/insights/problems?${query()}`);
    document.getElementById("problem").hidden = true;
    document.getElementById("totals").textContent = t("problems.totals", page.totalProblems, page.totalCases);
    const top = page.items.slice(0, CHART_BARS);
    pareto(document.getElementById("pareto"), top.map((p) => ({
      id: p.problemId,
      label: problemName(p),
      value: p.cases,
      cumulative: p.cumulativeShare,
      tooltip: t("problems.bar", problemName(p), p.cases, formatPercent(p.share), formatPercent(p.cumulativeShare)),
    })), { label: t("problems.pareto.label", top.length), percent: formatPercent });
    document.getElementById("problems").replaceChildren(...page.items.map(row));
    document.getElementById("empty").hidden = page.items.length > 0;
    await drawTrend(page.items.slice(0, TREND_LINES));
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

function row(p) {
  return el("tr", { "data-problem": p.problemId },
    el("td", {}, el("a", { href: `/portal/problems/${p.problemId}`, text: problemName(p) })),
    el("td", { text: p.cases.toLocaleString(lang()) }),
    el("td", { text: formatPercent(p.share) }),
    el("td", { text: formatPercent(p.cumulativeShare) }),
    el("td", { text: p.openCases.toLocaleString(lang()) }),
    el("td", { text: p.affectedCustomers.toLocaleString(lang()) }),
    el("td", { text: (p.remedyCost ?? []).map((m) => formatMoney(m.minorUnits, m.currency)).join(", ") }));
}

/** The trend of the top problems: each one's daily counts, from its own page. */
async function drawTrend(top) {
  const views = await Promise.all(top.map((p) => call(`/portal/api/insights/problems/${p.problemId}`)));
  const series = views.map((view) => ({
    name: problemName(view.problem),
    points: (view.trend ?? []).map((d) => ({ day: d.day, value: d.cases })),
  }));
  trend(document.getElementById("trend"), series, { label: t("problems.trend.label", series.length), formatDay });
  legend(document.getElementById("trend-legend"), series.map((s) => s.name));
}

await startPortal("problems");
const params = new URLSearchParams(location.search);
if (params.has("product")) document.getElementById("product").value = params.get("product");
if (params.has("errorKind")) document.getElementById("errorKind").value = params.get("errorKind");
form.addEventListener("submit", (event) => {
  event.preventDefault();
  load();
});
document.getElementById("days").addEventListener("change", load);
document.addEventListener("amends:language", load);
await load();
