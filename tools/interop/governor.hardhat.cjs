// The in-process Hardhat network governor-prove.mjs runs on (selected with HARDHAT_CONFIG).
// Nothing is compiled by Hardhat: the proof compiles with solc-js and deploys the bytecode.
module.exports = {
  networks: {
    hardhat: {
      hardfork: "cancun",
      // Fixed start so the proof's timestamps do not depend on the machine's clock.
      initialDate: "2025-01-01T00:00:00Z",
      accounts: { count: 8 },
      blockGasLimit: 60000000,
    },
  },
};
