//! The fairness audit in the workbook (the 审核 sheet) and in the HTML report (section 八): the
//! same values as `yardstick audit fixtures/sample --format json`, full precision in the cells
//! and 3 decimals where shown, with the charts.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use serde_json::Value;
use yardstick::i18n::Lang;
use yardstick::{Bundle, FsFiles};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample")
}

/// The sample's audit as JSON, its workbook and its report, in `lang`.
fn sample_views(lang: Lang) -> (Value, Vec<u8>, String) {
    let bundle = Bundle::load(&sample()).unwrap().output;
    let scored = yardstick::score(&bundle).with_lang(lang);
    let audited = yardstick::audit::audit(&scored, &FsFiles, &Default::default()).unwrap();
    let json = serde_json::from_str(&audited.to_json()).unwrap();
    let xlsx = yardstick::report::xlsx::to_xlsx(&audited).unwrap();
    (json, xlsx, yardstick::html::to_html(&audited))
}

fn audit_sheet(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(wb.sheet_names().last().map(String::as_str), Some("审核"));
    let range = wb.worksheet_range("审核").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = archive.by_name(name).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut f, &mut s).unwrap();
    s
}

fn text(d: &Data) -> &str {
    match d {
        Data::String(s) => s,
        _ => "",
    }
}

/// The row whose first cell is `first` and second `second` (when given).
fn row<'a>(rows: &'a [Vec<Data>], first: &str, second: Option<&str>) -> (usize, &'a [Data]) {
    rows.iter()
        .enumerate()
        .find(|(_, r)| {
            r.first().map(text) == Some(first)
                && second.is_none_or(|s| r.get(1).map(text) == Some(s))
        })
        .map(|(y, r)| (y, r.as_slice()))
        .unwrap_or_else(|| panic!("no row {first} {second:?}"))
}

/// A JSON number as the spreadsheet cell holds it, or an empty cell for null.
fn cell_of(v: &Value) -> Data {
    match v {
        Value::Null => Data::Empty,
        v => Data::Float(v.to_string().parse().unwrap()),
    }
}

