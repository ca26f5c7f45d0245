//! The member loop on AVX-512 (pulp's `V4`, chosen at run time when the CPU has it), still on
//! eight 32-bit lanes: AVX-512VL gives 256-bit vectors a one-instruction rotate and compares
//! into mask registers with masked adds, which remove six of the AVX2 loop's twenty-four
//! operations per eight visits. Sixteen lanes would change which member each lane's generator
//! serves, so the lane count stays at eight and the results stay bit-identical: every integer
//! and `f32` operation is the scalar loop's, lane by lane and in the same order (a masked add
//! leaves the sum as adding `0.0` to it does, since a sum of non-negative weights is never `-0.0`).

use crate::rng::X8;
use core::arch::x86_64::{__m256, __m256i, _CMP_LT_OQ};
use pulp::x86::V4;

/// One proposal's tally over all members (see [`crate::avx2::Tally`]).
pub(crate) struct Tally<'a> {
    pub simd: V4,
    pub x8: &'a mut X8,
    pub w: &'a [[f32; 8]],
    pub p: &'a [[f32; 8]],
    pub s: f32,
}

/// The state as vectors, and back.
#[inline(always)]
fn load(x8: &X8) -> [__m256i; 4] {
    [pulp::cast(x8.s0), pulp::cast(x8.s1), pulp::cast(x8.s2), pulp::cast(x8.s3)]
}

#[inline(always)]
fn store(x8: &mut X8, s: [__m256i; 4]) {
    x8.s0 = pulp::cast(s[0]);
    x8.s1 = pulp::cast(s[1]);
    x8.s2 = pulp::cast(s[2]);
    x8.s3 = pulp::cast(s[3]);
}

/// One xoshiro128++ step on all eight lanes: the output word, the state advanced.
#[inline(always)]
fn step(v: V4, s: &mut [__m256i; 4]) -> __m256i {
    let (a2, f) = (v.avx2, v.avx512f);
    let [s0, s1, s2, s3] = *s;
    let out = a2._mm256_add_epi32(f._mm256_rol_epi32::<7>(a2._mm256_add_epi32(s0, s3)), s0);
    let t = a2._mm256_slli_epi32::<9>(s1);
    let s2 = a2._mm256_xor_si256(s2, s0);
    let s3 = a2._mm256_xor_si256(s3, s1);
    let s1 = a2._mm256_xor_si256(s1, s2);
    let s0 = a2._mm256_xor_si256(s0, s3);
    let s2 = a2._mm256_xor_si256(s2, t);
    let s3 = f._mm256_rol_epi32::<11>(s3);
    *s = [s0, s1, s2, s3];
    out
}

impl pulp::WithSimd for Tally<'_> {
    type Output = ([f32; 8], [f32; 8]);

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> Self::Output {
        let v = self.simd;
        let (avx, a2, f) = (v.avx, v.avx2, v.avx512f);
        let mut st = load(self.x8);
        let scale = avx._mm256_set1_ps(1.0 / 16_777_216.0);
        let sv = avx._mm256_set1_ps(self.s);
        let mut cast_acc: __m256 = avx._mm256_setzero_ps();
        let mut yes_acc: __m256 = avx._mm256_setzero_ps();
        for (wc, pc) in self.w.iter().zip(self.p) {
            let wv: __m256 = pulp::cast(*wc);
            let pv: __m256 = pulp::cast(*pc);
            let out = step(v, &mut st);
            let u = avx._mm256_mul_ps(avx._mm256_cvtepi32_ps(a2._mm256_srli_epi32::<8>(out)), scale);
            let vote = f._mm256_cmp_ps_mask::<_CMP_LT_OQ>(u, pv);
            let yes = f._mm256_cmp_ps_mask::<_CMP_LT_OQ>(u, avx._mm256_mul_ps(pv, sv));
            cast_acc = f._mm256_mask_add_ps(cast_acc, vote, cast_acc, wv);
            yes_acc = f._mm256_mask_add_ps(yes_acc, yes, yes_acc, wv);
        }
        store(self.x8, st);
        (pulp::cast(cast_acc), pulp::cast(yes_acc))
    }
}

/// Raw generator words, xor-folded (the benchmark's bare generator loop on this instruction set).
pub(crate) struct Fill<'a> {
    pub simd: V4,
    pub x8: &'a mut X8,
    pub blocks: usize,
}

impl pulp::WithSimd for Fill<'_> {
    type Output = [u32; 8];

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> Self::Output {
        let v = self.simd;
        let mut st = load(self.x8);
        let mut acc = v.avx._mm256_setzero_si256();
        for _ in 0..self.blocks {
            acc = v.avx2._mm256_xor_si256(acc, step(v, &mut st));
        }
        store(self.x8, st);
        pulp::cast(acc)
    }
}
