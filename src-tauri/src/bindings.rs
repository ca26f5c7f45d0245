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
        cogov_store::versions::VersionScores::decl(&cfg),
        crate::insight::Blocked::decl(&cfg),
        crate::insight::CompiledView::decl(&cfg),
        crate::insight::RiskView::decl(&cfg),
        crate::commands::Validation::decl(&cfg),
        crate::examples::ExampleInfo::decl(&cfg),
        crate::store::StoreInfo::decl(&cfg),
        crate::store::VersionDiff::decl(&cfg),
        cogov_engine::diff::Diff::decl(&cfg),
        cogov_engine::diff::Change::decl(&cfg),
        cogov_engine::diff::ChangeKind::decl(&cfg),
        cogov_engine::diff::Bump::decl(&cfg),
        cogov_store::versions::VersionKind::decl(&cfg),
        cogov_store::versions::VersionRecord::decl(&cfg),
        cogov_store::versions::InstanceSummary::decl(&cfg),
        cogov_store::versions::CommitOutcome::decl(&cfg),
        cogov_store::builds::BuildOutcome::decl(&cfg),
        cogov_store::builds::BuildRecord::decl(&cfg),
        cogov_store::builds::StageRecord::decl(&cfg),
        cogov_engine::pipeline::Artifact::decl(&cfg),
        crate::store::ProposalView::decl(&cfg),
        cogov_store::proposals::Proposal::decl(&cfg),
        cogov_store::proposals::ProposalState::decl(&cfg),
        cogov_engine::amend::Verdict::decl(&cfg),
        cogov_engine::amend::TouchedClause::decl(&cfg),
        cogov_engine::amend::Choice::decl(&cfg),
        cogov_store::cases::Case::decl(&cfg),
        cogov_store::cases::TaskStep::decl(&cfg),
        cogov_store::metrics::Metrics::decl(&cfg),
        cogov_store::metrics::Summary::decl(&cfg),
        cogov_store::metrics::DayCount::decl(&cfg),
        cogov_store::metrics::StageDuration::decl(&cfg),
        cogov_store::metrics::CodeCount::decl(&cfg),
        cogov_store::releases::Channel::decl(&cfg),
        cogov_store::releases::ReleaseRecord::decl(&cfg),
        crate::store::Releases::decl(&cfg),
        cogov_store::events::Event::decl(&cfg),
        cogov_store::simulations::SimulationRecord::decl(&cfg),
        crate::whatif::Chart::decl(&cfg),
        crate::whatif::WhatifRun::decl(&cfg),
        crate::whatif::WhatifProgress::decl(&cfg),
        crate::whatif::PresetShocks::decl(&cfg),
        crate::whatif::WhatifSetup::decl(&cfg),
        crate::whatif::SavedWhatif::decl(&cfg),
        cogov_store::sweeps::SweepRecord::decl(&cfg),
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
        crate::export::BuildStep::decl(&cfg),
        crate::export::VerifyView::decl(&cfg),
        crate::deployments::ActivationView::decl(&cfg),
        crate::deployments::TargetView::decl(&cfg),
        crate::handles::FileRef::decl(&cfg),
        crate::handles::Purpose::decl(&cfg),
        crate::error::CommandError::decl(&cfg),
        crate::onboarding::OnboardingProgress::decl(&cfg),
        crate::onboarding::OnboardingView::decl(&cfg),
    ];
    let mut s = String::from(
        "// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs); do not edit.\n\
         // Regenerate with `COGOV_BLESS=1 cargo test -p cogov-studio --test bindings`.\n\n\
         // A question of the onboarding script: its shape is the script's JSON Schema\n\
         // (schemas/onboarding-script.schema.json), mirrored by hand in question.ts.\n\
         import type { Question } from \"../backend/question\";\n\n",
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
    s
}
