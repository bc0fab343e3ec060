//! An epoch trained in pieces (`Trainer::train_piece`): the page's large networks stay live
//! because the worker reads its messages between pieces. These tests check that the pieces
//! change nothing about the numbers: small settings train whole epochs as before, and a
//! mini-batch cut into row chunks takes the same step up to float summation order.

use lstm_conveyor::data::Series;
use lstm_conveyor::model::ParamSet;
use lstm_conveyor::train::{row_work, EpochProgress, Piece, TrainConfig, Trainer, PIECE_WORK};

/// The Debug text of a value: equal exactly when every number is the same to the last bit
/// (Rust prints the shortest text that reads back as the same float), NaN equal to NaN, which
/// `==` would refuse (a record without validation has a NaN loss).
fn bits<T: std::fmt::Debug>(value: T) -> String {
    format!("{value:?}")
}

/// Two members of a small network (hidden 8, window 12, two layers), mini-batches of 40 of the
/// 108 training windows: three mini-batches per member, the last one shorter.
fn small() -> TrainConfig {
    let mut config = TrainConfig {
        ensemble: 2,
        ..TrainConfig::default()
    };
    config.model.hidden = 8;
    config.model.window = 12;
    config.model.layers = 2;
    config.model.batch_size = Some(40);
    config
}

/// Trains one epoch piece by piece and returns its record and the progress seen after each
/// piece but the last.
fn pieces_of_one_epoch(trainer: &mut Trainer) -> (lstm_conveyor::train::EpochRecord, Vec<EpochProgress>) {
    let mut seen = Vec::new();
    loop {
        match trainer.train_piece().expect("the piece trains") {
            Piece::Partial(progress) => {
                assert_eq!(trainer.epoch_progress(), Some(progress));
                seen.push(progress);
            }
            Piece::Epoch(record) => {
                assert_eq!(trainer.epoch_progress(), None);
                return (record, seen);
            }
        }
    }
}

#[test]
fn at_the_defaults_every_mini_batch_is_one_step_and_the_numbers_are_those_of_whole_epochs() {
    let series = Series::air_passengers();
    let config = TrainConfig::default();
    // A member's whole mini-batch (every training window) fits in one piece.
    let rows = Trainer::new(&series, config.clone()).unwrap().dataset().n_train;
    assert!(rows * row_work(&config.model) <= PIECE_WORK);
    let mut whole = Trainer::new(&series, config.clone()).unwrap();
    whole.set_piece_work(usize::MAX);
    let mut by_piece = Trainer::new(&series, config).unwrap();
    for _ in 0..3 {
        let expected = whole.train_epoch().unwrap();
        let (record, progress) = pieces_of_one_epoch(&mut by_piece);
        // One row chunk per member, so five in all, several members to a piece.
        assert!(progress.iter().all(|p| p.total == 5));
        assert!(progress.len() < 5);
        assert_eq!(bits(record), bits(expected), "bit for bit");
    }
    assert_eq!(bits(whole.evaluate()), bits(by_piece.evaluate()));
}

#[test]
fn mini_batches_cut_into_row_chunks_sum_to_the_whole_batch_step() {
    let series = Series::air_passengers();
    let mut whole = Trainer::new(&series, small()).unwrap();
    whole.set_piece_work(usize::MAX);
    let mut chunked = Trainer::new(&series, small()).unwrap();
    // Seven windows' work per piece: batches of 40 are cut into 6 chunks, the last 28 into 4.
    chunked.set_piece_work(7 * row_work(&small().model));
    for epoch in 1..=5 {
        let expected = whole.train_epoch().unwrap();
        let (record, progress) = pieces_of_one_epoch(&mut chunked);
        assert_eq!(progress.len() + 1, 2 * (6 + 6 + 4), "epoch {epoch}: pieces");
        assert!(progress.iter().all(|p| p.total == 32));
        assert_eq!(
            progress.iter().map(|p| p.done).collect::<Vec<_>>(),
            (1..32).collect::<Vec<_>>()
        );
        for (what, a, b) in [
            ("train", expected.train_loss, record.train_loss),
            ("test", expected.test_loss, record.test_loss),
        ] {
            assert!(
                (a - b).abs() <= 1e-5 * a.abs(),
                "epoch {epoch}: {what} loss {b} in chunks, {a} in whole steps"
            );
        }
    }
    // The weights agree too, to f32 rounding after five epochs of 3 steps.
    let (a, b) = (whole.model_params(), chunked.model_params());
    for (x, y) in a.tensors().iter().zip(b.tensors()) {
        for (p, q) in x.iter().zip(y) {
            assert!((p - q).abs() <= 1e-4 * (1.0 + p.abs()), "{p} vs {q}");
        }
    }
}

