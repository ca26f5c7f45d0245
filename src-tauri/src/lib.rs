//! `cogov-studio`: the Tauri v2 shell of CoGov Studio. Commands are thin adapters over the
//! engine ([`commands`]); the UI lives in `ui/` and talks to them through one interface.

/// The one declaration of the commands (first: its macros are used below and in `bindings`).
#[macro_use]
mod command_names;
pub mod bindings;
pub mod capture;
pub mod commands;
pub mod deployments;
pub mod dialogs;
pub mod error;
pub mod examples;
pub mod export;
#[cfg(test)]
mod forged_paths;
pub mod handles;
pub mod insight;
pub mod interop;
pub mod onboarding;
pub mod recent;
pub mod recovery;
pub mod store;
pub mod sweep;
pub mod whatif;

/// Every command the studio's UI may invoke; `capabilities/default.json` allows exactly these.
pub const COMMANDS: &[&str] = studio_commands!(command_name_list);

/// Expands the declaration to Tauri's handler list.
macro_rules! handler_list {
    ($($module:ident :: $name:ident ($($param:ident : $ts:literal),*) -> $returns:literal;)*) => {
        tauri::generate_handler![$($module::$name),*]
    };
}
use tauri::Manager;

/// Starts the studio.
pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(store::StoreState::default())
        .manage(whatif::WhatifState::default())
        .manage(sweep::SweepState::default())
        .manage(export::ExportState::default())
        .manage(handles::HandleTable::default())
        .manage(recovery::Unsaved::default())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let unsaved = window.state::<recovery::Unsaved>().0.lock().map(|u| u.clone()).unwrap_or_default();
                if let Some(name) = unsaved {
                    api.prevent_close();
                    recovery::ask_close(window, &name);
                }
            }
        })
        .invoke_handler(studio_commands!(handler_list))
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("CoGov Studio could not start: {e}");
        std::process::exit(1);
    }
}
