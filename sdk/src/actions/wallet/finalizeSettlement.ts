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

export type FinalizeSettlementParameters = {
  clearingHouse: Address;
  marketId: bigint;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type FinalizeSettlementReturnType = { hash: Hash };
export type FinalizeSettlementErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Fixes a market's final price after the dispute period (anyone may call).
 */
export async function finalizeSettlement<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: FinalizeSettlementParameters,
): Promise<FinalizeSettlementReturnType> {
  const { clearingHouse, chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "finalizeSettlement");
  await assertChain(client, chainId);
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "finalizeSettlement",
    args: [parameters.marketId],
    account,
    chain,
  });
  return { hash };
}
