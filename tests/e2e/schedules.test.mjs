// End-to-end: the scheduler's admin page (/schedules, web/src/pages/schedules.ts)
// in headless Chromium, against a `luckyhub serve --delivery FILE` of its own
// (no mail is due: the schedules' next runs are in the future and catch-up is
// off), and the plain server's page saying it runs no scheduler.
//
//   LUCKYHUB_BIN=build/luckyhub LUCKYHUB_E2E_WAREHOUSE=w.db node --test tests/e2e/schedules.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const bin = process.env.LUCKYHUB_BIN ?? "build/luckyhub";
const warehouse = process.env.LUCKYHUB_E2E_WAREHOUSE;
const artifacts = process.env.LUCKYHUB_E2E_ARTIFACTS ?? "build/e2e-artifacts";
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

let servers = [], browser, profile, dir, withDelivery, plain;

function startServer(args) {
  return new Promise((resolve, reject) => {
    const server = spawn(bin, ["serve", "--warehouse", warehouse, "--listen", "127.0.0.1:0", ...args],
      { stdio: ["ignore", "ignore", "pipe"] });
    servers.push(server);
    let log = "";
    const timer = setTimeout(() => reject(new Error(`luckyhub serve did not start: ${log}`)), 20000);
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const m = /serving the dashboard at (http:\/\/[^/\s]+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`luckyhub serve exited with ${code}: ${log}`)));
  });
}

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
  withDelivery = await startServer(["--delivery", path.join(dir, "delivery.toml"), "--state", path.join(dir, "state.db")]);
  plain = await startServer([]);
  profile = mkdtempSync(path.join(tmpdir(), "luckyhub-e2e-chromium-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1366, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

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
  const { page, errors } = await openPage(`${plain}/schedules`);
  await page.waitForSelector("h1");
  assert.ok((await page.locator("main").innerText()).includes("runs no scheduler"));
  assert.deepEqual(errors, []);
  await page.close();
});
