//! Import from and export to the systems governance runs on (Snapshot, OpenZeppelin Governor,
//! Safe and Zodiac Roles, Aragon OSx, DAOIP-2): the Home view's Import and the Export view's
//! "Export to…" list. Thin: `cogov_engine::interop` reads and writes; this module reads the
//! chosen file, writes the chosen folder, and shapes results for the page.

use crate::error::CommandError;
use crate::handles::{HandleTable, Use};
use cogov_engine::interop::{self, Answers, ExportOptions, Gap, Kind};
use cogov_engine::validate;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The largest file text shown in an export preview; longer files are cut with a note.
const PREVIEW_CHARS: usize = 64 * 1024;

/// A system the studio imports from or exports to.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InteropKind {
    /// Its name on the command line (`snapshot`, `governor`, …).
    pub kind: String,
    /// The label people read.
    pub label: String,
    /// Whether designs can be imported from it.
    pub imports: bool,
    /// Whether designs can be exported to it.
    pub exports: bool,
}

/// One part of the design a target cannot hold exactly, or a source did not state.
#[derive(Debug, Clone, Serialize, TS)]
pub struct GapView {
    /// The stable `GOV-Y…` code.
    pub code: String,
    /// The code's title.
    pub title: String,
    /// What the designer can do.
    pub hint: String,
    /// Where in the design (a JSON pointer).
    pub pointer: String,
    /// What exactly, with the values.
    pub detail: String,
}

impl From<&Gap> for GapView {
    fn from(g: &Gap) -> Self {
        GapView {
            code: g.code.as_str().into(),
            title: g.code.title().into(),
            hint: g.code.hint().into(),
            pointer: g.pointer.clone(),
            detail: g.detail.clone(),
        }
    }
}

/// A value an import needs that its source does not state.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuestionView {
    /// The key an answer gives.
    pub key: String,
    /// What to ask.
    pub prompt: String,
    /// The value used without an answer, as JSON text.
    pub default: Option<String>,
    /// The answer given, as JSON text.
    pub answer: Option<String>,
}

/// An import's result: the design as editor text, what was asked and assumed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportView {
    /// The system it came from.
    pub kind: String,
    /// The chosen file's name, for display.
    pub source: String,
    /// The design as indented JSON, ready for the editor.
    pub text: String,
    /// The design's name.
    pub name: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// Its compliance score (0–100).
    pub compliance_score: u32,
    /// How many blocking findings it has.
    pub blocking: u32,
    /// Every question this source raises, with the answers given.
    pub questions: Vec<QuestionView>,
    /// What was assumed, and what the source holds that a design cannot.
    pub gaps: Vec<GapView>,
}

/// One file of an export, for the preview.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PreviewFile {
    /// Its path inside the output folder.
    pub path: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// Its text (cut at 64 KiB), or `None` for a file that is not text.
    pub text: Option<String>,
}

/// What an export would write, before it is written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportPreview {
    /// The target system.
    pub kind: String,
    /// Its label.
    pub label: String,
    /// Whether the target holds the design exactly.
    pub exact: bool,
    /// What the target cannot hold exactly (writing needs them accepted).
    pub gaps: Vec<GapView>,
    /// The files, with `exactness.json`, in path order.
    pub files: Vec<PreviewFile>,
}

/// An export written to a folder.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportWritten {
    /// The folder, for display.
    pub folder: String,
    /// The files written, relative to it.
    pub files: Vec<String>,
    /// How many gaps were accepted.
    pub accepted_gaps: u32,
}

/// Every system, in the order the studio lists them.
#[tauri::command]
pub fn interop_kinds() -> Vec<InteropKind> {
    Kind::ALL
        .iter()
        .map(|k| InteropKind {
            kind: k.as_str().into(),
            label: k.label().into(),
            imports: k.imports(),
            exports: k.exports(),
        })
        .collect()
}

/// Imports the chosen file of `kind` with the answers given so far (key → JSON text or a bare
/// string).
#[tauri::command]
pub fn interop_import(
    handles: tauri::State<'_, HandleTable>,
    kind: String,
    file: String,
    answers: BTreeMap<String, String>,
) -> Result<ImportView, CommandError> {
    interop_import_with(&handles, &kind, &file, &answers)
}

