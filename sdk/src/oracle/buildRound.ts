import { type Address, type Hex, isAddressEqual } from "viem";
import { DuplicateSignerError, EmptyRoundError, MismatchedObservationError } from "../errors/observation.js";
import { medianDown } from "../math/median.js";
import type { Observation } from "./typedData.js";

/** One publisher's observation as the oracle's `submit` takes it (`IIndexOracle.SignedObservation`). */
export type SignedObservation = {
  readonly price: bigint;
  /** EIP-2098 compact signature: r. */
  readonly r: Hex;
  /** EIP-2098 compact signature: yParity in the top bit, then s. */
  readonly vs: Hex;
};

/** A publisher's signed observation, with what was signed and who signed it. */
export type PublisherObservation = Observation &
  SignedObservation & {
    /** The publisher's address (recovered from the signature when it was made). */
    readonly signer: Address;
    /** The 65-byte signature as the wallet returned it. */
    readonly signature: Hex;
  };

/** A round ready for `submit`: observations ordered by signer, and the price the oracle will record. */
export type BuiltRound = {
  readonly oracle: Address;
  readonly chainId: number;
  readonly indexId: Hex;
  readonly timestamp: number;
  /** Signers, strictly ascending by address, as the oracle requires. */
  readonly signers: readonly Address[];
  /** The `submit` argument, in the signers' order. */
  readonly observations: readonly SignedObservation[];
  /** The round's price as the oracle computes it: the median of the observed prices, rounded down. */
  readonly price: bigint;
};

/**
 * Orders the observations of a round by signer address, ascending (the oracle requires strictly
 * ascending signers), and checks that they form one round.
 * @throws {EmptyRoundError} with no observation.
 * @throws {MismatchedObservationError} when they are not all for the same oracle, chain, index and time.
 * @throws {DuplicateSignerError} when a publisher appears twice.
 */
export function buildRound(observations: readonly PublisherObservation[]): BuiltRound {
  const first = observations[0];
  if (first === undefined) throw new EmptyRoundError();
  for (const observation of observations) {
    const { signer } = observation;
    if (!isAddressEqual(observation.oracle, first.oracle)) {
      throw new MismatchedObservationError({
        signer,
        field: "oracle",
        expected: first.oracle,
        actual: observation.oracle,
      });
    }
    for (const field of ["chainId", "timestamp"] as const) {
      if (observation[field] !== first[field]) {
        throw new MismatchedObservationError({ signer, field, expected: first[field], actual: observation[field] });
      }
    }
    if (observation.indexId.toLowerCase() !== first.indexId.toLowerCase()) {
      throw new MismatchedObservationError({
        signer,
        field: "indexId",
        expected: first.indexId,
        actual: observation.indexId,
      });
    }
  }
  const sorted = [...observations].sort((a, b) => {
    const x = BigInt(a.signer);
    const y = BigInt(b.signer);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (let i = 1; i < sorted.length; i++) {
    const signer = (sorted[i] as PublisherObservation).signer;
    if (isAddressEqual(signer, (sorted[i - 1] as PublisherObservation).signer))
      throw new DuplicateSignerError({ signer });
  }
  return {
    oracle: first.oracle,
    chainId: first.chainId,
    indexId: first.indexId,
    timestamp: first.timestamp,
    signers: sorted.map((o) => o.signer),
    observations: sorted.map(({ price, r, vs }) => ({ price, r, vs })),
    price: medianDown(sorted.map((o) => o.price)),
  };
}
