// The ONE declaration of the studio's commands. Everything else is generated from it:
// the handler list (`lib.rs`), the command names `build.rs` gives Tauri's app manifest, the
// capability file (`capabilities/default.json`) and the TypeScript client's table
// (`ui/src/lib/bindings/commands.ts`); `tests/bindings.rs` fails when a generated file is stale
// and when a declared parameter list differs from the Rust function's.
//
// One line per command: `module::name(rust_param: "TS type", …) -> "TS type";`. Parameters are
// the ones the page sends (not `State`/`AppHandle`), in the function's order; the client sends
// them in camelCase, as Tauri expects. This file is also `include!`d by `build.rs`, so it holds
// only the macro.

/// Calls `$callback!` with every studio command, in the order above.
macro_rules! studio_commands {
    ($callback:ident) => {
        $callback! {
            commands::validate_text(name: "string", text: "string") -> "Validation";
            commands::gco_schema() -> "object";
            commands::examples() -> "ExampleInfo[]";
            commands::example_text(id: "string") -> "string";
            commands::read_design(handle: "string") -> "string";
            commands::write_design(handle: "string", text: "string") -> "void";
            commands::write_export(handle: "string", base64: "string") -> "void";
            commands::recent_files() -> "FileRef[]";
            dialogs::pick_open_path() -> "FileRef | null";
            dialogs::pick_save_path(suggested: "string") -> "FileRef | null";
            onboarding::onboarding_start() -> "OnboardingView";
            onboarding::onboarding_answer(state: "unknown", value: "unknown") -> "OnboardingView";
            onboarding::onboarding_back(state: "unknown") -> "OnboardingView";
            commands::topology(text: "string", members: "Members | null") -> "Graph";
            insight::risk_view(text: "string") -> "RiskView";
            capture::capture_view(text: "string") -> "CaptureView";
            insight::compiled_view(text: "string") -> "CompiledView";
            insight::lineage(text: "string") -> "Lineage";
            store::store_info() -> "StoreInfo";
            store::store_instances() -> "InstanceSummary[]";
            store::store_log(instance: "string") -> "VersionRecord[]";
            store::store_commit(text: "string", message: "string") -> "CommitOutcome";
            // s23-studio: the commit dialog's version and author.
            store::store_commit_plan(text: "string") -> "CommitPlan";
            store::store_show(instance: "string", version: "string") -> "string";
            store::store_diff(instance: "string", old: "string", new: "string") -> "VersionDiff";
            store::store_rollback(instance: "string", version: "string", message: "string") -> "VersionRecord";
            store::store_build(instance: "string", version: "string") -> "BuildOutcome";
            store::store_builds(instance: "string") -> "BuildRecord[]";
            store::store_proposals(instance: "string") -> "ProposalView[]";
            store::store_adopt(id: "number") -> "VersionRecord";
            store::store_cases(instance: "string | null") -> "Case[]";
            store::store_case_move(id: "number", to: "\"triaged\" | \"resolved\"", reason: "string") -> "Case";
            store::store_metrics(instance: "string | null") -> "Metrics";
            store::store_releases(instance: "string") -> "Releases";
            store::store_promote(build: "number", channel: "string", reason: "string") -> "ReleaseRecord";
            store::store_events(after: "number") -> "Event[]";
            whatif::whatif_setup(text: "string", steps: "number") -> "WhatifSetup";
            whatif::whatif_run(text: "string", scenario: "object", job: "number") -> "WhatifRun";
            whatif::whatif_progress() -> "WhatifProgress | null";
            whatif::whatif_cancel(job: "number") -> "boolean";
            whatif::whatif_save(text: "string", scenario: "object") -> "SimulationRecord";
            whatif::whatif_saved(instance: "string") -> "SimulationRecord[]";
            whatif::whatif_open(id: "number") -> "SavedWhatif";
            sweep::sweep_setup(text: "string") -> "SweepSetup";
            sweep::sweep_run(text: "string", spec: "object", job: "number") -> "SweepRun";
            sweep::sweep_progress() -> "SweepProgress | null";
            sweep::sweep_cancel(job: "number") -> "boolean";
            sweep::sweep_cell(text: "string", spec: "object", cell: "number") -> "SweepCell";
            sweep::sweep_save(text: "string", spec: "object") -> "SweepRecord";
            sweep::sweep_saved(instance: "string") -> "SweepRecord[]";
            sweep::sweep_open(id: "number") -> "SweepRecord";
            dialogs::pick_bundle_path(suggested: "string") -> "FileRef | null";
            dialogs::pick_key_path() -> "FileRef | null";
            dialogs::pick_directory(purpose: "Purpose", suggested: "string") -> "FileRef | null";
            dialogs::pick_export_path(suggested: "string") -> "FileRef | null";
            dialogs::pick_bundle_file() -> "FileRef | null";
            dialogs::pick_public_key() -> "FileRef | null";
            dialogs::pick_interop_file() -> "FileRef | null";
            interop::interop_kinds() -> "InteropKind[]";
            interop::interop_import(kind: "string", file: "string", answers: "Record<string, string>") -> "ImportView";
            interop::interop_export_preview(kind: "string", text: "string") -> "ExportPreview";
            interop::interop_export_write(kind: "string", text: "string", folder: "string", accept_inexact: "boolean") -> "ExportWritten";
            recovery::recovery_keep(name: "string", text: "string") -> "void";
            recovery::recovery_drop() -> "void";
            recovery::recovery_find() -> "Recovery | null";
            export::export_documents(text: "string", since: "string | null") -> "DocumentsView";
            export::export_keygen(password: "string", dir: "string | null") -> "KeyInfo";
            export::export_key_info(secret_key: "string") -> "KeyInfo";
            export::export_bundle(text: "string", since: "string | null", secret_key: "string", password: "string", out: "string") -> "BundleView";
            export::export_progress() -> "BuildStep | null";
            export::export_verify(bundle: "string", public_key: "string") -> "VerifyView";
            deployments::deploy_bundle(bundle: "string", public_key: "string", target: "string") -> "TargetView";
            deployments::deploy_rollback(target: "string") -> "TargetView";
            deployments::deploy_status(target: "string", public_key: "string | null") -> "TargetView";
        }
    };
}

/// Expands the declaration to the command names, as `&[&str]`.
macro_rules! command_name_list {
    ($($module:ident :: $name:ident ($($param:ident : $ts:literal),*) -> $returns:literal;)*) => {
        &[$(stringify!($name)),*]
    };
}
