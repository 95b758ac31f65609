import { call, el, formatDate, problemName, say, startPortal, t } from "./portal.js";
import { fillOptions } from "./options.js";

let next = null;

function row(i) {
  return el("tr", {},
    el("td", {}, el("a", { href: `/portal/incidents/${i.id}`, text: i.reference })),
    el("td", { text: i.title }),
    el("td", { text: problemName(i) }),
    el("td", { text: t(`incidentStatus.${i.status}`) }),
    el("td", {}, el("time", { datetime: i.startedAt, text: formatDate(i.startedAt) })));
}

async function load(more = false) {
  try {
    const params = new URLSearchParams({ limit: "50" });
    if (more && next) params.set("cursor", next);
    const page = await call(`/portal/api/incidents?${params}`);
    const body = document.getElementById("incidents");
    if (more) body.append(...page.items.map(row));
    else body.replaceChildren(...page.items.map(row));
    next = page.next;
    document.getElementById("more").hidden = !next;
    document.getElementById("empty").hidden = body.children.length > 0;
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

const me = await startPortal("incidents");
// Supervisors (and admins) declare incidents; the service still decides.
document.getElementById("declare-section").hidden = !me.roles.some((role) => role === "supervisor" || role === "admin");
fillOptions();
document.getElementById("more").addEventListener("click", () => load(true));
document.addEventListener("amends:language", () => {
  fillOptions();
  load();
});
document.getElementById("declare").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const incident = await call("/portal/api/incidents", { method: "POST", body: {
      title: document.getElementById("declare-title").value,
      product: document.getElementById("declare-product").value.trim(),
      errorKind: document.getElementById("declare-error-kind").value,
      statement: { en: document.getElementById("declare-en").value, es: document.getElementById("declare-es").value } } });
    location.assign(`/portal/incidents/${incident.id}`);
  } catch (error) {
    say(document.getElementById("declared"), error.message, "error");
  }
});
await load();
