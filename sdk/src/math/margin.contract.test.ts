/**
 * Differential tests: the SDK's margin math against MarginLib itself, deployed behind
 * `MarginLibHarness` on Hardhat's in-process chain, on fast-check inputs within the contracts'
 * bounds (|size| < 2^40, price < 2^64, bps ≤ 10 000); and the liquidation valuation (finding F-2)
 * against the deployed clearing house's `liquidate`: mark ≠ index, long and short, covered and not.
 */
import fc from "fast-check";
import { network } from "hardhat";
import { type Address, BaseError, ContractFunctionRevertedError, getAddress, keccak256, stringToHex } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultMarketTemplates, listMarket } from "../../../scripts/deploy/markets.js";
import { getLiquidationRisk } from "../actions/public/getLiquidationRisk.js";
import type { CapacityAttestation } from "../capacity/typedData.js";
import { toIndexId } from "../oracle/indexId.js";
import { deployLocal, publishTestRound, testIndex } from "../testing/localChain.js";
import * as m from "./margin.js";

const RUNS = 80;
// biome-ignore lint/suspicious/noExplicitAny: a test-only contract, not in the SDK's generated ABIs
let h: any;

beforeAll(async () => {
  const { viem } = await network.create();
  h = await viem.deployContract("MarginLibHarness");
}, 60_000);

const size = fc.bigInt({ min: -(2n ** 40n) + 1n, max: 2n ** 40n - 1n });
const absSize = fc.bigInt({ min: 0n, max: 2n ** 40n - 1n });
const price = fc.bigInt({ min: 0n, max: 2n ** 40n });
const bps = fc.bigInt({ min: 0n, max: 10_000n });
const notional = fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n });
const time = fc.bigInt({ min: 0n, max: 2n ** 32n });
const opts = { numRuns: RUNS };

