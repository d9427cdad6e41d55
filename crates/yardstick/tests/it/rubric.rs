//! Rubrics: every shipped rubric validates; a wrong rubric is reported at line and column.

use yardstick::Rubric;

use crate::support::STANDARD;

#[test]
fn every_shipped_rubric_validates() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rubrics");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml")
            && path.file_name().is_some_and(|f| f != "routing.toml")
        {
            let text = std::fs::read_to_string(&path).unwrap();
            if let Err(e) = Rubric::from_toml(&text, &path.display().to_string()) {
                panic!(
                    "{} does not validate: {:#?}",
                    path.display(),
                    e.diagnostics()
                );
            }
            n += 1;
        }
    }
    assert!(n >= 2, "expected at least two rubrics, found {n}");
}

#[test]
fn the_standard_rubric_says_what_the_contract_says() {
    let r = Rubric::from_toml(STANDARD, "community-worker.toml").unwrap();
    let ids: Vec<_> = r.components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["report", "ballot", "interview", "test", "phone", "visit"]
    );
    let weights: Vec<_> = r.components.iter().map(|c| c.weight.to_string()).collect();
    assert_eq!(weights, ["0.15", "0.25", "0.15", "0.15", "0.15", "0.15"]);
    let bands: Vec<_> = r
        .grades
        .iter()
        .map(|b| (b.label.as_str(), b.min.map(|m| m.to_string())))
        .collect();
    assert_eq!(
        bands,
        [
            ("优秀", Some("90".into())),
            ("称职", Some("70".into())),
            ("基本称职", Some("60".into())),
            ("不称职", None)
        ]
    );
    assert_eq!(r.adjustments.items.len(), 10);
    assert_eq!(
        r.adjustments.bonus_cap.map(|c| c.to_string()).as_deref(),
        Some("5")
    );
    let q = r.quota.as_ref().unwrap();
    assert_eq!(q.ratio.to_string(), "1/5");
}

/// A shipped rubric, checked.
fn shipped(name: &str) -> Rubric {
    let path = format!("{}/../../rubrics/{name}", env!("CARGO_MANIFEST_DIR"));
    Rubric::from_toml(&std::fs::read_to_string(&path).unwrap(), &path).unwrap()
}

/// A scorecard component's settings and items as text, for comparing with the contract.
fn scorecard(r: &Rubric, id: &str) -> (String, Vec<String>) {
    let Some(yardstick::rubric::Method::Scorecard(s)) = r.component(id).map(|c| &c.method) else {
        panic!("{id} is not a scorecard");
    };
    let head = format!(
        "{} base {} floor {} ceiling {:?} min {}",
        s.period.as_str(),
        s.base,
        s.floor,
        s.ceiling.map(|c| c.to_string()),
        s.min_periods
    );
    let items = s
        .items
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {}",
                i.id,
                i.name,
                i.points,
                i.limit.map_or("-".into(), |l| l.to_string())
            )
        })
        .collect();
    (head, items)
}

fn bands(r: &Rubric) -> Vec<(String, Option<String>)> {
    r.grades
        .iter()
        .map(|b| (b.label.clone(), b.min.map(|m| m.to_string())))
        .collect()
}

