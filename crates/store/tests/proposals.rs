//! Amendments: a proposal moves draft → voting → adopted | rejected | withdrawn, and an
//! amendment the design's own rules do not allow cannot be adopted.

mod common;

use cogov_engine::amend::Choice;
use cogov_model::{ErrorCode, Gco};
use cogov_store::Store;
use cogov_store::proposals::ProposalState;
use cogov_store::versions::VersionKind;
use common::{example, open};

/// The base design committed, and a copy whose first non-entrenched clause is amended.
fn setup(store: &mut Store) -> (Gco, Gco, String, Vec<String>) {
    let base = example("token-dao");
    store.commit(&base, "adopted", "ada").expect("commit");
    let c = base.constitution.as_ref().expect("constitution");
    let (ai, ci) = c
        .articles
        .iter()
        .enumerate()
        .find_map(|(ai, a)| a.clauses.iter().position(|c| !c.entrenched).map(|ci| (ai, ci)))
        .expect("an ordinary clause");
    let (article, clause) = (&c.articles[ai].id, &c.articles[ai].clauses[ci].id);
    let allowed: Vec<String> = c
        .amendment_rules
        .iter()
        .filter(|r| r.clauses.iter().any(|x| x == clause || x == article))
        .map(|r| r.decision_type.clone())
        .collect();
    let mut proposed = base.clone();
    if let Some(c) = proposed.constitution.as_mut() {
        c.articles[ai].clauses[ci].text.push_str(" Amended by proposal.");
    }
    proposed.identity.version = cogov_engine::diff::Bump::Patch.apply(&base.identity.version);
    let other = base.decision_types.iter().map(|d| d.id.clone()).find(|d| !allowed.contains(d)).expect("another type");
    (base, proposed, other, allowed)
}

fn everyone(store: &mut Store, id: i64, base: &Gco, choice: Choice) {
    let votes: Vec<(String, Choice)> =
        cogov_engine::population::members(base).into_iter().map(|m| (m.id, choice)).collect();
    store.vote_all(id, &votes).expect("votes");
}

#[test]
fn an_amendment_the_rules_do_not_allow_cannot_be_adopted_even_unanimously() {
    let (_d, mut store) = open();
    let (base, proposed, wrong, _) = setup(&mut store);
    let p = store
        .propose(&base.identity.version.to_string(), &proposed, "Reword", &wrong, "ada", false, None)
        .expect("propose");
    assert_eq!(p.state, ProposalState::Voting);
    everyone(&mut store, p.id, &base, Choice::Yes);
    let e = store.adopt(p.id, "ada").expect_err("not allowed by the amendment rules");
    assert_eq!(e.code, ErrorCode::AmendmentNotAllowed);
    assert!(e.message.contains("may be changed only by") || e.message.contains("no amendment rule"), "{}", e.message);
    assert_eq!(store.proposal(p.id).expect("proposal").state, ProposalState::Voting, "nothing changed");
    assert_eq!(store.log(&base.identity.name).expect("log").len(), 1, "no version was written");
}

#[test]
fn an_allowed_amendment_with_enough_votes_becomes_a_version_that_points_to_its_proposal() {
    let (_d, mut store) = open();
    let (base, proposed, _, allowed) = setup(&mut store);
    let dt = allowed.first().expect("a rule covers the clause").clone();
    // token-dao's rule asks 7 days of notice: given since 2020, the vote may open at once.
    let p = store
        .propose(&base.identity.version.to_string(), &proposed, "Reword", &dt, "ada", true, Some("2020-01-01"))
        .expect("propose");
    assert_eq!((p.state, p.noticed_since.as_str()), (ProposalState::Draft, "2020-01-01T00:00:00.000Z"));
    assert_eq!(
        store.vote(p.id, "aria-chen", Choice::Yes).expect_err("drafts take no votes").code,
        ErrorCode::ProposalTransition
    );
    store.open_voting(p.id, "ada").expect("open");
    assert_eq!(store.adopt(p.id, "ada").expect_err("no votes yet").code, ErrorCode::AmendmentVoteFailed);
    everyone(&mut store, p.id, &base, Choice::Yes);
    let v = store.adopt(p.id, "ada").expect("adopted");
    assert_eq!((v.kind, v.proposal), (VersionKind::Amendment, Some(p.id)));
    assert_eq!(v.parent.as_deref(), Some(base.identity.version.to_string().as_str()));
    let after = store.proposal(p.id).expect("proposal");
    assert_eq!((after.state, after.adopted_version.as_deref()), (ProposalState::Adopted, Some(v.version.as_str())));
    assert_eq!(store.withdraw(p.id, "ada").expect_err("closed").code, ErrorCode::ProposalTransition);
}

