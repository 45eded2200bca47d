import type { Chain, Client, GetChainIdErrorType, GetCodeErrorType, Transport } from "viem";
import { getChainId, getCode } from "viem/actions";
import { getAction } from "viem/utils";
import { assertDeploymentChain, type Deployment } from "../../deployment/deployment.js";
import { ContractNotDeployedError, type WrongChainError } from "../../errors/deployment.js";

export type VerifyDeploymentParameters = {
  deployment: Deployment;
  /** Also check that every recorded contract has code. Default true. */
  checkCode?: boolean | undefined;
};

export type VerifyDeploymentReturnType = undefined;

export type VerifyDeploymentErrorType =
  | WrongChainError
  | ContractNotDeployedError
  | GetChainIdErrorType
  | GetCodeErrorType;

/**
 * Checks that the client talks to the deployment's chain (asking the RPC, not trusting the
 * client's configured chain) and that every recorded contract is deployed there. Call it once at
 * start-up: a wrong network then fails with `WrongChainError` instead of odd reverts later.
 */
export async function verifyDeployment<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { deployment, checkCode = true }: VerifyDeploymentParameters,
): Promise<VerifyDeploymentReturnType> {
  const chainId = await getAction(client, getChainId, "getChainId")({});
  assertDeploymentChain(deployment, chainId);
  if (!checkCode) return;
  await Promise.all(
    Object.entries(deployment.contracts).map(async ([name, contract]) => {
      if (contract === undefined) return;
      const code = await getAction(client, getCode, "getCode")({ address: contract.address });
      if (code === undefined || code === "0x") {
        throw new ContractNotDeployedError({ contract: name, address: contract.address, chainId });
      }
    }),
  );
}