#[test]
fn the_grid_worker_rubric_says_what_the_contract_says() {
    // docs/contract.md 7.2.
    let r = shipped("grid-worker.toml");
    let comps: Vec<_> = r
        .components
        .iter()
        .map(|c| format!("{} {} {} {}", c.id, c.method.kind(), c.name, c.weight))
        .collect();
    assert_eq!(
        comps,
        [
            "monthly scorecard 月度考核 0.6",
            "satisfaction phone 群众满意度回访 0.3",
            "review panel 社区评议 0.1"
        ]
    );
    let (head, items) = scorecard(&r, "monthly");
    assert_eq!(head, "month base 100 floor 0 ceiling Some(\"100\") min 6");
    assert_eq!(
        items,
        [
            "collect_error 信息采集不全或错误 -1 10",
            "patrol_missed 未按要求巡查走访 -2 20",
            "event_unreported 事件漏报迟报 -5 30",
            "complaint_upheld 群众投诉属实 -5 20",
            "discipline 违反工作纪律 -3 15",
        ]
    );
    let standard = Rubric::from_toml(STANDARD, "community-worker.toml").unwrap();
    let (std_phone, phone) = (
        standard.component("phone").unwrap(),
        r.component("satisfaction").unwrap(),
    );
    assert_eq!(
        serde_json::to_value(&std_phone.method).unwrap(),
        serde_json::to_value(&phone.method).unwrap()
    );
    assert_eq!(
        serde_json::to_value(&standard.component("report").unwrap().method).unwrap(),
        serde_json::to_value(&r.component("review").unwrap().method).unwrap()
    );
    assert_eq!(r.total.min_present_weight.to_string(), "0.6");
    assert_eq!(r.total.floor.map(|f| f.to_string()).as_deref(), Some("0"));
    let mut items: Vec<_> = standard
        .adjustments
        .items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap())
        .collect();
    let grid: Vec<_> = r
        .adjustments
        .items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap())
        .collect();
    let dispute = grid.iter().find(|i| i["id"] == "dispute_resolved").unwrap();
    assert_eq!(dispute["effect"]["bonus"], "1");
    items.push(dispute.clone());
    let sorted = |mut v: Vec<serde_json::Value>| {
        v.sort_by_key(|i| i["id"].to_string());
        v
    };
    // The vetoes name grades by place, and the grades are the standard rubric's labels.
    assert_eq!(sorted(items), sorted(grid));
    assert_eq!(
        r.adjustments.bonus_cap.map(|c| c.to_string()).as_deref(),
        Some("5")
    );
    assert_eq!(
        bands(&r),
        [
            ("优秀".into(), Some("95".into())),
            ("称职".into(), Some("80".into())),
            ("基本称职".into(), Some("70".into())),
            ("不称职".into(), None)
        ]
    );
    assert!(r.eligibility.is_empty());
    let q = r.quota.as_ref().unwrap();
    assert_eq!(q.ratio.to_string(), "1/5");
    let order: Vec<_> = q
        .order
        .iter()
        .map(|k| match k {
            yardstick::rubric::OrderKey::Total => "total".to_string(),
            yardstick::rubric::OrderKey::Component(c) => r.component_at(*c).id.clone(),
        })
        .collect();
    assert_eq!(order, ["total", "satisfaction", "monthly"]);
}

