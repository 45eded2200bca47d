import fc from "fast-check";
import {
  type Address,
  concat,
  createWalletClient,
  custom,
  encodeAbiParameters,
  type Hex,
  hexToBigInt,
  keccak256,
  numberToHex,
  parseSignature,
  recoverTypedDataAddress,
  serializeSignature,
  toHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { signObservation } from "../actions/wallet/signObservation.js";
import { AccountRequiredError, SignerMismatchError } from "../errors/account.js";
import {
  DuplicateSignerError,
  EmptyRoundError,
  InvalidObservationError,
  MismatchedObservationError,
} from "../errors/observation.js";
import { buildRound, type PublisherObservation } from "./buildRound.js";
import { recoverObservationSigner, toCompactSignature } from "./compactSignature.js";
import { formatIndexId, toIndexId } from "./indexId.js";
import { observationToJson, parseObservation } from "./observationJson.js";
import { hashObservation, type Observation, observationTypedData } from "./typedData.js";

// Hardhat's well-known development keys: never use them on a real network.
const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
] as const;
const accounts = KEYS.map((key) => privateKeyToAccount(key));

/** A wallet client with no chain behind it: signing with a local account needs none. */
const offline = () => custom({ request: async () => Promise.reject(new Error("offline")) });
const wallet = (i: number) => createWalletClient({ account: accounts[i], transport: offline() });

const ORACLE: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const H100 = toIndexId("H100-SXM-USD-HR");
const base: Observation = {
  oracle: ORACLE,
  chainId: 31337,
  indexId: H100,
  timestamp: 1_796_212_800,
  price: 2_134_500n,
};

describe("index ids", () => {
  it("pads the ASCII name to 32 bytes and reads it back", () => {
    expect(H100).toBe(`0x${Buffer.from("H100-SXM-USD-HR").toString("hex").padEnd(64, "0")}`);
    expect(formatIndexId(H100)).toBe("H100-SXM-USD-HR");
    expect(formatIndexId(keccak256(toHex("x")))).toBe(keccak256(toHex("x")));
    expect(() => toIndexId("")).toThrow(InvalidObservationError);
    expect(() => toIndexId("A".repeat(33))).toThrow(InvalidObservationError);
    expect(() => toIndexId("H100\n")).toThrow(InvalidObservationError);
  });
});

describe("observation typed data", () => {
  it("hashes as EIP-712 with the oracle's domain and Observation(bytes32 indexId,uint32 timestamp,uint64 price)", () => {
    // Independent of viem's EIP-712 encoder: what the contract computes.
    const domainTypeHash = keccak256(
      toHex("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
    );
    const domainSeparator = keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }, { type: "uint256" }, { type: "address" }],
        [domainTypeHash, keccak256(toHex("Computus Index Oracle")), keccak256(toHex("1")), 31337n, ORACLE],
      ),
    );
    const structHash = keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "bytes32" }, { type: "uint32" }, { type: "uint64" }],
        [
          keccak256(toHex("Observation(bytes32 indexId,uint32 timestamp,uint64 price)")),
          H100,
          base.timestamp,
          base.price,
        ],
      ),
    );
    expect(hashObservation(base)).toBe(keccak256(concat(["0x1901", domainSeparator, structHash])));
  });

  it.each([
    ["price", { price: 0n }],
    ["price", { price: 1n << 64n }],
    ["timestamp", { timestamp: 0 }],
    ["timestamp", { timestamp: 2 ** 32 }],
    ["timestamp", { timestamp: 1.5 }],
    ["indexId", { indexId: "0x1234" as Hex }],
    ["oracle", { oracle: "0x1234" as Address }],
    ["chainId", { chainId: 0 }],
  ])("rejects a bad %s before signing", (field, patch) => {
    try {
      observationTypedData({ ...base, ...patch });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidObservationError);
      expect((error as InvalidObservationError).field).toBe(field);
    }
  });
});

