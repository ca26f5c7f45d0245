//! One run of RSM v1: `steps` steps of shocks, inflow, arrivals, votes, signers and spends.

use crate::inputs::Inputs;
use crate::rng::{LANES, X8, run_stream, uniform, unit_f32};
use crate::scenario::{Shock, Support};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Binomial, Distribution, Poisson};

/// Outcome counters, in a fixed order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Proposals that arrived.
    pub proposals: u32,
    /// Passed.
    pub passed: u32,
    /// Cast weight below quorum.
    pub no_quorum: u32,
    /// Not enough yes (or not enough signer approvals).
    pub rejected: u32,
    /// Fewer active holders of the signer role than required.
    pub no_signers: u32,
    /// Spends paid.
    pub executed: u32,
    /// Spends blocked by a freeze.
    pub blocked: u32,
    /// Spends larger than the balance.
    pub insolvent: u32,
}

/// What one run records.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    /// Counts over all proposal types.
    pub total: Counts,
    /// Counts per proposal type, in declared order.
    pub per_type: Vec<Counts>,
    /// Mean of `cast / W` over the run's proposals (`None` without proposals).
    pub turnout: Option<f64>,
    /// Passed proposals per step.
    pub passed_per_step: Vec<u32>,
    /// Balance at the end of every step.
    pub balance: Vec<f64>,
    /// Proposals and passed proposals from the watched step on (continuity impact).
    pub after_watch: (u32, u32),
}

impl RunResult {
    /// passed / proposals (`None` without proposals).
    pub fn pass_rate(&self) -> Option<f64> {
        (self.total.proposals > 0).then(|| f64::from(self.total.passed) / f64::from(self.total.proposals))
    }

    /// Mean passed proposals per step.
    pub fn throughput_mean(&self) -> f64 {
        let n = self.passed_per_step.len().max(1) as f64;
        self.passed_per_step.iter().map(|&x| f64::from(x)).sum::<f64>() / n
    }

    /// Population variance (÷ T) of passed proposals per step.
    pub fn throughput_variance(&self) -> f64 {
        let n = self.passed_per_step.len().max(1) as f64;
        let m = self.throughput_mean();
        self.passed_per_step.iter().map(|&x| (f64::from(x) - m).powi(2)).sum::<f64>() / n
    }

    /// The balance at the end of the last step (the initial balance after zero steps).
    pub fn final_balance(&self, initial: f64) -> f64 {
        self.balance.last().copied().unwrap_or(initial)
    }

    /// The smallest end-of-step balance.
    pub fn min_balance(&self, initial: f64) -> f64 {
        self.balance.iter().copied().reduce(f64::min).unwrap_or(initial)
    }
}

/// A run's fixed setup: shocks, samplers and role holders, shared by all runs.
#[derive(Debug)]
pub struct Plan<'a> {
    inputs: &'a Inputs,
    shocks: Vec<ResolvedShock>,
    steps: u32,
    support: Beta<f64>,
    arrivals: Vec<Option<Poisson<f64>>>,
    holders: Vec<Vec<usize>>,
    watch_from: u32,
}

#[derive(Debug, Clone)]
enum ResolvedShock {
    Contraction { at: u32, factor: f64 },
    Removal { at: u32, count: u32, role: Option<Option<usize>> },
    Concentration { at: u32, share: f64, top: u32 },
    Freeze { from: u32, until: u32 },
    Scaling { from: u32, until: u32, joiners: u32, weight: f64, propensity: f64 },
}

/// Members at the end of a run: the inputs' members first, then the joiners, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct EndState {
    /// Voting weights.
    pub weight: Vec<f64>,
    /// Participation propensities.
    pub propensity: Vec<f64>,
    /// Whether each member still takes part (leadership removal deactivates).
    pub active: Vec<bool>,
}

/// Invalid settings a plan cannot run with.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct PlanError(pub String);

