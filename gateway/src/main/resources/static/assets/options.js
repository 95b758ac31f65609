import { t } from "./portal.js";

/** Fills each select marked data-options="prefix:A,B,C" with translated options, keeping its value. */
export function fillOptions(root = document) {
  root.querySelectorAll("select[data-options]").forEach((select) => {
    const [prefix, list] = select.dataset.options.split(":");
    const value = select.value || select.dataset.default;
    select.replaceChildren(...list.split(",").map((code) => {
      const option = document.createElement("option");
      option.value = code;
      option.textContent = t(`${prefix}.${code}`);
      return option;
    }));
    select.value = value;
  });
}
