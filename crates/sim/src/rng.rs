//! Random streams: one per run, derived from `(seed, run)` alone.
//!
//! Each run owns a ChaCha8 stream (`seed` as the key, `run` as the stream number) for its
//! scalar draws (Poisson arrivals, Beta support, signers, spends), and an eight-lane
//! xoshiro128++ generator seeded from that stream for the member loop: one uniform per
//! member visit, eight at a time. Both are defined on integers, so a run's draws are the same
//! on every machine and for any number of threads; the member loop is written over fixed
//! arrays of eight lanes, which run as one 256-bit vector on AVX2 or AVX-512.

use rand::SeedableRng;
use rand::rand_core::Rng as _;
use rand_chacha::ChaCha8Rng;

/// Lanes of the vector generator.
pub const LANES: usize = 8;

/// The scalar stream of run `run` of a simulation seeded with `seed`.
pub fn run_stream(seed: u64, run: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(run);
    rng
}

/// A uniform `f64` in [0, 1) with 53 random bits.
#[inline]
pub fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Eight independent xoshiro128++ generators side by side (structure of arrays).
#[derive(Debug, Clone)]
pub struct X8 {
    pub(crate) s0: [u32; LANES],
    pub(crate) s1: [u32; LANES],
    pub(crate) s2: [u32; LANES],
    pub(crate) s3: [u32; LANES],
}

impl X8 {
    /// Seeds the eight lanes from a scalar stream; a lane whose state would be all zero
    /// (the one state xoshiro cannot leave) gets a fixed non-zero word instead.
    pub fn from_stream(rng: &mut ChaCha8Rng) -> X8 {
        let mut x = X8 { s0: [0; LANES], s1: [0; LANES], s2: [0; LANES], s3: [0; LANES] };
        for l in 0..LANES {
            x.s0[l] = rng.next_u32();
            x.s1[l] = rng.next_u32();
            x.s2[l] = rng.next_u32();
            x.s3[l] = rng.next_u32();
            if x.s0[l] | x.s1[l] | x.s2[l] | x.s3[l] == 0 {
                x.s0[l] = 0x9E37_79B9;
            }
        }
        x
    }

    /// The next eight 32-bit outputs, one per lane.
    #[inline(always)]
    #[allow(clippy::needless_range_loop)] // lane-wise arrays, written for the vectoriser
    pub fn next_block(&mut self) -> [u32; LANES] {
        let mut out = [0u32; LANES];
        for l in 0..LANES {
            let (s0, s1, s2, s3) = (self.s0[l], self.s1[l], self.s2[l], self.s3[l]);
            out[l] = s0.wrapping_add(s3).rotate_left(7).wrapping_add(s0);
            let t = s1 << 9;
            let s2 = s2 ^ s0;
            let s3 = s3 ^ s1;
            let s1 = s1 ^ s2;
            let s0 = s0 ^ s3;
            let s2 = s2 ^ t;
            let s3 = s3.rotate_left(11);
            self.s0[l] = s0;
            self.s1[l] = s1;
            self.s2[l] = s2;
            self.s3[l] = s3;
        }
        out
    }
}

/// A uniform `f32` in [0, 1) from the top 24 bits of a word (exact in `f32`).
#[inline(always)]
pub fn unit_f32(x: u32) -> f32 {
    // The shifted value is below 2^24, so the signed conversion (one instruction on x86) is exact.
    ((x >> 8) as i32) as f32 * (1.0 / 16_777_216.0)
}

/// Fills `out` with raw generator words, dispatched on the CPU's vector features (the
/// benchmark's measure of raw draws per second). Returns the xor of all words so that the
/// work cannot be optimised away.
pub fn fill(x: &mut X8, blocks: usize) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = pulp::x86::V4::try_new() {
        let acc = pulp::Simd::vectorize(simd, crate::avx512::Fill { simd, x8: x, blocks });
        return acc.iter().fold(0, |a, b| a ^ b);
    }
    #[cfg(target_arch = "x86_64")]
    if let Some(simd) = pulp::x86::V3::try_new() {
        let acc = pulp::Simd::vectorize(simd, crate::avx2::Fill { simd, x8: x, blocks });
        return acc.iter().fold(0, |a, b| a ^ b);
    }
    pulp::Arch::new().dispatch(Fill { x, blocks })
}

/// The raw-draw loop as a `WithSimd` operation: its body is inlined into the function pulp
/// compiles for the CPU's features (a closure would stay a separate, baseline function).
struct Fill<'a> {
    x: &'a mut X8,
    blocks: usize,
}

impl pulp::WithSimd for Fill<'_> {
    type Output = u32;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> u32 {
        let mut x = self.x.clone();
        let mut acc = [0u32; LANES];
        for _ in 0..self.blocks {
            let v = x.next_block();
            for l in 0..LANES {
                acc[l] ^= v[l];
            }
        }
        *self.x = x;
        acc.iter().fold(0, |a, b| a ^ b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_follow_the_reference_xoshiro128plusplus() {
        // Reference: xoshiro128++ from state (1, 2, 3, 4) gives 641, 1573767, 3222811527.
        let mut x = X8 { s0: [1; LANES], s1: [2; LANES], s2: [3; LANES], s3: [4; LANES] };
        assert_eq!(x.next_block(), [641; LANES]);
        assert_eq!(x.next_block(), [1_573_767; LANES]);
        assert_eq!(x.next_block(), [3_222_811_527; LANES]);
    }

    #[test]
    fn streams_depend_on_seed_and_run_only() {
        let a = X8::from_stream(&mut run_stream(7, 3)).next_block();
        assert_eq!(a, X8::from_stream(&mut run_stream(7, 3)).next_block());
        assert_ne!(a, X8::from_stream(&mut run_stream(7, 4)).next_block());
        assert_ne!(a, X8::from_stream(&mut run_stream(8, 3)).next_block());
    }

    #[test]
    fn unit_f32_is_in_the_unit_interval() {
        assert_eq!(unit_f32(0), 0.0);
        assert!(unit_f32(u32::MAX) < 1.0);
    }
}
