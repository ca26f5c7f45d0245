//! The TypeScript declarations of every type the IPC carries, generated with ts-rs into
//! `ui/src/lib/bindings/ipc.ts` (a test fails when that file is stale).

use ts_rs::{Config, TS};

/// The generated `ipc.ts`.
pub fn typescript() -> String {
    let cfg = Config::new();
    let decls = [
        cogov_model::Severity::decl(&cfg),
        cogov_model::Finding::decl(&cfg),
        cogov_engine::validate::Report::decl(&cfg),
        cogov_engine::topology::Node::decl(&cfg),
        cogov_engine::topology::Edge::decl(&cfg),
        cogov_engine::topology::Graph::decl(&cfg),
        cogov_engine::topology::Members::decl(&cfg),
        cogov_model::Action::decl(&cfg),
        cogov_model::Threshold::decl(&cfg),
        cogov_engine::compile::Source::decl(&cfg),
        cogov_engine::compile::matrix::ResourceNode::decl(&cfg),
        cogov_engine::compile::matrix::Grant::decl(&cfg),
        cogov_engine::compile::matrix::PermissionMatrix::decl(&cfg),
        cogov_engine::compile::tables::SignerRule::decl(&cfg),
        cogov_engine::compile::tables::ClockRule::decl(&cfg),
        cogov_engine::compile::tables::Thresholds::decl(&cfg),
        cogov_engine::compile::tables::Tier::decl(&cfg),
        cogov_engine::compile::tables::Rung::decl(&cfg),
        cogov_engine::compile::lineage::LineageKind::decl(&cfg),
        cogov_engine::compile::lineage::LineageNode::decl(&cfg),
        cogov_engine::compile::lineage::LineageEdge::decl(&cfg),
        cogov_engine::compile::lineage::Lineage::decl(&cfg),
        cogov_engine::risk::ScoreName::decl(&cfg),
        cogov_engine::risk::Level::decl(&cfg),
        cogov_engine::risk::Score::decl(&cfg),
        cogov_engine::risk::Scores::decl(&cfg),
        cogov_model::WeightSnapshot::decl(&cfg),
        cogov_model::Acquirable::decl(&cfg),
        cogov_engine::risk::capture::WeightModel::decl(&cfg),
        cogov_engine::risk::capture::PowerCapture::decl(&cfg),
        cogov_engine::risk::capture::CaptureReport::decl(&cfg),
        crate::capture::AttackPath::decl(&cfg),
        crate::capture::CaptureView::decl(&cfg),
        crate::interop::InteropKind::decl(&cfg),
        crate::interop::GapView::decl(&cfg),
        crate::interop::QuestionView::decl(&cfg),
        crate::interop::ImportView::decl(&cfg),
        crate::interop::PreviewFile::decl(&cfg),
        crate::interop::ExportPreview::decl(&cfg),
        crate::interop::ExportWritten::decl(&cfg),
        crate::recovery::Recovery::decl(&cfg),
        cogov_app::records::versions::VersionScores::decl(&cfg),
        crate::insight::Blocked::decl(&cfg),
        crate::insight::CompiledView::decl(&cfg),
        crate::insight::RiskView::decl(&cfg),
        crate::commands::Validation::decl(&cfg),
        crate::examples::ExampleInfo::decl(&cfg),
        cogov_app::history::StoreInfo::decl(&cfg),
        cogov_app::history::CommitPlan::decl(&cfg),
        cogov_app::history::VersionDiff::decl(&cfg),
        cogov_engine::diff::Diff::decl(&cfg),
        cogov_engine::diff::Change::decl(&cfg),
        cogov_engine::diff::ChangeKind::decl(&cfg),
        cogov_engine::diff::Bump::decl(&cfg),
        cogov_app::records::versions::VersionKind::decl(&cfg),
        cogov_app::records::versions::VersionRecord::decl(&cfg),
        cogov_app::records::versions::InstanceSummary::decl(&cfg),
        cogov_app::records::versions::CommitOutcome::decl(&cfg),
        cogov_app::records::builds::BuildOutcome::decl(&cfg),
        cogov_app::records::builds::BuildRecord::decl(&cfg),
        cogov_app::records::builds::BuildStatus::decl(&cfg),
        cogov_app::records::builds::StageRecord::decl(&cfg),
        cogov_engine::pipeline::Artifact::decl(&cfg),
        cogov_app::history::ProposalView::decl(&cfg),
        cogov_app::records::proposals::Proposal::decl(&cfg),
        cogov_app::records::proposals::ProposalState::decl(&cfg),
        cogov_engine::amend::Verdict::decl(&cfg),
        cogov_engine::amend::TouchedClause::decl(&cfg),
        cogov_engine::amend::Choice::decl(&cfg),
        cogov_app::records::cases::Case::decl(&cfg),
        cogov_app::records::cases::TaskStep::decl(&cfg),
        cogov_app::records::cases::CaseKind::decl(&cfg),
        cogov_app::records::cases::CaseState::decl(&cfg),
        cogov_app::records::metrics::Metrics::decl(&cfg),
        cogov_app::records::metrics::Summary::decl(&cfg),
        cogov_app::records::metrics::DayCount::decl(&cfg),
        cogov_app::records::metrics::StageDuration::decl(&cfg),
        cogov_app::records::metrics::CodeCount::decl(&cfg),
        cogov_app::records::releases::Channel::decl(&cfg),
        cogov_app::records::releases::ReleaseRecord::decl(&cfg),
        cogov_app::records::releases::ReleaseAction::decl(&cfg),
        cogov_app::records::releases::ReleaseStatus::decl(&cfg),
        cogov_app::history::Releases::decl(&cfg),
        cogov_app::records::events::Event::decl(&cfg),
        cogov_app::records::simulations::SimulationRecord::decl(&cfg),
        cogov_app::sim::Shock::decl(&cfg),
        cogov_app::sim::scenario::Preset::decl(&cfg),
        cogov_app::sim::scenario::Support::decl(&cfg),
        cogov_app::sim::scenario::Acquisition::decl(&cfg),
        cogov_app::sim::scenario::Attack::decl(&cfg),
        cogov_app::sim::Scenario::decl(&cfg),
        cogov_app::sim::stats::Summary::decl(&cfg),
        cogov_app::sim::stats::Band::decl(&cfg),
        cogov_app::sim::Figures::decl(&cfg),
        cogov_app::sim::TypeOutcomes::decl(&cfg),
        cogov_app::sim::Side::decl(&cfg),
        cogov_app::sim::Solvency::decl(&cfg),
        cogov_app::sim::ThroughputVariance::decl(&cfg),
        cogov_engine::risk::Delta::decl(&cfg),
        cogov_app::sim::Derived::decl(&cfg),
        cogov_app::sim::attack::MeanSe::decl(&cfg),
        cogov_app::sim::attack::PowerAttack::decl(&cfg),
        cogov_app::sim::attack::AttackReport::decl(&cfg),
        cogov_app::sim::Report::decl(&cfg),
        crate::whatif::Chart::decl(&cfg),
        crate::whatif::WhatifRun::decl(&cfg),
        crate::whatif::WhatifProgress::decl(&cfg),
        crate::whatif::PresetShocks::decl(&cfg),
        crate::whatif::WhatifSetup::decl(&cfg),
        crate::whatif::SavedWhatif::decl(&cfg),
        cogov_app::records::sweeps::SweepRecord::decl(&cfg),
        crate::sweep::KnobInfo::decl(&cfg),
        crate::sweep::ObjectiveInfo::decl(&cfg),
        crate::sweep::SweepSetup::decl(&cfg),
        crate::sweep::SweepRun::decl(&cfg),
        crate::sweep::SweepProgress::decl(&cfg),
        crate::sweep::SweepCell::decl(&cfg),
        crate::export::DocumentView::decl(&cfg),
        crate::export::DocumentsView::decl(&cfg),
        crate::export::KeyInfo::decl(&cfg),
        crate::export::BundleEntry::decl(&cfg),
        crate::export::BundleView::decl(&cfg),
        cogov_app::bundle::BuildStep::decl(&cfg),
        crate::export::VerifyView::decl(&cfg),
        crate::deployments::ActivationView::decl(&cfg),
        cogov_app::records::bundles::DeployAction::decl(&cfg),
        crate::deployments::TargetView::decl(&cfg),
        crate::handles::FileRef::decl(&cfg),
        crate::handles::Purpose::decl(&cfg),
        crate::error::CommandError::decl(&cfg),
        serde_json::Value::decl(&cfg),
        cogov_engine::onboarding::Question::decl(&cfg),
        cogov_engine::onboarding::Kind::decl(&cfg),
        cogov_engine::onboarding::TextSpec::decl(&cfg),
        cogov_engine::onboarding::NumberSpec::decl(&cfg),
        cogov_engine::onboarding::Derived::decl(&cfg),
        cogov_engine::onboarding::ChoiceSpec::decl(&cfg),
        cogov_engine::onboarding::ChoiceOption::decl(&cfg),
        cogov_engine::onboarding::ListSpec::decl(&cfg),
        cogov_engine::onboarding::Condition::decl(&cfg),
        cogov_engine::onboarding::Test::decl(&cfg),
        cogov_engine::onboarding::ContextDefault::decl(&cfg),
        cogov_engine::onboarding::Branch::decl(&cfg),
        cogov_engine::onboarding::Remark::decl(&cfg),
        crate::onboarding::OnboardingProgress::decl(&cfg),
        crate::onboarding::OnboardingView::decl(&cfg),
        // Issue 18: the sweep's result files, typed.
        cogov_app::sim::sweep::Sampling::decl(&cfg),
        cogov_app::sim::sweep::Direction::decl(&cfg),
        cogov_app::sim::sweep::results::ObjectiveDir::decl(&cfg),
        cogov_app::sim::sweep::results::CellObjective::decl(&cfg),
        cogov_app::sim::sweep::results::CellRow::decl(&cfg),
        cogov_app::sim::sweep::results::CellsFile::decl(&cfg),
        cogov_app::sim::sweep::results::ParetoFile::decl(&cfg),
        cogov_app::sim::sweep::results::MorrisEntry::decl(&cfg),
        cogov_app::sim::sweep::results::SobolEntry::decl(&cfg),
        cogov_app::sim::sweep::results::SensitivityEntry::decl(&cfg),
        cogov_app::sim::sweep::results::SensitivityMethod::decl(&cfg),
        cogov_app::sim::sweep::results::Sensitivity::decl(&cfg),
        cogov_app::sim::sweep::results::Recommendation::decl(&cfg),
    ];
    let mut s = String::from(
        "// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs); do not edit.\n\
         // Regenerate with `COGOV_BLESS=1 cargo test -p cogov-studio --test bindings`.\n\n",
    );
    for d in decls {
        s.push_str("export ");
        s.push_str(&d);
        s.push_str("\n\n");
    }
    // The machinery errors' codes and titles, from the one catalogue (crates/model/src/codes.rs).
    s.push_str("/** Every error code a command can reject with, and its title. */\nexport const ERROR_CODES = {\n");
    for e in cogov_model::ErrorCode::ALL {
        s.push_str(&format!("  {:?}: {:?},\n", e.as_str(), e.title()));
    }
    s.push_str("} as const;\n\n/** An error code of the engine or the store. */\nexport type ErrorCode = keyof typeof ERROR_CODES;\n");
    // The validation rules, so that nothing in the UI (the mock backend included) spells a
    // rule's severity or hint of its own.
    s.push_str("\n/** Every validation rule: its severity, title and hint (crates/model/src/codes.rs). */\nexport const RULES = {\n");
    for c in cogov_model::Code::ALL {
        s.push_str(&format!(
            "  {:?}: {{ severity: {:?}, title: {:?}, hint: {:?} }},\n",
            c.as_str(),
            c.severity().as_str(),
            c.title(),
            c.hint()
        ));
    }
    s.push_str("} as const;\n\n/** A validation rule's code. */\nexport type RuleCode = keyof typeof RULES;\n");
    s
}

