//! The Export view's commands: the eight documents for preview, signing keys, building a
//! signed bundle with progress, and verifying a written bundle. Thin: the engine generates,
//! builds and verifies; this module reads and writes the files (docs/bundles.md).

use crate::error::{CommandError, Reason};
use crate::handles::{HandleTable, Kind, Purpose, Use};
use crate::store::StoreState;
use cogov_app::bundle::{self, BuildStep, Source};
use cogov_app::keys;
use cogov_engine::docs;
use cogov_model::Gco;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::Manager;
use ts_rs::TS;

/// One generated document, both forms.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocumentView {
    /// The file stem, e.g. `decision-protocol`.
    pub slug: String,
    /// The title, e.g. `Decision protocol`.
    pub title: String,
    /// The Markdown form.
    pub markdown: String,
    /// The self-contained HTML page (no script), for a sandboxed preview.
    pub html: String,
}

/// The documents of the design in the editor, or why there are none.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocumentsView {
    /// The eight documents in presentation order (empty when blocked).
    pub documents: Vec<DocumentView>,
    /// The stored version the "Changes since" sections compare with.
    pub since: Option<String>,
    /// Set when the design has blocking findings (`GOV-P001`).
    pub blocked: Option<crate::insight::Blocked>,
}

/// A signing key pair on disk.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KeyInfo {
    /// The key id minisign prints (16 hex digits).
    pub key_id: String,
    /// The secret key file (encrypted with the password), for display.
    pub secret_key: String,
    /// The public key file beside it, for display.
    pub public_key: String,
    /// The handle to sign with (read as a secret key).
    pub secret_handle: String,
    /// The handle to verify and deploy with (read as a public key).
    pub public_handle: String,
}

/// One file a bundle's manifest lists.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BundleEntry {
    /// Its path inside the bundle.
    pub path: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// `sha256:` of its bytes.
    pub sha256: String,
}

/// A bundle written by the studio.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BundleView {
    /// Where it was written, for display.
    pub path: String,
    /// The handle it was written with, to verify or deploy it (read as a bundle).
    pub handle: String,
    /// `sha256:` of the archive: the bundle's identity.
    pub sha256: String,
    /// The archive's size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// The design's instance name.
    pub instance: String,
    /// The design's version.
    pub version: String,
    /// The design's fingerprint.
    pub fingerprint: String,
    /// The signing key.
    pub key: KeyInfo,
    /// The manifest's files, sorted by path.
    pub files: Vec<BundleEntry>,
}

/// Which step the bundle build in flight is at (managed Tauri state).
#[derive(Default)]
pub struct ExportState(Mutex<Option<BuildStep>>);

impl ExportState {
    fn set(&self, step: Option<BuildStep>) {
        if let Ok(mut g) = self.0.lock() {
            *g = step;
        }
    }
}

/// The outcome of verifying a written bundle: verified, or the first failing file and its code.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VerifyView {
    /// True when the signature, the listing and every file's hash check out.
    pub verified: bool,
    /// `sha256:` of the bytes read.
    pub sha256: String,
    /// The key id of the public key used.
    pub key_id: String,
    /// The reason code of the failure (`GOV-B0…`).
    #[ts(type = "string | null")]
    pub code: Option<Reason>,
    /// The file inside the bundle that failed, when one did.
    pub file: Option<String>,
    /// What failed.
    pub message: Option<String>,
}

fn read_design(text: &str) -> Result<Gco, CommandError> {
    Ok(cogov_app::files::gco_from_text("design", text)?)
}

/// A stored earlier version of the design, for "Changes since".
fn stored(state: &StoreState, gco: &Gco, since: Option<&str>) -> Result<Option<Gco>, CommandError> {
    match since.filter(|s| !s.is_empty()) {
        Some(v) => Ok(Some(state.with(|s| s.show(&gco.identity.name, v))?.1)),
        None => Ok(None),
    }
}

/// The eight documents of the design in the editor, with "Changes since" a stored version.
#[tauri::command(async)]
pub fn export_documents(
    state: tauri::State<'_, StoreState>,
    text: String,
    since: Option<String>,
) -> Result<DocumentsView, CommandError> {
    let gco = read_design(&text)?;
    let old = stored(&state, &gco, since.as_deref())?;
    Ok(documents_view(&gco, old.as_ref()))
}

