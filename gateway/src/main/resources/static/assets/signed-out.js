import { useLanguage } from "./portal.js";

await useLanguage(localStorage.getItem("amends.lang") || (navigator.language || "en").substring(0, 2));
