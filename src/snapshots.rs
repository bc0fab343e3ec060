//! Snapshots of the weights at a bounded set of epochs, so that a learner can scrub back through
//! training and watch the gates and the forecast evolve.
//!
//! A snapshot is the weights alone: the trainer recomputes the trace and the forecast of any
//! window from them ([`crate::train::Trainer::evaluate_with`], [`crate::train::Trainer::trace_with`]),
//! so scrubbing back still lets the learner pick another window.
//!
//! Which epochs are kept: 0 (before training) and the "preferred numbers" 1, 1.2, 1.5, 2, 2.5, 3,
//! 4, 5, 6, 8 times each power of ten (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, …),
//! about ten per decade: early epochs, where the most changes, are dense, late ones sparse.
//! Within a memory cap; when the cap is reached, every other snapshot older than the newest is
//! dropped (the first and the newest always stay).

use crate::model::network::NetworkParams;
use crate::model::ParamSet;

/// The default memory cap: 32 MiB, about 1,200 snapshots of the default network (6,921
/// weights) or 16 of the largest the page allows (4 layers of 128 units, about 0.5 M weights).
pub const DEFAULT_CAP_BYTES: usize = 32 << 20;

/// The mantissas of the preferred numbers kept in each decade.
const PREFERRED: [usize; 10] = [10, 12, 15, 20, 25, 30, 40, 50, 60, 80];

/// True for the epochs whose weights are kept: 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, …
pub fn is_kept_epoch(epoch: usize) -> bool {
    if epoch <= 6 || epoch == 8 {
        return true;
    }
    // Scale epoch into [10, 100) and see whether it is a preferred mantissa exactly.
    let mut e = epoch;
    while e >= 100 {
        if e % 10 != 0 {
            return false;
        }
        e /= 10;
    }
    PREFERRED.contains(&e)
}

/// Weights kept at a bounded set of epochs, oldest first.
#[derive(Clone, Debug)]
pub struct Snapshots {
    items: Vec<(usize, NetworkParams<f32>)>,
    cap_bytes: usize,
}

impl Default for Snapshots {
    fn default() -> Self {
        Snapshots::new(DEFAULT_CAP_BYTES)
    }
}

impl Snapshots {
    /// An empty store that keeps at most about `cap_bytes` of weights.
    pub fn new(cap_bytes: usize) -> Self {
        Snapshots {
            items: Vec::new(),
            cap_bytes,
        }
    }

    /// Offers the weights after `epoch`; they are kept if the epoch is on the schedule.
    /// Epochs must be offered in increasing order (a reset calls [`Snapshots::clear`]).
    pub fn offer(&mut self, epoch: usize, params: &NetworkParams<f32>) {
        if !is_kept_epoch(epoch) || self.items.last().is_some_and(|(e, _)| *e >= epoch) {
            return;
        }
        self.items.push((epoch, params.clone()));
        while self.bytes() > self.cap_bytes && self.items.len() > 2 {
            self.thin();
        }
    }

    /// Drops every other snapshot between the first and the newest.
    fn thin(&mut self) {
        let last = self.items.len() - 1;
        let mut index = 0;
        self.items.retain(|_| {
            let keep = index == 0 || index == last || index % 2 == 0;
            index += 1;
            keep
        });
    }

    /// Forgets everything (after a reset).
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The kept epochs, oldest first.
    pub fn epochs(&self) -> Vec<usize> {
        self.items.iter().map(|(e, _)| *e).collect()
    }

    /// The kept weights, oldest first.
    pub fn params(&self) -> impl Iterator<Item = &NetworkParams<f32>> {
        self.items.iter().map(|(_, p)| p)
    }

    /// The snapshot at the latest kept epoch not after `epoch`, with its epoch.
    pub fn at_or_before(&self, epoch: usize) -> Option<(usize, &NetworkParams<f32>)> {
        self.items.iter().rev().find(|(e, _)| *e <= epoch).map(|(e, p)| (*e, p))
    }

    /// The memory the kept weights take, in bytes.
    pub fn bytes(&self) -> usize {
        self.items
            .iter()
            .map(|(_, p)| p.count() * std::mem::size_of::<f32>())
            .sum()
    }

    /// How many snapshots are kept.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CellKind, Network, NetworkConfig};

    #[test]
    fn the_schedule_is_about_ten_per_decade() {
        let kept: Vec<usize> = (0..=100).filter(|&e| is_kept_epoch(e)).collect();
        assert_eq!(
            kept,
            [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100]
        );
        assert!(is_kept_epoch(250) && is_kept_epoch(1500) && is_kept_epoch(60_000));
        assert!(!is_kept_epoch(101) && !is_kept_epoch(7) && !is_kept_epoch(350) && !is_kept_epoch(1501));
        assert_eq!((1..=10_000).filter(|&e| is_kept_epoch(e)).count(), 8 + 10 * 3);
    }

    fn params(seed: u64) -> NetworkParams<f32> {
        let config = NetworkConfig {
            cell: CellKind::Lstm,
            d_input: 1,
            d_hidden: 4,
            n_layers: 1,
        };
        Network::new(config, false, seed).params
    }

    #[test]
    fn keeps_scheduled_epochs_and_finds_the_one_at_or_before() {
        let mut s = Snapshots::default();
        for epoch in 0..=30 {
            s.offer(epoch, &params(epoch as u64));
        }
        assert_eq!(s.epochs(), [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30]);
        let (e, p) = s.at_or_before(14).unwrap();
        assert_eq!(e, 12);
        assert_eq!(*p, params(12));
        assert_eq!(s.at_or_before(1000).unwrap().0, 30);
        s.offer(20, &params(99)); // out of order: ignored
        assert_eq!(s.at_or_before(20).unwrap().1, &params(20));
        s.clear();
        assert!(s.is_empty() && s.at_or_before(5).is_none());
    }

    #[test]
    fn stays_under_its_memory_cap() {
        let one = params(0).count() * 4;
        let mut s = Snapshots::new(5 * one);
        for epoch in 0..=1000 {
            s.offer(epoch, &params(epoch as u64));
            assert!(s.bytes() <= 5 * one);
        }
        let epochs = s.epochs();
        assert_eq!(epochs.first(), Some(&0), "the start stays");
        assert_eq!(epochs.last(), Some(&1000), "the newest stays");
        assert!(epochs.len() >= 3);
    }
}
