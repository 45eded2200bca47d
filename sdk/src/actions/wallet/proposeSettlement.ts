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

export type ProposeSettlementParameters = {
  clearingHouse: Address;
  marketId: bigint;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type ProposeSettlementReturnType = { hash: Hash };
export type ProposeSettlementErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Proposes a market's final price once its window has ended (anyone may call).
 */
export async function proposeSettlement<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: ProposeSettlementParameters,
): Promise<ProposeSettlementReturnType> {
  const { clearingHouse, chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "proposeSettlement");
  await assertChain(client, chainId);
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "proposeSettlement",
    args: [parameters.marketId],
    account,
    chain,
  });
  return { hash };
}