/// The eight documents of `gco` as the Export view shows them, with "Changes since" `old`.
pub fn documents_view(gco: &Gco, old: Option<&Gco>) -> DocumentsView {
    match docs::generate(gco, old) {
        Ok(d) => DocumentsView {
            documents: d
                .documents
                .into_iter()
                .map(|doc| DocumentView {
                    slug: doc.kind.slug().into(),
                    title: doc.kind.title().into(),
                    markdown: doc.markdown,
                    html: doc.html,
                })
                .collect(),
            since: d.since,
            blocked: None,
        },
        Err(e) => DocumentsView { documents: Vec::new(), since: None, blocked: Some(e.into()) },
    }
}

/// Describes the key pair of a secret key file the user chose or the studio created, and
/// mints the handles to use it by: the secret key itself and the public key beside it (a
/// fixed name in the same folder).
fn key_info(handles: &HandleTable, secret: &Path) -> Result<KeyInfo, CommandError> {
    let pub_path = keys::public_beside(secret);
    let pk = keys::public_key(&pub_path)?;
    let sk = handles.mint(secret.to_path_buf(), Kind::OpenFile, Purpose::SecretKey)?;
    let pk_ref = handles.mint(pub_path, Kind::OpenFile, Purpose::PublicKey)?;
    Ok(KeyInfo {
        key_id: keys::key_id(&pk),
        secret_key: sk.path,
        public_key: pk_ref.path,
        secret_handle: sk.handle,
        public_handle: pk_ref.handle,
    })
}

/// Creates a password-protected key pair under the folder `dir` (a handle chosen as a key
/// home; else the app's data directory), in a folder named by its key id so that keys never
/// overwrite each other. The password is used to encrypt the secret key and kept nowhere.
#[tauri::command(async)]
pub fn export_keygen(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
    password: String,
    dir: Option<String>,
) -> Result<KeyInfo, CommandError> {
    let default_home = || -> Result<PathBuf, CommandError> {
        Ok(app.path().app_data_dir().map_err(|e| CommandError::internal(e.to_string()))?.join("keys"))
    };
    export_keygen_with(&handles, &password, dir.as_deref(), default_home)
}

/// [`export_keygen`] over a handle table; `default_home` is asked only when no folder is given.
pub fn export_keygen_with(
    handles: &HandleTable,
    password: &str,
    dir: Option<&str>,
    default_home: impl FnOnce() -> Result<PathBuf, CommandError>,
) -> Result<KeyInfo, CommandError> {
    let base = match dir.filter(|d| !d.is_empty()) {
        Some(h) => handles.check(h, Use::KeyHome)?,
        None => default_home()?,
    };
    let key = keys::generate(password)?;
    // Only fixed names under the chosen folder: <key id>/cogov.key and <key id>/cogov.pub.
    let written = keys::write_key(&base.join(&key.id), &key)?;
    key_info(handles, &written.secret_key)
}

/// Describes a secret key file chosen in the key dialog: its id and the public key beside it.
#[tauri::command(async)]
pub fn export_key_info(handles: tauri::State<'_, HandleTable>, secret_key: String) -> Result<KeyInfo, CommandError> {
    export_key_info_with(&handles, &secret_key)
}

/// [`export_key_info`] over a handle table.
pub fn export_key_info_with(handles: &HandleTable, secret_key: &str) -> Result<KeyInfo, CommandError> {
    let path = handles.check(secret_key, Use::ReadSecretKey)?;
    key_info(handles, &path)
}

