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
import { capacityTokenAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite } from "../internal/trade.js";

export type FixCompensationPriceParameters = {
  capacityToken: Address;
  id: bigint;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type FixCompensationPriceReturnType = { hash: Hash; price: bigint };
export type FixCompensationPriceErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/** Fixes the compensation price of a capacity id at the index's average over its window, once final (anyone may call; simulated first). */
export async function fixCompensationPrice<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { capacityToken, id, chain = client.chain, chainId, ...rest }: FixCompensationPriceParameters,
): Promise<FixCompensationPriceReturnType> {
  const account = requireAccount(client, rest.account, "fixCompensationPrice");
  await assertChain(client, chainId);
  const { hash, result } = await simulateAndWrite<bigint>(client, {
    address: capacityToken,
    abi: capacityTokenAbi,
    functionName: "fixCompensationPrice",
    args: [id],
    account,
    chain,
  });
  return { hash, price: result };
}
