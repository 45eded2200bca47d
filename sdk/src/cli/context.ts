/**
 * What commands share: the global options, the deployment, viem clients bound to it and the keys
 * from the environment. Everything is lazy: `--help` and usage errors touch neither files nor RPC.
 */
import { resolve } from "node:path";
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  isHex,
  publicActions,
  size,
} from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { getChainId } from "viem/actions";
import { computusActions } from "../decorators/computus.js";
import { assertDeploymentChain, type Deployment } from "../deployment/deployment.js";
import { loadDeploymentFile } from "../node.js";
import { CliError } from "./errors.js";

/** Environment variable holding the private key(s): one, or several comma-separated. */
export const PRIVATE_KEY_ENV = "COMPUTUS_PRIVATE_KEY";
/** Environment variable for the RPC URL when `--rpc` is not given. */
export const RPC_ENV = "COMPUTUS_RPC_URL";
export const DEFAULT_RPC = "http://127.0.0.1:8545";

export type GlobalOptions = {
  readonly rpc: string;
  /** A deployment record file. */
  readonly deployment?: string | undefined;
  /** Load `deployments/<chainId>.json` (and require the RPC to be on that chain). */
  readonly chainId?: number | undefined;
  /** Signing key(s) from `--private-key`; otherwise `COMPUTUS_PRIVATE_KEY`. Never printed. */
  readonly privateKey?: string | undefined;
  readonly json: boolean;
};

export class CliContext {
  readonly #globals: GlobalOptions;
  readonly #env: NodeJS.ProcessEnv;
  readonly #cwd: string;
  readonly #print: (text: string) => void;
  #deployment: Promise<Deployment> | undefined;

  constructor(globals: GlobalOptions, env: NodeJS.ProcessEnv, cwd: string, print: (text: string) => void = () => {}) {
    this.#globals = globals;
    this.#env = env;
    this.#cwd = cwd;
    this.#print = print;
  }

  /** Writes a line to stdout now (long-running commands: one line per event). */
  print(text: string): void {
    this.#print(text);
  }

  get globals(): GlobalOptions {
    return this.#globals;
  }

  /** A client on the RPC before the deployment is known (no chain set). */
  rawClient() {
    return createPublicClient({ transport: this.#transport() });
  }

  #transport() {
    return http(this.#globals.rpc, { retryCount: 0, timeout: 15_000 });
  }

  /**
   * The deployment record, checked against the RPC's chain: from `--deployment`, else
   * `deployments/<--chain-id>.json`, else `deployments/<the RPC's chain id>.json`.
   * @throws {WrongChainError} when the RPC is on another chain than the record.
   */
  deployment(): Promise<Deployment> {
    this.#deployment ??= (async () => {
      const { deployment: file, chainId } = this.#globals;
      const rpcChainId = await getChainId(this.rawClient());
      const path = resolve(this.#cwd, file ?? `deployments/${chainId ?? rpcChainId}.json`);
      const deployment = await loadDeploymentFile(path);
      if (chainId !== undefined && deployment.chainId !== chainId) {
        throw new CliError(`${path} records chain ${deployment.chainId}, not --chain-id ${chainId}`);
      }
      assertDeploymentChain(deployment, rpcChainId);
      return deployment;
    })();
    return this.#deployment;
  }

  #chain(deployment: Deployment): Chain {
    return defineChain({
      id: deployment.chainId,
      name: `Chain ${deployment.chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [this.#globals.rpc] } },
    });
  }

  /** A public client with the Computus actions, on the deployment's (verified) chain. */
  async client() {
    const deployment = await this.deployment();
    return createPublicClient({ chain: this.#chain(deployment), transport: this.#transport() }).extend(
      computusActions(deployment),
    );
  }

  /** A wallet client for `account` with the public and Computus actions. */
  async wallet(account: Account) {
    const deployment = await this.deployment();
    return createWalletClient({ account, chain: this.#chain(deployment), transport: this.#transport() })
      .extend(publicActions)
      .extend(computusActions(deployment));
  }

  /**
   * The accounts of the signing keys: `--private-key`, else `COMPUTUS_PRIVATE_KEY` (comma-separated
   * for several). There is no default key; error messages never echo a key.
   */
  accounts(): PrivateKeyAccount[] {
    const source = this.#globals.privateKey !== undefined ? "--private-key" : PRIVATE_KEY_ENV;
    const text = (this.#globals.privateKey ?? this.#env[PRIVATE_KEY_ENV] ?? "").trim();
    if (text === "") {
      throw new CliError(`no private key: set ${PRIVATE_KEY_ENV} (several keys: comma-separated)`);
    }
    return text.split(",").map((raw, i) => {
      const key = raw.trim();
      const hex = (key.startsWith("0x") ? key : `0x${key}`) as Hex;
      if (!isHex(hex, { strict: true }) || size(hex) !== 32) {
        throw new CliError(`${source}: key ${i + 1} is not 32 bytes of hex`);
      }
      return privateKeyToAccount(hex);
    });
  }
}
