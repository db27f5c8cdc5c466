// The admin pages (docs/access.md, "The admin pages"): users, API tokens and
// the audit log, for the Admin role only (the server refuses everyone else
// with 403; the nav shows the link to admins only).
//   /admin/users   the users; add one; change a role or stores; disable or
//                  enable; set a password
//   /admin/tokens  the API tokens; create one (its secret shown once, with a
//                  copy button); revoke one (after a confirm)
//   /admin/audit   the audit log, newest first, with "Older" paging
// Every error the server gives (400 {"error"}) is shown beside its form.
import { apiJson, sendJson } from "../api";
import { el } from "../dom";
import type { Session } from "../types";

interface UserRow {
  name: string;
  role: string;
  stores: number[];
  disabled: boolean;
  created: string;
  updated: string;
}

interface TokenRow {
  id: string;
  name: string;
  role: string;
  stores: number[];
  created_by: string;
  created: string;
  revoked: string;  // "" while valid
}

interface AuditRow {
  at: string;
  at_unix?: number;
  actor: string;
  address: string;
  action: string;
  object: string;
  outcome: string;
  detail: string;
}

// The roles a user may have, and (with metrics, which reads /metrics only)
// a token's.
const ROLES: [string, string][] = [
  ["admin", "Admin"],
  ["it", "IT"],
  ["marketing", "Marketing"],
  ["finance", "Finance"],
  ["product", "Product"],
  ["operations", "Operations"],
  ["supply-chain", "Supply Chain"],
];
const TOKEN_ROLES: [string, string][] = [...ROLES, ["metrics", "Metrics (/metrics only)"]];

function roleLabel(role: string): string {
  return TOKEN_ROLES.find(([id]) => id === role)?.[1] ?? role;
}

function roleSelect(name: string, roles: [string, string][], selected: string): HTMLSelectElement {
  const select = el("select", { name }, ...roles.map(([id, label]) => el("option", { value: id }, label)));
  select.value = selected;
  return select;
}

function storesInput(name: string, stores: number[] = []): HTMLInputElement {
  const input = el("input", { name, type: "text", placeholder: "every store", inputmode: "numeric",
    title: "Store ids separated by commas (12, 40); empty for every store" });
  input.value = stores.join(", ");
  return input;
}

// "12, 40" -> [12, 40]; "" -> []; anything else: a message.
function parseStores(text: string): number[] | string {
  const parts = text.split(/[\s,]+/).filter((p) => p);
  if (parts.some((p) => !/^[1-9]\d{0,17}$/.test(p))) return "Stores are store ids (positive whole numbers) separated by commas.";
  return [...new Set(parts.map(Number))];
}

function storesText(stores: number[]): string {
  return stores.length ? stores.join(", ") : "every store";
}

function message(): HTMLElement {
  return el("span", { class: "form-message", role: "status" });
}

function say(box: HTMLElement, text: string, error = false): void {
  box.className = error ? "form-message error" : "form-message ok";
  box.textContent = text;
}

function adminHeader(title: string, here: "users" | "tokens" | "audit"): HTMLElement[] {
  document.title = `${title} · Admin · luckyhub`;
  const tab = (id: string, label: string) =>
    el("a", { href: `/admin/${id}`, "data-nav": "", class: id === here ? "tab current" : "tab",
      ...(id === here ? { "aria-current": "page" } : {}) }, label);
  return [
    el("p", { class: "crumbs" }, el("a", { href: "/", "data-nav": "" }, "All tools"), " / Admin"),
    el("h1", {}, title),
    el("nav", { class: "admin-tabs" }, tab("users", "Users"), tab("tokens", "API tokens"), tab("audit", "Audit log")),
  ];
}

function table(head: string[], rows: HTMLElement[], empty: string, cls: string): HTMLElement {
  return el("div", { class: "table-scroll" },
    el("table", { class: `admin-table ${cls}` },
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...(rows.length ? rows : [el("tr", {}, el("td", { class: "empty", colspan: String(head.length) }, empty))]))));
}

