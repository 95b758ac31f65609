import { act, call, el, fact, formatDate, formatMoney, lang, problemName, remedyRuleText, say, startPortal, t, toMinorUnits } from "./portal.js";
import { fillOptions } from "./options.js";

const id = decodeURIComponent(location.pathname.split("/").pop());
const api = `/portal/api/incidents/${encodeURIComponent(id)}`;
/** How often a running import is looked at again. */
const FOLLOW_MS = 1500;
const RUNNING = new Set(["QUEUED", "RUNNING"]);
let me = { roles: [] };
let following = null;
let shownRejected = null;
let version = null;

/** The text in the page's language, or the other one when it is missing. */
function bilingual(text) {
  return (text && (text[lang()] || text.en || text.es)) || "";
}

/** Whether the user holds the role (an admin holds them all); the services still decide. */
function can(role) {
  return me.roles.includes(role) || me.roles.includes("admin");
}

function number(n) {
  return Number(n ?? 0).toLocaleString(lang());
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
    version = incident.version;
    const linked = incident.linkedCases ?? { total: 0, byStatus: {}, remediesByState: {} };
    const counts = (byKey, label, key) => Object.entries(byKey ?? {}).filter(([, count]) => count > 0)
      .map(([name, count]) => el("li", { text: t(label, t(`${key}.${name}`), number(count)) }));
    document.getElementById("linked").replaceChildren(
      el("li", { text: t("incident.linked.total", number(linked.total)) }),
      ...counts(linked.byStatus, "incident.linked.status", "caseStatus"),
      ...counts(linked.remediesByState, "incident.linked.remedies", "remedyState"));
    const items = updates.items ?? [];
    document.getElementById("updates").replaceChildren(...(items.length ? items.map((u) => el("li", {},
      el("time", { datetime: u.at, text: `${formatDate(u.at)} · ${u.actor ?? ""}` }),
      el("span", { text: bilingual(u.text) }))) : [el("li", { text: t("incident.updates.none") })]));
    // Supervisors report the affected customers while the incident takes cases, and set its remedy; analysts see
    // what the remedy costs; one admin approves it.
    const live = incident.status !== "RESOLVED";
    document.getElementById("manage-section").hidden = !can("supervisor") || !live;
    document.getElementById("resolve-section").hidden = !can("supervisor") || !live;
    document.getElementById("mitigate").hidden = incident.status !== "OPEN";
    document.getElementById("reopen").hidden = incident.status !== "MITIGATED";
    document.getElementById("import-section").hidden = !can("supervisor");
    document.getElementById("import").hidden = !live;
    document.getElementById("remedy-section").hidden = !(can("supervisor") || can("analyst"));
    await Promise.all([can("supervisor") ? loadJobs() : null, can("supervisor") || can("analyst") ? loadRemedy() : null]);
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

/** The incident's imports, newest first, each with a progress bar; followed while one is running. */
async function loadJobs() {
  const jobs = (await call(`${api}/jobs`)).items ?? [];
  document.getElementById("jobs-table").hidden = jobs.length === 0;
  document.getElementById("jobs").replaceChildren(...jobs.map(jobRow));
  const newest = jobs[0];
  if (newest && !RUNNING.has(newest.state) && newest.rejected > 0 && shownRejected !== newest.id) {
    await showRejected(newest);
  }
  clearTimeout(following);
  following = jobs.some((job) => RUNNING.has(job.state)) ? setTimeout(follow, FOLLOW_MS) : null;
}

/** A running import changes the counts of linked cases and what the remedy costs: all of it is read again. */
async function follow() {
  const before = document.getElementById("jobs").textContent;
  await loadJobs();
  if (!following) await load(); // the last running import ended
  else if (document.getElementById("jobs").textContent !== before) await loadRemedyQuietly();
}

function jobRow(job) {
  const label = t("incident.jobs.of", number(job.processed), number(job.total));
  const bar = el("progress", { max: Math.max(job.total, 1), value: job.state === "COMPLETED" ? Math.max(job.total, 1) : job.processed, "aria-label": label });
  const rejected = job.rejected > 0
    ? el("button", { type: "button", class: "secondary", text: number(job.rejected), "aria-label": t("incident.jobs.showRejected", number(job.rejected), formatDate(job.createdAt)) })
    : el("span", { text: "0" });
  if (job.rejected > 0) rejected.addEventListener("click", () => showRejected(job).catch((error) => say(document.getElementById("import-status"), error.message, "error")));
  return el("tr", { "data-job": job.id, "data-state": job.state },
    el("td", { text: `${formatDate(job.createdAt)} · ${job.submittedBy ?? ""}` }),
    el("td", { text: t(`jobState.${job.state}`) + (job.failure ? ` — ${job.failure}` : "") }),
    el("td", {}, bar, el("span", { class: "muted", text: label })),
    el("td", { text: number(job.created) }),
    el("td", { text: number(job.duplicates) }),
    el("td", {}, rejected));
}

/** The lines of an import that were refused, by line number with why (the first thousand). */
async function showRejected(summary) {
  shownRejected = summary.id;
  const job = await call(`/portal/api/jobs/${encodeURIComponent(summary.id)}`);
  document.getElementById("rejected-h").textContent = t("incident.rejected.heading", formatDate(job.createdAt), number(job.rejected));
  document.getElementById("rejected").replaceChildren(...(job.rejectedLines ?? []).map((line) =>
    el("li", { text: t("incident.rejected.line", number(line.line), line.reason) })));
  document.getElementById("rejected-section").hidden = false;
}

document.getElementById("import").addEventListener("submit", (event) => {
  event.preventDefault();
  const file = document.getElementById("import-file").files[0];
  if (!file) return;
  const status = document.getElementById("import-status");
  act(async () => {
    await call(`${api}/affected`, { method: "POST", body: file, contentType: "application/x-ndjson" });
    document.getElementById("import").reset();
    // follow, not loadJobs: a short list can be imported before the jobs are read, and then nothing is running to
    // follow, yet the linked cases and the remedy's cost have changed and must be read again.
  }, status, follow);
});

/** A change of the incident, against the version the page shows (someone else's change in between is refused). */
function change(body, status) {
  return act(() => call(api, { method: "PATCH", body, headers: { "If-Match": `"${version}"` } }), document.getElementById(status), load);
}

document.getElementById("post-update").addEventListener("submit", (event) => {
  event.preventDefault();
  act(async () => {
    await call(`${api}/updates`, { method: "POST", body: {
      en: document.getElementById("update-en").value, es: document.getElementById("update-es").value } });
    document.getElementById("post-update").reset();
  }, document.getElementById("manage-status"), load);
});
document.getElementById("mitigate").addEventListener("click", () => change({ status: "MITIGATED" }, "manage-status"));
document.getElementById("reopen").addEventListener("click", () => change({ status: "OPEN" }, "manage-status"));
document.getElementById("resolve-incident").addEventListener("submit", (event) => {
  event.preventDefault();
  change({ status: "RESOLVED", rootCause: {
    code: document.getElementById("incident-root-cause").value, summary: document.getElementById("incident-summary").value } },
  "resolve-status");
});

/** The rule, what it costs against the budgets, and the approval; 404 from the preview means no rule yet. */
async function loadRemedy() {
  let preview = null;
  try {
    preview = await call(`/portal/api/incidents/${encodeURIComponent(id)}/remedy-rule/preview`);
  } catch (error) {
    if (error.status !== 404) throw error;
  }
  const rule = preview?.rule;
  document.getElementById("rule").replaceChildren(...(rule ? [
    ...fact("incident.remedy.rule", remedyRuleText(rule)),
    ...fact("incident.remedy.setBy", `${rule.setBy} · ${formatDate(rule.setAt)}`),
    ...fact("incident.remedy.approved", rule.approvedAt ? `${rule.approvedBy} · ${formatDate(rule.approvedAt)}` : t("incident.remedy.notApproved")),
  ] : fact("incident.remedy.rule", t("incident.remedy.none"))));
  document.getElementById("rule-form").hidden = !can("supervisor") || Boolean(rule?.approvedAt);
  if (rule && !rule.approvedAt) showRule(rule);
  document.getElementById("preview").hidden = !preview;
  document.getElementById("approve").hidden = !preview || !can("admin") || Boolean(rule?.approvedAt);
  if (!preview) return;
  document.getElementById("cost-tables").hidden = preview.pendingCases === 0;
  document.getElementById("cost-counts").replaceChildren(
    el("li", { text: t("incident.remedy.pending", number(preview.pendingCases), number(preview.linkedCases)) }),
    el("li", { text: t("incident.remedy.created", number(preview.remediesCreated)) }),
    ...(preview.withoutAmount > 0 ? [el("li", { text: t("incident.remedy.withoutAmount", number(preview.withoutAmount)) })] : []));
  document.getElementById("totals").replaceChildren(...preview.totals.map((total) => el("tr", {},
    el("td", { text: total.currency }),
    el("td", { text: number(total.cases) }),
    el("td", { text: formatMoney(total.totalMinorUnits, total.currency) }))));
  document.getElementById("budgets").replaceChildren(...preview.budgets.map((b) => el("tr", {},
    el("td", { text: t(`errorKind.${b.errorKind}`) }),
    el("td", { text: formatMoney(b.monthlyBudgetMinorUnits, b.currency) }),
    el("td", { text: formatMoney(b.usedMinorUnits, b.currency) }),
    el("td", { text: formatMoney(b.ruleMinorUnits, b.currency) }),
    el("td", { text: formatMoney(b.remainingAfterMinorUnits, b.currency) }),
    el("td", { class: b.fits ? null : "fits-no", text: t(b.fits ? "incident.remedy.fits.yes" : "incident.remedy.fits.no") }))));
  document.getElementById("over-budget-field").hidden = preview.fitsBudgets;
  document.getElementById("over-budget").required = !preview.fitsBudgets;
}

async function loadRemedyQuietly() {
  if (document.getElementById("remedy-section").hidden) return;
  try {
    await loadRemedy();
  } catch (error) {
    say(document.getElementById("remedy-status"), error.message, "error");
  }
}

/** The form shows the rule as it stands, to be changed until it is approved. */
function showRule(rule) {
  document.getElementById("rule-type").value = rule.type;
  document.getElementById("rule-basis").value = rule.basis;
  if (rule.basis === "FIXED") {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency: rule.currency }).resolvedOptions().maximumFractionDigits;
    document.getElementById("rule-amount").value = String(rule.amountMinorUnits / 10 ** digits);
    document.getElementById("rule-currency").value = rule.currency;
  }
  showFixedFields();
}

