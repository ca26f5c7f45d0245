// Checks a `cogov export safe` folder with the real tools: every Safe description is sane,
// every transaction of the Transaction Builder batch decodes against the Roles modifier ABI
// (viem), its checksum is the one the Transaction Builder computes, the roles pass
// zodiac-roles-sdk's integrity check, and the batch carries exactly the calls the SDK plans
// for those roles and allowances (the same bytes).
//
// Usage: node safe-check.mjs DIR   — prints a JSON report, exits 1 on any failure.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { decodeFunctionData, isAddress, keccak256, toHex } from "viem";
import { callsPlannedForApplyRole, encodeCalls, encodeKey, rolesAbi, targetIntegrity } from "zodiac-roles-sdk";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node safe-check.mjs DIR");
  process.exit(2);
}
const failures = [];
const report = { dir, safes: 0, transactions: 0, roles: 0, allowances: 0, failures };
const fail = (where, what) => failures.push({ where, what });
const read = (p) => JSON.parse(readFileSync(join(dir, p), "utf8"));

// Safes: the shape the Safe Transaction Service gives, owners distinct, 1 <= threshold <= owners.
const safesDir = join(dir, "safes");
if (existsSync(safesDir)) {
  for (const f of readdirSync(safesDir).sort()) {
    const s = read(join("safes", f));
    report.safes += 1;
    if (!isAddress(s.address)) fail(`safes/${f}`, `address ${s.address} is not an address`);
    if (!Array.isArray(s.owners) || s.owners.some((o) => !isAddress(o))) fail(`safes/${f}`, "owners are not addresses");
    if (new Set(s.owners.map((o) => o.toLowerCase())).size !== s.owners.length) fail(`safes/${f}`, "an owner is listed twice");
    if (!(Number.isInteger(s.threshold) && s.threshold >= 1 && s.threshold <= s.owners.length))
      fail(`safes/${f}`, `threshold ${s.threshold} is not within 1..${s.owners.length}`);
  }
}

// The Transaction Builder's checksum: keccak256 over its own serialisation of the batch
// without meta.checksum (objects as their sorted keys, then each value and a comma).
function serialize(v) {
  if (Array.isArray(v)) return `[${v.map(serialize).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${JSON.stringify(keys)}${keys.map((k) => `${serialize(v[k])},`).join("")}}`;
  }
  return JSON.stringify(v === undefined ? null : v);
}

if (existsSync(join(dir, "roles-batch.json"))) {
  const batch = read("roles-batch.json");
  const config = read("roles.json");
  for (const k of ["version", "chainId", "createdAt", "meta", "transactions"])
    if (!(k in batch)) fail("roles-batch.json", `missing ${k}`);
  const { checksum, ...meta } = batch.meta;
  const expected = keccak256(toHex(serialize({ ...batch, meta })));
  if (checksum !== expected) fail("roles-batch.json", `checksum ${checksum} is not the Transaction Builder's ${expected}`);
  if (!isAddress(meta.createdFromSafeAddress)) fail("roles-batch.json", "createdFromSafeAddress is not an address");

  // Every transaction decodes against the Roles modifier ABI, and its readable inputs agree.
  const batchData = [];
  batch.transactions.forEach((t, i) => {
    report.transactions += 1;
    if (t.to.toLowerCase() !== config.rolesModifier.toLowerCase()) fail(`transactions/${i}`, "not sent to the Roles modifier");
    try {
      const d = decodeFunctionData({ abi: rolesAbi, data: t.data });
      if (d.functionName !== t.contractMethod.name) fail(`transactions/${i}`, `data calls ${d.functionName}, method says ${t.contractMethod.name}`);
      const names = t.contractMethod.inputs.map((x) => x.name);
      d.args.forEach((arg, j) => {
        const shown = t.contractInputsValues[names[j]];
        const actual = typeof arg === "object" ? JSON.stringify(arg, (_, x) => (typeof x === "bigint" ? Number(x) : x)) : String(arg);
        const norm = (s) => String(s).toLowerCase().replace(/\s/g, "");
        const simplify = (s) => norm(s).replace(/\{"parent":(\d+),"paramtype":(\d+),"operator":(\d+),"compvalue":("[^"]*")\}/g, "[$1,$2,$3,$4]");
        if (simplify(actual) !== norm(shown)) fail(`transactions/${i}`, `input ${names[j]} shows ${shown} but the data holds ${actual}`);
      });
      batchData.push(t.data.toLowerCase());
    } catch (e) {
      fail(`transactions/${i}`, `does not decode against the Roles ABI: ${e.shortMessage ?? e.message}`);
    }
  });

  // The SDK's own checks and plan: the same calls, byte for byte.
  const sdkCalls = [];
  for (const role of config.roles) {
    report.roles += 1;
    if (encodeKey(role.keyName) !== role.key) fail(`roles/${role.keyName}`, `key ${role.key} is not encodeKey(${role.keyName})`);
    try {
      targetIntegrity(role.targets);
    } catch (e) {
      fail(`roles/${role.keyName}`, `targetIntegrity: ${e.message}`);
    }
    const empty = { key: role.key, members: [], targets: [], annotations: [], lastUpdate: 0 };
    sdkCalls.push(...callsPlannedForApplyRole(empty, role));
  }
  for (const a of config.allowances) {
    report.allowances += 1;
    if (encodeKey(a.keyName) !== a.key) fail(`allowances/${a.keyName}`, `key is not encodeKey(${a.keyName})`);
    sdkCalls.push({ call: "setAllowance", key: a.key, balance: BigInt(a.balance), maxRefill: BigInt(a.maxRefill), refill: BigInt(a.refill), period: BigInt(a.period), timestamp: BigInt(a.timestamp) });
  }
  const planned = encodeCalls(sdkCalls, config.rolesModifier).map((c) => c.data.toLowerCase()).sort();
  const ours = [...batchData].sort();
  const missing = planned.filter((d) => !ours.includes(d));
  const extra = ours.filter((d) => !planned.includes(d));
  if (missing.length) fail("roles-batch.json", `${missing.length} call(s) the SDK plans are not in the batch, e.g. ${missing[0].slice(0, 74)}…`);
  if (extra.length) fail("roles-batch.json", `${extra.length} call(s) in the batch are not planned by the SDK, e.g. ${extra[0].slice(0, 74)}…`);
  report.sdkPlannedCalls = planned.length;
}

report.ok = failures.length === 0;
console.log(JSON.stringify(report, null, 2));
process.exit(report.ok ? 0 : 1);
