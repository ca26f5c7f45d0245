//! The Export view's commands: the eight documents for preview, signing keys, building a
//! signed bundle with progress, and verifying a written bundle. Thin: the engine generates,
//! builds and verifies; this module reads and writes the files (docs/bundles.md).

use crate::error::CommandError;
use crate::handles::{HandleTable, Kind, Purpose, Use};
use crate::store::StoreState;
use cogov_engine::bundle::{self, BundleError, Limits, Producers, sign};
use cogov_engine::{compile, docs, intake};
use cogov_model::{ErrorCode, Gco};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::Manager;
use ts_rs::TS;

/// The secret key's file name (as `cogov keygen` writes it).
const SECRET_KEY: &str = "cogov.key";
/// The public key's file name, beside the secret key.
const PUBLIC_KEY: &str = "cogov.pub";

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

/// A bundle build's step, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum BuildStep {
    /// The compiler's gate and artifacts.
    Compile,
    /// The documents, telemetry contract and risk scores.
    Documents,
    /// The manifest signed with the secret key.
    Sign,
    /// The archive written atomically.
    Write,
    /// Finished.
    Done,
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
    pub code: Option<String>,
    /// The file inside the bundle that failed, when one did.
    pub file: Option<String>,
    /// What failed.
    pub message: Option<String>,
}

fn read_design(text: &str) -> Result<Gco, CommandError> {
    let (_, doc) = intake::load("design.json", text.as_bytes()).map_err(|e| CommandError::intake("design", &e))?;
    doc.into_gco().map_err(|e| CommandError::intake("design", &e))
}

/// A bundle or key error about `file`, naming the entry when there is one.
fn bundle_error(file: &str, e: BundleError) -> CommandError {
    let place = e.entry.map(|p| format!("#{p}")).unwrap_or_default();
    CommandError { code: e.code.as_str().into(), message: format!("{file}{place}: {}", e.message) }
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
    Ok(match docs::generate(&gco, old.as_ref()) {
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
    })
}

/// Reads a key file's text, bounded.
fn read_key(path: &Path) -> Result<String, CommandError> {
    let name = path.display().to_string();
    let mut buf = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(64 * 1024).read_to_end(&mut buf)).map_err(|e| CommandError {
        code: ErrorCode::KeyUnreadable.as_str().into(),
        message: format!("{name}: {e}"),
    })?;
    String::from_utf8(buf)
        .map_err(|_| bundle_error(&name, BundleError::whole(ErrorCode::KeyUnreadable, "not a text key file")))
}

/// The public key file beside a secret key (`cogov.key` → `cogov.pub`).
fn public_beside(secret: &Path) -> PathBuf {
    if secret.file_name().is_some_and(|n| n == SECRET_KEY) {
        secret.with_file_name(PUBLIC_KEY)
    } else {
        secret.with_extension("pub")
    }
}

fn public_key(path: &Path) -> Result<minisign::PublicKey, CommandError> {
    let text = read_key(path)?;
    sign::public_key(&text).map_err(|e| bundle_error(&path.display().to_string(), e))
}

/// Describes the key pair of a secret key file the user chose or the studio created, and
/// mints the handles to use it by: the secret key itself and the public key beside it (a
/// fixed name in the same folder).
fn key_info(handles: &HandleTable, secret: &Path) -> Result<KeyInfo, CommandError> {
    let pub_path = public_beside(secret);
    let pk = public_key(&pub_path)?;
    let sk = handles.mint(secret.to_path_buf(), Kind::OpenFile, Purpose::SecretKey)?;
    let pk_ref = handles.mint(pub_path, Kind::OpenFile, Purpose::PublicKey)?;
    Ok(KeyInfo {
        key_id: sign::key_id(&pk),
        secret_key: sk.path,
        public_key: pk_ref.path,
        secret_handle: sk.handle,
        public_handle: pk_ref.handle,
    })
}

