import { call, el, lang, say, startPortal, t } from "./portal.js";
import { fillOptions } from "./options.js";

const form = document.getElementById("intake");
let idempotencyKey = crypto.randomUUID();

await startPortal("intake");
fillOptions();
document.getElementById("locale").value = lang();
document.addEventListener("amends:language", () => fillOptions());
form.addEventListener("input", () => { idempotencyKey = crypto.randomUUID(); }, { once: false });

// Ctrl+Enter files the case from the description too (Enter alone makes a new line there).
document.getElementById("description").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
});

// The duplicate hint: an open case of the same customer (by email or phone) among the recent ones.
let filings = 0; // a check that began before a case was filed must not name that very case
async function checkDuplicate() {
  const began = filings;
  const email = form.email.value.trim().toLowerCase();
  const phone = form.phone.value.trim();
  const hint = document.getElementById("duplicate");
  if (!email && !phone) { hint.hidden = true; return; }
  const page = await call("/portal/api/cases?limit=100");
  if (began !== filings) return;
  const same = page.items.find((c) => !["RESOLVED", "CLOSED"].includes(c.status)
    && ((email && c.customer?.email?.toLowerCase() === email) || (phone && c.customer?.phone === phone)));
  if (same) say(hint, t("intake.duplicate", `${same.reference} — ${same.summary}`), "notice");
  else hint.hidden = true;
}
form.email.addEventListener("change", checkDuplicate);
form.phone.addEventListener("change", checkDuplicate);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const value = (name) => form[name].value.trim() || null;
  const body = {
    channel: value("channel"),
    customer: { name: value("name"), email: value("email"), phone: value("phone"), locale: value("locale") },
    product: value("product"), errorKind: value("errorKind"), impact: value("impact"),
    summary: value("summary"), description: value("description"), orderReference: value("orderReference"),
  };
  const result = document.getElementById("result");
  try {
    const filed = await call("/portal/api/cases", { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } });
    filings++;
    document.getElementById("duplicate").hidden = true;
    say(result, t("intake.filed", filed.reference, t(`severity.${filed.severity}`)));
    const link = document.getElementById("open-link");
    link.replaceChildren(el("a", { href: `/portal/cases/${filed.id}`, id: "filed-case", text: t("intake.open", filed.reference) }));
    link.hidden = false;
    link.querySelector("a").focus();
    idempotencyKey = crypto.randomUUID();
  } catch (error) {
    say(result, error.message, "error");
    result.setAttribute("role", "alert");
  }
});