/// Builds the signed bundle of the design in the editor and writes it to `out`: compile →
/// documents → sign → write, the step in flight readable with `export_progress`. Blocking
/// findings refuse it (`GOV-P001`); nothing is written unless every step succeeded. A design
/// that is a stored version (same name, version and fingerprint) is bundled as that version,
/// byte for byte as `cogov bundle NAME@VERSION` bundles it, and kept in the store; `since`
/// applies to a design not stored.
/// `secret_key` is a handle read as a secret key, `out` one chosen in the bundle's save dialog.
#[tauri::command(async)]
#[allow(clippy::too_many_arguments)] // the command's arguments are the IPC's named fields
pub fn export_bundle(
    state: tauri::State<'_, StoreState>,
    progress: tauri::State<'_, ExportState>,
    handles: tauri::State<'_, HandleTable>,
    text: String,
    since: Option<String>,
    secret_key: String,
    password: String,
    out: String,
) -> Result<BundleView, CommandError> {
    let files = BundleFiles { secret_key: &secret_key, out: &out };
    let result = build_bundle(&state, &progress, &handles, &text, since.as_deref(), files, &password);
    progress.set(None);
    result
}

/// The handles a bundle build reads and writes.
#[derive(Debug, Clone, Copy)]
pub struct BundleFiles<'a> {
    /// The secret key to sign with (read as a secret key).
    pub secret_key: &'a str,
    /// Where to write the bundle (a bundle's save handle).
    pub out: &'a str,
}

/// [`export_bundle`] over the states: the handles are checked before anything else happens.
pub fn build_bundle(
    state: &StoreState,
    progress: &ExportState,
    handles: &HandleTable,
    text: &str,
    since: Option<&str>,
    io: BundleFiles<'_>,
    password: &str,
) -> Result<BundleView, CommandError> {
    let sk_path = handles.check(io.secret_key, Use::ReadSecretKey)?;
    let out_path = handles.check(io.out, Use::WriteBundle)?;
    let out = out_path.display().to_string();
    let gco = read_design(text)?;
    let key = key_info(handles, &sk_path)?;
    let author = cogov_app::store::author(None);
    let secret = || keys::secret_key(&sk_path, || Ok(Some(password.to_owned())));
    let step = |s: BuildStep| progress.set(Some(s));
    let done = state.with_app(|store| {
        let source = Source::of_design(store, gco, since)?;
        bundle::bundle("design", &source, secret, &out_path, Some(store), &author, &step)
    })?;
    let built = done.built;
    let m = built.manifest;
    Ok(BundleView {
        path: out,
        handle: io.out.to_owned(),
        sha256: built.sha256,
        size: built.bytes.len() as u64,
        instance: m.instance,
        version: m.version,
        fingerprint: m.fingerprint,
        key,
        files: m.files.into_iter().map(|f| BundleEntry { path: f.path, size: f.size, sha256: f.sha256 }).collect(),
    })
}

/// The step the bundle build in flight is at, or null.
#[tauri::command]
pub fn export_progress(progress: tauri::State<'_, ExportState>) -> Option<BuildStep> {
    progress.0.lock().ok().and_then(|g| *g)
}

/// Re-reads a written bundle and verifies it with a public key: verified, or the first
/// failing file and its code (a failed check is an answer, not an error).
/// `bundle` is a handle read as a bundle, `public_key` one read as a public key.
#[tauri::command(async)]
pub fn export_verify(
    handles: tauri::State<'_, HandleTable>,
    bundle: String,
    public_key: String,
) -> Result<VerifyView, CommandError> {
    export_verify_with(&handles, &bundle, &public_key)
}

/// [`export_verify`] over a handle table.
pub fn export_verify_with(handles: &HandleTable, bundle: &str, public_key: &str) -> Result<VerifyView, CommandError> {
    let bundle_path = handles.check(bundle, Use::ReadBundle)?;
    let pk_path = handles.check(public_key, Use::ReadPublicKey)?;
    let pk = keys::public_key(&pk_path)?;
    let key_id = keys::key_id(&pk);
    let (sha256, outcome) = bundle::check(&bundle_path, &pk)?;
    Ok(match outcome {
        Ok(_) => VerifyView { verified: true, sha256, key_id, code: None, file: None, message: None },
        Err(e) => {
            let file = match e.location {
                cogov_app::Location::Pointer(p) => Some(p),
                _ => None,
            };
            VerifyView { verified: false, sha256, key_id, code: Some(e.code.into()), file, message: Some(e.message) }
        }
    })
}
