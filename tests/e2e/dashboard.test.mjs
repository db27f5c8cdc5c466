// End-to-end: the dashboard in a real headless Chromium (Debian's, driven by
// playwright-core). Starts `luckyhub serve` on a free loopback port against
// the warehouse in $LUCKYHUB_E2E_WAREHOUSE with an access file of its own,
// whose one admin the command line creates with a random password; the
// browser signs in through the login page, and every request of these cases
// (the page's and this file's own fetches) is that admin's. Then checks the
// home page and every registered tool's page. Screenshots go to
// $LUCKYHUB_E2E_ARTIFACTS.
//
//   LUCKYHUB_BIN=build/luckyhub LUCKYHUB_E2E_WAREHOUSE=w.db node --test tests/e2e/
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { addUser, artifacts, bin, chromiumArgs, chromiumPath, randomPassword, sessionFetch, sessionOf, signIn,
  startServer, warehouse } from "./support.mjs";

let base, browser, profile, tools, dir;
const servers = [];
// This file's requests to the server go as the signed-in admin (set below).
let fetch = globalThis.fetch;

before(async () => {
  assert.ok(warehouse, "set LUCKYHUB_E2E_WAREHOUSE to a simulated warehouse");
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), "luckyhub-e2e-dashboard-"));
  const access = path.join(dir, "access.db");
  const password = randomPassword();
  addUser(access, "e2e-admin", "admin", password);
  base = await startServer(["--access", access], servers);
  profile = mkdtempSync(path.join(tmpdir(), "luckyhub-e2e-chromium-"));
  // A fresh user-data-dir: playwright passes it as --user-data-dir.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
    args: chromiumArgs,
  });
  const page = await browser.newPage();
  await signIn(page, base, "e2e-admin", password);
  await page.close();
  fetch = sessionFetch(base, await sessionOf(browser, base));
  tools = (await (await fetch(`${base}/api/tools`)).json()).tools;
});

after(async () => {
  await browser?.close();
  for (const s of servers) s.kill("SIGTERM");
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A page that records console errors and failed requests.
async function openPage(url) {
  const page = await browser.newPage();
  const context = page;  // closed after the test
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, context, errors };
}

// The API's answer for a report, asked again while it is computing (202).
async function settled(pathAndQuery) {
  let response = await fetch(`${base}/api/reports/${pathAndQuery}`);
  for (let i = 0; response.status === 202 && i < 240; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    response = await fetch(`${base}/api/reports/${pathAndQuery}`);
  }
  return response;
}

async function reportOf(pathAndQuery) {
  const response = await settled(pathAndQuery);
  assert.equal(response.status, 200);
  return response.json();
}

// A headline value as the page formats it (web/src/format.ts) for the types
// headlines use (numbers: up to two decimals and the unit; seconds as a
// duration, m and s from a minute on; not bytes).
function formatted(figure) {
  if (figure.type === "int") return new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(figure.value);
  if (figure.type === "number" && figure.unit === "s") {
    const v = figure.value;
    if (v < 9.995) return `${v.toFixed(2)} s`;
    if (v < 59.5) return `${v.toFixed(0)} s`;
    if (v >= 3600) throw new Error(`a headline of ${v} s: hours not expected`);
    const whole = Math.round(v);
    return `${Math.floor(whole / 60)}m ${whole % 60}s`;
  }
  if (figure.type === "number" && figure.unit !== "bytes") {
    return new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(figure.value) + (figure.unit ? ` ${figure.unit}` : "");
  }
  if (figure.type === "rate") return `${(figure.value * 100).toFixed(Math.abs(figure.value) < 0.1 ? 2 : 1)}%`;
  if (figure.type === "money") {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: figure.currency, currencyDisplay: "narrowSymbol" })
      .format(figure.value / 100);
  }
  throw new Error(`no formatter for a ${figure.type} headline`);
}

// Any value as the page shows it (web/src/format.ts's rules, written again
// here so that a wrong formatter shows): null as a dash, text as itself, money
// from cents with its currency, rates as percentages, bytes in binary units,
// seconds as durations, other numbers with up to two decimals and their unit.
const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
function bytes(v) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  if (i === 0) return `${intFormat.format(v)} B`;
  const a = Math.abs(v);
  return `${v.toFixed(a < 9.995 ? 2 : a < 99.95 ? 1 : 0)} ${units[i]}`;
}
function duration(seconds) {
  const sign = seconds < 0 ? "-" : "";
  const s = Math.abs(seconds);
  if (s < 9.995) return `${sign}${s.toFixed(2)} s`;
  if (s < 59.5) return `${sign}${s.toFixed(0)} s`;
  const w = Math.round(s);
  const d = Math.floor(w / 86400), h = Math.floor((w % 86400) / 3600), m = Math.floor((w % 3600) / 60);
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${m}m`;
  return `${sign}${m}m ${w % 60}s`;
}
function shownAs(value, typed) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typed.type === "number" && typed.unit === "bytes") return bytes(value);
  if (typed.type === "number" && typed.unit === "s") return duration(value);
  return formatted({ ...typed, value });
}

test("the home page shows every tool's headline from /api/home and computes no report", async () => {
  const page = await browser.newPage();
  const errors = [];
  const api = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (new URL(r.url()).pathname.startsWith("/api/")) api.push(new URL(r.url()).pathname); });
  await page.goto(`${base}/`);
  await page.waitForSelector("[data-department]");
  assert.equal(await page.locator("[data-department]").count(), 6);
  for (const t of tools) {
    // The tool's real figures (or its note that it has none), or its error:
    // never the "Loading headline…" placeholder.
    await page.locator(`[data-tool="${t.id}"] .tile, [data-tool="${t.id}"] .headline .muted:not(:has-text("Loading")), [data-tool="${t.id}"] .error-text`).first().waitFor();
    assert.equal(await page.locator(`[data-tool="${t.id}"] .error-text`).count(), 0, `${t.id} shows an error tile`);
    assert.equal(await page.locator(`[data-tool="${t.id}"] :text("Loading")`).count(), 0, `${t.id} still loading`);
  }
  const home = await (await fetch(`${base}/api/home`)).json();
  let shown = 0;
  for (const entry of home.tools) {
    assert.equal(entry.error, undefined, `${entry.id}: ${entry.error}`);
    for (const figure of entry.figures) {
      const tile = page.locator(`[data-tool="${entry.id}"] a[href="${figure.link}"] [data-tile="${figure.id}"]`);
      assert.equal((await tile.locator(".tile-value").textContent()).trim(), formatted(figure), `${entry.id} ${figure.id}`);
      assert.match(await tile.getAttribute("class"), new RegExp(`status-${figure.status}`));
      shown++;
    }
  }
  assert.ok(shown >= 12, `the six tools' headlines are shown (${shown} figures)`);
  // How current the figures are, as every report's header says it.
  assert.equal(home.deletions_reconciled, `${home.as_of} 00:00:00`);
  assert.equal((await page.locator(".report-meta").textContent()).trim(),
    `Data as of ${home.as_of} · deletions reconciled ${home.as_of} 00:00 UTC`);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(artifacts, "home.png"), fullPage: true });
  assert.deepEqual(api.filter((p) => p.startsWith("/api/reports/")), [], "the home page asks for no report");
  assert.deepEqual(errors, []);

  // A figure opens the report that shows the same value.
  const figure = home.tools.find((t) => t.id === "payment-fees").figures[0];
  await page.locator(`a[href="${figure.link}"]`).first().click();
  await page.waitForURL((url) => url.pathname + url.search === figure.link);
  const tile = page.locator(`[data-panel="summary"] [data-tile="${figure.id}"] .tile-value`);
  assert.equal((await tile.textContent()).trim(), formatted(figure));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the server refuses hostile requests and keeps serving", async () => {
  // (fetch itself resolves "/%2e%2e/" away; the C++ tests send raw targets.)
  for (const bad of ["/assets/..%2f..%2fCMakeLists.txt", "/tools/..%5c..%5cetc"]) {
    assert.equal((await fetch(base + bad)).status, 400, bad);
  }
  assert.equal((await fetch(`${base}/api/reports/no-such-tool`)).status, 404);
  assert.equal((await fetch(`${base}/api/health`)).status, 200);
});