function button(label: string, attrs: Record<string, string> = {}): HTMLButtonElement {
  return el("button", { class: "button", type: "button", ...attrs }, label);
}

// ---- Users ----

export async function renderAdminUsers(root: HTMLElement, me: Session, signal: AbortSignal): Promise<void> {
  const listBox = el("div", {}, el("p", { class: "muted" }, "Loading users…"));
  const listMessage = message();
  const editBox = el("section", { class: "panel", "data-panel": "edit-user", hidden: "" });

  const reload = async () => {
    const doc = await apiJson<{ users: UserRow[] }>("/api/users", { signal, cache: "no-store" });
    listBox.replaceChildren(usersTable(doc.users));
  };

  const usersTable = (users: UserRow[]) => table(
    ["User", "Role", "Stores", "Status", "Created", "Updated", ""],
    users.map((u) => {
      const change = button("Change…", { "data-change": u.name });
      change.addEventListener("click", () => edit(u));
      const toggle = button(u.disabled ? "Enable" : "Disable", { "data-toggle": u.name });
      toggle.addEventListener("click", async () => {
        toggle.disabled = true;
        try {
          await sendJson("PUT", `/api/users/${encodeURIComponent(u.name)}`, { disabled: !u.disabled }, signal);
          say(listMessage, `${u.name} is ${u.disabled ? "enabled" : "disabled"}.`);
          await reload();
        } catch (e) {
          say(listMessage, `${u.name}: ${(e as Error).message}`, true);
          toggle.disabled = false;
        }
      });
      return el("tr", { "data-user": u.name, class: u.disabled ? "disabled-row" : "" },
        el("td", {}, el("strong", {}, u.name), u.name === me.user ? el("span", { class: "muted" }, " (you)") : null),
        el("td", { "data-role": u.role }, roleLabel(u.role)),
        el("td", {}, storesText(u.stores)),
        el("td", {}, u.disabled ? el("span", { class: "badge badge-off" }, "disabled") : el("span", { class: "badge badge-on" }, "active")),
        el("td", { class: "when" }, u.created),
        el("td", { class: "when" }, u.updated),
        // (The server refuses to let an admin disable themselves: no button for it.)
        el("td", { class: "actions" }, change, u.name === me.user ? null : " ", u.name === me.user ? null : toggle));
    }),
    "No users.", "users");

  // The change form of one user: role and stores, or a new password.
  const edit = (u: UserRow) => {
    const role = roleSelect("role", ROLES, u.role);
    const stores = storesInput("stores", u.stores);
    const roleMessage = message();
    const roleForm = el("form", { class: "params admin-form", "data-form": "role" },
      el("label", {}, "Role", role), el("label", {}, "Stores", stores),
      el("button", { class: "button primary", type: "submit" }, "Save role and stores"), roleMessage);
    roleForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const parsed = parseStores(stores.value);
      if (typeof parsed === "string") return say(roleMessage, parsed, true);
      try {
        await sendJson("PUT", `/api/users/${encodeURIComponent(u.name)}`, { role: role.value, stores: parsed }, signal);
        say(roleMessage, `Saved: ${roleLabel(role.value)}, ${storesText(parsed)}.`);
        await reload();
      } catch (err) {
        say(roleMessage, (err as Error).message, true);
      }
    });
    const password = el("input", { name: "password", type: "password", autocomplete: "new-password", minlength: "12", maxlength: "256" });
    const passwordMessage = message();
    const passwordForm = el("form", { class: "params admin-form", "data-form": "password" },
      el("label", {}, "New password (12 characters or more)", password),
      el("button", { class: "button primary", type: "submit" }, "Set password"), passwordMessage);
    passwordForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        await sendJson("PUT", `/api/users/${encodeURIComponent(u.name)}`, { password: password.value }, signal);
        password.value = "";
        say(passwordMessage, `${u.name}'s password is set.`);
        await reload();
      } catch (err) {
        say(passwordMessage, (err as Error).message, true);
      }
    });
    const close = button("Close", { class: "button close" });
    close.addEventListener("click", () => { editBox.hidden = true; editBox.replaceChildren(); });
    editBox.replaceChildren(
      el("div", { class: "panel-head" }, el("h2", {}, `Change ${u.name}`), close),
      roleForm, passwordForm);
    editBox.dataset.user = u.name;
    editBox.hidden = false;
    editBox.scrollIntoView({ block: "nearest" });
    role.focus();
  };

  // Adding a user.
  const name = el("input", { name: "name", type: "text", required: "", maxlength: "64", autocomplete: "off",
    pattern: "[a-z0-9][a-z0-9._\\-]*", title: "a-z, 0-9, dot, dash, underscore" });
  const role = roleSelect("role", ROLES, "finance");
  const stores = storesInput("stores");
  const password = el("input", { name: "password", type: "password", autocomplete: "new-password", required: "",
    minlength: "12", maxlength: "256" });
  const addMessage = message();
  const addForm = el("form", { class: "params admin-form", "data-form": "add-user", novalidate: "" },
    el("label", {}, "User name", name), el("label", {}, "Role", role), el("label", {}, "Stores", stores),
    el("label", {}, "Password (12 characters or more)", password),
    el("button", { class: "button primary", type: "submit" }, "Add user"), addMessage);
  addForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const parsed = parseStores(stores.value);
    if (typeof parsed === "string") return say(addMessage, parsed, true);
    try {
      await sendJson("POST", "/api/users", { name: name.value.trim(), role: role.value, stores: parsed, password: password.value }, signal);
      say(addMessage, `Added ${name.value.trim()}.`);
      name.value = "";
      password.value = "";
      stores.value = "";
      await reload();
    } catch (err) {
      say(addMessage, (err as Error).message, true);
    }
  });

  root.replaceChildren(...adminHeader("Users", "users"),
    el("section", { class: "panel", "data-panel": "users" }, el("h2", {}, "Users"), listMessage, listBox),
    editBox,
    el("section", { class: "panel", "data-panel": "add-user" }, el("h2", {}, "Add a user"),
      el("p", { class: "panel-description" },
        "A department role opens its department's tools; with stores, only those stores' rows. Admin opens everything, these pages included."),
      addForm));
  await reload();
}

