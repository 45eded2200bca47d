import type { Address, Chain, Client, ContractFunctionReturnType, Hex, ReadContractErrorType, Transport } from "viem";
import { getBlock, readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import { MARKET_STATES, type MarketStateName } from "../../errors/clearingHouse.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { bandAt } from "../../math/margin.js";
import { formatIndexId } from "../../utils/format.js";

type MarketRead = ContractFunctionReturnType<typeof clearingHouseAbi, "view", "market">;

export type GetMarketParameters = {
  /** The clearing house. */
  clearingHouse: Address;
  marketId: bigint;
};

/** A market: its parameters, its state now and its trading aggregates. */
export type Market = {
  marketId: bigint;
  indexId: Hex;
  /** The index's name (its id as text). */
  indexName: string;
  config: MarketRead[1];
  risk: MarketRead[2];
  trading: MarketRead[3];
  tail: MarketRead[4];
  /** Listed, Trading, Averaging, Expired or Settled. */
  state: MarketStateName;
  /** Active, ReduceOnly or Paused. */
  mode: "Active" | "ReduceOnly" | "Paused";
  /** The mark price now; null when the index cannot be read (stale, no round yet). */
  markPrice: bigint | null;
  /** The mark-price band now (basis points): orders must be priced inside it around the index. */
  bandBps: bigint;
  /** The final price once proposed (0 before). */
  finalPrice: bigint;
};

export type GetMarketReturnType = Market;
export type GetMarketErrorType = ComputusContractError | UnknownContractError | ReadContractErrorType;

const MODES = ["Active", "ReduceOnly", "Paused"] as const;

/**
 * A market's parameters and state (`market`, `marketState`, `markPrice`).
 * @throws {UnknownMarketError} when the market does not exist.
 */
export async function getMarket<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { clearingHouse, marketId }: GetMarketParameters,
): Promise<GetMarketReturnType> {
  const read = getAction(client, readContract, "readContract");
  try {
    const [indexId, config, risk, trading, tail] = await read({
      address: clearingHouse,
      abi: clearingHouseAbi,
      functionName: "market",
      args: [marketId],
    });
    const [state, mark, block] = await Promise.all([
      read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "marketState", args: [marketId] }),
      read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "markPrice", args: [marketId] }).catch(
        () => null,
      ),
      getBlockTimestamp(client),
    ]);
    return {
      marketId,
      indexId,
      indexName: formatIndexId(indexId),
      config,
      risk,
      trading,
      tail,
      state: MARKET_STATES[state] ?? "Listed",
      mode: MODES[risk.mode] ?? "Active",
      markPrice: mark,
      bandBps: bandAt(BigInt(risk.bandBps), BigInt(config.windowStart), BigInt(config.windowEnd), block),
      finalPrice: risk.finalPrice,
    };
  } catch (error) {
    throw decodeContractError(error);
  }
}

async function getBlockTimestamp(client: Client<Transport, Chain | undefined>): Promise<bigint> {
  return (await getAction(client, getBlock, "getBlock")({})).timestamp;
}
