// End-to-end: signing in, roles and the admin pages (issue 27,
// docs/access.md) in headless Chromium, against a `luckyhub serve --access
// FILE` of its own. The command line makes an admin and a finance user, each
// with a random password; every browser context is one person, who signs in
// through the login page.
//
//   LUCKYHUB_BIN=build/luckyhub LUCKYHUB_E2E_WAREHOUSE=w.db node --test tests/e2e/access.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { addUser, artifacts, chromiumArgs, chromiumPath, randomPassword, sessionFetch, sessionOf, signIn,
  startServer, warehouse } from "./support.mjs";

const servers = [];
let base, browser, dir, adminFetch, allTools;
const passwords = { "e2e-admin": randomPassword(), "e2e-finance": randomPassword() };

before(async () => {
  assert.ok(warehouse, "set LUCKYHUB_E2E_WAREHOUSE to a simulated warehouse");
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), "luckyhub-e2e-access-"));
  const access = path.join(dir, "access.db");
  addUser(access, "e2e-admin", "admin", passwords["e2e-admin"]);
  addUser(access, "e2e-finance", "finance", passwords["e2e-finance"]);
  base = await startServer(["--access", access], servers);
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  // The admin's own requests from this file (the catalog of every tool, the users, the audit log).
  const { context } = await person("e2e-admin");
  adminFetch = sessionFetch(base, await sessionOf(context, base));
  allTools = (await (await adminFetch(`${base}/api/tools`)).json()).tools;
  await context.close();
});

after(async () => {
  await browser?.close();
  for (const s of servers) s.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A fresh browser context (its own cookies) with a page that records console
// errors, signed in as `user` when given.
async function person(user, password = passwords[user]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push({ text: m.text(), url: m.location()?.url ?? "" }); });
  page.on("pageerror", (e) => errors.push({ text: String(e), url: "" }));
  if (user) await signIn(page, base, user, password);
  return { context, page, errors };
}

// The browser's own line for an API answer the page expected (a refused
// password is a 401 by contract): nothing else may be in the console.
function unexpected(errors, allowed = []) {
  return errors.filter((e) => !allowed.some(([status, pathname]) =>
    e.text.includes(`status of ${status}`) && new URL(e.url || "about:blank", base).pathname === pathname))
    .map((e) => e.text);
}

test("the login page: a wrong password shows the server's error, the password is in no URL, then on to next", async () => {
  const { context, page, errors } = await person();
  const urls = [];
  const logins = [];
  page.on("request", (r) => {
    urls.push(r.url());
    if (new URL(r.url()).pathname === "/api/login") logins.push(r);
  });
  // A page asked for without a session: the server sends the browser to /login with the page to come back to.
  await page.goto(`${base}/tools/payment-fees?currency=USD`);
  const here = new URL(page.url());
  assert.equal(here.pathname, "/login");
  assert.equal(here.searchParams.get("next"), "/tools/payment-fees?currency=USD");
  await page.waitForSelector(".login-form");
  assert.equal(await page.locator(".topnav").isVisible(), false, "no nav before signing in");
  await page.screenshot({ path: path.join(artifacts, "login.png"), fullPage: true });

  const wrong = randomPassword();
  await page.fill("#login-user", "e2e-admin");
  await page.fill("#login-password", wrong);
  await page.click('.login-form button[type="submit"]');
  await page.waitForFunction(() => document.querySelector(".login-message")?.textContent.trim() !== "");
  assert.equal((await page.locator(".login-message").textContent()).trim(), "wrong user name or password");
  assert.equal(new URL(page.url()).pathname, "/login", "still on the login page");
  assert.equal(await page.inputValue("#login-password"), "", "the wrong password is cleared");
  await page.screenshot({ path: path.join(artifacts, "login-wrong-password.png"), fullPage: true });

  await page.fill("#login-password", passwords["e2e-admin"]);
  await Promise.all([page.waitForURL((u) => u.pathname === "/tools/payment-fees"), page.click('.login-form button[type="submit"]')]);
  assert.equal(new URL(page.url()).search, "?currency=USD");
  await page.waitForSelector(".panel", { timeout: 120000 });
  assert.equal((await page.locator(".whoami-user").textContent()).trim(), "e2e-admin");
  assert.equal((await page.locator(".whoami-role").textContent()).trim(), "admin");
  assert.equal(await page.locator('.topnav a[href="/admin/users"]').isVisible(), true, "an admin sees Admin");

  // The passwords went in POST bodies only.
  assert.equal(logins.length, 2);
  for (const r of logins) assert.equal(r.method(), "POST");
  assert.equal(JSON.parse(logins[0].postData()).password, wrong);
  for (const u of urls) {
    assert.ok(!u.includes(wrong) && !u.includes(passwords["e2e-admin"]) && !u.includes(encodeURIComponent(passwords["e2e-admin"])),
      `a password in ${u}`);
  }
  assert.deepEqual(unexpected(errors, [[401, "/api/login"]]), []);
  await context.close();
});

