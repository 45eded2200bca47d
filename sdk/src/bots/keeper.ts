/**
 * Keeper bot: watches the clearing house's accounts (from its own events, no indexer; their
 * markets and health read in batched multicalls) and
 *  - liquidates accounts below maintenance margin as `liquidate` values them (each position at
 *    the better of mark and index, finding F-2): an account below it at the mark but not at the
 *    index is left alone, with no transaction sent,
 *  - proposes a market's final price once its window's average is final (the window's end plus
 *    the index's `maxSubmissionDelay`, finding S-1), and finalises it after the dispute period,
 *  - claims settled positions for their owners (anyone may claim for anyone).
 *
 * Every action is simulated first, so an action someone else already took (another keeper, the
 * owner) is a refused simulation — reported as `skipped` with the typed reason, never thrown, and
 * never sent. A transaction that loses a race after its simulation reverts; that is reported as
 * `lost-race`. An RPC failure ends the tick with `error` set; the next tick starts again from the
 * last block it fully read. A reorg (the last block read has another hash now, or is gone) makes
 * the keeper read the last `reorgDepth` blocks again: accounts that appear only on the new branch
 * are watched too. State (health, positions, settlement) is read afresh every tick, so an action
 * a reorg dropped is simply taken again.
 */
import {
  type Account,
  type Address,
  BlockNotFoundError,
  type Chain,
  type Client,
  type Hash,
  type Transport,
} from "viem";
import { getBlock, getBlockNumber, getLogs, multicall, readContract } from "viem/actions";
import { getAction } from "viem/utils";
import { waitForSuccess } from "../actions/internal/trade.js";
import { clearingHouseOracleAbi, getLiquidationRisk } from "../actions/public/getLiquidationRisk.js";
import { claimSettlement } from "../actions/wallet/claimSettlement.js";
import { finalizeSettlement } from "../actions/wallet/finalizeSettlement.js";
import { liquidate } from "../actions/wallet/liquidate.js";
import { proposeSettlement } from "../actions/wallet/proposeSettlement.js";
import { AccountRequiredError } from "../errors/account.js";
import { ComputusContractError } from "../errors/base.js";
import { TransactionRevertedError } from "../errors/transaction.js";
import { clearingHouseAbi, indexOracleAbi } from "../generated/abis.js";
import { isLiquidatable } from "../math/margin.js";

export type KeeperAction =
  | { kind: "liquidate"; account: Address; marketId: bigint; size: bigint }
  | { kind: "propose"; marketId: bigint }
  | { kind: "finalize"; marketId: bigint }
  | { kind: "claim"; account: Address; marketId: bigint };

export type KeeperOutcome =
  | { status: "done"; action: KeeperAction; hash: Hash }
  /** Refused by the simulation (someone else did it, or it is not due): nothing was sent. */
  | { status: "skipped"; action: KeeperAction; reason: string; error: ComputusContractError }
  /** Sent, but reverted: another transaction got there first. */
  | { status: "lost-race"; action: KeeperAction; hash: Hash };

export type KeeperTickReport = {
  /** The block the tick read events up to. */
  block: bigint;
  /** Accounts known so far. */
  accounts: number;
  outcomes: KeeperOutcome[];
  /** An RPC (or other unexpected) error that ended the tick early; the next tick retries. */
  error?: unknown;
};

export type CreateKeeperParameters = {
  clearingHouse: Address;
  /** The clearing house's deployment block: where the account scan starts. */
  fromBlock?: bigint | undefined;
  /** Largest block range per `eth_getLogs`. Default 10,000. */
  logRange?: bigint | undefined;
  /** Blocks read again after a reorg. Default 128. */
  reorgDepth?: bigint | undefined;
  /** Claim settled positions (default true). */
  claim?: boolean | undefined;
  /** Propose and finalise settlements (default true). */
  settle?: boolean | undefined;
  /** Liquidate (default true). */
  liquidate?: boolean | undefined;
  /**
   * Multicall3 for the account scan; default the chain's `multicall3`, else a deployless
   * multicall (no contract needed).
   */
  multicallAddress?: Address | undefined;
  /**
   * Calldata bytes per multicall of the account scan (viem's `batchSize`). Default 8,192 (≈ 220
   * accounts) with a Multicall3 contract, 2,048 (≈ 55) deployless: the results then come back as
   * the code of a contract being created, which EIP-170 caps at 24,576 bytes.
   */
  scanBatchSize?: number | undefined;
};

