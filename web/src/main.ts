// The single-page app: "/" lists the departments and their tools,
// "/tools/{id}?params" (or a drill-down's "/reports/{id}?params") shows one
// report. Links marked data-nav navigate without reloading.
import "./style.css";
import { el } from "./dom";
import { disposeCharts } from "./panels/chart";
import { renderHome } from "./pages/home";
import { renderSchedules } from "./pages/schedules";
import { renderTool } from "./pages/tool";

const root = document.getElementById("app")!;
let current: AbortController | null = null;

async function route(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  disposeCharts();
  window.scrollTo(0, 0);
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  try {
    const tool = /^\/(?:tools|reports)\/([^/]+)\/?$/.exec(path);
    if (tool) await renderTool(root, decodeURIComponent(tool[1]), query, controller.signal);
    else if (path === "/") await renderHome(root, controller.signal);
    else if (path === "/schedules") await renderSchedules(root, controller.signal);
    else root.replaceChildren(el("h1", {}, "Not found"), el("a", { href: "/", "data-nav": "" }, "All tools"));
  } catch (e) {
    if ((e as Error).name !== "AbortError") {
      root.replaceChildren(el("p", { class: "error-text", role: "alert" }, `Cannot load: ${(e as Error).message}`));
    }
  }
}

document.addEventListener("click", (e) => {
  const a = (e.target as Element).closest?.("a[data-nav]") as HTMLAnchorElement | null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  history.pushState(null, "", a.getAttribute("href")!);
  route();
});
window.addEventListener("popstate", () => route());
route();
