//! `cogov-studio`: the Tauri v2 shell of CoGov Studio. Commands are thin adapters over the
//! engine ([`commands`]); the UI lives in `ui/` and talks to them through one interface.

mod atomic;
pub mod bindings;
pub mod capture;
mod command_names;
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

pub use command_names::COMMANDS;
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
        .invoke_handler(tauri::generate_handler![
            commands::validate_text,
            commands::gco_schema,
            commands::examples,
            commands::example_text,
            commands::read_design,
            commands::write_design,
            commands::write_export,
            commands::recent_files,
            dialogs::pick_open_path,
            dialogs::pick_save_path,
            onboarding::onboarding_start,
            onboarding::onboarding_answer,
            onboarding::onboarding_back,
            commands::topology,
            insight::risk_view,
            capture::capture_view,
            insight::compiled_view,
            insight::lineage,
            store::store_info,
            store::store_instances,
            store::store_log,
            store::store_commit,
            store::store_show,
            store::store_diff,
            store::store_rollback,
            store::store_build,
            store::store_builds,
            store::store_proposals,
            store::store_adopt,
            store::store_cases,
            store::store_case_move,
            store::store_metrics,
            store::store_releases,
            store::store_promote,
            store::store_events,
            whatif::whatif_setup,
            whatif::whatif_run,
            whatif::whatif_progress,
            whatif::whatif_cancel,
            whatif::whatif_save,
            whatif::whatif_saved,
            whatif::whatif_open,
            sweep::sweep_setup,
            sweep::sweep_run,
            sweep::sweep_progress,
            sweep::sweep_cancel,
            sweep::sweep_cell,
            sweep::sweep_save,
            sweep::sweep_saved,
            sweep::sweep_open,
            dialogs::pick_bundle_path,
            dialogs::pick_key_path,
            dialogs::pick_directory,
            dialogs::pick_export_path,
            dialogs::pick_bundle_file,
            dialogs::pick_public_key,
            dialogs::pick_interop_file,
            interop::interop_kinds,
            interop::interop_import,
            interop::interop_export_preview,
            interop::interop_export_write,
            recovery::recovery_keep,
            recovery::recovery_drop,
            recovery::recovery_find,
            export::export_documents,
            export::export_keygen,
            export::export_key_info,
            export::export_bundle,
            export::export_progress,
            export::export_verify,
            deployments::deploy_bundle,
            deployments::deploy_rollback,
            deployments::deploy_status,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("CoGov Studio could not start: {e}");
        std::process::exit(1);
    }
}