export type Keeper = {
  /** One pass: read new events, then settle markets, liquidate and claim. Never throws. */
  tick(): Promise<KeeperTickReport>;
  /** The accounts being watched. */
  readonly accounts: ReadonlySet<Address>;
  /**
   * Reads every watched account's markets and health in batched multicalls (no event sync, no
   * transaction): those below maintenance margin, with their open markets.
   */
  scan(): Promise<LiquidatableAccount[]>;
};

/** An account below maintenance margin, as a scan found it. */
export type LiquidatableAccount = { account: Address; markets: readonly bigint[] };

/**
 * A keeper for one clearing house, acting with the client's account (which must hold enough
 * collateral to take over what it liquidates).
 *
 * @example
 * const keeper = createKeeper(wallet, { clearingHouse, fromBlock: 123n });
 * setInterval(async () => console.log(await keeper.tick()), 5_000);
 */
export function createKeeper<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: CreateKeeperParameters,
): Keeper {
  if (!client.account) throw new AccountRequiredError({ action: "createKeeper" });
  const { clearingHouse, logRange = 10_000n, reorgDepth = 128n } = parameters;
  const self = client.account.address.toLowerCase();
  const accounts = new Set<Address>();
  const firstBlock = parameters.fromBlock ?? 0n;
  let nextBlock = firstBlock;
  /** The last block read, to notice a reorg under it. */
  let lastRead: { number: bigint; hash: Hash } | undefined;
  const read = getAction(client, readContract, "readContract");
  const blockAt = (blockNumber: bigint) => getAction(client, getBlock, "getBlock")({ blockNumber });

  /** Whether the last block read is still on the chain (a shorter chain, or another hash: a reorg). */
  async function onChain(block: { number: bigint; hash: Hash }, latest: bigint): Promise<boolean> {
    if (block.number > latest) return false;
    try {
      return (await blockAt(block.number)).hash === block.hash;
    } catch (error) {
      if (error instanceof BlockNotFoundError) return false;
      throw error;
    }
  }

  async function sync(): Promise<bigint> {
    const latest = await getAction(client, getBlockNumber, "getBlockNumber")({ cacheTime: 0 });
    if (lastRead !== undefined && !(await onChain(lastRead, latest))) {
      const back = lastRead.number + 1n - reorgDepth;
      nextBlock = back > firstBlock ? back : firstBlock;
      lastRead = undefined;
    }
    while (nextBlock <= latest) {
      const to = nextBlock + logRange - 1n < latest ? nextBlock + logRange - 1n : latest;
      // The range's last block before its logs: it must exist (a head that lies fails here, before
      // the keeper skips ahead), and a reorg after this read shows as a changed hash next tick.
      const end = await blockAt(to);
      if (end.hash === null || end.number !== to) throw new BlockNotFoundError({ blockNumber: to });
      const logs = await getAction(
        client,
        getLogs,
        "getLogs",
      )({
        address: clearingHouse,
        events: clearingHouseAbi.filter(
          (item) =>
            item.type === "event" && (item.name === "Deposited" || item.name === "Fill" || item.name === "Liquidated"),
        ),
        fromBlock: nextBlock,
        toBlock: to,
      });
      // Only the accounts are needed, and each is an indexed topic: `Deposited`'s account, `Fill`'s
      // maker and taker (its market and price are in its order id, not needed here), `Liquidated`'s
      // account and liquidator.
      for (const log of logs) {
        const args = log.args as { account?: Address; maker?: Address; taker?: Address; liquidator?: Address };
        for (const a of [args.account, args.maker, args.taker, args.liquidator]) if (a) accounts.add(a);
      }
      nextBlock = to + 1n; // only after the range was read: an RPC error retries it next tick
      lastRead = { number: to, hash: end.hash };
    }
    return latest;
  }

  // The scan's reads go through multicall: two eth_calls per batch of accounts, not two per account.
  const multicallAddress = parameters.multicallAddress ?? client.chain?.contracts?.multicall3?.address;
  const batch = {
    batchSize: parameters.scanBatchSize ?? (multicallAddress ? 8_192 : 2_048),
    ...(multicallAddress ? { multicallAddress } : { deployless: true }),
  } as const;
  const call = getAction(client, multicall, "multicall");

  /** Every account's open markets (accounts with none are left out). */
  async function marketsOfAll(list: readonly Address[]): Promise<Map<Address, readonly bigint[]>> {
    if (list.length === 0) return new Map();
    const results = await call({
      ...batch,
      allowFailure: false,
      contracts: list.map(
        (account) =>
          ({ address: clearingHouse, abi: clearingHouseAbi, functionName: "marketsOf", args: [account] }) as const,
      ),
    });
    const out = new Map<Address, readonly bigint[]>();
    for (const [i, ids] of results.entries()) if (ids.length > 0) out.set(list[i] as Address, ids);
    return out;
  }

  /**
   * The accounts (not the keeper's own) `liquidate` accepts: below maintenance margin at the mark
   * (`health`, one multicall) and still below it at the better of mark and index per position
   * (`getLiquidationRisk`, read only for those: being healthier at the liquidation value, never
   * less, an account healthy at the mark is healthy there too).
   */
  async function liquidatable(markets: ReadonlyMap<Address, readonly bigint[]>): Promise<LiquidatableAccount[]> {
    const list = [...markets.keys()].filter((account) => account.toLowerCase() !== self);
    if (list.length === 0) return [];
    const results = await call({
      ...batch,
      allowFailure: true, // a stale index makes `health` revert: nothing can be liquidated then
      contracts: list.map(
        (account) =>
          ({ address: clearingHouse, abi: clearingHouseAbi, functionName: "health", args: [account] }) as const,
      ),
    });
    const atMark = list.filter((_account, i) => {
      const result = results[i];
      return result?.status === "success" && isLiquidatable(result.result);
    });
    const out: LiquidatableAccount[] = [];
    for (const account of atMark) {
      const { health } = await getLiquidationRisk(client, { clearingHouse, account });
      if (isLiquidatable(health)) out.push({ account, markets: markets.get(account) ?? [] });
    }
    return out;
  }

  const submissionDelays = new Map<string, bigint>();
  let oracleAddress: Address | undefined;
  /** The index's `maxSubmissionDelay`: a market's proposal opens that long after its window's end. */
  async function submissionDelay(indexId: `0x${string}`): Promise<bigint> {
    const known = submissionDelays.get(indexId);
    if (known !== undefined) return known;
    oracleAddress ??= await read({ address: clearingHouse, abi: clearingHouseOracleAbi, functionName: "oracle" });
    const params = await read({
      address: oracleAddress,
      abi: indexOracleAbi,
      functionName: "indexParams",
      args: [indexId],
    });
    const delay = BigInt(params.maxSubmissionDelay);
    submissionDelays.set(indexId, delay);
    return delay;
  }

  async function scan(): Promise<LiquidatableAccount[]> {
    return liquidatable(await marketsOfAll([...accounts]));
  }

  async function attempt(action: KeeperAction, send: () => Promise<{ hash: Hash }>): Promise<KeeperOutcome> {
    let hash: Hash;
    try {
      ({ hash } = await send());
    } catch (error) {
      if (error instanceof ComputusContractError) {
        return { status: "skipped", action, reason: error.shortMessage, error };
      }
      throw error;
    }
    try {
      await waitForSuccess(client, hash);
      return { status: "done", action, hash };
    } catch (error) {
      if (error instanceof TransactionRevertedError) return { status: "lost-race", action, hash };
      throw error;
    }
  }

  async function tick(): Promise<KeeperTickReport> {
    const outcomes: KeeperOutcome[] = [];
    let block = nextBlock - 1n;
    try {
      block = await sync();
      const now = (await getAction(client, getBlock, "getBlock")({})).timestamp;
      const count = await read({ address: clearingHouse, abi: clearingHouseAbi, functionName: "marketCount" });
      const settled = new Set<bigint>();

      // Settlement: propose once the window's average is final, finalise after the dispute period.
      for (let marketId = 1n; marketId <= count; marketId++) {
        const [indexId, config, risk] = await read({
          address: clearingHouse,
          abi: clearingHouseAbi,
          functionName: "market",
          args: [marketId],
        });
        if (risk.stage === 2) {
          settled.add(marketId);
          continue;
        }
        if (parameters.settle === false || risk.mode === 2) continue;
        if (risk.stage === 0 && now >= BigInt(config.windowEnd) + (await submissionDelay(indexId))) {
          outcomes.push(
            await attempt({ kind: "propose", marketId }, () => proposeSettlement(client, { clearingHouse, marketId })),
          );
        } else if (risk.stage === 1) {
          // The dispute period is not in the ABI: the simulation says whether it is over
          // (`DisputePeriodError` → skipped, nothing sent).
          const outcome = await attempt({ kind: "finalize", marketId }, () =>
            finalizeSettlement(client, { clearingHouse, marketId }),
          );
          outcomes.push(outcome);
          if (outcome.status === "done") settled.add(marketId);
        }
      }

      const markets = await marketsOfAll([...accounts]);
      for (const [account, marketIds] of markets) {
        // Claims first: a settled position's PnL counts in equity either way, and claiming is cheap.
        if (parameters.claim === false) break;
        for (const marketId of marketIds) {
          if (!settled.has(marketId)) continue;
          outcomes.push(
            await attempt({ kind: "claim", account, marketId }, () =>
              claimSettlement(client, { clearingHouse, marketId, owner: account }),
            ),
          );
        }
      }
      const candidates = parameters.liquidate === false ? [] : await liquidatable(markets);
      for (const { account, markets: marketIds } of candidates) {
        for (const marketId of marketIds) {
          if (settled.has(marketId)) continue;
          const [size] = await read({
            address: clearingHouse,
            abi: clearingHouseAbi,
            functionName: "positionOf",
            args: [account, marketId],
          });
          if (size === 0n) continue;
          let taken = 0n;
          const outcome = await attempt({ kind: "liquidate", account, marketId, size: 0n }, async () => {
            const r = await liquidate(client, { clearingHouse, owner: account, marketId });
            taken = r.size;
            return r;
          });
          if (outcome.action.kind === "liquidate") outcome.action.size = taken;
          outcomes.push(outcome);
          if (outcome.status === "done") break; // re-read health next tick before taking more
        }
      }
      return { block, accounts: accounts.size, outcomes };
    } catch (error) {
      return { block, accounts: accounts.size, outcomes, error };
    }
  }

  return { tick, accounts, scan };
}

export type RunKeeperParameters = CreateKeeperParameters & {
  /** Seconds between ticks. Default 5. */
  interval?: number | undefined;
  signal?: AbortSignal | undefined;
  onTick?: ((report: KeeperTickReport) => void | Promise<void>) | undefined;
};

/** Runs a keeper every `interval` seconds until `signal` aborts. */
export async function runKeeper<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { interval = 5, signal, onTick, ...parameters }: RunKeeperParameters,
): Promise<void> {
  const keeper = createKeeper(client, parameters);
  while (!signal?.aborted) {
    await onTick?.(await keeper.tick());
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, interval * 1000);
      signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
