//! LSTM Conveyor: an LSTM that trains on the AirPassengers series, written so that every
//! gate can be watched while it learns.
//!
//! The crate has two halves. The pure half builds and tests natively with `cargo test`:
//! - [`data`]: the series, its transforms and the input windows;
//! - [`baselines`]: classical forecasts to beat (seasonal naive, AR(12) on logs, Holt–Winters);
//! - [`examples`]: the example series shipped with the page (AirPassengers and four more);
//! - [`model`]: the LSTM cell, the stacked network, the dense head, the loss and the optimizers;
//! - [`train`]: the trainer (epochs, batches, history, forecasts, metrics);
//! - [`trace`]: a per-time-step record of one forward pass, the only thing the views read;
//! - [`select`]: choosing the defaults by rolling-origin validation on a series cut before the test part;
//! - [`weights`]: the PyTorch-compatible weights JSON.
//!
//! The browser half (`web`: the trainer's API, run in a Web Worker; `web_charts`: the charts the
//! main thread draws; `web_views`: the views of the gates, drawn from a trace; `render`) is
//! compiled only for `wasm32` and is the `#[wasm_bindgen]` surface over the pure half.

pub mod baselines;
pub mod data;
pub mod examples;
pub mod model;
pub mod render;
pub mod rng;
pub mod select;
pub mod snapshots;
pub mod trace;
pub mod train;
#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
pub mod web_charts;
#[cfg(target_arch = "wasm32")]
pub mod web_views;
pub mod weights;
