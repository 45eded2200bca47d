import {
  type Account,
  type Address,
  type Chain,
  type Client,
  compactSignatureToSignature,
  erc20Abi,
  type Hash,
  type Hex,
  recoverTypedDataAddress,
  type SimulateContractErrorType,
  serializeSignature,
  type Transport,
  type WriteContractErrorType,
} from "viem";
import { getBlock, getChainId, readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { type CapacityAttestation, capacityAttestationTypes, capacityDomain } from "../../capacity/typedData.js";
import type { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import {
  AttestationExpiredError,
  AttestationUsedError,
  IndexNotEnabledError,
  InvalidAttestorError,
} from "../../errors/capacity.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import type { WrongChainError } from "../../errors/deployment.js";
import { capacityTokenAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite, waitForSuccess } from "../internal/trade.js";

export type MintCapacityParameters = {
  capacityToken: Address;
  /** The attestation and the attestor's compact signature (`signCapacityAttestation`). */
  attestation: CapacityAttestation;
  r: Hex;
  vs: Hex;
  /** Receives the units; default the provider. */
  to?: Address | undefined;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type MintCapacityReturnType = {
  hash: Hash;
  /** From the simulation: the capacity id and the bond pulled from the provider. */
  id: bigint;
  bond: bigint;
  approveHash: Hash | null;
};
export type MintCapacityErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * A GPU owner mints attested capacity: approves the bond (units × the index's bond rate, plus any
 * top-up of the id's undelivered hours) when the allowance is short, simulates `mint` (an expired
 * or reused attestation, a wrong signer … throw typed errors), then sends it. Sent by the provider.
 */
export async function mintCapacity<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: MintCapacityParameters,
): Promise<MintCapacityReturnType> {
  const { capacityToken, attestation, r, vs, chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "mintCapacity");
  await assertChain(client, chainId);
  const read = getAction(client, readContract, "readContract");
  let needed: bigint;
  let token: Address;
  let rate: bigint;
  try {
    const [bondRate, id, collateral] = await Promise.all([
      read({ address: capacityToken, abi: capacityTokenAbi, functionName: "bondRate", args: [attestation.indexId] }),
      read({
        address: capacityToken,
        abi: capacityTokenAbi,
        functionName: "idOf",
        args: [attestation.provider, attestation.indexId, attestation.start, attestation.end],
      }),
      read({ address: capacityToken, abi: capacityTokenAbi, functionName: "collateral" }),
    ]);
    rate = bondRate;
    const ledger = await read({ address: capacityToken, abi: capacityTokenAbi, functionName: "ledger", args: [id] });
    const topUp = rate > ledger.bondPerHour ? (ledger.outstanding + ledger.pending) * (rate - ledger.bondPerHour) : 0n;
    let perHour = ledger.bondPerHour; // only ever raised
    if (rate > perHour) perHour = rate;
    needed = attestation.units * perHour + topUp;
    token = collateral;
  } catch (error) {
    throw decodeContractError(error);
  }
  // The mint's own checks, before the approval, so a refused mint costs no gas at all.
  const signer = await recoverTypedDataAddress({
    domain: capacityDomain(capacityToken, chainId ?? chain?.id ?? (await getChainIdOf(client))),
    types: capacityAttestationTypes,
    primaryType: "CapacityAttestation",
    message: attestation,
    signature: serializeSignature(compactSignatureToSignature({ r, yParityAndS: vs })),
  });
  const [attestorRole, used, block] = await Promise.all([
    read({ address: capacityToken, abi: capacityTokenAbi, functionName: "ATTESTOR_ROLE" }),
    read({
      address: capacityToken,
      abi: capacityTokenAbi,
      functionName: "nonceUsed",
      args: [attestation.provider, attestation.nonce],
    }),
    getAction(client, getBlock, "getBlock")({}),
  ]);
  const isAttestor = await read({
    address: capacityToken,
    abi: capacityTokenAbi,
    functionName: "hasRole",
    args: [attestorRole, signer],
  });
  if (!isAttestor) throw new InvalidAttestorError([signer]);
  if (used) throw new AttestationUsedError([attestation.provider, attestation.nonce]);
  if (BigInt(attestation.expiry) < block.timestamp) {
    throw new AttestationExpiredError([attestation.expiry, block.timestamp]);
  }
  if (rate === 0n) throw new IndexNotEnabledError([attestation.indexId]);

  let approveHash: Hash | null = null;
  const allowance = await read({
    address: token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [account.address, capacityToken],
  });
  if (allowance < needed) {
    ({ hash: approveHash } = await simulateAndWrite(client, {
      address: token,
      abi: erc20Abi,
      functionName: "approve",
      args: [capacityToken, needed],
      account,
      chain,
    }));
    await waitForSuccess(client, approveHash);
  }
  const { hash, result } = await simulateAndWrite<readonly [bigint, bigint]>(client, {
    address: capacityToken,
    abi: capacityTokenAbi,
    functionName: "mint",
    args: [attestation, parameters.to ?? attestation.provider, r, vs],
    account,
    chain,
  });
  return { hash, id: result[0], bond: result[1], approveHash };
}

async function getChainIdOf(client: Client<Transport, Chain | undefined, Account | undefined>): Promise<number> {
  return getAction(client, getChainId, "getChainId")({});
}
