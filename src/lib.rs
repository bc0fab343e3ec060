//! LSTM Conveyor: an LSTM that trains on the AirPassengers series, written so that every
//! gate can be watched while it learns.
//!
//! The crate has two halves. The pure half builds and tests natively with `cargo test`:
//! - [`data`]: the series, its transforms and the input windows;
//! - [`model`]: the LSTM cell, the stacked network, the dense head, the loss and the optimizers;
//! - [`train`]: the trainer (epochs, batches, history, forecasts, metrics);
//! - [`trace`]: a per-time-step record of one forward pass, the only thing the views read;
//! - [`weights`]: the PyTorch-compatible weights JSON.
//!
//! The browser half (`web`, `render`) is compiled only for `wasm32` and is the
//! `#[wasm_bindgen]` surface over the pure half.

pub mod data;
pub mod model;
pub mod render;
pub mod rng;
pub mod snapshots;
pub mod trace;
pub mod train;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod weights;
