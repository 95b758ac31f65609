import { call, el, formatDate, formatMoney, say, t, translate, useLanguage } from "./portal.js";

// The customer's page: no login; the token in the link opens one case through the public status API.
const token = decodeURIComponent(location.pathname.split("/").pop());
const api = `/api/public/status/${encodeURIComponent(token)}`;
const answer = document.getElementById("answer");
let view = null;

function render() {
  document.getElementById("reference").textContent = t("status.reference", view.reference);
  document.getElementById("status-text").textContent = t(`status.${view.status}`);
  document.getElementById("timeline").replaceChildren(...[...view.timeline].reverse().map((entry) =>
    el("li", {}, el("time", { datetime: entry.at, text: formatDate(entry.at) }), el("span", { text: entry.text }))));
  const offers = view.remedies.map((r) => {
    const what = [t(`remedyType.${r.type}`), formatMoney(r.amountMinorUnits, r.currency)].filter(Boolean).join(" · ");
    const box = el("div", { class: "offer" }, el("p", {}, el("strong", { text: what })));
    if (r.state === "OFFERED") {
      const accept = el("button", { type: "button", id: `accept-${r.remedyId}`, text: t("status.remedy.accept") });
      const decline = el("button", { type: "button", class: "secondary", text: t("status.remedy.decline") });
      accept.setAttribute("aria-label", `${t("status.remedy.accept")}: ${what}`);
      decline.setAttribute("aria-label", `${t("status.remedy.decline")}: ${what}`);
      accept.addEventListener("click", () => respond(r, "acceptance", "status.remedy.accepted"));
      decline.addEventListener("click", () => respond(r, "declination", "status.remedy.declined"));
      box.append(el("div", { class: "row" }, accept, decline));
    } else {
      box.append(el("p", { text: t(`remedyState.${r.state}`) }));
    }
    return box;
  });
  document.getElementById("offers").replaceChildren(...offers);
  document.getElementById("offers-section").hidden = offers.length === 0;
  document.getElementById("rating-section").hidden = view.feedbackGiven || !["RESOLVED", "CLOSED"].includes(view.status);
  document.getElementById("case").hidden = false;
}

async function load() {
  try {
    view = await call(api);
    render();
  } catch (error) {
    say(document.getElementById("problem"), error.status === 404 ? t("status.notFound") : error.message, "error");
  }
}

async function respond(remedy, step, thanks) {
  try {
    await call(`${api}/remedies/${remedy.remedyId}/${step}`, { method: "POST" });
    say(answer, t(thanks));
    await load();
  } catch (error) {
    say(answer, error.message, "error");
  }
}

document.getElementById("rating").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    await call(`${api}/feedback`, { method: "POST", body: {
      rating: Number(form.rating.value), comment: document.getElementById("comment").value || null } });
    say(answer, t("status.rating.thanks"));
    await load();
  } catch (error) {
    say(answer, error.message, "error");
  }
});

// The language: ?lang= if given, else the case's own; the switch changes it without losing the page.
const wanted = new URLSearchParams(location.search).get("lang");
await useLanguage(wanted || "en");
const switcher = document.getElementById("language");
await load();
if (!wanted && view && view.locale !== "en") {
  await useLanguage(view.locale);
  render();
}
switcher.value = document.documentElement.lang;
switcher.addEventListener("change", async () => {
  await useLanguage(switcher.value);
  translate(document);
  if (view) render();
});
