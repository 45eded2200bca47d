/**
 * The GPU owner's cover in the demo: its GPUs attested for the delivery window, minted as
 * capacity tokens (the bond pulled from the owner's wallet) and posted in the clearing house, so
 * the owner's short hedge is margined at the market's covered rates (docs/capacity.md).
 */
import { type Address, type Hex, keccak256, type PublicClient, stringToHex } from "viem";
import type { CapacityAttestation } from "../../sdk/src/capacity/typedData.js";
import type { Deployment } from "../../sdk/src/deployment/deployment.js";
import { capacityTokenAbi } from "../../sdk/src/generated/abis.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import type { Venue, Wallet } from "./venue.js";

export type OwnerCoverParameters = {
  readonly publicClient: PublicClient;
  readonly deployment: Deployment;
  readonly venue: Venue;
  /** Holds the capacity token's admin roles; attests the owner's GPUs. */
  readonly admin: Wallet;
  readonly owner: Wallet;
  readonly marketId: bigint;
  readonly indexName: string;
  readonly gpuCount: number;
  /** The delivery window (seconds): the capacity covers every hour of it. */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Bond per GPU-hour, in collateral units. */
  readonly bondRate: bigint;
  /** Chain time now: the attestation is valid for a day from it. */
  readonly now: number;
};

export type OwnerCover = { readonly id: bigint; readonly units: bigint; readonly bond: bigint };

/** Mints `gpuCount` GPUs × the window's hours of capacity to `owner` and posts it all as cover. */
export async function postOwnerCover(p: OwnerCoverParameters): Promise<OwnerCover> {
  const capacity = p.deployment.contracts.CapacityToken?.address as Address;
  if (!capacity) throw new Error("the deployment has no capacity token");
  const indexId = toIndexId(p.indexName);
  const confirm = async (hash: Hex) => {
    const receipt = await p.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`cover setup transaction ${hash} reverted`);
  };
  const attestorRole = await p.publicClient.readContract({
    address: capacity,
    abi: capacityTokenAbi,
    functionName: "ATTESTOR_ROLE",
  });
  await confirm(
    await p.admin.writeContract({
      address: capacity,
      abi: capacityTokenAbi,
      functionName: "grantRole",
      args: [attestorRole, p.admin.account.address],
    }),
  );
  await confirm(
    await p.admin.writeContract({
      address: capacity,
      abi: capacityTokenAbi,
      functionName: "setBondRate",
      args: [indexId, p.bondRate],
    }),
  );

  const units = BigInt(p.gpuCount * ((p.windowEnd - p.windowStart) / 3_600));
  const attestation: CapacityAttestation = {
    provider: p.owner.account.address,
    start: p.windowStart,
    end: p.windowEnd,
    gpuCount: p.gpuCount,
    units,
    expiry: p.now + 86_400,
    indexId,
    evidenceHash: keccak256(stringToHex(`demo: ${p.gpuCount}x ${p.indexName}, rack A`)),
    nonce: 1n,
  };
  const { r, vs } = await p.venue.sdk(p.admin).signCapacityAttestation({ attestation });
  const minted = await p.venue.sdk(p.owner).mintCapacity({ attestation, r, vs });
  await confirm(minted.hash);
  const posted = await p.venue.sdk(p.owner).postCapacityCollateral({ marketId: p.marketId, id: minted.id, units });
  await confirm(posted.hash);
  return { id: minted.id, units, bond: units * p.bondRate };
}
