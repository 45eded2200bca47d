import type { Account, Address, Chain, Client, Transport } from "viem";
import { type GetAveragePriceParameters, getAveragePrice } from "../actions/public/getAveragePrice.js";
import { type GetIndexMetadataParameters, getIndexMetadata } from "../actions/public/getIndexMetadata.js";
import { type GetIndexParamsParameters, getIndexParams } from "../actions/public/getIndexParams.js";
import { type GetLatestRoundParameters, getLatestRound } from "../actions/public/getLatestRound.js";
import { type GetRegisteredIndexesParameters, getRegisteredIndexes } from "../actions/public/getRegisteredIndexes.js";
import { verifyDeployment } from "../actions/public/verifyDeployment.js";
import { type WaitForRoundParameters, waitForRound } from "../actions/public/waitForRound.js";
import { type SignObservationParameters, signObservation } from "../actions/wallet/signObservation.js";
import { type SubmitRoundParameters, submitRound } from "../actions/wallet/submitRound.js";
import type { Deployment } from "../deployment/deployment.js";

/** Parameters of a bound action: the deployment fills in `oracle` (and `chainId`), which stay overridable. */
type Bound<parameters, keys extends keyof parameters> = Omit<parameters, keys> & Partial<Pick<parameters, keys>>;

/** The actions `computusActions(deployment)` adds to a client. */
export type ComputusActions = {
  /** The deployment the actions are bound to. */
  readonly computusDeployment: Deployment;
  /** Checks the RPC's chain id and the contracts' code against the deployment. See `verifyDeployment`. */
  verifyDeployment: (parameters?: { checkCode?: boolean | undefined }) => ReturnType<typeof verifyDeployment>;
  /** Signs an observation for the deployment's oracle and chain. See `signObservation`. */
  signObservation: (
    parameters: Bound<SignObservationParameters, "oracle" | "chainId">,
  ) => ReturnType<typeof signObservation>;
  /** Simulates, then submits a round to the deployment's oracle. See `submitRound`. */
  submitRound: (parameters: Bound<SubmitRoundParameters, "oracle">) => ReturnType<typeof submitRound>;
  /** Waits for a round's transaction; returns the recorded round (its `RoundRecorded` event). See `waitForRound`. */
  waitForRound: (parameters: Bound<WaitForRoundParameters, "oracle">) => ReturnType<typeof waitForRound>;
  /** The newest round of an index, or null. See `getLatestRound`. */
  getLatestRound: (parameters: Bound<GetLatestRoundParameters, "oracle">) => ReturnType<typeof getLatestRound>;
  /** Time-weighted average of an index over a window. See `getAveragePrice`. */
  getAveragePrice: (parameters: Bound<GetAveragePriceParameters, "oracle">) => ReturnType<typeof getAveragePrice>;
  /** An index's description, methodology and decimals. See `getIndexMetadata`. */
  getIndexMetadata: (parameters: Bound<GetIndexMetadataParameters, "oracle">) => ReturnType<typeof getIndexMetadata>;
  /** Every index registered on the oracle (from its events, from its deployment block). See `getRegisteredIndexes`. */
  getRegisteredIndexes: (
    parameters?: Partial<GetRegisteredIndexesParameters>,
  ) => ReturnType<typeof getRegisteredIndexes>;
  /** An index's quorum and guards. See `getIndexParams`. */
  getIndexParams: (parameters: Bound<GetIndexParamsParameters, "oracle">) => ReturnType<typeof getIndexParams>;
};

/**
 * Binds the Computus actions to a client and a deployment, for `client.extend(...)`. Only binds:
 * nothing is read or checked until an action is called (call `verifyDeployment()` at start-up).
 *
 * @example
 * const client = createWalletClient({ account, chain, transport: http() })
 *   .extend(publicActions)
 *   .extend(computusActions(deployment));
 * await client.verifyDeployment();
 * const round = await client.getLatestRound({ indexId: toIndexId("H100-SXM-USD-HR") });
 */
export function computusActions(deployment: Deployment) {
  const oracle: Address = deployment.contracts.IndexOracle.address;
  return <chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<Transport, chain, account>,
  ): ComputusActions => ({
    computusDeployment: deployment,
    verifyDeployment: (parameters = {}) => verifyDeployment(client, { ...parameters, deployment }),
    signObservation: (parameters) => signObservation(client, { oracle, chainId: deployment.chainId, ...parameters }),
    submitRound: (parameters) => submitRound(client, { oracle, ...parameters }),
    waitForRound: (parameters) => waitForRound(client, { oracle, ...parameters }),
    getLatestRound: (parameters) => getLatestRound(client, { oracle, ...parameters }),
    getAveragePrice: (parameters) => getAveragePrice(client, { oracle, ...parameters }),
    getIndexMetadata: (parameters) => getIndexMetadata(client, { oracle, ...parameters }),
    getIndexParams: (parameters) => getIndexParams(client, { oracle, ...parameters }),
    getRegisteredIndexes: (parameters = {}) =>
      getRegisteredIndexes(client, { oracle, fromBlock: deployment.contracts.IndexOracle.startBlock, ...parameters }),
  });
}
