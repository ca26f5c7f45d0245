//! Statistics over runs: mean, sample standard deviation, standard error, percentiles.
//!
//! Runs are summarised as they finish ([`Column`]), so memory does not grow with the number of
//! runs: up to [`EXACT_VALUES`] values a column keeps them all and its figures are exactly the
//! spec's (linear interpolation between order statistics); beyond that it keeps counts per
//! distinct value (exact while there are at most [`DISTINCT_VALUES`] of them, as for counts
//! of proposals) and then per logarithmic bin of relative width [`SKETCH_ACCURACY`] (the
//! DDSketch scheme), and running moments. Counts add, so the summary of a set of values is
//! the same whatever order they were merged in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A figure over runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimSummary"))]
pub struct Summary {
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (÷ (R − 1); 0 for a single run).
    pub std: f64,
    /// Standard error of the mean: std / √R.
    pub se: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Summary {
    /// The summary of `values` (NaN everywhere for no values). Percentiles interpolate
    /// linearly between order statistics (position `(n - 1) q`).
    pub fn of(values: &[f64]) -> Summary {
        let n = values.len();
        if n == 0 {
            return Summary { mean: f64::NAN, std: f64::NAN, se: f64::NAN, p5: f64::NAN, p50: f64::NAN, p95: f64::NAN };
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let std =
            if n > 1 { (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt() } else { 0.0 };
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Summary {
            mean,
            std,
            se: std / (n as f64).sqrt(),
            p5: percentile(&sorted, 0.05),
            p50: percentile(&sorted, 0.50),
            p95: percentile(&sorted, 0.95),
        }
    }
}

/// The `q` quantile of sorted values, by linear interpolation between order statistics.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * q;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// A per-step band: the 5th, 50th and 95th percentiles at every step.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimBand"))]
pub struct Band {
    /// 5th percentile per step.
    pub p5: Vec<f64>,
    /// Median per step.
    pub p50: Vec<f64>,
    /// 95th percentile per step.
    pub p95: Vec<f64>,
}

impl Band {
    /// The band of `steps` series given by `at(run, step)` over `runs` runs.
    pub fn of(runs: usize, steps: usize, at: impl Fn(usize, usize) -> f64) -> Band {
        let mut band = Band::default();
        let mut col = Vec::with_capacity(runs);
        for t in 0..steps {
            col.clear();
            col.extend((0..runs).map(|r| at(r, t)));
            col.sort_by(f64::total_cmp);
            band.p5.push(percentile(&col, 0.05));
            band.p50.push(percentile(&col, 0.50));
            band.p95.push(percentile(&col, 0.95));
        }
        band
    }
}

/// Values a [`Column`] keeps one by one; its figures are exact up to this many runs.
pub const EXACT_VALUES: usize = 10_000;

/// Distinct values a [`Column`] counts exactly once it no longer keeps every value.
pub const DISTINCT_VALUES: usize = 1024;

/// Relative accuracy of a percentile read from logarithmic bins: the value returned is within
/// this fraction of a value between the two order statistics interpolated.
pub const SKETCH_ACCURACY: f64 = 1e-3;

/// A figure over runs, summarised as runs finish, in run order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Column(State);

#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Every value, in the order pushed.
    Exact(Vec<f64>),
    /// Counts and running moments.
    Sketch(Sketch),
}

impl Default for State {
    fn default() -> Self {
        State::Exact(Vec::new())
    }
}

/// Counts of values and their running moments (Welford's, in push order).
#[derive(Debug, Clone, PartialEq, Default)]
struct Sketch {
    n: u64,
    mean: f64,
    m2: f64,
    counts: Counts,
}

/// Counts per distinct value, or per logarithmic bin once there are too many distinct values.
#[derive(Debug, Clone, PartialEq)]
enum Counts {
    /// Keyed by [`order_key`].
    Distinct(BTreeMap<i64, u64>),
    /// Negative values by bin of `-v`, zeros, positive values by bin of `v`.
    Binned { neg: BTreeMap<i32, u64>, zero: u64, pos: BTreeMap<i32, u64> },
}

impl Default for Counts {
    fn default() -> Self {
        Counts::Distinct(BTreeMap::new())
    }
}

/// A key whose integer order is `f64::total_cmp`'s order.
fn order_key(v: f64) -> i64 {
    let b = v.to_bits() as i64;
    b ^ ((((b >> 63) as u64) >> 1) as i64)
}

fn from_order_key(k: i64) -> f64 {
    f64::from_bits((k ^ ((((k >> 63) as u64) >> 1) as i64)) as u64)
}

fn gamma() -> f64 {
    (1.0 + SKETCH_ACCURACY) / (1.0 - SKETCH_ACCURACY)
}

/// The bin of a positive value: `ceil(log_gamma(v))`.
fn bin(v: f64) -> i32 {
    (v.ln() / gamma().ln()).ceil() as i32
}

/// The value a bin stands for: within [`SKETCH_ACCURACY`] of every value in it.
fn bin_value(i: i32) -> f64 {
    let g = gamma();
    2.0 * g.powi(i) / (g + 1.0)
}

impl Counts {
    fn add(&mut self, v: f64, c: u64) {
        match self {
            Counts::Distinct(map) => {
                *map.entry(order_key(v)).or_default() += c;
                if map.len() > DISTINCT_VALUES {
                    let all = std::mem::take(map);
                    *self = Counts::Binned { neg: BTreeMap::new(), zero: 0, pos: BTreeMap::new() };
                    for (k, c) in all {
                        self.add(from_order_key(k), c);
                    }
                }
            }
            Counts::Binned { neg, zero, pos } => {
                if v > 0.0 {
                    *pos.entry(bin(v)).or_default() += c;
                } else if v < 0.0 {
                    *neg.entry(bin(-v)).or_default() += c;
                } else {
                    *zero += c;
                }
            }
        }
    }

    /// Values (or bin values) with their counts, in ascending order.
    fn ascending(&self) -> Vec<(f64, u64)> {
        match self {
            Counts::Distinct(map) => map.iter().map(|(&k, &c)| (from_order_key(k), c)).collect(),
            Counts::Binned { neg, zero, pos } => {
                let mut out: Vec<(f64, u64)> = neg.iter().rev().map(|(&i, &c)| (-bin_value(i), c)).collect();
                if *zero > 0 {
                    out.push((0.0, *zero));
                }
                out.extend(pos.iter().map(|(&i, &c)| (bin_value(i), c)));
                out
            }
        }
    }

    /// Entries kept (distinct values or bins).
    fn len(&self) -> usize {
        match self {
            Counts::Distinct(map) => map.len(),
            Counts::Binned { neg, zero, pos } => neg.len() + pos.len() + usize::from(*zero > 0),
        }
    }
}

impl Sketch {
    fn push(&mut self, v: f64) {
        self.n += 1;
        let d = v - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (v - self.mean);
        self.counts.add(v, 1);
    }

    /// The `q` quantile by linear interpolation between the order statistics around rank
    /// `(n - 1) q`, each read from its value's count or bin.
    fn quantile(&self, asc: &[(f64, u64)], q: f64) -> f64 {
        let h = (self.n - 1) as f64 * q;
        let lo = h.floor() as u64;
        let hi = (lo + 1).min(self.n - 1);
        let at = |rank: u64| {
            let mut seen = 0u64;
            for &(v, c) in asc {
                seen += c;
                if rank < seen {
                    return v;
                }
            }
            asc.last().map_or(f64::NAN, |&(v, _)| v)
        };
        let (a, b) = (at(lo), at(hi));
        a + (h - lo as f64) * (b - a)
    }
}

impl Column {
    /// Adds the next run's value.
    pub fn push(&mut self, v: f64) {
        match &mut self.0 {
            State::Exact(values) if values.len() < EXACT_VALUES => values.push(v),
            State::Exact(values) => {
                let mut sketch = Sketch::default();
                for &x in values.iter() {
                    sketch.push(x);
                }
                sketch.push(v);
                self.0 = State::Sketch(sketch);
            }
            State::Sketch(sketch) => sketch.push(v),
        }
    }

    /// Values pushed.
    pub fn len(&self) -> usize {
        match &self.0 {
            State::Exact(values) => values.len(),
            State::Sketch(s) => s.n as usize,
        }
    }

    /// Whether no value was pushed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the figures are exact (every value kept, or every distinct value counted).
    pub fn is_exact(&self) -> bool {
        match &self.0 {
            State::Exact(_) => true,
            State::Sketch(s) => matches!(s.counts, Counts::Distinct(_)),
        }
    }

    /// Numbers held in memory (values, or counts and bins): bounded whatever the runs.
    pub fn retained(&self) -> usize {
        match &self.0 {
            State::Exact(values) => values.len(),
            State::Sketch(s) => s.counts.len(),
        }
    }

    /// Mean (the exact sum over the count while values are kept).
    pub fn mean(&self) -> f64 {
        match &self.0 {
            State::Exact(values) if values.is_empty() => f64::NAN,
            State::Exact(values) => values.iter().sum::<f64>() / values.len() as f64,
            State::Sketch(s) => s.mean,
        }
    }

    /// The summary: [`Summary::of`] the values while they are kept.
    pub fn summary(&self) -> Summary {
        match &self.0 {
            State::Exact(values) => Summary::of(values),
            State::Sketch(s) => {
                let std = (s.m2 / (s.n - 1) as f64).sqrt();
                let asc = s.counts.ascending();
                Summary {
                    mean: s.mean,
                    std,
                    se: std / (s.n as f64).sqrt(),
                    p5: s.quantile(&asc, 0.05),
                    p50: s.quantile(&asc, 0.50),
                    p95: s.quantile(&asc, 0.95),
                }
            }
        }
    }

    /// The 5th, 50th and 95th percentiles (as [`Band::of`] computes them while values are kept).
    pub fn percentiles(&self) -> [f64; 3] {
        match &self.0 {
            State::Exact(values) => {
                let mut sorted = values.clone();
                sorted.sort_by(f64::total_cmp);
                [percentile(&sorted, 0.05), percentile(&sorted, 0.50), percentile(&sorted, 0.95)]
            }
            State::Sketch(_) => {
                let s = self.summary();
                [s.p5, s.p50, s.p95]
            }
        }
    }
}

impl Band {
    /// The band of per-step columns.
    pub fn of_columns(columns: &[Column]) -> Band {
        let mut band = Band::default();
        for c in columns {
            let [p5, p50, p95] = c.percentiles();
            band.p5.push(p5);
            band.p50.push(p50);
            band.p95.push(p95);
        }
        band
    }
}

/// The normal quantile of a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A change against the baseline with its uncertainty: the mean over runs of the paired
/// difference (the scenario's run `r` minus the baseline's run `r`, both on the same random
/// streams), its standard error, and the 95% interval `mean ± 1.96 se` (normal approximation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimDelta"))]
pub struct Delta {
    /// Scenario minus baseline.
    pub mean: f64,
    /// Standard error of `mean`.
    pub se: f64,
    /// Lower end of the 95% interval.
    pub lo: f64,
    /// Upper end of the 95% interval.
    pub hi: f64,
    /// The interval contains 0: the change cannot be told from the runs' own noise.
    pub within_noise: bool,
    /// Pairs of runs it rests on.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pairs: u64,
}

impl Delta {
    /// The delta of `mean` with standard error `se` over `pairs` pairs; `None` when the
    /// error is not a finite number (fewer than two pairs, an undefined figure).
    pub fn new(mean: f64, se: f64, pairs: u64) -> Option<Delta> {
        if !(mean.is_finite() && se.is_finite()) || pairs < 2 {
            return None;
        }
        let (lo, hi) = (mean - Z95 * se, mean + Z95 * se);
        Some(Delta { mean, se, lo, hi, within_noise: lo <= 0.0 && 0.0 <= hi, pairs })
    }
}

/// Running mean and sum of squared deviations (Welford's, in push order: the same values in
/// the same order give the same bits).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Moments {
    /// Adds one value.
    pub fn push(&mut self, v: f64) {
        self.n += 1;
        let d = v - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (v - self.mean);
    }

    /// The mean of the values as a [`Delta`] (they are paired differences).
    pub fn delta(&self) -> Option<Delta> {
        if self.n < 2 {
            return None;
        }
        let var = self.m2 / (self.n - 1) as f64;
        Delta::new(self.mean, (var / self.n as f64).sqrt(), self.n)
    }
}

/// Running means and co-moments of `K` figures measured on the same run (the online
/// covariance update, in push order), for standard errors of functions of several means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoMoments<const K: usize> {
    n: u64,
    mean: [f64; K],
    c: [[f64; K]; K],
}

