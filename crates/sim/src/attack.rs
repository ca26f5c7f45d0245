//! The attack scenario: an adversary with a budget acquires voting weight (bought ahead,
//! borrowed, flash-loaned, or custodial stake it votes), proposes what profits it most and
//! votes all its weight yes, while the honest members vote as the reference model says. The
//! design's snapshot rule, voting delay, signers, veto holders and timelock decide.
//! `docs/simulation.md` (Attack) states the rules and their reasons.
//!
//! The powers and what each controls come from the cost of capture of risk model 2
//! (`cogov_engine::risk::capture`); this module draws the honest side. Run `r` of the attack
//! draws from stream `2^63 + r` of the seed, never from the reference model's streams, so a
//! scenario's reference-model figures are bit-identical with and without an attack. Every
//! draw is made once per run and does not depend on the budget: the capture probability is a
//! function of the budget on common random numbers, and bisection over the budget is exact to
//! its tolerance.

use crate::inputs::Inputs;
use crate::rng::{X8, run_stream, uniform};
use crate::run::{Plan, Voters, binomial};
use crate::scenario::{Acquisition, Attack, Scenario};
use cogov_engine::IntakeError;
use cogov_engine::risk::capture::{self, PowerCapture, WeightModel};
use cogov_engine::risk::metrics::Context;
use cogov_model::{DecisionType, ErrorCode, Gco, QuorumCounting, Signers, VetoHolder};
use rand_distr::{Beta, Distribution};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The attack's streams start here: far above any run number (runs are at most 1,000,000).
const STREAM_BASE: u64 = 1 << 63;

/// A capture counts as "successful" for the cheapest budget when it happens in at least this
/// share of runs (the median run): a budget an adversary can count on more often than not.
pub const SUCCESS_SHARE: f64 = 0.5;

/// Bisection steps over the budget: 2^-48 of the largest useful budget.
const BISECTIONS: u32 = 48;

/// A mean and its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeanSe {
    /// The mean over runs.
    pub mean: f64,
    /// Its standard error (sample standard deviation / √runs).
    pub se: f64,
}

/// One power path under attack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PowerAttackResult"))]
pub struct PowerAttack {
    /// The decision type proposed under.
    pub decision_type: String,
    /// The power's kind (`treasury`, `mint`, …).
    pub power: String,
    /// For treasury powers, the tiers.
    pub tiers: Vec<String>,
    /// The tier route, when the path is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// Whether the adversary's weight counts on this decision type by its route (a snapshot
    /// taken before the weight arrives shuts borrowed and flash-loaned weight out).
    pub weight_counts: bool,
    /// What stands in the way, for people (the snapshot, signers, veto holders, proposers).
    pub stopped_by: Vec<String>,
    /// Share of runs in which the power is captured at the budget.
    pub capture_probability: f64,
    /// Its 95% interval (Wilson score).
    pub interval: [f64; 2],
    /// The smallest budget that captures the power in at least half of the runs (bisection on
    /// the same random streams); `null` when no budget the route allows does.
    pub cheapest_budget: Option<f64>,
    /// What the power controls, in the treasury's currency (`null`: not a money figure, e.g.
    /// appointments).
    pub controls: Option<f64>,
    /// Loss per attack: `controls` when captured, else 0, over runs (`null` without `controls`).
    pub expected_loss: Option<MeanSe>,
}

/// `report.attack`: what an adversary with this budget takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "AttackResult"))]
pub struct AttackReport {
    /// The budget.
    pub budget: f64,
    /// The route.
    pub acquisition: Acquisition,
    /// The step of the attack.
    pub at: u32,
    /// Price of one unit of weight used.
    pub price: f64,
    /// Where the price comes from: `attack` or `design`.
    pub price_source: String,
    /// Share of all weight the route makes available at all.
    pub available_share: f64,
    /// Share of all weight (at step `at`) the budget acquires.
    pub acquired_share: f64,
    /// Runs.
    pub runs: u32,
    /// The target: index into `powers` (`null` when the design confers no power).
    pub target: Option<usize>,
    /// Every power path, in decision-type order.
    pub powers: Vec<PowerAttack>,
    /// What the report assumed because the design does not say it.
    pub assumed: Vec<String>,
}

