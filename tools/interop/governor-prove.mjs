// The EVM proof of a Governor export: deploys the proof token, each decision type's
// TimelockController and Governor on the in-process Hardhat network, runs every case of
// cases.json (votes as whole tokens of the proof's supply) and prints the chain's outcome.
//
//   node tools/interop/governor-prove.mjs DIR
//
// Prints {"ok", "elapsed_ms", "results": [{decision_type, name, outcome, detail}]} as JSON.
// Exits 1 when the export does not compile or a case cannot be run; comparing outcomes with
// the engine's expectations is the caller's job (crates/cli/tests/interop_governor.rs).

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { ethers } from "ethers";
import { compileDir } from "./governor-compile.mjs";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
process.env.HARDHAT_CONFIG = path.join(here, "governor.hardhat.cjs");
const hre = require("hardhat");

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node governor-prove.mjs DIR");
  process.exit(2);
}
const started = Date.now();
const deploy = JSON.parse(fs.readFileSync(path.join(dir, "deploy.json"), "utf8"));
const { supply_tokens: supplyTokens, cases } = JSON.parse(fs.readFileSync(path.join(dir, "cases.json"), "utf8"));
const { errors, contracts } = compileDir(dir);
if (errors.length > 0) {
  console.log(JSON.stringify({ ok: false, errors }, null, 2));
  process.exit(1);
}

const raw = hre.network.provider;
const provider = new ethers.BrowserProvider(raw);
const signers = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => provider.getSigner(i)));
const [deployer, proposer, forVoter, againstVoter, abstainVoter, rest, vetoer, executor] = signers;
const UNIT = 10n ** 18n;
const SUPPLY = BigInt(supplyTokens) * UNIT;
const timeClock = deploy.token.clockMode === "mode=timestamp";

/** Deploys a compiled contract. */
async function deployContract(name, args, from = deployer) {
  const c = contracts[name];
  if (!c) throw new Error(`no compiled contract ${name}`);
  const factory = new ethers.ContractFactory(c.abi, c.bytecode, from);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract;
}

/** Moves the token's clock to `target` (a block number, or a timestamp on a timestamp clock). */
async function advanceClockTo(target) {
  if (timeClock) {
    const now = BigInt((await raw.request({ method: "eth_getBlockByNumber", params: ["latest", false] })).timestamp);
    if (target > now) await raw.request({ method: "evm_increaseTime", params: [Number(target - now)] });
    await raw.request({ method: "evm_mine", params: [] });
  } else {
    // Straight from the node: ethers caches the block number for a moment.
    const now = BigInt(await raw.request({ method: "eth_blockNumber", params: [] }));
    if (target > now) await raw.request({ method: "hardhat_mine", params: ["0x" + (target - now).toString(16)] });
  }
}

/** Lets `seconds` of wall time pass (the timelock always counts seconds). */
async function waitSeconds(seconds) {
  if (seconds > 0n) await raw.request({ method: "evm_increaseTime", params: [Number(seconds)] });
  await raw.request({ method: "evm_mine", params: [] });
}

let lastError = "";

/** Sends a transaction; returns the receipt, or null when the chain refuses it. */
async function attempt(fn) {
  try {
    const tx = await fn();
    return await tx.wait();
  } catch (e) {
    if (e && (e.code === "CALL_EXCEPTION" || /revert/i.test(String(e.message)))) {
      lastError = String(e.shortMessage || e.message).slice(0, 300);
      return null;
    }
    throw e;
  }
}

const STATES = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed"];

