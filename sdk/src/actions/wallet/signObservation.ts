import {
  type Account,
  type Address,
  type Chain,
  type Client,
  isAddressEqual,
  type SignTypedDataErrorType,
  type Transport,
} from "viem";
import { signTypedData } from "viem/actions";
import { getAction, parseAccount } from "viem/utils";
import { AccountRequiredError, SignerMismatchError } from "../../errors/account.js";
import type { InvalidObservationError } from "../../errors/observation.js";
import type { PublisherObservation } from "../../oracle/buildRound.js";
import { recoverObservationSigner, toCompactSignature } from "../../oracle/compactSignature.js";
import { type Observation, observationTypedData } from "../../oracle/typedData.js";

export type SignObservationParameters = Observation & {
  /** The publisher's account; defaults to the client's. */
  account?: Account | Address | undefined;
};

export type SignObservationReturnType = PublisherObservation;

export type SignObservationErrorType =
  | InvalidObservationError
  | SignerMismatchError
  | AccountRequiredError
  | SignTypedDataErrorType;

/**
 * Signs a publisher's observation of an index (EIP-712, domain "Computus Index Oracle" v1 bound to
 * the oracle and chain) and returns it with its EIP-2098 compact signature, ready for
 * `buildRound` and `submitRound`. Needs no chain access.
 *
 * @example
 * const observation = await signObservation(walletClient, {
 *   oracle: deployment.contracts.IndexOracle.address,
 *   chainId: deployment.chainId,
 *   indexId: toIndexId("H100-SXM-USD-HR"),
 *   timestamp: 1_796_212_800,
 *   price: 2_134_500n,
 * });
 */
export async function signObservation<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: SignObservationParameters,
): Promise<SignObservationReturnType> {
  const { account: account_ = client.account, oracle, chainId, indexId, timestamp, price } = parameters;
  if (!account_) throw new AccountRequiredError({ action: "signObservation" });
  const account = parseAccount(account_);
  const observation: Observation = { oracle, chainId, indexId, timestamp, price };
  const typedData = observationTypedData(observation);
  const signature = await getAction(client, signTypedData, "signTypedData")({ account, ...typedData });
  const { r, vs } = toCompactSignature(signature);
  // A JSON-RPC wallet may sign with another key than asked: catch it here, not as NotPublisher on-chain.
  const signer = await recoverObservationSigner({ ...observation, r, vs });
  if (!isAddressEqual(signer, account.address))
    throw new SignerMismatchError({ expected: account.address, actual: signer });
  return { ...observation, price, r, vs, signer: account.address, signature };
}