#[test]
fn a_proposal_on_an_old_base_is_stale_and_withdrawn_ones_stay_withdrawn() {
    let (_d, mut store) = open();
    let (base, proposed, _, allowed) = setup(&mut store);
    let dt = allowed.first().expect("a rule").clone();
    let p = store
        .propose(&base.identity.version.to_string(), &proposed, "Reword", &dt, "ada", false, Some("2020-01-01"))
        .expect("propose");
    everyone(&mut store, p.id, &base, Choice::Yes);
    let mut moved = base.clone();
    moved.decision_types[0].voting_period += 1;
    moved.identity.version = cogov_engine::diff::Bump::Minor.apply(&base.identity.version);
    store.commit(&moved, "meanwhile", "bo").expect("commit");
    assert_eq!(store.adopt(p.id, "ada").expect_err("stale").code, ErrorCode::ProposalStale);
    let w = store.withdraw(p.id, "ada").expect("withdraw");
    assert_eq!(w.state, ProposalState::Withdrawn);
    assert_eq!(store.proposals(&base.identity.name).expect("list").len(), 1);
    let audit = cogov_store::audit::verify(store.conn(), store.path()).expect("audit");
    assert_eq!(audit.problem, None);
}

/// token-dao's amendment rule asks for 7 days of public notice before the vote: a proposal
/// whose notice began today stays a draft, says when its vote opens, and cannot skip the wait
/// by starting in voting; notice given earlier counts; a future notice date is refused.
#[test]
fn the_vote_opens_only_after_the_notice_the_amendment_rule_asks_for() {
    let (_d, mut store) = open();
    let (base, proposed, _, allowed) = setup(&mut store);
    let (base_v, dt) = (base.identity.version.to_string(), allowed.first().expect("a rule").clone());

    let e = store.propose(&base_v, &proposed, "Now", &dt, "ada", false, None).expect_err("no notice yet");
    assert_eq!(e.code, ErrorCode::NoticeNotServed);
    assert!(e.message.contains("7 days of public notice") && e.message.contains("voting opens"), "{}", e.message);
    assert!(store.proposals(&base.identity.name).expect("list").is_empty(), "nothing was written");

    let draft = store.propose(&base_v, &proposed, "Draft", &dt, "ada", true, None).expect("a draft needs no notice");
    let e = store.open_voting(draft.id, "ada").expect_err("notice began today");
    assert_eq!(e.code, ErrorCode::NoticeNotServed);
    assert_eq!(store.proposal(draft.id).expect("proposal").state, ProposalState::Draft);

    let early = store.propose(&base_v, &proposed, "Early", &dt, "ada", true, Some("2020-01-01")).expect("propose");
    assert_eq!(store.open_voting(early.id, "ada").expect("notice served").state, ProposalState::Voting);

    for bad in ["2999-01-01", "2026-02-30", "last week"] {
        let e = store.propose(&base_v, &proposed, "Bad", &dt, "ada", true, Some(bad)).expect_err(bad);
        assert_eq!(e.code, ErrorCode::NoticeDate, "{bad}");
    }
}
