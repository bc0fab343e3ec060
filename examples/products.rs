//! How long one training epoch's matrix products take natively, alone
//! ([`EpochProducts`]): `npm run bench` sets this beside the whole epoch (`cargo bench`) and
//! the same products in each wasm build, to split the epoch into its products and the rest.
//!
//! ```text
//! cargo run --release --example products                       # the benchmark size
//! cargo run --release --example products -- --batch 108 --test-batch 24 --hidden 40 --steps 12 --json
//! ```
//!
//! The defaults are the benchmark size of `benches/epoch.rs` (108 training and 24 test windows
//! of 12 steps, H = 40). Times are the median over groups of epochs, wall-clock on whatever else
//! the machine is doing; nothing is asserted.

use std::hint::black_box;
use std::time::Instant;

use lstm_conveyor::model::matmul::EpochProducts;

/// Epochs per timed group, and groups.
const GROUP: usize = 20;
const GROUPS: usize = 30;

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} takes a whole number, not {v}"))
        })
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (batch, test_batch) = (arg(&args, "--batch", 108), arg(&args, "--test-batch", 24));
    let (hidden, steps) = (arg(&args, "--hidden", 40), arg(&args, "--steps", 12));
    let mut products = EpochProducts::new(batch, test_batch, hidden, steps);
    for _ in 0..GROUP {
        black_box(products.run());
    }
    let mut times: Vec<f64> = (0..GROUPS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..GROUP {
                black_box(products.run());
            }
            start.elapsed().as_secs_f64() * 1e3 / GROUP as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median = (times[GROUPS / 2 - 1] + times[GROUPS / 2]) / 2.0;
    let multiply_adds = products.multiply_adds();
    if args.iter().any(|a| a == "--json") {
        println!(
            "{{\"medianMs\": {median}, \"multiplyAdds\": {multiply_adds}, \"groups\": {GROUPS}, \"group\": {GROUP}}}"
        );
    } else {
        println!(
            "one epoch's matrix products ({batch} + {test_batch} windows, {steps} steps, H = {hidden}; \
             {multiply_adds} multiply-adds): {median:.3} ms natively (median of {GROUPS} groups of {GROUP})"
        );
    }
}
