import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  SimulateContractErrorType,
  Transport,
  WriteContractErrorType,
} from "viem";
import type { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import type { WrongChainError } from "../../errors/deployment.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite } from "../internal/trade.js";

export type LiquidateParameters = {
  clearingHouse: Address;
  /** The account below maintenance margin. */
  owner: Address;
  marketId: bigint;
  /** At most this many GPU-hours; default no cap (the clearing house takes the least that restores the account). */
  maxSize?: bigint | undefined;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
/** `size`: GPU-hours taken over, from the simulation. */
export type LiquidateReturnType = { hash: Hash; size: bigint };
export type LiquidateErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Liquidates part or all of an account's position: the sender takes it over at mark and earns its
 * share of the penalty (simulated first: `AccountHealthyError` when the account is not liquidatable).
 */
export async function liquidate<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: LiquidateParameters,
): Promise<LiquidateReturnType> {
  const { clearingHouse, chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "liquidate");
  await assertChain(client, chainId);
  const { hash, result } = await simulateAndWrite<bigint>(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "liquidate",
    args: [parameters.owner, parameters.marketId, parameters.maxSize ?? 2n ** 255n],
    account,
    chain,
  });
  return { hash, size: result };
}
