import {
  type Address,
  compactSignatureToSignature,
  type Hex,
  numberToHex,
  parseSignature,
  recoverTypedDataAddress,
  signatureToCompactSignature,
} from "viem";
import { type Observation, observationTypedData } from "./typedData.js";

/** Order of the secp256k1 group. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * A 65-byte signature (r, s, v) as EIP-2098 compact `{ r, vs }`, with s made low (s ≤ n/2, flipping
 * the parity), since the oracle rejects malleable high-s signatures.
 */
export function toCompactSignature(signature: Hex): { r: Hex; vs: Hex } {
  const { r, s, yParity, v } = parseSignature(signature);
  let parity = yParity ?? (v === 28n ? 1 : 0);
  let low = BigInt(s);
  if (low > SECP256K1_N / 2n) {
    low = SECP256K1_N - low;
    parity = 1 - parity;
  }
  const compact = signatureToCompactSignature({ r, s: numberToHex(low, { size: 32 }), yParity: parity });
  return { r: compact.r, vs: compact.yParityAndS };
}

/**
 * The address that signed an observation, recovered from its compact signature exactly as the
 * oracle recovers it. Use it to check observations received from other publishers.
 */
export async function recoverObservationSigner(
  observation: Observation & { readonly r: Hex; readonly vs: Hex },
): Promise<Address> {
  const signature = compactSignatureToSignature({ r: observation.r, yParityAndS: observation.vs });
  return recoverTypedDataAddress({ ...observationTypedData(observation), signature });
}
