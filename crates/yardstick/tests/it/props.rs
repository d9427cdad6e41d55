//! Property tests: the engine's invariants on random bundles.

use proptest::prelude::*;

use crate::generate::{Rows, bundle, card_bundle};

fn json(rows: &Rows) -> String {
    let bundle = rows.bundle().load().expect("the bundle loads").output;
    yardstick::report::json::to_string(&yardstick::score(&bundle))
}

fn shuffle<T>(v: &mut [T], seed: u64) {
    // A small deterministic Fisher–Yates so that the shrinker sees a plain seed.
    let mut x = seed | 1;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn row_order_never_changes_a_result(rows in bundle(8), seed in any::<u64>()) {
        let before = json(&rows);
        let mut shuffled = rows.clone();
        shuffle(&mut shuffled.roster[1..], seed);
        shuffle(&mut shuffled.adjustments[1..], seed.rotate_left(7));
        for (k, (_, file)) in shuffled.files.iter_mut().enumerate() {
            shuffle(&mut file[1..], seed.rotate_left(k as u32 + 11));
        }
        let after: serde_json::Value = serde_json::from_str(&json(&shuffled)).unwrap();
        // Roster order sets output order, so compare worker by worker.
        let mut a: Vec<_> = serde_json::from_str::<serde_json::Value>(&before).unwrap()["workers"].as_array().unwrap().clone();
        let mut b: Vec<_> = after["workers"].as_array().unwrap().clone();
        a.sort_by_key(|w| w["worker_id"].as_str().unwrap().to_string());
        b.sort_by_key(|w| w["worker_id"].as_str().unwrap().to_string());
        // Tied candidates are listed in roster order in the trail; the results must agree.
        prop_assert_eq!(a, b);
    }

    #[test]
    fn a_better_ballot_never_lowers_the_component_or_the_total(rows in bundle(6), pick in any::<prop::sample::Index>()) {
        let ballots: Vec<usize> = rows.files[1].1.iter().enumerate().skip(1)
            .filter(|(_, r)| ["称职", "基本称职", "不称职"].contains(&r[2].as_str())).map(|(i, _)| i).collect();
        prop_assume!(!ballots.is_empty());
        let i = ballots[pick.index(ballots.len())];
        let mut better = rows.clone();
        let row = &mut better.file_mut("ballot")[i];
        row[2] = match row[2].as_str() { "称职" => "优秀", "基本称职" => "称职", _ => "基本称职" }.to_string();
        let worker = row[1].clone();
        let (a, b) = (rows.bundle().score(), better.bundle().score());
        let (wa, wb) = (a.worker(&worker).unwrap(), b.worker(&worker).unwrap());
        if let (Some(x), Some(y)) = (wa.component("ballot").unwrap().score, wb.component("ballot").unwrap().score) {
            prop_assert!(y >= x, "ballot {} → {}", x, y);
        }
        if let (Some(x), Some(y)) = (wa.total, wb.total) {
            prop_assert!(y >= x, "total {} → {}", x, y);
        }
    }

    #[test]
    fn a_higher_panel_score_never_lowers_the_component_or_the_total(rows in bundle(6), pick in any::<prop::sample::Index>(), up in 1u32..40) {
        prop_assume!(rows.files[0].1.len() > 1);
        let i = 1 + pick.index(rows.files[0].1.len() - 1);
        let mut higher = rows.clone();
        let row = &mut higher.file_mut("report")[i];
        let v: u32 = row[2].parse().unwrap();
        row[2] = (v + up).min(100).to_string();
        let worker = row[1 - 1].clone();
        let (a, b) = (rows.bundle().score(), higher.bundle().score());
        let (wa, wb) = (a.worker(&worker).unwrap(), b.worker(&worker).unwrap());
        if let (Some(x), Some(y)) = (wa.component("report").unwrap().score, wb.component("report").unwrap().score) {
            prop_assert!(y >= x, "report {} → {}", x, y);
        }
        if let (Some(x), Some(y)) = (wa.total, wb.total) {
            prop_assert!(y >= x, "total {} → {}", x, y);
        }
    }

    #[test]
    fn the_quota_is_never_exceeded(rows in bundle(16)) {
        let a = rows.bundle().score();
        let graded = a.workers.iter().filter(|w| w.status == yardstick::Status::Graded).count();
        let excellent = a.workers.iter().filter(|w| w.grade.as_deref() == Some("优秀")).count();
        prop_assert!(excellent <= graded / 5, "{} 优秀 of {} graded", excellent, graded);
        for w in &a.workers {
            prop_assert_eq!(w.grade.is_some(), w.status == yardstick::Status::Graded);
            prop_assert_eq!(w.rank.is_some(), w.status == yardstick::Status::Graded);
        }
    }

    #[test]
    fn output_is_identical_run_to_run(rows in bundle(8)) {
        prop_assert_eq!(json(&rows), json(&rows));
    }

    #[test]
    fn malformed_rows_never_panic(rows in bundle(4), junk in prop::collection::vec((0usize..7, any::<prop::sample::Index>(), any::<prop::sample::Index>(), ".{0,6}"), 1..6)) {
        let mut bad = rows.clone();
        for (file, row, col, text) in junk {
            let rows = match file { 6 => &mut bad.adjustments, k => &mut bad.files[k].1 };
            let r = row.index(rows.len());
            let c = col.index(rows[r].len().max(1));
            if let Some(cell) = rows[r].get_mut(c) { *cell = text; }
        }
        if let Ok(b) = bad.bundle().load() {
            let a = yardstick::score(&b.output);
            prop_assert_eq!(a.len(), b.output.workers().len());
        }
    }
}

