/**
 * `npm run bench:gas:profile -- <operation> [...]`: where an operation's gas goes. Runs the gas
 * bench's suites and, for each named operation, replays its transaction with
 * `debug_traceTransaction` and prints gas by call depth and opcode (storage reads and writes,
 * calls, logs, the rest), and the cold storage reads. For finding what to cut, not a figure
 * to quote: the figures are gas-snapshot.json's.
 */
import { readFile } from "node:fs/promises";
import { artifacts } from "hardhat";
import type { Hash } from "viem";
import { type BenchConnection, GasRecorder, runGasSuites } from "./gasBench.js";
import { gasSuites } from "./suites/index.js";

type StructLog = { pc: number; op: string; gas: number; gasCost: number; depth: number };

const args = process.argv.slice(2);
const linesArg = args.indexOf("--lines");
/** `--lines Contract@depth`: also the costliest source lines of that contract at that call depth. */
const lines = linesArg >= 0 ? (args.splice(linesArg, 2)[1] ?? "") : undefined;
const opsArg = args.indexOf("--ops");
/** `--ops depth`: also gas and count by opcode at that call depth (what "compute" is made of). */
const opsDepth = opsArg >= 0 ? Number(args.splice(opsArg, 2)[1]) : undefined;
const wanted = new Set(args);
if (wanted.size === 0) {
  console.error(
    "usage: npm run bench:gas:profile -- <operation> [...] [--lines Contract@depth] [--ops depth] (names as in gas-snapshot.json)",
  );
  process.exit(2);
}

/** pc → "file:line" for a contract's deployed code, from its build info's source map. */
async function readSourceLines(contractName: string): Promise<(pc: number) => string> {
  const artifact = await artifacts.readArtifact(contractName);
  const buildInfoId = artifact.buildInfoId as string;
  const buildInfoPath = await artifacts.getBuildInfoOutputPath(buildInfoId);
  if (buildInfoPath === undefined) throw new Error(`no build info for ${contractName}`);
  const { output } = JSON.parse(await readFile(buildInfoPath, "utf8"));
  const compiled = output.contracts[artifact.inputSourceName as string][contractName];
  const files = new Map<number, string>();
  for (const [name, source] of Object.entries(output.sources as Record<string, { id: number }>)) {
    files.set(source.id, name);
  }
  const inputPath = (await artifacts.getBuildInfoPath(buildInfoId)) as string;
  const { input } = JSON.parse(await readFile(inputPath, "utf8"));
  const code = Buffer.from((compiled.evm.deployedBytecode.object as string).replace(/^0x/, ""), "hex");
  const pcToIndex = new Map<number, number>();
  for (let pc = 0, index = 0; pc < code.length; index++) {
    pcToIndex.set(pc, index);
    const op = code[pc] as number;
    pc += op >= 0x60 && op <= 0x7f ? op - 0x5e : 1;
  }
  // Source map entries are start:length:file:…, each field empty when it repeats the previous one.
  const entries: [start: number, file: number][] = [];
  let [start, file] = [0, -1];
  for (const item of (compiled.evm.deployedBytecode.sourceMap as string).split(";")) {
    const [s, , f] = item.split(":");
    if (s) start = Number(s);
    if (f) file = Number(f);
    entries.push([start, file]);
  }
  return (pc) => {
    const entry = entries[pcToIndex.get(pc) ?? -1];
    if (entry === undefined || entry[1] < 0) return "(generated)";
    const name = files.get(entry[1]) ?? "?";
    const content: string | undefined = input.sources[name]?.content;
    if (content === undefined) return `${name}`;
    const line = content.slice(0, entry[0]).split("\n").length;
    return `${name.replace(/^project\//, "")}:${line}`;
  };
}

/** Build infos are tens of megabytes: read each contract's source lines once per run. */
const sourceLinesCache = new Map<string, Promise<(pc: number) => string>>();
function sourceLines(contractName: string): Promise<(pc: number) => string> {
  let lineOf = sourceLinesCache.get(contractName);
  if (lineOf === undefined) {
    lineOf = readSourceLines(contractName);
    sourceLinesCache.set(contractName, lineOf);
  }
  return lineOf;
}

