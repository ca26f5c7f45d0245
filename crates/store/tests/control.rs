//! The control plane: releases (refused for a failed build or a pinned channel), cases routed
//! to the vote that amends the rules (else the escalation ladder), the event stream and its NDJSON log, and the metrics.

mod common;

use cogov_model::ErrorCode;
use cogov_store::Store;
use cogov_store::cases::{CaseKind, CaseState};
use common::{example, open};

/// Commits `g` at `version` and builds it; returns the build id.
fn commit_and_build(store: &mut Store, g: &cogov_model::Gco, message: &str) -> i64 {
    store.commit(g, message, "ada").expect("commit");
    store.build(&g.identity.name, &g.identity.version.to_string(), "ada").expect("build").record.id
}

/// A rollback in token-dao is about its rules: it goes to the constitutional amendment vote,
/// not to the grants committee that heads its dispute ladder; without amendment rules the
/// ladder's first level (with its time limit) still routes it.
#[test]
fn cases_go_to_the_vote_that_amends_the_rules() {
    use cogov_store::cases::route;
    let dao = example("token-dao");
    let ladder_head = &dao.escalation.as_ref().expect("a ladder").levels[0];
    assert_eq!(ladder_head.id, "grants-review", "the ladder starts with grant disputes");
    assert_eq!(route(&dao), ("decision_type:constitutional-amendment".to_owned(), None, None));

    let mut coop = example("worker-coop");
    assert_eq!(route(&coop).0, "decision_type:rules-amendment");
    coop.constitution.as_mut().expect("a constitution").amendment_rules.clear();
    assert_eq!(route(&coop), ("role:mediator".to_owned(), Some("peer-mediation".to_owned()), Some(21)));
}

fn with_version(mut g: cogov_model::Gco, v: &str) -> cogov_model::Gco {
    g.identity.version = v.parse().expect("semver");
    g
}

/// worker-coop 1.3.0 built (it passes) and 1.3.1 with a quorum nobody can meet built (it stops
/// at the validation gate); the good build is on `stable` and the broken one was refused there.
fn released_and_refused(store: &mut Store) -> (cogov_model::Gco, i64, i64) {
    let good = example("worker-coop");
    let b1 = commit_and_build(store, &good, "first");
    let mut broken = with_version(good.clone(), "1.3.1");
    broken.decision_types[0].quorum = 0.99;
    let b2 = commit_and_build(store, &broken, "broken");
    store.promote(b1, "stable", "ada", "go").expect("promote");
    store.promote(b2, "stable", "ada", "go").expect_err("refused");
    (good, b1, b2)
}

#[test]
fn releases_refuse_failed_builds_and_pinned_channels_and_roll_back_with_a_case() {
    let (_d, mut store) = open();
    let good = example("worker-coop");
    let name = good.identity.name.clone();
    let b1 = commit_and_build(&mut store, &good, "first");

    // A design whose quorum cannot be met stops at the validation gate and opens a case,
    // routed to the vote that amends the rules (not to the dispute ladder's mediator).
    let mut broken = with_version(good.clone(), "1.3.1");
    broken.decision_types[0].quorum = 0.99;
    let b2 = commit_and_build(&mut store, &broken, "unreachable quorum");
    let cases = store.cases(Some(&name), Some(CaseState::Open)).expect("cases");
    assert_eq!(cases.len(), 1);
    let gate = &cases[0];
    assert_eq!((gate.kind.as_str(), gate.reason_code.as_deref()), ("gate_failed", Some("GOV-P001")));
    assert_eq!((gate.assignee.as_str(), gate.level.as_deref()), ("decision_type:rules-amendment", None));
    assert_eq!(gate.subject, format!("build:{b2}"));

    store.promote(b1, "stable", "ada", "first release").expect("promote");
    let err = store.promote(b2, "stable", "ada", "ship it").expect_err("a failed build is not released");
    assert_eq!(err.code, ErrorCode::ReleaseOfFailedBuild);
    let refused = store.releases(&name).expect("records").pop().expect("the refusal is recorded");
    assert_eq!((refused.status.as_str(), refused.reason_code.as_deref()), ("refused", Some("GOV-P010")));
    assert_eq!(refused.build, Some(b2));
    assert!(store.cases(Some(&name), None).expect("cases").iter().any(|c| c.kind == CaseKind::ReleaseRefused));

    let b3 = commit_and_build(&mut store, &with_version(good.clone(), "1.3.2"), "fixed");
    store.promote(b3, "stable", "bo", "the fix").expect("promote");
    store.pin(&name, "stable", true, "bo", "freeze for the audit").expect("pin");
    let err = store.promote(b1, "stable", "ada", "back").expect_err("pinned");
    assert_eq!(err.code, ErrorCode::ChannelPinned);
    let err = store.rollback_release(&name, "stable", "ada", "back").expect_err("pinned");
    assert_eq!(err.code, ErrorCode::ChannelPinned);
    store.pin(&name, "stable", false, "bo", "audit done").expect("unpin");

    let ch = &store.channels(&name).expect("channels")[0];
    assert_eq!((ch.build, ch.version.as_deref(), ch.previous.as_slice()), (Some(b3), Some("1.3.2"), &[b1][..]));
    let back = store.rollback_release(&name, "stable", "bo", "1.3.2 breaks payroll").expect("rollback");
    assert_eq!((back.build, back.version.as_deref()), (Some(b1), Some("1.3.0")));
    assert_eq!(store.channels(&name).expect("channels")[0].build, Some(b1));
    assert!(store.cases(Some(&name), None).expect("cases").iter().any(|c| c.kind == CaseKind::Rollback));
    let err = store.rollback_release(&name, "stable", "bo", "again").expect_err("nothing earlier");
    assert_eq!(err.code, ErrorCode::NothingToRollBack);

    store.revoke(&name, "stable", "bo", "withdrawn").expect("revoke");
    assert_eq!(store.channels(&name).expect("channels")[0].build, None);
    let err = store.pin(&name, "stable", true, "bo", "nothing").expect_err("nothing to pin");
    assert_eq!(err.code, ErrorCode::NoCurrentRelease);
    let err = store.promote(b1, "Stable!", "bo", "x").expect_err("bad name");
    assert_eq!(err.code, ErrorCode::BadChannel);

    let e = store.conn().execute("DELETE FROM release_records", []).expect_err("append-only");
    assert!(e.to_string().contains("append-only"), "{e}");
}

