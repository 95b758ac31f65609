import { call, el, formatDate, formatMoney, relative, say, startPortal, t } from "./portal.js";
import { alertRow } from "./alertrows.js";

const OPEN = new Set(["RECEIVED", "ACKNOWLEDGED", "INVESTIGATING", "REOPENED"]);
const NEAREST = 20;
const PAGES = 5; // up to 500 cases: the board is for the newest open work, the queue pages through the rest
const done = document.getElementById("done");

/** The deadline that matters next: acknowledgement until acknowledged, then resolution. */
function nextDue(c) {
  if (!c.acknowledgedAt && c.acknowledgeDueAt) return { kind: "acknowledge", at: c.acknowledgeDueAt };
  if (c.resolveDueAt) return { kind: "resolve", at: c.resolveDueAt };
  return null;
}

async function cases(query) {
  const all = [];
  let cursor = null;
  for (let page = 0; page < PAGES; page++) {
    const params = new URLSearchParams({ limit: "100", ...query });
    if (cursor) params.set("cursor", cursor);
    const result = await call(`/portal/api/cases?${params}`);
    all.push(...result.items);
    cursor = result.next;
    if (!cursor) break;
  }
  return all.filter((c) => OPEN.has(c.status));
}

function caseCells(c) {
  return [
    el("td", {}, el("a", { href: `/portal/cases/${c.id}`, text: c.reference })),
    el("td", { text: c.summary }),
  ];
}

function show(body, empty, rows) {
  document.getElementById(body).replaceChildren(...rows);
  document.getElementById(empty).hidden = rows.length > 0;
}

async function load() {
  try {
    const now = Date.now();
    const [open, breached, alerts] = await Promise.all([
      cases({}),
      cases({ breached: "true" }),
      call("/portal/api/insights/alerts?kind=REPUTATION&acknowledged=false&limit=50"),
    ]);
    show("breached", "breached-empty", breached.map((c) => el("tr", {},
      ...caseCells(c),
      el("td", { text: t(`severity.${c.severity}`) }),
      el("td", { text: t(`caseStatus.${c.status}`) }),
      el("td", { class: "overdue" }, [
        c.acknowledgeBreachedAt ? t("risk.breach.acknowledge", formatDate(c.acknowledgeBreachedAt)) : null,
        c.resolveBreachedAt ? t("risk.breach.resolve", formatDate(c.resolveBreachedAt)) : null,
      ].filter(Boolean).join(" · ")))));
    const breachedIds = new Set(breached.map((c) => c.id));
    const nearest = open.filter((c) => !breachedIds.has(c.id) && nextDue(c))
      .sort((a, b) => (nextDue(a).at < nextDue(b).at ? -1 : 1))
      .slice(0, NEAREST);
    show("nearest", "nearest-empty", nearest.map((c) => {
      const due = nextDue(c);
      const overdue = new Date(due.at).getTime() < now;
      return el("tr", {},
        ...caseCells(c),
        el("td", { text: t(`severity.${c.severity}`) }),
        el("td", { text: t(`caseStatus.${c.status}`) }),
        el("td", { class: overdue ? "overdue" : null },
          el("time", { datetime: due.at, title: formatDate(due.at), text: t(`due.${due.kind}`, relative(due.at, now)) })));
    }));
    const escalated = open.filter((c) => c.escalated);
    const failed = await Promise.all(escalated.map(async (c) => {
      const remedies = await call(`/portal/api/cases/${c.id}/remedies`);
      return (Array.isArray(remedies) ? remedies : remedies.items ?? []).filter((r) => r.state === "FAILED");
    }));
    show("escalated", "escalated-empty", escalated.map((c, i) => el("tr", {},
      ...caseCells(c),
      el("td", {}, c.escalatedAt ? el("time", { datetime: c.escalatedAt, text: formatDate(c.escalatedAt) }) : ""),
      el("td", { text: failed[i].length
        ? failed[i].map((r) => `${t(`remedyType.${r.type}`)} ${formatMoney(r.amountMinorUnits, r.currency)}`.trim()).join(", ")
        : t("risk.failed.none") }))));
    show("reputation", "reputation-empty", alerts.map((a) => alertRow(a, { showKind: false, live: done, reload: load })));
    document.getElementById("updated").textContent = t("queue.updated", formatDate(new Date().toISOString()));
    document.getElementById("problem").hidden = true;
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

await startPortal("risk");
document.addEventListener("amends:language", load);
await load();