// ---- API tokens ----

export async function renderAdminTokens(root: HTMLElement, signal: AbortSignal): Promise<void> {
  const listBox = el("div", {}, el("p", { class: "muted" }, "Loading tokens…"));
  const listMessage = message();
  const shownOnce = el("section", { class: "panel token-once", "data-panel": "new-token-secret", hidden: "" });

  const reload = async () => {
    const doc = await apiJson<{ tokens: TokenRow[] }>("/api/tokens", { signal, cache: "no-store" });
    listBox.replaceChildren(tokensTable(doc.tokens));
  };

  const revokeCell = (t: TokenRow): HTMLElement => {
    const cell = el("td", { class: "actions" });
    if (t.revoked) return cell;
    const ask = () => {
      const yes = button("Revoke", { class: "button danger", "data-confirm-revoke": t.id });
      const no = button("Cancel");
      cell.replaceChildren(el("span", { class: "confirm" }, `Revoke ${t.name}? Scripts using it stop working. `), yes, " ", no);
      no.addEventListener("click", () => cell.replaceChildren(first));
      yes.addEventListener("click", async () => {
        yes.disabled = true;
        try {
          await apiJson(`/api/tokens/${encodeURIComponent(t.id)}`, { method: "DELETE", signal });
          say(listMessage, `Revoked ${t.name} (${t.id}).`);
          await reload();
        } catch (e) {
          say(listMessage, `${t.id}: ${(e as Error).message}`, true);
          yes.disabled = false;
        }
      });
      yes.focus();
    };
    const first = button("Revoke…", { "data-revoke": t.id });
    first.addEventListener("click", ask);
    cell.append(first);
    return cell;
  };

  const tokensTable = (tokens: TokenRow[]) => table(
    ["ID", "Name", "Role", "Stores", "Created by", "Created", "Status", ""],
    tokens.map((t) => el("tr", { "data-token": t.id, class: t.revoked ? "disabled-row" : "" },
      el("td", {}, el("code", {}, t.id)),
      el("td", {}, t.name),
      el("td", { "data-role": t.role }, roleLabel(t.role)),
      el("td", {}, storesText(t.stores)),
      el("td", {}, t.created_by),
      el("td", { class: "when" }, t.created),
      el("td", { class: "when" }, t.revoked
        ? el("span", { class: "badge badge-off" }, `revoked ${t.revoked}`)
        : el("span", { class: "badge badge-on" }, "valid")),
      revokeCell(t))),
    "No API tokens.", "tokens");

  // A new token's secret, shown once: copied from here or never seen again.
  const showSecret = (id: string, secret: string, name: string) => {
    const field = el("input", { class: "token-secret", type: "text", readonly: "", value: secret,
      "aria-label": "The new token", spellcheck: "false" });
    const copied = message();
    const copy = button("Copy", { class: "button primary copy" });
    copy.addEventListener("click", async () => {
      field.select();
      try {
        await navigator.clipboard.writeText(secret);
        say(copied, "Copied.");
      } catch {
        // No clipboard permission: the text is selected for Ctrl-C.
        say(copied, document.execCommand?.("copy") ? "Copied." : "Selected: press Ctrl-C to copy.");
      }
    });
    const done = button("Done", { class: "button done" });
    done.addEventListener("click", () => { shownOnce.hidden = true; shownOnce.replaceChildren(); });
    shownOnce.replaceChildren(
      el("h2", {}, `New token ${name} (${id})`),
      el("p", { class: "token-warning", role: "alert" },
        "Copy the token now: it is shown only this once. luckyhub keeps only its hash and cannot show it again."),
      el("div", { class: "token-row" }, field, copy, copied),
      el("p", { class: "panel-description token-use" },
        "Scripts send it as the header ", el("code", {}, "Authorization: Bearer <token>"), "."),
      done);
    shownOnce.hidden = false;
    field.select();
  };

  const name = el("input", { name: "name", type: "text", required: "", maxlength: "100", autocomplete: "off",
    placeholder: "what it is for" });
  const role = roleSelect("role", TOKEN_ROLES, "metrics");
  const stores = storesInput("stores");
  const addMessage = message();
  const addForm = el("form", { class: "params admin-form", "data-form": "add-token", novalidate: "" },
    el("label", {}, "Name", name), el("label", {}, "Role", role), el("label", {}, "Stores", stores),
    el("button", { class: "button primary", type: "submit" }, "Create token"), addMessage);
  addForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const parsed = parseStores(stores.value);
    if (typeof parsed === "string") return say(addMessage, parsed, true);
    try {
      const created = await sendJson<{ id: string; token: string }>("POST", "/api/tokens",
        { name: name.value.trim(), role: role.value, stores: parsed }, signal);
      say(addMessage, "");
      showSecret(created.id, created.token, name.value.trim());
      name.value = "";
      stores.value = "";
      await reload();
    } catch (err) {
      say(addMessage, (err as Error).message, true);
    }
  });

  root.replaceChildren(...adminHeader("API tokens", "tokens"),
    shownOnce,
    el("section", { class: "panel", "data-panel": "add-token" }, el("h2", {}, "New API token"),
      el("p", { class: "panel-description" },
        "A token acts with its role and stores, without a session; the metrics role reads /metrics only."),
      addForm),
    el("section", { class: "panel", "data-panel": "tokens" }, el("h2", {}, "Tokens"), listMessage, listBox));
  await reload();
}

