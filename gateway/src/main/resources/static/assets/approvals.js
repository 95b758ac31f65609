import { call, el, formatDate, formatMoney, remedyRuleText, say, startPortal, t } from "./portal.js";

// remedy-service has no "awaiting approval" list yet: the inbox looks at the remedies of the open cases.
const OPEN = new Set(["RECEIVED", "ACKNOWLEDGED", "INVESTIGATING", "REOPENED"]);
const done = document.getElementById("done");

async function load() {
  try {
    const page = await call("/portal/api/cases?limit=100");
    const open = page.items.filter((c) => OPEN.has(c.status));
    const pending = [];
    for (const c of open) {
      const remedies = await call(`/portal/api/cases/${c.id}/remedies`);
      for (const r of (Array.isArray(remedies) ? remedies : remedies.items ?? [])) {
        if (r.state === "PROPOSED" && r.requiredApproval && r.requiredApproval !== "NONE" && r.requiredApproval !== "AGENT") {
          pending.push({ c, r });
        }
      }
    }
    document.getElementById("pending").replaceChildren(...pending.map(({ c, r }) => row(c, r)));
    document.getElementById("empty").hidden = pending.length > 0;
    await loadRules();
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

/** Incidents' bulk remedy rules no admin has approved: each is judged, with its cost, on its incident's page. */
async function loadRules() {
  const rules = (await call("/portal/api/remedies/incident-rules")).items ?? [];
  const rows = await Promise.all(rules.map(async (rule) => {
    const incident = await call(`/portal/api/incidents/${encodeURIComponent(rule.incidentId)}`).catch(() => null);
    const name = incident ? `${incident.reference}: ${incident.title}` : rule.incidentId;
    return el("tr", {},
      el("td", {}, el("a", { href: `/portal/incidents/${encodeURIComponent(rule.incidentId)}`, text: name })),
      el("td", { text: remedyRuleText(rule) }),
      el("td", { text: `${rule.setBy} · ${formatDate(rule.setAt)}` }));
  }));
  document.getElementById("rules").replaceChildren(...rows);
  document.getElementById("rules-section").hidden = rows.length === 0;
}

function row(c, r) {
  const label = `${c.reference} ${t(`remedyType.${r.type}`)}`;
  const approve = el("button", { type: "button", "data-remedy": r.id, class: "approve", text: t("approvals.approve") });
  approve.setAttribute("aria-label", `${t("approvals.approve")}: ${label}`);
  const reason = el("input", { id: `reason-${r.id}`, autocomplete: "off" });
  const reject = el("button", { type: "button", class: "secondary", text: t("approvals.reject") });
  reject.setAttribute("aria-label", `${t("approvals.reject")}: ${label}`);
  approve.addEventListener("click", () => decide(() => call(`/portal/api/remedies/${r.id}/approval`, { method: "POST" }), t("approvals.approved", label)));
  reject.addEventListener("click", () => decide(() => call(`/portal/api/remedies/${r.id}/rejection`, { method: "POST", body: { reason: reason.value } }), t("approvals.rejected", label)));
  return el("tr", {},
    el("td", {}, el("a", { href: `/portal/cases/${c.id}`, text: c.reference }), el("br"), el("span", { class: "muted", text: c.summary })),
    el("td", { text: t(`remedyType.${r.type}`) }),
    el("td", { text: formatMoney(r.amountMinorUnits, r.currency) }),
    el("td", { text: r.proposedBy ?? "" }),
    el("td", {}, approve, " ", el("label", { for: `reason-${r.id}`, text: t("approvals.reason") }), reason, reject));
}

async function decide(work, message) {
  try {
    await work();
    say(done, message);
    await load();
  } catch (error) {
    say(done, error.message, "error");
  }
}

await startPortal("approvals");
document.addEventListener("amends:language", load);
await load();
