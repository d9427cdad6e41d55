//! The HTML report: the numbers it shows, worked out from fixtures/sample (its README lists
//! the 37 graded totals), and that it is self-contained and escapes what it prints.

use std::path::Path;

use yardstick::{Bundle, Files, FsFiles, Scored};

use crate::support::B;

/// The report of `scored`, audited through `files`.
fn html_of(scored: &Scored, files: &dyn Files) -> String {
    let audited = yardstick::audit::audit(scored, files, &Default::default()).unwrap();
    yardstick::html::to_html(&audited)
}

fn sample_html() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample");
    let bundle = Bundle::load(&dir).unwrap().output;
    html_of(&yardstick::score(&bundle), &FsFiles)
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
    let html = html_of(&yardstick::score(&bundle), &b.files());
    assert!(html.contains("&lt;b&gt;甲&lt;/b&gt;"));
    assert!(html.contains("A&amp;B社区"));
    assert!(html.contains("乙&quot;"));
    assert!(!html.contains("<b>甲"));
    assert!(html.contains("（未填单位）"));
}

/// `workers` workers in units of ten, scored on the report (panel), ballot, test and phone
/// (weights 0.7 of 1.0): totals from about 71 to 100, with many equal totals and keys; with
/// `triples`, workers 3j, 3j + 1 and 3j + 2 have the same scores.
fn cohort(workers: usize, triples: bool) -> B {
    let mut roster = String::from("worker_id,name,unit\n");
    let mut report = String::from("worker_id,rater_id,score\n");
    let mut ballot = String::from("ballot_id,worker_id,choice\n");
    let mut test = String::from("worker_id,score\n");
    let mut phone = String::from("worker_id,call_id,outcome\n");
    for k in 0..workers {
        let id = format!("W{k:05}");
        roster.push_str(&format!("{id},人员{k},U{:03}社区\n", k / 10));
        let j = if triples { k / 3 } else { k };
        let s = 60 + (j * 7) % 41;
        for r in 1..=3 {
            report.push_str(&format!("{id},R{r},{s}\n"));
            let choice = if j % 3 == 0 { "称职" } else { "优秀" };
            ballot.push_str(&format!("{id}-{r},{id},{choice}\n"));
        }
        test.push_str(&format!("{id},{}\n", 60 + (j * 13) % 41));
        for c in 1..=5 {
            phone.push_str(&format!("{id},{id}-{c},满意\n"));
        }
    }
    B::new(&roster)
        .file("report", &report)
        .file("ballot", &ballot)
        .file("test", &test)
        .file("phone", &phone)
}

fn render(b: &B) -> String {
    let bundle = b.load().unwrap().output;
    html_of(&yardstick::score(&bundle), &b.files())
}

