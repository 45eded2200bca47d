import { type Address, type Hex, keccak256, parseSignature, signatureToCompactSignature, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deployBenchOracleAndClearingHouse } from "../benchClearingHouse.js";
import { H100, HOUR } from "../benchOracle.js";
import { benchWallets, type GasSuite } from "../gasBench.js";
import { LIMIT, MARKET, order } from "./clearingHouse.js";

const DAY = 24 * HOUR;
const PRICE = 2_134_500n;
const GRACE = 3 * DAY;
/**
 * The suite's clock starts at 2030-01-01 00:00 UTC, not at the wall clock, so the timestamps,
 * hence the signatures and their calldata's zero bytes, hence the figures, are the same on
 * every run (`bench:gas -- --check` must not see noise).
 */
const EPOCH = 1_893_456_000;
/** Deterministic attestor key for the bench (never used outside the in-process chain). */
const ATTESTOR_KEY: Hex = `0x${"a7".repeat(32)}`;

/**
 * Measures the capacity token's operations: a provider's first mint of a new window (terms
 * registered), a second mint into the same id, a holder's redemption, the attestor-signed
 * delivery confirmation, fixing the compensation price at the window's end, a holder's
 * compensation claim after the deadline, and the release of an expired id's bond. Then covered
 * shorts: a clearing house on the same oracle, a 64-GPU month (46,080 GPU-hours) posted as cover
 * (`ch.postCapacityCollateral`), and the margin of a covered 46,080-hour short printed against
 * the same short uncovered.
 */