test("after signing in, next goes to a path of this site only: never to another host", async () => {
  for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/login?next=/alerts"]) {
    const { context, page, errors } = await person();
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await page.fill("#login-user", "e2e-finance");
    await page.fill("#login-password", passwords["e2e-finance"]);
    await Promise.all([page.waitForURL((u) => u.pathname !== "/login"), page.click('.login-form button[type="submit"]')]);
    const landed = new URL(page.url());
    assert.equal(landed.origin, base, `next=${next}`);
    assert.equal(landed.pathname + landed.search, "/", `next=${next}`);
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  }
});

test("a finance user's home shows only the finance tools, and an IT tool is refused", async () => {
  const finance = allTools.filter((t) => t.department === "finance").map((t) => t.id);
  const it = allTools.find((t) => t.department === "it");
  assert.ok(finance.length >= 3 && it, "the catalog has finance tools and an IT tool");
  const { context, page, errors } = await person("e2e-finance");
  await page.waitForSelector("[data-department]");
  assert.deepEqual(await page.locator("[data-department]").evaluateAll((d) => d.map((x) => x.dataset.department)), ["finance"]);
  assert.deepEqual(await page.locator("[data-tool]").evaluateAll((d) => d.map((x) => x.dataset.tool)), finance);
  for (const id of finance) {
    await page.locator(`[data-tool="${id}"] .tile, [data-tool="${id}"] .headline .muted:not(:has-text("Loading")), [data-tool="${id}"] .error-text`).first().waitFor();
    assert.equal(await page.locator(`[data-tool="${id}"] .error-text`).count(), 0, `${id} shows an error`);
  }
  assert.equal((await page.locator(".whoami-role").textContent()).trim(), "finance");
  const mine = sessionFetch(base, await sessionOf(context, base));
  assert.equal(await page.locator('.topnav a[href="/admin/users"]').isVisible(), false, "no Admin link for finance");
  assert.equal(await page.locator('.topnav a[href="/alerts"]').isVisible(), false, "no Alerts link for finance");
  assert.equal((await mine(`${base}/api/alerts`)).status, 403, "(which the server refuses)");
  await page.screenshot({ path: path.join(artifacts, "home-finance.png"), fullPage: true });
  assert.deepEqual(unexpected(errors), []);

  // The same refusals through the API, as this user.
  const tools = (await (await mine(`${base}/api/tools`)).json()).tools.map((t) => t.id);
  assert.deepEqual(tools, finance);
  // Its home document has those tools only, with the admin's figures for them
  // (an unrestricted role sees every store), each drawn as its tile.
  const home = (await (await mine(`${base}/api/home`)).json()).tools;
  const adminHome = (await (await adminFetch(`${base}/api/home`)).json()).tools;
  assert.deepEqual(home.map((t) => t.id), finance);
  assert.deepEqual(home, adminHome.filter((t) => finance.includes(t.id)));
  for (const entry of home) {
    for (const figure of entry.figures) {
      const tile = page.locator(`[data-tool="${entry.id}"] a[href="${figure.link}"] [data-tile="${figure.id}"]`);
      assert.equal((await tile.locator(".tile-label").textContent()).trim(), figure.label, `${entry.id} ${figure.id}`);
      assert.match(await tile.getAttribute("class"), new RegExp(`status-${figure.status}`));
    }
  }
  const report = await mine(`${base}/api/reports/${it.id}`);
  assert.equal(report.status, 403);
  assert.ok((await report.json()).error);
  assert.equal((await mine(`${base}/api/users`)).status, 403);

  // The pages: the IT tool and the admin pages are refused with a page that says so.
  for (const refused of [`/tools/${it.id}`, "/admin/users"]) {
    const response = await page.goto(`${base}${refused}`);
    assert.equal(response.status(), 403, refused);
    assert.ok((await page.locator("body").innerText()).trim().length > 0, `${refused}: the refusal says why`);
    assert.equal(await page.locator(".panel").count(), 0, `${refused}: no data`);
  }
  await context.close();
});