impl AttackReport {
    /// The targeted power path.
    pub fn target_power(&self) -> Option<&PowerAttack> {
        self.target.and_then(|i| self.powers.get(i))
    }
}

/// One path's fixed rules, resolved once.
struct Path {
    row: PowerCapture,
    counts: bool,
    proposable: bool,
    min_weight: f64,
    quorum: f64,
    yes_only_quorum: bool,
    approval: f64,
    absolute: f64,
    /// (role index in the inputs, required) of every signer rule on the path.
    signers: Vec<(Option<usize>, u64)>,
    /// Fixed bodies that may cancel during the timelock.
    body_vetoes: usize,
    /// Token-holder veto thresholds (during the timelock).
    holder_vetoes: Vec<f64>,
}

/// What one run drew, independent of the budget.
struct Draw {
    cast: f64,
    yes: f64,
    /// Per path: whether the fixed bodies (signers, vetoes) let it through.
    bodies_pass: Vec<bool>,
}

/// An attack ready to evaluate at any budget.
struct Prepared<'a> {
    attack: &'a Attack,
    price: f64,
    price_source: &'static str,
    cap: f64,
    total_w: f64,
    paths: Vec<Path>,
    draws: Vec<Draw>,
    assumed: Vec<String>,
}

fn err(code: ErrorCode, pointer: &str, message: String) -> IntakeError {
    IntakeError::at_pointer(code, pointer, message)
}

/// The signer rules of a capture path: the decision type's, and the tier's (normal path) or
/// the route's.
fn path_signers<'g>(gco: &'g Gco, dt: &'g DecisionType, row: &PowerCapture) -> Vec<&'g Signers> {
    let mut out: Vec<&Signers> = dt.signers.iter().collect();
    if row.power == "treasury" {
        let tiers = gco.treasury.iter().flat_map(|t| &t.tiers).filter(|t| row.tiers.contains(&t.id));
        for t in tiers {
            match &row.route {
                Some(r) => out.extend(t.routes.iter().filter(|x| &x.id == r).filter_map(|x| x.signers.as_ref())),
                None if t.decision_type == dt.id => out.extend(t.signers.iter()),
                None => {}
            }
        }
    }
    out
}

/// Runs the scenario's attack, if it has one, on `threads` threads (0: rayon's pool). Errors
/// (`GOV-X051`…`GOV-X053`) point into the scenario.
pub fn simulate_attack(
    gco: &Gco,
    inputs: &Inputs,
    scenario: &Scenario,
    threads: usize,
) -> Result<Option<AttackReport>, IntakeError> {
    let Some(attack) = &scenario.attack else { return Ok(None) };
    let go = || prepare(gco, inputs, scenario, attack).map(|p| p.report(scenario.runs));
    let out = if threads == 0 {
        go()
    } else {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| IntakeError::whole(ErrorCode::ScenarioInvalid, format!("thread pool: {e}")))?
            .install(go)
    };
    out.map(Some)
}

/// Per run (in run order, for runs `runs`): 1.0 when the adversary captures some power at the
/// scenario's budget — a power of the named target, else any — else 0.0; empty without an
/// attack. The sweep's `capture_probability` objective: each run's figure depends on that run
/// alone, so blocks of runs computed apart fold to the same figure.
pub fn captures(
    gco: &Gco,
    inputs: &Inputs,
    scenario: &Scenario,
    runs: std::ops::Range<u64>,
) -> Result<Vec<f64>, IntakeError> {
    let Some(attack) = &scenario.attack else { return Ok(Vec::new()) };
    let p = prepare_runs(gco, inputs, scenario, attack, runs)?;
    let share = p.acquired(attack.budget);
    let eligible: Vec<usize> = (0..p.paths.len())
        .filter(|&i| attack.target.as_ref().is_none_or(|t| &p.paths[i].row.decision_type == t))
        .collect();
    Ok(p.draws.iter().map(|d| if eligible.iter().any(|&i| p.succeeds(i, d, share)) { 1.0 } else { 0.0 }).collect())
}

