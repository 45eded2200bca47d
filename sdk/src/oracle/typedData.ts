import { type Address, type Hex, hashTypedData, isAddress, isHex, size } from "viem";
import { InvalidObservationError } from "../errors/observation.js";

/** EIP-712 domain name of the index oracle. */
export const OBSERVATION_DOMAIN_NAME = "Computus Index Oracle";
/** EIP-712 domain version of the index oracle. */
export const OBSERVATION_DOMAIN_VERSION = "1";

/** EIP-712 types of a publisher's observation, as the oracle hashes them. */
export const observationTypes = {
  Observation: [
    { name: "indexId", type: "bytes32" },
    { name: "timestamp", type: "uint32" },
    { name: "price", type: "uint64" },
  ],
} as const;

const MAX_UINT32 = 2 ** 32 - 1;
const MAX_UINT64 = (1n << 64n) - 1n;

/** What a publisher signs: a price of an index at a fixing time, for one oracle on one chain. */
export type Observation = {
  /** The oracle contract (the EIP-712 verifying contract). */
  readonly oracle: Address;
  /** The oracle's chain id. */
  readonly chainId: number;
  /** The index's bytes32 id (see `toIndexId`). */
  readonly indexId: Hex;
  /** The round's fixing time, Unix seconds (uint32). Every publisher of a round signs the same. */
  readonly timestamp: number;
  /** Price in quote units per GPU-hour (uint64, > 0). */
  readonly price: bigint;
};

/**
 * Checks an observation's fields against what the oracle accepts, before anything is signed.
 * @throws {InvalidObservationError} naming the field.
 */
export function assertObservation(observation: Observation): void {
  const { oracle, chainId, indexId, timestamp, price } = observation;
  if (!isAddress(oracle)) throw new InvalidObservationError({ field: "oracle", reason: `${oracle} is not an address` });
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new InvalidObservationError({ field: "chainId", reason: `${chainId} is not a chain id` });
  }
  if (!isHex(indexId, { strict: true }) || size(indexId) !== 32) {
    throw new InvalidObservationError({ field: "indexId", reason: `${indexId} is not 32 bytes of hex` });
  }
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0 || timestamp > MAX_UINT32) {
    throw new InvalidObservationError({
      field: "timestamp",
      reason: `${timestamp} is not a Unix time in seconds (uint32)`,
    });
  }
  if (typeof price !== "bigint" || price <= 0n || price > MAX_UINT64) {
    throw new InvalidObservationError({ field: "price", reason: `${price} is not a positive uint64` });
  }
}

/** The EIP-712 typed data of an observation, ready for `signTypedData` or `hashTypedData`. */
export function observationTypedData(observation: Observation) {
  assertObservation(observation);
  return {
    domain: {
      name: OBSERVATION_DOMAIN_NAME,
      version: OBSERVATION_DOMAIN_VERSION,
      chainId: observation.chainId,
      verifyingContract: observation.oracle,
    },
    types: observationTypes,
    primaryType: "Observation",
    message: { indexId: observation.indexId, timestamp: observation.timestamp, price: observation.price },
  } as const;
}

/** The EIP-712 digest of an observation: what the oracle's `observationDigest` returns. */
export function hashObservation(observation: Observation): Hex {
  return hashTypedData(observationTypedData(observation));
}