test("sign out returns to /login, the session is gone, and the back button shows no data", async () => {
  const { context, page, errors } = await person("e2e-finance");
  await page.waitForSelector("[data-tool] .tile", { timeout: 120000 });
  const session = await sessionOf(context, base);
  const before = sessionFetch(base, session);
  assert.equal((await before(`${base}/api/tools`)).status, 200);
  await Promise.all([page.waitForURL((u) => u.pathname === "/login"), page.click(".whoami .signout")]);
  await page.waitForSelector(".login-form");
  assert.equal((await context.cookies(base)).filter((c) => c.name === "luckyhub_session" && c.value).length, 0, "the cookie is cleared");
  // The old cookie no longer opens anything.
  for (const p of ["/api/session", "/api/tools", "/api/home"]) {
    const res = await before(`${base}${p}`);
    assert.equal(res.status, 401, p);
    assert.ok((await res.json()).error, `${p}: the 401 says why`);
  }
  // Back: the home page again, whether from the network or the back-forward
  // cache, asks the server, which sends the browser back to the login page.
  await page.goBack();
  await page.waitForURL((u) => u.pathname === "/login");
  await page.waitForSelector(".login-form");
  assert.equal(await page.locator("[data-tool], .tile, .panel").count(), 0, "no data after the back button");
  assert.deepEqual(unexpected(errors, [[401, "/api/session"], [401, "/api/tools"], [401, "/api/home"]]), []);
  await context.close();
});

