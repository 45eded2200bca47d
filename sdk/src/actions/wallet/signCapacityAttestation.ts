import type { Account, Address, Chain, Client, Hex, SignTypedDataErrorType, Transport } from "viem";
import { signTypedData } from "viem/actions";
import { getAction } from "viem/utils";
import {
  type CapacityAttestation,
  capacityAttestationTypes,
  capacityDomain,
  type DeliveryAttestation,
  deliveryAttestationTypes,
} from "../../capacity/typedData.js";
import type { AccountRequiredError } from "../../errors/account.js";
import { toCompactSignature } from "../../oracle/compactSignature.js";
import { requireAccount } from "../internal/trade.js";

export type SignCapacityAttestationParameters = {
  capacityToken: Address;
  chainId: number;
  account?: Account | Address | undefined;
} & (
  | { attestation: CapacityAttestation; delivery?: undefined }
  | { delivery: DeliveryAttestation; attestation?: undefined }
);

/** The signature in the EIP-2098 compact form the token takes. */
export type SignCapacityAttestationReturnType = { signature: Hex; r: Hex; vs: Hex };
export type SignCapacityAttestationErrorType = AccountRequiredError | SignTypedDataErrorType;

/**
 * A capacity attestor signs a mint (`attestation`: the provider, window, GPUs, units …) or a
 * delivery (`delivery`: the request and hours delivered) — EIP-712, no chain access needed.
 */
export async function signCapacityAttestation<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: SignCapacityAttestationParameters,
): Promise<SignCapacityAttestationReturnType> {
  const account = requireAccount(client, parameters.account, "signCapacityAttestation");
  const domain = capacityDomain(parameters.capacityToken, parameters.chainId);
  const sign = getAction(client, signTypedData, "signTypedData");
  const signature = parameters.attestation
    ? await sign({
        account,
        domain,
        types: capacityAttestationTypes,
        primaryType: "CapacityAttestation",
        message: parameters.attestation,
      })
    : await sign({
        account,
        domain,
        types: deliveryAttestationTypes,
        primaryType: "DeliveryAttestation",
        message: parameters.delivery as DeliveryAttestation,
      });
  return { signature, ...toCompactSignature(signature) };
}
