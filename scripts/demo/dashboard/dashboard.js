// The local market's dashboard: reads the indexer's REST API (proxied under /api by the dashboard
// server) every two seconds and draws the index, markets, book, trades, accounts, settlements,
// capacity tokens (minted, outstanding, bonds, posted as cover) and the auditor's solvency check. Plain browser JavaScript: no build step.

const REFRESH_MS = 2000;
const state = { config: { decimals: 6, symbol: "USDC" }, index: null, market: null };

const $ = (selector) => document.querySelector(selector);

/** Fetches JSON from the indexer; null when the route does not exist (yet) or fails. */
async function get(path) {
  try {
    const response = await fetch(path);
    if (!response.ok) return null;
    return await response.json();
  } catch {
    return null;
  }
}

/** A quote amount (string or number in the token's smallest unit) for people. */
function money(value, digits = 4) {
  if (value === null || value === undefined) return "–";
  const scaled = Number(value) / 10 ** state.config.decimals;
  return scaled.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function shortAddress(address) {
  return typeof address === "string" && address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

function time(seconds) {
  return new Date(Number(seconds) * 1000).toISOString().slice(5, 16).replace("T", " ");
}

function fillTable(selector, rows, render) {
  const body = $(`${selector} tbody`);
  if (!rows || rows.length === 0) {
    const columns = $(`${selector} thead tr`).children.length;
    body.innerHTML = `<tr><td class="empty" colspan="${columns}">nothing yet</td></tr>`;
    return;
  }
  body.innerHTML = rows.map(render).join("");
}

function fillSelect(select, values, current) {
  const options = values.map((v) => `<option value="${v.value}">${v.label}</option>`).join("");
  if (select.innerHTML !== options) select.innerHTML = options;
  if (current !== null) select.value = current;
}

async function drawIndex() {
  const list = await get("/api/indexes");
  const indexes = list?.indexes ?? [];
  if (indexes.length === 0) return false;
  if (state.index === null) state.index = (indexes.find((i) => i.name.startsWith("H100")) ?? indexes[0]).name;
  fillSelect(
    $("#index-select"),
    indexes.map((index) => ({ value: index.name, label: index.name })),
    state.index,
  );
  const data = await get(`/api/indexes/${encodeURIComponent(state.index)}/rounds?limit=500`);
  const rounds = (data?.rounds ?? []).slice().reverse();
  const svg = $("#index-chart");
  if (rounds.length < 2) {
    svg.innerHTML = `<text x="20" y="40">waiting for rounds…</text>`;
    return true;
  }
  const xs = rounds.map((r) => Number(r.timestamp));
  const ys = rounds.map((r) => Number(r.price) / 10 ** state.config.decimals);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  const pad = (hi - lo) * 0.1 || hi * 0.01;
  const [y0, y1] = [lo - pad, hi + pad];
  const W = 900;
  const H = 260;
  const px = (x) => 50 + ((x - x0) / (x1 - x0 || 1)) * (W - 60);
  const py = (y) => 10 + (1 - (y - y0) / (y1 - y0)) * (H - 40);
  const points = rounds.map((_, i) => `${px(xs[i]).toFixed(1)},${py(ys[i]).toFixed(1)}`).join(" ");
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = y0 + f * (y1 - y0);
      return `<line class="grid" x1="50" x2="${W - 10}" y1="${py(y)}" y2="${py(y)}"/><text x="4" y="${py(y) + 4}">${y.toFixed(3)}</text>`;
    })
    .join("");
  const labels = [x0, (x0 + x1) / 2, x1]
    .map((x, i) => `<text x="${px(x) - (i === 2 ? 70 : i === 1 ? 35 : 0)}" y="${H - 6}">${time(x)}</text>`)
    .join("");
  svg.innerHTML = `${grid}<polygon class="area" points="${px(x0)},${py(y0)} ${points} ${px(x1)},${py(y0)}"/><polyline class="line" points="${points}"/>${labels}`;
  const last = rounds[rounds.length - 1];
  $("#index-latest").textContent =
    `${money(last.price)} ${state.config.symbol} · round ${last.roundId} · ${time(last.timestamp)} UTC`;
  return true;
}

async function drawMarkets() {
  const data = await get("/api/markets");
  const markets = data?.markets ?? [];
  fillTable(
    "#markets",
    markets,
    (m) =>
      `<tr><td>#${m.marketId}</td><td>${m.indexName ?? m.indexId}</td><td>${m.state ?? ""}</td>` +
      `<td class="num">${money(m.markPrice)}</td><td class="num">${m.openInterest ?? "–"}</td><td class="num">${money(m.finalPrice)}</td></tr>`,
  );
  if (markets.length > 0) {
    if (state.market === null) state.market = String(markets[0].marketId);
    fillSelect(
      $("#market-select"),
      markets.map((m) => ({ value: String(m.marketId), label: `#${m.marketId} ${m.indexName ?? ""}` })),
      state.market,
    );
  }
  return markets;
}

