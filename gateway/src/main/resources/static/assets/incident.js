import { call, el, fact, formatDate, lang, problemName, say, startPortal, t } from "./portal.js";

const id = decodeURIComponent(location.pathname.split("/").pop());
const api = `/portal/api/incidents/${encodeURIComponent(id)}`;

/** The text in the page's language, or the other one when it is missing. */
function bilingual(text) {
  return (text && (text[lang()] || text.en || text.es)) || "";
}

async function load() {
  try {
    const [incident, updates] = await Promise.all([call(api), call(`${api}/updates`)]);
    document.getElementById("heading").textContent = t("incident.heading", incident.reference, incident.title);
    document.title = `${incident.reference} — ${t("app.name")}`;
    document.getElementById("facts").replaceChildren(
      ...fact("queue.col.status", t(`incidentStatus.${incident.status}`)),
      ...fact("problems.col.problem", problemName(incident)),
      ...fact("incidents.col.started", formatDate(incident.startedAt)),
      ...(incident.resolvedAt ? fact("incident.resolved", formatDate(incident.resolvedAt)) : []),
      ...(incident.rootCause ? fact("incident.rootCause", `${incident.rootCause.code}: ${incident.rootCause.summary ?? ""}`) : []));
    document.getElementById("statement").textContent = bilingual(incident.statement);
    const linked = incident.linkedCases ?? { total: 0, byStatus: {} };
    document.getElementById("linked").replaceChildren(
      el("li", { text: t("incident.linked.total", linked.total.toLocaleString(lang())) }),
      ...Object.entries(linked.byStatus).filter(([, count]) => count > 0).map(([status, count]) => el("li", { text: t("incident.linked.status", t(`caseStatus.${status}`), count.toLocaleString(lang())) })));
    const items = updates.items ?? [];
    document.getElementById("updates").replaceChildren(...(items.length ? items.map((u) => el("li", {},
      el("time", { datetime: u.at, text: `${formatDate(u.at)} · ${u.actor ?? ""}` }),
      el("span", { text: bilingual(u.text) }))) : [el("li", { text: t("incident.updates.none") })]));
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

await startPortal("incidents");
document.addEventListener("amends:language", load);
await load();