impl<'a> Plan<'a> {
    /// Prepares runs of `steps` steps. `watch_from` is the step from which
    /// [`RunResult::after_watch`] counts (the first shock's, for continuity impact).
    pub fn new(
        inputs: &'a Inputs,
        shocks: &[Shock],
        steps: u32,
        support: Support,
        watch_from: u32,
    ) -> Result<Plan<'a>, PlanError> {
        let support = Beta::new(support.alpha, support.beta)
            .map_err(|e| PlanError(format!("support Beta({}, {}): {e}", support.alpha, support.beta)))?;
        let arrivals = inputs
            .types
            .iter()
            .map(|t| {
                if t.rate > 0.0 {
                    Poisson::new(t.rate).map(Some).map_err(|e| PlanError(format!("rate of {}: {e}", t.id)))
                } else {
                    Ok(None)
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut holders = vec![Vec::new(); inputs.roles.len()];
        for (i, m) in inputs.members.iter().enumerate() {
            for &r in &m.roles {
                holders[r].push(i);
            }
        }
        let shocks = shocks
            .iter()
            .map(|s| match s {
                Shock::ParticipationContraction { at, factor } => {
                    ResolvedShock::Contraction { at: *at, factor: *factor }
                }
                Shock::LeadershipRemoval { at, count, role } => ResolvedShock::Removal {
                    at: *at,
                    count: *count,
                    // A role nobody holds (or that the design lacks) removes nobody.
                    role: role.as_ref().map(|r| inputs.roles.iter().position(|x| x == r)),
                },
                Shock::IncentiveConcentration { at, share, top } => {
                    ResolvedShock::Concentration { at: *at, share: *share, top: *top }
                }
                Shock::TreasuryFreeze { from, until } => ResolvedShock::Freeze { from: *from, until: *until },
                Shock::RapidScaling { from, until, joiners_per_step, weight, propensity } => ResolvedShock::Scaling {
                    from: *from,
                    until: *until,
                    joiners: *joiners_per_step,
                    weight: *weight,
                    propensity: *propensity,
                },
            })
            .collect();
        Ok(Plan { inputs, shocks, steps, support, arrivals, holders, watch_from })
    }

    /// Steps per run.
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// The members after every shock of the plan has acted, in the order the runs apply them
    /// (shocks change members the same way in every run: no randomness is drawn for them).
    pub fn end_state(&self) -> EndState {
        let mut st = State::new(self.inputs);
        for t in 0..self.steps {
            for shock in &self.shocks {
                st.apply(shock, t, &self.holders);
            }
        }
        EndState { weight: st.w, propensity: st.p, active: st.active }
    }

    /// The members as they vote at step `step`: every shock acting at or before it applied
    /// (the attack's honest side; shocks draw nothing, so this is the same in every run).
    pub(crate) fn voters_at(&self, step: u32) -> Voters {
        let mut st = State::new(self.inputs);
        for t in 0..=step.min(self.steps.saturating_sub(1)) {
            for shock in &self.shocks {
                st.apply(shock, t, &self.holders);
            }
        }
        st.refresh();
        let active_holders = self.holders.iter().map(|h| h.iter().filter(|&&i| st.active[i]).count() as u64).collect();
        Voters { total_w: st.total_w, wk: st.wk, pk: st.pk, active_holders }
    }

    /// Runs run `run` of a simulation seeded with `seed`.
    pub fn run(&self, seed: u64, run: u64) -> RunResult {
        let mut rng = run_stream(seed, run);
        let mut x8 = X8::from_stream(&mut rng);
        let mut st = State::new(self.inputs);
        let kernel = Kernel::new();
        let types = &self.inputs.types;
        let steps = self.steps as usize;
        let mut out = RunResult {
            total: Counts::default(),
            per_type: vec![Counts::default(); types.len()],
            turnout: None,
            passed_per_step: Vec::with_capacity(steps),
            balance: Vec::with_capacity(steps),
            after_watch: (0, 0),
        };
        let mut balance = self.inputs.treasury.initial;
        let mut turnout_sum = 0.0f64;
        let mut spends: Vec<usize> = Vec::new();
        for t in 0..self.steps {
            let mut frozen = false;
            for shock in &self.shocks {
                frozen |= st.apply(shock, t, &self.holders);
            }
            st.refresh();
            balance += self.inputs.treasury.inflow_per_step;
            spends.clear();
            let mut passed_now = 0u32;
            for (k, ty) in types.iter().enumerate() {
                let n = match &self.arrivals[k] {
                    Some(p) => p.sample(&mut rng) as u64,
                    None => 0,
                };
                for _ in 0..n {
                    let s = self.support.sample(&mut rng);
                    let sf = s as f32;
                    let (wk, pk) = (&st.wk, &st.pk);
                    let (cast, yes) = kernel.tally(&mut x8, wk, pk, sf);
                    let (cast, yes) = (f64::from(cast), f64::from(yes));
                    turnout_sum += cast / st.total_w;
                    let c = &mut out.per_type[k];
                    c.proposals += 1;
                    let passed = if cast < ty.quorum * st.total_w {
                        c.no_quorum += 1;
                        false
                    } else if yes < ty.approval * cast {
                        c.rejected += 1;
                        false
                    } else if let Some(sig) = &ty.signers {
                        let h = self.holders[sig.role].iter().filter(|&&i| st.active[i]).count() as u64;
                        if h < u64::from(sig.required) {
                            c.no_signers += 1;
                            false
                        } else if binomial(&mut rng, h, s) < u64::from(sig.required) {
                            c.rejected += 1;
                            false
                        } else {
                            c.passed += 1;
                            true
                        }
                    } else {
                        c.passed += 1;
                        true
                    };
                    if t >= self.watch_from {
                        out.after_watch.0 += 1;
                        out.after_watch.1 += u32::from(passed);
                    }
                    if passed {
                        passed_now += 1;
                        if ty.spend.is_some() {
                            spends.push(k);
                        }
                    }
                }
            }
            // Spends settle after all of the step's votes, in proposal order.
            for &k in &spends {
                let c = &mut out.per_type[k];
                if frozen {
                    c.blocked += 1;
                    continue;
                }
                let (lo, hi) = types[k].spend.unwrap_or((0.0, 0.0));
                let amount = lo + (hi - lo) * uniform(&mut rng);
                if amount <= balance {
                    balance -= amount;
                    c.executed += 1;
                } else {
                    c.insolvent += 1;
                }
            }
            out.passed_per_step.push(passed_now);
            out.balance.push(balance);
        }
        for c in &out.per_type {
            let t = &mut out.total;
            t.proposals += c.proposals;
            t.passed += c.passed;
            t.no_quorum += c.no_quorum;
            t.rejected += c.rejected;
            t.no_signers += c.no_signers;
            t.executed += c.executed;
            t.blocked += c.blocked;
            t.insolvent += c.insolvent;
        }
        if out.total.proposals > 0 {
            out.turnout = Some(turnout_sum / f64::from(out.total.proposals));
        }
        out
    }
}

/// The members of one step, packed for the member loop (see [`Plan::voters_at`]).
pub(crate) struct Voters {
    /// Total weight `W` at that step.
    pub(crate) total_w: f64,
    wk: Vec<[f32; LANES]>,
    pk: Vec<[f32; LANES]>,
    /// Active holders of each role, by role index.
    pub(crate) active_holders: Vec<u64>,
}

impl Voters {
    /// One proposal's `(cast, yes)` at support `s`, with the reference model's member loop.
    pub(crate) fn tally(&self, x8: &mut X8, s: f64) -> (f64, f64) {
        let (cast, yes) = Kernel::new().tally(x8, &self.wk, &self.pk, s as f32);
        (f64::from(cast), f64::from(yes))
    }
}

/// The member loop alone, on the kernel a run uses: one proposal's `(cast, yes)` over members
/// packed eight to a chunk (the benchmark's bare loop, against which a run's overhead is measured).
pub fn member_loop(x8: &mut X8, w: &[[f32; LANES]], p: &[[f32; LANES]], s: f32) -> (f32, f32) {
    Kernel::new().tally(x8, w, p, s)
}

/// `Binomial(n, p)` on a run's scalar stream (0 when the distribution cannot be built).
pub(crate) fn binomial(rng: &mut ChaCha8Rng, n: u64, p: f64) -> u64 {
    match Binomial::new(n, p.clamp(0.0, 1.0)) {
        Ok(b) => b.sample(rng),
        Err(_) => 0,
    }
}

/// The member loop, on AVX-512 or AVX2 vectors where the CPU has them (decided once, at run
/// time), else on the portable loop; all give the same bits.
#[derive(Clone, Copy)]
struct Kernel {
    #[cfg(target_arch = "x86_64")]
    v4: Option<pulp::x86::V4>,
    #[cfg(target_arch = "x86_64")]
    v3: Option<pulp::x86::V3>,
}

impl Kernel {
    fn new() -> Kernel {
        Kernel {
            #[cfg(target_arch = "x86_64")]
            v4: pulp::x86::V4::try_new(),
            #[cfg(target_arch = "x86_64")]
            v3: pulp::x86::V3::try_new(),
        }
    }

    /// The portable loop only (the other kernels' reference in the tests).
    #[cfg(test)]
    fn portable() -> Kernel {
        Kernel {
            #[cfg(target_arch = "x86_64")]
            v4: None,
            #[cfg(target_arch = "x86_64")]
            v3: None,
        }
    }

    #[inline]
    fn tally(self, x8: &mut X8, w: &[[f32; LANES]], p: &[[f32; LANES]], s: f32) -> (f32, f32) {
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = self.v4 {
            let (c, y) = pulp::Simd::vectorize(simd, crate::avx512::Tally { simd, x8, w, p, s });
            return (hsum(c), hsum(y));
        }
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = self.v3 {
            let (c, y) = pulp::Simd::vectorize(simd, crate::avx2::Tally { simd, x8, w, p, s });
            return (hsum(c), hsum(y));
        }
        pulp::Arch::new().dispatch(Tally { x8, w, p, s })
    }
}

/// The member loop as a `WithSimd` operation, so that pulp inlines it into the function it
/// compiles for the CPU's vector features (AVX2 where there is one), chosen at run time.
struct Tally<'a> {
    x8: &'a mut X8,
    w: &'a [[f32; LANES]],
    p: &'a [[f32; LANES]],
    s: f32,
}

impl pulp::WithSimd for Tally<'_> {
    type Output = (f32, f32);

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> (f32, f32) {
        tally(self.x8, self.w, self.p, self.s)
    }
}

