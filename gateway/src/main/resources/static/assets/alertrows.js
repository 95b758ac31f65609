import { call, el, formatDate, say, t } from "./portal.js";

/**
 * One alert as a table row: when, (kind), what, links to its problem and case, and who took it in hand, or a button to
 * take it in hand. After acknowledging, reload() redraws the list and the live region says so.
 */
export function alertRow(alert, { showKind = true, live, reload }) {
  const links = [];
  if (alert.problemId) links.push(el("a", { href: `/portal/problems/${alert.problemId}`, text: t("alerts.problem") }));
  if (alert.caseId) links.push(el("a", { href: `/portal/cases/${alert.caseId}`, text: t("alerts.case") }));
  let state;
  if (alert.acknowledgedAt) {
    state = el("span", { text: t("alerts.acknowledgedBy", alert.acknowledgedBy ?? "", formatDate(alert.acknowledgedAt)) });
  } else {
    state = el("button", { type: "button", class: "acknowledge", text: t("alerts.acknowledge") });
    state.setAttribute("aria-label", t("alerts.acknowledge.label", t(`alertKind.${alert.kind}`), alert.summary ?? ""));
    state.addEventListener("click", async () => {
      try {
        await call(`/portal/api/insights/alerts/${alert.alertId}/acknowledgement`, { method: "POST" });
        say(live, t("alerts.acknowledged", alert.summary ?? ""));
        await reload();
      } catch (error) {
        say(live, error.message, "error");
      }
    });
  }
  return el("tr", { "data-alert": alert.alertId },
    el("td", {}, el("time", { datetime: alert.raisedAt, text: formatDate(alert.raisedAt) })),
    showKind ? el("td", { text: t(`alertKind.${alert.kind}`) }) : null,
    el("td", { text: alert.summary ?? alert.signature ?? "" }),
    el("td", {}, ...links.flatMap((link, i) => (i ? [" · ", link] : [link]))),
    el("td", {}, state));
}