impl<const K: usize> Default for CoMoments<K> {
    fn default() -> Self {
        CoMoments { n: 0, mean: [0.0; K], c: [[0.0; K]; K] }
    }
}

impl<const K: usize> CoMoments<K> {
    /// Adds one run's `K` figures.
    pub fn push(&mut self, x: [f64; K]) {
        self.n += 1;
        let before = self.mean;
        for (m, v) in self.mean.iter_mut().zip(x) {
            *m += (v - *m) / self.n as f64;
        }
        for i in 0..K {
            for j in 0..K {
                self.c[i][j] += (x[i] - before[i]) * (x[j] - self.mean[j]);
            }
        }
    }

    /// Runs pushed.
    pub fn len(&self) -> u64 {
        self.n
    }

    /// Whether nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The means.
    pub fn means(&self) -> [f64; K] {
        self.mean
    }

    /// The standard error of `f(means)` by the delta method, for the gradient `grad` of `f`
    /// at the means: `sqrt(gᵀ Σ g / n)` with `Σ` the sample covariance (NaN below two runs).
    pub fn se_of(&self, grad: [f64; K]) -> f64 {
        if self.n < 2 {
            return f64::NAN;
        }
        let mut v = 0.0;
        for i in 0..K {
            for j in 0..K {
                v += grad[i] * grad[j] * self.c[i][j];
            }
        }
        (v.max(0.0) / (self.n - 1) as f64 / self.n as f64).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_matches_hand_computed_values() {
        let s = Summary::of(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(s.mean, 3.0);
        assert!((s.std - 2.5f64.sqrt()).abs() < 1e-12);
        assert!((s.se - s.std / 5f64.sqrt()).abs() < 1e-12);
        assert!((s.p5 - 1.2).abs() < 1e-12);
        assert_eq!(s.p50, 3.0);
        assert!((s.p95 - 4.8).abs() < 1e-12);
        assert_eq!(Summary::of(&[7.0]).std, 0.0);
    }

    /// A column that keeps every value gives exactly `Summary::of` and `Band::of`.
    #[test]
    fn a_column_below_the_bound_is_exact() {
        let values: Vec<f64> = (0..5000).map(|i| ((i * 7919) % 1000) as f64 * 1.5 - 300.0).collect();
        let mut c = Column::default();
        values.iter().for_each(|&v| c.push(v));
        assert!(c.is_exact());
        assert_eq!(c.summary(), Summary::of(&values));
        let band = Band::of(values.len(), 1, |r, _| values[r]);
        assert_eq!(Band::of_columns(&[c]), band);
    }

    /// Beyond the bound, memory stays flat, integer counts stay exact, and continuous values'
    /// percentiles stay within the sketch's relative accuracy of the exact ones.
    #[test]
    fn a_column_beyond_the_bound_is_bounded_and_close() {
        let n = 200_000u64;
        let mut counts = Column::default();
        let mut money = Column::default();
        let mut all = Vec::new();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for i in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let u = (x >> 11) as f64 / (1u64 << 53) as f64;
            counts.push((i % 7) as f64);
            let v = 1e6 * (-u.ln()) - 2e5;
            money.push(v);
            all.push(v);
        }
        assert_eq!(counts.len(), n as usize);
        assert!(counts.is_exact() && counts.retained() == 7, "{}", counts.retained());
        let exact_counts = Summary::of(&(0..n).map(|i| (i % 7) as f64).collect::<Vec<_>>());
        let got = counts.summary();
        assert_eq!((got.p5, got.p50, got.p95), (exact_counts.p5, exact_counts.p50, exact_counts.p95));
        assert!((got.mean - exact_counts.mean).abs() < 1e-9 && (got.std - exact_counts.std).abs() < 1e-9);

        assert!(!money.is_exact());
        assert!(money.retained() < 20_000, "bins kept: {}", money.retained());
        let exact = Summary::of(&all);
        let got = money.summary();
        for (g, e) in [(got.p5, exact.p5), (got.p50, exact.p50), (got.p95, exact.p95)] {
            assert!((g - e).abs() <= 2.0 * SKETCH_ACCURACY * e.abs() + 1e-9, "{g} vs {e}");
        }
        assert!((got.mean - exact.mean).abs() < 1e-6 * exact.mean.abs());
        assert!((got.std - exact.std).abs() < 1e-6 * exact.std);
    }

    /// A paired difference's interval is `mean ± 1.96 se` and says "within noise" exactly when
    /// it holds 0; a constant shift has no noise at all.
    #[test]
    fn paired_deltas_and_their_noise() {
        let mut m = Moments::default();
        [1.0, -1.0, 2.0, 0.0].iter().for_each(|&v| m.push(v));
        let d = m.delta().expect("four pairs");
        // mean 0.5, sample variance 5/3, se sqrt(5/3 / 4).
        assert!((d.mean - 0.5).abs() < 1e-15 && (d.se - (5.0f64 / 12.0).sqrt()).abs() < 1e-15);
        assert!((d.lo - (0.5 - Z95 * d.se)).abs() < 1e-15 && d.within_noise && d.pairs == 4);
        let mut shift = Moments::default();
        [3.0; 5].iter().for_each(|&v| shift.push(v));
        let d = shift.delta().expect("five pairs");
        assert_eq!((d.mean, d.se, d.within_noise), (3.0, 0.0, false));
        let mut none = Moments::default();
        none.push(1.0);
        assert_eq!(none.delta(), None, "one pair has no standard error");
    }

    /// The delta method's error of a mean is the mean's own standard error; of a difference of
    /// two means, the paired difference's.
    #[test]
    fn co_moments_give_the_standard_errors_of_functions_of_means() {
        let xs = [(1.0, 2.0), (2.0, 2.5), (4.0, 3.0), (3.0, 5.0), (5.0, 4.5)];
        let mut c = CoMoments::<2>::default();
        let mut diff = Moments::default();
        xs.iter().for_each(|&(a, b)| {
            c.push([a, b]);
            diff.push(a - b);
        });
        let a: Vec<f64> = xs.iter().map(|x| x.0).collect();
        assert!((c.se_of([1.0, 0.0]) - Summary::of(&a).se).abs() < 1e-12);
        assert!((c.se_of([1.0, -1.0]) - diff.delta().expect("pairs").se).abs() < 1e-12);
        let [ma, mb] = c.means();
        assert!((ma - 3.0).abs() < 1e-12 && (mb - 3.4).abs() < 1e-12);
    }
}
