//! `cogov-app`: the application layer. Every operation that joins the engine, the store, the
//! simulator, deployment and files is written here once; the command line parses, calls and
//! renders, the studio invokes, calls and serialises. Neither holds logic of its own.
//!
//! Errors are one type ([`Error`]) with a typed reason code and a place; files are read
//! bounded and written only through [`files`]; the database and the author are found one way
//! ([`store`]).

pub mod bundle;
pub mod deploy;
pub mod documents;
pub mod error;
pub mod files;
pub mod history;
pub mod interop;
pub mod job;
pub mod keys;
pub mod score;
pub mod simulate;
pub mod store;
pub mod sweep;

pub use error::{Error, Result};

/// What the faces need to render results, re-exported so they depend on this layer only.
pub use cogov_engine::Location;
pub use cogov_model::ErrorCode;
/// The simulator's report, scenario and sweep types, for the faces to render.
pub use cogov_sim as sim;
/// The store's record types, for the faces to render (kept records, releases, cases, metrics).
pub use cogov_store as records;
pub use cogov_store::{Store, StoreError};