#[test]
fn the_party_member_rubric_says_what_the_contract_says() {
    // docs/contract.md 7.3.
    let r = shipped("party-member.toml");
    let comps: Vec<_> = r
        .components
        .iter()
        .map(|c| format!("{} {} {} {}", c.id, c.method.kind(), c.name, c.weight))
        .collect();
    assert_eq!(
        comps,
        ["points scorecard 积分 0.8", "review ballot 民主评议 0.2"]
    );
    let (head, items) = scorecard(&r, "points");
    assert_eq!(head, "quarter base 80 floor 0 ceiling Some(\"100\") min 2");
    assert_eq!(
        items,
        [
            "meeting_absent 无故缺席组织生活 -5 20",
            "dues_late 未按时交纳党费 -5 10",
            "task_undone 未完成支部分配任务 -3 15",
            "criticised 受到通报批评 -10 20",
            "volunteer 志愿服务 2 10",
            "lecture 讲微党课 3 6",
            "commended 受到表彰或群众书面感谢 5 10",
        ]
    );
    let Some(yardstick::rubric::Method::Ballot(b)) = r.component("review").map(|c| &c.method)
    else {
        panic!("review is not a ballot");
    };
    let options: Vec<_> = b
        .options
        .iter()
        .map(|o| format!("{} {}", o.label, o.value))
        .collect();
    assert_eq!(options, ["优秀 100", "合格 80", "基本合格 60", "不合格 40"]);
    assert_eq!(b.not_valid, ["弃权"]);
    assert_eq!(b.quorum, yardstick::rubric::Quorum::None);
    assert_eq!(r.total.min_present_weight.to_string(), "0.6");
    let items: Vec<_> = r
        .adjustments
        .items
        .iter()
        .map(|i| {
            (
                i.id.as_str(),
                serde_json::to_value(&i.effect).unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            ("discipline", format!("{{\"veto\":{{\"grade\":{}}}}}", 3)),
            ("criminal", "{\"veto\":\"pending\"}".to_string()),
        ]
    );
    assert_eq!(
        bands(&r),
        [
            ("优秀".into(), Some("90".into())),
            ("良好".into(), Some("80".into())),
            ("合格".into(), Some("60".into())),
            ("不合格".into(), None)
        ]
    );
    assert_eq!(r.eligibility.len(), 1);
    let e = &r.eligibility[0];
    assert_eq!(
        (r.grade_label(e.grade), r.grade_label(e.otherwise)),
        ("优秀", "良好")
    );
    assert!(r.quota.is_none());
}

fn errors(text: &str) -> Vec<String> {
    match Rubric::from_toml(text, "r.toml") {
        Ok(_) => panic!("rubric accepted"),
        Err(e) => e
            .errors()
            .map(|d| d.render(yardstick::i18n::Lang::En))
            .collect(),
    }
}

#[test]
fn weights_must_sum_to_one() {
    let bad = STANDARD.replacen("weight = 0.25", "weight = 0.3", 1);
    let line = bad
        .lines()
        .position(|l| l.starts_with("weight = 0.15"))
        .unwrap()
        + 1;
    assert_eq!(
        errors(&bad),
        vec![format!(
            "r.toml:{line}:10: error: component weights sum to 1.05, expected exactly 1"
        )]
    );
}

#[test]
fn labels_references_and_bands_are_checked() {
    let bad = STANDARD
        .replacen(
            "{ label = \"称职\", value = 80 }",
            "{ label = \"优秀\", value = 80 }",
            1,
        )
        .replacen("veto = { cap = \"称职\" }", "veto = { cap = \"合格\" }", 1)
        .replacen("min = 70", "min = 95", 1)
        .replacen("component = \"test\"", "component = \"exam\"", 1)
        .replacen(
            "order = [\"total\", \"ballot\", \"phone\", \"visit\"]",
            "order = [\"total\", \"votes\"]",
            1,
        );
    let e = errors(&bad);
    let find = |needle: &str| {
        e.iter()
            .find(|m| m.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in {e:#?}"))
            .clone()
    };
    let at = |needle: &str| {
        let i = bad.find(needle).unwrap();

        bad[..i].lines().count() + usize::from(bad[..i].ends_with('\n'))
    };
    assert!(
        find("option label \"优秀\" is declared twice").starts_with(&format!(
            "r.toml:{}:",
            at("{ label = \"优秀\", value = 80 }")
        ))
    );
    assert!(
        find("grade \"合格\" is not one of the rubric's grades")
            .starts_with(&format!("r.toml:{}:", at("cap = \"合格\"")))
    );
    assert!(
        find("grade bands must be ordered from the highest: min 95 is not below 90")
            .starts_with(&format!("r.toml:{}:", at("min = 95")))
    );
    assert!(
        find("component \"exam\" is not declared in this rubric")
            .starts_with(&format!("r.toml:{}:", at("\"exam\"")))
    );
    assert!(find("order key \"votes\" is neither \"total\" nor a component").contains("r.toml:"));
    assert_eq!(e.len(), 5, "{e:#?}");
}

#[test]
fn unknown_keys_and_keys_of_another_kind_are_errors() {
    let bad = STANDARD.replacen("min_count = 3", "min_count = 3\nmin_counted = 5", 1);
    let e = errors(&bad);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].contains("key `min_counted` does not apply to a component of kind \"panel\""),
        "{e:?}"
    );
    let bad = STANDARD.replacen("bonus_cap = 5", "bonus_cap = 5\nbonus_limit = 5", 1);
    let e = errors(&bad);
    assert!(e[0].contains("unknown field `bonus_limit`"), "{e:?}");
    let line = bad
        .lines()
        .position(|l| l.starts_with("bonus_limit"))
        .unwrap()
        + 1;
    assert!(e[0].starts_with(&format!("r.toml:{line}:1:")), "{e:?}");
}

#[test]
fn the_last_band_must_cover_the_floor() {
    let bad = STANDARD.replacen(
        "label = \"不称职\"             # everything below 60",
        "label = \"不称职\"\nmin = 40",
        1,
    );
    let e = errors(&bad);
    assert!(
        e[0].contains("the last band starts at 40, so totals below it get no grade"),
        "{e:?}"
    );
}

#[test]
fn a_checked_rubric_round_trips_through_its_json_form() {
    // The checked model serialises; a second load of the same text gives the same model.
    let a = Rubric::from_toml(STANDARD, "a").unwrap();
    let b = Rubric::from_toml(STANDARD, "b").unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn a_rubric_of_more_than_65536_items_is_refused_at_the_first_one_too_many() {
    // Grades, components, items and rules are numbered by u16 ids. The standard rubric's items
    // are replaced by 65,537 written as one inline list.
    let head = &STANDARD[..STANDARD.find("\n[[adjustments.item]]").unwrap()];
    let tail = &STANDARD[STANDARD.find("\n[[grade]]").unwrap()..];
    let mut text = format!("{head}\nitem = [\n");
    for i in 0..65_537 {
        text.push_str(&format!(
            "  {{ id = \"x{i}\", name = \"x\", bonus = 1 }},\n"
        ));
    }
    text.push_str("]\n");
    text.push_str(tail);
    let line = text.lines().position(|l| l.contains("\"x65536\"")).unwrap() + 1;
    assert_eq!(
        errors(&text),
        [format!(
            "r.toml:{line}:10: error: too many adjustment items: a rubric may declare at most 65536"
        )],
    );
}

/// The standard rubric with the first `from` after the component `component` replaced.
fn in_component(component: &str, from: &str, to: &str) -> String {
    let c = STANDARD.find(&format!("id = \"{component}\"")).unwrap();
    let at = c + STANDARD[c..].find(from).unwrap();
    format!("{}{to}{}", &STANDARD[..at], &STANDARD[at + from.len()..])
}

/// The standard rubric with the list `key = [ … ]` of the component `component` replaced.
fn with_list(component: &str, key: &str, to: &str) -> String {
    let c = STANDARD.find(&format!("id = \"{component}\"")).unwrap();
    let start = c + STANDARD[c..].find(&format!("\n{key} = [")).unwrap() + 1;
    let end = start + STANDARD[start..].find("]\n").unwrap() + 1;
    format!("{}{to}{}", &STANDARD[..start], &STANDARD[end..])
}

/// `r.toml:line:column` of the first `needle` in `text` at or after `after`.
fn place(text: &str, after: &str, needle: &str) -> String {
    let from = text.find(after).unwrap();
    let at = from + text[from..].find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    format!("r.toml:{line}:{column}")
}

#[test]
fn an_empty_list_is_an_error_that_says_what_to_write() {
    let cases = [
        ("ballot", "options"),
        ("interview", "dimensions"),
        ("interview", "ratings"),
        ("phone", "options"),
        ("phone", "satisfied"),
        ("visit", "options"),
        ("visit", "satisfied"),
    ];
    for (component, key) in cases {
        let bad = with_list(component, key, &format!("{key} = []"));
        let e = errors(&bad);
        let at = place(&bad, &format!("id = \"{component}\""), "[]");
        let first = &e[0];
        assert!(
            first.starts_with(&format!("{at}: error: `{key}` is empty; ")),
            "{component}.{key}: {e:#?}"
        );
        assert!(
            first.contains(&format!("e.g. {key} = [")),
            "{component}.{key}: {first}"
        );
    }
    // The rule that names a ballot option then names none: an error too, at its own key.
    let e = errors(&with_list("ballot", "options", "options = []"));
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e[1].contains("option \"不称职\" is not one of the ballot's options"));
    // Voter groups, when written, must be at least one.
    let bad = STANDARD.replacen(
        "quorum = \"more_than_half\"",
        "groups = []\nquorum = \"more_than_half\"",
        1,
    );
    let e = errors(&bad);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with(&format!(
            "{}: error: `groups` is empty; list the voter groups with their weights",
            place(&bad, "groups = ", "[]")
        )),
        "{e:#?}"
    );
    assert!(e[0].ends_with("or leave `groups` out to weigh every ballot alike"));
}

