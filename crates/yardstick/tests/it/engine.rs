//! The engine on small bundles, every value worked by hand in the comments.

use crate::support::*;

/// A small rubric for quota, veto and rounding cases: panel 0.5, ballot 0.3, phone 0.2, with
/// the standard rubric's adjustments, bands, eligibility and quota.
pub const MINI: &str = r#"
[rubric]
id = "mini"
name = "测试用简易细则"

[total]
missing = "renormalise"
min_present_weight = 0.6
floor = 0

[[component]]
id = "report"
kind = "panel"
name = "个人汇报"
weight = 0.5
min_count = 1

[[component]]
id = "ballot"
kind = "ballot"
name = "民主测评"
weight = 0.3
options = [
  { label = "优秀", value = 100 },
  { label = "称职", value = 80 },
  { label = "基本称职", value = 60 },
  { label = "不称职", value = 40 },
]
not_valid = ["弃权", "不了解"]
quorum = "more_than_half"

[[component]]
id = "phone"
kind = "phone"
name = "电话抽查"
weight = 0.2
options = [
  { label = "满意", value = 100 },
  { label = "基本满意", value = 60 },
  { label = "不满意", value = 0 },
]
not_counted = ["未接通"]
min_counted = 1

[adjustments]
bonus_cap = 5

[[adjustments.item]]
id = "honor_province"
name = "省级及以上表彰"
bonus = 3

[[adjustments.item]]
id = "ledger_false"
name = "台账不实"
deduction = 3

[[adjustments.item]]
id = "warning"
name = "警告或诫勉"
veto = { cap = "称职" }

[[adjustments.item]]
id = "demerit"
name = "记过及以上处分"
veto = { status = "ungraded" }

[[adjustments.item]]
id = "removed"
name = "撤职、开除等"
veto = { grade = "不称职" }

[[adjustments.item]]
id = "investigation"
name = "立案审查中"
veto = { status = "pending" }

[[grade]]
label = "优秀"
min = 90

[[grade]]
label = "称职"
min = 70

[[grade]]
label = "基本称职"
min = 60

[[grade]]
label = "不称职"

[[eligibility]]
id = "unfit_votes"
name = "不称职票超过三分之一"
grade = "优秀"
otherwise = "称职"
component = "ballot"
option = "不称职"
share_over = "1/3"

[quota]
grade = "优秀"
ratio = "1/5"
rounding = "floor"
order = ["total", "ballot", "phone"]
demote_to = "称职"
"#;

/// One MINI worker: report scores, ballot choices, phone outcomes.
pub struct Mw<'a> {
    pub id: &'a str,
    pub report: Vec<&'a str>,
    pub ballots: Vec<&'a str>,
    pub phone: Vec<&'a str>,
}

pub fn mini(workers: &[Mw], adjustments: &str) -> B {
    let mut roster = String::from("worker_id,name,unit\n");
    let mut report = String::from("worker_id,rater_id,score\n");
    let mut ballot = String::from("ballot_id,worker_id,choice\n");
    let mut phone = String::from("worker_id,call_id,outcome\n");
    for w in workers {
        roster.push_str(&format!("{},工作者{},东门社区\n", w.id, w.id));
        report.push_str(&panel_rows(w.id, &w.report));
        ballot.push_str(&ballot_rows(w.id, &w.ballots));
        for (i, o) in w.phone.iter().enumerate() {
            phone.push_str(&format!("{},C{},{o}\n", w.id, i + 1));
        }
    }
    B::new(&roster)
        .rubric(MINI)
        .file("report", &report)
        .file("ballot", &ballot)
        .file("phone", &phone)
        .adjustments(&format!("worker_id,item,count\n{adjustments}"))
}

