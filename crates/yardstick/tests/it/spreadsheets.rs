//! Spreadsheets and encodings: workbook inputs score like their CSV twins, GBK CSV reads like
//! UTF-8, damaged workbooks and bad cells are clear errors at `file.xlsx!C17`, result
//! workbooks hold the right numbers with text escaped, and `init` bundles round-trip.
//!
//! `fixtures/sample-xlsx` is made from `fixtures/sample` by the ignored test
//! `regenerate_sample_xlsx` (run it with
//! `cargo test -p yardstick --features xlsx --test it -- --ignored regenerate_sample_xlsx`).
#![cfg(feature = "xlsx")]

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use yardstick::concerns::{Calendar, Ledger};
use yardstick::input::{ReadOptions, TextEncoding};
use yardstick::{Bundle, FsFiles};

use crate::support::{B, Mem, STANDARD};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Columns written as numbers and as dates when their text is one.
const NUMERIC: &[&str] = &["score", "max", "count", "electorate"];
const DATES: &[&str] = &["date"];

/// A workbook holding `csv` on its first sheet `sheet`, as an evaluator would type it: numbers
/// as numbers, dates as dates, everything else as text.
fn workbook_from_csv(csv: &str, sheet: &str) -> Vec<u8> {
    let csv = csv.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let mut header: Vec<String> = Vec::new();
    for (y, rec) in r.records().enumerate() {
        let rec = rec.unwrap();
        if y == 0 {
            header = rec.iter().map(str::to_string).collect();
        }
        for (x, cell) in rec.iter().enumerate() {
            let (y, x) = (y as u32, x as u16);
            let col = header.get(x as usize).map_or("", String::as_str);
            if y > 0 && NUMERIC.contains(&col) && !cell.is_empty() {
                ws.write_number(y, x, cell.parse::<f64>().unwrap()).unwrap();
            } else if y > 0 && DATES.contains(&col) && yardstick::input::parse_date(cell).is_some()
            {
                let (yy, mm, dd) = yardstick::input::parse_date(cell).unwrap();
                let d = ExcelDateTime::from_ymd(yy as u16, mm as u8, dd as u8).unwrap();
                ws.write_datetime_with_format(y, x, &d, &date).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(y, x, cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The sample's `[inputs]` as (key, file name) pairs, components included.
fn sample_inputs() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("fixtures/sample/assessment.toml")).unwrap();
    let t: toml::Table = text.parse().unwrap();
    let inputs = t["inputs"].as_table().unwrap();
    let mut out = Vec::new();
    for (k, v) in inputs {
        match v {
            toml::Value::String(f) => out.push((k.clone(), f.clone())),
            toml::Value::Table(c) => {
                for (k, v) in c {
                    out.push((k.clone(), v.as_str().unwrap().to_string()));
                }
            }
            _ => {}
        }
    }
    out
}

fn score_json(dir: &Path, options: &ReadOptions) -> serde_json::Value {
    let b = Bundle::load_with_options(&FsFiles, dir, options)
        .unwrap_or_else(|e| panic!("{dir:?}: {:#?}", e.diagnostics()))
        .output;
    serde_json::from_str(&yardstick::report::json::to_string(&yardstick::score(&b))).unwrap()
}

fn ledger_json(dir: &Path) -> serde_json::Value {
    let l = Ledger::load(&FsFiles, dir).unwrap().output;
    l.report("2025-01-10".parse().unwrap()).unwrap().to_json()
}

#[test]
#[ignore = "writes fixtures/sample-xlsx; run on purpose after changing fixtures/sample"]
fn regenerate_sample_xlsx() {
    let src = root().join("fixtures/sample");
    let dst = root().join("fixtures/sample-xlsx");
    std::fs::create_dir_all(&dst).unwrap();
    let mut toml = std::fs::read_to_string(src.join("assessment.toml")).unwrap();
    for (_, file) in sample_inputs() {
        let csv = std::fs::read_to_string(src.join(&file)).unwrap();
        let stem = file.trim_end_matches(".csv");
        std::fs::write(
            dst.join(format!("{stem}.xlsx")),
            workbook_from_csv(&csv, stem),
        )
        .unwrap();
        toml = toml.replace(&format!("\"{file}\""), &format!("\"{stem}.xlsx\""));
    }
    std::fs::write(dst.join("assessment.toml"), toml).unwrap();
}

#[test]
fn xlsx_sample_scores_exactly_like_its_csv_twin() {
    let csv = score_json(&root().join("fixtures/sample"), &ReadOptions::default());
    let xlsx = score_json(
        &root().join("fixtures/sample-xlsx"),
        &ReadOptions::default(),
    );
    assert_eq!(csv, xlsx);
    assert_eq!(
        ledger_json(&root().join("fixtures/sample")),
        ledger_json(&root().join("fixtures/sample-xlsx"))
    );
}

#[test]
fn gbk_sample_scores_like_the_utf8_sample() {
    let utf8 = score_json(&root().join("fixtures/sample"), &ReadOptions::default());
    let gbk_dir = root().join("fixtures/sample-gbk");
    // The fixture really is GBK: not UTF-8.
    let roster = std::fs::read(gbk_dir.join("roster.csv")).unwrap();
    assert!(std::str::from_utf8(&roster).is_err());
    assert_eq!(utf8, score_json(&gbk_dir, &ReadOptions::default()));
    let given = ReadOptions {
        encoding: TextEncoding::Gb18030,
    };
    assert_eq!(utf8, score_json(&gbk_dir, &given));
    assert_eq!(
        ledger_json(&root().join("fixtures/sample")),
        ledger_json(&gbk_dir)
    );
    // Read as UTF-8 when told so: every undecodable cell in a used column is an error.
    let utf8_given = ReadOptions {
        encoding: TextEncoding::Utf8,
    };
    let e = Bundle::load_with_options(&FsFiles, &gbk_dir, &utf8_given).unwrap_err();
    let first = e.errors().next().unwrap().render(yardstick::i18n::Lang::En);
    assert!(
        first.contains("roster.csv:2:2: error: this cell is not UTF-8"),
        "{first}"
    );
}

#[test]
fn a_gbk_file_in_memory_reads_like_utf8() {
    let roster = "worker_id,name,unit\nW1,张丽萍,东门社区\nW2,王建军,西街社区\n";
    let tests = "worker_id,score\nW1,85.5\nW2,90\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(roster);
    let mut files = B::new(roster).file("test", tests).files();
    files.0.insert("b/roster.csv".into(), gbk.into_owned());
    let b = Bundle::load_with(&files, Path::new("b")).unwrap().output;
    assert_eq!(b.workers()[0].name, "张丽萍");
    assert_eq!(b.workers()[1].unit.as_deref(), Some("西街社区"));
}

/// A bundle `b/` whose component files are given as (id, file name, bytes).
fn mem_bundle(roster: &str, files: &[(&str, &str, Vec<u8>)]) -> Mem {
    let mut m = B::new(roster).files();
    let mut toml = String::from(
        "[assessment]\nname = \"测试考核\"\nyear = 2024\nrubric = \"rubric.toml\"\n\n[inputs]\nroster = \"roster.csv\"\n\n[inputs.components]\n",
    );
    for (id, name, bytes) in files {
        toml.push_str(&format!("{id} = \"{name}\"\n"));
        let file = name.split('#').next().unwrap();
        m.0.insert(format!("b/{file}").into(), bytes.clone());
    }
    m.0.insert("b/assessment.toml".into(), toml.into_bytes());
    m.0.insert("b/rubric.toml".into(), STANDARD.as_bytes().to_vec());
    m
}

fn errors(m: &Mem) -> Vec<String> {
    match Bundle::load_with(m, Path::new("b")) {
        Ok(_) => panic!("errors expected"),
        Err(e) => e
            .errors()
            .map(|d| d.render(yardstick::i18n::Lang::En))
            .collect(),
    }
}

#[test]
fn errors_in_a_workbook_point_at_the_cell() {
    let roster = "worker_id,name\nW1,甲\n";
    let mut csv = String::from("ballot_id,worker_id,choice\n");
    for i in 2..=16 {
        csv.push_str(&format!("B{i},W1,优秀\n"));
    }
    csv.push_str("B17,W1,很好\nB18,W9,优秀\n");
    let book = workbook_from_csv(&csv, "民主测评");
    let m = mem_bundle(roster, &[("ballot", "ballots.xlsx", book.clone())]);
    let e = errors(&m);
    assert_eq!(
        e,
        vec![
            "b/ballots.xlsx!C17: error: unknown choice \"很好\"; the rubric allows \"优秀\", \"称职\", \"基本称职\", \"不称职\", \"弃权\", \"不了解\"",
            "b/ballots.xlsx!B18: error: worker_id \"W9\" is not in the roster (b/roster.csv)",
        ]
    );
    // The diagnostic keeps the sheet, the row and the column as data.
    let d = Bundle::load_with(&m, Path::new("b")).unwrap_err();
    let d = d.errors().next().unwrap();
    assert_eq!(
        (d.sheet.as_deref(), d.line, d.column),
        (Some("民主测评"), Some(17), Some(3))
    );
    // A sheet named in the bundle is part of the file's name.
    let m = mem_bundle(roster, &[("ballot", "ballots.xlsx#民主测评", book)]);
    assert!(errors(&m)[0].starts_with("b/ballots.xlsx#民主测评!C17: error: unknown choice"));
    // A missing sheet names the sheets there are.
    let book = workbook_from_csv("worker_id,score\nW1,80\n", "Sheet1");
    let m = mem_bundle(roster, &[("test", "t.xlsx#成绩", book)]);
    assert_eq!(
        errors(&m),
        vec![
            "b/t.xlsx#成绩: error: the workbook has no sheet \"成绩\" (its sheets are \"Sheet1\")"
        ]
    );
}

#[test]
fn a_table_away_from_a1_keeps_its_sheet_rows_and_columns() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    // Header on row 3 from column B; a blank row inside.
    for (x, h) in ["worker_id", "score"].iter().enumerate() {
        ws.write_string(2, 1 + x as u16, *h).unwrap();
    }
    ws.write_string(3, 1, "W1").unwrap();
    ws.write_number(3, 2, 85.5).unwrap();
    ws.write_string(5, 1, "W2").unwrap();
    ws.write_string(5, 2, "八十").unwrap();
    ws.write_string(6, 1, "W3").unwrap();
    ws.write_formula(6, 2, "=40+50").unwrap();
    let m = mem_bundle(
        "worker_id,name\nW1,甲\nW2,乙\nW3,丙\n",
        &[("test", "tests.xlsx", wb.save_to_buffer().unwrap())],
    );
    assert_eq!(
        errors(&m),
        vec!["b/tests.xlsx!C6: error: \"八十\" in column \"score\" is not a number"]
    );
}

#[test]
fn numbers_and_dates_in_cells_read_exactly() {
    let roster = "worker_id,name\nW1,甲\n";
    let tests = workbook_from_csv("worker_id,score,max\nW1,85.5,\n", "成绩");
    let m = mem_bundle(roster, &[("test", "tests.xlsx", tests)]);
    let b = Bundle::load_with(&m, Path::new("b")).unwrap().output;
    let a = yardstick::Assessment::of(&yardstick::score(&b));
    assert_eq!(
        crate::support::comp(&a, "W1", "test").as_deref(),
        Some("85.50")
    );
    // A date cell is a YYYY-MM-DD date for the ledger.
    let phone = workbook_from_csv(
        "worker_id,call_id,outcome,date,concern,category\nW1,C1,满意,2024-12-09,路灯坏了,市政设施\n",
        "电话",
    );
    let mut m = mem_bundle(roster, &[("phone", "phone.xlsx", phone)]);
    let toml = String::from_utf8(m.0[Path::new("b/assessment.toml")].clone()).unwrap();
    m.0.insert("b/assessment.toml".into(), toml.into_bytes());
    let l = Ledger::load_with(&m, Path::new("b"), Calendar::shipped())
        .unwrap()
        .output;
    assert_eq!(
        l.concerns().next().unwrap().date().to_string(),
        "2024-12-09"
    );
}

#[test]
fn a_damaged_workbook_is_a_clear_error() {
    let roster = "worker_id,name\nW1,甲\n";
    let good = workbook_from_csv("worker_id,score\nW1,80\n", "Sheet1");
    for bytes in [
        good[..good.len() / 2].to_vec(),
        b"worker_id,score\nW1,80\n".to_vec(),
        Vec::new(),
        vec![0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFF, 0x00],
    ] {
        let m = mem_bundle(roster, &[("test", "tests.xlsx", bytes)]);
        let e = errors(&m);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("b/tests.xlsx: error: cannot read the workbook"),
            "{e:?}"
        );
    }
    // A workbook saved under a .csv name is not read as text.
    let m = mem_bundle(roster, &[("test", "tests.csv", good)]);
    let e = errors(&m);
    assert!(e[0].contains("spreadsheet workbook"), "{e:?}");
}

/// The workbook of `scored`, audited through `files`.
fn workbook_of(scored: &yardstick::Scored, files: &dyn yardstick::Files) -> Vec<u8> {
    let audited = yardstick::audit::audit(scored, files, &Default::default()).unwrap();
    yardstick::report::xlsx::to_xlsx(&audited).unwrap()
}

fn cells(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let r = wb.worksheet_range(sheet).unwrap();
    r.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn the_results_workbook_holds_the_numbers_with_text_escaped() {
    let dir = root().join("fixtures/sample");
    let b = Bundle::load(&dir).unwrap().output;
    let scored = yardstick::score(&b);
    let a = yardstick::Assessment::of(&scored);
    let bytes = workbook_of(&scored, &yardstick::FsFiles);
    let wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["公示", "明细", "名额", "结果运用", "数据核对", "审核"]
    );
    let notice = cells(&bytes, "公示");
    assert_eq!(notice[0][0], Data::String(a.name.clone()));
    assert_eq!(notice[2][0], Data::String("排名".into()));
    // Rank 1 first, its total a number equal to the exact result.
    let top = a.workers.iter().find(|w| w.rank == Some(1)).unwrap();
    let total_col = notice[2]
        .iter()
        .position(|c| *c == Data::String("总分".into()))
        .unwrap();
    assert_eq!(
        notice[3][total_col],
        Data::Float(top.total.unwrap().to_string().parse().unwrap())
    );
    let details = cells(&bytes, "明细");
    assert_eq!(details.len(), a.workers.len() + 1);
    let accounting = cells(&bytes, "数据核对");
    assert_eq!(accounting[1][2], Data::Float(b.accounting()[0].rows as f64));

    // Text that a spreadsheet would run as a formula is escaped.
    let roster = "worker_id,name,unit\nW1,=HYPERLINK(\"http://x\"),@SUM(A1)\n";
    let bundle = B::new(roster);
    let b = bundle.load().unwrap().output;
    let bytes = workbook_of(&yardstick::score(&b), &bundle.files());
    let details = cells(&bytes, "明细");
    assert_eq!(
        details[1][1],
        Data::String("'=HYPERLINK(\"http://x\")".into())
    );
    assert_eq!(details[1][2], Data::String("'@SUM(A1)".into()));
    for row in cells(&bytes, "公示").iter().chain(&details) {
        for c in row {
            if let Data::String(s) = c {
                assert!(!s.starts_with(['=', '+', '-', '@']), "{s}");
            }
        }
    }
}

#[test]
fn the_results_workbook_has_a_consequences_column_and_sheet() {
    // fixtures/history/README.md: H01 promote_early and promote, H02 and H04 promote, H09
    // dismiss.
    let b = Bundle::load(&root().join("fixtures/history/2024"))
        .unwrap()
        .output;
    let bytes = workbook_of(&yardstick::score(&b), &yardstick::FsFiles);
    let sheet = cells(&bytes, "结果运用");
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        _ => String::new(),
    };
    let rows: Vec<(String, String, String)> = sheet[1..6]
        .iter()
        .map(|r| (text(&r[0]), text(&r[1]), text(&r[5])))
        .collect();
    assert_eq!(
        rows,
        [
            ("提前晋升岗位等级", "H01", "2024年优秀、2023年优秀"),
            ("晋升岗位等级", "H01", "2024年优秀、2023年优秀、2022年称职"),
            ("晋升岗位等级", "H02", "2024年称职、2023年优秀、2022年优秀"),
            ("晋升岗位等级", "H04", "2024年称职、2023年称职、2022年称职"),
            ("解除聘用合同", "H09", "2024年不称职、2023年不称职"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    let notes: Vec<String> = sheet[6..].iter().map(|r| text(&r[0])).collect();
    assert!(
        notes.contains(&"晋升岗位等级（promote）：连续 3 年称职及以上，3 人".to_string()),
        "{notes:?}"
    );
    let details = cells(&bytes, "明细");
    let col = details[0]
        .iter()
        .position(|c| *c == Data::String("结果运用".into()))
        .unwrap();
    assert_eq!(
        details[1][col],
        Data::String("提前晋升岗位等级; 晋升岗位等级".into())
    );
}

/// The cells and layout of a results workbook as text: per sheet, its XML without the cell
/// data (dimension, frozen panes, column widths, merged ranges, autofilter, page setup), the
/// rows of their own height, then every row with its cells' values as calamine reads them.
fn workbook_dump(bytes: &[u8]) -> String {
    let wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    for (k, name) in wb.sheet_names().iter().enumerate() {
        let xml = zip_entry(bytes, &format!("xl/worksheets/sheet{}.xml", k + 1));
        let layout = match (xml.find("<sheetData>"), xml.find("</sheetData>")) {
            (Some(a), Some(b)) => format!("{}<sheetData/>{}", &xml[..a], &xml[b + 12..]),
            _ => xml.clone(),
        };
        out.push_str(&format!("== {name}\n{layout}\n"));
        // Rows of their own height.
        for tag in xml
            .split("<row ")
            .skip(1)
            .filter_map(|t| t.split('>').next())
        {
            if tag.contains(" ht=") {
                let attr = |a: &str| tag.split(&format!("{a}=\"")).nth(1)?.split('"').next();
                out.push_str(&format!("row {:?} ht {:?}\n", attr("r"), attr("ht")));
            }
        }
        let range = cells_range(bytes, name);
        let (top, left) = range.start().unwrap_or((0, 0));
        for (y, row) in range.rows().enumerate() {
            let shown: Vec<String> = row.iter().map(|c| format!("{c:?}")).collect();
            let line = shown.join(" | ");
            let line = line.trim_end_matches(" | Empty");
            out.push_str(&format!("{}:{} {line}\n", top as usize + y + 1, left + 1));
        }
    }
    out
}

fn cells_range(bytes: &[u8], sheet: &str) -> calamine::Range<Data> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    wb.worksheet_range(sheet).unwrap()
}

/// The layout the sample's workbook had when the whole workbook was made in memory, as
/// [`workbook_dump`] shows it (made from that version's `yardstick score ../../fixtures/sample
/// --format xlsx` in this crate's folder).
const SAMPLE_WORKBOOK: &str = "tests/it/data/sample-results-workbook.txt";

/// The sample as the workbook names its files (数据核对): relative to this crate's folder, where
/// cargo runs the tests.
const SAMPLE: &str = "../../fixtures/sample";

#[test]
#[ignore = "writes the expected sample workbook; run on purpose after changing the workbook's layout"]
fn regenerate_sample_workbook_dump() {
    // YARDSTICK_WORKBOOK: a workbook made elsewhere (by another version) to take instead.
    let bytes = match std::env::var_os("YARDSTICK_WORKBOOK") {
        Some(path) => std::fs::read(path).unwrap(),
        None => {
            let b = Bundle::load(Path::new(SAMPLE)).unwrap().output;
            workbook_of(&yardstick::score(&b), &yardstick::FsFiles)
        }
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE_WORKBOOK);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, sample_dump(&bytes)).unwrap();
}

/// [`workbook_dump`] of the sample's workbook, the rubric's fingerprint left out (it changes
/// with every edit of the rubric's text).
fn sample_dump(bytes: &[u8]) -> String {
    let b = Bundle::load(Path::new(SAMPLE)).unwrap().output;
    workbook_dump(bytes).replace(b.rubric_sha256(), "<sha256>")
}

#[test]
fn streamed_workbook_keeps_the_old_layout() {
    let want = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE_WORKBOOK))
        .unwrap();
    let b = Bundle::load(Path::new(SAMPLE)).unwrap().output;
    let scored = yardstick::score(&b);
    let audited =
        yardstick::audit::audit(&scored, &yardstick::FsFiles, &Default::default()).unwrap();
    let bytes = yardstick::report::xlsx::to_xlsx(&audited).unwrap();
    let got = sample_dump(&bytes);
    for (k, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "line {}", k + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count());
    // Written to a stream: the same workbook.
    let mut streamed = Vec::new();
    yardstick::report::xlsx::write(&audited, &mut streamed).unwrap();
    assert_eq!(sample_dump(&streamed), got);
}