fn prepare<'a>(
    gco: &Gco,
    inputs: &Inputs,
    scenario: &Scenario,
    attack: &'a Attack,
) -> Result<Prepared<'a>, IntakeError> {
    prepare_runs(gco, inputs, scenario, attack, 0..u64::from(scenario.runs))
}

fn prepare_runs<'a>(
    gco: &Gco,
    inputs: &Inputs,
    scenario: &Scenario,
    attack: &'a Attack,
    runs: std::ops::Range<u64>,
) -> Result<Prepared<'a>, IntakeError> {
    crate::scenario::check(scenario)?;
    let weight = WeightModel::of(gco);
    let (price, price_source) = match (attack.price, weight.token_price) {
        (Some(p), _) => (p, "attack"),
        (None, Some(p)) if p > 0.0 && p.is_finite() => (p, "design"),
        _ => {
            return Err(err(
                ErrorCode::AttackNoPrice,
                "/attack/price",
                "no price per unit of weight: give `attack.price`, or `voting_weight.token_price` in the design"
                    .to_owned(),
            ));
        }
    };
    if let Some(t) = &attack.target
        && gco.decision_type(t).is_none()
    {
        {
            let ids: Vec<&str> = gco.decision_types.iter().map(|d| d.id.as_str()).collect();
            return Err(err(
                ErrorCode::AttackUnknownTarget,
                "/attack/target",
                format!("the design has no decision type `{t}` (it has {})", ids.join(", ")),
            ));
        }
    }
    let locked = weight.acquirable.locked.clamp(0.0, 1.0);
    let cap = match attack.acquisition {
        Acquisition::Buy => weight.acquirable.circulating,
        Acquisition::Borrow | Acquisition::FlashLoan | Acquisition::Custodial => weight.acquirable.borrowable,
    }
    .min(1.0 - locked)
    .max(0.0);
    if !weight.transferable || cap <= 0.0 {
        let why = if weight.transferable {
            let share = if attack.acquisition == Acquisition::Buy { "circulating" } else { "borrowable" };
            format!("the design's `voting_weight.acquirable.{share}` share is 0 (or all locked)")
        } else {
            "the design's voting weight is not transferable (seats or membership)".to_owned()
        };
        return Err(err(
            ErrorCode::AttackImpossible,
            "/attack/acquisition",
            format!("`{}` acquires nothing here: {why}", attack.acquisition.as_str()),
        ));
    }
    let cx = Context::new(gco);
    let report = capture::cost_of_capture(&cx);
    let mut paths = Vec::new();
    for row in report.powers {
        let Some(dt) = gco.decision_type(&row.decision_type) else { continue };
        let counts = match attack.acquisition {
            Acquisition::Buy => true,
            Acquisition::Borrow | Acquisition::Custodial => weight.borrowed_counts(dt),
            Acquisition::FlashLoan => weight.flash_loanable(dt),
        };
        let seated = |r: &String| gco.role(r).is_some_and(|r| r.seats.is_some());
        let pt = &dt.proposal_threshold;
        let proposable = pt.roles.is_empty() || !pt.roles.iter().all(seated);
        let signers = path_signers(gco, dt, &row)
            .into_iter()
            .map(|s| (inputs.roles.iter().position(|r| r == &s.role), u64::from(s.required)))
            .collect();
        let timelocked = capture::seconds(dt, dt.timelock) > 0.0;
        let body_vetoes = if timelocked {
            dt.veto.iter().filter(|v| !matches!(v, VetoHolder::TokenHolders { .. })).count()
        } else {
            0
        };
        let holder_vetoes = dt
            .veto
            .iter()
            .filter_map(|v| match v {
                VetoHolder::TokenHolders { threshold } if timelocked => Some(*threshold),
                _ => None,
            })
            .collect();
        paths.push(Path {
            counts,
            proposable,
            min_weight: pt.min_weight,
            quorum: dt.quorum.clamp(0.0, 1.0),
            yes_only_quorum: dt.quorum_counting.unwrap_or(QuorumCounting::ForAbstain) != QuorumCounting::AllCast,
            approval: dt.approval.clamp(0.0, 1.0),
            absolute: dt.absolute_threshold.unwrap_or(0.0),
            signers,
            body_vetoes,
            holder_vetoes,
            row,
        });
    }
    let shocks = scenario.all_shocks(inputs.members.len(), inputs.mean_weight());
    let plan = Plan::new(inputs, &shocks, scenario.steps, scenario.support, scenario.steps)
        .map_err(|e| err(ErrorCode::ScenarioInvalid, "", e.0))?;
    let voters = plan.voters_at(attack.at);
    let support = Beta::new(scenario.support.alpha, scenario.support.beta)
        .map_err(|e| err(ErrorCode::ScenarioInvalid, "/support", e.to_string()))?;
    let draws: Vec<Draw> = runs.into_par_iter().map(|r| draw(&voters, &support, &paths, scenario.seed, r)).collect();
    let mut assumed = weight.assumed.clone();
    if price_source == "design" && attack.acquisition != Acquisition::Buy {
        assumed.push(format!(
            "no `attack.price` for `{}`: the design's token price is used (a borrowing fee is usually lower)",
            attack.acquisition.as_str()
        ));
    }
    Ok(Prepared { attack, price, price_source, cap, total_w: voters.total_w, paths, draws, assumed })
}

