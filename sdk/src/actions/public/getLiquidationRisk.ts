import { type Address, type Chain, type Client, parseAbi, type ReadContractErrorType, type Transport } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { clearingHouseAbi, indexOracleAbi } from "../../generated/abis.js";
import { type Health, liquidationHealth, type PositionRisk } from "../../math/margin.js";
import { getMarket, type Market } from "./getMarket.js";

/** The clearing house's public `oracle` immutable (a getter of the contract, not of its interfaces). */
export const clearingHouseOracleAbi = parseAbi(["function oracle() view returns (address)"]);

export type GetLiquidationRiskParameters = {
  clearingHouse: Address;
  account: Address;
};

export type LiquidationRiskPosition = PositionRisk & { market: Market };

export type GetLiquidationRiskReturnType = {
  collateral: bigint;
  /** Every market of the account with its mark, index and cover, as `liquidate` reads them. */
  positions: LiquidationRiskPosition[];
  /** `liquidationHealth`: what `liquidate` checks (finding F-2), not `health(account)`. */
  health: Health;
};

export type GetLiquidationRiskErrorType = ComputusContractError | UnknownContractError | ReadContractErrorType;

/**
 * An account's positions as `liquidate` values them: each market's mark, index
 * (`oracle.latestPrice`) and cover, and the health at the better of mark and index per position
 * (`liquidationHealth`). A market whose index cannot be read (stale) is valued at its mark, as
 * `liquidate` cannot run there anyway.
 */
export async function getLiquidationRisk<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { clearingHouse, account }: GetLiquidationRiskParameters,
): Promise<GetLiquidationRiskReturnType> {
  const read = getAction(client, readContract, "readContract");
  try {
    const [collateral, marketIds, oracle] = await Promise.all([
      read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "collateralOf", args: [account] }),
      read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "marketsOf", args: [account] }),
      read({ address: clearingHouse, abi: clearingHouseOracleAbi, functionName: "oracle" }),
    ]);
    const positions = await Promise.all(
      marketIds.map(async (marketId): Promise<LiquidationRiskPosition> => {
        const [market, [size, openNotional, bidSize, askSize], [tokenId, , coveredHours], coverParams] =
          await Promise.all([
            getMarket(client, { clearingHouse, marketId }),
            read({
              address: clearingHouse,
              abi: clearingHouseAbi,
              functionName: "positionOf",
              args: [account, marketId],
            }),
            read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "coverOf", args: [account, marketId] }),
            read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "coverParams", args: [marketId] }),
          ]);
        const settled = market.state === "Settled";
        const indexPrice = settled
          ? undefined
          : await read({ address: oracle, abi: indexOracleAbi, functionName: "latestPrice", args: [market.indexId] })
              .then(([price]) => price)
              .catch(() => undefined);
        return {
          market,
          size,
          openNotional,
          bidSize,
          askSize,
          markPrice: settled ? market.finalPrice : (market.markPrice ?? indexPrice ?? 0n),
          indexPrice,
          imBps: BigInt(market.config.imBps),
          mmBps: BigInt(market.config.mmBps),
          settlement: settled
            ? { finalPrice: market.finalPrice, haircut: market.tail.haircut, winnerIsLong: market.tail.winnerIsLong }
            : undefined,
          cover:
            tokenId === 0n
              ? undefined
              : { coveredHours, imBps: BigInt(coverParams.imBps), mmBps: BigInt(coverParams.mmBps) },
        };
      }),
    );
    return { collateral, positions, health: liquidationHealth(collateral, positions) };
  } catch (error) {
    throw decodeContractError(error);
  }
}