/// The member loop: one uniform `u` per member; a member votes when `u < p_i` and votes yes
/// when `u < p_i * s`. Eight lanes, eight accumulators, no branches. Inactive members and the
/// padding have propensity 0.
#[inline(always)]
fn tally(x8: &mut X8, w: &[[f32; LANES]], p: &[[f32; LANES]], s: f32) -> (f32, f32) {
    let mut x = x8.clone();
    let mut cast = [0f32; LANES];
    let mut yes = [0f32; LANES];
    for (wc, pc) in w.iter().zip(p) {
        let r = x.next_block();
        for l in 0..LANES {
            let u = unit_f32(r[l]);
            cast[l] += if u < pc[l] { wc[l] } else { 0.0 };
            yes[l] += if u < pc[l] * s { wc[l] } else { 0.0 };
        }
    }
    *x8 = x;
    (hsum(cast), hsum(yes))
}

#[inline(always)]
fn hsum(v: [f32; LANES]) -> f32 {
    ((v[0] + v[4]) + (v[2] + v[6])) + ((v[1] + v[5]) + (v[3] + v[7]))
}

/// The mutable part of a run: weights, propensities, who is active.
struct State {
    w: Vec<f64>,
    p: Vec<f64>,
    active: Vec<bool>,
    total_w: f64,
    wk: Vec<[f32; LANES]>,
    pk: Vec<[f32; LANES]>,
    dirty: bool,
}

