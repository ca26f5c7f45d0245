//! `cogov-unify`: no code. Its manifest turns on, for every face, the dependency features the
//! studio needs, so that the command line and the studio are built from one set of artifacts
//! (see its Cargo.toml for why).
