//! fixtures/village scored with rubrics/village-committee.toml: rater groups, per-village
//! quota rounded half up, renormalisation at the minimum present weight. Every value is worked
//! by hand in fixtures/village/README.md.

use std::path::Path;

use yardstick::Bundle;

#[test]
fn the_village_bundle_matches_the_hand_working() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/village");
    let loaded = Bundle::load(&dir).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let a = yardstick::Assessment::of(&yardstick::score(&loaded.output));
    let want = [
        (
            "TY1",
            Some("92.50"),
            Some("93.45"),
            Some("98.00"),
            "96.89",
            "优秀",
            1,
            vec![],
        ),
        (
            "TY5",
            Some("93.00"),
            Some("95.00"),
            Some("100.00"),
            "95.00",
            "称职",
            2,
            vec!["veto:collective_petition"],
        ),
        (
            "SQ1",
            Some("91.00"),
            Some("92.00"),
            Some("100.00"),
            "93.10",
            "称职",
            3,
            vec!["quota_cut"],
        ),
        (
            "TY4",
            Some("95.00"),
            Some("83.00"),
            Some("100.00"),
            "92.40",
            "称职",
            4,
            vec!["ineligible:unfit_votes"],
        ),
        (
            "TY2",
            Some("91.00"),
            Some("93.40"),
            Some("94.02"),
            "92.32",
            "称职",
            5,
            vec!["quota_cut"],
        ),
        (
            "TY3",
            Some("82.00"),
            Some("82.86"),
            Some("92.00"),
            "80.26",
            "称职",
            6,
            vec![],
        ),
        (
            "SQ2",
            Some("75.00"),
            None,
            Some("90.00"),
            "79.29",
            "称职",
            7,
            vec!["missing:ballot", "quorum_not_met"],
        ),
        (
            "SQ3",
            Some("60.00"),
            Some("70.00"),
            None,
            "58.75",
            "不称职",
            8,
            vec!["missing:visit"],
        ),
    ];
    for (id, work, ballot, visit, total, grade, rank, flags) in want {
        let w = a.worker(id).unwrap();
        let c = |k: &str| w.component(k).unwrap().score.map(|s| s.to_string());
        assert_eq!(c("work").as_deref(), work, "{id} work");
        assert_eq!(c("ballot").as_deref(), ballot, "{id} ballot");
        assert_eq!(c("visit").as_deref(), visit, "{id} visit");
        assert_eq!(
            w.total.map(|t| t.to_string()).as_deref(),
            Some(total),
            "{id} total"
        );
        assert_eq!(w.grade.as_deref(), Some(grade), "{id} grade");
        assert_eq!(w.rank, Some(rank), "{id} rank");
        let mut got: Vec<&str> = w.flags.iter().map(|f| f.code.as_str()).collect();
        got.sort();
        assert_eq!(got, flags, "{id} flags");
    }
    let quotas: Vec<(Option<&str>, usize, usize, usize)> = a
        .quotas
        .iter()
        .map(|q| (q.unit.as_deref(), q.graded, q.places, q.kept.len()))
        .collect();
    assert_eq!(
        quotas,
        vec![(Some("桃源村"), 5, 1, 1), (Some("石桥村"), 3, 0, 0)]
    );
}
