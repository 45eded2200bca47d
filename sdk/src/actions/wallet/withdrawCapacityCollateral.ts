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
import type { InvalidOrderError } from "../../errors/order.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite, toWhole } from "../internal/trade.js";

export type WithdrawCapacityCollateralParameters = {
  clearingHouse: Address;
  marketId: bigint;
  /** The capacity id posted in the market. */
  id: bigint;
  /** Units to take back. */
  units: bigint | number | string;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type WithdrawCapacityCollateralReturnType = { hash: Hash };
export type WithdrawCapacityCollateralErrorType =
  | InvalidOrderError
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Takes posted capacity units back from the clearing house (simulated first: more than posted
 * is `InsufficientCoverError`, below initial margin without them `InsufficientMarginError`).
 */
export async function withdrawCapacityCollateral<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: WithdrawCapacityCollateralParameters,
): Promise<WithdrawCapacityCollateralReturnType> {
  const { clearingHouse, marketId, id, chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "withdrawCapacityCollateral");
  await assertChain(client, chainId);
  const units = toWhole("units", parameters.units);
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "withdrawCapacityCollateral",
    args: [marketId, id, units],
    account,
    chain,
  });
  return { hash };
}