export const capacitySuite: GasSuite = async (bench, { viem, networkHelpers }) => {
  const [provider, holder] = await viem.getWalletClients();
  if (!provider || !holder) throw new Error("need two wallet clients");
  const publicClient = await viem.getPublicClient();
  const chainId = await publicClient.getChainId();
  const attestor = privateKeyToAccount(ATTESTOR_KEY);

  const usdc = await viem.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  // publish: a round at a given time, every publisher of the quorum at one price. The clearing
  // house (the oracle's subscriber) is used by the covered-shorts part.
  const { oracle, publish, ch } = await deployBenchOracleAndClearingHouse(viem, provider.account.address, usdc.address);
  const capacity = await viem.deployContract("CapacityToken", [
    "ipfs://capacity/{id}.json",
    usdc.address,
    oracle.address,
    GRACE,
    provider.account.address,
  ]);
  await capacity.write.grantRole([await capacity.read.ATTESTOR_ROLE(), attestor.address]);
  await capacity.write.setBondRate([H100, 2n * PRICE]);
  await usdc.write.mint([provider.account.address, 10n ** 15n]);
  await usdc.write.approve([capacity.address, 2n ** 256n - 1n]);

  const domain = { name: "Computus Capacity", version: "1", chainId, verifyingContract: capacity.address } as const;
  await networkHelpers.time.increaseTo(EPOCH);
  const now = await networkHelpers.time.latest();
  const start = Math.ceil((now + 7 * DAY) / HOUR) * HOUR;
  const end = start + 30 * DAY;
  const providerAddress = provider.account.address;
  let nonce = 0n;

  async function attested(units: bigint, gpuCount = 8) {
    const attestation = {
      provider: providerAddress,
      start,
      end,
      gpuCount,
      units,
      expiry: now + DAY,
      indexId: H100,
      evidenceHash: keccak256(stringToHex(`hardware evidence ${nonce}`)),
      nonce: nonce++,
    };
    const signature = await attestor.signTypedData({
      domain,
      types: {
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
      },
      primaryType: "CapacityAttestation",
      message: attestation,
    });
    const { r, yParityAndS } = signatureToCompactSignature(parseSignature(signature));
    return [attestation, r, yParityAndS] as const;
  }

  async function signDelivery(id: bigint, requestIndex: number, delivered: bigint, evidenceHash: Hex) {
    const signature = await attestor.signTypedData({
      domain,
      types: {
        DeliveryAttestation: [
          { name: "id", type: "uint256" },
          { name: "requestIndex", type: "uint32" },
          { name: "delivered", type: "uint64" },
          { name: "evidenceHash", type: "bytes32" },
        ],
      },
      primaryType: "DeliveryAttestation",
      message: { id, requestIndex, delivered, evidenceHash },
    });
    return signatureToCompactSignature(parseSignature(signature));
  }

  const buyer: Address = holder.account.address;
  // One 8-GPU month (5,760 GPU-hours) in two attestations: the first registers the id.
  const [first, r1, vs1] = await attested(4_000n);
  await bench.record("capacity.mint", capacity.write.mint([first, buyer, r1, vs1]));
  const [second, r2, vs2] = await attested(1_760n);
  await bench.record("capacity.mint.existingId", capacity.write.mint([second, buyer, r2, vs2]));

  const id = await capacity.read.idOf([provider.account.address, H100, start, end]);
  await coveredShorts(id);
  // A warm-up request so the measured one is a typical (not the first) redemption of the id.
  await capacity.write.redeem([id, 10n, keccak256(stringToHex("ssh-ed25519 warm-up"))], { account: holder.account });
  await bench.record(
    "capacity.redeem",
    capacity.write.redeem([id, 720n, keccak256(stringToHex("ssh-ed25519 AAAA lab@gpu"))], { account: holder.account }),
  );

  await publish(PRICE, start - HOUR);
  await networkHelpers.time.increaseTo(start + 2 * DAY);
  const evidenceHash = keccak256(stringToHex("usage log"));
  const delivery = await signDelivery(id, 1, 720n, evidenceHash);
  await bench.record(
    "capacity.confirmDelivery",
    capacity.write.confirmDelivery([id, 1, 720n, evidenceHash, delivery.r, delivery.yParityAndS]),
  );

  await publish((PRICE * 11n) / 10n, start + 15 * DAY);
  // Final once late rounds inside the window can no longer arrive (maxSubmissionDelay).
  await networkHelpers.time.increaseTo(end + HOUR);
  await bench.record("capacity.fixCompensationPrice", capacity.write.fixCompensationPrice([id]));

  // The warm-up request (10 hours) was never delivered: its holder is compensated.
  await networkHelpers.time.increaseTo(end + GRACE + 1);
  await bench.record("capacity.claimCompensation", capacity.write.claimCompensation([id, 0]));
  await bench.record("capacity.releaseExpired", capacity.write.releaseExpired([id]));

  /**
   * The clearing house on the same oracle and collateral, one market on the capacity window with
   * covered shorts enabled (10% haircut; covered IM/MM 3% / 1.5% against 10% / 5%).
   */
  async function coveredShorts(capacityId: bigint) {
    if (!provider) throw new Error("need a provider wallet");
    const [me, , lab, trader, other] = await benchWallets(viem, 5);
    await ch.write.setCapacityToken([capacity.address]);
    await ch.write.createMarket([
      {
        indexId: H100,
        tradingStart: now - 1,
        windowStart: start,
        windowEnd: end,
        tickSize: 500n,
        lotSize: 10,
        imBps: 1_000,
        mmBps: 500,
        makerFeeBps: 0,
        takerFeeBps: 0,
        oiCap: 10n ** 12n,
        maxPosition: 10n ** 9n,
        bandBps: 2_000,
      },
    ]);
    await ch.write.setCoverParams([1n, 1_000, 300, 150]);

    // 64 GPUs for the 30-day window: 46,080 GPU-hours, minted to the provider itself.
    const hedge = 46_080n;
    const [month, r, vs] = await attested(hedge, 64);
    await capacity.write.mint([month, providerAddress, r, vs]);
    await capacity.write.setApprovalForAll([ch.address, true]);
    await bench.record("ch.postCapacityCollateral", ch.write.postCapacityCollateral([1n, capacityId, hedge]));

    await publish(PRICE, now + HOUR);
    for (const w of [me, lab, trader, other]) {
      await usdc.write.mint([w.account.address, 10n ** 12n]);
      await usdc.write.approve([ch.address, 2n ** 255n], { account: w.account });
      await ch.write.deposit([w.account.address, 20_000_000_000n], { account: w.account });
    }
    // The provider sells the month covered; a trader sells the same uncovered (each a market
    // sell into a bid resting at the index).
    const sell = async (seller: typeof lab, buyer: typeof lab) => {
      await ch.write.place([{ ...order(true, LIMIT, PRICE, hedge), marketId: 1n }], { account: buyer.account });
      await ch.write.place([{ ...order(false, MARKET, PRICE, hedge), marketId: 1n }], { account: seller.account });
    };
    await sell(provider, lab);
    await sell(trader, other);
    const covered = await ch.read.health([providerAddress]);
    const plain = await ch.read.health([trader.account.address]);
    const usd = (x: bigint) => `$${(Number(x) / 1e6).toLocaleString("en-US", { maximumFractionDigits: 2 })}`;
    console.log(
      `covered short of ${hedge} GPU-hours at $${Number(PRICE) / 1e6}/h: IM ${usd(covered.initialMargin)}, ` +
        `MM ${usd(covered.maintenanceMargin)}; uncovered: IM ${usd(plain.initialMargin)}, MM ${usd(plain.maintenanceMargin)}`,
    );
    await bench.record("ch.withdrawCapacityCollateral", ch.write.withdrawCapacityCollateral([1n, capacityId, 1_000n]));
  }
};
