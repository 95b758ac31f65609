import { call, el, fact, formatMoney, formatPercent, formatSeconds, lang, say, startPortal, t } from "./portal.js";
import { bars, legend } from "./charts.js";

const PERCENTILES = ["p50", "p90"];

function groupLabel(p) {
  return p.dimension === "channel" ? t(`channel.${p.value}`) : t(`severity.${p.value}`);
}

function durations(container, legendList, rows, label) {
  const names = PERCENTILES.map((p) => t(`figures.${p}`));
  bars(document.getElementById(container), rows.map((p) => ({
    label: `${t(`figures.dimension.${p.dimension}`)}: ${groupLabel(p)}`,
    bars: PERCENTILES.map((k, n) => ({ name: names[n], value: p[k], text: formatSeconds(p[k]) })),
  })), { label, names });
  legend(document.getElementById(legendList), names);
}

async function load() {
  try {
    const days = Number(document.getElementById("days").value);
    const from = new Date(Date.now() - days * 86400000).toISOString();
    const f = await call(`/portal/api/insights/figures?from=${encodeURIComponent(from)}`);
    document.getElementById("problem").hidden = true;
    document.getElementById("headline").replaceChildren(
      ...fact("figures.casesOpened", f.casesOpened.toLocaleString(lang())),
      ...fact("figures.slaBreaches", t("figures.slaBreaches.value", formatPercent(f.slaBreaches.rate), f.slaBreaches.breached, f.slaBreaches.cases)),
      ...fact("figures.deflection", t("figures.deflection.value", formatPercent(f.deflection.share), f.deflection.withoutRemedy, f.deflection.closedCases)),
      ...fact("figures.learningRate", t("figures.learningRate.value", formatPercent(f.learningRate.rate), f.learningRate.withoutRecurrence, f.learningRate.problemsWithFix)));
    durations("ack-chart", "ack-legend", f.timeToAcknowledge, t("figures.ack"));
    durations("resolve-chart", "resolve-legend", f.timeToResolve, t("figures.resolve"));
    const average = t("figures.csat.average");
    bars(document.getElementById("csat-chart"), [true, false].map((withRemedy) => {
      const c = f.csat.find((x) => x.withRemedy === withRemedy);
      return {
        label: t(withRemedy ? "figures.csat.with" : "figures.csat.without"),
        bars: [{ name: average, value: c ? c.average : null, text: c ? t("figures.csat.value", c.average.toLocaleString(lang(), { maximumFractionDigits: 2 }), c.ratings) : "—" }],
      };
    }), { label: t("figures.csat"), names: [average], scaleEnd: 5 });
    const cost = t("figures.cost");
    bars(document.getElementById("cost-chart"), f.remedyCostByType.map((c) => ({
      label: `${t(`remedyType.${c.by}`)} (${c.currency})`,
      bars: [{ name: cost, value: c.minorUnits, text: formatMoney(c.minorUnits, c.currency) }],
    })), { label: cost, names: [cost] });
    const rows = [
      ...f.timeToAcknowledge.map((p) => ["figures.ack", p]),
      ...f.timeToResolve.map((p) => ["figures.resolve", p]),
    ];
    document.getElementById("figures").replaceChildren(...rows.map(([measure, p]) => el("tr", {},
      el("td", { text: t(measure) }),
      el("td", { text: `${t(`figures.dimension.${p.dimension}`)}: ${groupLabel(p)}` }),
      el("td", { text: p.cases.toLocaleString(lang()) }),
      el("td", { text: formatSeconds(p.p50) }),
      el("td", { text: formatSeconds(p.p90) }),
      el("td", { text: formatSeconds(p.p99) }))));
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

await startPortal("figures");
document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());
document.getElementById("days").addEventListener("change", load);
document.addEventListener("amends:language", load);
await load();