/// Workers' results as JSON, sorted by worker id (roster order sets the output order).
fn by_worker(rows: &Rows) -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_str(&json(rows)).unwrap();
    let mut v = doc["workers"].as_array().unwrap().clone();
    v.sort_by_key(|w| w["worker_id"].as_str().unwrap().to_string());
    v
}

/// A scorecard bundle of either rubric.
fn either_card_bundle(max: usize) -> impl Strategy<Value = Rows> {
    any::<bool>().prop_flat_map(move |party| card_bundle(max, party))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn scorecard_row_order_never_changes_a_result(rows in either_card_bundle(8), seed in any::<u64>()) {
        let before = by_worker(&rows);
        let mut shuffled = rows.clone();
        shuffle(&mut shuffled.roster[1..], seed);
        shuffle(&mut shuffled.adjustments[1..], seed.rotate_left(5));
        for (k, (_, file)) in shuffled.files.iter_mut().enumerate() {
            shuffle(&mut file[1..], seed.rotate_left(k as u32 + 9));
        }
        prop_assert_eq!(before, by_worker(&shuffled));
    }

    #[test]
    fn more_deductions_never_raise_a_score(
        rows in either_card_bundle(6),
        pick in any::<prop::sample::Index>(),
        item in any::<prop::sample::Index>(),
        count in 1u32..12,
    ) {
        let party = rows.rubric == Some(crate::generate::PARTY);
        let (id, deductions): (&str, &[&str]) = if party {
            ("points", &["meeting_absent", "dues_late", "task_undone", "criticised"])
        } else {
            ("monthly", &["collect_error", "patrol_missed", "event_unreported", "complaint_upheld", "discipline"])
        };
        let card = &rows.files[0].1;
        prop_assume!(card.len() > 1);
        // Another deduction in a period the worker has a row in (so one they served).
        let row = card[1 + pick.index(card.len() - 1)].clone();
        let mut more = rows.clone();
        more.file_mut(id).push(vec![row[0].clone(), row[1].clone(), deductions[item.index(deductions.len())].to_string(), count.to_string()]);
        let (a, b) = (rows.bundle().score(), more.bundle().score());
        let (wa, wb) = (a.worker(&row[0]).unwrap(), b.worker(&row[0]).unwrap());
        if let (Some(x), Some(y)) = (wa.component(id).unwrap().score, wb.component(id).unwrap().score) {
            prop_assert!(y <= x, "{} {} → {}", id, x, y);
        }
        if let (Some(x), Some(y)) = (wa.total, wb.total) {
            prop_assert!(y <= x, "total {} → {}", x, y);
        }
    }

    #[test]
    fn a_limit_is_never_exceeded_and_a_period_stays_within_floor_and_ceiling(rows in either_card_bundle(6)) {
        use yardstick::method::Detail;
        use yardstick::num::q;
        use yardstick::trace::Step;
        let bundle = rows.bundle().load().expect("the bundle loads").output;
        let rubric = bundle.rubric();
        let scored = yardstick::score(&bundle);
        for i in 0..scored.len() {
            for step in yardstick::explain::explain(&scored, i).steps {
                let Step::Component { detail: Detail::Scorecard(d), .. } = step else { continue };
                let Some(yardstick::rubric::Method::Scorecard(card)) = rubric.components.iter().map(|c| &c.method).find(|m| m.kind() == "scorecard") else { unreachable!() };
                for p in &d.periods {
                    for l in &p.items {
                        let item = card.items.iter().find(|it| it.id == l.item).unwrap();
                        prop_assert_eq!(&l.raw, &(q(item.points) * yardstick::num::qi(l.count as i64)));
                        if let Some(limit) = item.limit {
                            let abs = if l.amount < yardstick::num::qi(0) { -l.amount.clone() } else { l.amount.clone() };
                            prop_assert!(abs <= q(limit), "{} {}: {} over {}", p.period, l.item, l.amount, limit);
                            prop_assert_eq!(l.limited_to.is_some(), l.raw != l.amount);
                        }
                    }
                    if let Some(score) = &p.score {
                        prop_assert!(*score >= q(card.floor), "{} below the floor", p.period);
                        if let Some(c) = card.ceiling {
                            prop_assert!(*score <= q(c), "{} above the ceiling", p.period);
                        }
                    }
                }
            }
        }
    }
}