test("the admin adds a user on /admin/users, who can sign in; a role change and a disable take effect", async () => {
  const { context, page, errors } = await person("e2e-admin");
  await page.click('.topnav a[href="/admin/users"]');
  await page.waitForSelector('tr[data-user="e2e-admin"]');
  const listed = (await (await adminFetch(`${base}/api/users`)).json()).users;
  assert.equal(await page.locator('[data-panel="users"] tbody tr').count(), listed.length);
  for (const u of listed) {
    const cells = (await page.locator(`tr[data-user="${u.name}"] td`).allTextContents()).map((c) => c.trim());
    assert.equal(cells[0].replace(" (you)", ""), u.name);
    assert.equal(cells[2], u.stores.length ? u.stores.join(", ") : "every store");
    assert.equal(cells[3], u.disabled ? "disabled" : "active");
    assert.deepEqual([cells[4], cells[5]], [u.created, u.updated]);
  }
  assert.equal(await page.locator('[data-toggle="e2e-admin"]').count(), 0, "no Disable for oneself");
  const form = page.locator('form[data-form="add-user"]');

  // A refused user: the server's reason is shown beside the form.
  await form.locator('input[name="name"]').fill("e2e-short");
  await form.locator('input[name="password"]').fill("short");
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('form[data-form="add-user"] .form-message.error');
  assert.match(await form.locator(".form-message").textContent(), /12/, "the password rule is named");
  assert.equal(await page.locator('tr[data-user="e2e-short"]').count(), 0);

  const name = "e2e-new";
  const password = randomPassword();
  await form.locator('input[name="name"]').fill(name);
  await form.locator('select[name="role"]').selectOption("marketing");
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector(`tr[data-user="${name}"]`);
  assert.equal((await page.locator(`tr[data-user="${name}"] td[data-role]`).textContent()).trim(), "Marketing");
  await page.screenshot({ path: path.join(artifacts, "admin-users.png"), fullPage: true });
  const added = (await (await adminFetch(`${base}/api/users`)).json()).users.find((u) => u.name === name);
  assert.deepEqual([added.role, added.stores, added.disabled], ["marketing", [], false]);

  // The new user signs in through the page and sees marketing's tools.
  const marketing = allTools.filter((t) => t.department === "marketing").map((t) => t.id);
  const newcomer = await person(name, password);
  assert.equal((await newcomer.page.locator(".whoami-role").textContent()).trim(), "marketing");
  await newcomer.page.waitForSelector("[data-tool]");
  assert.deepEqual(await newcomer.page.locator("[data-tool]").evaluateAll((d) => d.map((x) => x.dataset.tool)), marketing);
  assert.deepEqual(unexpected(newcomer.errors), []);
  await newcomer.context.close();

  // Product, restricted to two stores.
  await page.click(`[data-change="${name}"]`);
  const edit = page.locator(`[data-panel="edit-user"][data-user="${name}"]`);
  await edit.locator('select[name="role"]').selectOption("product");
  await edit.locator('input[name="stores"]').fill("abc");
  await edit.locator('form[data-form="role"] button[type="submit"]').click();
  assert.match(await edit.locator('form[data-form="role"] .form-message.error').textContent(), /store ids/);
  await edit.locator('input[name="stores"]').fill("3, 5");
  await edit.locator('form[data-form="role"] button[type="submit"]').click();
  await page.waitForFunction((n) => document.querySelector(`tr[data-user="${n}"] td[data-role]`)?.textContent === "Product", name);
  assert.equal((await page.locator(`tr[data-user="${name}"] td`).nth(2).textContent()).trim(), "3, 5");
  let changed = (await (await adminFetch(`${base}/api/users`)).json()).users.find((u) => u.name === name);
  assert.deepEqual([changed.role, changed.stores], ["product", [3, 5]]);

  // A new password: the old one stops working.
  const second = randomPassword();
  await edit.locator('input[name="password"]').fill(second);
  await edit.locator('form[data-form="password"] button[type="submit"]').click();
  await edit.locator('form[data-form="password"] .form-message.ok').waitFor();
  const again = await person(name, second);
  assert.equal((await again.page.locator(".whoami-role").textContent()).trim(), "product");
  assert.equal((await again.page.locator(".whoami-stores").textContent()).trim(), "stores 3, 5");
  await again.context.close();

  // Disabled: the sign-in is refused like a wrong password.
  await page.click(`[data-toggle="${name}"]`);
  await page.waitForSelector(`tr[data-user="${name}"] .badge-off`);
  changed = (await (await adminFetch(`${base}/api/users`)).json()).users.find((u) => u.name === name);
  assert.equal(changed.disabled, true);
  assert.equal((await page.locator(`[data-toggle="${name}"]`).textContent()).trim(), "Enable");
  const refused = await person();
  await refused.page.goto(`${base}/login`);
  await refused.page.fill("#login-user", name);
  await refused.page.fill("#login-password", second);
  await refused.page.click('.login-form button[type="submit"]');
  await refused.page.waitForFunction(() => document.querySelector(".login-message")?.textContent.trim() !== "");
  assert.equal((await refused.page.locator(".login-message").textContent()).trim(), "wrong user name or password");
  await refused.context.close();
  // (The refused short password is the one answer that is not a 2xx.)
  assert.deepEqual(unexpected(errors, [[400, "/api/users"]]), []);
  await context.close();
});

