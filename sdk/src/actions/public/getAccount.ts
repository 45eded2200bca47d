import type { Address, Chain, Client, GetLogsErrorType, ReadContractErrorType, Transport } from "viem";
import { getLogs, readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import {
  applyFillDown,
  bpsOfNotionalUp,
  freeMargin,
  type Health,
  isLiquidatable,
  liquidationPrice,
  opensOrAdds,
  type PositionRisk,
  settlementPnlDown,
  unrealizedPnl,
} from "../../math/margin.js";
import { decodeFill, decodeOrderId } from "../../math/orderId.js";
import { getTickSizes } from "../internal/tickSizes.js";
import { getLiquidationRisk } from "./getLiquidationRisk.js";
import { getMarket, type Market } from "./getMarket.js";

export type GetAccountParameters = {
  clearingHouse: Address;
  account: Address;
  /**
   * Replay the account's fills, liquidations and settlement claims from this block to sum its
   * realized PnL and fees (the clearing house's deployment block). Omit to skip (no log scan and
   * no tick-size reads).
   */
  historyFromBlock?: bigint | undefined;
};

/** One position, valued at the market's mark price now. */
export type AccountPosition = {
  market: Market;
  marketId: bigint;
  /** Signed GPU-hours (long > 0). */
  size: bigint;
  /**
   * Cost of the position, fees included: the fee of every fill that opened or added to it is in
   * it (MarginLib.applyFillDown), so that unrealized PnL is net of them.
   */
  openNotional: bigint;
  /**
   * Average entry price, |openNotional| / |size| (rounded down); 0 when flat. Opening fees
   * included: above the fill prices for a long, below them for a short.
   */
  entryPrice: bigint;
  /** Resting bid and ask sizes. */
  bidSize: bigint;
  askSize: bigint;
  /** The mark price used (the final price once settled). */
  markPrice: bigint;
  /** size × mark − openNotional (net of opening fees); after settlement, the settlement PnL still to claim. */
  unrealizedPnl: bigint;
  initialMargin: bigint;
  maintenanceMargin: bigint;
  /**
   * The price at which `liquidate` accepts the account (other markets unchanged): it values each
   * position at the better of mark and index (finding F-2), so both must be past this price.
   * Null if no price reaches it.
   */
  liquidationPrice: bigint | null;
  /** Settled, waiting for `claimSettlement`. */
  claimable: boolean;
};

/**
 * What the account's events add up to. For an account that had no bad debt forgiven and no
 * capacity cover seized: collateral = deposits − withdrawals + realizedPnl − (fees − openingFees)
 * − liquidationPenalties.
 */
export type AccountHistory = {
  /**
   * PnL moved into collateral by trades, liquidations and settlement claims, before closing fees
   * and net of opening fees (those are part of a position's cost, realized with it).
   */
  realizedPnl: bigint;
  /** Trading fees paid, all of them. */
  fees: bigint;
  /**
   * Of `fees`, those of fills that opened or added to a position: paid into its open notional
   * (its entry price) rather than out of collateral, and realized with it.
   */
  openingFees: bigint;
  /** Liquidation penalties paid, less rewards received as liquidator. */
  liquidationPenalties: bigint;
  fills: number;
};

export type GetAccountReturnType = {
  account: Address;
  collateral: bigint;
  /** The clearing house's own `health(account)`. */
  health: Health;
  equity: bigint;
  /** Initial margin over positions and resting orders ("margin used"). */
  marginUsed: bigint;
  maintenanceMargin: bigint;
  /** Equity − initial margin: what can be withdrawn or used by new orders. */
  freeMargin: bigint;
  unrealizedPnl: bigint;
  /** Whether `liquidate` accepts the account now (`liquidationHealth`, not `health` at the mark). */
  liquidatable: boolean;
  positions: AccountPosition[];
  history: AccountHistory | null;
};

export type GetAccountErrorType =
  | ComputusContractError
  | UnknownContractError
  | ReadContractErrorType
  | GetLogsErrorType;

/**
 * An account's collateral, equity, margins, free margin, positions (with unrealized PnL and
 * liquidation price) and, with `historyFromBlock`, its realized PnL and fees.
 */
export async function getAccount<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { clearingHouse, account, historyFromBlock }: GetAccountParameters,
): Promise<GetAccountReturnType> {
  const read = getAction(client, readContract, "readContract");
  try {
    const [collateral, h, marketIds, liquidation] = await Promise.all([
      read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "collateralOf", args: [account] }),
      read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "health", args: [account] }),
      read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "marketsOf", args: [account] }),
      getLiquidationRisk(client, { clearingHouse, account }),
    ]);
    const health: Health = {
      equity: h.equity,
      initialMargin: h.initialMargin,
      positionMargin: h.positionMargin,
      maintenanceMargin: h.maintenanceMargin,
      openPositions: h.openPositions,
    };
    const positions = await Promise.all(
      marketIds.map(async (marketId) => {
        const [market, [size, openNotional, bidSize, askSize]] = await Promise.all([
          getMarket(client, { clearingHouse, marketId }),
          read({
            address: clearingHouse,
            abi: clearingHouseAbi,
            functionName: "positionOf",
            args: [account, marketId],
          }),
        ]);
        const risk = liquidation.positions.find((p) => p.market.marketId === marketId);
        return toPosition(market, size, openNotional, bidSize, askSize, liquidation.health, risk);
      }),
    );
    const history =
      historyFromBlock === undefined ? null : await getHistory(client, clearingHouse, account, historyFromBlock);
    return {
      account,
      collateral,
      health,
      equity: health.equity,
      marginUsed: health.initialMargin,
      maintenanceMargin: health.maintenanceMargin,
      freeMargin: freeMargin(health),
      unrealizedPnl: positions.reduce((sum, p) => sum + p.unrealizedPnl, 0n),
      liquidatable: isLiquidatable(liquidation.health),
      positions,
      history,
    };
  } catch (error) {
    throw decodeContractError(error);
  }
}

