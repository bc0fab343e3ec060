//! c += a · b for the three products of an LSTM step that cannot be batched over time:
//! h_{t−1} W_hhᵀ forward, and ∂L/∂z · W_hh and ∂L/∂zᵀ h_{t−1} backward.
//!
//! Natively these go to ndarray's matrix product (matrixmultiply, with AVX and FMA kernels). In
//! the browser, matrixmultiply's `simd128` kernel works on 8×8 tiles of c: sixteen 4-lane
//! accumulators, which is every vector register an x86 machine has, so the browser's compiler
//! spills some of them to memory in the innermost loop. The tiles here are 4×8, eight
//! accumulators, written as plain loops over fixed-size arrays that the compiler turns into
//! `f32x4` arithmetic by itself:
//!
//! ```text
//! for each block of 4 rows of a (copied into a k × 4 panel, one 4-vector per p):
//!     for each block of 8 columns of b and c:
//!         acc[4][8] = 0
//!         for p in 0..k:  acc[r][j] += a[r, p] · b[p, j]      (4 × 8 multiply-adds)
//!         c[block] += acc
//! ```
//!
//! The relaxed-SIMD build of the page (`+relaxed-simd`, chosen by the page when the browser
//! supports it) replaces the innermost `p` loop for `f32` by [`product_tile_relaxed`], which says
//! `f32x4.relaxed_madd` outright; every other build, and `f64` everywhere, runs
//! [`product_tile`].

use super::Float;
use ndarray::{linalg::general_mat_mul, Array2, ArrayView2, ArrayViewMut2};

/// Rows of c computed together: the accumulator tile is `MR × NR`.
pub const MR: usize = 4;
/// Columns of c computed together: two 4-lane vectors of `f32`.
pub const NR: usize = 8;

/// c += a · b, with `a` `[m, k]` in any layout, `b` `[k, n]` and `c` `[m, n]` in standard
/// (row-major) layout. Uses [`add_product_tiled`] in the browser and ndarray's product elsewhere.
pub fn add_product<F: Float>(a: ArrayView2<'_, F>, b: ArrayView2<'_, F>, mut c: ArrayViewMut2<'_, F>) {
    if cfg!(target_arch = "wasm32") {
        add_product_tiled(a, b, c);
    } else {
        general_mat_mul(F::one(), &a, &b, F::one(), &mut c);
    }
}

/// c += a · b in 4×8 tiles (see the module documentation). `b` and `c` must be in standard
/// layout; `a` may be a transposed view.
pub fn add_product_tiled<F: Float>(a: ArrayView2<'_, F>, b: ArrayView2<'_, F>, mut c: ArrayViewMut2<'_, F>) {
    let (m, k) = a.dim();
    let n = b.ncols();
    assert_eq!(b.nrows(), k, "a is [{m}, {k}] but b has {} rows", b.nrows());
    assert_eq!(c.dim(), (m, n), "c should be [{m}, {n}]");
    let b = b.as_slice().expect("b in standard layout");
    let c = c.as_slice_mut().expect("c in standard layout");
    let mut panel = vec![[F::zero(); MR]; k];
    for i0 in (0..m).step_by(MR) {
        let rows = MR.min(m - i0);
        for (p, column) in panel.iter_mut().enumerate() {
            for (r, value) in column.iter_mut().enumerate() {
                *value = if r < rows { a[[i0 + r, p]] } else { F::zero() };
            }
        }
        let mut j0 = 0;
        while j0 + NR <= n {
            let acc = F::product_tile(&panel, b, n, j0);
            for (r, acc_row) in acc.iter().enumerate().take(rows) {
                let c_row = &mut c[(i0 + r) * n + j0..(i0 + r) * n + j0 + NR];
                for (c_rj, &sum) in c_row.iter_mut().zip(acc_row) {
                    *c_rj += sum;
                }
            }
            j0 += NR;
        }
        // The last n mod 8 columns, one at a time.
        for j in j0..n {
            for r in 0..rows {
                let sum = panel
                    .iter()
                    .enumerate()
                    .fold(F::zero(), |s, (p, a_p)| s + a_p[r] * b[p * n + j]);
                c[(i0 + r) * n + j] += sum;
            }
        }
    }
}

