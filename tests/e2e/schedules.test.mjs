// End-to-end: the scheduler's admin page (/schedules, web/src/pages/schedules.ts)
// in headless Chromium, against a `luckyhub serve --delivery FILE` of its own
// (no mail is due: the schedules' next runs are in the future and catch-up is
// off), and the plain server's page saying it runs no scheduler. Both serve
// with an access file whose admin the browser signs in as (support.mjs).
//
//   LUCKYHUB_BIN=build/luckyhub LUCKYHUB_E2E_WAREHOUSE=w.db node --test tests/e2e/schedules.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { addUser, artifacts, chromiumArgs, chromiumPath, randomPassword, sessionFetch, sessionOf, signIn,
  startServer, warehouse } from "./support.mjs";

let servers = [], browser, profile, dir, withDelivery, plain, password;

const DELIVERY = `
[scheduler]
catch_up = false

[smtp]
url = "smtp://127.0.0.1:9"
username = "luckyhub"
password = "env:LUCKYHUB_E2E_NEVER_SET"
from = "luckyhub@luckin.example"

[[schedule]]
name = "fees-daily"
tool = "payment-fees"
params = { currency = "USD" }
cron = "30 7 * * *"
timezone = "America/New_York"
formats = ["csv"]
to = ["finance@luckin.example", "cfo@luckin.example"]
owner = "it@luckin.example"

[[schedule]]
name = "stores-london"
tool = "stores"
cron = "0 9 * * MON"
timezone = "Europe/London"
to = ["ops@luckin.example"]
owner = "it@luckin.example"

[[job]]
name = "stores-grid"
kind = "refresh"
tool = "stores"
cron = "0 3 1 1 *"
timezone = "America/New_York"
`;

before(async () => {
  assert.ok(warehouse, "set LUCKYHUB_E2E_WAREHOUSE to a simulated warehouse");
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), "luckyhub-e2e-schedules-"));
  writeFileSync(path.join(dir, "delivery.toml"), DELIVERY);
  // Each server has an access file of its own with the same admin (a random password).
  password = randomPassword();
  for (const file of ["access-delivery.db", "access-plain.db"]) addUser(path.join(dir, file), "e2e-admin", "admin", password);
  withDelivery = await startServer(["--delivery", path.join(dir, "delivery.toml"), "--state", path.join(dir, "state.db"),
    "--access", path.join(dir, "access-delivery.db")], servers);
  plain = await startServer(["--access", path.join(dir, "access-plain.db")], servers);
  profile = mkdtempSync(path.join(tmpdir(), "luckyhub-e2e-chromium-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1366, height: 900 },
    args: chromiumArgs,
  });
});

// Signs the browser in to `base` through its login page (the two servers
// are both 127.0.0.1, and a cookie does not tell ports apart: the last
// sign-in's session is the one the browser sends), and returns a fetch
// carrying that session.
async function signedIn(base) {
  const page = await browser.newPage();
  await signIn(page, base, "e2e-admin", password);
  await page.close();
  return sessionFetch(base, await sessionOf(browser, base));
}

after(async () => {
  await browser?.close();
  for (const s of servers) s.kill("SIGTERM");
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

test("the schedules page lists each schedule with its zone, next run and recipients", async () => {
  const fetch = await signedIn(withDelivery);
  const api = await (await fetch(`${withDelivery}/api/schedules`)).json();
  assert.equal(api.configured, true);
  assert.equal(api.schedules.length, 2);
  assert.ok(!JSON.stringify(api).includes("LUCKYHUB_E2E_NEVER_SET"), "the password reference is not shown");
  // Reached from the nav of the home page.
  const { page, errors } = await openPage(`${withDelivery}/`);
  await page.click('nav.topnav a[href="/schedules"]');
  await page.waitForSelector('tr[data-schedule="fees-daily"]');
  const fees = page.locator('tr[data-schedule="fees-daily"]');
  const feesApi = api.schedules.find((s) => s.name === "fees-daily");
  assert.match(feesApi.next_run_local, /^\d{4}-\d\d-\d\d 07:30 E[SD]T$/);
  const text = await fees.innerText();
  for (const expected of ["fees-daily", "payment-fees", "currency=USD", "30 7 * * *", "America/New_York",
    feesApi.next_run_local, feesApi.next_run_utc, "never", "csv", "2 recipients", "finance@luckin.example", "cfo@luckin.example",
    "owner it@luckin.example"]) {
    assert.ok(text.includes(expected), `fees-daily row lacks ${expected}: ${text}`);
  }
  const london = await page.locator('tr[data-schedule="stores-london"]').innerText();
  const londonApi = api.schedules.find((s) => s.name === "stores-london");
  assert.match(londonApi.next_run_local, /^\d{4}-\d\d-\d\d 09:00 (GMT|BST)$/);
  assert.ok(london.includes("Europe/London") && london.includes(londonApi.next_run_local) && london.includes("1 recipient"), london);
  const job = await page.locator('tr[data-job="stores-grid"]').innerText();
  assert.ok(job.includes("refresh") && job.includes("0 3 1 1 *") && job.includes(api.jobs[0].next_run_utc), job);
  assert.equal(await page.locator('a[href="/tools/payment-fees?currency=USD"]').count(), 1);
  await page.screenshot({ path: path.join(artifacts, "schedules.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("without --delivery the page says the server runs no scheduler", async () => {
  await signedIn(plain);
  const { page, errors } = await openPage(`${plain}/schedules`);
  await page.waitForSelector("h1");
  assert.ok((await page.locator("main").innerText()).includes("runs no scheduler"));
  assert.deepEqual(errors, []);
  await page.close();
});
