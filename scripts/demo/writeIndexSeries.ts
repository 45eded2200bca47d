/** Regenerates scripts/demo/data/index-series.csv: `npx tsx scripts/demo/writeIndexSeries.ts`. */
import { writeFile } from "node:fs/promises";
import { generateIndexSeries, SERIES_FILE, toCsv } from "./indexSeries.js";

await writeFile(SERIES_FILE, toCsv(generateIndexSeries()));
console.log(`wrote ${SERIES_FILE.pathname}`);
