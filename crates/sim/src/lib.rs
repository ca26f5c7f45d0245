//! `cogov-sim`: the reference simulation model (RSM v1) with seeded, bit-reproducible Monte
//! Carlo. Pure: no I/O, no clock, no global randomness.
