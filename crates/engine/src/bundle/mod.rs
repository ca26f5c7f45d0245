//! Signed deterministic bundles (docs/bundles.md): bytes in, bytes out.
//!
//! A bundle is a `.tar.gz` of files, a `manifest.json` listing each with its SHA-256 and
//! size, and `manifest.json.minisig`, the manifest's minisign signature. [`build`] makes one
//! from a list of files and the manifest's facts; [`verify`] reads one (hardened, see
//! [`archive::read`]), checks the signature, then that the manifest lists exactly the files
//! present, then every file's hash, and names the first file that fails.

pub mod archive;
pub mod manifest;
pub mod sign;

pub use archive::Limits;
pub use manifest::{MANIFEST_FORMAT, Manifest, ManifestFile, Producers, manifest_schema};

use cogov_model::ErrorCode;
use cogov_model::fingerprint_bytes as sha256;
use std::collections::BTreeSet;

/// The manifest's path in a bundle.
pub const MANIFEST: &str = "manifest.json";
/// The signature's path in a bundle.
pub const SIGNATURE: &str = "manifest.json.minisig";

/// One file of a bundle: its relative path and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    /// The path inside the bundle, `/`-separated, e.g. `compiled/policies.cedar`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl BundleFile {
    /// A file of a bundle.
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        BundleFile { path: path.into(), bytes: bytes.into() }
    }
}

/// What the manifest says besides the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The design's instance name.
    pub instance: String,
    /// The design's version.
    pub version: String,
    /// The design's fingerprint.
    pub fingerprint: String,
    /// The build record, when known.
    pub build_id: Option<i64>,
    /// The producing crates' versions.
    pub producers: Producers,
}

/// A bundle that could not be built, read or verified: a stable code, the entry it concerns
/// (when one does) and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {}{message}", self.entry.as_deref().map(|e| format!("{e}: ")).unwrap_or_default())]
pub struct BundleError {
    /// The stable reason code (`GOV-B…`).
    pub code: ErrorCode,
    /// The bundle entry concerned, e.g. `compiled/policies.cedar`.
    pub entry: Option<String>,
    /// What went wrong.
    pub message: String,
}

impl BundleError {
    /// An error about one entry.
    pub fn at(code: ErrorCode, entry: &str, message: impl Into<String>) -> Self {
        BundleError { code, entry: Some(entry.to_owned()), message: message.into() }
    }

    /// An error about the bundle (or key) as a whole.
    pub fn whole(code: ErrorCode, message: impl Into<String>) -> Self {
        BundleError { code, entry: None, message: message.into() }
    }
}

/// A built bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The `.tar.gz` bytes.
    pub bytes: Vec<u8>,
    /// Its manifest.
    pub manifest: Manifest,
    /// `sha256:` of the archive's bytes: the bundle's identity.
    pub sha256: String,
}

/// A bundle whose signature and hashes verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The manifest.
    pub manifest: Manifest,
    /// The manifest's bytes as signed.
    pub manifest_bytes: Vec<u8>,
    /// The signature's text.
    pub signature: String,
    /// The files the manifest lists, sorted by path.
    pub files: Vec<BundleFile>,
    /// `sha256:` of the archive's bytes.
    pub sha256: String,
}

