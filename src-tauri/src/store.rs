//! The studio's handle on the store: the same SQLite file the CLI uses (`COGOV_DB`, else the
//! per-user default), opened on first use so that a database the studio cannot open (one from
//! a newer CoGov, say) is reported where it matters instead of stopping the app.

use crate::error::CommandError;
use cogov_app::history::{self, CommitPlan, ProposalView, Releases, StoreInfo, VersionDiff};
use cogov_app::records::builds::{BuildOutcome, BuildRecord};
use cogov_app::records::cases::Case;
use cogov_app::records::events::Event;
use cogov_app::records::metrics::Metrics;
use cogov_app::records::releases::ReleaseRecord;
use cogov_app::records::versions::{CommitOutcome, InstanceSummary, VersionRecord};
use cogov_app::records::{Store, StoreError};
use cogov_engine::diff;
use cogov_engine::intake;
use std::path::PathBuf;
use std::sync::Mutex;

/// The store, once opened (managed Tauri state).
#[derive(Default)]
pub struct StoreState(Mutex<Option<Store>>);

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        use cogov_model::ErrorCode as C;
        // The database file is the place only when the database itself is the problem; a
        // refused version names the design in its message.
        let message = match e.code {
            C::StoreOpen | C::FutureSchema | C::Migration | C::Sqlite | C::Io => format!("{}: {}", e.path, e.message),
            _ => e.message,
        };
        CommandError::new(e.code, message)
    }
}

/// The database the studio uses: `COGOV_DB` when set (as for the CLI), else the default.
pub fn db_path() -> Result<PathBuf, CommandError> {
    Ok(cogov_app::store::db_path(None)?)
}

impl StoreState {
    /// A state already open on the database at `path` (tests, which must not change the
    /// process's `COGOV_DB`).
    pub fn open_at(path: &std::path::Path) -> Result<Self, CommandError> {
        Ok(StoreState(Mutex::new(Some(Store::open(path)?))))
    }

    /// Runs `f` with the store, opening it first if needed. Commands call this from the async
    /// runtime, never from the main thread, so a busy database never freezes the window.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, CommandError> {
        let mut guard = self.0.lock().map_err(|_| CommandError::internal("the store lock is poisoned"))?;
        if guard.is_none() {
            *guard = Some(Store::open(db_path()?)?);
        }
        match guard.as_mut() {
            Some(store) => Ok(f(store)?),
            None => Err(CommandError::internal("the store is not open")),
        }
    }

    /// [`StoreState::with`] for an operation of the application layer.
    pub fn with_app<T>(&self, f: impl FnOnce(&mut Store) -> cogov_app::Result<T>) -> Result<T, CommandError> {
        let mut guard = self.0.lock().map_err(|_| CommandError::internal("the store lock is poisoned"))?;
        if guard.is_none() {
            *guard = Some(Store::open(db_path()?)?);
        }
        match guard.as_mut() {
            Some(store) => Ok(f(store)?),
            None => Err(CommandError::internal("the store is not open")),
        }
    }
}

/// Opens the store (if needed) and says which database it is.
#[tauri::command(async)]
pub fn store_info(state: tauri::State<'_, StoreState>) -> Result<StoreInfo, CommandError> {
    state.with_app(|s| history::info(s))
}

/// The version and author a commit of the editor's design would get (nothing is written).
#[tauri::command(async)]
pub fn store_commit_plan(state: tauri::State<'_, StoreState>, text: String) -> Result<CommitPlan, CommandError> {
    let (_, doc) = intake::load("design.json", text.as_bytes()).map_err(|e| CommandError::intake("design", &e))?;
    let gco = doc.into_gco().map_err(|e| CommandError::intake("design", &e))?;
    state.with_app(|s| history::commit_plan(s, &gco, &author()))
}

/// Who the studio records as the author: `COGOV_AUTHOR`, else the login name (as the CLI).
pub(crate) fn author() -> String {
    cogov_app::store::author(None)
}

/// Every design in the store with its latest version.
#[tauri::command(async)]
pub fn store_instances(state: tauri::State<'_, StoreState>) -> Result<Vec<InstanceSummary>, CommandError> {
    state.with(|s| s.instances())
}

/// The versions of one design, oldest first.
#[tauri::command(async)]
pub fn store_log(state: tauri::State<'_, StoreState>, instance: String) -> Result<Vec<VersionRecord>, CommandError> {
    state.with(|s| s.log(&instance))
}