/** Runs one case; returns the chain's outcome and what happened. */
async function runCase(c) {
  const g = deploy.governors.find((x) => x.decision_type === c.decision_type);
  const threshold = BigInt(g.governor.settings.proposalThreshold);
  const reserved = threshold + UNIT;
  const votes = { for: BigInt(c.votes.for) * UNIT, against: BigInt(c.votes.against) * UNIT, abstain: BigInt(c.votes.abstain) * UNIT };
  const rem = SUPPLY - reserved - votes.for - votes.against - votes.abstain;
  if (rem < 0n) throw new Error(`case ${c.name}: votes exceed the supply`);
  const holders = [proposer, forVoter, againstVoter, abstainVoter, rest];
  const token = await deployContract("CogovProofToken", [
    await Promise.all(holders.map((h) => h.getAddress())),
    [reserved, votes.for, votes.against, votes.abstain, rem],
  ]);
  const tl = g.timelock.constructor;
  const restricted = !tl.executors.every((e) => /^0x0+$/.test(e));
  const timelock = await deployContract("TimelockController", [
    BigInt(tl.minDelay),
    [],
    restricted ? [await executor.getAddress()] : [ethers.ZeroAddress],
    await deployer.getAddress(),
  ]);
  const governor = await deployContract(g.governor.contract, [await token.getAddress(), await timelock.getAddress()]);
  const gov = await governor.getAddress();
  await (await timelock.grantRole(await timelock.PROPOSER_ROLE(), gov)).wait();
  const CANCELLER = await timelock.CANCELLER_ROLE();
  for (const who of g.timelock.grant_after_governor.CANCELLER_ROLE) {
    const account = who === "$governor" ? gov : await vetoer.getAddress();
    await (await timelock.grantRole(CANCELLER, account)).wait();
  }
  await (await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), await deployer.getAddress())).wait();
  // Checkpoints must be in the past when the proposal's snapshot is read.
  await raw.request({ method: "evm_mine", params: [] });

  const targets = [await rest.getAddress()];
  const values = [0n];
  const calldatas = ["0x"];
  const description = `cogov proof: ${c.decision_type} ${c.name}`;
  const descHash = ethers.id(description);
  const asProposer = governor.connect(proposer);
  if (!(await attempt(() => asProposer.propose(targets, values, calldatas, description)))) {
    return { outcome: "propose_refused", detail: "propose reverted" };
  }
  const id = await governor.hashProposal(targets, values, calldatas, descHash);
  const ballots = [
    [forVoter, 1, votes.for],
    [againstVoter, 0, votes.against],
    [abstainVoter, 2, votes.abstain],
  ];
  if (c.step === "vote_before_delay") {
    const early = await attempt(() => governor.connect(forVoter).castVote(id, 1));
    if (!early) return { outcome: "vote_refused", detail: `state ${STATES[Number(await governor.state(id))]}` };
    ballots.shift();
  }
  await advanceClockTo((await governor.proposalSnapshot(id)) + 1n);
  for (const [voter, support, amount] of ballots) {
    if (amount > 0n && !(await attempt(() => governor.connect(voter).castVote(id, support)))) {
      return { outcome: "vote_failed", detail: `castVote(${support}) reverted: ${lastError}` };
    }
  }
  await advanceClockTo((await governor.proposalDeadline(id)) + 1n);
  const state = STATES[Number(await governor.state(id))];
  if (state === "defeated") return { outcome: "defeated", detail: state };
  if (state !== "succeeded") return { outcome: `state_${state}`, detail: state };
  const queued = await attempt(() => governor.queue(targets, values, calldatas, descHash));
  if (!queued) return { outcome: "queue_refused", detail: "queue reverted" };
  const scheduled = queued.logs.map((l) => timelock.interface.parseLog(l)).find((l) => l && l.name === "CallScheduled");
  const opId = scheduled.args.id;
  const asExecutor = restricted ? governor.connect(executor) : governor;
  if (c.step === "execute_early") {
    const early = await attempt(() => asExecutor.execute(targets, values, calldatas, descHash));
    if (!early) return { outcome: "execute_refused", detail: `state ${STATES[Number(await governor.state(id))]}` };
    return { outcome: "executed", detail: "executed before the timelock ran" };
  }
  if (c.step === "veto") {
    const cancelled = await attempt(() => timelock.connect(vetoer).cancel(opId));
    if (cancelled) return { outcome: "cancelled", detail: STATES[Number(await governor.state(id))] };
  }
  await waitSeconds(BigInt(tl.minDelay));
  if (!(await attempt(() => asExecutor.execute(targets, values, calldatas, descHash)))) {
    return { outcome: "execute_refused", detail: "execute reverted after the delay" };
  }
  return { outcome: "executed", detail: STATES[Number(await governor.state(id))] };
}

const results = [];
for (const c of cases) {
  const r = await runCase(c);
  results.push({ decision_type: c.decision_type, name: c.name, ...r });
}
console.log(JSON.stringify({ ok: true, elapsed_ms: Date.now() - started, results }, null, 2));