/// `n` workers in units of 100, rated so that totals spread with ties, every one of them
/// graded: panel, interview, test and phone (0.6 of the weight, the least that is graded);
/// with the files it is loaded from.
fn many_workers(n: usize) -> (Bundle, yardstick::MemFiles) {
    let rows = |header: &str, body: Vec<String>| -> Vec<Vec<String>> {
        std::iter::once(header.to_string())
            .chain(body)
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    };
    let ids: Vec<String> = (0..n).map(|i| format!("W{i:05}")).collect();
    let roster = (0..n)
        .map(|i| format!("{},工作者{i},第{}社区", ids[i], i / 100))
        .collect();
    let report = (0..n)
        .flat_map(|i| (0..3).map(move |r| (i, r)))
        .map(|(i, r)| format!("{},R{r},{}", ids[i], 60 + (i * 7 + r * 3) % 40))
        .collect();
    let interviews = (0..n)
        .map(|i| {
            let rating = ["好", "较好", "一般"][i % 3];
            format!("{},T1,德,{rating}", ids[i])
        })
        .collect();
    let tests = (0..n)
        .map(|i| format!("{},{}", ids[i], 50 + (i * 13) % 50))
        .collect();
    let phone = (0..n)
        .flat_map(|i| (0..5).map(move |c| (i, c)))
        .map(|(i, c)| {
            let outcome = if (i + c) % 4 == 0 {
                "基本满意"
            } else {
                "满意"
            };
            format!("{},C{i}-{c},{outcome}", ids[i])
        })
        .collect();
    let builder = yardstick::BundleBuilder::new("大考核", 2024, yardstick::init::STANDARD_RUBRIC)
        .roster(rows("worker_id,name,unit", roster))
        .component("report", rows("worker_id,rater_id,score", report))
        .component(
            "interview",
            rows("worker_id,interviewer_id,dimension,rating", interviews),
        )
        .component("test", rows("worker_id,score", tests))
        .component("phone", rows("worker_id,call_id,outcome", phone));
    (builder.load().unwrap().output, builder.files())
}