impl State {
    fn new(inputs: &Inputs) -> State {
        let w: Vec<f64> = inputs.members.iter().map(|m| m.weight).collect();
        let total_w = w.iter().sum();
        let mut st = State {
            p: inputs.members.iter().map(|m| m.propensity).collect(),
            active: vec![true; w.len()],
            w,
            total_w,
            wk: Vec::new(),
            pk: Vec::new(),
            dirty: true,
        };
        st.refresh();
        st
    }

    /// Applies `shock` if it acts at step `t`; returns whether it freezes spends at `t`.
    fn apply(&mut self, shock: &ResolvedShock, t: u32, holders: &[Vec<usize>]) -> bool {
        match *shock {
            ResolvedShock::Contraction { at, factor } if at == t => {
                self.p.iter_mut().for_each(|p| *p *= 1.0 - factor);
                self.dirty = true;
            }
            ResolvedShock::Removal { at, count, ref role } if at == t => {
                let pool: Vec<usize> = match role {
                    None => (0..self.w.len()).collect(),
                    Some(None) => Vec::new(),
                    Some(Some(r)) => holders[*r].clone(),
                };
                let mut pool: Vec<usize> = pool.into_iter().filter(|&i| self.active[i]).collect();
                // Heaviest first, ties to the lower index.
                pool.sort_by(|&a, &b| self.w[b].total_cmp(&self.w[a]).then(a.cmp(&b)));
                for &i in pool.iter().take(count as usize) {
                    self.active[i] = false;
                }
                self.dirty = true;
            }
            ResolvedShock::Concentration { at, share, top } if at == t => {
                let mut order: Vec<usize> = (0..self.w.len()).collect();
                order.sort_by(|&a, &b| self.w[b].total_cmp(&self.w[a]).then(a.cmp(&b)));
                let top: Vec<usize> = order.into_iter().take(top as usize).collect();
                let before: Vec<f64> = top.iter().map(|&i| self.w[i]).collect();
                let top_sum: f64 = before.iter().sum();
                let mass = share * self.total_w;
                self.w.iter_mut().for_each(|w| *w *= 1.0 - share);
                for (j, &i) in top.iter().enumerate() {
                    let part = if top_sum > 0.0 { before[j] / top_sum } else { 1.0 / top.len() as f64 };
                    self.w[i] += mass * part;
                }
                self.dirty = true;
            }
            ResolvedShock::Freeze { from, until } => return from <= t && t < until,
            ResolvedShock::Scaling { from, until, joiners, weight, propensity } if from <= t && t < until => {
                for _ in 0..joiners {
                    self.w.push(weight);
                    self.p.push(propensity);
                    self.active.push(true);
                }
                self.total_w += weight * f64::from(joiners);
                self.dirty = true;
            }
            _ => {}
        }
        false
    }