test("every tool page draws its report", async (t) => {
  for (const tool of tools) {
    await t.test(tool.id, async () => {
      const { page, context, errors } = await openPage(`${base}/tools/${tool.id}`);
      await page.waitForSelector(".panel", { timeout: 120000 });
      const report = await reportOf(tool.id);
      assert.equal(await page.locator(".panel").count(), report.panels.length);

      // Every tile's value as rendered, and the first rows of every table,
      // cell by cell, before any sorting.
      for (const panel of report.panels.filter((p) => p.kind === "kpis")) {
        for (const tile of panel.tiles) {
          const shown = page.locator(`[data-panel="${panel.id}"] [data-tile="${tile.id}"] .tile-value`);
          assert.equal((await shown.textContent()).trim(), shownAs(tile.value, tile), `${panel.id}.${tile.id}`);
        }
      }
      for (const panel of report.panels.filter((p) => p.kind === "table")) {
        const rows = page.locator(`[data-panel="${panel.id}"] tbody tr`);
        for (let r = 0; r < Math.min(3, panel.rows.length); r++) {
          const cells = await rows.nth(r).locator("td").allTextContents();
          assert.deepEqual(cells.map((c) => c.trim()), panel.rows[r].map((v, j) => shownAs(v, panel.columns[j]).trim()),
            `${panel.id} row ${r}`);
        }
        if (panel.rows.length === 0) {
          assert.match(await rows.first().textContent(), /No rows/, `${panel.id} says it is empty`);
        }
      }
      // Each line or bar chart draws every series with a point per x label (a
      // whisker pair is one interval series over the bars; violins are one
      // shape per series, over their own categories).
      for (const panel of report.panels.filter((p) => p.kind === "timeseries" || p.kind === "bar")) {
        const chart = page.locator(`[data-panel="${panel.id}"] .chart[data-series]`).first();
        await chart.waitFor();
        const drawn = JSON.parse(await chart.getAttribute("data-series"));
        const x = Number(await chart.getAttribute("data-x"));
        if (panel.series[0]?.draw === "pie") {
          assert.deepEqual(drawn, [panel.x.length], `${panel.id}: a slice per label`);
          continue;
        }
        if (panel.series.every((s) => s.draw === "violin")) {
          assert.deepEqual([drawn, x], [[panel.series.length], panel.series.length], `${panel.id}: a violin per series`);
          continue;
        }
        const plain = panel.series.filter((s) => !s.draw?.startsWith("whisker"));
        const whiskers = panel.series.length - plain.length;
        assert.equal(drawn.length, plain.length + (whiskers ? 1 : 0), `${panel.id}: series drawn`);
        drawn.forEach((n, i) => assert.equal(n, panel.x.length, `${panel.id} series ${i} points`));
        assert.equal(x, panel.x.length, `${panel.id} x labels`);
      }

      const charts = report.panels.filter((p) => ["timeseries", "bar", "heatmap", "scatter", "distribution"].includes(p.kind));
      if (charts.length) {
        await page.waitForSelector(".chart canvas");
        const drawn = await page.locator(".chart canvas").first().evaluate((c) => c.width > 0 && c.height > 0);
        assert.ok(drawn, "a chart canvas is drawn");
      }

      const tables = report.panels.filter((p) => p.kind === "table");
      for (const panel of tables) {
        const card = page.locator(`[data-panel="${panel.id}"]`);
        const header = card.locator("th").first();
        await header.click();
        assert.match(await header.getAttribute("aria-sort"), /ascending|descending/);
        if (panel.rows.length > 1) {
          const col = panel.columns[0];
          const first = await card.locator("tbody tr td").first().textContent();
          await header.click();
          const reversed = await card.locator("tbody tr td").first().textContent();
          assert.ok(first !== reversed || new Set(panel.rows.map((r) => r[0])).size === 1, `${col.id} sorts both ways`);
        }
        const [download] = await Promise.all([page.waitForEvent("download"), card.locator("a.csv").click()]);
        const file = await download.path();
        const header_line = readFileSync(file, "utf8").split("\n")[0];
        assert.equal(header_line, panel.columns.map((c) => c.id).join(","), "the CSV's header is the column ids");
      }
      await page.screenshot({ path: path.join(artifacts, `${tool.id}.png`), fullPage: true });

      // A drill-down link, where a table has one, opens its report.
      const drill = page.locator("a.drill").first();
      if (await drill.count()) {
        await drill.click();
        await page.waitForURL(/\/tools\//);
        await page.waitForSelector(".panel, .error-text", { timeout: 120000 });
        assert.equal(await page.locator(".error-text").count(), 0, "the drill-down report loads");
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

test("a report page downloads the whole report as PDF and XLSX with its parameters", async () => {
  const { page, context, errors } = await openPage(`${base}/tools/payment-fees?currency=USD&shift_share=0.2`);
  await page.waitForSelector(".panel", { timeout: 120000 });
  const report = await (await fetch(`${base}/api/reports/payment-fees?currency=USD&shift_share=0.2`)).json();
  for (const [format, magic, type] of [["pdf", "%PDF-", "application/pdf"],
    ["xlsx", "PK\u0003\u0004", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]]) {
    const link = page.locator(`.report-downloads a.${format}`);
    assert.equal(await link.getAttribute("href"), `/api/reports/payment-fees.${format}?currency=USD&shift_share=0.2`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    assert.equal(download.suggestedFilename(), `payment-fees-${report.as_of}.${format}`);
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, magic.length).toString("latin1"), magic, `${format} magic bytes`);
    assert.ok(bytes.length > 5000, `${format} is ${bytes.length} bytes`);
    const res = await fetch(`${base}/api/reports/payment-fees.${format}?currency=USD&shift_share=0.2`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), type);
    assert.equal(res.headers.get("content-disposition"), `attachment; filename="payment-fees-${report.as_of}.${format}"`);
    const bad = await fetch(`${base}/api/reports/payment-fees.${format}?shift_share=lots`);
    assert.equal(bad.status, 400);
    assert.ok((await bad.json()).error);
  }
  await page.screenshot({ path: path.join(artifacts, "downloads.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a parameter change reloads the report with the values it changes, and stays in the URL", async () => {
  // The reconciliation's currency: USD production or the NZD test tenant,
  // whose orders total differs.
  const tool = tools.find((t) => t.id === "reconciliation");
  assert.ok(tool, "the reconciliation tool is registered");
  const param = tool.params.find((p) => p.name === "currency");
  assert.equal(param?.type, "choice", "its currency is a choice");
  const usd = await reportOf("reconciliation");
  const nzd = await reportOf("reconciliation?currency=NZD");
  const total = (r) => r.panels.find((p) => p.id === "summary").tiles.find((t) => t.id === "orders_total");
  assert.notEqual(total(nzd).value, total(usd).value, "the two currencies' totals differ");
  const { page, context, errors } = await openPage(`${base}/tools/reconciliation`);
  const tile = page.locator('[data-panel="summary"] [data-tile="orders_total"] .tile-value');
  await tile.waitFor({ timeout: 120000 });
  assert.equal((await tile.textContent()).trim(), shownAs(total(usd).value, total(usd)));
  await page.selectOption("#param-currency", "NZD");
  await page.waitForURL(/currency=NZD/);
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want,
    ['[data-panel="summary"] [data-tile="orders_total"] .tile-value', shownAs(total(nzd).value, total(nzd))],
    { timeout: 120000 });
  assert.match(await page.locator(".report-meta").textContent(), /as of/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a report's header says when deletions were last reconciled, and warns when that is a day before the as-of", async () => {
  const report = await reportOf("reconciliation");
  // A simulated warehouse is complete at its as-of (docs/sync.md).
  assert.equal(report.deletions_reconciled, `${report.as_of} 00:00:00`);
  const label = `${report.deletions_reconciled.slice(0, 16)} UTC`;
  const { page, context, errors } = await openPage(`${base}/tools/reconciliation`);
  const meta = page.locator(".report-meta");
  await page.waitForFunction(() => /deletions reconciled/.test(document.querySelector(".report-meta")?.textContent ?? ""),
    null, { timeout: 120000 });
  assert.match(await meta.textContent(), new RegExp(`data as of ${report.as_of} · deletions reconciled ${label}$`));
  assert.equal(await page.locator(".freshness-warning").count(), 0, "no warning when current");
  await page.screenshot({ path: path.join(artifacts, "deletions-reconciled.png") });
  assert.deepEqual(errors, []);
  await context.close();

  // The same report from a warehouse whose deletions were last reconciled
  // three days before its as-of (2 days and 21 hours before its midnight).
  const stale = await browser.newPage();
  const staleErrors = [];
  stale.on("console", (m) => { if (m.type() === "error") staleErrors.push(m.text()); });
  stale.on("pageerror", (e) => staleErrors.push(String(e)));
  const asOf = new Date(`${report.as_of}T00:00:00Z`);
  const old = new Date(asOf.getTime() - (2 * 24 + 21) * 3600 * 1000).toISOString();
  const oldTime = `${old.slice(0, 10)} ${old.slice(11, 19)}`;
  await stale.route("**/api/reports/reconciliation*", async (route) => {
    const response = await route.fetch();
    if (response.status() !== 200) return route.fulfill({ response });
    const json = await response.json();
    return route.fulfill({ response, json: { ...json, deletions_reconciled: oldTime } });
  });
  await stale.goto(`${base}/tools/reconciliation`);
  const warning = stale.locator(".freshness-warning");
  await warning.waitFor({ timeout: 120000 });
  assert.equal((await warning.textContent()).trim(),
    `Deletions were last reconciled 2 days before the data's as-of: rows deleted at the sources since ${oldTime.slice(0, 16)} UTC ` +
    "still count in these figures until a sync reconciles them (luckyhub sync --reconcile).");
  assert.match(await stale.locator(".report-meta").textContent(), new RegExp(`deletions reconciled ${oldTime.slice(0, 16)} UTC$`));
  await stale.screenshot({ path: path.join(artifacts, "deletions-stale.png") });
  assert.deepEqual(staleErrors, []);
  await stale.close();
});

// The reconciliation's cost side: each day's processing fees against the
// fee bills posted (the daily table's fourth column), and a fee-booking
// break's day drilled down to its channels, whose fees add up to the day's.
test("the reconciliation's fee bills: the fourth column and a break's day by channel", async () => {
  const usd = await reportOf("reconciliation");
  const breaks = usd.panels.find((p) => p.id === "discrepancies");
  const kind = breaks.columns.findIndex((c) => c.id === "kind");
  const dayAt = breaks.columns.findIndex((c) => c.id === "day");
  const feeBreak = breaks.rows.find((r) => /fee_bill/.test(r[kind]));
  assert.ok(feeBreak, "the simulator's fee-booking breaks are listed");
  const day = feeBreak[dayAt];
  const drill = await reportOf(`reconciliation?day=${day}`);
  const channels = drill.panels.find((p) => p.id === "fees_by_channel");
  const daily = drill.panels.find((p) => p.id === "daily");
  const fees = daily.columns.findIndex((c) => c.id === "fees_cents");
  const feeAt = channels.columns.findIndex((c) => c.id === "fee_cents");
  assert.ok(channels.rows.length > 1, "the day's fees come from several channels");
  assert.equal(channels.rows.reduce((sum, r) => sum + r[feeAt], 0), daily.rows[0][fees], "the channels add up to the day");

  const { page, context, errors } = await openPage(`${base}/tools/reconciliation?day=${day}`);
  await page.waitForSelector('[data-panel="fees_by_channel"] tbody tr', { timeout: 120000 });
  const headers = (await page.locator('[data-panel="daily"] th').allTextContents()).map((h) => h.trim());
  assert.ok(headers.some((h) => /Processing fees/.test(h)) && headers.some((h) => /Fees booked/.test(h)), headers.join("|"));
  assert.equal(await page.locator('[data-panel="fees_by_channel"] tbody tr').count(), channels.rows.length);
  assert.equal(await page.locator('[data-panel="cost_bills"] tbody tr').count(), 1);
  assert.match(await page.locator('[data-panel="discrepancies"] tbody').textContent(), /fee_bill/);
  await page.screenshot({ path: path.join(artifacts, "reconciliation-fee-break-day.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("every tool's parameters are listed, and a tool without any says so", async () => {
  const without = tools.filter((t) => t.params.length === 0).map((t) => t.id);
  // Today every tool takes parameters; a new one without any is named here
  // when it comes, rather than passing every parameter test unseen.
  assert.deepEqual(without, [], "tools without parameters");
});

test("each parameter shows its label, and a store or channel is picked by name from the warehouse's", async () => {
  for (const id of ["payment-fees", "staffing"]) {
    const tool = tools.find((t) => t.id === id);
    const options = await (await fetch(`${base}/api/tools/${id}/options`)).json();
    const { page, context, errors } = await openPage(`${base}/tools/${id}`);
    const wanted = id === "staffing" ? ["store"] : ["shift_from", "shift_to", "incentive_to"];
    for (const name of wanted) {
      const select = page.locator(`select#param-${name}[data-options]`);
      await select.waitFor({ timeout: 60000 });
      const texts = (await select.locator("option").allTextContents()).map((t) => t.trim());
      const names = options[name].map((o) => o.name);
      assert.ok(names.length >= 2, `${id} ${name}: the warehouse holds several`);
      // The data's names in its order, after "—" when the default names none of them.
      assert.deepEqual(texts.filter((t) => t !== "—"), names, `${id} ${name}`);
      const spec = tool.params.find((p) => p.name === name);
      assert.equal(await select.inputValue(), spec.default, `${id} ${name} shows its default`);
    }
    // Every field under its label, the description as its tooltip.
    for (const spec of tool.params) {
      const label = page.locator(`form.params label[data-param="${spec.name}"]`);
      assert.equal((await label.locator(".param-name").textContent()).trim(), spec.label, `${id} ${spec.name}`);
      assert.equal(await label.getAttribute("title"), spec.description);
    }
    if (id === "payment-fees") {
      assert.ok(options.shift_to.some((o) => o.value === "3" && o.name === "Debit card (3)"));
      // Picking a channel by name runs the report for its id.
      const other = options.shift_from.find((o) => o.value !== "53");
      await page.selectOption("#param-shift_from", { label: other.name });
      await page.waitForURL(new RegExp(`shift_from=${other.value}`));
      await page.locator("select#param-shift_from[data-options]").waitFor({ timeout: 60000 });
      assert.equal(await page.locator("select#param-shift_from").inputValue(), other.value);
    } else {
      // The staffing store: its default is "the first store with forecasts", offered as "—".
      const first = options.store[1];
      await page.selectOption("#param-store", { label: first.name });
      await page.waitForURL(new RegExp(`store=${first.value}`));
      await page.locator("select#param-store[data-options]").waitFor({ timeout: 60000 });
      assert.equal(await page.locator("select#param-store").inputValue(), first.value);
    }
    await page.waitForSelector(".report-body .panel", { timeout: 120000 });
    await page.screenshot({ path: path.join(artifacts, `params-${id}.png`), fullPage: false });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("the menu matrix names its quadrants and shows its threshold math", async () => {
  const report = await reportOf("menu");
  const matrix = report.panels.find((p) => p.id === "matrix");
  assert.deepEqual(matrix.quadrants, ["Stars", "Puzzles", "Dogs", "Plowhorses"]);
  assert.equal(matrix.x_split, 1);
  assert.equal(matrix.y_split, 0);
  const { page, context, errors } = await openPage(`${base}/tools/menu`);
  await page.waitForSelector('[data-panel="matrix"] .chart canvas', { timeout: 120000 });
  const math = page.locator('[data-panel="matrix_thresholds"] tbody tr').first();
  assert.match(await math.textContent(), /0\.70 \/ \d+/);
  await page.locator('[data-panel="matrix"]').screenshot({ path: path.join(artifacts, "menu-matrix.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the menu matrix per daypart and channel: its own thresholds, a bad value refused", async () => {
  const bad = await fetch(`${base}/api/reports/menu?daypart=night`);
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /daypart/);
  const all = await reportOf("menu");
  const report = await reportOf("menu?daypart=morning&channel=ios");
  const units = (r) => r.panels.find((p) => p.id === "summary").tiles.find((k) => k.id === "units").value;
  assert.ok(units(report) > 0 && units(report) < units(all), "the slice sells less than the whole day");
  const math = report.panels.find((p) => p.id === "matrix_thresholds");
  const { page, context, errors } = await openPage(`${base}/tools/menu?daypart=morning&channel=ios`);
  await page.waitForSelector('[data-panel="matrix"] .chart canvas', { timeout: 120000 });
  assert.equal(await page.locator("select#param-daypart").first().inputValue(), "morning");
  assert.equal(await page.locator("select#param-channel").first().inputValue(), "ios");
  const rows = page.locator('[data-panel="matrix_thresholds"] tbody tr');
  assert.equal(await rows.count(), math.rows.length);
  const col = math.columns.findIndex((c) => c.id === "math");
  assert.equal((await rows.first().locator("td").nth(col).textContent()).trim(), math.rows[0][col]);
  await page.locator('[data-panel="matrix"]').screenshot({ path: path.join(artifacts, "menu-matrix-morning-ios.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the menu's category heat map draws a sparkline beside every category", async () => {
  const report = await reportOf("menu");
  const heat = report.panels.find((p) => p.id === "category_weeks");
  assert.equal(heat.sparklines.series.length, heat.y.length);
  heat.sparklines.series.forEach((s, i) => {
    assert.equal(s.label, heat.y[i]);
    assert.equal(s.values.length, heat.sparklines.x.length);
  });
  const { page, context, errors } = await openPage(`${base}/tools/menu`);
  await page.waitForSelector('[data-panel="category_weeks"] .chart canvas', { timeout: 120000 });
  const lines = page.locator('[data-panel="category_weeks"] svg polyline');
  assert.equal(await lines.count(), heat.y.length);
  assert.deepEqual(await lines.evaluateAll((ls) => ls.map((l) => l.getAttribute("data-row"))), heat.y);
  // Each line has a point per day of the window.
  const points = await lines.first().getAttribute("points");
  assert.equal(points.trim().split(/\s+/).length, heat.sparklines.x.length);
  await page.locator('[data-panel="category_weeks"]').screenshot({ path: path.join(artifacts, "menu-category-weeks.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the menu page draws iced and hot shares by month and lists the seasonal products", async () => {
  const report = await reportOf("menu");
  const months = report.panels.find((p) => p.id === "temperature_months");
  assert.deepEqual(months.series.map((s) => s.id), ["iced_share", "hot_share"]);
  months.x.forEach((m, i) => {
    const [iced, hot] = months.series.map((s) => s.values[i]);
    if (iced !== null) assert.ok(Math.abs(iced + hot - 1) < 1e-9, `${m}: iced and hot make the whole`);
  });
  const seasons = report.panels.find((p) => p.id === "seasonality");
  const flag = seasons.columns.findIndex((c) => c.id === "season");
  assert.ok(seasons.rows.some((r) => r[flag] === "summer") && seasons.rows.some((r) => r[flag] === "winter"));
  const { page, context, errors } = await openPage(`${base}/tools/menu`);
  await page.waitForSelector('[data-panel="temperature_months"] .chart canvas', { timeout: 120000 });
  assert.equal(await page.locator('[data-panel="seasonality"] tbody tr').count(), seasons.rows.length);
  await page.locator('[data-panel="temperature_months"]').screenshot({ path: path.join(artifacts, "menu-temperature-months.png") });
  await page.locator('[data-panel="seasonality"]').screenshot({ path: path.join(artifacts, "menu-seasonality.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the menu's product page: daily sales, stores, list prices and production time, opened from the scorecard", async () => {
  const all = await reportOf("menu");
  const card = all.panels.find((p) => p.id === "scorecard");
  const id = card.columns.findIndex((c) => c.id === "spu_id");
  const units = card.columns.findIndex((c) => c.id === "units");
  const best = card.rows.reduce((a, b) => (b[units] > a[units] ? b : a));
  const report = await reportOf(`menu?product=${best[id]}`);
  const days = report.panels.find((p) => p.id === "product_days");
  assert.equal(days.series[0].values.reduce((a, b) => a + b, 0), best[units], "the daily units add up to the scorecard's");
  const stores = report.panels.find((p) => p.id === "product_stores");
  const storeUnits = stores.columns.findIndex((c) => c.id === "units");
  assert.equal(stores.rows.reduce((a, r) => a + r[storeUnits], 0), best[units], "so do the stores'");
  const unknown = await settled("menu?product=999999");
  assert.equal(unknown.status, 400);
  assert.match(await unknown.text(), /no product 999999/);
  const { page, context, errors } = await openPage(`${base}/tools/menu`);
  await page.waitForSelector('[data-panel="scorecard"] tbody tr a', { timeout: 120000 });
  const link = page.locator(`[data-panel="scorecard"] a[href$="product=${best[id]}"]`).first();
  await link.click();
  await page.waitForSelector('[data-panel="product_days"] .chart canvas', { timeout: 120000 });
  await page.waitForSelector('[data-panel="product_production"] .chart canvas', { timeout: 120000 });
  await page.waitForSelector('[data-panel="product_prices"] .chart canvas', { timeout: 120000 });
  assert.equal(await page.locator('[data-panel="product_stores"] tbody tr').count(), stores.rows.length);
  for (const id of ["product_stores", "product_prices", "product_production"]) {
    await page.locator(`[data-panel="${id}"]`).screenshot({ path: path.join(artifacts, `menu-${id}.png`) });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("the suppliers page draws its lead-time histogram and price trend and lists the overdue", async () => {
  const report = await (await fetch(`${base}/api/reports/suppliers`)).json();
  assert.ok(report.panels.find((p) => p.id === "lead_histogram").series[0].values.length > 0);
  const { page, context, errors } = await openPage(`${base}/tools/suppliers`);
  await page.waitForSelector('[data-panel="lead_histogram"] .chart canvas', { timeout: 120000 });
  await page.waitForSelector('[data-panel="price_trend"] .chart canvas', { timeout: 120000 });
  const overdue = report.panels.find((p) => p.id === "overdue").rows.length;
  assert.equal(await page.locator('[data-panel="overdue"] tbody tr').count(), overdue);
  await page.screenshot({ path: path.join(artifacts, "suppliers.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the suppliers page draws its spend pie; a supplier's page its deliveries, prices and open orders", async () => {
  const all = await reportOf("suppliers");
  const pie = all.panels.find((p) => p.id === "spend_category_share");
  assert.equal(pie.series[0].draw, "pie");
  // The supplier of the first overdue shipment: its page has an open order.
  const overdue = all.panels.find((p) => p.id === "overdue");
  assert.ok(overdue.rows.length > 0);
  const id = overdue.rows[0][overdue.columns.findIndex((c) => c.id === "supplier_id")];
  const report = await reportOf(`suppliers?supplier=${id}`);
  assert.equal((await settled("suppliers?supplier=999999")).status, 400);
  const { page, context, errors } = await openPage(`${base}/tools/suppliers`);
  await page.waitForSelector('[data-panel="spend_category_share"] .chart canvas', { timeout: 120000 });
  await page.locator('[data-panel="spend_category_share"]').screenshot({ path: path.join(artifacts, "suppliers-spend-pie.png") });
  // The ranking's supplier id opens the supplier's page.
  await page.locator(`[data-panel="scorecard"] tbody tr a[href*="supplier=${id}"]`).first().click();
  for (const panel of ["delivery_timeline", "goods_prices"]) {
    await page.waitForSelector(`[data-panel="${panel}"] .chart canvas`, { timeout: 120000 });
  }
  const open = report.panels.find((p) => p.id === "open_orders").rows.length;
  assert.ok(open > 0);
  assert.equal(await page.locator('[data-panel="open_orders"] tbody tr').count(), open);
  await page.screenshot({ path: path.join(artifacts, "suppliers-supplier.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the forecast-accuracy page draws accuracy by store as bars and by category as a heat map", async () => {
  const report = await reportOf("forecast-accuracy");
  const stores = report.panels.find((p) => p.id === "store_chart");
  const categories = report.panels.find((p) => p.id === "category_weeks");
  assert.equal(stores.kind, "bar");
  assert.equal(categories.kind, "heatmap");
  assert.equal(stores.x.length, report.panels.find((p) => p.id === "stores").rows.length, "a bar group per store");
  const { page, context, errors } = await openPage(`${base}/tools/forecast-accuracy`);
  for (const id of ["store_chart", "category_weeks"]) {
    await page.waitForSelector(`[data-panel="${id}"] .chart canvas`, { timeout: 120000 });
    await page.locator(`[data-panel="${id}"]`).screenshot({ path: path.join(artifacts, `forecast-accuracy-${id}.png`) });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("the inventory's stock grid shows the goods master data; a threshold entered per SKU raises its reorder alerts", async () => {
  const before = await reportOf("inventory");
  const stock = before.panels.find((p) => p.id === "stock");
  const col = (id) => stock.columns.findIndex((c) => c.id === id);
  assert.ok(stock.rows.length > 0 && stock.rows.every((r) => r[col("category")] && r[col("unit")]));
  // A goods some store holds for 4 to 30 days: fine by the default of 3 days.
  const row = stock.rows.find((r) => r[col("days_of_supply")] >= 4 && r[col("days_of_supply")] < 30);
  assert.ok(row, "a SKU-store with 4 to 30 days of supply");
  const goods = stock.rows.filter((r) => r[col("goods_no")] === row[col("goods_no")]);
  const threshold = Math.ceil(row[col("days_of_supply")]) + 1;
  const bad = await fetch(`${base}/api/inventory/thresholds`, { method: "PUT", body: "goods_id,days_of_supply\n999999,5\n" });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error, /body:2: goods_id '999999'/);
  const goodsId = row[col("goods_id")];
  const put = await fetch(`${base}/api/inventory/thresholds`, { method: "PUT", body: `goods_id,days_of_supply\n${goodsId},${threshold}\n` });
  assert.equal(put.status, 204);
  const after = await reportOf("inventory");
  const low = (r) => r.panels.find((p) => p.id === "stock").rows.filter((x) => x[col("below_threshold")] === "yes");
  const expected = new Set(low(before).filter((x) => x[col("goods_no")] !== row[col("goods_no")])
    .concat(goods.filter((x) => x[col("days_of_supply")] !== null && x[col("days_of_supply")] < threshold))
    .map((x) => `${x[col("shop_id")]}/${x[col("goods_no")]}`));
  assert.deepEqual(new Set(low(after).map((x) => `${x[col("shop_id")]}/${x[col("goods_no")]}`)), expected);
  assert.equal(after.panels.find((p) => p.id === "low_supply_alerts").alerts.length, expected.size);
  const { page, context, errors } = await openPage(`${base}/tools/inventory`);
  await page.waitForSelector('[data-panel="stock"] tbody tr', { timeout: 120000 });
  await page.locator('[data-panel="low_supply_alerts"]').screenshot({ path: path.join(artifacts, "inventory-low-supply.png") });
  await page.screenshot({ path: path.join(artifacts, "inventory-stock.png"), fullPage: true });
  // Back to the default for the other cases.
  await fetch(`${base}/api/inventory/thresholds`, { method: "PUT", body: `goods_id,days_of_supply\n${goodsId},0\n` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the menu filters by temperature, sugar and nutrition and lists each product's machine formulas", async () => {
  assert.equal((await settled("menu?nutrition=E")).status, 400);
  assert.equal((await settled("menu?temperature=warm")).status, 400);
  const report = await reportOf("menu?temperature=iced&sugar=standard");
  const card = report.panels.find((p) => p.id === "scorecard");
  const col = (id) => card.columns.findIndex((c) => c.id === id);
  assert.ok(card.rows.length > 0);
  assert.ok(card.rows.every((r) => r[col("temperature")] === "iced" && r[col("sugar_level")] === "standard"));
  const formulas = report.panels.find((p) => p.id === "formulas");
  assert.ok(formulas.rows.length > 0);
  const { page, context, errors } = await openPage(`${base}/tools/menu?temperature=iced&sugar=standard`);
  await page.waitForSelector('[data-panel="formulas"] tbody tr', { timeout: 120000 });
  assert.equal(await page.locator('[data-panel="formulas"] tbody tr').count(), formulas.rows.length);
  await page.locator('[data-panel="formulas"]').screenshot({ path: path.join(artifacts, "menu-formulas.png") });
  await page.screenshot({ path: path.join(artifacts, "menu-iced-standard.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the production-time page draws its heat maps, box plots, violins and slow store-hours", async () => {
  const report = await (await fetch(`${base}/api/reports/production-time`)).json();
  const heat = report.panels.find((p) => p.id === "time_heatmap");
  assert.equal(heat.y.length, 7);
  const violins = report.panels.find((p) => p.id === "product_violins");
  const boxes = report.panels.find((p) => p.id === "product_distribution");
  assert.equal(violins.series.length, boxes.groups.length, "a violin per box plot");
  for (const s of violins.series) {
    assert.equal(s.draw, "violin");
    assert.equal(s.values.length, violins.x.length);
    assert.ok(s.values.some((v) => v > 0), `${s.label} has a density`);
  }
  const { page, context, errors } = await openPage(`${base}/tools/production-time`);
  for (const id of ["time_heatmap", "queue_heatmap", "product_distribution", "product_violins", "store_distribution", "steps",
    "cup_devices_chart"]) {
    await page.waitForSelector(`[data-panel="${id}"] .chart canvas`, { timeout: 120000 });
  }
  const slow = page.locator('[data-panel="bottlenecks"] tbody tr', { hasText: "yes" });
  assert.ok((await slow.count()) >= 1, "a slow store-hour is listed");
  await page.screenshot({ path: path.join(artifacts, "production-time.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("fleet-health shows a server whose table statistics failed, in the instances table and on its page", async () => {
  // The simulator's planted failure, from the manifest beside the warehouse (scripts/e2e.sh writes it there).
  const truth = JSON.parse(readFileSync(path.join(path.dirname(warehouse), "truth.json"), "utf8"));
  const [planted] = truth.anomalies.fleet_tables_failed.items;
  const { page, context, errors } = await openPage(`${base}/tools/fleet-health`);
  const table = page.locator('[data-panel="instances"]');
  await table.locator("tbody tr").first().waitFor({ timeout: 120000 });
  const headers = (await table.locator("th").allTextContents()).map((h) => h.trim());
  const column = headers.indexOf("Table statistics failed");
  assert.ok(column >= 0, `the column is drawn: ${headers}`);
  // Filtered by its message, the one failing server is left, its message in the column.
  await table.locator('input[type="search"]').fill("table statistics failed");
  const rows = table.locator("tbody tr");
  assert.equal(await rows.count(), 1);
  const cells = (await rows.first().locator("td").allTextContents()).map((c) => c.trim());
  assert.equal(cells[0], planted.instance);
  assert.equal(cells[column], planted.detail);
  await page.screenshot({ path: path.join(artifacts, "fleet-health-tables-failed.png"), fullPage: true });

  const server = await openPage(`${base}/tools/fleet-health?instance=${encodeURIComponent(planted.instance)}`);
  const tile = server.page.locator('[data-panel="server"] [data-tile="table_statistics"]');
  await tile.waitFor({ timeout: 120000 });
  assert.equal((await tile.locator(".tile-value").textContent()).trim(), "failed");
  assert.equal((await tile.locator(".tile-note").textContent()).trim(), planted.detail);
  assert.match(await tile.getAttribute("class"), /status-yellow/);
  assert.deepEqual([...errors, ...server.errors], []);
  await server.context.close();
  await context.close();
});

test("fleet-health's RDS instance names CloudWatch as its host source and draws its trends", async () => {
  const truth = JSON.parse(readFileSync(path.join(path.dirname(warehouse), "truth.json"), "utf8"));
  const [rds] = truth.anomalies.fleet_cloudwatch_host.items;
  const { page, context, errors } = await openPage(`${base}/tools/fleet-health?instance=${encodeURIComponent(rds.instance)}`);
  const source = page.locator('[data-panel="server"] [data-tile="host_source"]');
  await source.waitFor({ timeout: 120000 });
  assert.equal((await source.locator(".tile-value").textContent()).trim(), "Amazon CloudWatch");
  for (const id of ["host_trend", "iops_trend", "rds_trend"]) {
    await page.waitForSelector(`[data-panel="${id}"] .chart canvas`, { timeout: 120000 });
  }
  await page.screenshot({ path: path.join(artifacts, "fleet-health-cloudwatch.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("tenant-audit's red flags open the affected records they stand for", async () => {
  const report = await (await fetch(`${base}/api/reports/tenant-audit`)).json();
  const flag = report.panels.find((p) => p.id === "red_flags").alerts.find((a) => a.link.includes("reason=unknown_tenant"));
  assert.ok(flag, "an unknown-tenant flag with its link");
  const { page, context, errors } = await openPage(`${base}/tools/tenant-audit`);
  const link = page.locator('[data-panel="red_flags"] a', { hasText: flag.title });
  await link.waitFor({ timeout: 120000 });
  await link.click();
  await page.waitForURL(/reason=unknown_tenant/, { timeout: 120000 });
  // The drilled page's list (its description names the rule), not the overview's.
  await page.locator('[data-panel="affected_records"]', { hasText: "breaking unknown_tenant" }).waitFor({ timeout: 120000 });
  const rows = page.locator('[data-panel="affected_records"] tbody tr');
  const count = Number(flag.detail.split(" ")[0]);
  assert.equal(await rows.count(), Math.min(count, 1000));
  const table = new URL(flag.link, base).searchParams.get("table");
  for (const cells of await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())))) {
    assert.equal(cells[1], table);
    assert.match(cells[5], /unknown_tenant/);
  }
  await page.screenshot({ path: path.join(artifacts, "tenant-audit-drill.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("redis-console flags the planted memory leak, draws it against its baseline and shows the topology", async () => {
  const truth = JSON.parse(readFileSync(path.join(path.dirname(warehouse), "truth.json"), "utf8"));
  const [leak] = truth.anomalies.redis_memory_anomaly.items;
  const { page, context, errors } = await openPage(`${base}/tools/redis-console`);
  const anomalies = page.locator('[data-panel="memory_anomalies"]');
  await anomalies.locator("tbody tr").first().waitFor({ timeout: 120000 });
  assert.equal(await anomalies.locator("tbody tr").count(), 1);
  assert.equal((await anomalies.locator("tbody tr td").first().textContent()).trim(), leak.instance);
  assert.ok((await page.locator('[data-panel="topology"] tbody tr').count()) >= 1, "the topology table");
  await page.screenshot({ path: path.join(artifacts, "redis-console.png"), fullPage: true });

  const instance = await openPage(`${base}/tools/redis-console?instance=${encodeURIComponent(leak.instance)}`);
  await instance.page.waitForSelector('[data-panel="memory_baseline"] .chart canvas', { timeout: 120000 });
  assert.equal(await instance.page.locator('[data-panel="memory_anomaly"]').count(), 1, "the anomaly's alert");
  assert.ok((await instance.page.locator('[data-panel="topology"] tbody tr').count()) >= 1, "its role and replica");
  await instance.page.locator('[data-panel="memory_baseline"]').screenshot({ path: path.join(artifacts, "redis-console-memory-baseline.png") });
  await instance.page.screenshot({ path: path.join(artifacts, "redis-console-instance.png"), fullPage: true });
  assert.deepEqual([...errors, ...instance.errors], []);
  await instance.context.close();
  await context.close();
});

test("the machines page draws the fleet map and opens a machine's page", async () => {
  const report = await (await fetch(`${base}/api/reports/machines`)).json();
  const map = report.panels.find((p) => p.id === "map");
  assert.equal(map.palette, "status");
  assert.ok(map.y.length >= 1, "a store row on the map");
  const { page, context, errors } = await openPage(`${base}/tools/machines`);
  await page.waitForSelector('[data-panel="map"] .chart canvas', { timeout: 120000 });
  await page.waitForSelector('[data-panel="event_study"] .chart canvas', { timeout: 120000 });
  assert.ok((await page.locator('[data-panel="alerts"]').count()) === 1, "the alerts panel");
  await page.screenshot({ path: path.join(artifacts, "machines.png"), fullPage: true });
  const device = await openPage(`${base}/tools/machines?device=3`);
  await device.page.waitForSelector('[data-panel="history"] .chart canvas', { timeout: 120000 });
  await device.page.screenshot({ path: path.join(artifacts, "machines-device.png"), fullPage: true });
  assert.deepEqual([...errors, ...device.errors], []);
  await device.context.close();
  await context.close();
});

test("the stores page draws the KPI grid and opens a store's page", async () => {
  const report = await reportOf("stores");  // asked again while computing (run alone, the first ask)
  const grid = report.panels.find((p) => p.id === "grid");
  assert.equal(grid.palette, "status");
  assert.equal(grid.y.length, 10, "ten stores on the grid");
  const { page, context, errors } = await openPage(`${base}/tools/stores`);
  await page.waitForSelector('[data-panel="grid"] .chart canvas', { timeout: 120000 });
  await page.waitForSelector('[data-panel="location_chart"] .chart canvas', { timeout: 120000 });
  assert.ok((await page.locator('[data-panel="location_peers"] tbody tr', { hasText: "New York kiosk" }).count()) >= 2,
    "the kiosks against their location peers");
  assert.ok((await page.locator('[data-panel="leaderboard"] tbody tr').count()) >= 1, "the leaderboard");
  assert.ok((await page.locator('[data-panel="cannibalisation"] tbody tr', { hasText: "yes" }).count()) >= 1,
    "a cannibalised store");
  await page.screenshot({ path: path.join(artifacts, "stores.png"), fullPage: true });
  const store = await openPage(`${base}/tools/stores?store=3`);
  for (const id of ["hourly_orders", "queue"]) {
    await store.page.waitForSelector(`[data-panel="${id}"] .chart canvas`, { timeout: 120000 });
  }
  assert.ok((await store.page.locator('[data-panel="machines"] tbody tr').count()) >= 1, "the store's machines");
  await store.page.screenshot({ path: path.join(artifacts, "stores-store.png"), fullPage: true });
  assert.deepEqual([...errors, ...store.errors], []);
  await store.context.close();
  await context.close();
});

test("the campaigns page ranks the templates, draws the daily series and flags the sample ratio mismatch", async () => {
  let response = await fetch(`${base}/api/reports/campaigns`);
  for (let i = 0; response.status === 202 && i < 240; i++) {  // computing: asked again
    await new Promise((resolve) => setTimeout(resolve, 500));
    response = await fetch(`${base}/api/reports/campaigns`);
  }
  assert.equal(response.status, 200);
  const report = await response.json();
  const board = report.panels.find((p) => p.id === "leaderboard");
  assert.equal(board.rows.length, 1262, "every coupon template");
  const experiments = report.panels.find((p) => p.id === "experiments");
  assert.ok(experiments.rows.length >= 40, "each experiment's groups");
  const incremental = report.panels.find((p) => p.id === "incremental");
  assert.equal(incremental.x.length, 10, "incremental revenue for the 10 templates with the most coupons");
  assert.deepEqual(incremental.series.map((s) => s.draw ?? ""), ["", "whisker_low", "whisker_high"]);
  const { page, context, errors } = await openPage(`${base}/tools/campaigns`);
  await page.waitForSelector('[data-panel="daily"] .chart canvas', { timeout: 120000 });
  assert.ok((await page.locator('[data-panel="leaderboard"] tbody tr').count()) >= 1, "the leaderboard");
  assert.ok((await page.locator('[data-panel="experiments"] tbody tr', { hasText: "sample ratio mismatch" }).count()) >= 1,
    "the mismatched experiment");
  assert.ok((await page.locator('[data-panel="alerts"]').count()) === 1, "the alerts panel");
  await page.waitForSelector('[data-panel="incremental"] .chart canvas', { timeout: 120000 });
  await page.waitForSelector('[data-panel="experiment_lifts"] .chart canvas', { timeout: 120000 });
  const lifts = report.panels.find((p) => p.id === "experiment_lifts");
  assert.deepEqual(lifts.series.map((s) => s.id), ["significant", "not_significant", "srm", "ci_low", "ci_high"]);
  const activities = report.panels.find((p) => p.id === "activities");
  assert.equal(await page.locator('[data-panel="activities"] tbody tr').count(), activities.rows.length, "every campaign");
  await page.screenshot({ path: path.join(artifacts, "campaigns.png"), fullPage: true });
  const top = board.rows[0][board.columns.findIndex((c) => c.id === "template_id")];
  const one = await openPage(`${base}/tools/campaigns?template=${top}`);
  await one.page.waitForSelector('[data-panel="daily"] .chart canvas', { timeout: 120000 });
  assert.ok((await one.page.locator('[data-panel="template"] [data-tile="roi"]').count()) === 1, "the template's ROI");
  assert.ok((await one.page.locator('[data-panel="template_incremental"] [data-tile="effect"]').count()) === 1,
    "the template's incremental spend");
  await one.page.waitForSelector('[data-panel="incremental"] .chart canvas', { timeout: 120000 });
  await one.page.screenshot({ path: path.join(artifacts, "campaigns-template.png"), fullPage: true });
  assert.deepEqual([...errors, ...one.errors], []);
  await one.context.close();
  await context.close();
});

test("the customer-360 page draws RFM, cohorts and churn risk, and opens a customer's profile", async () => {
  const report = await reportOf("customer-360");
  const risk = report.panels.find((p) => p.id === "churn_risk");
  assert.ok(risk.rows.length >= 1, "customers at risk");
  const user = risk.rows[0][0];
  const { page, context, errors } = await openPage(`${base}/tools/customer-360`);
  await page.waitForSelector('[data-panel="cohorts"] .chart canvas', { timeout: 120000 });
  await page.waitForSelector('[data-panel="rfm_grid"] .chart canvas', { timeout: 120000 });
  assert.ok((await page.locator('[data-panel="rfm"] tbody tr').count()) >= 6, "the RFM segments");
  assert.ok((await page.locator('[data-panel="churn_risk"] tbody tr').count()) >= 1, "the churn-risk table");
  await page.screenshot({ path: path.join(artifacts, "customer-360.png"), fullPage: true });
  const profile = await openPage(`${base}/tools/customer-360?user=${encodeURIComponent(user)}`);
  await profile.page.waitForSelector('[data-panel="profile"]', { timeout: 120000 });
  const card = await profile.page.locator('[data-panel="profile"]').innerText();
  assert.match(card, /\*\*\*-\*\*\*-\d{4}/, "the phone masked");
  // The card shows the materialised profile's figures as the API gives them.
  const api = (await (await fetch(`${base}/api/reports/customer-360?user=${encodeURIComponent(user)}`)).json())
    .panels.find((p) => p.id === "profile");
  const tileOf = (id) => api.tiles.find((k) => k.id === id);
  assert.ok(tileOf("orders").value >= 2, "a repeat customer's paid orders");
  assert.ok(card.includes(String(tileOf("orders").value)), "the card shows the paid orders");
  assert.ok(tileOf("top_products").value.length > 0 && card.includes(tileOf("top_products").value), "the top products");
  assert.ok(card.includes(String(tileOf("favourite_store").value)), "the favourite store");
  await profile.page.screenshot({ path: path.join(artifacts, "customer-360-profile.png"), fullPage: true });
  // The masked-phone search by the same customer's four digits lists them among its matches, masked.
  const tail = tileOf("phone").value.slice(-4);
  const search = await openPage(`${base}/tools/customer-360?phone_tail=${tail}`);
  await search.page.waitForSelector('[data-panel="matches"] tbody tr', { timeout: 120000 });
  const matches = (await (await fetch(`${base}/api/reports/customer-360?phone_tail=${tail}`)).json())
    .panels.find((p) => p.id === "matches");
  assert.ok(matches.rows.some((r) => r[0] === user), "the customer is among the matches");
  assert.equal(await search.page.locator('[data-panel="matches"] tbody tr').count(), matches.rows.length);
  const listed = await search.page.locator('[data-panel="matches"]').innerText();
  assert.ok(listed.includes(`***-***-${tail}`), "the phone masked");
  await search.page.screenshot({ path: path.join(artifacts, "customer-360-phone.png"), fullPage: true });
  // The cohort selector: cohorts by favourite store redraw the triangle with a store per row.
  await page.selectOption("#param-cohort_by", "store");
  await page.waitForURL(/cohort_by=store/);
  await page.waitForSelector('[data-panel="cohorts"] .chart canvas', { timeout: 120000 });
  const byStore = (await (await fetch(`${base}/api/reports/customer-360?cohort_by=store`)).json())
    .panels.find((p) => p.id === "cohorts");
  assert.ok(byStore.y.length >= 2 && byStore.y.every((y) => /^store \d+$/.test(y)), "a row per favourite store");
  await page.screenshot({ path: path.join(artifacts, "customer-360-store-cohorts.png"), fullPage: true });
  const csv = await (await fetch(`${base}/api/reports/customer-360.csv?panel=export&segment=Inactive%20Customer`)).text();
  assert.match(csv, /^user_no\n/, "the export is a list of user_nos");
  assert.deepEqual([...errors, ...profile.errors, ...search.errors], []);
  await search.context.close();
  await profile.context.close();
  await context.close();
});

// The test warehouse read directly with Debian's sqlite3 (scripts/setup.sh
// installs it): a query's rows as objects. Only this file's own literals
// are put into the SQL.
function sqlRows(query) {
  const run = spawnSync("sqlite3", ["-readonly", "-json", warehouse, query], { encoding: "utf8" });
  assert.equal(run.status, 0, `sqlite3: ${run.stderr}`);
  return run.stdout.trim() ? JSON.parse(run.stdout) : [];
}
const PAID_LKUS = "tenant = 'LKUS' AND status IN (20, 30, 40, 60) AND user_no IS NOT NULL";

test("the customer-360 search bar finds a customer by user_no or masked phone, says when none is found or the input is bad", async () => {
  // The repeat customer with the most paid orders whose phone's last four digits no other customer shares,
  // their orders and revenue counted here from t_order.
  const [who] = sqlRows(`SELECT o.user_no AS user_no, COUNT(*) AS orders, SUM(o.pay_money) AS cents, u.phone_tail AS tail
    FROM sales_order__t_order o JOIN sales_crm__t_user u ON u.user_no = o.user_no AND u.tenant = 'LKUS'
    WHERE o.${PAID_LKUS.replaceAll(" AND ", " AND o.")}
      AND (SELECT COUNT(*) FROM sales_crm__t_user v WHERE v.tenant = 'LKUS' AND v.phone_tail = u.phone_tail) = 1
    GROUP BY o.user_no, u.phone_tail ORDER BY orders DESC, o.user_no LIMIT 1`);
  assert.ok(who && who.orders >= 2, "a repeat customer with a phone of their own");
  const { page, context } = await openPage(`${base}/tools/customer-360`);
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push({ text: m.text(), url: m.location().url }); });
  page.on("pageerror", (e) => errors.push({ text: String(e), url: "" }));
  const box = page.locator("#customer-search");
  await box.waitFor();
  assert.match(await box.getAttribute("placeholder"), /user_no or the last 4 digits of a phone/);
  assert.equal(await page.locator('.params [data-param="user"], .params [data-param="phone_tail"]').count(), 0,
    "the search bar stands in for the form's user and phone fields");
  const card = page.locator('[data-panel="profile"]');
  // A user_no and Enter: that customer's card with the figures t_order gives.
  await box.fill(String(who.user_no));
  await box.press("Enter");
  await page.waitForURL(/search=/);
  await page.waitForSelector('[data-panel="profile"] [data-tile="orders"]', { timeout: 120000 });
  assert.ok((await card.locator('[data-tile="orders"]').innerText()).includes(intFormat.format(who.orders)), "paid orders");
  assert.ok((await card.locator('[data-tile="lifetime_value"]').innerText())
    .includes(formatted({ type: "money", value: who.cents, currency: "USD" })), "lifetime revenue");
  for (const id of ["registered", "origin", "favourite_store", "top_products", "active_coupons", "cdp_segments",
    "p_alive", "expected_30", "expected_90", "value_12m"]) {
    assert.equal(await card.locator(`[data-tile="${id}"]`).count(), 1, `the card's ${id}`);
  }
  for (const id of ["segment_history", "experiments"]) await page.waitForSelector(`[data-panel="${id}"]`);
  const byUser = await card.innerText();
  assert.ok(byUser.includes(`***-***-${who.tail}`), "the phone masked");
  await page.screenshot({ path: path.join(artifacts, "customer-360-search.png"), fullPage: true });
  // The masked phone and the button: the same card.
  await box.fill(`***-***-${who.tail}`);
  await page.click('.customer-search button[type="submit"]');
  await page.waitForURL((url) => url.searchParams.get("search") === `***-***-${who.tail}`);
  await page.waitForSelector('[data-panel="profile"] [data-tile="orders"]', { timeout: 120000 });
  assert.equal(await card.innerText(), byUser, "the same card by the masked phone");
  // Nobody with that user_no: said so.
  await box.fill("U0000000");
  await box.press("Enter");
  await page.waitForSelector('[data-panel="profile"]:has-text("No customer found")', { timeout: 120000 });
  // A whole phone number is refused on the page: never sent, never in the URL.
  const before = page.url();
  await box.fill("(212) 555-0142");
  await box.press("Enter");
  await page.waitForSelector('.customer-search-message:has-text("never searched")');
  assert.equal(page.url(), before);
  assert.equal(await box.inputValue(), "", "the number is cleared from the box");
  // A bad input: the API's 400 as text on the page.
  await box.fill("12*4");
  await box.press("Enter");
  const shown = page.locator('.report-body .error-text[role="alert"]');
  await shown.waitFor({ timeout: 120000 });
  assert.match(await shown.innerText(), /search: give a customer's user_no .* or the last four digits of a phone/);
  const api = await fetch(`${base}/api/reports/customer-360?search=${encodeURIComponent("12*4")}`);
  assert.equal(api.status, 400);
  await page.screenshot({ path: path.join(artifacts, "customer-360-search-bad.png"), fullPage: true });
  // Nothing in the console but the browser's own line for that one 400.
  assert.deepEqual(errors.filter((e) => !(e.text.includes("status of 400")
    && new URL(e.url || "about:blank", base).pathname === "/api/reports/customer-360")).map((e) => e.text), []);
  assert.ok(errors.length <= 1, "at most the one refused search");
  await context.close();
});

test("customer-360's churn-risk rows open the profile, and a favourite-store cohort exports its customers", async () => {
  const { page, context, errors } = await openPage(`${base}/tools/customer-360`);
  const first = page.locator('[data-panel="churn_risk"] tbody tr').first().locator("a").first();
  await first.waitFor({ timeout: 120000 });
  const user = (await first.innerText()).trim();
  await first.click();
  await page.waitForURL((url) => url.searchParams.get("user") === user);
  await page.waitForSelector('[data-panel="profile"] [data-tile="p_alive"]', { timeout: 120000 });
  assert.equal((await page.locator('[data-panel="profile"] h2').innerText()).trim(),
    `Customer ${user}`);
  assert.equal(await page.locator("#customer-search").inputValue(), user, "the search bar names the customer shown");
  // Cohorts by favourite store; the export of one store's cohort lists exactly the customers whose store of
  // most paid orders (ties to the lowest id) it is, counted here from t_order.
  const byStore = (await reportOf("customer-360?cohort_by=store")).panels.find((p) => p.id === "cohorts");
  const store = /^store (\d+)$/.exec(byStore.y[0])[1];
  const expected = sqlRows(`WITH n AS (SELECT user_no, shop_id, COUNT(*) AS c FROM sales_order__t_order
      WHERE ${PAID_LKUS} GROUP BY user_no, shop_id),
    r AS (SELECT user_no, shop_id, row_number() OVER (PARTITION BY user_no ORDER BY c DESC, shop_id) AS k FROM n)
    SELECT user_no FROM r WHERE k = 1 AND shop_id = ${Number(store)} ORDER BY user_no`).map((r) => String(r.user_no));
  assert.ok(expected.length >= 2, "a store's cohort");
  const cohort = await openPage(`${base}/tools/customer-360?cohort_by=store&cohort_group=${store}`);
  await cohort.page.waitForSelector('[data-panel="export"] tbody tr', { timeout: 120000 });
  await cohort.page.waitForSelector('[data-panel="cohorts"] .chart canvas', { timeout: 120000 });
  const listed = await cohort.page.locator('[data-panel="export"] tbody tr td:first-child').allInnerTexts();
  assert.deepEqual(listed.map((t) => t.trim()).sort(), [...expected].sort());
  const csv = await (await fetch(`${base}/api/reports/customer-360.csv?panel=export&cohort_by=store&cohort_group=${store}`)).text();
  assert.deepEqual(csv.trim().split("\n").slice(1).sort(), [...expected].sort());
  await cohort.page.screenshot({ path: path.join(artifacts, "customer-360-store-cohort-export.png"), fullPage: true });
  // By most bought product: a row per product, and its export refuses a store id's meaning only for stores.
  const product = await openPage(`${base}/tools/customer-360?cohort_by=product`);
  await product.page.waitForSelector('[data-panel="cohorts"] .chart canvas', { timeout: 120000 });
  await product.page.screenshot({ path: path.join(artifacts, "customer-360-product-cohorts.png"), fullPage: true });
  assert.equal((await fetch(`${base}/api/reports/customer-360?cohort_by=store&cohort_group=Latte`)).status, 400);
  assert.deepEqual([...errors, ...cohort.errors, ...product.errors], []);
  await product.context.close();
  await cohort.context.close();
  await context.close();
});

test("the recommendations page compares the models, draws NDCG and the season, and opens a customer's taste profile", async () => {
  const report = await (await fetch(`${base}/api/reports/recommendations`)).json();
  const models = report.panels.find((p) => p.id === "models");
  assert.deepEqual(models.rows.map((r) => r[0]),
    ["popularity", "popularity_store_season", "item_knn", "als", "content", "blend"]);
  const { page, context, errors } = await openPage(`${base}/tools/recommendations`);
  for (const id of ["ndcg", "season", "served_weekly"]) await page.waitForSelector(`[data-panel="${id}"] .chart canvas`, { timeout: 120000 });
  assert.equal(await page.locator('[data-panel="models"] tbody tr').count(), 6);
  const servedWeeks = report.panels.find((p) => p.id === "served_weeks").rows.length;
  assert.ok(servedWeeks > 0, "served lists by week");
  assert.equal(await page.locator('[data-panel="served_weeks"] tbody tr').count(), servedWeeks);
  const alsoBought = report.panels.find((p) => p.id === "also_bought").rows.length;
  assert.equal(await page.locator('[data-panel="also_bought"] tbody tr').count(), alsoBought);
  await page.screenshot({ path: path.join(artifacts, "recommendations.png"), fullPage: true });

  // A customer who bought: the churn-risk table of customer-360 lists some.
  const risk = (await (await fetch(`${base}/api/reports/customer-360`)).json()).panels.find((p) => p.id === "churn_risk");
  const user = risk.rows[0][0];
  const profile = await openPage(`${base}/tools/recommendations?user=${encodeURIComponent(user)}`);
  await profile.page.waitForSelector('[data-panel="profile_recommendations"]', { timeout: 120000 });
  const api = await (await fetch(`${base}/api/reports/recommendations?user=${encodeURIComponent(user)}`)).json();
  const next = api.panels.find((p) => p.id === "profile_recommendations").rows.length;
  assert.ok(next >= 1, "at least one recommendation");
  assert.equal(await profile.page.locator('[data-panel="profile_recommendations"] tbody tr').count(), next);
  await profile.page.screenshot({ path: path.join(artifacts, "recommendations-profile.png"), fullPage: true });
  const bad = await fetch(`${base}/api/reports/recommendations?user=1%3B2`);
  assert.equal(bad.status, 400);
  assert.deepEqual([...errors, ...profile.errors], []);
  await profile.context.close();
  await context.close();
});

test("the recommendations page draws a new store's neighbourhood: the stores most like its residents, their mixes and the menu", async () => {
  const truth = JSON.parse(readFileSync(path.join(path.dirname(warehouse), "truth.json"), "utf8"));
  const kiosk = truth.anomalies.store_neighbourhood.items[0].shop_id;
  const report = await reportOf(`recommendations?store=${kiosk}`);
  const bars = report.panels.find((p) => p.id === "store_neighbours");
  assert.equal(bars.kind, "bar");
  assert.ok(bars.x.length >= 2, "every store with purchases by similarity");
  const similarity = bars.series.find((s) => s.id === "similarity").values;
  assert.ok(similarity.every((v, i) => i === 0 || v <= similarity[i - 1]), "most similar first");
  const menu = report.panels.find((p) => p.id === "store_menu_demographics");
  assert.ok(menu.rows.length >= 10, "a menu from the two most similar stores");
  assert.ok(report.panels.some((p) => p.id === "store_menu"), "beside the by-type-and-distance menu");
  const { page, context, errors } = await openPage(`${base}/tools/recommendations?store=${kiosk}`);
  for (const id of ["store_neighbours", "store_demographics"]) {
    await page.waitForSelector(`[data-panel="${id}"] .chart canvas`, { timeout: 120000 });
  }
  assert.equal(await page.locator('[data-panel="store_menu_demographics"] tbody tr').count(), menu.rows.length);
  await page.locator('[data-panel="store_neighbours"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, "recommendations-new-store.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the staffing page draws demand bars under the staff line, the hourly status grid, and serves its PDF", async () => {
  const report = await (await fetch(`${base}/api/reports/staffing`)).json();
  const chart = report.panels.find((p) => p.id === "chart");
  assert.deepEqual(chart.series.map((s) => s.draw ?? "bar").slice(0, 2), ["bar", "line"]);
  assert.equal(report.panels.find((p) => p.id === "status").y.length, 7);
  const { page, context, errors } = await openPage(`${base}/tools/staffing`);
  for (const id of ["chart", "status", "no_show_map"]) await page.waitForSelector(`[data-panel="${id}"] .chart canvas`, { timeout: 120000 });
  const rows = report.panels.find((p) => p.id === "hours").rows.length;
  assert.equal(await page.locator('[data-panel="no_show"] tbody tr').count(), report.panels.find((p) => p.id === "no_show").rows.length);
  assert.equal(await page.locator('[data-panel="hours"] tbody tr').count(), rows);
  await page.screenshot({ path: path.join(artifacts, "staffing.png"), fullPage: true });
  const pdf = await fetch(`${base}/api/staffing/schedule.pdf`);
  assert.equal(pdf.headers.get("content-type"), "application/pdf");
  assert.equal((await pdf.arrayBuffer()).byteLength > 1000, true);
  assert.equal(await page.locator("a.schedule-pdf").getAttribute("href"), "/api/staffing/schedule.pdf");

  // A manager enters the actual staff of the plan's first hour: a negative
  // number is refused on the page, a whole one is saved and judged.
  const first = report.panels.find((p) => p.id === "hours").rows[0];
  const day = report.panels.find((p) => p.id === "actual_entry").y.findIndex((y) => y.endsWith(first[0]));
  const hour = Number(first[1].slice(0, 2));
  const recommended = first[7];
  const cell = page.locator(`[data-panel="actual_entry"] input[data-x="${hour}"][data-y="${day}"]`);
  await cell.fill("-1");
  await page.click('[data-panel="actual_entry"] .entry-save');
  await page.waitForSelector('[data-panel="actual_entry"] .entry-message.error');
  assert.equal((await (await fetch(`${base}/api/reports/staffing`)).json()).panels
    .find((p) => p.id === "hours").rows[0][11], null);
  await cell.fill(String(recommended));
  await Promise.all([page.waitForEvent("load"), page.click('[data-panel="actual_entry"] .entry-save')]);
  await page.waitForSelector('[data-panel="status"] .chart canvas', { timeout: 120000 });
  assert.equal(await page.locator(`[data-panel="actual_entry"] input[data-x="${hour}"][data-y="${day}"]`).inputValue(),
    String(recommended));
  const saved = (await (await fetch(`${base}/api/reports/staffing`)).json()).panels.find((p) => p.id === "hours").rows[0];
  assert.deepEqual([saved[11], saved[12]], [recommended, "green"]);
  await page.screenshot({ path: path.join(artifacts, "staffing-saved.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the channels page compares the channels, draws the funnel and mixes, and saves spend from its grid", async () => {
  const report = await reportOf("channels");
  const table = report.panels.find((p) => p.id === "channels");
  assert.deepEqual(table.rows.map((r) => r[0]), ["iOS", "Android", "Delivery", "Other"]);
  const { page, context, errors } = await openPage(`${base}/tools/channels`);
  for (const id of ["funnel", "registration_mix", "order_mix"]) {
    await page.waitForSelector(`[data-panel="${id}"] .chart canvas`, { timeout: 120000 });
  }
  assert.equal(await page.locator('[data-panel="channels"] tbody tr').count(), 4);
  await page.screenshot({ path: path.join(artifacts, "channels.png"), fullPage: true });

  // Marketing enters iOS's spend for the grid's last month: a fraction is
  // refused on the page, whole dollars are saved and summed into the spend.
  const entry = report.panels.find((p) => p.id === "spend_entry");
  const last = entry.x.length - 1;
  const cell = page.locator(`[data-panel="spend_entry"] input[data-x="${last}"][data-y="0"]`);
  await cell.fill("12.5");
  await page.click('[data-panel="spend_entry"] .entry-save');
  await page.waitForSelector('[data-panel="spend_entry"] .entry-message.error');
  await cell.fill("4321");
  await Promise.all([page.waitForEvent("load"), page.click('[data-panel="spend_entry"] .entry-save')]);
  await page.waitForSelector('[data-panel="funnel"] .chart canvas', { timeout: 120000 });
  const saved = await (await fetch(`${base}/api/reports/channels`)).json();
  assert.equal(saved.panels.find((p) => p.id === "spend_entry").values[0][last], 4321);
  const spend = saved.panels.find((p) => p.id === "channels").columns.findIndex((c) => c.id === "spend");
  assert.equal(saved.panels.find((p) => p.id === "channels").rows[0][spend], 432100);
  await page.screenshot({ path: path.join(artifacts, "channels-spend.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the alerts page lists the tools' alerts, creates a silence from an alert and expires it", async () => {
  // One evaluation of every tool's alerts on the warehouse (what the scheduler runs after a sync).
  const run = spawnSync(bin, ["--quiet", "alerts", "--warehouse", warehouse, "--format", "json"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const evaluated = JSON.parse(run.stdout);
  const firing = evaluated.alerts.filter((a) => a.state === "firing");
  assert.ok(firing.length > 0);
  const listed = (await (await fetch(`${base}/api/alerts`)).json()).alerts;
  // The tools' alerts of the run, beside the simulated fleet's health alerts (the collector's).
  const key = (a) => `${a.rule}/${a.instance}/${a.object}`;
  const keys = new Set(listed.map(key));
  assert.ok(firing.every((a) => keys.has(key(a))));
  assert.ok(listed.length > firing.length);
  assert.ok(listed.every((a) => a.labels.department && a.labels.tool && !a.silenced_by && !a.inhibited));

  // A bad silence is refused with the reason.
  const bad = await fetch(`${base}/api/silences`, { method: "POST", body: JSON.stringify({ matchers: [], duration: "1h" }) });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error, /matchers/);

  const { page, context, errors } = await openPage(`${base}/`);
  await page.click('.topnav a[href="/alerts"]');
  await page.waitForSelector('[data-panel="alerts"] tbody tr');
  assert.equal(await page.locator('[data-panel="alerts"] tbody tr').count(), listed.length);
  await page.waitForSelector('[data-panel="silences"] [data-empty="silences"]');

  // Silence the first alert from its labels.
  const target = listed[0];
  await page.click(`[data-silence="${target.fingerprint}"]`);
  const matchers = await page.locator('.silence-form textarea[name="matchers"]').inputValue();
  assert.ok(matchers.includes(`alertname="${target.rule}"`), matchers);
  await page.fill('.silence-form input[name="created_by"]', "e2e");
  await page.fill('.silence-form input[name="comment"]', "checking the silence form");
  await page.click('.silence-form button[type="submit"]');
  await page.waitForSelector('[data-panel="silences"] tr[data-state="active"]');
  const silenced = (await (await fetch(`${base}/api/alerts`)).json()).alerts.find((a) => a.fingerprint === target.fingerprint);
  assert.ok(silenced.silenced_by, "the alert is silenced");
  await page.waitForSelector(`tr[data-fingerprint="${target.fingerprint}"] >> text=silenced`);
  await page.screenshot({ path: path.join(artifacts, "alerts-silenced.png"), fullPage: true });

  // Expire it: the alert is no longer silenced.
  await page.click(`[data-expire="${silenced.silenced_by}"]`);
  await page.waitForSelector(`[data-panel="silences"] tr[data-silence-id="${silenced.silenced_by}"][data-state="expired"]`);
  const silences = (await (await fetch(`${base}/api/silences`)).json()).silences;
  assert.equal(silences.find((s) => s.id === silenced.silenced_by).state, "expired");
  assert.equal((await (await fetch(`${base}/api/alerts`)).json()).alerts.find((a) => a.fingerprint === target.fingerprint).silenced_by, "");
  await page.screenshot({ path: path.join(artifacts, "alerts.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