#[test]
fn a_big_workbook_has_every_worker_in_roster_and_in_rank_order() {
    let n = 2000;
    let (b, files) = many_workers(n);
    let scored = yardstick::score(&b);
    let audited = yardstick::audit::audit(&scored, &files, &Default::default()).unwrap();
    let mut bytes = Vec::new();
    yardstick::report::xlsx::write(&audited, &mut bytes).unwrap();
    let number = |d: &Data| match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::Empty => None,
        other => panic!("{other:?}"),
    };
    let score = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string().parse::<f64>().unwrap());
    // 明细: one row per worker, in roster order, with the engine's totals and ranks.
    let details = cells(&bytes, "明细");
    assert_eq!(details.len(), n + 1);
    for (i, row) in details[1..].iter().enumerate() {
        assert_eq!(
            row[0],
            Data::String(b.workers()[i].id.clone()),
            "row {}",
            i + 2
        );
        assert_eq!(
            number(&row[5]),
            score(scored.total(i)),
            "{}",
            b.workers()[i].id
        );
        assert_eq!(number(&row[7]), scored.rank(i).map(f64::from));
    }
    // 公示: the posting order, ranks rising, the unranked last.
    let notice = cells(&bytes, "公示");
    let order = scored.ranked();
    assert_eq!(scored.ranked_count(), n, "every worker is graded");
    let mut last = 0.0;
    for (k, &i) in order.iter().enumerate() {
        let row = &notice[3 + k];
        assert_eq!(row[2], Data::String(b.workers()[i].name.clone()));
        let rank = number(&row[0]).unwrap();
        assert!(rank >= last, "rank {rank} after {last}");
        last = rank;
        assert_eq!(Some(rank), scored.rank(i).map(f64::from));
        assert_eq!(number(&row[3]), score(scored.total(i)));
    }
    assert!(last > 1.0 && (last as usize) < n, "ranks spread: {last}");
    // The quota sheet lists the candidates, one row each.
    let quotas = cells(&bytes, "名额");
    let q = &scored.quotas()[0];
    assert_eq!(quotas[1][0], Data::String("全体".into()));
    assert_eq!(number(&quotas[1][5]), Some(q.candidates.len() as f64));
    assert_eq!(quotas.len(), 1 + 1 + 1 + 1 + q.candidates.len());
    // The same sheets whatever the number of threads.
    let sheets = |bytes: &[u8]| -> Vec<String> {
        // Every sheet, 审核 last.
        let names = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(
            bytes.to_vec(),
        ))
        .unwrap()
        .sheet_names();
        assert_eq!(names.last().map(String::as_str), Some("审核"));
        (1..=names.len())
            .map(|k| zip_entry(bytes, &format!("xl/worksheets/sheet{k}.xml")))
            .collect()
    };
    let want = sheets(&bytes);
    for threads in [1, 3] {
        let scored = yardstick::Scored::with_threads(&b, threads);
        let audited = yardstick::audit::audit(&scored, &files, &Default::default()).unwrap();
        let mut other = Vec::new();
        yardstick::report::xlsx::write(&audited, &mut other).unwrap();
        assert!(sheets(&other) == want, "{threads} threads");
    }
}