/// One studio command as declared in `command_names.rs`.
#[derive(Debug, Clone, Copy)]
pub struct CommandDecl {
    /// The `src-tauri/src` module that defines it.
    pub module: &'static str,
    /// The command name the page invokes.
    pub name: &'static str,
    /// The parameters the page sends: Rust name (snake_case) and TypeScript type.
    pub params: &'static [(&'static str, &'static str)],
    /// The TypeScript type it resolves to.
    pub returns: &'static str,
}

/// Expands the declaration to a table of [`CommandDecl`]s.
macro_rules! command_table {
    ($($module:ident :: $name:ident ($($param:ident : $ts:literal),*) -> $returns:literal;)*) => {
        &[$(CommandDecl {
            module: stringify!($module),
            name: stringify!($name),
            params: &[$((stringify!($param), $ts)),*],
            returns: $returns,
        }),*]
    };
}

/// Every studio command with its parameters and result, from the one declaration.
pub const COMMAND_TABLE: &[CommandDecl] = studio_commands!(command_table);

/// A Rust parameter name as the page sends it (Tauri's default: camelCase).
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The generated `ui/src/lib/bindings/commands.ts`: the typed table the Tauri client calls through.
pub fn commands_typescript() -> String {
    let mut types = std::collections::BTreeSet::new();
    for c in COMMAND_TABLE {
        for ts in c.params.iter().map(|p| p.1).chain([c.returns]) {
            // Capitalised words are ipc.ts types, except TypeScript's own generics.
            for word in ts.split(|ch: char| !ch.is_ascii_alphanumeric()) {
                if word.starts_with(|ch: char| ch.is_ascii_uppercase())
                    && !matches!(word, "Record" | "Array" | "Partial")
                {
                    types.insert(word);
                }
            }
        }
    }
    let mut s = String::from(
        "// Generated from the one command declaration (src-tauri/src/command_names.rs); do not edit.\n\
         // Regenerate with `COGOV_BLESS=1 cargo test -p cogov-studio --test bindings`.\n\n",
    );
    s.push_str("import type {\n");
    for t in &types {
        s.push_str(&format!("  {t},\n"));
    }
    s.push_str("} from \"./ipc\";\n\n");
    s.push_str("/** Every studio command: the arguments the page sends (camelCase) and what it resolves to. */\n");
    s.push_str("export interface Commands {\n");
    for c in COMMAND_TABLE {
        let args = if c.params.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields: Vec<String> = c.params.iter().map(|(p, t)| format!("{}: {t}", camel_case(p))).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        s.push_str(&format!("  {}: {{ args: {args}; returns: {} }};\n", c.name, c.returns));
    }
    s.push_str("}\n\n/** A command name. */\nexport type CommandName = keyof Commands;\n\n");
    s.push_str("/** The command names in declaration order; the window's capability allows exactly these. */\n");
    s.push_str("export const COMMAND_NAMES: readonly CommandName[] = [\n");
    for c in COMMAND_TABLE {
        s.push_str(&format!("  {:?},\n", c.name));
    }
    s.push_str("];\n");
    s
}

/// The generated `capabilities/default.json`: the window may call exactly the declared commands.
/// Written by hand rather than through `serde_json` so the key order does not depend on features.
pub fn capability_json() -> String {
    let permissions: Vec<String> =
        COMMAND_TABLE.iter().map(|c| format!("    \"allow-{}\"", c.name.replace('_', "-"))).collect();
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"default\",\n  \
         \"description\": \"The studio window may call the app's own commands; nothing else (file dialogs are \
         opened by the shell). Generated from src-tauri/src/command_names.rs.\",\n  \
         \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    )
}