/// Creates `path` (refusing an existing file) with `mode`, writes and syncs it.
fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<(), CommandError> {
    let name = path.display().to_string();
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut f = opts.open(path).map_err(|e| CommandError::io(&name, &e))?;
    f.write_all(bytes).and_then(|()| f.sync_all()).map_err(|e| CommandError::io(&name, &e))
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
    if password.is_empty() {
        return Err(bundle_error("(new key)", BundleError::whole(ErrorCode::KeyPassword, "the password is empty")));
    }
    let kp = minisign::KeyPair::generate_encrypted_keypair(Some(password.to_owned()))
        .map_err(|e| bundle_error("(new key)", BundleError::whole(ErrorCode::KeyUnreadable, e.to_string())))?;
    let id = sign::key_id(&kp.pk);
    // Only fixed names under the chosen folder: <key id>/cogov.key and <key id>/cogov.pub.
    let dir = base.join(&id);
    let (sk_path, pk_path) = (dir.join(SECRET_KEY), dir.join(PUBLIC_KEY));
    let encode_failed =
        || bundle_error("(new key)", BundleError::whole(ErrorCode::KeyUnreadable, "the new key could not be encoded"));
    let sk_text = kp.sk.to_box(Some("cogov secret key")).map_err(|_| encode_failed())?.to_string();
    let pk_text = kp.pk.to_box().map_err(|_| encode_failed())?.to_string();
    std::fs::create_dir_all(&dir).map_err(|e| CommandError::io(&dir.display().to_string(), &e))?;
    for p in [&sk_path, &pk_path] {
        if p.exists() {
            let e = BundleError::whole(ErrorCode::KeyExists, "remove it or choose another directory");
            return Err(bundle_error(&p.display().to_string(), e));
        }
    }
    write_new(&sk_path, sk_text.as_bytes(), 0o600)?;
    write_new(&pk_path, pk_text.as_bytes(), 0o644)?;
    key_info(handles, &sk_path)
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

/// The versions of the crates that produce a bundle's files.
fn producers() -> Producers {
    Producers {
        engine: cogov_engine::VERSION.into(),
        model: cogov_model::VERSION.into(),
        sim: cogov_sim::VERSION.into(),
    }
}

/// Builds the signed bundle of the design in the editor and writes it to `out`: compile →
/// documents → sign → write, the step in flight readable with `export_progress`. Blocking
/// findings refuse it (`GOV-P001`); nothing is written unless every step succeeded.
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
    let secret_key = sk_path.display().to_string();
    let gco = read_design(text)?;
    let old = stored(state, &gco, since)?;
    let key = key_info(handles, &sk_path)?;
    progress.set(Some(BuildStep::Compile));
    // The gate first, on its own, so a blocked design stops at the step that refuses it.
    compile::compile(&gco).map_err(|e| CommandError { code: e.code.as_str().into(), message: e.message })?;
    progress.set(Some(BuildStep::Documents));
    let files = bundle::design_files(&gco, old.as_ref(), None)
        .map_err(|e| CommandError { code: e.code.as_str().into(), message: e.message })?;
    progress.set(Some(BuildStep::Sign));
    let sk_text = read_key(&sk_path)?;
    let sk = sign::secret_key(&sk_text, Some(password)).map_err(|e| bundle_error(&secret_key, e))?;
    let facts = bundle::facts(&gco, None, producers());
    let built = bundle::build(files, &facts, &sk).map_err(|e| bundle_error("bundle", e))?;
    progress.set(Some(BuildStep::Write));
    crate::atomic::write(&out_path, &built.bytes).map_err(|e| CommandError::io(&out, &e))?;
    progress.set(Some(BuildStep::Done));
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

/// Reads a bundle file, no larger than the reader's total limit allows compressed.
pub(crate) fn read_bundle(path: &Path) -> Result<Vec<u8>, CommandError> {
    let path = &path.display().to_string();
    let limit = Limits::default().max_total_bytes + 1;
    let mut buf = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit).read_to_end(&mut buf))
        .map_err(|e| CommandError::io(path, &e))?;
    if buf.len() as u64 >= limit {
        return Err(CommandError {
            code: ErrorCode::TooLarge.as_str().into(),
            message: format!("{path}: over 256 MiB"),
        });
    }
    Ok(buf)
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
    let pk = self::public_key(&pk_path)?;
    let bytes = read_bundle(&bundle_path)?;
    let key_id = sign::key_id(&pk);
    let sha256 = cogov_engine::pipeline::sha256(&bytes);
    Ok(match bundle::verify(&bytes, &pk) {
        Ok(_) => VerifyView { verified: true, sha256, key_id, code: None, file: None, message: None },
        Err(e) => VerifyView {
            verified: false,
            sha256,
            key_id,
            code: Some(e.code.as_str().into()),
            file: e.entry,
            message: Some(e.message),
        },
    })
}
