/**
 * A GPU owner's whole path through the SDK on Hardhat's in-process chain: an attestor signs, the
 * owner mints a month of capacity, posts it in the clearing house as cover, sells futures against
 * it at the covered margin, delivers part of what a buyer redeemed, the market expires and
 * settles, the buyer is compensated for the rest, and the owner takes back its units and its
 * bond. Bad inputs along the way are typed errors that cost no gas.
 */
import { type Address, getAddress, keccak256, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { defaultMarketTemplates, listMarket } from "../../../scripts/deploy/markets.js";
import { InsufficientCoverError } from "../errors/cover.js";
import { accountHealth, bpsOfNotionalUp } from "../math/margin.js";
import { toIndexId } from "../oracle/indexId.js";
import { deployLocal, publishTestRound, testIndex } from "../testing/localChain.js";
import type { CapacityAttestation } from "./typedData.js";

const NAME = "H100-SXM-USD-HR";
const H100 = toIndexId(NAME);
const PRICE = 2_000_000n;
const USDC = 1_000_000n;
const HOUR = 3_600;
const GPUS = 64;

describe("a GPU owner's covered short through the SDK", () => {
  it("attest, mint, post as cover, short, deliver, expire, settle, recover the bond", async () => {
    const local = await deployLocal({
      indexes: [testIndex(NAME, { maxAge: 40 * 86_400, maxMoveBps: 5_000, ringCardinality: 64 })],
    });
    const { viem, networkHelpers, deployment } = local;
    const publish = (price: bigint) => publishTestRound(local, NAME, price);
    await publish(PRICE);

    const capacityToken = deployment.contracts.CapacityToken?.address as Address;
    const clearingHouse = deployment.contracts.ClearingHouse?.address as Address;
    const capacity = await viem.getContractAt("CapacityToken", capacityToken);
    const ch = await viem.getContractAt("IClearingHouse", clearingHouse);
    const token = await viem.getContractAt("MockERC20", deployment.collateral.address);
    expect(getAddress(await ch.read.capacityToken())).toBe(getAddress(capacityToken)); // deployComputus registered it

    const wallets = await viem.getWalletClients();
    const bind = (i: number) => {
      const wallet = wallets[i];
      if (!wallet) throw new Error(`no account ${i}`);
      return local.bind(wallet.account);
    };
    const [owner, lab, attestorClient] = [bind(2), bind(3), bind(4)];
    const ownerAddress = getAddress(owner.account.address);
    const labAddress = getAddress(lab.account.address);
    const rate = 2n * PRICE;
    await capacity.write.grantRole([await capacity.read.ATTESTOR_ROLE(), attestorClient.account.address]);
    await capacity.write.setBondRate([H100, rate]);

    // One market on the capacity's two-hour window; the default GPU template enables cover.
    const now = await networkHelpers.time.latest();
    const start = (Math.floor(now / HOUR) + 2) * HOUR;
    const end = start + 2 * HOUR;
    const [template] = defaultMarketTemplates(6);
    if (!template?.cover) throw new Error("the H100 template enables covered shorts");
    const [adminWallet] = wallets;
    if (!adminWallet) throw new Error("no admin");
    const { marketId } = await listMarket({
      publicClient: local.publicClient,
      wallet: adminWallet,
      clearingHouse,
      template,
      window: { tradingStart: now, windowStart: start, windowEnd: end },
    });

    // Attest and mint 64 GPUs × 2 hours to the owner itself (bond pulled).
    for (const c of [owner, lab]) await token.write.mint([c.account.address, 100_000n * USDC]);
    const attestation: CapacityAttestation = {
      provider: ownerAddress,
      start,
      end,
      gpuCount: GPUS,
      units: BigInt(GPUS * 2),
      expiry: now + HOUR,
      indexId: H100,
      evidenceHash: keccak256(stringToHex("64x H100 SXM, serials …")),
      nonce: 7n,
    };
    const signed = await attestorClient.signCapacityAttestation({ attestation });
    const minted = await owner.mintCapacity({ attestation, r: signed.r, vs: signed.vs });
    await owner.waitForTransactionReceipt({ hash: minted.hash });
    const id = minted.id;
    expect(await capacity.read.bondOf([id])).toBe(attestation.units * rate);

    // Sell 8 hours to the lab; post the other 120 as cover (the SDK approves the clearing house).
    await capacity.write.safeTransferFrom([ownerAddress, labAddress, id, 8n, "0x"], { account: owner.account });
    const posted = await owner.postCapacityCollateral({ marketId, id, units: 120n });
    expect(posted.approveHash).not.toBeNull();
    await owner.waitForTransactionReceipt({ hash: posted.hash });
    const [coverId, units, coveredHours] = await ch.read.coverOf([ownerAddress, marketId]);
    expect([coverId, units, coveredHours]).toEqual([id, 120n, 120n]);

    // Bad input, typed and free: withdrawing more than posted.
    const nonce = await owner.getTransactionCount({ address: ownerAddress });
    await expect(owner.withdrawCapacityCollateral({ marketId, id, units: 121n })).rejects.toThrow(
      InsufficientCoverError,
    );
    expect(await owner.getTransactionCount({ address: ownerAddress })).toBe(nonce);

    // The owner shorts the 120 hours to the lab: margined at the covered 3 %, not 10 %.
    for (const [c, amount] of [
      [owner, 1_000n * USDC],
      [lab, 10_000n * USDC],
    ] as const) {
      const { hash } = await c.deposit({ amount });
      await c.waitForTransactionReceipt({ hash });
    }
    const bid = await lab.placeOrder({ marketId, side: "buy", price: PRICE, size: 120n });
    await bid.wait();
    const sell = await owner.placeOrder({ marketId, side: "sell", price: PRICE, size: 120n, type: "ioc" });
    expect((await sell.wait()).filled).toBe(120n);
    const health = await ch.read.health([ownerAddress]);
    expect(health.initialMargin).toBe(bpsOfNotionalUp(120n, PRICE, BigInt(template.cover.imBps)));
    expect(health.maintenanceMargin).toBe(bpsOfNotionalUp(120n, PRICE, BigInt(template.cover.mmBps)));
    // The SDK's mirror of the margin agrees with the contract.
    const account = await owner.getAccount({ history: false });
    const position = account.positions[0];
    if (!position) throw new Error("no position");
    expect(
      accountHealth(account.collateral, [
        {
          ...position,
          imBps: BigInt(position.market.config.imBps),
          mmBps: BigInt(position.market.config.mmBps),
          cover: { coveredHours, imBps: BigInt(template.cover.imBps), mmBps: BigInt(template.cover.mmBps) },
        },
      ]),
    ).toEqual(health);
    expect(health.initialMargin * 3n).toBeLessThan(bpsOfNotionalUp(120n, PRICE, BigInt(template.imBps)));

    // The lab redeems its 8 hours; 5 are delivered (attested), 3 are not.
    const redeemed = await lab.redeemCapacity({ id, units: 8n, commitment: keccak256(stringToHex("ssh lab")) });
    await lab.waitForTransactionReceipt({ hash: redeemed.hash });
    await networkHelpers.time.increaseTo(start + HOUR);
    await publish(PRICE);
    const evidenceHash = keccak256(stringToHex("usage log"));
    const delivery = await attestorClient.signCapacityAttestation({
      delivery: { id, requestIndex: redeemed.requestIndex, delivered: 5n, evidenceHash },
    });
    const confirmed = await lab.confirmDelivery({
      id,
      requestIndex: redeemed.requestIndex,
      delivered: 5n,
      evidenceHash,
      r: delivery.r,
      vs: delivery.vs,
    });
    await lab.waitForTransactionReceipt({ hash: confirmed.hash });

    // Expiry and settlement; the owner's position closes, its units come back.
    await networkHelpers.time.increaseTo(end + 2 * HOUR);
    await publish(PRICE);
    const proposed = await owner.proposeSettlement({ marketId });
    await owner.waitForTransactionReceipt({ hash: proposed.hash });
    await networkHelpers.time.increase(86_400 + 1);
    await publish(PRICE);
    const finalized = await owner.finalizeSettlement({ marketId });
    await owner.waitForTransactionReceipt({ hash: finalized.hash });
    const claimed = await owner.claimSettlement({ marketId });
    await owner.waitForTransactionReceipt({ hash: claimed.hash });
    const back = await owner.withdrawCapacityCollateral({ marketId, id, units: 120n });
    await owner.waitForTransactionReceipt({ hash: back.hash });
    expect(await capacity.read.balanceOf([ownerAddress, id])).toBe(120n);

    // After the delivery deadline: the price is fixed, the lab compensated for its 3 hours,
    // and the owner's bond for the unredeemed 120 hours released.
    const deadline = Number(await capacity.read.deadline([id]));
    await networkHelpers.time.increaseTo(deadline + 1);
    await publish(PRICE);
    const fixed = await owner.fixCompensationPrice({ id });
    await owner.waitForTransactionReceipt({ hash: fixed.hash });
    expect(fixed.price).toBe(PRICE);
    const labBefore = await token.read.balanceOf([labAddress]);
    const paid = await owner.claimCompensation({ id, requestIndex: redeemed.requestIndex });
    await owner.waitForTransactionReceipt({ hash: paid.hash });
    expect(paid.amount).toBe(3n * PRICE);
    expect((await token.read.balanceOf([labAddress])) - labBefore).toBe(3n * PRICE);
    const ownerBefore = await token.read.balanceOf([ownerAddress]);
    const released = await owner.releaseExpired({ id });
    await owner.waitForTransactionReceipt({ hash: released.hash });
    expect(released.amount).toBe(120n * rate);
    expect((await token.read.balanceOf([ownerAddress])) - ownerBefore).toBe(120n * rate);
    expect(await capacity.read.bondOf([id])).toBe(0n);
  }, 120_000);
});
