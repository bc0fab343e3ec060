//! An epoch after the first allocates nothing that grows with the window or the data: the
//! forward caches, the gradients, the backward pass's scratch, the batches, the test loss's
//! forward-only pass and the trainer's copy of the weights before the epoch are all kept from
//! one epoch to the next (`Workspace`, `Inference`, the trainer's saved members).
//!
//! A counting global allocator tracks, per thread, the bytes live on the heap and their peak.
//! What an epoch still allocates is small and short-lived: the matrix product's packing buffer
//! (matrixmultiply allocates one per call, at most kc × (mc + nc) numbers), the list of tensor
//! slices the optimizer walks, the batch's target vector. Before the workspace, the caches
//! alone were about 2 MB at a window of 12 and twice that at 24, allocated and freed every
//! epoch.

use lstm_conveyor::data::{Series, Transform};
use lstm_conveyor::model::OptimizerKind;
use lstm_conveyor::train::{TrainConfig, Trainer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Bytes allocated and not yet freed by this thread (may go negative when a thread frees
    /// what another allocated; only differences are read).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The highest `LIVE` since the last reset.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

struct Counting;

fn grew(bytes: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + bytes;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        grew(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            grew(new_size as isize - layout.size() as isize);
        }
        q
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most heap an epoch may add at any moment: the packing buffer and small change.
const LIMIT: isize = 256 * 1024;

/// The benchmark's network (one LSTM of H = 40 fed one number per step, full batch, SGD) with
/// a second layer on top, so that a wide input and ∂L/∂x_t are exercised too; `members`
/// networks side by side, which share the trainer's one workspace.
fn trainer(window: usize, members: usize) -> Trainer {
    let mut config = TrainConfig {
        transform: Transform::MinMax,
        early_stopping: false,
        ensemble: members,
        ..TrainConfig::default()
    };
    config.model.window = window;
    config.model.hidden = 40;
    config.model.layers = 2;
    config.model.batch_size = None;
    config.model.optimizer = OptimizerKind::Sgd;
    config.model.learning_rate = 0.05;
    Trainer::new(&Series::air_passengers(), config).expect("valid settings")
}

/// The peak of fresh heap during each of epochs 2, 3 and 4.
fn peaks_after_the_first_epoch(window: usize, members: usize) -> Vec<isize> {
    let mut trainer = trainer(window, members);
    trainer.train_epoch().expect("epoch 1 trains");
    (0..3)
        .map(|_| {
            let start = LIVE.with(Cell::get);
            PEAK.with(|peak| peak.set(start));
            trainer.train_epoch().expect("the epoch trains");
            PEAK.with(Cell::get) - start
        })
        .collect()
}

#[test]
fn an_epoch_after_the_first_allocates_nothing_that_grows_with_the_window() {
    for (window, members) in [(12, 1), (24, 1), (12, 3)] {
        let peaks = peaks_after_the_first_epoch(window, members);
        for (k, &peak) in peaks.iter().enumerate() {
            assert!(
                peak <= LIMIT,
                "window {window}, {members} member(s), epoch {}: {peak} bytes of fresh heap at the peak, \
                 over {LIMIT}",
                k + 2
            );
        }
    }
}

/// The counter itself sees an epoch's allocations: one epoch of a fresh trainer (which builds
/// every buffer) needs far more than the limit.
#[test]
fn the_first_epoch_allocates_its_workspace() {
    let mut trainer = trainer(12, 1);
    let start = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(start));
    trainer.train_epoch().expect("epoch 1 trains");
    assert!(PEAK.with(Cell::get) - start > 4 * LIMIT);
}
