//! Statistics over runs: mean, sample standard deviation, standard error, percentiles.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A figure over runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
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
}
