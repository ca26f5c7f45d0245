//! The member loop written with explicit AVX2 vectors (pulp's `V3`, chosen at run time when
//! the CPU has it). It performs exactly the scalar loop's integer and `f32` operations, lane
//! by lane and in the same order, so both give bit-identical results.

use crate::rng::X8;
use pulp::x86::V3;
use pulp::{f32x8, u32x8};

/// One proposal's tally over all members, as a pulp operation inlined into V3's AVX2 function.
pub(crate) struct Tally<'a> {
    pub simd: V3,
    pub x8: &'a mut X8,
    pub w: &'a [[f32; 8]],
    pub p: &'a [[f32; 8]],
    pub s: f32,
}

impl pulp::WithSimd for Tally<'_> {
    type Output = ([f32; 8], [f32; 8]);

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> Self::Output {
        let v = self.simd;
        let mut s0: u32x8 = pulp::cast(self.x8.s0);
        let mut s1: u32x8 = pulp::cast(self.x8.s1);
        let mut s2: u32x8 = pulp::cast(self.x8.s2);
        let mut s3: u32x8 = pulp::cast(self.x8.s3);
        let scale = v.splat_f32x8(1.0 / 16_777_216.0);
        let sv = v.splat_f32x8(self.s);
        let zero = v.splat_f32x8(0.0);
        let mut cast_acc = zero;
        let mut yes_acc = zero;
        for (wc, pc) in self.w.iter().zip(self.p) {
            let wv: f32x8 = pulp::cast(*wc);
            let pv: f32x8 = pulp::cast(*pc);
            let sum = v.wrapping_add_u32x8(s0, s3);
            let rot = v.or_u32x8(v.shl_const_u32x8::<7>(sum), v.shr_const_u32x8::<25>(sum));
            let out = v.wrapping_add_u32x8(rot, s0);
            let t = v.shl_const_u32x8::<9>(s1);
            s2 = v.xor_u32x8(s2, s0);
            s3 = v.xor_u32x8(s3, s1);
            s1 = v.xor_u32x8(s1, s2);
            s0 = v.xor_u32x8(s0, s3);
            s2 = v.xor_u32x8(s2, t);
            s3 = v.or_u32x8(v.shl_const_u32x8::<11>(s3), v.shr_const_u32x8::<21>(s3));
            let u = v.mul_f32x8(v.convert_i32x8_to_f32x8(pulp::cast(v.shr_const_u32x8::<8>(out))), scale);
            let vote = v.cmp_lt_f32x8(u, pv);
            let yes = v.cmp_lt_f32x8(u, v.mul_f32x8(pv, sv));
            cast_acc = v.add_f32x8(cast_acc, v.select_f32x8(vote, wv, zero));
            yes_acc = v.add_f32x8(yes_acc, v.select_f32x8(yes, wv, zero));
        }
        self.x8.s0 = pulp::cast(s0);
        self.x8.s1 = pulp::cast(s1);
        self.x8.s2 = pulp::cast(s2);
        self.x8.s3 = pulp::cast(s3);
        (pulp::cast(cast_acc), pulp::cast(yes_acc))
    }
}

/// Raw generator words, xor-folded (the benchmark's draws per second).
pub(crate) struct Fill<'a> {
    pub simd: V3,
    pub x8: &'a mut X8,
    pub blocks: usize,
}

impl pulp::WithSimd for Fill<'_> {
    type Output = [u32; 8];

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> Self::Output {
        let v = self.simd;
        let mut s0: u32x8 = pulp::cast(self.x8.s0);
        let mut s1: u32x8 = pulp::cast(self.x8.s1);
        let mut s2: u32x8 = pulp::cast(self.x8.s2);
        let mut s3: u32x8 = pulp::cast(self.x8.s3);
        let mut acc = v.splat_u32x8(0);
        for _ in 0..self.blocks {
            let sum = v.wrapping_add_u32x8(s0, s3);
            let rot = v.or_u32x8(v.shl_const_u32x8::<7>(sum), v.shr_const_u32x8::<25>(sum));
            acc = v.xor_u32x8(acc, v.wrapping_add_u32x8(rot, s0));
            let t = v.shl_const_u32x8::<9>(s1);
            s2 = v.xor_u32x8(s2, s0);
            s3 = v.xor_u32x8(s3, s1);
            s1 = v.xor_u32x8(s1, s2);
            s0 = v.xor_u32x8(s0, s3);
            s2 = v.xor_u32x8(s2, t);
            s3 = v.or_u32x8(v.shl_const_u32x8::<11>(s3), v.shr_const_u32x8::<21>(s3));
        }
        self.x8.s0 = pulp::cast(s0);
        self.x8.s1 = pulp::cast(s1);
        self.x8.s2 = pulp::cast(s2);
        self.x8.s3 = pulp::cast(s3);
        pulp::cast(acc)
    }
}
