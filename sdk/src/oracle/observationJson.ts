import { type Address, getAddress, type Hex, isAddress, isAddressEqual, isHex, size } from "viem";
import { InvalidObservationError } from "../errors/observation.js";
import type { PublisherObservation } from "./buildRound.js";
import { recoverObservationSigner, toCompactSignature } from "./compactSignature.js";
import { assertObservation } from "./typedData.js";

/** A publisher's observation as JSON (the price as a decimal string), for sending to whoever submits. */
export type PublisherObservationJson = {
  oracle: Address;
  chainId: number;
  indexId: Hex;
  timestamp: number;
  price: string;
  signer: Address;
  signature: Hex;
  r: Hex;
  vs: Hex;
};

/** An observation as JSON-safe data (bigint price as a decimal string). */
export function observationToJson(observation: PublisherObservation): PublisherObservationJson {
  const { oracle, chainId, indexId, timestamp, price, signer, signature, r, vs } = observation;
  return { oracle, chainId, indexId, timestamp, price: price.toString(), signer, signature, r, vs };
}

function field<T>(ok: boolean, value: unknown, name: string, what: string): T {
  if (!ok) throw new InvalidObservationError({ field: name, reason: `${JSON.stringify(value)} is not ${what}` });
  return value as T;
}

/**
 * Reads an observation received from another publisher and verifies it: every field in range,
 * the compact signature consistent with the full one, and recovering to the claimed signer — so a
 * bad observation is refused here, not as `NotPublisher` on-chain.
 * @throws {InvalidObservationError} naming the field that is wrong (`signature` when it does not verify).
 */
export async function parseObservation(json: unknown): Promise<PublisherObservation> {
  if (typeof json !== "object" || json === null)
    throw new InvalidObservationError({ field: "", reason: "is not an object" });
  const o = json as Record<string, unknown>;
  const bytes32 = (name: string) =>
    field<Hex>(
      typeof o[name] === "string" && isHex(o[name], { strict: true }) && size(o[name] as Hex) === 32,
      o[name],
      name,
      "32 bytes of hex",
    );
  const oracle = field<Address>(typeof o.oracle === "string" && isAddress(o.oracle), o.oracle, "oracle", "an address");
  const signer = field<Address>(typeof o.signer === "string" && isAddress(o.signer), o.signer, "signer", "an address");
  const priceText = field<string>(
    typeof o.price === "string" && /^[0-9]{1,20}$/.test(o.price),
    o.price,
    "price",
    "a decimal integer string",
  );
  const signature = field<Hex>(
    typeof o.signature === "string" && isHex(o.signature, { strict: true }) && size(o.signature as Hex) === 65,
    o.signature,
    "signature",
    "a 65-byte signature",
  );
  const observation = {
    oracle: getAddress(oracle),
    chainId: o.chainId as number,
    indexId: bytes32("indexId"),
    timestamp: o.timestamp as number,
    price: BigInt(priceText),
  };
  assertObservation(observation);
  const r = bytes32("r");
  const vs = bytes32("vs");
  let compact: { r: Hex; vs: Hex };
  try {
    compact = toCompactSignature(signature);
  } catch {
    throw new InvalidObservationError({ field: "signature", reason: "is malformed" });
  }
  if (compact.r.toLowerCase() !== r.toLowerCase() || compact.vs.toLowerCase() !== vs.toLowerCase()) {
    throw new InvalidObservationError({ field: "signature", reason: "does not match r and vs" });
  }
  const recovered = await recoverObservationSigner({ ...observation, r, vs });
  if (!isAddressEqual(recovered, signer)) {
    throw new InvalidObservationError({
      field: "signature",
      reason: `recovers to ${recovered}, not to the claimed signer ${signer}`,
    });
  }
  return { ...observation, signer: getAddress(signer), signature, r, vs };
}
