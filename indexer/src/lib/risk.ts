/**
 * The clearing house's two fixed risk parameters the handlers need and no event carries: the
 * insurance fund's share of fees (`insuranceFeeShareBps`, to split each fill's fees between the
 * fee pool and the insurance fund) and the traded-price average's period (`markPeriod`, for the
 * mark price's EMA). Both are immutables set at construction, so they are read once when the
 * indexer starts (never in a handler: every row still follows from events alone), or taken from
 * `COMPUTUS_INSURANCE_FEE_SHARE_BPS` / `COMPUTUS_MARK_PERIOD` when set.
 */
import { createPublicClient, http, parseAbi } from "viem";
import { clearingHouseAddress as address, rpcUrl } from "./deployment.js";

export type FixedRisk = { readonly insuranceFeeShareBps: bigint; readonly markPeriod: bigint };

const immutablesAbi = parseAbi([
  "function insuranceFeeShareBps() view returns (uint256)",
  "function markPeriod() view returns (uint256)",
]);

async function readRisk(): Promise<FixedRisk> {
  const share = process.env.COMPUTUS_INSURANCE_FEE_SHARE_BPS;
  const period = process.env.COMPUTUS_MARK_PERIOD;
  if (share && period) return { insuranceFeeShareBps: BigInt(share), markPeriod: BigInt(period) };
  const client = createPublicClient({ transport: http(rpcUrl) });
  let lastError: unknown;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const [insuranceFeeShareBps, markPeriod] = await Promise.all([
        client.readContract({ address, abi: immutablesAbi, functionName: "insuranceFeeShareBps" }),
        client.readContract({ address, abi: immutablesAbi, functionName: "markPeriod" }),
      ]);
      return {
        insuranceFeeShareBps: share ? BigInt(share) : insuranceFeeShareBps,
        markPeriod: period ? BigInt(period) : markPeriod,
      };
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`cannot read the clearing house's risk parameters at ${address}: ${String(lastError)}`);
}

export const fixedRisk: FixedRisk = await readRisk();
