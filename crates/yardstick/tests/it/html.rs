//! The HTML report: the numbers it shows, worked out from fixtures/sample (its README lists
//! the 37 graded totals), and that it is self-contained and escapes what it prints.

use std::path::Path;

use yardstick::Bundle;

use crate::support::B;

fn sample_html() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample");
    let bundle = Bundle::load(&dir).unwrap().output;
    yardstick::html::to_html(&yardstick::score(&bundle))
}

fn card(html: &str, label: &str) -> String {
    let end = html
        .find(&format!("<div class=\"l\">{label}</div>"))
        .unwrap_or_else(|| panic!("no card {label}"));
    let start = html[..end].rfind("<div class=\"v\">").unwrap() + "<div class=\"v\">".len();
    html[start..end].trim_end_matches("</div>").to_string()
}

#[test]
fn the_cohort_at_a_glance() {
    let html = sample_html();
    assert!(html.contains("<title>城关街道社区工作者2024年度考核结果报告</title>"));
    assert_eq!(card(&html, "参评人数"), "40");
    assert_eq!(card(&html, "已评定"), "37");
    assert_eq!(card(&html, "不评定"), "2"); // NY10 and BH09: incomplete
    assert_eq!(card(&html, "暂缓评定"), "1");
    // The 37 graded totals add up to 3118.38: mean 84.2805… → 84.28; the 19th is 82.31.
    assert_eq!(card(&html, "平均分"), "84.28");
    assert_eq!(card(&html, "中位数"), "82.31");
    assert_eq!(card(&html, "最高分"), "97.27");
    assert_eq!(card(&html, "最低分"), "63.96");
    // floor(37 / 5) = 7 places; XJ03 and BH06 tie at the 7th: 6 优秀.
    assert_eq!(card(&html, "优秀人数 / 名额"), "6 / 7");
}

#[test]
fn the_histogram_bins_and_thresholds() {
    let html = sample_html();
    // Bins of 5 points over the graded totals listed in fixtures/sample/README.md.
    for (bin, n) in [
        ("60–65", 1),
        ("70–75", 3),
        ("75–80", 8),
        ("80–85", 8),
        ("85–90", 4),
        ("90–95", 11),
        ("95–100", 2),
    ] {
        assert!(
            html.contains(&format!("<title>{bin}：{n} 人</title>")),
            "{bin}"
        );
    }
    assert!(!html.contains("<title>65–70"));
    for t in ["优秀 ≥ 90", "称职 ≥ 70", "基本称职 ≥ 60"] {
        assert!(html.contains(t), "{t}");
    }
}

#[test]
fn grade_distribution_units_and_the_quota_line() {
    let html = sample_html();
    assert!(html.contains("6 人（15%）"));
    assert!(html.contains("30 人（75%）"));
    assert!(html.contains("1 人（2.5%）"));
    // 东门社区: ten graded workers, mean 86.51, highest DM01 97.27.
    assert!(html.contains(
        "<tr><td>东门社区</td><td class=\"r\">10</td><td class=\"r\">10</td><td class=\"r\">86.51</td><td class=\"r\">97.27</td>"
    ));
    assert!(html.contains("已评定 N = <b>37</b> 人，比例 <b>1/5</b>，名额 <b>7</b> 名；候选 10 名，确定 <b>6</b> 名，名额线上并列 2 名"));
    assert!(html.contains("—— 名额线（7 名）——"));
    // The tied pair sit below the line, marked.
    let tied = html.matches("<tr class=\"tied\">").count();
    assert_eq!(tied, 2);
}

#[test]
fn self_contained_and_identical_run_to_run() {
    let html = sample_html();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in [
        "http://", "https://", "<script", "<link", "src=", "@import", "url(",
    ] {
        assert!(!html.contains(external), "{external}");
    }
    assert_eq!(html, sample_html());
}

#[test]
fn names_are_escaped() {
    let b = B::new("worker_id,name,unit\nW1,<b>甲</b>,A&B社区\nW2,\"乙\"\"\",\n");
    let bundle = b.load().unwrap().output;
    let html = yardstick::html::to_html(&yardstick::score(&bundle));
    assert!(html.contains("&lt;b&gt;甲&lt;/b&gt;"));
    assert!(html.contains("A&amp;B社区"));
    assert!(html.contains("乙&quot;"));
    assert!(!html.contains("<b>甲"));
    assert!(html.contains("（未填单位）"));
}
