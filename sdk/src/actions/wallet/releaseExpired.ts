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

export type ReleaseExpiredParameters = {
  capacityToken: Address;
  id: bigint;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type ReleaseExpiredReturnType = { hash: Hash; amount: bigint };
export type ReleaseExpiredErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/** After the deadline, returns to the provider the bond of units never redeemed (anyone may call; simulated first). */
export async function releaseExpired<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { capacityToken, id, chain = client.chain, chainId, ...rest }: ReleaseExpiredParameters,
): Promise<ReleaseExpiredReturnType> {
  const account = requireAccount(client, rest.account, "releaseExpired");
  await assertChain(client, chainId);
  const { hash, result } = await simulateAndWrite<bigint>(client, {
    address: capacityToken,
    abi: capacityTokenAbi,
    functionName: "releaseExpired",
    args: [id],
    account,
    chain,
  });
  return { hash, amount: result };
}