#[test]
fn label_values_lie_on_the_0_to_100_scale_of_component_scores() {
    // (component, label, value as written, value as written instead, what the error says)
    let cases = [
        (
            "ballot",
            "优秀",
            "100",
            "1000",
            "option \"优秀\" has the value 1000",
        ),
        (
            "interview",
            "差",
            "40",
            "-500",
            "rating \"差\" has the value -500",
        ),
        (
            "phone",
            "满意",
            "100",
            "\"100.01\"",
            "option \"满意\" has the value 100.01",
        ),
        (
            "visit",
            "不满意",
            "0",
            "-0.5",
            "option \"不满意\" has the value -0.5",
        ),
    ];
    for (component, label, from, to, what) in cases {
        let entry = |v: &str| format!("{{ label = \"{label}\", value = {v} }}");
        let bad = in_component(component, &entry(from), &entry(to));
        let at = place(&bad, &entry(to), to);
        assert_eq!(
            errors(&bad),
            [format!(
                "{at}: error: {what}; a value must lie between 0 and 100, the scale of every component score"
            )],
            "{component}"
        );
    }
}

#[test]
fn panel_bounds_a_test_scale_and_a_below_mark_lie_on_the_same_scale() {
    let e = |from: &str, to: &str| {
        let bad = STANDARD.replacen(from, to, 1);
        (
            errors(&bad),
            place(&bad, to, to.split(" = ").nth(1).unwrap()),
        )
    };
    let (got, at) = e("min_score = 0", "min_score = -10");
    assert_eq!(
        got,
        [format!(
            "{at}: error: min_score must lie between 0 and 100, the scale of every component score, got -10"
        )]
    );
    let (got, at) = e("max_score = 100", "max_score = 120");
    assert_eq!(
        got,
        [format!(
            "{at}: error: max_score must lie between 0 and 100, the scale of every component score, got 120"
        )]
    );
    let (got, at) = e("scale = 100 ", "scale = 150 ");
    assert_eq!(
        got,
        [format!(
            "{at}: error: scale must be at most 100, the top of every component score's scale, got 150; a paper marked out of more is read with `full_mark`"
        )]
    );
    let (got, at) = e("below = 60", "below = 600");
    assert_eq!(
        got,
        [format!(
            "{at}: error: below must lie between 0 and 100, the scale of component \"test\", got 600"
        )]
    );
    // A test on a smaller scale bounds its marks by that scale.
    let bad = STANDARD
        .replacen("scale = 100 ", "scale = 50 ", 1)
        .replacen("pass_mark = 60", "pass_mark = 30", 1);
    let e = errors(&bad);
    assert_eq!(
        e,
        [format!(
            "{}: error: below must lie between 0 and 50, the scale of component \"test\", got 60",
            place(&bad, "below = ", "60")
        )]
    );
}

