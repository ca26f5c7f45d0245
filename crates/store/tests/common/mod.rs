//! Fixtures shared by the store's integration tests.

use cogov_model::Gco;
use cogov_store::Store;

/// The worker-coop example, read through the JSON intake.
pub fn worker_coop() -> Gco {
    let bytes = include_bytes!("../../../../examples/worker-coop.json");
    cogov_engine::intake::from_json_bytes(bytes).and_then(|d| d.into_gco()).expect("example reads")
}

/// A fresh store in a temporary directory (kept alive by the returned guard).
#[allow(dead_code)] // not every test file opens a store this way
pub fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("cogov.db")).expect("open");
    (dir, store)
}