#[test]
fn stopping_between_pieces_and_looking_changes_nothing_and_shows_the_last_epoch() {
    let series = Series::air_passengers();
    let mut straight = Trainer::new(&series, small()).unwrap();
    let mut looked_at = Trainer::new(&series, small()).unwrap();
    let work = 7 * row_work(&small().model);
    straight.set_piece_work(work);
    looked_at.set_piece_work(work);
    straight.train_epoch().unwrap();
    looked_at.train_epoch().unwrap();
    let before = bits(looked_at.evaluate());
    let trace_before = bits(looked_at.trace(100).unwrap());
    // Half an epoch, then what a paused page asks for.
    for _ in 0..16 {
        assert!(matches!(looked_at.train_piece().unwrap(), Piece::Partial(_)));
    }
    assert_eq!(looked_at.epoch(), 1);
    assert_eq!(
        bits(looked_at.evaluate()),
        before,
        "mid-epoch the evaluation is the last epoch's"
    );
    assert_eq!(bits(looked_at.trace(100).unwrap()), trace_before);
    // Going on finishes the same epoch as training it straight through.
    let expected = straight.train_epoch().unwrap();
    assert_eq!(bits(looked_at.train_epoch().unwrap()), bits(expected));
    assert_eq!(bits(looked_at.evaluate()), bits(straight.evaluate()));
}

#[test]
fn a_setting_change_or_a_reset_in_the_middle_of_an_epoch_undoes_it() {
    let series = Series::air_passengers();
    let mut trainer = Trainer::new(&series, small()).unwrap();
    trainer.set_piece_work(7 * row_work(&small().model));
    trainer.train_epoch().unwrap();
    let params = trainer
        .members()
        .iter()
        .map(|m| m.network().params.clone())
        .collect::<Vec<_>>();
    for _ in 0..20 {
        trainer.train_piece().unwrap();
    }
    assert_ne!(trainer.members()[0].network().params, params[0], "the pieces trained");
    trainer.set_learning_rate(0.01).unwrap();
    assert_eq!(trainer.epoch_progress(), None);
    let now = trainer
        .members()
        .iter()
        .map(|m| m.network().params.clone())
        .collect::<Vec<_>>();
    assert_eq!(now, params, "back at the start of epoch 2");
    trainer.train_piece().unwrap();
    trainer.reset(1);
    assert_eq!((trainer.epoch(), trainer.epoch_progress()), (0, None));
}

#[test]
fn at_the_largest_page_setting_an_epoch_is_cut_into_bounded_pieces() {
    let mut config = TrainConfig::default();
    config.model.hidden = 128;
    config.model.layers = 4;
    config.model.window = 36;
    let mut trainer = Trainer::new(&Series::air_passengers(), config.clone()).unwrap();
    let rows_per_piece = PIECE_WORK / row_work(&config.model);
    assert!(rows_per_piece >= 1);
    let Piece::Partial(progress) = trainer.train_piece().unwrap() else {
        panic!("a large epoch in one piece");
    };
    // 84 training windows of 36 months before 1959-01, five members, one chunk per piece.
    let chunks = 84_usize.div_ceil(rows_per_piece);
    assert_eq!(
        progress,
        EpochProgress {
            done: 1,
            total: 5 * chunks
        }
    );
    assert_eq!(trainer.epoch(), 0);
}