/// Saves the editor's design as a new version (the same rules as `cogov commit`).
#[tauri::command(async)]
pub fn store_commit(
    state: tauri::State<'_, StoreState>,
    text: String,
    message: String,
) -> Result<CommitOutcome, CommandError> {
    let (_, doc) = intake::load("design.json", text.as_bytes()).map_err(|e| CommandError::intake("design", &e))?;
    let gco = doc.into_gco().map_err(|e| CommandError::intake("design", &e))?;
    state.with(|s| s.commit(&gco, &message, &author()))
}

/// One version's content as pretty canonical JSON (what the editor opens).
#[tauri::command(async)]
pub fn store_show(
    state: tauri::State<'_, StoreState>,
    instance: String,
    version: String,
) -> Result<String, CommandError> {
    state.with(|s| s.show(&instance, &version).map(|(_, gco)| diff::pretty(&gco)))
}

/// Compares two versions of a design.
#[tauri::command(async)]
pub fn store_diff(
    state: tauri::State<'_, StoreState>,
    instance: String,
    old: String,
    new: String,
) -> Result<VersionDiff, CommandError> {
    state.with_app(|s| history::version_diff(s, &instance, &old, &new))
}

/// Restores an older version's content as a new version.
#[tauri::command(async)]
pub fn store_rollback(
    state: tauri::State<'_, StoreState>,
    instance: String,
    version: String,
    message: String,
) -> Result<VersionRecord, CommandError> {
    state.with(|s| s.rollback(&instance, &version, &message, &author()))
}

/// Runs a stored version through the pipeline and records the build.
#[tauri::command(async)]
pub fn store_build(
    state: tauri::State<'_, StoreState>,
    instance: String,
    version: String,
) -> Result<BuildOutcome, CommandError> {
    state.with(|s| s.build(&instance, &version, &author()))
}

/// The builds of a design, newest first.
#[tauri::command(async)]
pub fn store_builds(state: tauri::State<'_, StoreState>, instance: String) -> Result<Vec<BuildRecord>, CommandError> {
    state.with(|s| s.builds(&instance))
}

/// The amendment proposals of a design, newest first, each with its verdict.
#[tauri::command(async)]
pub fn store_proposals(
    state: tauri::State<'_, StoreState>,
    instance: String,
) -> Result<Vec<ProposalView>, CommandError> {
    state.with_app(|s| history::proposals(s, &instance))
}

/// Adopts a proposal (refused unless the amendment rules and the votes allow it).
#[tauri::command(async)]
pub fn store_adopt(state: tauri::State<'_, StoreState>, id: i64) -> Result<VersionRecord, CommandError> {
    state.with(|s| s.adopt(id, &author()))
}

/// Cases of a design (or of every design), newest first.
#[tauri::command(async)]
pub fn store_cases(state: tauri::State<'_, StoreState>, instance: Option<String>) -> Result<Vec<Case>, CommandError> {
    state.with(|s| s.cases(instance.as_deref(), None))
}

/// Moves a case's task to `triaged` or `resolved`, with the reason.
#[tauri::command(async)]
pub fn store_case_move(
    state: tauri::State<'_, StoreState>,
    id: i64,
    to: String,
    reason: String,
) -> Result<Case, CommandError> {
    match to.as_str() {
        "triaged" => state.with(|s| s.triage_case(id, &author(), &reason)),
        "resolved" => state.with(|s| s.resolve_case(id, &author(), &reason)),
        _ => Err(CommandError::internal(format!("a task moves to triaged or resolved, not {to}"))),
    }
}

/// The pipeline's metrics for a design (or every design).
#[tauri::command(async)]
pub fn store_metrics(state: tauri::State<'_, StoreState>, instance: Option<String>) -> Result<Metrics, CommandError> {
    state.with(|s| s.metrics(instance.as_deref()))
}

/// A design's channels and release records.
#[tauri::command(async)]
pub fn store_releases(state: tauri::State<'_, StoreState>, instance: String) -> Result<Releases, CommandError> {
    state.with_app(|s| history::releases(s, &instance))
}

/// Promotes a build to a channel (refused, recorded and a case opened when the build failed).
#[tauri::command(async)]
pub fn store_promote(
    state: tauri::State<'_, StoreState>,
    build: i64,
    channel: String,
    reason: String,
) -> Result<ReleaseRecord, CommandError> {
    state.with(|s| s.promote(build, &channel, &author(), &reason))
}

/// Control-plane events after `after` (at most 500), for the studio's live feed.
#[tauri::command(async)]
pub fn store_events(state: tauri::State<'_, StoreState>, after: i64) -> Result<Vec<Event>, CommandError> {
    state.with(|s| s.events(after, 500))
}
