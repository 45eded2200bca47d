/**
 * The on-chain cases of `npm run bench:sdk`, against Hardhat's chain served over HTTP on
 * 127.0.0.1 (as a trader's or keeper's RPC would be):
 *   - an order's path up to sending: build and check it, simulate it, sign the transaction
 *   - reading a 50-level book (50 bid and 50 ask levels, 1–3 orders each)
 *   - a keeper's scan of 1,000 accounts with positions (50 of them liquidatable)
 */
import { network } from "hardhat";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  http,
  type PublicClient,
  parseEther,
  publicActions,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { prepareTransactionRequest, simulateContract } from "viem/actions";
import { deployComputus } from "../../scripts/deploy/deployComputus.js";
import { defaultMarketTemplates, listMarket } from "../../scripts/deploy/markets.js";
import { toPlaceParams } from "../../sdk/src/actions/wallet/placeOrder.js";
import { computusActions } from "../../sdk/src/decorators/computus.js";
import { clearingHouseAbi } from "../../sdk/src/generated/abis.js";
import { isLiquidatable } from "../../sdk/src/math/margin.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import { testIndex, testPublishers } from "../../sdk/src/testing/localChain.js";
import type { BenchCase } from "./sdkBench.js";

const NAME = "H100-SXM-USD-HR";
const H100 = toIndexId(NAME);
const USDC = 1_000_000n;
const P = 2_000_000n; // $2.000
const TICK = 1_000n;

/** A deterministic key per index (never a real account). */
const keyOf = (i: number): Hex => `0x${(0x1000 + i).toString(16).padStart(64, "0")}`;

export type ChainBench = {
  cases: BenchCase[];
  close: () => Promise<void>;
  setupSeconds: number;
  /** RPC requests of one run of each case, by case name. */
  requests: () => Promise<Record<string, number>>;
};

