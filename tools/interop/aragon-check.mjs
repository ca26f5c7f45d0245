// Checks a `cogov export aragon` folder with viem: every `*.install-data.hex` decodes against
// its plugin's `prepareInstallation` input description (aragon-build-metadata.json, from the
// plugins' published build metadata) and holds exactly the settings of the JSON beside it;
// the settings lie within what the plugins accept (ratios out of 10^6, 1 hour to 365 days).
//
// Usage: node aragon-check.mjs DIR   — prints a JSON report, exits 1 on any failure.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeAbiParameters } from "viem";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node aragon-check.mjs DIR");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const metadata = JSON.parse(readFileSync(join(here, "aragon-build-metadata.json"), "utf8"));
const MODES = ["Standard", "EarlyExecution", "VoteReplacement"];
const failures = [];
const report = { dir, installs: 0, failures };
const fail = (where, what) => failures.push({ where, what });

// Compares a decoded value with the JSON's, following the input description's names.
function compare(where, input, decoded, given) {
  if (input.type === "tuple") {
    input.components.forEach((c, i) => compare(`${where}/${c.name}`, c, decoded[c.name] ?? decoded[i], given?.[c.name]));
    return;
  }
  let want = given;
  if (input.internalType?.includes("VotingMode") && typeof given === "string") want = MODES.indexOf(given);
  const norm = (x) =>
    Array.isArray(x) ? x.map(norm) : typeof x === "bigint" || typeof x === "number" ? String(x) : typeof x === "string" ? x.toLowerCase() : x;
  const a = JSON.stringify(norm(decoded));
  const b = JSON.stringify(norm(want));
  if (a !== b) fail(where, `install data holds ${a}, settings say ${b}`);
}

for (const plugin of ["token-voting", "multisig"]) {
  const folder = join(dir, plugin);
  if (!existsSync(folder)) continue;
  const inputs = metadata[plugin].inputs;
  for (const f of readdirSync(folder).filter((f) => f.endsWith(".json")).sort()) {
    const where = `${plugin}/${f}`;
    report.installs += 1;
    const settings = JSON.parse(readFileSync(join(folder, f), "utf8"));
    if (settings.plugin !== plugin) fail(where, `plugin is ${settings.plugin}`);
    const hexFile = join(folder, f.replace(/\.json$/, ".install-data.hex"));
    let values;
    try {
      values = decodeAbiParameters(inputs, readFileSync(hexFile, "utf8").trim());
    } catch (e) {
      fail(where, `install data does not decode against the build metadata: ${e.shortMessage ?? e.message}`);
      continue;
    }
    inputs.forEach((input, i) => compare(`${where}#${input.name}`, input, values[i], settings[input.name]));
    if (plugin === "token-voting") {
      const v = settings.votingSettings;
      if (!(v.supportThreshold >= 0 && v.supportThreshold < 1e6)) fail(where, `supportThreshold ${v.supportThreshold} not in [0, 10^6)`);
      if (!(v.minParticipation >= 0 && v.minParticipation <= 1e6)) fail(where, `minParticipation ${v.minParticipation} not in [0, 10^6]`);
      if (!(v.minDuration >= 3600 && v.minDuration <= 365 * 86400)) fail(where, `minDuration ${v.minDuration} not within 1 hour..365 days`);
      if (!MODES.includes(v.votingMode)) fail(where, `votingMode ${v.votingMode}`);
    } else {
      const m = settings.multisigSettings.minApprovals;
      if (!(m >= 1 && m <= settings.members.length)) fail(where, `minApprovals ${m} not within 1..${settings.members.length}`);
    }
  }
}

report.ok = failures.length === 0 && report.installs > 0;
if (report.installs === 0) fail(dir, "no token-voting/ or multisig/ settings found");
console.log(JSON.stringify(report, null, 2));
process.exit(report.ok ? 0 : 1);
