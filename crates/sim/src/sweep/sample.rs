//! Cells from the knobs' values: a grid, a Latin hypercube, Saltelli's scheme on a scrambled
//! Sobol sequence, or Morris trajectories. Every draw comes from seeded streams of their own
//! (not the runs'), so the cells are the same on every machine.

use super::file::Sampling;
use crate::rng::{run_stream, uniform};

/// Streams for sampling and the bootstrap are keyed apart from the runs' by this salt.
pub(crate) const SAMPLING_SALT: u64 = 0x5357_4545_505f_4c48; // "SWEEP_LH"

/// The unit-cube coordinates of every cell (`cells × knobs`, in `[0, 1]`), for sampled methods;
/// the grid's cells are index tuples instead ([`grid`]).
pub fn unit_points(sampling: Sampling, dims: usize, seed: u64) -> Vec<Vec<f64>> {
    match sampling {
        Sampling::Grid => Vec::new(),
        Sampling::LatinHypercube { samples } => latin_hypercube(samples as usize, dims, seed),
        Sampling::Sobol { samples } => saltelli(samples as usize, dims, seed),
        Sampling::Morris { trajectories, levels } => morris(trajectories as usize, levels as usize, dims, seed),
    }
}

/// How many cells a sampled method gives.
pub fn sampled_cells(sampling: Sampling, dims: usize) -> usize {
    match sampling {
        Sampling::Grid => 0,
        Sampling::LatinHypercube { samples } => samples as usize,
        Sampling::Sobol { samples } => samples as usize * (dims + 2),
        Sampling::Morris { trajectories, .. } => trajectories as usize * (dims + 1),
    }
}

/// Every combination of `sizes[k]` values per knob, the first knob varying slowest.
pub fn grid(sizes: &[usize]) -> Vec<Vec<usize>> {
    let total: usize = sizes.iter().product();
    (0..total)
        .map(|mut i| {
            let mut idx = vec![0; sizes.len()];
            for k in (0..sizes.len()).rev() {
                idx[k] = i % sizes[k];
                i /= sizes[k];
            }
            idx
        })
        .collect()
}

/// `n` points: in every dimension one point in each of the `n` strata, in a random order,
/// uniformly placed inside its stratum.
pub fn latin_hypercube(n: usize, dims: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = run_stream(seed ^ SAMPLING_SALT, 1);
    let mut pts = vec![vec![0.0; dims]; n];
    for d in 0..dims {
        let mut perm: Vec<usize> = (0..n).collect();
        // Fisher–Yates with our own uniform draws: the same permutation on every machine.
        for i in (1..n).rev() {
            let j = ((uniform(&mut rng) * (i + 1) as f64) as usize).min(i);
            perm.swap(i, j);
        }
        for (i, p) in pts.iter_mut().enumerate() {
            p[d] = (perm[i] as f64 + uniform(&mut rng)) / n as f64;
        }
    }
    pts
}

/// Saltelli's scheme without second-order terms, in SALib's row order: per base sample j, the
/// rows `A_j`, `AB_j^1 … AB_j^d` (A with column i from B) and `B_j`. A and B are the first and
/// last `d` dimensions of an Owen-scrambled Sobol sequence of `2d` dimensions.
pub fn saltelli(n: usize, dims: usize, seed: u64) -> Vec<Vec<f64>> {
    let scramble = (seed ^ (seed >> 32)) as u32;
    let mut out = Vec::with_capacity(n * (dims + 2));
    for j in 0..n {
        let at = |d: usize| f64::from(sobol_burley::sample(j as u32, d as u32, scramble));
        let a: Vec<f64> = (0..dims).map(at).collect();
        let b: Vec<f64> = (0..dims).map(|d| at(dims + d)).collect();
        out.push(a.clone());
        for i in 0..dims {
            let mut ab = a.clone();
            ab[i] = b[i];
            out.push(ab);
        }
        out.push(b);
    }
    out
}

/// The Morris step in the unit cube for `levels` levels: `p / (2 (p - 1))`.
pub fn morris_delta(levels: usize) -> f64 {
    levels as f64 / (2.0 * (levels as f64 - 1.0))
}

/// `r` Morris trajectories of `dims + 1` points on a grid of `levels` levels: a random base
/// point, then each dimension in a random order moved by ±Δ.
pub fn morris(r: usize, levels: usize, dims: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = run_stream(seed ^ SAMPLING_SALT, 2);
    let p = levels.max(2);
    let delta = morris_delta(p);
    // Base levels from which +Δ stays inside [0, 1].
    let grid_step = 1.0 / (p as f64 - 1.0);
    let base_levels = ((1.0 - delta) / grid_step + 1e-9).floor() as usize + 1;
    let mut out = Vec::with_capacity(r * (dims + 1));
    for _ in 0..r {
        let mut x: Vec<f64> = (0..dims)
            .map(|_| ((uniform(&mut rng) * base_levels as f64) as usize).min(base_levels - 1) as f64 * grid_step)
            .collect();
        let up: Vec<bool> = (0..dims).map(|_| uniform(&mut rng) < 0.5).collect();
        for d in 0..dims {
            if !up[d] {
                x[d] += delta;
            }
        }
        let mut order: Vec<usize> = (0..dims).collect();
        for i in (1..dims).rev() {
            let j = ((uniform(&mut rng) * (i + 1) as f64) as usize).min(i);
            order.swap(i, j);
        }
        out.push(x.clone());
        for &d in &order {
            x[d] += if up[d] { delta } else { -delta };
            out.push(x.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_hypercube_has_one_point_per_stratum() {
        let pts = latin_hypercube(10, 3, 7);
        for d in 0..3 {
            let mut strata: Vec<usize> = pts.iter().map(|p| (p[d] * 10.0) as usize).collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..10).collect::<Vec<_>>());
        }
    }

    #[test]
    fn morris_moves_one_knob_by_delta_per_step() {
        let pts = morris(5, 4, 3, 1);
        let delta = morris_delta(4);
        for t in pts.chunks(4) {
            for w in t.windows(2) {
                let moved: Vec<f64> = w[0].iter().zip(&w[1]).map(|(a, b)| b - a).filter(|d| d.abs() > 1e-12).collect();
                assert_eq!(moved.len(), 1);
                assert!((moved[0].abs() - delta).abs() < 1e-12);
            }
            assert!(t.iter().flatten().all(|v| (-1e-12..=1.0 + 1e-12).contains(v)));
        }
    }

    #[test]
    fn saltelli_rows_share_columns_as_salib_expects() {
        let pts = saltelli(4, 2, 3);
        assert_eq!(pts.len(), 16);
        for b in pts.chunks(4) {
            let (a, ab1, ab2, bb) = (&b[0], &b[1], &b[2], &b[3]);
            assert_eq!((ab1[0], ab1[1]), (bb[0], a[1]));
            assert_eq!((ab2[0], ab2[1]), (a[0], bb[1]));
        }
    }
}