export async function chainBench({ accounts = 1_000, liquidatable = 50 } = {}): Promise<ChainBench> {
  const started = performance.now();
  const server = await network.createServer("default", "127.0.0.1", 0);
  const { address, port } = await server.listen();
  const rpc = `http://${address}:${port}`;
  const connection = await network.create({ network: "localhost", override: { url: rpc } });
  const { viem, networkHelpers } = connection;
  const deployment = await deployComputus({
    viem,
    indexes: [testIndex(NAME, { maxAge: 40 * 86_400, maxMoveBps: 5_000 })],
    publishers: testPublishers.slice(0, 3).map((account) => account.address),
    markets: [],
  });
  const ch = deployment.contracts.ClearingHouse?.address as Address;
  let requests = 0; // HTTP requests to the RPC (one per JSON-RPC call: no batching configured)
  const transport = http(rpc, {
    timeout: 60_000,
    onFetchRequest: () => {
      requests++;
    },
  });
  const countRequests = async (run: () => Promise<unknown>) => {
    const before = requests;
    await run();
    return requests - before;
  };
  const publicClient = createPublicClient({ transport }) as PublicClient;
  const chain = await viem.getPublicClient().then((c) => c.chain);
  const [admin] = await viem.getWalletClients();
  if (!admin) throw new Error("bench: no Hardhat account");
  const bind = (key: Hex) =>
    createWalletClient({ account: privateKeyToAccount(key), chain, transport })
      .extend(publicActions)
      .extend(computusActions(deployment));

  const adminClient = createWalletClient({ account: admin.account, chain, transport })
    .extend(publicActions)
    .extend(computusActions(deployment));
  const publishers = testPublishers
    .slice(0, 3)
    .map((account) => createWalletClient({ account, chain, transport }).extend(computusActions(deployment)));
  const publish = async (price: bigint) => {
    const timestamp = await networkHelpers.time.latest();
    const observations = await Promise.all(
      publishers.map((p) => p.signObservation({ indexId: H100, timestamp, price })),
    );
    const { hash } = await adminClient.submitRound({ indexId: H100, timestamp, observations });
    await publicClient.waitForTransactionReceipt({ hash });
  };
  await publish(P);
  const now = await networkHelpers.time.latest();
  const [template] = defaultMarketTemplates(6);
  if (!template) throw new Error("bench: no market template");
  const { marketId } = await listMarket({
    publicClient,
    wallet: admin,
    clearingHouse: ch,
    template: { ...template, bandBps: 500 },
    window: { tradingStart: now, windowStart: now + 30 * 86_400, windowEnd: now + 60 * 86_400 },
  });
  const token = await viem.getContractAt("MockERC20", deployment.collateral.address);

  // Funds an account: gas money and collateral deposited for it by the admin (deposit `to`).
  const send = async (hash: Promise<Hex>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`bench: setup transaction ${receipt.transactionHash} reverted`);
  };
  const totalDeposit = 10_000_000n * USDC;
  await send(token.write.mint([admin.account.address, totalDeposit]));
  await send(
    adminClient.writeContract({
      address: token.address,
      abi: token.abi,
      functionName: "approve",
      args: [ch, totalDeposit],
    }),
  );
  const fund = async (key: Hex, amount: bigint) => {
    const owner = privateKeyToAccount(key).address;
    await networkHelpers.setBalance(owner, parseEther("10"));
    await send(
      adminClient.writeContract({ address: ch, abi: clearingHouseAbi, functionName: "deposit", args: [owner, amount] }),
    );
    return bind(key);
  };
  const place = async (trader: ReturnType<typeof bind>, isBid: boolean, price: bigint, size: bigint, kind = 0) =>
    send(
      trader.writeContract({
        address: ch,
        abi: clearingHouseAbi,
        functionName: "place",
        args: [{ marketId, isBid, kind, reduceOnly: false, price, size, expiry: 0n }],
        gas: 3_000_000n,
      }),
    );

  // The book: 50 bid levels below P and 50 ask levels above, 1–3 orders each, from two makers.
  const makerA = await fund(keyOf(0), 1_000_000n * USDC);
  const makerB = await fund(keyOf(1), 1_000_000n * USDC);
  for (let level = 1n; level <= 50n; level++) {
    for (let k = 0n; k <= level % 3n; k++) {
      const maker = k % 2n === 0n ? makerA : makerB;
      await place(maker, true, P - 10n * TICK - level * TICK, 10n * (1n + k));
      await place(maker, false, P + 10n * TICK + level * TICK, 10n * (1n + k));
    }
  }

  // 1,000 accounts, each buying 10 GPU-h from a big resting ask at P + 10 ticks. The first
  // `liquidatable` deposit just over the initial margin; an index drop then takes them below
  // maintenance.
  const whale = await fund(keyOf(2), 5_000_000n * USDC);
  await place(whale, false, P + 10n * TICK, 10n * BigInt(accounts));
  for (let i = 0; i < accounts; i++) {
    const trader = await fund(keyOf(10 + i), i < liquidatable ? 2_200_000n + 100_000n : 100n * USDC);
    await place(trader, true, P + 10n * TICK, 10n, 2 /* IOC */);
  }
  await networkHelpers.time.increase(60);
  await publish(1_700_000n); // −15 %: the mark falls to the band's edge, 1.785; the thin accounts are under water

  const keeperClient = await fund(keyOf(3), 100_000n * USDC);
  // One pass that only reads: it learns the accounts from the events (untimed) and acts on none.
  const keeper = keeperClient.createKeeper({ settle: false, claim: false, liquidate: false });
  const first = await keeper.tick();
  if (first.error !== undefined) throw first.error;
  const setupSeconds = (performance.now() - started) / 1000;

  const trader = bind(keyOf(0));
  const traderAccount = privateKeyToAccount(keyOf(0));
  const cases: BenchCase[] = [
    {
      name: "order: build + check + simulate + sign the transaction (not sent)",
      runs: 50,
      setup: () => async () => {
        const params = await toPlaceParams(trader, ch, {
          marketId,
          side: "buy",
          price: 1_700_000n, // inside the band around the index (now 1.70)
          size: 10n,
        });
        await simulateContract(trader, {
          address: ch,
          abi: clearingHouseAbi,
          functionName: "place",
          args: [params],
          account: traderAccount,
        });
        // What writeContract then does, short of sending: fill nonce, gas and fees, and sign.
        const prepared = await prepareTransactionRequest(trader, {
          account: traderAccount,
          chain,
          to: ch,
          data: encodeFunctionData({ abi: clearingHouseAbi, functionName: "place", args: [params] }),
        });
        return traderAccount.signTransaction(prepared as never);
      },
    },
    {
      name: "read a 50-level book (getOrderBook depth 50: 50 bids + 50 asks)",
      runs: 50,
      setup: async () => {
        const book = await trader.getOrderBook({ marketId, depth: 50 });
        if (book.bids.length !== 50 || book.asks.length !== 50) {
          throw new Error(`bench: the book has ${book.bids.length} bid and ${book.asks.length} ask levels, not 50`);
        }
        return () => trader.getOrderBook({ marketId, depth: 50 });
      },
    },
    {
      name: `keeper scan of ${accounts + 3} accounts (multicall: marketsOf + health; finds the ${liquidatable} liquidatable)`,
      runs: 10,
      setup: async () => {
        const found = await keeper.scan();
        if (found.length !== liquidatable)
          throw new Error(`bench: the scan found ${found.length} liquidatable accounts`);
        return () => keeper.scan();
      },
    },
    {
      name: `same scan, one eth_call per account and read (the keeper before multicall)`,
      runs: 3,
      setup: () => async () => {
        let found = 0;
        for (const account of keeper.accounts) {
          const markets = await publicClient.readContract({
            address: ch,
            abi: clearingHouseAbi,
            functionName: "marketsOf",
            args: [account],
          });
          if (markets.length === 0) continue;
          const health = await publicClient.readContract({
            address: ch,
            abi: clearingHouseAbi,
            functionName: "health",
            args: [account],
          });
          if (isLiquidatable(health)) found++;
        }
        if (found !== liquidatable) throw new Error(`bench: the per-account scan found ${found}`);
        return found;
      },
    },
  ];
  return {
    cases,
    setupSeconds,
    requests: async () => {
      const out: Record<string, number> = {};
      for (const benchCase of cases) {
        const operation = await benchCase.setup();
        out[benchCase.name] = await countRequests(async () => operation());
      }
      return out;
    },
    close: async () => {
      await connection.close();
      await server.close();
    },
  };
}
