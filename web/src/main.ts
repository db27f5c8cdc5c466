// The single-page app: "/" lists the departments and their tools,
// "/tools/{id}?params" (or a drill-down's "/reports/{id}?params") shows one
// report, "/alerts" the alerts and silences, "/login" the sign-in form,
// "/admin/{users,tokens,audit}" the admin pages. Links marked data-nav
// navigate without reloading. Every page but /login needs a session: the top
// bar shows who is signed in, with their role and stores, and Sign out.
import "./style.css";
import { LoginRequired, fetchSession, forgetSession, logout } from "./api";
import { el } from "./dom";
import { disposeCharts } from "./panels/chart";
import { renderAdminAudit, renderAdminTokens, renderAdminUsers } from "./pages/admin";
import { renderAlerts } from "./pages/alerts";
import { renderHome } from "./pages/home";
import { renderLogin } from "./pages/login";
import { renderSchedules } from "./pages/schedules";
import { renderTool } from "./pages/tool";
import type { Session } from "./types";

const root = document.getElementById("app")!;
const nav = document.querySelector<HTMLElement>(".topnav")!;
const adminLink = document.querySelector<HTMLElement>(".topnav .nav-admin")!;
const alertsLink = document.querySelector<HTMLElement>('.topnav a[href="/alerts"]')!;
const whoami = document.querySelector<HTMLElement>(".whoami")!;
let current: AbortController | null = null;

function signOutButton(): HTMLElement {
  const button = el("button", { class: "button signout", type: "button" }, "Sign out");
  button.addEventListener("click", async () => {
    button.setAttribute("disabled", "");
    try {
      await logout();
    } catch (e) {
      if (e instanceof LoginRequired) return;  // already signed out: on its way to /login
    }
    window.location.assign("/login");
  });
  return button;
}

// The top bar for a session (or, null, for the sign-in page: no nav).
function showSession(s: Session | null): void {
  nav.hidden = !s;
  whoami.hidden = !s || !!s.open;
  adminLink.hidden = !s?.admin;
  // The server decides (docs/access.md); the nav only leaves out links it would refuse:
  // the alerts are IT's (every store) and Admin's.
  alertsLink.hidden = !(s?.admin || s?.open || (s?.role === "it" && s.stores.length === 0));
  if (!s || s.open) {
    whoami.replaceChildren();
    return;
  }
  const stores = s.stores.length ? `store${s.stores.length === 1 ? "" : "s"} ${s.stores.join(", ")}` : "";
  whoami.replaceChildren(
    el("span", { class: "whoami-user", "data-user": s.user }, s.user),
    el("span", { class: "whoami-role", "data-role": s.role }, s.role),
    signOutButton());
  if (stores) whoami.lastElementChild!.before(el("span", { class: "whoami-stores" }, stores));
}

function notFound(): void {
  root.replaceChildren(el("h1", {}, "Not found"), el("a", { href: "/", "data-nav": "" }, "All tools"));
}

async function route(): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  disposeCharts();
  window.scrollTo(0, 0);
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  try {
    if (path === "/login") {
      showSession(null);
      renderLogin(root, query);
      return;
    }
    const session = await fetchSession();
    if (controller.signal.aborted) return;
    showSession(session);
    const tool = /^\/(?:tools|reports)\/([^/]+)\/?$/.exec(path);
    const admin = /^\/admin(?:\/(users|tokens|audit))?\/?$/.exec(path);
    if (tool) await renderTool(root, decodeURIComponent(tool[1]), query, controller.signal);
    else if (path === "/") await renderHome(root, controller.signal);
    else if (path === "/alerts") await renderAlerts(root, controller.signal);
    else if (path === "/schedules") await renderSchedules(root, controller.signal);
    else if (admin && !session.admin) {
      root.replaceChildren(el("h1", {}, "Admins only"),
        el("p", { class: "error-text", role: "alert" }, "Your role may not open the admin pages."),
        el("a", { href: "/", "data-nav": "" }, "All tools"));
    } else if (admin?.[1] === "tokens") await renderAdminTokens(root, controller.signal);
    else if (admin?.[1] === "audit") await renderAdminAudit(root, query, controller.signal);
    else if (admin) {
      if (!admin[1]) history.replaceState(null, "", "/admin/users");
      await renderAdminUsers(root, session, controller.signal);
    }
    else notFound();
  } catch (e) {
    const name = (e as Error).name;
    if (name !== "AbortError" && name !== "LoginRequired") {
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
// A page brought back by the back button from the back-forward cache may show
// what a session that has since ended could see: draw it again, asking the
// server (which sends a signed-out browser to /login).
window.addEventListener("pageshow", (e) => {
  if (!e.persisted) return;
  root.replaceChildren();
  showSession(null);
  forgetSession();
  route();
});
route();
