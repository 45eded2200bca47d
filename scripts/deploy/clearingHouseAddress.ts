/**
 * Where the clearing house's core will be deployed, known before the index oracle that needs it:
 * the oracle pushes every round to the core (its subscriber, fixed at the oracle's deployment),
 * and the core takes the oracle's address. So the deployer's next four transactions must be the
 * oracle, the clearing house's reader, extension and core, and the core is checked afterwards.
 */
import { type Address, getAddress, getContractAddress, type PublicClient } from "viem";

/** The address the core will get when `deployer`'s next transaction deploys the oracle. */
export async function predictClearingHouseCore(publicClient: PublicClient, deployer: Address): Promise<Address> {
  const nonce = await publicClient.getTransactionCount({ address: deployer, blockTag: "pending" });
  return getContractAddress({ from: deployer, nonce: BigInt(nonce + 3) });
}

/** Throws unless the core landed where the oracle pushes (another transaction came between). */
export function assertClearingHouseCoreAt(core: Address, predicted: Address): void {
  if (getAddress(core) !== getAddress(predicted)) {
    throw new Error(
      `the clearing house landed at ${core}, not at the oracle's subscriber ${predicted} (another transaction from the deployer came between)`,
    );
  }
}