/// The files a design's bundle holds: `gco.json` (canonical JSON), `compiled/…` (every file of
/// [`crate::compile::Compiled::files`], Cedar included), `documents/…` (the eight documents and
/// the network graph, with "changes since" `ratified` when given), `telemetry/…` (the contract
/// as `contract.json` and `contract.md`, one schema per event type under `events/`),
/// `risk.json` (the six scores, drift measured from `ratified` when given) and
/// `simulation.json` when a summary is given.
/// A design with blocking findings is refused (`GOV-P001`), as compile refuses it.
pub fn design_files(
    gco: &cogov_model::Gco,
    ratified: Option<&cogov_model::Gco>,
    simulation: Option<&serde_json::Value>,
) -> Result<Vec<BundleFile>, crate::compile::CompileError> {
    let compiled = crate::compile::compile(gco)?;
    let mut files = vec![BundleFile::new("gco.json", format!("{}\n", gco.canonical_json()))];
    files.extend(compiled.files().into_iter().map(|f| BundleFile::new(format!("compiled/{}", f.name), f.bytes)));
    let documents = crate::docs::generate_compiled(gco, &compiled, ratified);
    files.extend(documents.files().into_iter().map(|(p, b)| BundleFile::new(format!("documents/{p}"), b)));
    files.extend(crate::telemetry::Contract::of(gco).files().into_iter().map(|(p, b)| {
        let p = p.strip_prefix("telemetry-").unwrap_or(&p).to_owned();
        BundleFile::new(format!("telemetry/{p}"), b)
    }));
    let pretty = |v: serde_json::Value| {
        let mut b = serde_json::to_vec_pretty(&cogov_model::sort_keys(v)).unwrap_or_default();
        b.push(b'\n');
        b
    };
    let scores = serde_json::to_value(crate::risk::score(gco, ratified)).unwrap_or_default();
    files.push(BundleFile::new("risk.json", pretty(scores)));
    if let Some(sim) = simulation {
        files.push(BundleFile::new("simulation.json", pretty(sim.clone())));
    }
    Ok(files)
}

/// The facts of a design's manifest, with this build's crate versions.
pub fn facts(gco: &cogov_model::Gco, build_id: Option<i64>, producers: Producers) -> Facts {
    Facts {
        instance: gco.identity.name.clone(),
        version: gco.identity.version.to_string(),
        fingerprint: gco.fingerprint(),
        build_id,
        producers,
    }
}

/// The manifest of `files` with `facts`: each file's hash and size, sorted by path.
pub fn manifest(files: &[BundleFile], facts: &Facts) -> Manifest {
    let mut listed: Vec<ManifestFile> = files
        .iter()
        .map(|f| ManifestFile { path: f.path.clone(), sha256: sha256(&f.bytes), size: f.bytes.len() as u64 })
        .collect();
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    Manifest {
        format: MANIFEST_FORMAT.into(),
        instance: facts.instance.clone(),
        version: facts.version.clone(),
        fingerprint: facts.fingerprint.clone(),
        build_id: facts.build_id,
        producers: facts.producers.clone(),
        files: listed,
    }
}

/// The trusted comment a bundle's signature carries: what the manifest is of.
pub fn trusted_comment(m: &Manifest) -> String {
    format!("cogov bundle {}@{} {}", m.instance, m.version, m.fingerprint)
}

/// Builds a signed bundle from `files` (paths relative, unique, not the manifest's own).
/// The same files, facts and key give the same bytes.
pub fn build(files: Vec<BundleFile>, facts: &Facts, key: &minisign::SecretKey) -> Result<Built, BundleError> {
    let mut seen = BTreeSet::new();
    for f in &files {
        let path = archive::check_path(f.path.as_bytes())
            .map_err(|e| BundleError::at(ErrorCode::BundleFileName, &f.path, e.message))?;
        if path == MANIFEST || path == SIGNATURE {
            return Err(BundleError::at(ErrorCode::BundleFileName, &path, "a reserved path"));
        }
        if !seen.insert(path.clone()) {
            return Err(BundleError::at(ErrorCode::BundleFileName, &path, "given twice"));
        }
    }
    // A path that is another's directory cannot be extracted: `a` and `a/b`.
    for path in &seen {
        let mut parts: Vec<&str> = path.split('/').collect();
        while parts.len() > 1 {
            parts.pop();
            let dir = parts.join("/");
            if seen.contains(&dir) {
                return Err(BundleError::at(
                    ErrorCode::BundleFileName,
                    path,
                    format!("{dir} is a file, not a directory"),
                ));
            }
        }
    }
    let manifest = manifest(&files, facts);
    let manifest_bytes = manifest.to_bytes();
    let signature = sign::sign(&manifest_bytes, key, &trusted_comment(&manifest))?;
    let mut entries = files;
    entries.push(BundleFile::new(MANIFEST, manifest_bytes));
    entries.push(BundleFile::new(SIGNATURE, signature.into_bytes()));
    let bytes = archive::write(&entries)?;
    Ok(Built { sha256: sha256(&bytes), bytes, manifest })
}