/// [`interop_import`] over a handle table.
pub fn interop_import_with(
    handles: &HandleTable,
    kind: &str,
    file: &str,
    answers: &BTreeMap<String, String>,
) -> Result<ImportView, CommandError> {
    let k = Kind::parse(kind).map_err(|e| CommandError::intake("kind", &e))?;
    let path = handles.check(file, Use::ReadInterop)?;
    let name = path.display().to_string();
    let parsed: Answers = answers.iter().map(|(k, v)| (k.clone(), cogov_app::interop::answer_value(v))).collect();
    let imported = cogov_app::interop::import(k, &name, &parsed)?;
    let report = validate::report_gco(&imported.gco);
    let text = serde_json::to_string_pretty(&cogov_model::sort_keys(imported.gco.to_value()))
        .map_err(|e| CommandError::internal(e.to_string()))?;
    Ok(ImportView {
        kind: k.as_str().into(),
        source: path.file_name().map_or(name.clone(), |n| n.to_string_lossy().into_owned()),
        text: format!("{text}\n"),
        name: imported.gco.identity.name.clone(),
        fingerprint: report.fingerprint.clone(),
        compliance_score: report.compliance_score,
        blocking: report.findings.iter().filter(|f| f.is_blocking()).count() as u32,
        questions: imported
            .questions
            .iter()
            .map(|q| QuestionView {
                key: q.key.clone(),
                prompt: q.prompt.clone(),
                default: q.default.as_ref().map(shown_value),
                answer: answers.get(&q.key).cloned(),
            })
            .collect(),
        gaps: imported.gaps.iter().map(GapView::from).collect(),
    })
}

/// What exporting the design in the editor to `kind` would write, gaps included.
#[tauri::command]
pub fn interop_export_preview(kind: String, text: String) -> Result<ExportPreview, CommandError> {
    let k = Kind::parse(&kind).map_err(|e| CommandError::intake("kind", &e))?;
    let gco = crate::insight::read(&text)?;
    // The preview shows the files even when there are gaps: writing them is what needs consent.
    let out = interop::export(k, &gco, ExportOptions { accept_inexact: true })
        .map_err(|e| CommandError::intake("the design", &e))?;
    Ok(ExportPreview {
        kind: k.as_str().into(),
        label: k.label().into(),
        exact: out.gaps.is_empty(),
        gaps: out.gaps.iter().map(GapView::from).collect(),
        files: out
            .files
            .iter()
            .map(|f| PreviewFile {
                path: f.path.clone(),
                size: f.bytes.len() as u64,
                text: std::str::from_utf8(&f.bytes).ok().map(|t| cut(t, PREVIEW_CHARS)),
            })
            .collect(),
    })
}

/// Writes the export of the design in the editor into the chosen folder. Refused with
/// `GOV-X102` when the target cannot hold the design exactly and `accept_inexact` is false.
#[tauri::command]
pub fn interop_export_write(
    handles: tauri::State<'_, HandleTable>,
    kind: String,
    text: String,
    folder: String,
    accept_inexact: bool,
) -> Result<ExportWritten, CommandError> {
    interop_export_write_with(&handles, &kind, &text, &folder, accept_inexact)
}

/// [`interop_export_write`] over a handle table.
pub fn interop_export_write_with(
    handles: &HandleTable,
    kind: &str,
    text: &str,
    folder: &str,
    accept_inexact: bool,
) -> Result<ExportWritten, CommandError> {
    let k = Kind::parse(kind).map_err(|e| CommandError::intake("kind", &e))?;
    let dir = handles.check(folder, Use::InteropExport)?;
    let gco = crate::insight::read(text)?;
    let shown = dir.display().to_string();
    let out = cogov_app::interop::export(k, "the design", &gco, &dir, accept_inexact)?;
    Ok(ExportWritten {
        folder: shown,
        files: out.files.iter().map(|f| f.path.clone()).collect(),
        accepted_gaps: out.gaps.len() as u32,
    })
}

/// A default as people write it: `1000000`, not `1000000.0`.
fn shown_value(v: &serde_json::Value) -> String {
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", f as i64),
        _ => v.to_string(),
    }
}

/// The first `max` characters of `text`, with a note when cut.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((i, _)) => format!("{}\n… ({} more bytes not shown)", &text[..i], text.len() - i),
    }
}