async function drawBook() {
  if (state.market === null) return;
  const data = await get(`/api/markets/${state.market}/book`);
  const bids = data?.bids ?? [];
  const asks = data?.asks ?? [];
  const max = Math.max(1, ...bids.map((l) => Number(l.size)), ...asks.map((l) => Number(l.size)));
  const side = (levels, kind) =>
    levels.length === 0
      ? `<div class="empty">no ${kind}s</div>`
      : levels
          .slice(0, 12)
          .map(
            (l) =>
              `<div class="level ${kind}"><span class="depth" style="width:${((100 * Number(l.size)) / max).toFixed(1)}%"></span>` +
              `<span class="${kind === "bid" ? "buy" : "sell"}">${money(l.price)}</span><span>${l.size}</span></div>`,
          )
          .join("");
  $("#book").innerHTML = `<div>${side(bids, "bid")}</div><div>${side(asks, "ask")}</div>`;
}

async function drawTrades() {
  const data = await get("/api/trades?limit=20");
  fillTable(
    "#trades",
    data?.trades,
    (t) =>
      `<tr><td>${time(t.timestamp)}</td><td>#${t.marketId}</td><td class="${t.takerIsBuy ? "buy" : "sell"}">${t.takerIsBuy ? "buy" : "sell"}</td>` +
      `<td class="num">${money(t.price)}</td><td class="num">${t.size}</td></tr>`,
  );
}

async function drawAccounts() {
  const data = await get("/api/accounts?limit=30");
  fillTable("#accounts", data?.accounts, (a) => {
    const positions = (a.positions ?? [])
      .filter((p) => Number(p.size) !== 0)
      .map((p) => `<span class="${Number(p.size) > 0 ? "buy" : "sell"}">#${p.marketId} ${p.size}</span>`)
      .join(" ");
    return (
      `<tr><td title="${a.address}">${a.label ?? shortAddress(a.address)}</td><td class="num">${money(a.collateral, 2)}</td>` +
      `<td>${positions || '<span class="muted">flat</span>'}</td><td class="num">${money(a.equity, 2)}</td>` +
      `<td class="num">${money(a.maintenanceMargin, 2)}</td></tr>`
    );
  });
}

async function drawSettlements() {
  const data = await get("/api/settlements");
  fillTable(
    "#settlements",
    data?.settlements,
    (s) =>
      `<tr><td>#${s.marketId}</td><td class="num">${money(s.finalPrice)}</td><td class="num">${money(s.writeDownPerUnit ?? 0)}</td><td>${s.status ?? ""}</td></tr>`,
  );
}

async function drawCapacity() {
  const data = await get("/api/capacity");
  const totals = $("#capacity-totals");
  if (data === null || data.ids === 0) {
    totals.textContent = "nothing minted yet";
  } else {
    const rows = [
      ["ids", data.ids],
      ["GPU-hours minted", Number(data.minted).toLocaleString("en-US")],
      ["outstanding hours", Number(data.outstanding).toLocaleString("en-US")],
      ["bonds held", money(data.bonds, 2)],
      ["posted as cover", `${Number(data.collateral.units).toLocaleString("en-US")} h by ${data.collateral.accounts}`],
    ];
    totals.innerHTML = rows
      .map(([label, value]) => `<div>${label}: <b id="capacity-${label.replaceAll(" ", "-")}">${value}</b></div>`)
      .join("");
  }
  fillTable(
    "#capacity",
    data?.tokens,
    (t) =>
      `<tr><td title="${t.id}">${shortAddress(`0x${BigInt(t.id).toString(16)}`)}</td><td title="${t.provider}">${shortAddress(t.provider)}</td>` +
      `<td>${time(t.start)} → ${time(t.end)}</td><td class="num">${t.minted}</td><td class="num">${t.outstanding}</td>` +
      `<td class="num">${money(t.bond, 2)}</td><td class="num">${t.posted}</td></tr>`,
  );
}

async function drawSolvency() {
  const report = await get("/api/solvency");
  const box = $("#solvency");
  if (report === null) {
    box.textContent = "the solvency report is not available yet";
    return;
  }
  const rows = [
    ["token balance (chain)", report.tokenBalance],
    ["Σ collateral", report.totalCollateral],
    ["Σ unclaimed settled PnL", report.unclaimedPnl],
    ["fees", report.fees],
    ["insurance fund", report.insurance],
    ["liabilities", report.liabilities],
  ];
  box.innerHTML =
    `<div class="verdict ${report.solvent ? "ok" : "bad"}" id="solvency-verdict">${report.solvent ? "✔ solvent" : "✘ NOT solvent"}</div>` +
    `<div class="muted">at block ${report.blockNumber}</div>` +
    rows.map(([label, value]) => `<div>${label}: <b>${money(value, 2)}</b></div>`).join("");
}

async function refresh() {
  const status = $("#status");
  const ready = await drawIndex();
  await drawMarkets();
  await Promise.all([drawBook(), drawTrades(), drawAccounts(), drawSettlements(), drawCapacity(), drawSolvency()]);
  status.textContent = ready ? `live · ${new Date().toLocaleTimeString()}` : "waiting for the indexer…";
  status.className = `status ${ready ? "ok" : ""}`;
}

async function main() {
  state.config = (await get("/config.json")) ?? state.config;
  $("#index-select").addEventListener("change", (event) => {
    state.index = event.target.value;
    drawIndex();
  });
  $("#market-select").addEventListener("change", (event) => {
    state.market = event.target.value;
    drawBook();
  });
  for (;;) {
    await refresh().catch((error) => {
      $("#status").textContent = `error: ${error.message}`;
      $("#status").className = "status error";
    });
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
  }
}

main();