/// The number format of a cell (`C6`) of sheet number `sheet` (the sample's 审核 is the
/// sixth, after 结果运用): its style's `numFmt` code.
fn number_format(bytes: &[u8], sheet: usize, cell: &str) -> String {
    let xml = zip_entry(bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
    let at = xml
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let tag = &xml[at..at + xml[at..].find('>').unwrap()];
    let style: usize = tag
        .split(" s=\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    let styles = zip_entry(bytes, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id = xf
        .split("numFmtId=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let code = styles
        .split("<numFmt ")
        .skip(1)
        .find(|f| f.contains(&format!("numFmtId=\"{id}\"")))
        .and_then(|f| f.split("formatCode=\"").nth(1))
        .and_then(|f| f.split('"').next())
        .unwrap_or_else(|| panic!("no format {id}"));
    code.to_string()
}

#[test]
fn the_audit_sheet_holds_what_audit_json_prints() {
    let (doc, bytes, _) = sample_views(Lang::Zh);
    let rows = audit_sheet(&bytes);
    // α, as `yardstick audit fixtures/sample --format json` prints it, to the last digit.
    let (y, alpha) = row(&rows, "个人汇报", Some("等距（分数）"));
    assert_eq!(alpha[2], Data::Float(0.9071840117682862));
    assert_eq!(cell_of(&doc["alpha"]["report"]["alpha"]), alpha[2]);
    assert_eq!(
        (&alpha[3], &alpha[4]),
        (&Data::Float(39.0), &Data::Float(273.0))
    );
    assert_eq!(text(&alpha[5]), "一致性好，可以信赖（α ≥ 0.800）");
    // Shown to 3 decimals by the cell's format, the value kept whole.
    let cell = format!("C{}", y + 1);
    assert_eq!(number_format(&bytes, 6, &cell), "0.000");
    let (_, talks) = row(&rows, "个别谈话", Some("顺序（评价等级）"));
    assert_eq!(talks[2], Data::Float(0.2818971760602477));
    assert_eq!(cell_of(&doc["alpha"]["interview"]["alpha"]), talks[2]);
    assert_eq!(
        (&talks[3], &talks[4]),
        (&Data::Float(200.0), &Data::Float(600.0))
    );
    assert_eq!(text(&talks[5]), "一致性不足，不宜依赖（α < 0.667）");

    // Leniency of every rater, in the file's order.
    let (head, _) = row(&rows, "评分人", Some("与他人共同评分人数"));
    let raters = doc["raters"]["report"].as_array().unwrap();
    assert_eq!(raters.len(), 7);
    for (k, r) in raters.iter().enumerate() {
        let got = &rows[head + 1 + k];
        assert_eq!(text(&got[0]), r["rater_id"].as_str().unwrap());
        assert_eq!(got[1], cell_of(&r["n"]));
        assert_eq!(got[2], cell_of(&r["leniency"]), "{}", r["rater_id"]);
        // Not flagged: the flag's cell is blank.
        assert_eq!(got.get(3).map(text).unwrap_or(""), "");
        let cell = format!("C{}", head + 2 + k);
        assert_eq!(number_format(&bytes, 6, &cell), "0.000");
    }
    assert_eq!(rows[head + 1][2], Data::Float(1.4636752136752136));
    assert_eq!(rows[head + 7][2], Data::Float(-1.4081196581196582));

    // The margins counted and binned: 0–1 point above the own band's minimum, DM07 (0.91)
    // and NY05 (0.13).
    assert!(rows.iter().any(|r| text(&r[0])
        == "离上一档不足 1 分的 0 人，高出本档线不足 1 分的 2 人；改动 2 张及以下测评票就会改变等次的 3 人。"));
    let (bins, _) = row(&rows, "分差（分）", Some("距上一档的人数"));
    assert_eq!(
        rows[bins + 1][..3],
        [
            Data::String("0–1".into()),
            Data::Float(0.0),
            Data::Float(2.0)
        ]
    );
    assert_eq!(text(&rows[bins + 11][0]), "10 及以上");
    let graded = |col: usize| -> f64 {
        rows[bins + 1..bins + 12]
            .iter()
            .map(|r| match r[col] {
                Data::Float(f) => f,
                _ => 0.0,
            })
            .sum()
    };
    let margins = doc["margins"].as_array().unwrap();
    let with = |key: &str| margins.iter().filter(|m| !m[key].is_null()).count() as f64;
    assert_eq!(graded(1), with("to_upper"));
    assert_eq!(graded(2), with("to_lower"));

    // Every graded worker's margins, by rank: the same numbers as the JSON.
    let (head, header) = row(&rows, "工号", Some("姓名"));
    assert_eq!(text(&header[6]), "民主测评改几票降档");
    let listed: Vec<&Vec<Data>> = rows[head + 1..]
        .iter()
        .take_while(|r| !text(&r[0]).is_empty())
        .collect();
    assert_eq!(listed.len(), margins.len());
    assert_eq!(text(&listed[0][0]), "DM01", "rank 1 first");
    for m in margins {
        let id = m["worker_id"].as_str().unwrap();
        let got = listed.iter().find(|r| text(&r[0]) == id).unwrap();
        assert_eq!(got[2], cell_of(&m["total"]), "{id}");
        assert_eq!(text(&got[3]), m["grade"].as_str().unwrap(), "{id}");
        assert_eq!(got[4], cell_of(&m["to_upper"]), "{id}");
        assert_eq!(got[5], cell_of(&m["to_lower"]), "{id}");
        let at = |c: usize| got.get(c).cloned().unwrap_or(Data::Empty);
        assert_eq!(at(6), cell_of(&m["ballots_down"]["ballot"]), "{id}");
        assert_eq!(at(7), cell_of(&m["ballots_up"]["ballot"]), "{id}");
    }
    let (_, dm07) = row(&rows, "DM07", None);
    assert_eq!(dm07[5], Data::Float(0.91));
    assert_eq!(dm07[6], Data::Float(2.0));

    // The suspicious sheets, one a row.
    let sheets = &doc["sheets"]["ballot"];
    assert_eq!(sheets["sheets"], 588);
    assert!(
        rows.iter()
            .any(|r| text(&r[0]) == "四、测评票（民主测评，共 588 张）")
    );
    let kind = |k: &str| rows.iter().filter(|r| text(&r[0]) == k).count();
    assert_eq!(
        kind("每一项都选“优秀”"),
        sheets["all_best"].as_array().unwrap().len()
    );
    assert_eq!(
        kind("每一项都选“不称职”"),
        sheets["all_worst"].as_array().unwrap().len()
    );
    // A group of identical sheets a row: its number, its size and its sheets.
    let groups = sheets["identical"].as_array().unwrap();
    let rows_of_groups: Vec<&Vec<Data>> = rows
        .iter()
        .filter(|r| text(&r[0]).starts_with("内容完全相同，每张评"))
        .collect();
    assert_eq!(rows_of_groups.len(), groups.len());
    for (g, (got, want)) in rows_of_groups.iter().zip(groups).enumerate() {
        let ids: Vec<&str> = want
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(got[1], Data::Float((g + 1) as f64));
        assert_eq!(got[2], Data::Float(ids.len() as f64));
        assert_eq!(text(&got[3]), ids.join(", "));
    }
    let first = sheets["all_best"][0].as_str().unwrap();
    assert!(rows.iter().any(|r| r.len() > 3 && text(&r[3]) == first));
}

#[test]
fn the_audit_sheet_has_its_two_charts() {
    let (_, bytes, _) = sample_views(Lang::Zh);
    // Leniency per rater: horizontal bars over the raters and their leniency.
    let bars = zip_entry(&bytes, "xl/charts/chart1.xml");
    assert!(bars.contains("<c:barDir val=\"bar\"/>"), "{bars}");
    assert!(bars.contains("个人汇报：各评分人的宽严（分）"), "{bars}");
    let rows = audit_sheet(&bytes);
    let (head, _) = row(&rows, "评分人", Some("与他人共同评分人数"));
    let raters = format!("审核!$A${}:$A${}", head + 2, head + 8);
    let values = format!("审核!$C${}:$C${}", head + 2, head + 8);
    assert!(bars.contains(&raters) && bars.contains(&values), "{bars}");
    // The histogram: columns over the bins, a series each way.
    let columns = zip_entry(&bytes, "xl/charts/chart2.xml");
    assert!(columns.contains("<c:barDir val=\"col\"/>"), "{columns}");
    assert_eq!(columns.matches("<c:ser>").count(), 2, "{columns}");
    let (bins, _) = row(&rows, "分差（分）", Some("距上一档的人数"));
    for col in ["A", "B", "C"] {
        let range = format!("审核!${col}${}:${col}${}", bins + 2, bins + 12);
        assert!(columns.contains(&range), "{range}\n{columns}");
    }
    assert!(columns.contains("离相邻等次的分差分布（每格 1 分）"));
}

#[test]
fn the_audit_sheet_speaks_the_results_language() {
    let (_, bytes, _) = sample_views(Lang::En);
    let rows = audit_sheet(&bytes);
    let (_, alpha) = row(&rows, "个人汇报", Some("interval (scores)"));
    assert_eq!(alpha[2], Data::Float(0.9071840117682862));
    assert_eq!(
        text(&alpha[5]),
        "good agreement, can be relied on (α ≥ 0.800)"
    );
    row(&rows, "Rater", Some("Workers shared"));
    row(&rows, "Margin (points)", Some("Workers by points to upper"));
    row(&rows, "10 or more", None);
}

/// The part of the report from `start` to the end of its section.
fn part<'a>(html: &'a str, start: &str) -> &'a str {
    let at = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    &html[at..at + html[at..].find("</section>").unwrap()]
}

#[test]
fn the_report_has_the_audit_section() {
    let (doc, _, html) = sample_views(Lang::Zh);
    let audit = part(&html, "<section id=\"audit\"");
    assert!(audit.contains("<h2>八、公平性审核</h2>"), "{audit}");
    // α to 3 decimals, with the reading.
    assert!(audit.contains(
        "<tr><td>个人汇报</td><td>等距（分数）</td><td class=\"r\">0.907</td><td class=\"r\">39</td><td class=\"r\">273</td><td>一致性好，可以信赖（α ≥ 0.800）</td></tr>"
    ), "{audit}");
    assert!(audit.contains(
        "<td class=\"r\">0.282</td><td class=\"r\">200</td><td class=\"r\">600</td><td>一致性不足，不宜依赖（α &lt; 0.667）</td>"
    ));
    // Every rater's leniency to 3 decimals, in the chart and the table.
    assert!(
        audit.contains("<svg class=\"chart\"")
            && audit.contains("aria-label=\"个人汇报：各评分人的宽严（分）\"")
    );
    for r in doc["raters"]["report"].as_array().unwrap() {
        let shown = format!("{:+.3}", r["leniency"].as_f64().unwrap());
        let id = r["rater_id"].as_str().unwrap();
        assert!(
            audit.contains(&format!("<title>{id}：{shown}</title>")),
            "{id} {shown}"
        );
        assert!(audit.contains(&format!(
            "<tr><td>{id}</td><td class=\"r\">39</td><td class=\"r\">{shown}</td>"
        )));
    }
    assert!(audit.contains("+1.464") && audit.contains("-1.408"));
    // The histogram of the margins, and its bins.
    assert!(audit.contains("aria-label=\"离相邻等次的分差分布（每格 1 分）\""));
    assert!(audit.contains("<title>0–1：高出本档的人数 2</title>"));
    assert!(audit.contains("<tr><td>0–1</td><td class=\"r\">0</td><td class=\"r\">2</td></tr>"));
    assert!(audit.contains("离上一档不足 1 分的 0 人，高出本档线不足 1 分的 2 人"));
    // Every graded worker's margins.
    let margins = doc["margins"].as_array().unwrap();
    let table = &audit[audit.find("<table class=\"margins\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr><td>").count(), margins.len());
    assert!(audit.contains(
        "<tr><td>DM01</td><td class=\"nw\">张丽萍</td><td class=\"r\">97.27</td><td>优秀</td><td class=\"r\">—</td><td class=\"r\">7.27</td><td class=\"r\">14</td><td class=\"r\">—</td></tr>"
    ), "{audit}");
    // A grade two ballots would change is marked.
    assert!(audit.contains("<td class=\"r\">0.91</td><td class=\"r narrow\">2</td>"));
    // The suspicious sheets, the lists cut after 20.
    assert!(audit.contains("<h3>四、测评票（民主测评，共 588 张）</h3>"));
    assert!(audit.contains("每一项都选“优秀”的票 120 张：DM-LW-040, DM-G1-001"));
    assert!(audit.contains("…等共 120 张"));
    assert!(audit.contains("内容完全相同的票（3 张及以上为一组）52 组："));
    assert!(audit.contains("…另有 32 组"));
}

#[test]
fn the_report_audit_in_english() {
    let (_, _, html) = sample_views(Lang::En);
    let audit = part(&html, "<section id=\"audit\"");
    assert!(audit.contains("<h2>8. Fairness audit</h2>"));
    assert!(audit.contains("<td class=\"r\">0.907</td>"));
    assert!(audit.contains("good agreement, can be relied on (α ≥ 0.800)"));
    assert!(audit.contains("aria-label=\"个人汇报: leniency per rater (points)\""));
    assert!(audit.contains("Each worker&#39;s margins (by rank)"));
}

/// The file system, with `ballots.csv` gone once `gone` is set (after the bundle is loaded).
struct Vanishing {
    gone: std::sync::atomic::AtomicBool,
}

impl yardstick::Files for Vanishing {
    fn open(&self, path: &Path) -> std::io::Result<Box<dyn std::io::Read + '_>> {
        if self.gone.load(std::sync::atomic::Ordering::SeqCst) && path.ends_with("ballots.csv") {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such file",
            ));
        }
        FsFiles.open(path)
    }
}

