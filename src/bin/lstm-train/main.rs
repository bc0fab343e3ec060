//! `lstm-train`: trains the demo's LSTM natively, to pre-train weights for the page and to
//! compare native and wasm speed.
//!
//! ```text
//! cargo run --release --bin lstm-train -- --epochs 500 --weights-out weights.json
//! cargo run --release --bin lstm-train -- --weights-in weights.json --predictions-out p.csv
//! ```
//!
//! Every setting defaults to the page's ([`TrainConfig::default`]); `--article` starts from the
//! article's set-up instead ([`TrainConfig::article`]) and other flags override it. `--help`
//! lists every flag with its default and range, and the exit statuses.
//!
//! The command line lives in `cli.rs` and uses native-only crates (clap, indicatif). Cargo
//! builds every binary when it builds the browser tests for `wasm32`, so there this file is an
//! empty program.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
