import {
  type Account,
  type Address,
  type BlockTag,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  isAddressEqual,
  type SimulateContractErrorType,
  type Transport,
  type WriteContractErrorType,
} from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { getAction, parseAccount } from "viem/utils";
import { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { WrongChainError } from "../../errors/deployment.js";
import {
  type DuplicateSignerError,
  type EmptyRoundError,
  MismatchedObservationError,
} from "../../errors/observation.js";
import { indexOracleAbi } from "../../generated/abis.js";
import { type BuiltRound, buildRound, type PublisherObservation } from "../../oracle/buildRound.js";

export type SubmitRoundParameters = {
  /** The oracle contract. */
  oracle: Address;
  /** The index's bytes32 id. */
  indexId: Hex;
  /** The round's fixing time, Unix seconds: the one every observation signed. */
  timestamp: number;
  /** Publishers' signed observations, in any order (they are sorted by signer here). */
  observations: readonly PublisherObservation[];
  /**
   * Send `submitConfirmed` instead of `submit`: accepts a move beyond the index's `maxMoveBps`.
   * Guardian only.
   */
  confirmed?: boolean | undefined;
  /** The sender; defaults to the client's account. Anyone may send a round. */
  account?: Account | Address | undefined;
  /** The chain, when the client has none. */
  chain?: Chain | undefined;
  /**
   * The block the simulation runs against. Default: the node's default (`latest`). `"pending"`
   * judges the round as the next block will (its timestamp): a fixing newer than the latest block
   * is then not refused as a future timestamp (an idle local chain's latest block can be minutes old).
   */
  blockTag?: BlockTag | undefined;
};

export type SubmitRoundReturnType = {
  /** The transaction's hash (not yet mined). */
  hash: Hash;
  /** The id the new round gets, from the simulation. */
  roundId: number;
  /** The round as sent. */
  round: BuiltRound;
};

export type SubmitRoundErrorType =
  | EmptyRoundError
  | DuplicateSignerError
  | MismatchedObservationError
  | WrongChainError
  | AccountRequiredError
  | ComputusContractError
  | UnknownContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Submits a round of publishers' observations to the index oracle: orders them by signer,
 * simulates `submit(indexId, timestamp, observations)` so that a bad round fails with a typed error
 * (`QuorumNotMetError`, `NotPublisherError`, `StaleTimestampError`, `MoveTooLargeError` …) and
 * costs no gas, then sends it.
 *
 * @example
 * const { hash, roundId } = await submitRound(walletClient, {
 *   oracle, indexId, timestamp, observations: [alice, bob, carol],
 * });
 * await publicClient.waitForTransactionReceipt({ hash });
 */
export async function submitRound<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: SubmitRoundParameters,
): Promise<SubmitRoundReturnType> {
  const { oracle, indexId, timestamp, observations, confirmed = false, chain = client.chain, blockTag } = parameters;
  const account_ = parameters.account ?? client.account;
  if (!account_) throw new AccountRequiredError({ action: "submitRound" });
  const account = parseAccount(account_);

  const round = buildRound(observations);
  const signer = round.signers[0] as Address;
  if (!isAddressEqual(round.oracle, oracle)) {
    throw new MismatchedObservationError({ signer, field: "oracle", expected: oracle, actual: round.oracle });
  }
  if (round.indexId.toLowerCase() !== indexId.toLowerCase()) {
    throw new MismatchedObservationError({ signer, field: "indexId", expected: indexId, actual: round.indexId });
  }
  if (round.timestamp !== timestamp) {
    throw new MismatchedObservationError({ signer, field: "timestamp", expected: timestamp, actual: round.timestamp });
  }
  // Signatures bind the chain id: a round signed for another chain can only fail as NotPublisher.
  if (chain !== undefined && chain.id !== round.chainId) {
    throw new WrongChainError({ expected: round.chainId, actual: chain.id });
  }

  const functionName = confirmed ? "submitConfirmed" : "submit";
  try {
    const { result, request } = await getAction(
      client,
      simulateContract,
      "simulateContract",
    )({
      address: oracle,
      abi: indexOracleAbi,
      functionName,
      args: [indexId, timestamp, round.observations],
      account,
      chain,
      ...(blockTag === undefined ? {} : { blockTag }),
    });
    const hash = await getAction(client, writeContract, "writeContract")(request);
    return { hash, roundId: result, round };
  } catch (error) {
    throw decodeContractError(error);
  }
}