describe("MarginLib in TypeScript equals the contract", () => {
  it("bpsOfNotionalUp, bpsDown", async () => {
    await fc.assert(
      fc.asyncProperty(absSize, price, bps, async (s, p, b) => {
        expect(m.bpsOfNotionalUp(s, p, b)).toBe(await h.read.bpsOfNotionalUp([s, p, b]));
        expect(m.bpsDown(s * p, b)).toBe(await h.read.bpsDown([s * p, b]));
      }),
      opts,
    );
  });

  it("unrealizedPnl, worstSize, isReducing", async () => {
    await fc.assert(
      fc.asyncProperty(size, notional, price, absSize, absSize, size, async (s, n, p, bid, ask, d) => {
        expect(m.unrealizedPnl(s, n, p)).toBe(await h.read.unrealizedPnl([s, n, p]));
        expect(m.worstSize(s, bid, ask)).toBe(await h.read.worstSize([s, bid, ask]));
        expect(m.isReducing(s, d)).toBe(await h.read.isReducing([s, d]));
        // Near the boundary too: delta = −size ± 1.
        expect(m.isReducing(s, -s + 1n)).toBe(await h.read.isReducing([s, -s + 1n]));
      }),
      opts,
    );
  });

  it("coveredMarginUp, coveredWorstMarginUp (covered shorts)", async () => {
    await fc.assert(
      fc.asyncProperty(size, absSize, absSize, absSize, price, bps, bps, async (s, bid, ask, ch, p, b, cb) => {
        expect(m.coveredMarginUp(s, ch, p, b, cb)).toBe(await h.read.coveredMarginUp([s, ch, p, b, cb]));
        // Cover at least the short, and none.
        expect(m.coveredMarginUp(s, m.abs(s), p, b, cb)).toBe(await h.read.coveredMarginUp([s, m.abs(s), p, b, cb]));
        expect(m.coveredWorstMarginUp(s, bid, ask, ch, p, b, cb)).toBe(
          await h.read.coveredWorstMarginUp([s, bid, ask, ch, p, b, cb]),
        );
      }),
      opts,
    );
  });

  it("applyTradeDown and mulDivSignedUp (reduce, close, flip, add)", async () => {
    await fc.assert(
      fc.asyncProperty(
        size.filter((s) => s !== 0n),
        price.filter((p) => p > 0n),
        price,
        fc.oneof(size, fc.bigInt({ min: -3n, max: 3n })),
        async (s, entry, p, nudge) => {
          const n = s * entry + nudge; // an open notional close to size × entry, as positions carry
          for (const d of [nudge, -s, -s + nudge, -s - nudge, s]) {
            if (d === 0n) continue;
            const [a, b, c] = await h.read.applyTradeDown([s, n, d, p]);
            expect(m.applyTradeDown(s, n, d, p)).toEqual({ newSize: a, newOpenNotional: b, realizedPnl: c });
          }
          const den = m.abs(s);
          expect(m.mulDivSignedUp(n, m.abs(nudge) % (den + 1n), den)).toBe(
            await h.read.mulDivSignedUp([n, m.abs(nudge) % (den + 1n), den]),
          );
        },
      ),
      opts,
    );
  });

  it("applyFillDown (open, add, reduce, close, flip; fees into the open notional or out of realized PnL)", async () => {
    await fc.assert(
      fc.asyncProperty(
        size,
        price.filter((p) => p > 0n),
        price,
        fc.oneof(size, fc.bigInt({ min: -3n, max: 3n })),
        fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 70n }), fc.bigInt({ min: 0n, max: 3n })),
        async (s, entry, p, nudge, fee) => {
          const n = s * entry + nudge; // an open notional close to size × entry, fees included
          for (const d of [nudge, -s, -s + nudge, -s - nudge, s, 1n, -1n]) {
            if (d === 0n) continue;
            const [newSize, newOpenNotional, collateralChange] = await h.read.applyFillDown([s, n, d, p, fee]);
            const [, , realizedPnl] = await h.read.applyTradeDown([s, n, d, p]);
            expect(m.applyFillDown(s, n, d, p, fee)).toEqual({
              newSize,
              newOpenNotional,
              realizedPnl,
              collateralChange,
            });
          }
        },
      ),
      opts,
    );
  });

  it("liquidationSizeUp", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 2n ** 70n }),
        price,
        bps,
        fc.bigInt({ min: 0n, max: 500n }),
        fc.bigInt({ min: 1n, max: 1_000n }),
        absSize,
        async (shortfall, mark, im, pen, lot, s) => {
          expect(m.liquidationSizeUp(shortfall, mark, im, pen, lot, s)).toBe(
            await h.read.liquidationSizeUp([shortfall, mark, im, pen, lot, s]),
          );
        },
      ),
      opts,
    );
  });

  it("bandAt, bandLimits, clampToBand, markPrice, emaDown", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: 9_999n }),
        time,
        fc.bigInt({ min: 1n, max: 2n ** 24n }),
        fc.bigInt({ min: 0n, max: 2n ** 25n }),
        price,
        price,
        fc.bigInt({ min: 1n, max: 10_000n }),
        async (band, start, length, dt, index, ema, period) => {
          const t = start + dt - 2n ** 23n;
          expect(m.bandAt(band, start, start + length, t < 0n ? 0n : t)).toBe(
            await h.read.bandAt([band, start, start + length, t < 0n ? 0n : t]),
          );
          const [lower, upper] = await h.read.bandLimits([index, band]);
          expect(m.bandLimits(index, band)).toEqual({ lower, upper });
          expect(m.clampToBand(ema, index, band)).toBe(await h.read.clampToBand([ema, index, band]));
          expect(m.markPrice(ema, index, band)).toBe(await h.read.markPrice([ema, index, band]));
          const elapsed = dt % (period * 2n);
          expect(m.emaDown(ema, index, elapsed, period)).toBe(await h.read.emaDown([ema, index, elapsed, period]));
        },
      ),
      opts,
    );
  });

  it("sidePnls, haircutPerUnitUp, settlementPnlDown (the write-down)", async () => {
    await fc.assert(
      fc.asyncProperty(
        absSize,
        notional,
        notional,
        price,
        fc.bigInt({ min: 0n, max: 2n ** 60n }),
        size,
        fc.boolean(),
        async (oi, lon, son, p, badDebt, s, winnerIsLong) => {
          const [longPnl, shortPnl] = await h.read.sidePnls([oi, lon, son, p]);
          expect(m.sidePnls(oi, lon, son, p)).toEqual({ longPnl, shortPnl });
          const winners = winnerIsLong ? longPnl : shortPnl;
          const haircut = m.haircutPerUnitUp(badDebt, oi, winners);
          expect(haircut).toBe(await h.read.haircutPerUnitUp([badDebt, oi, winners]));
          expect(m.settlementPnlDown(s, lon, p, haircut, winnerIsLong)).toBe(
            await h.read.settlementPnlDown([s, lon, p, haircut, winnerIsLong]),
          );
        },
      ),
      opts,
    );
  });
});

