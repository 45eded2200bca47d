import type { GasSuite } from "../gasBench.js";
import { capacitySuite } from "./capacity.js";
import { clearingHouseSuite } from "./clearingHouse.js";
import { oracleSuite } from "./oracle.js";
import { orderBookSuite } from "./orderBook.js";

/** Every suite of `npm run bench:gas`, in the order the snapshot lists them. */
export const gasSuites: readonly GasSuite[] = [oracleSuite, clearingHouseSuite, orderBookSuite, capacitySuite];
