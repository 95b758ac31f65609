// Shared by every page: messages from the gateway's bundles, locale formatting, and calls with the CSRF token.
let messages = {};
let language = "en";

export function lang() {
  return language;
}

export async function useLanguage(wanted) {
  language = wanted === "es" ? "es" : "en";
  const response = await fetch(`/i18n/${language}`, { credentials: "same-origin" });
  messages = await response.json();
  document.documentElement.lang = language;
  translate(document);
}

/** The message for key, with {0}, {1}... replaced by args. */
export function t(key, ...args) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ""));
}

/** Fills every element marked data-i18n (text), data-i18n-label (aria-label) or data-i18n-title (title). */
export function translate(root) {
  root.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-label]").forEach((el) => { el.setAttribute("aria-label", t(el.dataset.i18nLabel)); });
  root.querySelectorAll("option[data-i18n-value]").forEach((el) => { el.textContent = t(el.dataset.i18nValue); });
}

export function formatDate(iso) {
  return iso ? new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : "";
}

export function formatMoney(minorUnits, currency) {
  if (minorUnits == null || !currency) return "";
  const format = new Intl.NumberFormat(language, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(minorUnits / 10 ** digits);
}

/** An amount typed in major units ("12.50") in the currency's minor units (1250); the service checks the currency. */
export function toMinorUnits(amount, currency) {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    // not a currency: the service's answer names the field
  }
  return Math.round(Number(amount) * 10 ** digits);
}

/** An incident's bulk remedy rule in words: "Refund of €5.00 for each case". */
export function remedyRuleText(rule) {
  const type = t(`remedyType.${rule.type}`);
  return rule.basis === "FIXED"
    ? t("incident.remedy.fixed", type, formatMoney(rule.amountMinorUnits, rule.currency))
    : t("incident.remedy.amountConcerned", type);
}

/** A UTC day ("2026-11-25") as the page's language writes a short date. */
export function formatDay(day) {
  return day ? new Intl.DateTimeFormat(language, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`)) : "";
}

/** A share from 0 to 1 as a percentage ("42.5 %" / "42,5 %"). */
export function formatPercent(share) {
  return share == null ? "" : new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A duration in seconds, in the largest unit that keeps it readable ("42 min", "3.5 h"). */
export function formatSeconds(seconds) {
  if (seconds == null) return "";
  const unit = (value, name) => new Intl.NumberFormat(language, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
  if (seconds < 90) return unit(seconds, "second");
  if (seconds < 5400) return unit(seconds / 60, "minute");
  if (seconds < 172800) return unit(seconds / 3600, "hour");
  return unit(seconds / 86400, "day");
}

/** An insight problem's name: its product and kind of mistake. */
export function problemName(p) {
  return `${p.product} · ${t(`errorKind.${p.errorKind}`)}`;
}

/** "in 42 minutes" / "3 minutes ago", in the page's language. */
export function relative(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, "second");
  if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return format.format(Math.round(seconds / 3600), "hour");
  return format.format(Math.round(seconds / 86400), "day");
}

function csrfToken() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("XSRF-TOKEN="));
  return cookie ? decodeURIComponent(cookie.substring("XSRF-TOKEN=".length)) : "";
}

/**
 * A call through the gateway; JSON in and out; a problem answer becomes an Error with its detail. A body is sent as
 * JSON, or as it is when a contentType is given (a file, say).
 */
export async function call(path, { method = "GET", body, headers = {}, contentType } = {}) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json", ...headers } };
  if (method !== "GET") init.headers["X-XSRF-TOKEN"] = csrfToken();
  if (body !== undefined) {
    init.headers["Content-Type"] = contentType ?? "application/json";
    init.body = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && path.startsWith("/portal/")) {
    window.location.reload(); // the session ended: the page itself redirects to the login
    throw new Error("signed out");
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(problemText(response.status, json));
    error.status = response.status;
    throw error;
  }
  return json;
}

function problemText(status, problem) {
  if (status === 403) return t("error.forbidden");
  if (problem && Array.isArray(problem.errors) && problem.errors.length) {
    return t("intake.invalid", problem.errors.map((e) => `${e.field ?? e.name ?? ""} ${e.message ?? e.detail ?? ""}`.trim()).join("; "));
  }
  return t("error.generic", (problem && (problem.detail || problem.title)) || status);
}

/** Shows text in a live region (role=status or role=alert) so screen readers announce it. */
export function say(element, text, kind = "ok") {
  element.hidden = false;
  element.className = `notice ${kind}`;
  element.textContent = text;
}

/** A term and its value for a facts list (dl): the label is a message key. */
export function fact(label, value) {
  return [el("dt", { text: t(label) }), el("dd", { text: value ?? "" })];
}

/** Runs a change, says it was saved (or why not) in the status element, and reloads the page's data. */
export async function act(work, status, reload) {
  try {
    await work();
    say(status, t("case.saved"));
    await reload();
  } catch (error) {
    say(status, error.message, "error");
  }
}

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.filter((c) => c != null));
  return element;
}

/**
 * Starts a signed-in portal page: the user's language (kept in localStorage), the navigation for their roles, the
 * logout form's CSRF field and the language switch. Resolves with the user ({name, roles}).
 */
export async function startPortal(current) {
  await useLanguage(localStorage.getItem("amends.lang") || (navigator.language || "en").substring(0, 2));
  const me = await call("/portal/me");
  document.getElementById("user").textContent = t("nav.signedInAs", me.name);
  const link = document.querySelector(`nav a[data-page="${current}"]`);
  if (link) link.setAttribute("aria-current", "page");
  // A link marked data-roles shows only to those roles (admin holds them all); the services still decide.
  document.querySelectorAll("nav li[data-roles]").forEach((item) => {
    const allowed = item.dataset.roles.split(" ");
    if (!me.roles.includes("admin") && !allowed.some((role) => me.roles.includes(role))) item.remove();
  });
  document.querySelector('#logout input[name="_csrf"]').value = csrfToken();
  const switcher = document.getElementById("language");
  switcher.value = lang();
  switcher.addEventListener("change", async () => {
    localStorage.setItem("amends.lang", switcher.value);
    await useLanguage(switcher.value);
    document.getElementById("user").textContent = t("nav.signedInAs", me.name);
    document.dispatchEvent(new CustomEvent("amends:language"));
  });
  return me;
}
