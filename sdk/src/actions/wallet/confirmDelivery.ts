import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  Hex,
  SimulateContractErrorType,
  Transport,
  WriteContractErrorType,
} from "viem";
import type { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import type { WrongChainError } from "../../errors/deployment.js";
import { capacityTokenAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite } from "../internal/trade.js";

export type ConfirmDeliveryParameters = {
  capacityToken: Address;
  id: bigint;
  requestIndex: number;
  delivered: bigint;
  evidenceHash: Hex;
  /** The attestor's compact signature over the delivery (`signCapacityAttestation({ delivery })`). */
  r: Hex;
  vs: Hex;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type ConfirmDeliveryReturnType = { hash: Hash };
export type ConfirmDeliveryErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/** Records an attested delivery of a redemption request, returning its bond to the provider (anyone may send). */
export async function confirmDelivery<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  {
    capacityToken,
    id,
    requestIndex,
    delivered,
    evidenceHash,
    r,
    vs,
    chain = client.chain,
    chainId,
    ...rest
  }: ConfirmDeliveryParameters,
): Promise<ConfirmDeliveryReturnType> {
  const account = requireAccount(client, rest.account, "confirmDelivery");
  await assertChain(client, chainId);
  const { hash } = await simulateAndWrite(client, {
    address: capacityToken,
    abi: capacityTokenAbi,
    functionName: "confirmDelivery",
    args: [id, requestIndex, delivered, evidenceHash, r, vs],
    account,
    chain,
  });
  return { hash };
}