// ---- Audit log ----

const OUTCOME_CLASS: Record<string, string> = { ok: "run-ok", denied: "run-bad", failed: "run-bad", throttled: "run-warn" };

// "2026-12-07 10:00:00" (UTC) -> unix seconds.
function unixOf(at: string): number | null {
  const t = Date.parse(`${at.replace(" ", "T")}Z`);
  return Number.isFinite(t) ? Math.floor(t / 1000) : null;
}

// ?limit=N (1..1000, 200 by default), ?before=S: events before unix second
// S, ?skip=K: less the first K of them (those of second S-1 that the newer
// page showed already: "Older" asks for everything up to and including the
// oldest second shown, so that events sharing that second are neither lost
// nor shown twice).
export async function renderAdminAudit(root: HTMLElement, query: URLSearchParams, signal: AbortSignal): Promise<void> {
  const wholeNumber = (name: string, max: number) => {
    const raw = query.get(name) ?? "";
    return /^\d{1,12}$/.test(raw) && Number(raw) <= max ? Number(raw) : null;
  };
  const limit = Math.max(1, wholeNumber("limit", 1000) ?? 200);
  const before = wholeNumber("before", 2 ** 40);
  const skip = before === null ? 0 : wholeNumber("skip", 4000) ?? 0;
  const q = new URLSearchParams({ limit: String(limit + skip) });
  if (before !== null) q.set("before", String(before));
  root.replaceChildren(...adminHeader("Audit log", "audit"), el("p", { class: "muted" }, "Loading the audit log…"));
  const fetched = (await apiJson<{ events: AuditRow[] }>(`/api/audit?${q}`, { signal, cache: "no-store" })).events;
  const events = fetched.slice(skip);
  const rows = events.map((e) => el("tr", { "data-action": e.action, "data-outcome": e.outcome },
    el("td", { class: "when" }, e.at),
    el("td", {}, e.actor),
    el("td", {}, e.address),
    el("td", {}, el("code", {}, e.action)),
    el("td", { class: "wrap" }, e.object),
    el("td", {}, el("span", { class: `run-status ${OUTCOME_CLASS[e.outcome] ?? ""}` }, e.outcome)),
    el("td", { class: "wrap" }, e.detail)));
  const paging = el("p", { class: "paging" });
  const pageLink = (params: Record<string, string>, label: string, cls: string) =>
    el("a", { class: `button ${cls}`, href: `/admin/audit?${new URLSearchParams(params)}`, "data-nav": "" }, label);
  const keep: Record<string, string> = limit === 200 ? {} : { limit: String(limit) };
  if (before !== null) paging.append(pageLink(keep, "Newest", "newest"), " ");
  const second = (e: AuditRow) => e.at_unix ?? unixOf(e.at);
  const oldest = events.length ? second(events[events.length - 1]) : null;
  if (events.length === limit && oldest !== null) {
    const shownAtOldest = fetched.filter((e) => second(e) === oldest).length;
    paging.append(pageLink({ ...keep, before: String(oldest + 1), skip: String(shownAtOldest) }, "Older", "older"));
  }
  const range = events.length
    ? `${events.length} event${events.length === 1 ? "" : "s"}, ${events[events.length - 1].at} to ${events[0].at} UTC, newest first`
    : before !== null ? "No older events." : "No events yet.";
  root.replaceChildren(...adminHeader("Audit log", "audit"),
    el("p", { class: "report-meta" }, range),
    el("section", { class: "panel", "data-panel": "audit" },
      el("h2", {}, "Events"),
      el("p", { class: "panel-description" },
        "Sign-ins (and failed ones), exports, schedule, user and token changes: who, from where, what, and how it ended. No password, token or session id is ever written here."),
      table(["When (UTC)", "Who", "Address", "Action", "Object", "Outcome", "Detail"], rows,
        before !== null ? "No older events." : "No events yet.", "audit"),
      paging));
}
