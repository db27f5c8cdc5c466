// The dashboard's HTTP API. A report (or the home document) that takes a
// while to compute is answered 202 {"status":"computing","progress":p};
// fetchReport and fetchHome poll until it is ready, telling the caller the
// progress.
//
// Every request goes through apiFetch (docs/access.md): it sends the
// session's CSRF token on every request that is not a GET, and when the
// server answers 401 (no session, or it expired) it takes the browser to
// /login?next=<this page>, from where the user comes back after signing in.
import type { HomeDoc, ParamOptions, Report, Session, ToolsDoc } from "./types";

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

// Thrown once the page is on its way to /login: the caller stops quietly.
export class LoginRequired extends Error {
  constructor() {
    super("login required");
    this.name = "LoginRequired";
  }
}

// The path to come back to after signing in: a path of this origin only
// (never "//host", a backslash or a scheme: an open redirect), not /login.
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  try {
    const url = new URL(raw, window.location.origin);
    if (url.origin !== window.location.origin || url.pathname === "/login") return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}

export function loginPath(): string {
  const here = window.location.pathname + window.location.search;
  return here === "/" ? "/login" : `/login?next=${encodeURIComponent(here)}`;
}

let session: Promise<Session> | null = null;

function toLogin(): never {
  session = null;
  toolsDoc = null;
  paramOptions.clear();
  if (window.location.pathname !== "/login") window.location.replace(loginPath());
  throw new LoginRequired();
}

// Who is signed in: GET /api/session, asked once per page load (and again
// after a 401 or a sign-in). Without a session, off to /login.
export function fetchSession(): Promise<Session> {
  if (!session) {
    session = fetch("/api/session", { cache: "no-store", credentials: "same-origin" }).then(async (res) => {
      if (res.status === 401) toLogin();
      // A server without access control (serve --no-auth, on loopback only) has no sessions.
      if (res.status === 404) return { user: "", role: "", stores: [], csrf: "", admin: false, open: true };
      if (!res.ok) throw await errorOf(res);
      return res.json();
    });
    session.catch(() => (session = null));
  }
  return session;
}

// Forgets the session (after a sign-out, or a page restored from the
// back-forward cache, whose session may have ended since).
export function forgetSession(): void {
  session = null;
  toolsDoc = null;
  paramOptions.clear();
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

// fetch for the API: the CSRF token on state-changing requests, 401 -> /login.
// A 403 naming the CSRF token (the session rotated under the page) is retried
// once with the session's current token.
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  const send = async (): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (!SAFE_METHODS.has(method)) {
      const csrf = (await fetchSession()).csrf;
      if (csrf) headers.set("X-CSRF-Token", csrf);
    }
    return fetch(url, { ...init, method, headers, credentials: "same-origin" });
  };
  let res = await send();
  if (res.status === 403 && !SAFE_METHODS.has(method)) {
    const body = await res.clone().json().catch(() => ({}));
    if (/csrf/i.test(String(body.error ?? ""))) {
      session = null;
      res = await send();
    }
  }
  if (res.status === 401) toLogin();
  return res;
}

// A JSON answer, or an ApiError with the server's {"error"} text.
export async function apiJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(url, init);
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return res.json();
}

// A JSON body sent with `method`: the answer's JSON (or nothing for a 204).
export function sendJson<T>(method: string, url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return apiJson<T>(url, { method, signal, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

// POST /api/login: the session document, or an ApiError with the server's
// words (a wrong password: 401; too many failures: 429 with the wait). The
// password travels in the body only, never in a URL.
export async function login(user: string, password: string): Promise<Session> {
  const res = await fetch("/api/login", {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user, password }),
  });
  if (!res.ok) throw await errorOf(res);
  const doc = (await res.json()) as Session;
  session = Promise.resolve(doc);
  toolsDoc = null;
  paramOptions.clear();
  return doc;
}

export async function logout(): Promise<void> {
  const res = await apiFetch("/api/logout", { method: "POST" });
  if (!res.ok && res.status !== 401) throw await errorOf(res);
  forgetSession();
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = await res.json();
    return new ApiError(res.status, body.error || res.statusText);
  } catch {
    return new ApiError(res.status, res.statusText);
  }
}

let toolsDoc: Promise<ToolsDoc> | null = null;

export function fetchTools(): Promise<ToolsDoc> {
  if (!toolsDoc) {
    toolsDoc = apiFetch("/api/tools").then(async (res) => {
      if (!res.ok) throw await errorOf(res);
      return res.json();
    });
    toolsDoc.catch(() => (toolsDoc = null));
  }
  return toolsDoc;
}

const paramOptions = new Map<string, Promise<ParamOptions>>();

// The values of a tool's data-valued parameters (stores, payment channels,
// instances...), by name: asked once per tool and page load.
export function fetchParamOptions(tool: string): Promise<ParamOptions> {
  let doc = paramOptions.get(tool);
  if (!doc) {
    doc = apiJson<ParamOptions>(`/api/tools/${encodeURIComponent(tool)}/options`);
    doc.catch(() => paramOptions.delete(tool));
    paramOptions.set(tool, doc);
  }
  return doc;
}

export function reportUrl(tool: string, params: URLSearchParams, csvPanel?: string): string {
  const q = new URLSearchParams(params);
  if (csvPanel !== undefined) q.set("panel", csvPanel);
  const qs = q.toString();
  return `/api/reports/${encodeURIComponent(tool)}${csvPanel !== undefined ? ".csv" : ""}${qs ? "?" + qs : ""}`;
}

// The whole report as a PDF or XLSX download, with the page's parameters.
export function exportUrl(tool: string, params: URLSearchParams, format: "pdf" | "xlsx"): string {
  const qs = new URLSearchParams(params).toString();
  return `/api/reports/${encodeURIComponent(tool)}.${format}${qs ? "?" + qs : ""}`;
}

export function fetchReport(
  tool: string,
  params: URLSearchParams,
  onProgress: (progress: number) => void,
  signal?: AbortSignal,
): Promise<Report> {
  return fetchComputed(reportUrl(tool, params), onProgress, signal);
}

// Every tool's headline figures (docs/dashboard.md): no report is computed.
export function fetchHome(signal?: AbortSignal): Promise<HomeDoc> {
  return fetchComputed("/api/home", () => {}, signal);
}

async function fetchComputed<T>(url: string, onProgress: (progress: number) => void,
                                signal?: AbortSignal): Promise<T> {
  for (;;) {
    const res = await apiFetch(url, { signal });
    if (res.status === 202) {
      const body = await res.json();
      onProgress(typeof body.progress === "number" ? body.progress : 0);
      await new Promise((r) => setTimeout(r, 400));
      continue;
    }
    if (!res.ok) throw await errorOf(res);
    return res.json();
  }
}
