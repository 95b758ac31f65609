import { call, say, startPortal } from "./portal.js";
import { alertRow } from "./alertrows.js";

const done = document.getElementById("done");

async function load() {
  try {
    const params = new URLSearchParams({ limit: "100" });
    const kind = document.getElementById("kind").value;
    const acknowledged = document.getElementById("acknowledged").value;
    if (kind) params.set("kind", kind);
    if (acknowledged) params.set("acknowledged", acknowledged);
    const alerts = await call(`/portal/api/insights/alerts?${params}`);
    document.getElementById("problem").hidden = true;
    document.getElementById("alerts").replaceChildren(...alerts.map((a) => alertRow(a, { live: done, reload: load })));
    document.getElementById("empty").hidden = alerts.length > 0;
  } catch (error) {
    say(document.getElementById("problem"), error.message, "error");
  }
}

await startPortal("alerts");
const params = new URLSearchParams(location.search);
if (params.has("kind")) document.getElementById("kind").value = params.get("kind");
document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());
document.getElementById("kind").addEventListener("change", load);
document.getElementById("acknowledged").addEventListener("change", load);
document.addEventListener("amends:language", load);
await load();