function showFixedFields() {
  const fixed = document.getElementById("rule-basis").value === "FIXED";
  document.querySelectorAll("#rule-form .fixed-only").forEach((field) => { field.hidden = !fixed; });
  document.getElementById("rule-amount").required = fixed;
}

document.getElementById("rule-basis").addEventListener("change", showFixedFields);

document.getElementById("rule-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const basis = document.getElementById("rule-basis").value;
  const currency = document.getElementById("rule-currency").value.trim().toUpperCase();
  const amount = document.getElementById("rule-amount").value;
  const fixed = basis === "FIXED";
  act(() => call(`${api}/remedy-rule`, { method: "PUT", body: {
    type: document.getElementById("rule-type").value,
    basis,
    amountMinorUnits: fixed ? toMinorUnits(amount, currency) : null,
    currency: fixed ? currency : null } }), document.getElementById("remedy-status"), loadRemedy);
});

document.getElementById("approve").addEventListener("submit", (event) => {
  event.preventDefault();
  act(() => call(`${api}/remedy-rule/approval`, { method: "POST", body: { overBudget: document.getElementById("over-budget").checked } }),
    document.getElementById("remedy-status"), load);
});

me = await startPortal("incidents");
fillOptions();
showFixedFields();
document.addEventListener("amends:language", () => {
  fillOptions();
  load();
});
await load();
