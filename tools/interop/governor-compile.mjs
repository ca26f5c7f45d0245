// Compiles every .sol file under DIR with solc-js (standard JSON), resolving
// `@openzeppelin/contracts/...` from this folder's node_modules.
//
//   node tools/interop/governor-compile.mjs DIR
//
// Prints {"ok", "errors", "contracts"} as JSON and exits 1 on any compiler error.
// governor-prove.mjs imports `compileDir` so an export is compiled once per proof.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const solc = require("solc");

/** Every .sol file under dir, sorted, as paths relative to dir. */
function solFiles(dir, prefix = "") {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...solFiles(dir, rel));
    else if (entry.name.endsWith(".sol")) out.push(rel);
  }
  return out.sort();
}

/** Resolves imports of OpenZeppelin Contracts from the pinned package, nothing else. */
function findImports(importPath) {
  if (!importPath.startsWith("@openzeppelin/contracts/") || importPath.includes("..")) {
    return { error: `import not allowed: ${importPath}` };
  }
  try {
    return { contents: fs.readFileSync(path.join(here, "node_modules", importPath), "utf8") };
  } catch (e) {
    return { error: `not found: ${importPath}` };
  }
}

/** Compiles dir; returns {errors, contracts: {name: {abi, bytecode}}}. */
export function compileDir(dir) {
  const sources = {};
  for (const f of solFiles(dir)) sources[f] = { content: fs.readFileSync(path.join(dir, f), "utf8") };
  if (Object.keys(sources).length === 0) return { errors: [{ message: `no .sol file in ${dir}` }], contracts: {} };
  const input = {
    language: "Solidity",
    sources,
    settings: {
      // Governors with a timelock exceed the 24 KiB code limit unoptimised.
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (output.errors || [])
    .filter((e) => e.severity === "error")
    .map((e) => ({
      file: e.sourceLocation?.file ?? null,
      start: e.sourceLocation?.start ?? null,
      type: e.type,
      message: e.formattedMessage ?? e.message,
    }));
  const contracts = {};
  for (const [file, byName] of Object.entries(output.contracts || {})) {
    for (const [name, c] of Object.entries(byName)) {
      contracts[name] = { file, abi: c.abi, bytecode: "0x" + c.evm.bytecode.object };
    }
  }
  return { errors, contracts };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node governor-compile.mjs DIR");
    process.exit(2);
  }
  const { errors, contracts } = compileDir(dir);
  const names = Object.keys(contracts).sort();
  console.log(JSON.stringify({ ok: errors.length === 0, solc: solc.version(), errors, contracts: names }, null, 2));
  process.exit(errors.length === 0 ? 0 : 1);
}