#[test]
fn a_rubric_is_told_from_a_bundle_even_when_broken() {
    use yardstick::rubric::looks_like_rubric;
    assert!(looks_like_rubric(STANDARD));
    let broken = STANDARD.replacen("min = 90", "min = 1e400", 1);
    assert!(broken.parse::<toml::Table>().is_err());
    assert!(looks_like_rubric(&broken));
    let e = errors(&broken);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with(&format!(
            "{}: error: ",
            place(&broken, "min = 1e400", "1e400")
        )),
        "{e:?}"
    );
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/sample/assessment.toml"
    ))
    .unwrap();
    assert!(!looks_like_rubric(&sample));
    assert!(!looks_like_rubric(&sample.replacen("year", "year = = ", 1)));
}

/// Every diagnostic as the command line shows it: the place and message, then the line with a
/// caret under the column.
fn render(e: &yardstick::Error, lang: yardstick::i18n::Lang) -> String {
    let mut out = String::new();
    for d in e.diagnostics() {
        out.push_str(&d.render(lang));
        out.push('\n');
        if let (Some(line), Some(src)) = (d.line, &d.source_line) {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            let before: String = src
                .chars()
                .take(d.column.unwrap_or(1).saturating_sub(1) as usize)
                .collect();
            let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_str()));
            out.push_str(&format!("{pad} |\n{num} | {src}\n{pad} | {indent}^\n"));
        }
    }
    out
}

/// Snapshots of the checker's messages: each `fixtures/bad_rubrics/<case>/rubric.toml` must be
/// refused with exactly the errors rendered in `expected_errors.txt` beside it (English) and in
/// `expected_errors.zh.txt` (Chinese, the default language).
/// `UPDATE_SNAPSHOTS=1 cargo test -p yardstick --test it rubric::` rewrites those files.
#[test]
fn every_bad_rubric_gives_its_expected_errors() {
    use yardstick::i18n::Lang;
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut cases: Vec<_> = std::fs::read_dir(root.join("fixtures/bad_rubrics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("rubric.toml").is_file())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 6,
        "expected the bad rubrics, found {cases:?}"
    );
    let mut stale = Vec::new();
    for dir in cases {
        let case = dir.file_name().unwrap().to_string_lossy().to_string();
        let file = format!("fixtures/bad_rubrics/{case}/rubric.toml");
        let text = std::fs::read_to_string(dir.join("rubric.toml")).unwrap();
        let e = match Rubric::from_toml(&text, &file) {
            Ok(_) => panic!("{file} was accepted"),
            Err(e) => e,
        };
        for (lang, name) in [
            (Lang::En, "expected_errors.txt"),
            (Lang::Zh, "expected_errors.zh.txt"),
        ] {
            let got = render(&e, lang);
            let snapshot = dir.join(name);
            if update {
                std::fs::write(&snapshot, &got).unwrap();
            } else {
                let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
                if want != got {
                    stale.push(format!(
                        "--- {case}: {name} says\n{want}--- but the checker says\n{got}"
                    ));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nIf the new messages are right: UPDATE_SNAPSHOTS=1 cargo test -p yardstick --test it rubric::",
        stale.join("\n")
    );
}