describe("liquidation valuation (F-2) in TypeScript equals the clearing house's liquidate", () => {
  const NAME = "H100-SXM-USD-HR";
  const H100 = toIndexId(NAME);
  const PRICE = 2_000_000n;
  const USDC = 1_000_000n;
  const HOUR = 3_600;

  it("liquidationHealth is liquidatable exactly when liquidate does not revert AccountHealthy, with its figures", async () => {
    const local = await deployLocal({
      indexes: [testIndex(NAME, { maxAge: 40 * 86_400, maxMoveBps: 5_000, ringCardinality: 64 })],
    });
    const { viem, networkHelpers, deployment } = local;
    const publish = (price: bigint) => publishTestRound(local, NAME, price);
    await publish(PRICE);
    const clearingHouse = deployment.contracts.ClearingHouse?.address as Address;
    const capacityToken = deployment.contracts.CapacityToken?.address as Address;
    const capacity = await viem.getContractAt("CapacityToken", capacityToken);
    const ch = await viem.getContractAt("IClearingHouse", clearingHouse);
    const token = await viem.getContractAt("MockERC20", deployment.collateral.address);
    const wallets = await viem.getWalletClients();
    const bind = (i: number) => {
      const wallet = wallets[i];
      if (!wallet) throw new Error(`no account ${i}`);
      return local.bind(wallet.account);
    };
    const [counterparty, plain, attestor, owner, washBuyer, washSeller, liquidator] = [2, 3, 4, 5, 6, 7, 8].map(bind);
    if (!counterparty || !plain || !attestor || !owner || !washBuyer || !washSeller || !liquidator) {
      throw new Error("accounts");
    }

    // One market before its window (full 20 % band), cover enabled; the owner posts 120 hours.
    const now = await networkHelpers.time.latest();
    const start = (Math.floor(now / HOUR) + 3) * HOUR;
    const end = start + 2 * HOUR;
    const [template] = defaultMarketTemplates(6);
    if (!template?.cover || !wallets[0]) throw new Error("template");
    const { marketId } = await listMarket({
      publicClient: local.publicClient,
      wallet: wallets[0],
      clearingHouse,
      template: { ...template, bandBps: 2_000 },
      window: { tradingStart: now, windowStart: start, windowEnd: end },
    });
    await capacity.write.grantRole([await capacity.read.ATTESTOR_ROLE(), attestor.account.address]);
    await capacity.write.setBondRate([H100, 1n]);
    for (const c of [counterparty, owner, washBuyer, washSeller, liquidator]) {
      await token.write.mint([c.account.address, 1_000_000n * USDC]);
    }
    for (const c of [counterparty, washBuyer, washSeller, liquidator]) {
      await c.waitForTransactionReceipt({ hash: (await c.deposit({ amount: 100_000n * USDC })).hash });
    }
    const attestation: CapacityAttestation = {
      provider: getAddress(owner.account.address),
      start,
      end,
      gpuCount: 60,
      units: 120n,
      expiry: now + HOUR,
      indexId: H100,
      evidenceHash: keccak256(stringToHex("60x H100")),
      nonce: 1n,
    };
    const signed = await attestor.signCapacityAttestation({ attestation });
    const minted = await owner.mintCapacity({ attestation, r: signed.r, vs: signed.vs });
    await owner.waitForTransactionReceipt({ hash: minted.hash });
    const posted = await owner.postCapacityCollateral({ marketId, id: minted.id, units: 120n });
    await owner.waitForTransactionReceipt({ hash: posted.hash });
    const base = await networkHelpers.takeSnapshot();

    let checked = 0;
    let liquidatable = 0;
    let healthyAtIndexOnly = 0;
    const tick = 1_000n;
    const priceIn = (lo: bigint, hi: bigint) => fc.bigInt({ min: lo / tick, max: hi / tick }).map((t) => t * tick);
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(), // long
        fc.boolean(), // covered (the owner's account) or not
        fc.integer({ min: 1, max: 20 }).map((lots) => BigInt(lots) * 10n), // size
        fc.bigInt({ min: 10n, max: 1_000n }), // collateral above the initial margin, in bps of the notional (fee 5)
        priceIn(1_650_000n, 2_350_000n), // wash-trade price: the mark
        priceIn(1_700_000n, 2_300_000n), // the index after it
        async (long, covered, size, extra, washPrice, index) => {
          await base.restore();
          const victim = covered ? owner : plain;
          const address = victim.account.address;
          const signedSize = long ? size : -size;
          const initial = covered
            ? m.coveredMarginUp(signedSize, 120n, PRICE, 1_000n, 300n)
            : m.bpsOfNotionalUp(size, PRICE, 1_000n);
          const amount = initial + (size * PRICE * extra) / 10_000n;
          await token.write.mint([address, amount]);
          await victim.waitForTransactionReceipt({
            hash: (await victim.deposit({ amount })).hash,
          });
          await (await counterparty.placeOrder({ marketId, side: long ? "sell" : "buy", price: PRICE, size })).wait();
          await (
            await victim.placeOrder({ marketId, side: long ? "buy" : "sell", price: PRICE, size, type: "ioc" })
          ).wait();
          // After an idle period a wash trade sets the mark; then the index moves on its own.
          await networkHelpers.time.increase(700);
          await (await washBuyer.placeOrder({ marketId, side: "buy", price: washPrice, size: 10n })).wait();
          await (
            await washSeller.placeOrder({ marketId, side: "sell", price: washPrice, size: 10n, type: "ioc" })
          ).wait();
          await publish(index);

          const risk = await getLiquidationRisk(liquidator, { clearingHouse, account: address });
          expect(risk.positions.length).toBe(1);
          expect(risk.positions[0]?.cover !== undefined).toBe(covered);
          let refused: { equity: bigint; maintenanceMargin: bigint } | null = null;
          try {
            await ch.simulate.liquidate([address, marketId, size], { account: liquidator.account.address });
          } catch (error) {
            const reverted =
              error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
            if (!(reverted instanceof ContractFunctionRevertedError) || reverted.data?.errorName !== "AccountHealthy") {
              throw error;
            }
            const [, equity, maintenanceMargin] = reverted.data.args as [Address, bigint, bigint];
            refused = { equity, maintenanceMargin };
          }
          checked++;
          expect(m.isLiquidatable(risk.health)).toBe(refused === null);
          if (refused) {
            expect({ equity: risk.health.equity, maintenanceMargin: risk.health.maintenanceMargin }).toEqual(refused);
            const atMark = await ch.read.health([address]);
            if (m.isLiquidatable(atMark)) healthyAtIndexOnly++;
          } else {
            liquidatable++;
          }
        },
      ),
      { numRuns: 100 },
    );
    // The runs reached both outcomes, and the case F-2 is about (liquidatable at the mark alone).
    expect(checked).toBeGreaterThan(0);
    expect(liquidatable).toBeGreaterThan(0);
    expect(checked - liquidatable).toBeGreaterThan(0);
    expect(healthyAtIndexOnly).toBeGreaterThan(0);
  }, 600_000);
});
