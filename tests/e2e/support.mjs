// What the e2e suites share (not a test file itself: node --test runs only
// *.test.mjs): starting `luckyhub serve` with an access file, making users
// with the command line (each with a fresh random password: none is ever
// written in the repository), signing in through the login page in
// Chromium, and a fetch that carries the signed-in browser's session.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";

export const bin = process.env.LUCKYHUB_BIN ?? "build/luckyhub";
export const warehouse = process.env.LUCKYHUB_E2E_WAREHOUSE;
export const artifacts = process.env.LUCKYHUB_E2E_ARTIFACTS ?? "build/e2e-artifacts";
export const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// `luckyhub serve` on a free loopback port: resolves to its base URL
// ("http://127.0.0.1:PORT"). Every process started is kept in `servers`.
export function startServer(args, servers) {
  return new Promise((resolve, reject) => {
    const server = spawn(bin, ["serve", "--warehouse", warehouse, "--listen", "127.0.0.1:0", ...args],
      { stdio: ["ignore", "ignore", "pipe"] });
    servers.push(server);
    let log = "";
    const timer = setTimeout(() => reject(new Error(`luckyhub serve did not start: ${log}`)), 20000);
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const m = /serving the dashboard at (https?:\/\/[^/\s]+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`luckyhub serve exited with ${code}: ${log}`)));
  });
}

// 24 random bytes, base64url: a password no one wrote down.
export function randomPassword() {
  return randomBytes(24).toString("base64url");
}

// `luckyhub users add NAME --role ROLE [--stores ...] --password-stdin --access FILE`.
export function addUser(access, name, role, password, stores = []) {
  const args = ["--quiet", "users", "add", name, "--role", role, "--password-stdin", "--access", access];
  if (stores.length) args.push("--stores", stores.join(","));
  const run = spawnSync(bin, args, { input: `${password}\n`, encoding: "utf8" });
  assert.equal(run.status, 0, `users add ${name}: ${run.stderr}`);
  assert.ok(!run.stdout.includes(password) && !run.stderr.includes(password), "the password is not echoed");
}

// Signs in through the page: types the name and password on /login and
// clicks Sign in, then waits to be taken on (to `next`, or home).
export async function signIn(page, base, user, password, next) {
  await page.goto(`${base}/login${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  await page.fill("#login-user", user);
  await page.fill("#login-password", password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.click('.login-form button[type="submit"]'),
  ]);
  await page.waitForSelector(`.whoami [data-user="${user}"]`);
}

// The browser's session cookie for `base`, and the CSRF token of that session.
export async function sessionOf(context, base) {
  const cookie = (await context.cookies(base)).find((c) => c.name === "luckyhub_session");
  assert.ok(cookie, "the session cookie is set");
  assert.equal(cookie.httpOnly, true, "the session cookie is HttpOnly");
  assert.equal(cookie.sameSite, "Strict", "the session cookie is SameSite=Strict");
  const res = await fetch(`${base}/api/session`, { headers: { Cookie: `luckyhub_session=${cookie.value}` } });
  assert.equal(res.status, 200);
  return { cookie: cookie.value, ...(await res.json()) };
}

// fetch as that session: its cookie on every request to `base`, and the CSRF
// token on every request that changes something.
export function sessionFetch(base, session) {
  return (url, init = {}) => {
    const headers = new Headers(init.headers);
    if (String(url).startsWith(base)) {
      headers.set("Cookie", `luckyhub_session=${session.cookie}`);
      const method = (init.method ?? "GET").toUpperCase();
      if (method !== "GET" && method !== "HEAD") headers.set("X-CSRF-Token", session.csrf);
    }
    return fetch(url, { ...init, headers });
  };
}
