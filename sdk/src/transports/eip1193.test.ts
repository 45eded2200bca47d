import { createPublicClient, custom, encodeErrorResult, InternalRpcError, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { getIndexParams } from "../actions/public/getIndexParams.js";
import { UnknownIndexError } from "../errors/oracle.js";
import { indexOracleAbi } from "../generated/abis.js";
import { toIndexId } from "../oracle/indexId.js";
import { eip1193 } from "./eip1193.js";

const oracle = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const indexId = toIndexId("NOPE-USD-HR");
const revert = encodeErrorResult({ abi: indexOracleAbi, errorName: "UnknownIndex", args: [indexId] });

/** A provider failing every request with `error`, counting the requests. */
function failing(error: object) {
  const provider = {
    calls: 0,
    async request() {
      provider.calls++;
      throw Object.assign(new Error(String((error as { message?: string }).message ?? "failed")), error);
    },
  };
  return provider;
}

describe("eip1193 transport", () => {
  it("fails a revert (code 3) at once, decoded, where custom() retries it three times", async () => {
    const reverting = { code: 3, message: "execution reverted", data: revert };
    const ours = failing(reverting);
    await expect(
      getIndexParams(createPublicClient({ transport: eip1193(ours, { retryDelay: 1 }) }), { oracle, indexId }),
    ).rejects.toBeInstanceOf(UnknownIndexError);
    expect(ours.calls).toBe(1);

    const plain = failing(reverting);
    await expect(
      getIndexParams(createPublicClient({ transport: custom(plain, { retryDelay: 1 }) }), { oracle, indexId }),
    ).rejects.toBeInstanceOf(UnknownIndexError);
    expect(plain.calls).toBe(4);
  });

  it("keeps viem's error classes (user rejection) and retries transient errors", async () => {
    const rejected = failing({ code: 4001, message: "User rejected" });
    const error = await createPublicClient({ transport: eip1193(rejected, { retryDelay: 1 }) })
      .request({ method: "eth_chainId" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserRejectedRequestError);
    expect(rejected.calls).toBe(1);

    const busy = failing({ code: -32603, message: "internal error" });
    const internal = await createPublicClient({ transport: eip1193(busy, { retryDelay: 1, retryCount: 2 }) })
      .request({ method: "eth_chainId" })
      .catch((e: unknown) => e);
    expect(internal).toBeInstanceOf(InternalRpcError);
    expect(busy.calls).toBe(3);
  });
});
