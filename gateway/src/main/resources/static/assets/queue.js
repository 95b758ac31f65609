import { call, el, formatDate, relative, say, startPortal, t } from "./portal.js";

const OPEN = new Set(["RECEIVED", "ACKNOWLEDGED", "INVESTIGATING", "REOPENED"]);
let cases = [];
let updatedAt = null;

/** The deadline that matters next: acknowledgement until acknowledged, then resolution. */
function nextDue(c) {
  if (!c.acknowledgedAt && c.acknowledgeDueAt) return { kind: "acknowledge", at: c.acknowledgeDueAt };
  if (c.resolveDueAt) return { kind: "resolve", at: c.resolveDueAt };
  return null;
}

function render() {
  const text = document.getElementById("filter").value.trim().toLowerCase();
  const status = document.getElementById("status").value;
  const now = Date.now();
  const shown = cases
    .filter((c) => OPEN.has(c.status) && (!status || c.status === status))
    .filter((c) => !text || [c.reference, c.summary, c.customer?.name, c.product].join(" ").toLowerCase().includes(text))
    .sort((a, b) => (nextDue(a)?.at ?? "9999") < (nextDue(b)?.at ?? "9999") ? -1 : 1);
  document.getElementById("cases").replaceChildren(...shown.map((c) => {
    const due = nextDue(c);
    const overdue = due && new Date(due.at).getTime() < now;
    return el("tr", {},
      el("td", {}, el("a", { href: `/portal/cases/${c.id}`, text: c.reference })),
      el("td", { text: c.summary }),
      el("td", { text: c.customer?.name ?? "" }),
      el("td", { text: t(`severity.${c.severity}`) }),
      el("td", { text: t(`caseStatus.${c.status}`) }),
      el("td", { class: overdue ? "overdue" : null },
        due ? el("time", { datetime: due.at, title: formatDate(due.at), text: t(`due.${due.kind}`, relative(due.at, now)) })
            : t("due.none")));
  }));
  document.getElementById("empty").hidden = shown.length > 0;
  if (updatedAt) document.getElementById("updated").textContent = t("queue.updated", formatDate(updatedAt));
}

async function refresh() {
  try {
    const page = await call("/portal/api/cases?limit=100");
    cases = page.items;
    updatedAt = new Date().toISOString();
    document.getElementById("problem").hidden = true;
    render();
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

await startPortal("queue");
document.getElementById("filter").addEventListener("input", render);
document.getElementById("status").addEventListener("change", render);
document.addEventListener("amends:language", render);
await refresh();
setInterval(refresh, 5000); // new cases appear without a reload
setInterval(render, 1000); // the countdowns tick