test("an API token created on /admin/tokens is shown once with a copy button, acts with its role, and is revoked after a confirm", async () => {
  const { context, page, errors } = await person("e2e-admin");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  await page.goto(`${base}/admin/tokens`);
  await page.waitForSelector('[data-panel="tokens"] table');
  const form = page.locator('form[data-form="add-token"]');
  await form.locator('input[name="name"]').fill("e2e finance script");
  await form.locator('select[name="role"]').selectOption("finance");
  await form.locator('button[type="submit"]').click();
  const field = page.locator('[data-panel="new-token-secret"] .token-secret');
  await field.waitFor();
  const secret = await field.inputValue();
  assert.match(secret, /^lh_[0-9a-f]{12}_\S+$/);
  assert.match(await page.locator(".token-warning").textContent(), /shown only this once/);
  const id = secret.split("_")[1];
  await page.waitForSelector(`tr[data-token="${id}"]`);
  await page.screenshot({ path: path.join(artifacts, "admin-tokens.png"), fullPage: true });

  // Copy puts the whole token on the clipboard.
  await page.click('[data-panel="new-token-secret"] .copy');
  await page.waitForSelector('[data-panel="new-token-secret"] .form-message.ok');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

  // It acts as finance, without a session or a CSRF token.
  const bearer = { headers: { Authorization: `Bearer ${secret}` } };
  const tools = await fetch(`${base}/api/tools`, bearer);
  assert.equal(tools.status, 200);
  assert.deepEqual((await tools.json()).tools.map((t) => t.id),
    allTools.filter((t) => t.department === "finance").map((t) => t.id));

  // The list never has it again, nor does the page once reloaded.
  const listed = await (await adminFetch(`${base}/api/tokens`)).json();
  // (the secret part is base64url: it may hold "_" itself)
  assert.ok(!JSON.stringify(listed).includes(secret.slice(`lh_${id}_`.length)), "the list holds no secret");
  const row = listed.tokens.find((t) => t.id === id);
  assert.deepEqual([row.name, row.role, row.created_by, row.revoked], ["e2e finance script", "finance", "e2e-admin", ""]);
  await page.reload();
  await page.waitForSelector(`tr[data-token="${id}"]`);
  assert.ok(!(await page.content()).includes(secret), "shown once: not after a reload");
  assert.equal(await page.locator(".token-secret").count(), 0);

  // Revoke asks first; Cancel keeps it.
  await page.click(`[data-revoke="${id}"]`);
  await page.waitForSelector(`[data-confirm-revoke="${id}"]`);
  await page.click(`tr[data-token="${id}"] button:has-text("Cancel")`);
  assert.equal((await fetch(`${base}/api/tools`, bearer)).status, 200, "still valid after Cancel");
  await page.click(`[data-revoke="${id}"]`);
  await page.click(`[data-confirm-revoke="${id}"]`);
  await page.waitForSelector(`tr[data-token="${id}"] .badge-off`);
  assert.match(await page.locator(`tr[data-token="${id}"] .badge-off`).textContent(), /^revoked \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.equal((await fetch(`${base}/api/tools`, bearer)).status, 401, "a revoked token is refused");
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("the audit page lists the sign-ins, newest first, and pages to older events", async () => {
  const { context, page, errors } = await person("e2e-admin");
  const { events } = await (await adminFetch(`${base}/api/audit?limit=200`)).json();
  assert.ok(events.some((e) => e.action === "login" && e.actor === "e2e-admin" && e.outcome === "ok"), "the admin's sign-in");
  assert.ok(events.some((e) => e.action === "login" && e.actor === "e2e-finance" && e.outcome === "ok"), "finance's sign-in");
  assert.ok(events.some((e) => e.action === "login_failed"), "the wrong password");
  const text = JSON.stringify(events);
  for (const p of Object.values(passwords)) assert.ok(!text.includes(p), "no password in the audit log");

  await page.click('.topnav a[href="/admin/users"]');
  await page.click('.admin-tabs a[href="/admin/audit"]');
  await page.waitForSelector('[data-panel="audit"] tbody tr[data-action]');
  // The page's first rows are the log's newest, cell by cell (the page's own
  // visit may have added events since: compare with the log read after it).
  const now = (await (await adminFetch(`${base}/api/audit?limit=200`)).json()).events;
  const rows = page.locator('[data-panel="audit"] tbody tr');
  const shown = await rows.count();
  assert.ok(shown >= events.length && shown <= now.length, `${shown} rows`);
  const offset = now.length - shown;  // events written after the page was drawn
  for (let i = 0; i < Math.min(5, shown); i++) {
    const e = now[offset + i];
    assert.deepEqual((await rows.nth(i).locator("td").allTextContents()).map((c) => c.trim()),
      [e.at, e.actor, e.address, e.action, e.object, e.outcome, e.detail], `row ${i}`);
  }
  assert.ok(await page.locator('tr[data-action="login"]', { hasText: "e2e-finance" }).count() >= 1);
  assert.ok(await page.locator('tr[data-action="login_failed"]').count() >= 1);
  await page.screenshot({ path: path.join(artifacts, "admin-audit.png"), fullPage: true });

  // Two at a time: each Older shows the next two of the whole log (events of
  // one second included: sign-ins come fast), and the pages add up to it.
  const whole = (await (await adminFetch(`${base}/api/audit?limit=5000`)).json()).events;
  const key = (e) => [e.at, e.actor, e.action, e.object, e.outcome, e.detail].join("|");
  const shownKeys = () => rows.evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent)))
    .then((cells) => cells.map(([at, actor, , action, object, outcome, detail]) => [at, actor, action, object, outcome, detail].join("|")));
  const shows = async (want, what) => {
    await page.waitForFunction((w) => JSON.stringify([...document.querySelectorAll('[data-panel="audit"] tbody tr[data-action]')]
      .map((r) => { const c = [...r.querySelectorAll("td")].map((x) => x.textContent); return [c[0], c[1], c[3], c[4], c[5], c[6]].join("|"); }))
      === JSON.stringify(w), want, { timeout: 10000 }).catch(() => {});
    assert.deepEqual(await shownKeys(), want, what);
  };
  await page.goto(`${base}/admin/audit?limit=2`);
  await shows(whole.slice(0, 2).map(key), "page 1");
  for (let p = 1; p < Math.min(6, Math.ceil(whole.length / 2)); p++) {
    await page.click(".paging a.older");
    await shows(whole.slice(2 * p, 2 * p + 2).map(key), `page ${p + 1}`);
  }
  assert.match(page.url(), /before=\d+/);
  assert.equal(await page.locator(".paging a.newest").count(), 1);
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("too many failed sign-ins: the login page shows the server's wait", async () => {
  // Five wrong passwords for one name (the per-user limit), then one more on the page.
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`${base}/api/login`, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user: "e2e-finance", password: randomPassword() }) });
    assert.equal(res.status, 401, `attempt ${i + 1}`);
  }
  const { context, page, errors } = await person();
  await page.goto(`${base}/login`);
  await page.fill("#login-user", "e2e-finance");
  await page.fill("#login-password", passwords["e2e-finance"]);
  await page.click('.login-form button[type="submit"]');
  await page.waitForFunction(() => document.querySelector(".login-message")?.textContent.trim() !== "");
  assert.match(await page.locator(".login-message").textContent(), /^too many failed .*: try again in \d+ s$/);
  assert.equal(new URL(page.url()).pathname, "/login");
  await page.screenshot({ path: path.join(artifacts, "login-throttled.png"), fullPage: true });
  assert.deepEqual(unexpected(errors, [[429, "/api/login"]]), []);
  await context.close();
});
