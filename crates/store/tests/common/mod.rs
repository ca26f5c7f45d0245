//! Fixtures shared by the store's integration tests.

use cogov_model::Gco;
use cogov_store::Store;

/// A shipped example (`worker-coop` or `token-dao`), read through the JSON intake.
pub fn example(name: &str) -> Gco {
    let bytes = match name {
        "token-dao" => include_bytes!("../../../../examples/token-dao.json").as_slice(),
        "worker-coop" => include_bytes!("../../../../examples/worker-coop.json").as_slice(),
        other => panic!("no test example {other}"),
    };
    cogov_engine::intake::from_json_bytes(bytes).and_then(|d| d.into_gco()).expect("example reads")
}

/// A fresh store in a temporary directory (kept alive by the returned guard).
#[allow(dead_code)] // not every test file opens a store this way
pub fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("cogov.db")).expect("open");
    (dir, store)
}
