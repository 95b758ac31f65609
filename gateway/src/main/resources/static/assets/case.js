import { act, call, el, fact, formatDate, formatMoney, say, startPortal, t, toMinorUnits } from "./portal.js";
import { fillOptions } from "./options.js";

const id = decodeURIComponent(location.pathname.split("/").pop());
const api = `/portal/api/cases/${encodeURIComponent(id)}`;
const saved = document.getElementById("saved");
let current = null;

async function load() {
  try {
    current = await call(api);
    document.getElementById("heading").textContent = `${t("case.title")} ${current.reference}: ${current.summary}`;
    document.title = `${current.reference} — ${t("app.name")}`;
    document.getElementById("facts").replaceChildren(
      ...fact("case.status", t(`caseStatus.${current.status}`)),
      ...fact("case.severity", t(`severity.${current.severity}`)),
      ...fact("case.customer", [current.customer?.name, current.customer?.email, current.customer?.phone].filter(Boolean).join(" · ")),
      ...fact("case.channel", t(`channel.${current.channel}`)),
      ...fact("case.errorKind", t(`errorKind.${current.errorKind}`)),
      ...fact("case.product", current.product),
      ...fact("case.acknowledgeDue", formatDate(current.acknowledgeDueAt)),
      ...fact("case.resolveDue", formatDate(current.resolveDueAt)));
    document.getElementById("ack-section").hidden = current.status !== "RECEIVED";
    const timeline = await call(`${api}/timeline`);
    document.getElementById("timeline").replaceChildren(...timeline.entries.map((entry) => el("li", {},
      el("time", { datetime: entry.at, text: `${formatDate(entry.at)} · ${entry.actor ?? ""} · ${t(`case.note.${entry.visibility}`)}` }),
      el("span", { text: entry.text }))));
    const remedies = await call(`${api}/remedies`);
    const list = Array.isArray(remedies) ? remedies : (remedies.items ?? []);
    document.getElementById("remedies").replaceChildren(...(list.length ? list.map((r) => el("li", {
      text: t("case.remedy.row", t(`remedyType.${r.type}`), formatMoney(r.amountMinorUnits, r.currency), t(`remedyState.${r.state}`)),
    })) : [el("li", { text: t("case.remedies.empty") })]));
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

/** Changes go through the portal's act: saved or why not in the status line, then the page reloads. */
const saveAndReload = (work) => act(work, saved, load);

await startPortal("queue");
fillOptions();
document.addEventListener("amends:language", () => { fillOptions(); load(); });

document.getElementById("preview").addEventListener("click", async () => {
  try {
    const preview = await call(`${api}/acknowledgement/preview`);
    document.getElementById("ack-label").textContent = t("case.acknowledge.message", t(`lang.${preview.locale}`));
    document.getElementById("ack-message").value = preview.message;
    document.getElementById("acknowledge").hidden = false;
    document.getElementById("ack-message").focus();
  } catch (error) {
    say(saved, error.message, "error");
  }
});

document.getElementById("acknowledge").addEventListener("submit", (event) => {
  event.preventDefault();
  saveAndReload(async () => {
    const done = await call(`${api}/acknowledgement`, { method: "POST", body: { message: document.getElementById("ack-message").value } });
    // The link the customer gets: the status page, with the token the service issued once.
    const token = done.statusLink.substring(done.statusLink.lastIndexOf("/") + 1);
    document.getElementById("link").value = `${location.origin}/status/${token}`;
    document.getElementById("status-link").hidden = false;
    document.getElementById("acknowledge").hidden = true;
  });
});

document.getElementById("note").addEventListener("submit", (event) => {
  event.preventDefault();
  saveAndReload(async () => {
    await call(`${api}/notes`, { method: "POST", body: {
      text: document.getElementById("note-text").value, visibility: document.getElementById("note-visibility").value } });
    document.getElementById("note-text").value = "";
  });
});

document.getElementById("propose").addEventListener("submit", (event) => {
  event.preventDefault();
  saveAndReload(async () => {
    const currency = document.getElementById("remedy-currency").value.trim().toUpperCase();
    const amount = document.getElementById("remedy-amount").value;
    await call(`${api}/remedies`, { method: "POST", body: {
      type: document.getElementById("remedy-type").value,
      amountMinorUnits: amount === "" ? null : toMinorUnits(amount, currency),
      currency: amount === "" ? null : currency } });
  });
});

document.getElementById("resolve").addEventListener("submit", (event) => {
  event.preventDefault();
  saveAndReload(() => call(`${api}/resolution`, { method: "POST", body: {
    rootCauseCode: document.getElementById("root-cause").value, summary: document.getElementById("resolve-summary").value } }));
});

await load();
