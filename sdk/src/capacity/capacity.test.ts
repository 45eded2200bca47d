/**
 * GPU owners through the SDK on the in-process chain: an attestor signs, the provider mints
 * (bond approved and pulled), a holder redeems, the attestor's delivery confirmation releases the
 * bond; refused mints are typed errors that cost no gas.
 */
import { type Address, createWalletClient, custom, getAddress, keccak256, publicActions, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { confirmDelivery } from "../actions/wallet/confirmDelivery.js";
import { mintCapacity } from "../actions/wallet/mintCapacity.js";
import { redeemCapacity } from "../actions/wallet/redeemCapacity.js";
import { signCapacityAttestation } from "../actions/wallet/signCapacityAttestation.js";
import { AttestationUsedError, InvalidAttestorError, RedeemExceedsBalanceError } from "../errors/capacity.js";
import { capacityTokenAbi } from "../generated/abis.js";
import { toIndexId } from "../oracle/indexId.js";
import { deployLocal, testPublishers } from "../testing/localChain.js";
import type { CapacityAttestation } from "./typedData.js";

const H100 = toIndexId("H100-SXM-USD-HR");
const RATE = 2_500_000n; // bond per GPU-hour

describe("capacity tokens through the SDK", () => {
  it("mints with an attestation, redeems, confirms delivery; refused mints are typed", async () => {
    const local = await deployLocal();
    const { viem, networkHelpers, deployment, provider, chain } = local;
    const capacityToken = deployment.contracts.CapacityToken?.address as Address;
    const token = await viem.getContractAt("MockERC20", deployment.collateral.address);
    const capacity = await viem.getContractAt("CapacityToken", capacityToken);
    const [attestor, stranger] = [testPublishers[3], testPublishers[4]];
    if (!attestor || !stranger) throw new Error("keys");
    await capacity.write.grantRole([await capacity.read.ATTESTOR_ROLE(), attestor.address]);
    await capacity.write.setBondRate([H100, RATE]);

    const wallets = await viem.getWalletClients();
    const providerWallet = wallets[2];
    const holderWallet = wallets[3];
    if (!providerWallet || !holderWallet) throw new Error("accounts");
    const client = (account: Parameters<typeof createWalletClient>[0]["account"]) =>
      createWalletClient({ account, chain, transport: custom(provider) }).extend(publicActions);
    const gpuOwner = client(providerWallet.account);
    const holder = client(holderWallet.account);
    const attestorClient = client(attestor);
    const strangerClient = client(stranger);
    await token.write.mint([providerWallet.account.address, 10n ** 12n]);

    const now = await networkHelpers.time.latest();
    const start = (Math.floor(now / 3_600) + 24) * 3_600;
    const attestation: CapacityAttestation = {
      provider: getAddress(providerWallet.account.address),
      start,
      end: start + 24 * 3_600,
      gpuCount: 8,
      units: 8n * 24n,
      expiry: now + 3_600,
      indexId: H100,
      evidenceHash: keccak256(stringToHex("8x H100 SXM, serials …")),
      nonce: 1n,
    };
    const signed = await signCapacityAttestation(attestorClient, {
      capacityToken,
      chainId: deployment.chainId,
      attestation,
    });
    expect(await capacity.read.attestationDigest([attestation])).toBeDefined();

    // A signature by someone who is not an attestor: refused before sending.
    const forged = await signCapacityAttestation(strangerClient, {
      capacityToken,
      chainId: deployment.chainId,
      attestation,
    });
    const nonce = await gpuOwner.getTransactionCount({ address: providerWallet.account.address });
    await expect(mintCapacity(gpuOwner, { capacityToken, attestation, r: forged.r, vs: forged.vs })).rejects.toThrow(
      InvalidAttestorError,
    );

    const minted = await mintCapacity(gpuOwner, {
      capacityToken,
      attestation,
      r: signed.r,
      vs: signed.vs,
      to: holderWallet.account.address,
    });
    expect((await gpuOwner.waitForTransactionReceipt({ hash: minted.hash })).status).toBe("success");
    expect(minted.bond).toBe(attestation.units * RATE);
    expect(minted.approveHash).not.toBeNull();
    expect(await gpuOwner.getTransactionCount({ address: providerWallet.account.address })).toBe(nonce + 2); // approve + mint
    expect(await capacity.read.balanceOf([holderWallet.account.address, minted.id])).toBe(attestation.units);
    expect(await capacity.read.bondOf([minted.id])).toBe(attestation.units * RATE);

    // The same attestation again: AttestationUsed.
    await expect(mintCapacity(gpuOwner, { capacityToken, attestation, r: signed.r, vs: signed.vs })).rejects.toThrow(
      AttestationUsedError,
    );

    // The holder redeems 10 GPU-hours; more than it holds is refused.
    const commitment = keccak256(stringToHex("ssh-ed25519 AAAA… gpu-node-7:22"));
    await expect(
      redeemCapacity(holder, { capacityToken, id: minted.id, units: attestation.units + 1n, commitment }),
    ).rejects.toThrow(RedeemExceedsBalanceError);
    const redeemed = await redeemCapacity(holder, { capacityToken, id: minted.id, units: 10n, commitment });
    await holder.waitForTransactionReceipt({ hash: redeemed.hash });
    expect(redeemed.requestIndex).toBe(0);
    expect((await capacity.read.ledger([minted.id])).pending).toBe(10n);

    // The attestor confirms the delivery; anyone sends it; the delivered hours' bond goes back.
    await networkHelpers.time.increaseTo(start + 3_600);
    const evidenceHash = keccak256(stringToHex("usage logs"));
    const delivery = await signCapacityAttestation(attestorClient, {
      capacityToken,
      chainId: deployment.chainId,
      delivery: { id: minted.id, requestIndex: 0, delivered: 10n, evidenceHash },
    });
    const providerBefore = await token.read.balanceOf([providerWallet.account.address]);
    const confirmed = await confirmDelivery(holder, {
      capacityToken,
      id: minted.id,
      requestIndex: 0,
      delivered: 10n,
      evidenceHash,
      r: delivery.r,
      vs: delivery.vs,
    });
    await holder.waitForTransactionReceipt({ hash: confirmed.hash });
    expect(await token.read.balanceOf([providerWallet.account.address])).toBe(providerBefore + 10n * RATE);
    const request = await holder.readContract({
      address: capacityToken,
      abi: capacityTokenAbi,
      functionName: "request",
      args: [minted.id, 0],
    });
    expect(request.undelivered).toBe(0n);
  }, 120_000);
});
