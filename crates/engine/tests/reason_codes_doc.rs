//! `docs/reason-codes.md` is generated from the catalogue and must be current.
//! Run with `COGOV_BLESS=1` to rewrite it.

use std::path::PathBuf;

#[test]
fn reason_codes_doc_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/reason-codes.md");
    let generated = cogov_engine::catalogue::reason_codes_markdown();
    if std::env::var_os("COGOV_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write doc");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/reason-codes.md is stale: run `COGOV_BLESS=1 cargo test -p cogov-engine --test reason_codes_doc`"
    );
    for code in cogov_model::Code::ALL {
        assert!(committed.contains(code.as_str()), "{code} is not documented");
    }
}
