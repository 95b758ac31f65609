import { act, call, el, fact, formatDate, formatDay, formatMoney, formatPercent, lang, problemName, say, startPortal, t } from "./portal.js";
import { trend } from "./charts.js";

const id = decodeURIComponent(location.pathname.split("/").pop());
const api = `/portal/api/insights/problems/${encodeURIComponent(id)}`;
const saved = document.getElementById("saved");
const STATUSES = ["PLANNED", "IN_PROGRESS", "DONE"];
let canChange = false;

async function load() {
  try {
    const view = await call(api);
    const p = view.problem;
    document.getElementById("heading").textContent = t("problem.heading", problemName(p));
    document.title = `${problemName(p)} — ${t("app.name")}`;
    document.getElementById("facts").replaceChildren(
      ...fact("problem.cases", p.cases.toLocaleString(lang())),
      ...fact("problems.col.share", formatPercent(p.share)),
      ...fact("problems.col.open", p.openCases.toLocaleString(lang())),
      ...fact("problems.col.customers", p.affectedCustomers.toLocaleString(lang())),
      ...fact("problem.firstSeen", formatDate(p.firstSeenAt)),
      ...fact("problem.lastSeen", formatDate(p.lastSeenAt)),
      ...fact("problems.col.cost", (p.remedyCost ?? []).map((m) => formatMoney(m.minorUnits, m.currency)).join(", ") || "—"));
    trend(document.getElementById("trend"), [{ name: problemName(p), points: (view.trend ?? []).map((d) => ({ day: d.day, value: d.cases })) }],
      { label: t("problem.trend.label", problemName(p)), formatDay });
    const causes = view.rootCauses ?? [];
    document.getElementById("root-causes").replaceChildren(...(causes.length
      ? causes.map((c) => el("li", { text: t("problem.rootCause", c.rootCauseCode, c.cases) }))
      : [el("li", { text: t("problem.rootCauses.none") })]));
    const actions = view.correctiveActions ?? [];
    document.getElementById("actions").replaceChildren(...(actions.length
      ? actions.map(action)
      : [el("li", { text: t("problem.actions.none") })]));
    document.getElementById("cases").replaceChildren(...(view.cases ?? []).map((c) => el("tr", {},
      el("td", {}, el("a", { href: `/portal/cases/${c.caseId}`, text: c.reference ?? c.caseId })),
      el("td", { text: c.status ? t(`problemCaseStatus.${c.status}`) : "" }),
      el("td", { text: c.severity ? t(`severity.${c.severity}`) : "" }),
      el("td", { text: c.channel ? t(`channel.${c.channel}`) : "" }),
      el("td", {}, el("time", { datetime: c.openedAt, text: formatDate(c.openedAt) })),
      el("td", { text: c.rootCauseCode ?? "" }))));
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

/** One corrective action; analysts change its status, owner and due date in place. */
function action(a) {
  const item = el("li", { class: "action", "data-action": a.actionId },
    el("p", {}, el("strong", { text: a.description })),
    el("p", { class: "muted", text: t("action.summary", t(`actionStatus.${a.status}`), a.owner || "—", a.dueDate || "—", a.recurrences ?? 0) }));
  if (a.ineffectiveAt) item.append(el("p", { class: "notice error", text: t("action.ineffective", formatDate(a.ineffectiveAt)) }));
  if (!canChange) return item;
  const key = a.actionId;
  const status = el("select", { id: `status-${key}` }, ...[...STATUSES, ...(a.status === "INEFFECTIVE" ? ["INEFFECTIVE"] : [])]
    .map((s) => el("option", { value: s, text: t(`actionStatus.${s}`) })));
  status.value = a.status;
  const owner = el("input", { id: `owner-${key}`, value: a.owner ?? "", autocomplete: "off" });
  const due = el("input", { id: `due-${key}`, type: "date", value: a.dueDate ?? "" });
  const save = el("button", { type: "submit", text: t("action.save") });
  const form = el("form", { class: "row action-change" },
    el("div", {}, el("label", { for: `status-${key}`, text: t("action.status") }), status),
    el("div", {}, el("label", { for: `owner-${key}`, text: t("action.owner") }), owner),
    el("div", {}, el("label", { for: `due-${key}`, text: t("action.due") }), due),
    el("div", { class: "actions" }, save));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const change = {};
    if (status.value !== a.status) change.status = status.value;
    if (owner.value !== (a.owner ?? "")) change.owner = owner.value;
    if (due.value && due.value !== (a.dueDate ?? "")) change.dueDate = due.value;
    saveAndReload(() => call(`/portal/api/insights/corrective-actions/${a.actionId}`, { method: "PATCH", body: change }));
  });
  item.append(form);
  return item;
}

/** Changes go through the portal's act: saved or why not in the status line, then the page reloads. */
const saveAndReload = (work) => act(work, saved, load);

const me = await startPortal("problems");
canChange = me.roles.includes("analyst") || me.roles.includes("admin");
const create = document.getElementById("new-action");
create.hidden = !canChange;
// insight-service wants every field of a new action; the due date starts a month out, the analyst may change it.
const inAMonth = () => new Date(Date.now() + 30 * 86400000).toISOString().substring(0, 10);
document.getElementById("action-due").value = inAMonth();
create.addEventListener("submit", (event) => {
  event.preventDefault();
  const body = { description: document.getElementById("action-description").value };
  const owner = document.getElementById("action-owner").value.trim();
  const due = document.getElementById("action-due").value;
  if (owner) body.owner = owner;
  if (due) body.dueDate = due;
  saveAndReload(async () => {
    await call(`${api}/corrective-actions`, { method: "POST", body });
    create.reset();
    document.getElementById("action-due").value = inAMonth();
  });
});
document.addEventListener("amends:language", load);
await load();