/// Fills every template of an `init` bundle with the sample's rows, in the template's column
/// order, keeping the template's sheet name.
fn fill_templates(dir: &Path, workbook: bool) {
    let sample = root().join("fixtures/sample");
    for (key, file) in sample_inputs() {
        let csv = std::fs::read_to_string(sample.join(&file)).unwrap();
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        let sample_header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let (target, header, sheet) = if workbook {
            let target = dir.join(format!("{key}.xlsx"));
            let bytes = std::fs::read(&target).unwrap();
            let wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
            let sheet = wb.sheet_names()[0].clone();
            let header: Vec<String> = cells(&bytes, &sheet)[0]
                .iter()
                .map(|c| c.to_string())
                .collect();
            (target, header, sheet)
        } else {
            let target = dir.join(format!("{key}.csv"));
            let text = std::fs::read_to_string(&target).unwrap();
            assert!(text.starts_with('\u{feff}'));
            let header = text
                .trim_start_matches('\u{feff}')
                .trim_end()
                .split(',')
                .map(String::from)
                .collect();
            (target, header, String::new())
        };
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(&header).unwrap();
        for rec in r.records() {
            let rec = rec.unwrap();
            let row: Vec<&str> = header
                .iter()
                .map(|h| {
                    // A template's header is Chinese (工号), the sample's English.
                    sample_header
                        .iter()
                        .position(|s| {
                            s == h || yardstick::input::table::alias_of(s) == Some(h.as_str())
                        })
                        .map_or("", |i| &rec[i])
                })
                .collect();
            out.write_record(&row).unwrap();
        }
        let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
        if workbook {
            std::fs::write(&target, workbook_from_csv(&text, &sheet)).unwrap();
        } else {
            std::fs::write(&target, format!("\u{feff}{text}")).unwrap();
        }
    }
}