#[test]
fn a_case_moves_open_triaged_resolved_and_no_other_way() {
    let (_d, mut store) = open();
    let good = example("worker-coop");
    commit_and_build(&mut store, &good, "first");
    let v = with_version(good.clone(), "1.3.1");
    store.commit(&v, "second", "ada").expect("commit");
    store.rollback(&good.identity.name, "1.3.0", "", "ada").expect("rollback");
    let case = store.cases(None, None).expect("cases").pop().expect("the rollback opened a case");
    assert_eq!((case.kind.as_str(), case.state.as_str()), ("rollback", "open"));

    let t = store.triage_case(case.id, "mo", "looking at payroll").expect("triage");
    assert_eq!(t.state, CaseState::Triaged);
    let err = store.triage_case(case.id, "mo", "again").expect_err("already triaged");
    assert_eq!(err.code, ErrorCode::TaskTransition);
    let r = store.resolve_case(case.id, "mo", "payroll fixed upstream").expect("resolve");
    let steps: Vec<(&str, &str)> = r.history.iter().map(|s| (s.state.as_str(), s.author.as_str())).collect();
    assert_eq!(steps, [("open", "ada"), ("triaged", "mo"), ("resolved", "mo")]);
    let err = store.resolve_case(case.id, "mo", "again").expect_err("resolved is final");
    assert_eq!(err.code, ErrorCode::TaskTransition);
    assert!(store.cases(None, Some(CaseState::Open)).expect("cases").is_empty());
    assert_eq!(store.case(999).expect_err("no case").code, ErrorCode::UnknownCase);

    let m = store.metrics(None).expect("metrics");
    assert_eq!((m.cases, m.cases_open, m.case_lead_time_hours.count), (1, 0, 1));
    assert!(m.case_lead_time_hours.max >= 0.0);
}

#[test]
fn every_step_is_an_event_in_the_table_and_the_ndjson_log() {
    let (_d, mut store) = open();
    let (_, _, b2) = released_and_refused(&mut store);
    let case = store.cases(None, Some(CaseState::Open)).expect("cases")[0].id;
    store.resolve_case(case, "ada", "done").expect("resolve");

    let events = store.events(0, 10_000).expect("events");
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    for k in [
        "stage.started",
        "stage.finished",
        "gate.passed",
        "stage.failed",
        "gate.failed",
        "stage.blocked",
        "case.opened",
        "release.promote",
        "release.refused",
        "task.resolved",
    ] {
        assert!(kinds.contains(&k), "no {k} in {kinds:?}");
    }
    let failed = events.iter().find(|e| e.kind == "gate.failed").expect("gate.failed");
    assert_eq!((failed.reason_code.as_deref(), failed.subject.clone()), (Some("GOV-P001"), format!("build:{b2}")));
    assert!(events.windows(2).all(|w| w[0].id < w[1].id));

    let log = std::fs::read_to_string(store.events_log()).expect("the NDJSON log exists");
    let lines: Vec<serde_json::Value> =
        log.lines().map(|l| serde_json::from_str(l).expect("each line is one JSON object")).collect();
    assert_eq!(lines.len(), events.len());
    for (line, e) in lines.iter().zip(&events) {
        assert_eq!(line["id"], e.id);
        assert_eq!(line["kind"], e.kind.as_str());
    }
    assert_eq!(store.events(events[3].id, 2).expect("page").len(), 2);
}

#[test]
fn metrics_answer_the_operators_questions() {
    let (_d, mut store) = open();
    let (good, _, _) = released_and_refused(&mut store);
    let other = example("token-dao");
    commit_and_build(&mut store, &other, "another design");

    let m = store.metrics(Some(&good.identity.name)).expect("metrics");
    assert_eq!((m.builds, m.builds_passed), (2, 1));
    assert_eq!(m.builds_per_day.iter().map(|d| d.passed + d.failed).sum::<u32>(), 2);
    assert_eq!((m.validations, m.validation_pass_rate), (2, Some(0.5)));
    assert_eq!(m.gate_failures.len(), 1);
    assert_eq!((m.gate_failures[0].code.as_str(), m.gate_failures[0].count), ("GOV-P001", 1));
    assert!(m.top_reason_codes.iter().any(|c| c.code == "GOV-E301"), "{:?}", m.top_reason_codes);
    assert_eq!((m.releases, m.releases_refused, m.release_success_rate), (2, 1, Some(0.5)));
    assert_eq!(m.build_ms.count, 2);
    assert!(m.stage_ms.iter().any(|s| s.stage == "validate" && s.ms.count == 2));
    assert_eq!(m.cases, 2, "the failed gate and the refused release");

    let all = store.metrics(None).expect("metrics");
    assert_eq!((all.builds, all.versions), (3, 3));
}