/// Run `r`'s draws. The honest side draws `s` from the reference model's support Beta and
/// treats the hostile proposal as the mirror of an ordinary one: it supports it with `h = 1 − s`
/// (it opposes a hostile proposal as strongly as it backs an ordinary one). Then the honest
/// votes (the reference model's member loop at support `h`), and per path each signer rule's
/// approvals (Binomial(active holders, h)) and each fixed body's veto (probability `1 − h`, the
/// probability the honest side opposes).
fn draw(voters: &Voters, support: &Beta<f64>, paths: &[Path], seed: u64, r: u64) -> Draw {
    let mut rng = run_stream(seed, STREAM_BASE + r);
    let s = 1.0 - support.sample(&mut rng);
    let mut x8 = X8::from_stream(&mut rng);
    let (cast, yes) = voters.tally(&mut x8, s);
    let bodies_pass = paths
        .iter()
        .map(|p| {
            let mut pass = true;
            for &(role, required) in &p.signers {
                let h = role.map_or(0, |i| voters.active_holders[i]);
                // Every rule draws, so the draws do not depend on earlier outcomes.
                let approving = if h >= required { binomial(&mut rng, h, s) } else { 0 };
                pass &= h >= required && approving >= required;
            }
            for _ in 0..p.body_vetoes {
                pass &= uniform(&mut rng) >= 1.0 - s;
            }
            pass
        })
        .collect();
    Draw { cast, yes, bodies_pass }
}

