//! Declares the app's own commands so that capabilities can allow exactly those.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(cogov_studio_commands::COMMANDS)),
    )
    .expect("tauri build script");
}

mod cogov_studio_commands {
    include!("src/command_names.rs");

    /// The names from the one declaration (the same list `cogov_studio::COMMANDS` holds).
    pub const COMMANDS: &[&str] = studio_commands!(command_name_list);
}