    /// Rebuilds the loop's padded `f32` arrays after a change.
    fn refresh(&mut self) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        let chunks = self.w.len().div_ceil(LANES);
        self.wk.clear();
        self.pk.clear();
        self.wk.resize(chunks, [0.0; LANES]);
        self.pk.resize(chunks, [0.0; LANES]);
        for i in 0..self.w.len() {
            self.wk[i / LANES][i % LANES] = self.w[i] as f32;
            self.pk[i / LANES][i % LANES] = if self.active[i] { self.p[i] as f32 } else { 0.0 };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vector_and_portable_member_loops_give_the_same_bits() {
        let mut rng = run_stream(5, 0);
        let w: Vec<[f32; LANES]> =
            (0..300).map(|_| std::array::from_fn(|_| (uniform(&mut rng) * 10.0) as f32)).collect();
        let p: Vec<[f32; LANES]> = (0..300).map(|_| std::array::from_fn(|_| uniform(&mut rng) as f32)).collect();
        let start = X8::from_stream(&mut rng);
        let mut reference = start.clone();
        let portable = Kernel::portable().tally(&mut reference, &w, &p, 0.37);
        let end = reference.next_block();
        // Every kernel this CPU has: AVX-512, then AVX2 alone, then whatever `new` picks.
        let mut kernels = vec![("chosen", Kernel::new())];
        #[cfg(target_arch = "x86_64")]
        {
            kernels.push(("avx512", Kernel { v3: None, ..Kernel::new() }));
            kernels.push(("avx2", Kernel { v4: None, ..Kernel::new() }));
        }
        for (name, k) in kernels {
            let mut x = start.clone();
            let fast = k.tally(&mut x, &w, &p, 0.37);
            assert_eq!(fast.0.to_bits(), portable.0.to_bits(), "{name}: cast");
            assert_eq!(fast.1.to_bits(), portable.1.to_bits(), "{name}: yes");
            assert_eq!(x.next_block(), end, "{name} leaves the generator where the portable loop does");
        }
    }
}