describe("signObservation", () => {
  it("signs with the publisher's key; the compact signature recovers to it", async () => {
    const observation = await signObservation(wallet(0), base);
    expect(observation.signer).toBe(accounts[0]?.address);
    expect(observation).toMatchObject(base);
    expect(await recoverTypedDataAddress({ ...observationTypedData(base), signature: observation.signature })).toBe(
      observation.signer,
    );
    expect(await recoverObservationSigner(observation)).toBe(observation.signer);
    expect(observation.r).toBe(parseSignature(observation.signature).r);
    // EIP-2098: vs = yParity << 255 | s.
    const { s, yParity } = parseSignature(observation.signature);
    expect(hexToBigInt(observation.vs)).toBe((BigInt(yParity) << 255n) | hexToBigInt(s));
  });

  it("takes the account from the parameters when the client has none", async () => {
    const client = createWalletClient({ transport: offline() });
    const observation = await signObservation(client, { ...base, account: accounts[1] });
    expect(observation.signer).toBe(accounts[1]?.address);
    await expect(signObservation(client, base)).rejects.toThrow(AccountRequiredError);
  });

  it("fails with SignerMismatchError when a JSON-RPC wallet signs with another key", async () => {
    const impostor = accounts[2];
    if (impostor === undefined) throw new Error("no account");
    const client = createWalletClient({
      account: accounts[3]?.address as Address,
      transport: custom({
        async request({ method, params }) {
          if (method !== "eth_signTypedData_v4") throw new Error(`unexpected ${method}`);
          return impostor.signTypedData(JSON.parse((params as [Address, string])[1]));
        },
      }),
    });
    await expect(signObservation(client, base)).rejects.toThrow(SignerMismatchError);
  });

  it("makes high-s signatures low (the oracle rejects malleable ones)", async () => {
    const { signature } = await signObservation(wallet(0), base);
    const { r, s, yParity } = parseSignature(signature);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const high = serializeSignature({ r, s: numberToHex(n - hexToBigInt(s), { size: 32 }), yParity: 1 - yParity });
    expect(toCompactSignature(high)).toEqual(toCompactSignature(signature));
  });

  it("signs prices across the uint64 range, each recovering to the signer", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
        fc.integer({ min: 1, max: 2 ** 32 - 1 }),
        async (price, timestamp) => {
          const observation = await signObservation(wallet(4), { ...base, price, timestamp });
          expect(await recoverObservationSigner(observation)).toBe(accounts[4]?.address);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("buildRound", () => {
  const signAll = (prices: readonly bigint[], patch: Partial<Observation> = {}) =>
    Promise.all(prices.map((price, i) => signObservation(wallet(i), { ...base, ...patch, price })));

  it("orders observations by signer address, ascending, and computes the contract's median", async () => {
    const observations = await signAll([2_100_000n, 2_150_000n, 2_120_000n, 2_200_000n, 2_130_000n]);
    const round = buildRound(observations.reverse());
    const signers = round.signers.map((a) => BigInt(a));
    for (let i = 1; i < signers.length; i++) expect((signers[i] as bigint) > (signers[i - 1] as bigint)).toBe(true);
    expect(round.price).toBe(2_130_000n);
    expect(round.observations).toHaveLength(5);
    for (const [i, signed] of round.observations.entries()) {
      const original = observations.find((o) => o.signer === round.signers[i]) as PublisherObservation;
      expect(signed).toEqual({ price: original.price, r: original.r, vs: original.vs });
      expect(Object.keys(signed)).toEqual(["price", "r", "vs"]);
    }
    expect(round).toMatchObject({ oracle: ORACLE, chainId: 31337, indexId: H100, timestamp: base.timestamp });
  });

  it("gives the same round whatever the input order", async () => {
    const observations = await signAll([1n, 2n, 3n, 4n, 5n]);
    fc.assert(
      fc.property(fc.shuffledSubarray(observations, { minLength: 5, maxLength: 5 }), (shuffled) => {
        expect(buildRound(shuffled)).toEqual(buildRound(observations));
      }),
    );
  });

  it("rejects a duplicate publisher, an empty round and mixed rounds", async () => {
    const [a, b] = await signAll([10n, 20n]);
    if (a === undefined || b === undefined) throw new Error("unsigned");
    const again = await signObservation(wallet(0), { ...base, price: 11n });
    expect(() => buildRound([a, b, again])).toThrow(DuplicateSignerError);
    expect(() => buildRound([])).toThrow(EmptyRoundError);
    const later = await signObservation(wallet(1), { ...base, timestamp: base.timestamp + 60 });
    expect(() => buildRound([a, later])).toThrow(MismatchedObservationError);
    const otherIndex = await signObservation(wallet(1), { ...base, indexId: toIndexId("B200-USD-HR") });
    expect(() => buildRound([a, otherIndex])).toThrow(/B200-USD-HR/);
    const otherChain = await signObservation(wallet(1), { ...base, chainId: 1 });
    expect(() => buildRound([a, otherChain])).toThrow(MismatchedObservationError);
  });
});

describe("observations as JSON", () => {
  it("round-trips through JSON and verifies the signer", async () => {
    const observation = await signObservation(wallet(0), base);
    const text = JSON.stringify(observationToJson(observation));
    expect(await parseObservation(JSON.parse(text))).toEqual(observation);
  });

  it("refuses a forged signer, a tampered price and mismatched r/vs", async () => {
    const observation = observationToJson(await signObservation(wallet(0), base));
    const other = observationToJson(await signObservation(wallet(1), { ...base, price: 1n }));
    const field = async (json: unknown) => {
      try {
        await parseObservation(json);
        return "accepted";
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidObservationError);
        return (error as InvalidObservationError).field;
      }
    };
    expect(await field({ ...observation, signer: accounts[1]?.address })).toBe("signature");
    expect(await field({ ...observation, price: "2134501" })).toBe("signature");
    expect(await field({ ...observation, r: other.r, vs: other.vs })).toBe("signature");
    expect(await field({ ...observation, price: 2134500 })).toBe("price");
    expect(await field({ ...observation, price: "0" })).toBe("price");
    expect(await field({ ...observation, timestamp: "1796212800" })).toBe("timestamp");
    expect(await field({ ...observation, signature: "0x1234" })).toBe("signature");
    expect(await field({ ...observation, oracle: "nope" })).toBe("oracle");
    expect(await field(null)).toBe("");
  });
});
