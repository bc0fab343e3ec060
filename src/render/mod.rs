//! The charts of the page, drawn from Rust onto a canvas.
//!
//! The drawing functions take the canvas and plain numbers (the series, the predictions, the
//! losses), never the model or the trainer, so they can be tested with hand-made data.
//!
//! - [`palette`]: the colours and type sizes;
//! - [`scale`]: year ticks, value ranges, logarithmic ticks, gaps in a series;
//! - [`frame`]: where a chart's plotting area is on screen, and the map from a pointer position
//!   back to the data;
//! - `forecast` and `loss` (browser only): the forecast chart and the loss chart, drawn with
//!   plotters on an HTML canvas; `canvas` sizes a canvas for the screen's pixel ratio.
//!
//! The first three are plain Rust and unit-tested natively; the drawing is checked in a real
//! browser by `tests/web.rs`, which reads the pixels back.

pub mod frame;
pub mod palette;
pub mod scale;

#[cfg(target_arch = "wasm32")]
pub mod canvas;
#[cfg(target_arch = "wasm32")]
pub mod forecast;
#[cfg(target_arch = "wasm32")]
pub mod loss;
