/** The tick sizes of markets, to price the fills of their orders (not exported by the package). */
import type { Address, Chain, Client, Transport } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { clearingHouseAbi } from "../../generated/abis.js";

/**
 * Each market's tick size (`market(id).config.tickSize`), one read per distinct market. A tick
 * size is fixed when the market is created, so the newest block answers for any past fill: a
 * `Fill` or `OrderPlaced` carries only the order id, whose tick times this is the price.
 * @throws {UnknownMarketError} for a market the clearing house does not know.
 */
export async function getTickSizes(
  client: Client<Transport, Chain | undefined>,
  clearingHouse: Address,
  marketIds: Iterable<bigint>,
): Promise<Map<bigint, bigint>> {
  const read = getAction(client, readContract, "readContract");
  const ids = [...new Set(marketIds)];
  try {
    const configs = await Promise.all(
      ids.map((marketId) =>
        read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "market", args: [marketId] }),
      ),
    );
    return new Map(configs.map(([, config], i) => [ids[i] as bigint, config.tickSize]));
  } catch (error) {
    throw decodeContractError(error);
  }
}