#[test]
fn a_large_roster_gets_the_summary_report() {
    let workers = 2_500;
    assert!(workers > yardstick::html::DETAIL_LIMIT);
    let html = render(&cohort(workers, false));
    // The cohort, the distribution and the histogram as always.
    assert_eq!(card(&html, "参评人数"), "2500");
    assert!(html.contains("<section id=\"grades\">"));
    assert!(html.contains("aria-label=\"总分分布直方图\""));
    // No row or dot per worker: no component bars, no people table, no strip plot.
    assert!(!html.contains("class=\"bar\""));
    assert!(!html.contains("<table class=\"people\">"));
    assert!(!html.contains("<circle"));
    assert!(!html.contains("人员1234"));
    // Where the detail is.
    assert!(html.contains("<code>yardstick score 考核目录 --format xlsx -o 结果.xlsx</code>"));
    assert!(html.contains("“明细”工作表"));
    assert!(html.contains("<code>yardstick explain 考核目录 工号</code>"));
    // A table of the 250 units, and a histogram of their means.
    assert!(html.contains("共 250 个单位"));
    assert!(html.contains("aria-label=\"各单位平均分分布直方图\""));
    assert!(html.contains("<tr><td>U000社区</td><td class=\"r\">10</td><td class=\"r\">10</td>"));
    assert!(html.contains("<tr><td>U249社区</td>"));
    // The quota line: the places around it and every tied candidate, the rest counted.
    let quota = &html[html.find("<section id=\"quota\">").unwrap()..];
    let quota = &quota[..quota.find("</section>").unwrap()];
    assert!(quota.contains("—— 名额线（500 名）——"), "{quota}");
    assert!(
        quota.contains("顺位，共 477 名，均确定为优秀，此处从略"),
        "{quota}"
    );
    assert!(
        quota.contains("顺位，共 599 名，均在名额线外，此处从略"),
        "{quota}"
    );
    assert!(quota.contains("“名额”工作表"));
    let listed = quota.matches("<tr><td class=\"r\">").count()
        + quota.matches("<tr class=\"tied\">").count();
    let tied = quota.matches("<tr class=\"tied\">").count();
    assert!(
        listed <= 2 * yardstick::html::QUOTA_CONTEXT + tied,
        "{listed} listed, {tied} tied"
    );
    // The audit, bounded: α, the raters, the histogram and the counts of the margins, the
    // suspicious sheets cut to 20 a list; no row per worker, a pointer to the 审核 sheet.
    let audit = &html[html.find("<section id=\"audit\"").unwrap()..];
    let audit = &audit[..audit.find("</section>").unwrap()];
    assert!(audit.contains("<h2>八、公平性审核</h2>"), "{audit}");
    // Three raters give each worker the same score: perfect agreement.
    assert!(audit.contains(
        "<td class=\"r\">1.000</td><td class=\"r\">2500</td><td class=\"r\">7500</td><td>一致性好，可以信赖（α ≥ 0.800）</td>"
    ), "{audit}");
    assert!(audit.contains("aria-label=\"个人汇报：各评分人的宽严（分）\""));
    assert!(audit.contains("<tr><td>R1</td><td class=\"r\">2500</td><td class=\"r\">+0.000</td>"));
    assert!(audit.contains("aria-label=\"离相邻等次的分差分布（每格 1 分）\""));
    assert!(audit.contains("已评定 2500 人"));
    assert!(!audit.contains("<table class=\"margins\">"));
    assert!(!audit.contains("W01234"));
    assert!(audit.contains("参评 2500 人，超过 2000 人，本报告不逐人列出离相邻等次的距离"));
    assert!(audit.contains("<code>yardstick score 考核目录 -o 结果.xlsx</code>"));
    // Each worker's three one-worker sheets are identical: 2,500 groups, 20 listed.
    assert!(audit.contains("内容完全相同的票（3 张及以上为一组）2500 组："));
    assert_eq!(audit.matches("张完全相同，每张评 1 人").count(), 20);
    assert!(audit.contains("…另有 2480 组"));
    assert!(audit.len() < 40 * 1024, "{} bytes of audit", audit.len());
    // Grows with units, not workers: well under 5 MB for a province.
    assert!(html.len() < 120 * 1024, "{} bytes", html.len());
}

#[test]
fn the_limit_is_inclusive() {
    // Roster only: every worker incomplete, hence quick to render.
    let roster = |n: usize| {
        let mut r = String::from("worker_id,name,unit\n");
        for k in 0..n {
            r.push_str(&format!("W{k:05},人员{k},U{:03}社区\n", k / 10));
        }
        B::new(&r)
    };
    let at = render(&roster(yardstick::html::DETAIL_LIMIT));
    assert!(at.contains("<table class=\"people\">"));
    assert_eq!(
        at.matches("<td class=\"missing\"").count(),
        6 * yardstick::html::DETAIL_LIMIT
    );
    let above = render(&roster(yardstick::html::DETAIL_LIMIT + 1));
    assert!(!above.contains("<table class=\"people\">"));
    assert!(above.contains("“明细”工作表"));
}