#[test]
fn an_audit_that_cannot_read_the_ballots_again_gives_its_diagnostics() {
    // The views are made from an audit: a failed audit is an error before any of them.
    let files = Vanishing { gone: false.into() };
    let bundle = Bundle::load_with(&files, &sample()).unwrap().output;
    let scored = yardstick::score(&bundle);
    files.gone.store(true, std::sync::atomic::Ordering::SeqCst);
    let e = yardstick::audit::audit(&scored, &files, &Default::default()).unwrap_err();
    let d = e.diagnostics();
    assert!(!d.is_empty());
    assert!(d[0].file.ends_with("ballots.csv"), "{d:?}");
}

#[test]
fn a_null_alpha_says_why() {
    use rust_decimal::Decimal;
    use yardstick::audit::alpha::{Coincidences, Metric};
    use yardstick::audit::{ComponentAlpha, Reading, Undefined};
    let of = |units: &[&[i64]]| {
        let mut c = Coincidences::default();
        for u in units {
            c.unit(&u.iter().map(|&v| Decimal::from(v)).collect::<Vec<_>>());
        }
        ComponentAlpha {
            k: 0,
            component: "report".into(),
            metric: Metric::Interval,
            result: c.alpha(Metric::Interval),
        }
    };
    // One score per worker: nothing to compare.
    let alone = of(&[&[80], &[90]]);
    assert_eq!(alone.reading(), Reading::Undefined);
    assert_eq!(alone.undefined(), Some(Undefined::NothingPairable));
    // Every score the same: no disagreement to expect.
    let same = of(&[&[80, 80], &[80, 80, 80]]);
    assert_eq!(same.undefined(), Some(Undefined::NoVariation));
    assert_eq!(same.result.units, 2);
    // Defined: no reason.
    let fine = of(&[&[1, 1], &[2, 2], &[3, 4]]);
    assert_eq!(fine.undefined(), None);
    assert_eq!(fine.reading(), Reading::Reliable);
}