#[test]
fn init_bundles_validate_empty_and_score_like_the_sample_when_filled() {
    let sample_json = score_json(&root().join("fixtures/sample"), &ReadOptions::default());
    for format in [
        yardstick::init::TemplateFormat::Workbook,
        yardstick::init::TemplateFormat::Csv,
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("bundle");
        let options = yardstick::init::InitOptions {
            format,
            name: Some(sample_json["assessment"]["name"].as_str().unwrap().into()),
            ..yardstick::init::InitOptions::new(2024)
        };
        yardstick::init::init(&dir, &options).unwrap();
        // Empty but headed: valid, no workers, a warning about the empty roster.
        let empty = Bundle::load(&dir).unwrap();
        assert_eq!(empty.output.workers().len(), 0);
        assert!(
            empty.warnings[0]
                .text(yardstick::i18n::Lang::En)
                .contains("no workers yet")
        );
        // A second init refuses the folder.
        assert!(matches!(
            yardstick::init::init(&dir, &options),
            Err(yardstick::init::InitError::NotEmpty(_))
        ));
        fill_templates(&dir, format == yardstick::init::TemplateFormat::Workbook);
        assert_eq!(
            sample_json,
            score_json(&dir, &ReadOptions::default()),
            "{format:?}"
        );
    }
}

#[test]
fn template_workbooks_have_drop_downs_and_a_guide() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("b");
    yardstick::init::init(&dir, &yardstick::init::InitOptions::new(2024)).unwrap();
    let bytes = std::fs::read(dir.join("ballot.xlsx")).unwrap();
    let wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), vec!["民主测评", "说明"]);
    let guide = cells(&bytes, "说明");
    let text: String = guide
        .iter()
        .flatten()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("|");
    assert!(
        text.contains("只能填：优秀、称职、基本称职、不称职、弃权、不了解"),
        "{text}"
    );
    // The drop-down list is in the sheet's XML.
    let mut zip = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(zip.contains("<dataValidation type=\"list\""), "{zip}");
    assert!(
        zip.contains("优秀,称职,基本称职,不称职,弃权,不了解"),
        "{zip}"
    );
    zip = zip_entry(
        &std::fs::read(dir.join("adjustments.xlsx")).unwrap(),
        "xl/worksheets/sheet1.xml",
    );
    // Adjustment items are offered by name (their ids are accepted too).
    assert!(zip.contains("区级表彰"), "{zip}");
}

/// One file of an xlsx (zip) archive, as text.
fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = archive.by_name(name).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut f, &mut s).unwrap();
    s
}
