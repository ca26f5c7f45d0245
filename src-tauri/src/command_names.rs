/// Every command the studio's UI may invoke; `capabilities/default.json` allows exactly these.
pub const COMMANDS: &[&str] = &[
    "validate_text",
    "gco_schema",
    "examples",
    "example_text",
    "read_design",
    "write_design",
    "write_export",
    "recent_files",
    "pick_open_path",
    "pick_save_path",
    "onboarding_start",
    "onboarding_answer",
    "onboarding_back",
    "topology",
    "store_info",
];
