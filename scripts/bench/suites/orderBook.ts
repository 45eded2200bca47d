/**
 * Order-book operations (issue 4), each measured from its transaction receipt on a fresh
 * in-process chain; the books are the clearing house's own. Makers are distinct accounts
 * (the costlier, honest case: each fill touches a new maker's position and collateral).
 */
import { benchWallets, type GasSuite } from "../gasBench.js";
import { deployClearingHouse, LIMIT, MARKET, order, PRICE } from "./clearingHouse.js";

const TICK = 1_000n;

export const orderBookSuite: GasSuite = async (bench, { viem }) => {
  const { token, ch } = await deployClearingHouse(viem);
  const book = ch;
  const [, mm, taker1, taker2, taker3, ...makers] = await benchWallets(viem, 19);
  const wallets = [mm, taker1, taker2, taker3, ...makers];
  for (const w of wallets) {
    await token.write.mint([w.account.address, 10n ** 13n]);
    await token.write.approve([ch.address, 2n ** 255n], { account: w.account });
    await ch.write.deposit([w.account.address, 10n ** 12n], { account: w.account });
  }
  const place = (w: (typeof wallets)[number], isBid: boolean, kind: number, price: bigint, size: bigint) =>
    book.write.place([order(isBid, kind, price, size)], { account: w.account });

  // A live book: the market has traded before (its aggregates, the fee pool and insurance are
  // not zero: a market's very first fill pays ~60k more to create them), and the market maker
  // quotes both sides (the book's header and bitmap words exist, the maker is in the market).
  const warmTaker = makers[makers.length - 1] as (typeof wallets)[number];
  await place(mm, false, LIMIT, PRICE + 9n * TICK, 10n);
  await place(warmTaker, true, MARKET, PRICE + 9n * TICK, 10n);
  await place(mm, true, LIMIT, PRICE - 10n * TICK, 100n);
  await place(mm, false, LIMIT, PRICE + 10n * TICK, 100n);

  await bench.record("book.place.newLevel", place(mm, true, LIMIT, PRICE - 11n * TICK, 100n));
  await bench.record("book.place.existingLevel", place(mm, true, LIMIT, PRICE - 11n * TICK, 100n));
  await place(mm, true, LIMIT, PRICE - 11n * TICK, 100n);
  // Cancel the middle order of the level's three (the level stays).
  const levelHead = (await book.read.levelOf([1n, true, PRICE - 11n * TICK]))[0];
  const middle = (1n << 47n) | (1n << 46n) | (((PRICE - 11n * TICK) / TICK) << 24n) | (levelHead + 1n);
  await bench.record("book.cancel", book.write.cancel([middle], { account: mm.account }));

  // A market buy filling one maker order, opening both positions.
  const m0 = makers[0];
  await place(m0, false, LIMIT, PRICE + TICK, 100n);
  await bench.record("book.market.fill1", place(taker1, true, MARKET, PRICE + TICK, 100n));

  // Ten makers at one level, then ten levels of one maker each.
  for (const maker of makers.slice(0, 10)) await place(maker, false, LIMIT, PRICE + 2n * TICK, 100n);
  await bench.record("book.market.fill10sameLevel", place(taker2, true, MARKET, PRICE + 2n * TICK, 1_000n));
  for (const [i, maker] of makers.slice(0, 10).entries()) {
    await place(maker, false, LIMIT, PRICE + BigInt(3 + i) * TICK, 100n);
  }
  await bench.record("book.market.fill10levels", place(taker3, true, MARKET, PRICE + 12n * TICK, 1_000n));

  // A market maker replacing its quotes: ten bids on ten levels in one transaction.
  const places = Array.from({ length: 10 }, (_, i) => order(true, LIMIT, PRICE - BigInt(20 + i) * TICK, 100n));
  await bench.record("book.batch.place10", book.write.batch([[], places], { account: mm.account }));
};
