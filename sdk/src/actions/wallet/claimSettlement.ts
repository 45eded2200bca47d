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

export type ClaimSettlementParameters = {
  clearingHouse: Address;
  marketId: bigint;
  /** Whose position to close; default the sender (anyone may claim for anyone). */
  owner?: Address | undefined;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type ClaimSettlementReturnType = { hash: Hash };
export type ClaimSettlementErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Closes a position in a settled market, moving its PnL (after any write-down) into collateral.
 */
export async function claimSettlement<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: ClaimSettlementParameters,
): Promise<ClaimSettlementReturnType> {
  const { clearingHouse, chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "claimSettlement");
  await assertChain(client, chainId);
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "claimSettlement",
    args: [parameters.owner ?? account.address, parameters.marketId],
    account,
    chain,
  });
  return { hash };
}
