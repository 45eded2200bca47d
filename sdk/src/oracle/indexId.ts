import { type Hex, stringToHex } from "viem";
import { InvalidObservationError } from "../errors/observation.js";

/**
 * The bytes32 id of an index from its name (`H100-SXM-USD-HR`): the ASCII text, right-padded with
 * zeros, so ids stay readable on-chain and in events. {@link formatIndexId} reverses it.
 * @throws {InvalidObservationError} when the name is empty, longer than 32 bytes or not printable ASCII.
 */
export function toIndexId(name: string): Hex {
  if (!/^[\x21-\x7e][\x20-\x7e]{0,31}$/.test(name)) {
    throw new InvalidObservationError({
      field: "indexId",
      reason: `"${name}" is not 1 to 32 printable ASCII characters`,
    });
  }
  return stringToHex(name, { size: 32 });
}

export { formatIndexId } from "../utils/format.js";
