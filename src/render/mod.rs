//! The charts of the page, drawn from Rust onto a canvas.
//!
//! The drawing functions take the canvas and plain numbers (the series, the predictions, the
//! losses), never the model or the trainer, so they can be tested with hand-made data.
//!
//! - [`palette`]: the colours and type sizes;
//! - [`scale`]: year ticks, value ranges, logarithmic ticks, gaps in a series;
//! - [`decimate`]: a long curve thinned to at most four points per pixel column;
//! - [`legend`]: a legend strip above a chart, flowed into lines;
//! - [`frame`]: where a chart's plotting area is on screen, and the map from a pointer position
//!   back to the data;
//! - `forecast` and `loss` (browser only): the forecast chart and the loss chart, drawn with
//!   plotters on an HTML canvas; `canvas` sizes a canvas for the screen's pixel ratio.
//!
//! The views of the gates (issue 4) follow the same split:
//!
//! - [`notation`]: the article's quantities (x_t, f_t, … h_t), their names, number formatting;
//! - [`colormap`]: viridis for the gates in [0, 1], blue–white–red for signed values;
//! - [`geometry`]: rectangles in CSS pixels;
//! - [`heatmap`], [`belt`], [`gradient`], [`cell`]: the layouts of the gate heatmaps, the
//!   conveyor belt, the gradient bars under it and the cell diagram, with their hit tests;
//!   [`belt_marks`] which mark of the belt (⊗, ⊕, c_t, h_t) a point is on, for the tooltip;
//! - [`equation`]: the equations with their numbers, the shapes, the parameter formula;
//! - `paint` (browser only): Canvas 2D helpers, and `gates_view`, `belt_view`, `gradient_view`,
//!   `cell_view` (browser only): the drawings.
//!
//! The pure modules are unit-tested natively; the drawing is checked in a real browser by
//! `tests/web.rs` and `tests/web_views.rs`, which read the pixels back.

pub mod belt;
pub mod belt_marks;
pub mod cell;
pub mod colormap;
pub mod decimate;
pub mod equation;
pub mod frame;
pub mod geometry;
pub mod gradient;
pub mod heatmap;
pub mod legend;
pub mod memory;
pub mod notation;
pub mod palette;
pub mod scale;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod belt_view;
#[cfg(target_arch = "wasm32")]
pub mod canvas;
#[cfg(target_arch = "wasm32")]
pub mod cell_view;
#[cfg(target_arch = "wasm32")]
pub mod forecast;
#[cfg(target_arch = "wasm32")]
pub mod gates_view;
#[cfg(target_arch = "wasm32")]
pub mod gradient_view;
#[cfg(target_arch = "wasm32")]
pub mod loss;
#[cfg(target_arch = "wasm32")]
pub mod memory_view;
#[cfg(target_arch = "wasm32")]
pub mod paint;