impl Prepared<'_> {
    /// Share of all weight (at the attack's step) `budget` acquires by the route.
    fn acquired(&self, budget: f64) -> f64 {
        (budget / self.price / self.total_w).min(self.cap)
    }

    /// Whether path `p` is captured in a run with draws `d` when the adversary holds `share`:
    /// the adversary can propose, the fixed bodies let the proposal through, and it passes the
    /// vote with the adversary's weight but would not on the honest votes alone (a proposal the
    /// honest side carries by itself is its will, not a capture).
    fn succeeds(&self, p: usize, d: &Draw, share: f64) -> bool {
        let path = &self.paths[p];
        let a = if path.counts { share } else { 0.0 };
        path.proposable
            && d.bodies_pass[p]
            && a * self.total_w >= path.min_weight
            && self.vote_passes(path, d, a)
            && !self.vote_passes(path, d, 0.0)
    }

    /// Whether the vote passes when the adversary votes a share `a` of all weight yes. Acquired
    /// weight comes from the other holders in proportion to their weight (a market), so the
    /// honest side's votes shrink by `1 − a`. Every test grows with `a`: bisection is sound.
    fn vote_passes(&self, path: &Path, d: &Draw, a: f64) -> bool {
        let w = self.total_w;
        let attacker = a * w;
        let (cast, yes) = (d.cast * (1.0 - a), d.yes * (1.0 - a));
        let counted = if path.yes_only_quorum { yes + attacker } else { cast + attacker };
        let against = cast - yes;
        counted >= path.quorum * w
            && yes + attacker >= path.approval * (cast + attacker)
            && yes + attacker >= path.absolute * w
            && path.holder_vetoes.iter().all(|&t| against < t * w)
    }

    fn probability(&self, p: usize, share: f64) -> f64 {
        let n = self.draws.iter().filter(|d| self.succeeds(p, d, share)).count();
        n as f64 / self.draws.len().max(1) as f64
    }

    /// The target at `share`: the named decision type's paths, else all; the most expected loss
    /// (probability × what the power controls), then the most controlled, then the first.
    fn target(&self, share: f64) -> Option<usize> {
        let value = |p: &Path| p.row.controls.filter(|v| v.is_finite()).unwrap_or(0.0);
        (0..self.paths.len())
            .filter(|&i| self.attack.target.as_ref().is_none_or(|t| &self.paths[i].row.decision_type == t))
            .map(|i| (i, self.probability(i, share) * value(&self.paths[i]), value(&self.paths[i])))
            .fold(None, |best: Option<(usize, f64, f64)>, x| match best {
                Some(b) if (b.1, b.2) >= (x.1, x.2) => Some(b),
                _ => Some(x),
            })
            .map(|(i, _, _)| i)
    }

    /// The smallest budget capturing path `p` in at least [`SUCCESS_SHARE`] of the runs.
    fn cheapest(&self, p: usize) -> Option<f64> {
        let top = self.cap * self.total_w * self.price;
        let ok = |b: f64| self.probability(p, self.acquired(b)) >= SUCCESS_SHARE;
        if !ok(top) {
            return None;
        }
        if ok(0.0) {
            return Some(0.0);
        }
        let (mut lo, mut hi) = (0.0, top);
        for _ in 0..BISECTIONS {
            let mid = 0.5 * (lo + hi);
            if ok(mid) { hi = mid } else { lo = mid }
        }
        Some(hi)
    }

    fn stopped_by(&self, p: usize) -> Vec<String> {
        let path = &self.paths[p];
        let mut out = Vec::new();
        if !path.counts {
            out.push(format!(
                "`{}` weight does not count: it is read before the adversary can hold it",
                self.attack.acquisition.as_str()
            ));
        }
        out.extend(path.row.blocked_by.iter().filter(|b| !b.contains("acquirable")).cloned());
        out
    }

    fn report(&self, runs: u32) -> AttackReport {
        let share = self.acquired(self.attack.budget);
        let n = self.draws.len().max(1) as f64;
        let powers = (0..self.paths.len())
            .map(|i| {
                let path = &self.paths[i];
                let hits = self.draws.iter().filter(|d| self.succeeds(i, d, share)).count() as f64;
                let p = hits / n;
                let expected_loss = path.row.controls.filter(|v| v.is_finite()).map(|v| {
                    let sd = if n > 1.0 { (p * (1.0 - p) * n / (n - 1.0)).sqrt() * v } else { f64::NAN };
                    MeanSe { mean: p * v, se: sd / n.sqrt() }
                });
                PowerAttack {
                    decision_type: path.row.decision_type.clone(),
                    power: path.row.power.to_owned(),
                    tiers: path.row.tiers.clone(),
                    route: path.row.route.clone(),
                    weight_counts: path.counts,
                    stopped_by: self.stopped_by(i),
                    capture_probability: p,
                    interval: wilson(hits, n),
                    cheapest_budget: self.cheapest(i),
                    controls: path.row.controls.filter(|v| v.is_finite()),
                    expected_loss,
                }
            })
            .collect();
        AttackReport {
            budget: self.attack.budget,
            acquisition: self.attack.acquisition,
            at: self.attack.at,
            price: self.price,
            price_source: self.price_source.to_owned(),
            available_share: self.cap,
            acquired_share: share,
            runs,
            target: self.target(share),
            powers,
            assumed: self.assumed.clone(),
        }
    }
}

/// The Wilson score interval at 95% for `hits` successes in `n` trials: unlike the normal
/// approximation, it stays inside [0, 1] and is not empty at 0 or `n` successes.
pub fn wilson(hits: f64, n: f64) -> [f64; 2] {
    if n <= 0.0 {
        return [0.0, 1.0];
    }
    let z = 1.959_963_984_540_054_f64;
    let p = hits / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    [(centre - half).max(0.0), (centre + half).min(1.0)]
}