function toPosition(
  market: Market,
  size: bigint,
  openNotional: bigint,
  bidSize: bigint,
  askSize: bigint,
  liquidationHealth: Health,
  liquidationRisk: PositionRisk | undefined,
): AccountPosition {
  const settled = market.state === "Settled";
  const mark = settled ? market.finalPrice : (market.markPrice ?? 0n);
  const absSize = size < 0n ? -size : size;
  const imBps = BigInt(market.config.imBps);
  const mmBps = BigInt(market.config.mmBps);
  const risk: PositionRisk = {
    size,
    openNotional,
    bidSize,
    askSize,
    markPrice: mark,
    imBps,
    mmBps,
    settlement: settled
      ? { finalPrice: market.finalPrice, haircut: market.tail.haircut, winnerIsLong: market.tail.winnerIsLong }
      : undefined,
  };
  const absNotional = openNotional < 0n ? -openNotional : openNotional;
  return {
    market,
    marketId: market.marketId,
    size,
    openNotional,
    entryPrice: absSize === 0n ? 0n : absNotional / absSize,
    bidSize,
    askSize,
    markPrice: mark,
    unrealizedPnl: settled
      ? settlementPnlDown(size, openNotional, market.finalPrice, market.tail.haircut, market.tail.winnerIsLong)
      : unrealizedPnl(size, openNotional, mark),
    initialMargin: settled ? 0n : bpsOfNotionalUp(absSize, mark, imBps),
    maintenanceMargin: settled ? 0n : bpsOfNotionalUp(absSize, mark, mmBps),
    liquidationPrice:
      settled || market.markPrice === null
        ? null
        : liquidationPrice({ health: liquidationHealth, position: liquidationRisk ?? risk }),
    claimable: settled,
  };
}

function eventOf<name extends "Fill" | "Liquidated" | "SettlementClaimed">(name: name) {
  return clearingHouseAbi.find((item) => item.type === "event" && item.name === name) as Extract<
    (typeof clearingHouseAbi)[number],
    { type: "event"; name: name }
  >;
}

/**
 * Replays the account's events through the contracts' math: fills through `applyFillDown` (their
 * market, side and price from the order id and the market's tick size), liquidations through it
 * without a fee (`applyTradeDown`'s rule), settlement claims as their PnL.
 */
