/** EIP-712 types of the capacity token's attestations (contracts/capacity/CapacityToken.sol). */
import type { Address, Hex } from "viem";

export const CAPACITY_DOMAIN_NAME = "Computus Capacity";
export const CAPACITY_DOMAIN_VERSION = "1";

/** What a capacity attestor signs to allow a mint (`ICapacityToken.Attestation`). */
export type CapacityAttestation = {
  provider: Address;
  start: number;
  end: number;
  gpuCount: number;
  units: bigint;
  expiry: number;
  indexId: Hex;
  evidenceHash: Hex;
  nonce: bigint;
};

export const capacityAttestationTypes = {
  CapacityAttestation: [
    { name: "provider", type: "address" },
    { name: "start", type: "uint32" },
    { name: "end", type: "uint32" },
    { name: "gpuCount", type: "uint32" },
    { name: "units", type: "uint64" },
    { name: "expiry", type: "uint32" },
    { name: "indexId", type: "bytes32" },
    { name: "evidenceHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/** What a capacity attestor signs to confirm a delivery. */
export type DeliveryAttestation = { id: bigint; requestIndex: number; delivered: bigint; evidenceHash: Hex };

export const deliveryAttestationTypes = {
  DeliveryAttestation: [
    { name: "id", type: "uint256" },
    { name: "requestIndex", type: "uint32" },
    { name: "delivered", type: "uint64" },
    { name: "evidenceHash", type: "bytes32" },
  ],
} as const;

export function capacityDomain(capacityToken: Address, chainId: number) {
  return { name: CAPACITY_DOMAIN_NAME, version: CAPACITY_DOMAIN_VERSION, chainId, verifyingContract: capacityToken };
}