/// One `MR × NR` tile of a · b: Σ_p panel[p][r] · b[p, j0 + j], with `b` row-major with `n`
/// columns. The plain loops that LLVM vectorises into `f32x4.mul` + `f32x4.add` (or their
/// `f64x2` forms); [`Float::product_tile`] calls this unless a build has something better.
#[inline(always)]
pub fn product_tile<F: Float>(panel: &[[F; MR]], b: &[F], n: usize, j0: usize) -> [[F; NR]; MR] {
    let mut acc = [[F::zero(); NR]; MR];
    for (p, a_p) in panel.iter().enumerate() {
        let b_p: &[F; NR] = b[p * n + j0..p * n + j0 + NR].try_into().expect("NR values");
        for (acc_row, &a_rp) in acc.iter_mut().zip(a_p) {
            for (sum, &b_pj) in acc_row.iter_mut().zip(b_p) {
                *sum += a_rp * b_pj;
            }
        }
    }
    acc
}

/// [`product_tile`] for `f32` with relaxed SIMD: each step of `p` is eight
/// `f32x4.relaxed_madd(a, b, acc)`, i.e. `acc + a · b` four lanes at a time, one instruction
/// where simd128 needs a multiply and an add.
///
/// "Relaxed" means the WebAssembly spec lets the engine compute it either fused (one rounding,
/// an FMA instruction, which V8 emits on x86 with FMA and on ARM) or unfused (the product rounded
/// to `f32`, then the sum rounded). So this build's losses may differ from the simd128 build's in
/// the last bits, and may differ between machines: equal within a tolerance, not bit for bit
/// (e2e/wasm-builds.spec.js checks 1e-5 relative over 100 epochs).
#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
#[inline(always)]
pub fn product_tile_relaxed(panel: &[[f32; MR]], b: &[f32], n: usize, j0: usize) -> [[f32; NR]; MR] {
    use core::arch::wasm32::{f32x4_relaxed_madd, f32x4_splat, v128, v128_load, v128_store};
    // Row r of the tile is two vectors: columns j0..j0+4 and j0+4..j0+8.
    let mut acc = [[f32x4_splat(0.0); 2]; MR];
    for (p, a_p) in panel.iter().enumerate() {
        let b_p: &[f32; NR] = b[p * n + j0..p * n + j0 + NR].try_into().expect("NR values");
        // SAFETY: `b_p` is 8 contiguous f32, so both 16-byte loads are in bounds; v128_load
        // does not need alignment.
        let (b_lo, b_hi) = unsafe {
            (
                v128_load(b_p.as_ptr().cast::<v128>()),
                v128_load(b_p.as_ptr().add(4).cast::<v128>()),
            )
        };
        for (acc_row, &a_rp) in acc.iter_mut().zip(a_p) {
            let a = f32x4_splat(a_rp);
            acc_row[0] = f32x4_relaxed_madd(a, b_lo, acc_row[0]);
            acc_row[1] = f32x4_relaxed_madd(a, b_hi, acc_row[1]);
        }
    }
    let mut out = [[0.0; NR]; MR];
    for (out_row, acc_row) in out.iter_mut().zip(&acc) {
        // SAFETY: `out_row` is 8 contiguous f32: both 16-byte stores are in bounds.
        unsafe {
            v128_store(out_row.as_mut_ptr().cast::<v128>(), acc_row[0]);
            v128_store(out_row.as_mut_ptr().add(4).cast::<v128>(), acc_row[1]);
        }
    }
    out
}

/// The matrix products of one training epoch of a one-layer LSTM with a one-number input, and
/// nothing else: what `npm run bench` times beside the whole epoch, natively and in each wasm
/// build, to tell how much of the epoch the products are and how much the rest (the gates'
/// activations, the element-wise steps, the optimiser). Per step after the first, as in
/// [`super::lstm`]: h_{t−1} W_hhᵀ for the training batch and for the test batch (the test
/// loss's forward pass), and backward ∂L/∂zᵀ h_{t−1} and ∂L/∂z W_hh. The input's products are
/// thin (one column) and are not matrix products in the model either. The operands hold fixed
/// values in [−0.5, 0.5); the sums are cleared before each epoch as the model clears them.
pub struct EpochProducts {
    steps: usize,
    hidden_prev: Array2<f32>,
    test_hidden_prev: Array2<f32>,
    weight_hh_t: Array2<f32>,
    weight_hh: Array2<f32>,
    d_z: Array2<f32>,
    gates: Array2<f32>,
    test_gates: Array2<f32>,
    grad_weight_hh: Array2<f32>,
    d_hidden: Array2<f32>,
}