/** Gas each step used itself: a call's own cost excludes what the callee used. */
function selfCosts(logs: readonly StructLog[]): number[] {
  const costs = logs.map((log) => log.gasCost);
  for (let i = 0; i < logs.length - 1; i++) {
    const step = logs[i] as StructLog;
    const next = logs[i + 1] as StructLog;
    if (next.depth === step.depth) costs[i] = step.gas - next.gas;
    else if (next.depth > step.depth) {
      let j = i + 1;
      while (j < logs.length && (logs[j] as StructLog).depth > step.depth) j++;
      const last = logs[j - 1] as StructLog;
      const calleeUsed = next.gas - (last.gas - last.gasCost);
      if (j < logs.length) costs[i] = step.gas - (logs[j] as StructLog).gas - calleeUsed;
    }
  }
  return costs;
}

function category(op: string): string {
  if (op === "SLOAD" || op === "SSTORE" || op === "TLOAD" || op === "TSTORE") return op;
  if (op.startsWith("LOG")) return "LOG";
  if (op.endsWith("CALL") || op === "CREATE" || op === "CREATE2") return "CALL";
  if (op === "KECCAK256") return "KECCAK256";
  return "compute";
}

class ProfilingRecorder extends GasRecorder {
  constructor(
    private readonly connection: BenchConnection,
    publicClient: ConstructorParameters<typeof GasRecorder>[0],
  ) {
    super(publicClient);
  }

  override async record(operation: string, hash: Hash | Promise<Hash>): Promise<bigint> {
    const txHash = await hash;
    const gas = await super.record(operation, txHash);
    if (wanted.has(operation)) await this.profile(operation, txHash, gas);
    return gas;
  }

  private async profile(operation: string, hash: Hash, gasUsed: bigint): Promise<void> {
    const trace = (await this.connection.provider.request({
      method: "debug_traceTransaction",
      params: [hash, { disableStack: true, disableMemory: true, disableStorage: true }],
    })) as { gas: number; structLogs: StructLog[] };
    const logs = trace.structLogs;
    const costs = selfCosts(logs);
    const table = new Map<string, Record<string, number>>();
    let coldReads = 0;
    let warmReads = 0;
    for (const [i, log] of logs.entries()) {
      const row = table.get(`depth ${log.depth}`) ?? {};
      const cat = category(log.op);
      row[cat] = (row[cat] ?? 0) + (costs[i] ?? 0);
      row.total = (row.total ?? 0) + (costs[i] ?? 0);
      table.set(`depth ${log.depth}`, row);
      if (log.op === "SLOAD") {
        if (log.gasCost >= 2_100) coldReads++;
        else warmReads++;
      }
    }
    const executed = [...table.values()].reduce((sum, row) => sum + (row.total ?? 0), 0);
    console.log(
      `\n${operation}: gasUsed ${gasUsed} (execution ${executed}; the rest is the 21,000 base, calldata and refunds)`,
    );
    console.table(Object.fromEntries(table));
    console.log(`SLOAD: ${coldReads} cold, ${warmReads} warm`);
    if (opsDepth !== undefined) {
      const byOp = new Map<string, { gas: number; count: number }>();
      for (const [i, log] of logs.entries()) {
        if (log.depth !== opsDepth) continue;
        const entry = byOp.get(log.op) ?? { gas: 0, count: 0 };
        entry.gas += costs[i] ?? 0;
        entry.count++;
        byOp.set(log.op, entry);
      }
      const top = [...byOp].sort((a, b) => b[1].gas - a[1].gas).slice(0, 30);
      console.table(top.map(([op, { gas, count }]) => ({ op, gas, count })));
    }
    if (lines !== undefined) {
      const [contractName, depthText] = lines.split("@");
      const lineOf = await sourceLines(contractName as string);
      const byLine = new Map<string, number>();
      for (const [i, log] of logs.entries()) {
        if (log.depth !== Number(depthText)) continue;
        const key = lineOf(log.pc);
        byLine.set(key, (byLine.get(key) ?? 0) + (costs[i] ?? 0));
      }
      const top = [...byLine].sort((a, b) => b[1] - a[1]).slice(0, 40);
      console.table(top.map(([line, gas]) => ({ line, gas })));
    }
  }
}

await runGasSuites(
  gasSuites,
  async (connection) => new ProfilingRecorder(connection, await connection.viem.getPublicClient()),
);