#[test]
fn per_unit_quotas_in_the_summary_report() {
    // Workers in threes with equal scores: most units tie at their line of 2 places.
    let rubric = crate::support::STANDARD.replace("scope = \"bundle\"", "scope = \"unit\"");
    let html = render(&cohort(2_500, true).rubric(&rubric));
    let quota = &html[html.find("<section id=\"quota\">").unwrap()..];
    let quota = &quota[..quota.find("</section>").unwrap()];
    // A row per unit (floor(10 / 5) = 2 places each), no table of candidates per unit.
    assert!(
        quota.contains("优秀名额按单位分别控制：250 个单位，已评定 N = <b>2500</b> 人"),
        "{quota}"
    );
    assert!(quota.contains("名额合计 <b>500</b> 名"));
    assert!(quota.contains(
        "<tr class=\"tied\"><td>U000社区</td><td class=\"r\">10</td><td class=\"r\">2</td><td class=\"r\">3</td><td class=\"r\">0</td><td class=\"r\">3</td><td class=\"r\">0</td></tr>"
    ));
    assert!(!quota.contains("名额线（2 名）"));
    // Then every tied candidate, for the committee: 人员6, 7 and 8 of U000 tie for 2 places.
    let tied = &quota[quota.find("<h3>名额线上并列人员</h3>").unwrap()..];
    for (p, name) in [(1, "人员6"), (2, "人员7"), (3, "人员8")] {
        assert!(
            tied.contains(&format!(
                "<tr class=\"tied\"><td>U000社区</td><td class=\"r\">2</td><td class=\"r\">0</td><td class=\"r\">{p}</td><td>{name}</td><td class=\"r\">91.43</td>"
            )),
            "{name}"
        );
    }
    let n: usize = quota
        .split("个单位名额线上并列共 ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(tied.matches("<tr class=\"tied\">").count(), n);
    assert!(html.len() < 400 * 1024, "{} bytes", html.len());
}

/// Takes at most 7 bytes a call, and fails after `budget` bytes when one is given.
struct Trickle {
    taken: Vec<u8>,
    budget: Option<usize>,
}

impl std::io::Write for Trickle {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.budget.is_some_and(|b| self.taken.len() >= b) {
            return Err(std::io::Error::other("disk full"));
        }
        let n = buf.len().min(7);
        self.taken.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn streamed_output_equals_the_string_on_any_number_of_threads() {
    for b in [None, Some(cohort(1_000, false)), Some(cohort(2_100, true))] {
        let (bundle, files): (Bundle, Box<dyn Files>) = match &b {
            None => {
                let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample");
                (Bundle::load(&dir).unwrap().output, Box::new(FsFiles))
            }
            Some(b) => (b.load().unwrap().output, Box::new(b.files())),
        };
        let html = html_of(&Scored::with_threads(&bundle, 1), &*files);
        for threads in [1, 2, 3] {
            let scored = Scored::with_threads(&bundle, threads);
            let audited = yardstick::audit::audit(&scored, &*files, &Default::default()).unwrap();
            let mut out = Trickle {
                taken: Vec::new(),
                budget: None,
            };
            yardstick::html::write(&audited, &mut out).unwrap();
            assert!(
                out.taken == html.as_bytes(),
                "{} workers on {threads} threads",
                scored.len()
            );
            // A writer that fails stops the report with its error, wherever it fails.
            for budget in [100, html.len() / 2, html.len() - 100] {
                let mut out = Trickle {
                    taken: Vec::new(),
                    budget: Some(budget),
                };
                let e = yardstick::html::write(&audited, &mut out).unwrap_err();
                assert_eq!(e.to_string(), "disk full");
            }
        }
    }
}

#[test]
fn the_report_lists_the_consequences_with_the_years_counted() {
    // fixtures/history/README.md: H09 dismiss, H01 promote_early, H01, H02 and H04 promote.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/history/2024");
    let bundle = Bundle::load(&dir).unwrap().output;
    let html = html_of(&yardstick::score(&bundle), &FsFiles);
    let start = html.find("<section id=\"consequences\">").unwrap();
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(
        section.contains("依据往年考核结果：2023年、2022年"),
        "{section}"
    );
    assert!(section.contains(
        "<div class=\"v\">3</div><div class=\"l\">晋升岗位等级<br>连续 3 年称职及以上</div>"
    ));
    assert!(section.contains("冯志强<br><small>H09</small></td><td class=\"nw\">南苑社区</td><td>2024年不称职、2023年不称职</td>"));
    assert_eq!(section.matches("<tr><td class=\"nw\">").count(), 5);
    // The sample has no history: the section says so, and lists no one.
    let html = sample_html();
    assert!(html.contains("考核包未列出往年考核结果"));
    assert!(html.contains("<h2>七、个人得分</h2>"));
}