/// Reads and verifies a bundle with the default [`Limits`].
pub fn verify(bytes: &[u8], public: &minisign::PublicKey) -> Result<Verified, BundleError> {
    verify_with(bytes, public, &Limits::default())
}

/// Reads a bundle within `limits`, checks the manifest's signature, that the manifest lists
/// exactly the files present, and each file's hash and size, in path order.
pub fn verify_with(bytes: &[u8], public: &minisign::PublicKey, limits: &Limits) -> Result<Verified, BundleError> {
    let mut entries = archive::read(bytes, limits)?;
    let take = |entries: &mut Vec<BundleFile>, path: &str| {
        entries.iter().position(|f| f.path == path).map(|i| entries.remove(i).bytes)
    };
    let manifest_bytes = take(&mut entries, MANIFEST)
        .ok_or_else(|| BundleError::at(ErrorCode::BundleManifestInvalid, MANIFEST, "the bundle has no manifest"))?;
    let signature = take(&mut entries, SIGNATURE)
        .ok_or_else(|| BundleError::at(ErrorCode::BundleSignatureMissing, SIGNATURE, "the bundle has no signature"))?;
    let signature = String::from_utf8(signature)
        .map_err(|_| BundleError::at(ErrorCode::BundleSignatureInvalid, SIGNATURE, "the signature is not text"))?;
    sign::verify(&manifest_bytes, &signature, public).map_err(|e| {
        // A signature that cannot be read is the signature file's fault; one that reads but
        // does not match may be either's (or the key's): the message names both.
        let at = if minisign::SignatureBox::from_string(&signature).is_err() { SIGNATURE } else { MANIFEST };
        BundleError::at(
            e.code,
            at,
            format!("{SIGNATURE} does not verify {MANIFEST} with key {}: {}", sign::key_id(public), e.message),
        )
    })?;
    let manifest = Manifest::from_bytes(&manifest_bytes)?;
    sign::check_text(&signature, &trusted_comment(&manifest))
        .map_err(|e| BundleError::at(e.code, SIGNATURE, e.message))?;
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let present: BTreeSet<&str> = entries.iter().map(|f| f.path.as_str()).collect();
    let listed: BTreeSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    if listed.len() != manifest.files.len() {
        return Err(BundleError::at(ErrorCode::BundleManifestMismatch, MANIFEST, "the manifest lists a path twice"));
    }
    if let Some(extra) = present.difference(&listed).next() {
        return Err(BundleError::at(ErrorCode::BundleManifestMismatch, extra, "in the bundle but not in the manifest"));
    }
    if let Some(missing) = listed.difference(&present).next() {
        return Err(BundleError::at(
            ErrorCode::BundleManifestMismatch,
            missing,
            "in the manifest but not in the bundle",
        ));
    }
    let mut listed_files = manifest.files.clone();
    listed_files.sort_by(|a, b| a.path.cmp(&b.path));
    for (file, want) in entries.iter().zip(&listed_files) {
        let got = sha256(&file.bytes);
        if got != want.sha256 || file.bytes.len() as u64 != want.size {
            return Err(BundleError::at(
                ErrorCode::BundleHashMismatch,
                &file.path,
                format!("{} bytes, {got}; the manifest lists {} bytes, {}", file.bytes.len(), want.size, want.sha256),
            ));
        }
    }
    // Only the exact archive the builder writes is accepted (docs/bundles.md: any byte
    // changed is refused): rebuilt from what was read, it must give the same bytes. That rules
    // out trailing data, a second gzip member, other tar headers, modes or order, and so a
    // re-packed copy deploying as a new release.
    let mut canonical = entries.clone();
    canonical.push(BundleFile::new(MANIFEST, manifest_bytes.clone()));
    canonical.push(BundleFile::new(SIGNATURE, signature.clone().into_bytes()));
    if archive::write(&canonical)? != bytes {
        return Err(BundleError::whole(
            ErrorCode::BundleNotCanonical,
            "the files and signature verify, but the archive around them is not the one `cogov bundle` writes \
             (re-packed, trailing data, a second gzip member, or other headers): rebuild it with `cogov bundle`",
        ));
    }
    Ok(Verified { manifest, manifest_bytes, signature, files: entries, sha256: sha256(bytes) })
}