/// r: report (one score), b: ballot choices, p: phone outcomes.
fn mw<'a>(id: &'a str, r: &'a str, b: &[&'a str], p: &[&'a str]) -> Mw<'a> {
    Mw {
        id,
        report: vec![r],
        ballots: b.to_vec(),
        phone: p.to_vec(),
    }
}

/// Seven workers: W1 100, W2 97.5, five at 76.
fn seven<'a>(w1: Mw<'a>, w2: Mw<'a>) -> Vec<Mw<'a>> {
    let mut v = vec![w1, w2];
    for id in ["F1", "F2", "F3", "F4", "F5"] {
        // 0.5 × 80 + 0.3 × 80 + 0.2 × 60 = 76.
        v.push(mw(id, "80", &["称职"], &["基本满意"]));
    }
    v
}

#[test]
fn standard_rubric_all_six_components() {
    // report: 90 85 88 92 80 86 95 → drop 95 and 80 → 441 / 5 = 88.2
    // ballot: 8 优秀, 2 称职, 1 弃权; electorate 15, cast 11 > 7.5 → (800 + 160) / 10 = 96
    // interview: I1 (100+100+80+80+100)/5 = 92, I2 (100+80+80+60+100)/5 = 84 → 88
    // test: 92 → 92; phone: 5 满意, 2 基本满意, 1 不满意, 2 未接通 → 620 / 8 = 77.5
    // visit: 4 yes, 1 no → c = 80; 4 满意, 1 基本满意 → s = 460 / 5 = 92 → 86
    // base = 0.15 × (88.2 + 88 + 92 + 77.5 + 86) + 0.25 × 96 = 64.755 + 24 = 88.755
    // honor_district +1 → 89.755 → 89.76, band 称职.
    let mut ballots = String::from("ballot_id,worker_id,choice\n");
    ballots.push_str(&ballot_rows(
        "A",
        &[rep("优秀", 8), rep("称职", 2), vec!["弃权"]].concat(),
    ));
    let interview = "worker_id,interviewer_id,dimension,rating\n\
        A,I1,德,好\nA,I1,能,好\nA,I1,勤,较好\nA,I1,绩,较好\nA,I1,廉,好\n\
        A,I2,德,好\nA,I2,能,较好\nA,I2,勤,较好\nA,I2,绩,一般\nA,I2,廉,好\n";
    let phone = "worker_id,call_id,outcome,date,concern,category\n\
        A,1,满意,2024-11-02,,\nA,2,满意,,,\nA,3,满意,,,\nA,4,满意,,,\nA,5,满意,,,\n\
        A,6,基本满意,,楼道灯坏了,基础设施\nA,7,基本满意,,,\nA,8,不满意,,,\nA,9,未接通,,,\nA,10,未接通,,,\n";
    let visit = "worker_id,household_id,visited,satisfaction\n\
        A,H1,是,满意\nA,H2,是,满意\nA,H3,yes,满意\nA,H4,1,满意\nA,H5,否,基本满意\n";
    let b = B::new("worker_id,name,unit,role,electorate\nA,张晓梅,东门社区,网格员,15\n")
        .file(
            "report",
            &format!(
                "worker_id,rater_id,score\n{}",
                panel_rows("A", &["90", "85", "88", "92", "80", "86", "95"])
            ),
        )
        .file("ballot", &ballots)
        .file("interview", interview)
        .file("test", "worker_id,score\nA,92\n")
        .file("phone", phone)
        .file("visit", visit)
        .adjustments("worker_id,item\nA,honor_district\n");
    let a = b.score();
    assert_eq!(comp(&a, "A", "report").as_deref(), Some("88.20"));
    assert_eq!(comp(&a, "A", "ballot").as_deref(), Some("96.00"));
    assert_eq!(comp(&a, "A", "interview").as_deref(), Some("88.00"));
    assert_eq!(comp(&a, "A", "test").as_deref(), Some("92.00"));
    assert_eq!(comp(&a, "A", "phone").as_deref(), Some("77.50"));
    assert_eq!(comp(&a, "A", "visit").as_deref(), Some("86.00"));
    assert_eq!(total(&a, "A").as_deref(), Some("89.76"));
    assert_eq!(grade(&a, "A"), Some("称职"));
    assert_eq!(w(&a, "A").rank, Some(1));
    assert!(w(&a, "A").flags.is_empty());
}

#[test]
fn missing_components_are_renormalised() {
    // Ballot 96 (0.25), test 92 (0.15), phone missing (4 counted), report missing (2 scores).
    // Interview and visit have no file. P = 0.4 < 0.6 → incomplete.
    let b = B::new("worker_id,name\nA,甲\n")
        .file("report", "worker_id,rater_id,score\nA,R1,90\nA,R2,80\n")
        .file(
            "ballot",
            &format!(
                "ballot_id,worker_id,choice\n{}",
                ballot_rows("A", &[rep("优秀", 8), rep("称职", 2)].concat())
            ),
        )
        .file("test", "worker_id,score\nA,92\n")
        .file(
            "phone",
            "worker_id,call_id,outcome\nA,1,满意\nA,2,满意\nA,3,满意\nA,4,满意\nA,5,未接通\n",
        );
    let a = b.score();
    let r = w(&a, "A");
    assert_eq!(r.status, yardstick::Status::Ungraded);
    assert_eq!(r.total, None);
    assert_eq!(r.grade, None);
    for f in [
        "missing:report",
        "missing:interview",
        "missing:phone",
        "missing:visit",
        "incomplete",
    ] {
        assert!(r.has_flag(f), "{f}: {:?}", r.flags);
    }

    // With the interview present (好 on all five → 100): P = 0.55 + ... still 0.55 < 0.6.
    // Add a visit (4 yes, 4 满意 → 100): P = 0.25 + 0.15 × 3 = 0.7.
    // base = (0.25 × 96 + 0.15 × 92 + 0.15 × 100 + 0.15 × 100) / 0.7 = 67.8 / 0.7 = 96.857142… → 96.86
    let b = b
        .file("interview", "worker_id,interviewer_id,dimension,rating\nA,I1,德,好\nA,I1,能,好\nA,I1,勤,好\nA,I1,绩,好\nA,I1,廉,好\n")
        .file("visit", "worker_id,household_id,visited,satisfaction\nA,1,是,满意\nA,2,是,满意\nA,3,是,满意\nA,4,是,满意\n");
    let a = b.score();
    assert_eq!(total(&a, "A").as_deref(), Some("96.86"));
    // One graded worker: floor(1/5) = 0 places, so 优秀 is lost to the quota.
    assert_eq!(grade(&a, "A"), Some("称职"));
    assert!(w(&a, "A").has_flag("quota_cut"));
}

#[test]
fn half_up_rounding_of_89_995_gives_90_and_excellent() {
    // 0.5 × 89.99 + 0.3 × 90 (优秀 + 称职) + 0.2 × 90 (3 满意 + 基本满意 → 360/4)
    // = 44.995 + 27 + 18 = 89.995 → 90.00 → band 优秀; five more workers make one place.
    let mut ws = vec![mw(
        "A",
        "89.99",
        &["优秀", "称职"],
        &["满意", "满意", "满意", "基本满意"],
    )];
    for id in ["F1", "F2", "F3", "F4"] {
        ws.push(mw(id, "80", &["称职"], &["基本满意"]));
    }
    let a = mini(&ws, "").score();
    assert_eq!(total(&a, "A").as_deref(), Some("90.00"));
    assert_eq!(grade(&a, "A"), Some("优秀"));
    assert!(w(&a, "A").outcome.exact_total().is_some());
}

#[test]
fn quota_floor_of_seven_is_one() {
    // W1 = 100, W2 = 0.5 × 95 + 30 + 20 = 97.5; N = 7 → floor(1.4) = 1 place.
    let ws = seven(
        mw("W1", "100", &["优秀"], &["满意"]),
        mw("W2", "95", &["优秀"], &["满意"]),
    );
    let a = mini(&ws, "").score();
    assert_eq!(grade(&a, "W1"), Some("优秀"));
    assert_eq!(grade(&a, "W2"), Some("称职"));
    assert!(w(&a, "W2").has_flag("quota_cut"));
    let q = &a.quotas[0];
    assert_eq!((q.graded, q.places, q.candidates.len()), (7, 1, 2));
    assert_eq!(grade(&a, "F1"), Some("称职"));
    assert_eq!(total(&a, "F1").as_deref(), Some("76.00"));
}

#[test]
fn a_tie_at_the_quota_line_on_every_key_leaves_the_place_empty() {
    // W1 and W2 both 100 with the same ballot and phone scores; W3 = 0.5 × 90 + 30 + 20 = 95.
    let mut ws = seven(
        mw("W1", "100", &["优秀"], &["满意"]),
        mw("W2", "100", &["优秀"], &["满意"]),
    );
    ws[2] = mw("W3", "90", &["优秀"], &["满意"]);
    let a = mini(&ws, "").score();
    for id in ["W1", "W2"] {
        assert_eq!(grade(&a, id), Some("称职"), "{id}");
        assert!(w(&a, id).has_flag("quota_tie"));
    }
    assert!(w(&a, "W3").has_flag("quota_cut"));
    assert_eq!(a.quotas[0].tied, vec!["W1".to_string(), "W2".to_string()]);
    assert!(a.quotas[0].kept.is_empty());
    assert!(a.workers.iter().all(|w| w.grade.as_deref() != Some("优秀")));
}

#[test]
fn a_tie_on_total_is_broken_by_the_ballot() {
    // W1: 0.5 × 100 + 0.3 × 80 + 0.2 × 100 = 94; W2: 0.5 × 88 + 0.3 × 100 + 20 = 94.
    let ws = seven(
        mw("W1", "100", &["称职"], &["满意"]),
        mw("W2", "88", &["优秀"], &["满意"]),
    );
    let a = mini(&ws, "").score();
    assert_eq!(total(&a, "W1"), total(&a, "W2"));
    assert_eq!(grade(&a, "W2"), Some("优秀"));
    assert_eq!(grade(&a, "W1"), Some("称职"));
    assert!(w(&a, "W1").has_flag("quota_cut"));
    // Equal totals share a rank: 1, 1, then 3.
    assert_eq!(
        (w(&a, "W1").rank, w(&a, "W2").rank, w(&a, "F1").rank),
        (Some(1), Some(1), Some(3))
    );
}

#[test]
fn a_veto_frees_a_quota_place() {
    // W1 (100) has a warning: at most 称职; W2 (97.5) takes the one place.
    let ws = seven(
        mw("W1", "100", &["优秀"], &["满意"]),
        mw("W2", "95", &["优秀"], &["满意"]),
    );
    let a = mini(&ws, "W1,warning,1\n").score();
    assert_eq!(grade(&a, "W1"), Some("称职"));
    assert!(w(&a, "W1").has_flag("veto:warning"));
    assert_eq!(grade(&a, "W2"), Some("优秀"));
}

#[test]
fn pending_and_ungraded_workers_leave_n() {
    // Six workers, one pending: N = 5 → 1 place; with two out, N = 4 → 0 places.
    let mut ws = seven(
        mw("W1", "100", &["优秀"], &["满意"]),
        mw("W2", "95", &["优秀"], &["满意"]),
    );
    ws.pop();
    let a = mini(&ws, "F1,investigation,1\n").score();
    assert_eq!(w(&a, "F1").status, yardstick::Status::Pending);
    assert_eq!(w(&a, "F1").rank, None);
    assert_eq!(a.quotas[0].graded, 5);
    assert_eq!(grade(&a, "W1"), Some("优秀"));
    let a = mini(&ws, "F1,investigation,1\nF2,demerit,1\n").score();
    assert_eq!(w(&a, "F2").status, yardstick::Status::Ungraded);
    assert_eq!(
        w(&a, "F2").total.map(|t| t.to_string()).as_deref(),
        Some("76.00")
    );
    assert_eq!((a.quotas[0].graded, a.quotas[0].places), (4, 0));
    assert_eq!(grade(&a, "W1"), Some("称职"));
}

#[test]
fn veto_precedence_heaviest_wins() {
    let ws = seven(
        mw("W1", "100", &["优秀"], &["满意"]),
        mw("W2", "95", &["优秀"], &["满意"]),
    );
    // warning + removed → 不称职; investigation + demerit → pending; demerit + removed → ungraded.
    let a = mini(&ws, "W1,warning,1\nW1,removed,1\nW2,demerit,1\nW2,investigation,1\nF1,removed,1\nF1,demerit,1\n").score();
    assert_eq!(grade(&a, "W1"), Some("不称职"));
    assert_eq!(w(&a, "W1").status, yardstick::Status::Graded);
    assert_eq!(w(&a, "W2").status, yardstick::Status::Pending);
    assert_eq!(w(&a, "F1").status, yardstick::Status::Ungraded);
    assert!(w(&a, "W2").has_flag("veto:demerit") && w(&a, "W2").has_flag("veto:investigation"));
}

#[test]
fn an_incomplete_worker_stays_ungraded_whatever_the_vetoes() {
    // Report only (0.5 < 0.6): incomplete; investigation would make it pending, but it stays ungraded.
    let ws = vec![Mw {
        id: "A",
        report: vec!["90"],
        ballots: vec![],
        phone: vec![],
    }];
    let a = mini(&ws, "A,investigation,1\n").score();
    let r = w(&a, "A");
    assert_eq!(r.status, yardstick::Status::Ungraded);
    assert!(r.has_flag("incomplete") && r.has_flag("veto:investigation"));
    assert_eq!(r.total, None);
}

#[test]
fn exactly_one_third_unfit_votes_does_not_bite() {
    // A: 6 优秀 + 3 不称职 → valid 9, 3 × 3 = 9 is not > 9; ballot 720/9 = 80; total 50 + 24 + 20 = 94.
    // B: 5 优秀 + 3 不称职 → 3 × 3 = 9 > 8: not eligible; ballot 620/8 = 77.5; total 93.25.
    let mut ws = vec![
        mw(
            "A",
            "100",
            &[rep("优秀", 6), rep("不称职", 3)].concat(),
            &["满意"],
        ),
        mw(
            "B",
            "100",
            &[rep("优秀", 5), rep("不称职", 3)].concat(),
            &["满意"],
        ),
    ];
    let fillers: Vec<String> = (1..=8).map(|i| format!("F{i}")).collect();
    for id in &fillers {
        ws.push(mw(id, "60", &["称职"], &["基本满意"]));
    }
    let a = mini(&ws, "").score();
    assert_eq!(total(&a, "A").as_deref(), Some("94.00"));
    assert_eq!(total(&a, "B").as_deref(), Some("93.25"));
    assert_eq!(grade(&a, "A"), Some("优秀"));
    assert_eq!(grade(&a, "B"), Some("称职"));
    assert!(w(&a, "B").has_flag("ineligible:unfit_votes"));
    assert!(!w(&a, "A").has_flag("ineligible:unfit_votes"));
    // 10 graded → 2 places; only A is a candidate after eligibility.
    assert_eq!(a.quotas[0].candidates, vec!["A".to_string()]);
}

#[test]
fn bonus_cap_and_deduction_floor() {
    // A: 0.5 × 80 + 0.3 × 80 + 0.2 × 60 = 76; honor_province × 2 = 6 → capped at 5 → 81.
    // B: 0.5 × 10 + 0.3 × 40 + 0.2 × 0 = 17; ledger_false × 7 = 21 → −4 → floor 0.
    let ws = vec![
        mw("A", "80", &["称职"], &["基本满意"]),
        mw("B", "10", &["不称职"], &["不满意"]),
    ];
    let a = mini(
        &ws,
        "A,honor_province,2\nB,ledger_false,3\nB,ledger_false,4\n",
    )
    .score();
    assert_eq!(total(&a, "A").as_deref(), Some("81.00"));
    assert!(w(&a, "A").has_flag("bonus_capped"));
    assert_eq!(w(&a, "A").bonus.to_string(), "5.00");
    assert_eq!(total(&a, "B").as_deref(), Some("0.00"));
    assert!(w(&a, "B").has_flag("total_floored"));
    assert_eq!(w(&a, "B").deduction.to_string(), "21.00");
    assert_eq!(grade(&a, "B"), Some("不称职"));
}

#[test]
fn totals_above_100_are_allowed() {
    // 100 + 3 = 103.
    let a = mini(
        &[mw("A", "100", &["优秀"], &["满意"])],
        "A,honor_province,1\n",
    )
    .score();
    assert_eq!(total(&a, "A").as_deref(), Some("103.00"));
}

#[test]
fn competition_ranks_skip_after_ties() {
    // Totals 100, 94, 94, 76 → ranks 1, 2, 2, 4.
    let ws = vec![
        mw("A", "100", &["优秀"], &["满意"]),
        mw("B", "100", &["称职"], &["满意"]),
        mw("C", "88", &["优秀"], &["满意"]),
        mw("D", "80", &["称职"], &["基本满意"]),
    ];
    let a = mini(&ws, "").score();
    let ranks: Vec<_> = ["A", "B", "C", "D"]
        .iter()
        .map(|id| w(&a, id).rank)
        .collect();
    assert_eq!(ranks, vec![Some(1), Some(2), Some(2), Some(4)]);
}

#[test]
fn the_trail_explains_every_step() {
    let ws = seven(
        mw("W1", "100", &["优秀"], &["满意"]),
        mw("W2", "95", &["优秀"], &["满意"]),
    );
    let b = mini(&ws, "W2,honor_province,2\n");
    let text = b.explain("W2");
    for needle in [
        "个人汇报 report (weight 0.5): 1 score(s) [95]; mean of all 1 → score 95.00",
        "bonus 6 (cap 5) → 5",
        "Total = base 97.5 + bonus − deductions = 102.5; rounded half up to 2 decimals: 102.50",
        "Quota for 优秀 in the bundle: 1/5 of N = 7 graded, rounded down, gives 1 place(s); candidate 1 of 2",
        "Rank 1 of 7 graded",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let text = b.explain("W1");
    assert!(text.contains("candidate 2 of 2"), "{text}");
    assert!(text.contains("below the quota line; grade 称职"), "{text}");
}

#[test]
fn candidates_equal_below_the_quota_line_share_their_place_in_any_row_order() {
    // W1 = 100 keeps the one place of seven; W2 and W3 = 0.5 × 95 + 30 + 20 = 97.5, equal on
    // every key, are both cut and both second of the three candidates (one is ahead of each),
    // whichever comes first in the roster.
    let place = |ws: &[Mw]| -> Vec<(String, usize)> {
        let a = mini(ws, "").score();
        ["W2", "W3"]
            .iter()
            .map(|id| {
                let f = w(&a, id).outcome.flags.iter().find_map(|f| match f {
                    yardstick::Flag::QuotaCut {
                        position,
                        candidates,
                        ..
                    } => Some((*position, *candidates)),
                    _ => None,
                });
                let (position, candidates) = f.expect("cut");
                assert_eq!(candidates, 3);
                (id.to_string(), position)
            })
            .collect()
    };
    let mut ws = seven(
        mw("W1", "100", &["优秀"], &["满意"]),
        mw("W2", "95", &["优秀"], &["满意"]),
    );
    ws[2] = mw("W3", "95", &["优秀"], &["满意"]);
    let want = vec![("W2".to_string(), 2), ("W3".to_string(), 2)];
    assert_eq!(place(&ws), want);
    ws.swap(1, 2);
    assert_eq!(place(&ws), want);
}