impl EpochProducts {
    /// The products of an epoch on `batch` training windows and `test_batch` test windows of
    /// `steps` time steps, `hidden` units.
    pub fn new(batch: usize, test_batch: usize, hidden: usize, steps: usize) -> Self {
        let gates = 4 * hidden;
        let mut seed = 0_u32;
        let mut fill = |rows: usize, cols: usize| {
            Array2::from_shape_simple_fn((rows, cols), || {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (seed >> 8) as f32 / (1 << 24) as f32 - 0.5
            })
        };
        EpochProducts {
            steps,
            hidden_prev: fill(batch, hidden),
            test_hidden_prev: fill(test_batch, hidden),
            weight_hh_t: fill(hidden, gates),
            weight_hh: fill(gates, hidden),
            d_z: fill(batch, gates),
            gates: Array2::zeros((batch, gates)),
            test_gates: Array2::zeros((test_batch, gates)),
            grad_weight_hh: Array2::zeros((gates, hidden)),
            d_hidden: Array2::zeros((batch, hidden)),
        }
    }

    /// One epoch's products; returns a sum of the results, so that no compiler drops the work.
    pub fn run(&mut self) -> f32 {
        self.grad_weight_hh.fill(0.0);
        for _ in 1..self.steps {
            self.gates.fill(0.0);
            add_product(self.hidden_prev.view(), self.weight_hh_t.view(), self.gates.view_mut());
            self.test_gates.fill(0.0);
            add_product(
                self.test_hidden_prev.view(),
                self.weight_hh_t.view(),
                self.test_gates.view_mut(),
            );
            add_product(self.d_z.t(), self.hidden_prev.view(), self.grad_weight_hh.view_mut());
            self.d_hidden.fill(0.0);
            add_product(self.d_z.view(), self.weight_hh.view(), self.d_hidden.view_mut());
        }
        self.gates[[0, 0]] + self.test_gates[[0, 0]] + self.grad_weight_hh[[0, 0]] + self.d_hidden[[0, 0]]
    }

    /// The multiply-adds of one [`run`](Self::run).
    pub fn multiply_adds(&self) -> usize {
        let (batch, hidden) = self.hidden_prev.dim();
        let test_batch = self.test_hidden_prev.nrows();
        let gates = 4 * hidden;
        (self.steps - 1) * (batch * hidden * gates * 3 + test_batch * hidden * gates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use ndarray::Array2;

    /// The tiles give the textbook product for every remainder of rows (m mod 4) and columns
    /// (n mod 8), with `a` as given and transposed.
    #[test]
    fn tiled_product_equals_the_textbook_product() {
        let mut rng = Rng::new(2);
        for (m, k, n) in [
            (1, 1, 1),
            (4, 3, 8),
            (5, 7, 9),
            (11, 40, 20),
            (108, 40, 160),
            (13, 1, 17),
        ] {
            let a = Array2::from_shape_simple_fn((m, k), || rng.uniform(-1.0, 1.0));
            let a_t = Array2::from_shape_simple_fn((k, m), || rng.uniform(-1.0, 1.0));
            let b = Array2::from_shape_simple_fn((k, n), || rng.uniform(-1.0, 1.0));
            let start = Array2::from_shape_simple_fn((m, n), || rng.uniform(-1.0, 1.0));
            for a in [a.view(), a_t.t()] {
                let mut c = start.clone();
                add_product_tiled(a, b.view(), c.view_mut());
                let expected = &start + &a.dot(&b);
                let worst = (&c - &expected).iter().fold(0.0_f64, |w, d| w.max(d.abs()));
                assert!(worst < 1e-12, "[{m}×{k}]·[{k}×{n}]: off by {worst}");
            }
        }
    }

    /// One epoch's products are the products they say: the last step's results equal ndarray's
    /// product of the same operands, and the weight gradient sums one product per step.
    #[test]
    fn epoch_products_compute_the_epochs_products() {
        let mut products = EpochProducts::new(9, 5, 3, 4);
        products.run();
        let close = |a: &Array2<f32>, b: &Array2<f32>| {
            assert_eq!(a.dim(), b.dim());
            let worst = (a - b).iter().fold(0.0_f32, |w, d| w.max(d.abs()));
            assert!(worst < 1e-5, "off by {worst}");
        };
        close(&products.gates, &products.hidden_prev.dot(&products.weight_hh_t));
        close(
            &products.test_gates,
            &products.test_hidden_prev.dot(&products.weight_hh_t),
        );
        close(&products.d_hidden, &products.d_z.dot(&products.weight_hh));
        close(
            &products.grad_weight_hh,
            &(products.d_z.t().dot(&products.hidden_prev) * 3.0),
        );
        assert_eq!(products.gates.dim(), (9, 12));
        assert_eq!(products.multiply_adds(), 3 * (9 * 3 * 12 * 3 + 5 * 3 * 12));
        // A second epoch starts from cleared sums: the same results.
        let first = products.grad_weight_hh.clone();
        products.run();
        close(&products.grad_weight_hh, &first);
    }
}