async function getHistory(
  client: Client<Transport, Chain | undefined>,
  clearingHouse: Address,
  account: Address,
  fromBlock: bigint,
): Promise<AccountHistory> {
  const logs = getAction(client, getLogs, "getLogs");
  const base = { address: clearingHouse, fromBlock, toBlock: "latest" as const };
  const [asMaker, asTaker, liquidated, asLiquidator, claims] = await Promise.all([
    logs({ ...base, event: eventOf("Fill"), args: { maker: account } }),
    logs({ ...base, event: eventOf("Fill"), args: { taker: account } }),
    logs({ ...base, event: eventOf("Liquidated"), args: { account } }),
    logs({ ...base, event: eventOf("Liquidated"), args: { liquidator: account } }),
    logs({ ...base, event: eventOf("SettlementClaimed"), args: { account } }),
  ]);
  type FillArgs = { orderId: bigint; size: bigint; makerFee: bigint; takerFee: bigint };
  const fillArgs = (l: { args: unknown }) => l.args as FillArgs;
  const tickSizes = await getTickSizes(
    client,
    clearingHouse,
    [...asMaker, ...asTaker].map((l) => decodeOrderId(fillArgs(l).orderId).marketId),
  );
  const trade = (a: FillArgs) => decodeFill(a.orderId, a.size, tickSizes.get(decodeOrderId(a.orderId).marketId) ?? 0n);
  type Step = {
    block: bigint;
    index: number;
    marketId: bigint;
    delta: bigint;
    price: bigint;
    fee: bigint;
    penalty: bigint;
    pnl?: bigint;
  };
  const steps: Step[] = [];
  const at = (log: { blockNumber: bigint | null; logIndex: number | null }) => ({
    block: log.blockNumber ?? 0n,
    index: log.logIndex ?? 0,
  });
  for (const l of asMaker) {
    const a = fillArgs(l);
    const { marketId, price, takerSize } = trade(a);
    // A self-trade never fills, so maker and taker logs never repeat one fill.
    steps.push({ ...at(l), marketId, delta: -takerSize, price, fee: a.makerFee, penalty: 0n });
  }
  for (const l of asTaker) {
    const a = fillArgs(l);
    const { marketId, price, takerSize } = trade(a);
    steps.push({ ...at(l), marketId, delta: takerSize, price, fee: a.takerFee, penalty: 0n });
  }
  for (const l of liquidated) {
    const a = l.args as { marketId: bigint; size: bigint; markPrice: bigint; penalty: bigint };
    steps.push({ ...at(l), marketId: a.marketId, delta: -a.size, price: a.markPrice, fee: 0n, penalty: a.penalty });
  }
  for (const l of asLiquidator) {
    const a = l.args as { marketId: bigint; size: bigint; markPrice: bigint; reward: bigint };
    steps.push({ ...at(l), marketId: a.marketId, delta: a.size, price: a.markPrice, fee: 0n, penalty: -a.reward });
  }
  for (const l of claims) {
    const a = l.args as { marketId: bigint; pnl: bigint };
    steps.push({ ...at(l), marketId: a.marketId, delta: 0n, price: 0n, fee: 0n, penalty: 0n, pnl: a.pnl });
  }
  steps.sort((x, y) => (x.block !== y.block ? (x.block < y.block ? -1 : 1) : x.index - y.index));
  const positions = new Map<bigint, { size: bigint; openNotional: bigint }>();
  const out: AccountHistory = { realizedPnl: 0n, fees: 0n, openingFees: 0n, liquidationPenalties: 0n, fills: 0 };
  for (const s of steps) {
    const p = positions.get(s.marketId) ?? { size: 0n, openNotional: 0n };
    if (s.pnl !== undefined) {
      out.realizedPnl += s.pnl;
      positions.set(s.marketId, { size: 0n, openNotional: 0n });
      continue;
    }
    // A liquidation has no fee: applyFillDown then trades as applyTradeDown.
    const t = applyFillDown(p.size, p.openNotional, s.delta, s.price, s.fee);
    positions.set(s.marketId, { size: t.newSize, openNotional: t.newOpenNotional });
    out.realizedPnl += t.realizedPnl;
    out.fees += s.fee;
    if (opensOrAdds(p.size, s.delta)) out.openingFees += s.fee;
    out.liquidationPenalties += s.penalty;
    if (s.fee !== 0n || s.penalty === 0n) out.fills += 1;
  }
  return out;
}
