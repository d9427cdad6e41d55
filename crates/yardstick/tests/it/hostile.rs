//! Hostile and careless input (issue #10): whatever a file holds, it is read as written or
//! refused with an error at its place; nothing is silently misread, dropped or rounded.

use std::path::Path;

use yardstick::Bundle;

use crate::support::{B, Mem, w};

/// The diagnostics (errors and warnings) of loading `files`, as text, and whether it loaded.
fn load(files: &Mem) -> (bool, Vec<String>) {
    match Bundle::load_with(files, Path::new("b")) {
        Ok(b) => (
            true,
            b.warnings
                .iter()
                .map(|d| d.render(yardstick::i18n::Lang::En))
                .collect(),
        ),
        Err(e) => (
            false,
            e.diagnostics()
                .iter()
                .map(|d| d.render(yardstick::i18n::Lang::En))
                .collect(),
        ),
    }
}

const ROSTER: &str = "worker_id,name\nW1,甲\nW2,乙\n";

#[test]
fn a_quote_left_open_is_an_error_where_it_opens_not_a_dropped_row() {
    // The note's quote swallowed the deduction on the next line: 5 points.
    let b = B::new(ROSTER).adjustments(
        "worker_id,item,count,note\nW1,honor_city,1,\"市表彰\nW1,complaint_verified,1,\nW2,ledger_false,1,\n",
    );
    assert_eq!(
        b.errors(),
        vec![
            "b/adjustments.csv:2:4: error: a quote (\") opens this cell and is not closed, so every line after it, to the end of the file (line 4), is read as part of this one cell; close the quote, or remove it"
        ]
    );
    // In a required column: the open quote is the error, not an empty cell.
    let b = B::new("worker_id,name\nW1,\"甲\nW2,乙\n");
    let errors = b.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("b/roster.csv:2:2: error: a quote"),
        "{errors:?}"
    );
    assert!(!errors[0].contains("is empty"));
}

#[test]
fn lines_ending_in_cr_alone_or_mixed_are_numbered_as_an_editor_does() {
    for ballots in [
        "ballot_id,worker_id,choice\rB1,W1,优秀\rB2,W1,称职\rB3,W1,很好\r",
        "ballot_id,worker_id,choice\r\nB1,W1,优秀\rB2,W1,称职\nB3,W1,很好\r\n",
        "ballot_id,worker_id,choice\nB1,W1,优秀\r\nB2,W1,称职\rB3,W1,很好",
    ] {
        let errors = B::new(ROSTER).file("ballot", ballots).errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("b/ballot.csv:4:3: error: unknown choice \"很好\""),
            "{ballots:?}: {errors:?}"
        );
    }
}

#[test]
fn gbk_that_is_valid_utf8_is_read_as_gbk_with_a_warning() {
    let mut files = B::new(ROSTER).files();
    let (gbk, _, _) = encoding_rs::GBK.encode("worker_id,name\nW1,卢路\n");
    files.0.insert("b/roster.csv".into(), gbk.into_owned());
    let loaded = Bundle::load_with(&files, Path::new("b")).unwrap();
    assert_eq!(loaded.output.workers()[0].name, "卢路");
    let warnings: Vec<String> = loaded
        .warnings
        .iter()
        .map(|d| d.render(yardstick::i18n::Lang::En))
        .collect();
    assert_eq!(
        warnings,
        vec![
            "b/roster.csv: warning: the file's encoding is unclear: as UTF-8 it reads \"W1,¬·\", as GBK \"W1,卢路\"; it was read as GBK: if that is wrong, give --encoding utf-8 or --encoding gbk, or save the file as \"CSV UTF-8\""
        ]
    );
    // Scored as such.
    let a = yardstick::Assessment::of(&yardstick::score(&loaded.output));
    assert_eq!(w(&a, "W1").name, "卢路");
}

#[test]
fn utf16_files_are_named_as_such() {
    let utf16 = |text: &str, bom: bool| -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    };
    for bom in [false, true] {
        let mut files = B::new(ROSTER).files();
        files.0.insert(
            "b/roster.csv".into(),
            utf16("worker_id,name\nW1,张三\n", bom),
        );
        let (ok, d) = load(&files);
        assert!(!ok);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].starts_with("b/roster.csv: error: cannot read the file: the file is UTF-16 text"),
            "{d:?}"
        );
        assert!(
            d[0].contains("save it as \"CSV UTF-8\" or as an Excel workbook (.xlsx)"),
            "{d:?}"
        );
    }
}

#[test]
fn numbers_with_more_digits_than_can_be_held_are_refused_not_rounded() {
    // 89.99499999999999999999999999999 would round to 89.995 and make 优秀.
    let b = B::new(ROSTER).file(
        "test",
        "worker_id,score\nW1,89.99499999999999999999999999999\nW2,0000000000000000000000000000000000080.5000000000000000000000000000\n",
    );
    assert_eq!(
        b.errors(),
        vec![
            "b/test.csv:2:2: error: \"89.99499999999999999999999999999\" in column \"score\" has too many digits to be held exactly (at most 28 significant digits and 28 decimals); round it"
        ]
    );
    // In the rubric, as a string and as a TOML float.
    let rubric = crate::support::STANDARD.replacen(
        "min = 90",
        "min = \"89.99499999999999999999999999999\"",
        1,
    );
    let e = B::new(ROSTER).rubric(&rubric).errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains(
            "\"89.99499999999999999999999999999\" has too many digits to be held exactly"
        ),
        "{e:?}"
    );
    let rubric = crate::support::STANDARD.replacen(
        "weight = 0.25",
        "weight = 0.2500000000000000000000000001",
        1,
    );
    let e = B::new(ROSTER).rubric(&rubric).errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].ends_with(
            "error: 0.2500000000000000000000000001 has more digits than a TOML number holds exactly (about 15); write it in quotes, \"0.2500000000000000000000000001\""
        ),
        "{e:?}"
    );
    // Written as a string, that weight is read exactly, and the weights no longer sum to 1.
    let rubric = crate::support::STANDARD.replacen(
        "weight = 0.25",
        "weight = \"0.2500000000000000000000000001\"",
        1,
    );
    let e = B::new(ROSTER).rubric(&rubric).errors();
    assert!(e.iter().any(|x| x.contains("sum")), "{e:?}");
}

#[test]
fn every_duplicate_of_many_is_reported_in_line_order_among_other_errors() {
    // The same ballot 30,000 times, every 1000th row with an unknown choice: each duplicate
    // names the first line, and the errors stay in line order, a row's own error first.
    let n = 30_000;
    let mut ballots = String::from("ballot_id,worker_id,choice\n");
    for i in 0..n {
        ballots.push_str(if i % 1000 == 999 {
            "B1,W1,很好\n"
        } else {
            "B1,W1,优秀\n"
        });
    }
    let errors = B::new(ROSTER).file("ballot", &ballots).errors();
    assert_eq!(errors.len(), n - 1 + n / 1000);
    let mut k = 0;
    for i in 1..n {
        let line = i + 2;
        if i % 1000 == 999 {
            assert!(
                errors[k].starts_with(&format!("b/ballot.csv:{line}:3: error: unknown choice")),
                "{}",
                errors[k]
            );
            k += 1;
        }
        assert_eq!(
            errors[k],
            format!(
                "b/ballot.csv:{line}:1: error: duplicate ballot (same ballot_id and worker_id): \"W1 / B1\" is already on line 2"
            )
        );
        k += 1;
    }
}

#[test]
fn one_bad_roster_cell_is_one_error_not_one_per_row_elsewhere() {
    let ballots = format!(
        "ballot_id,worker_id,choice\n{}{}",
        crate::support::ballot_rows("W1", &["优秀"; 8]),
        crate::support::ballot_rows("W2", &["称职"; 8]),
    );
    let phone = "worker_id,call_id,outcome\nW1,C1,满意\nW2,C1,满意\n";
    for (roster, error) in [
        (
            "worker_id,name,electorate\nW1,甲,abc\nW2,乙,\n",
            "b/roster.csv:2:3: error: \"abc\" in column \"electorate\" is not a whole number",
        ),
        (
            "worker_id,name,electorate\nW1,,20\nW2,乙,\n",
            "b/roster.csv:2:2: error: \"name\" is empty; it is required",
        ),
        (
            "worker_id,name,electorate\nW1,甲,20,x\nW2,乙,\n",
            "b/roster.csv:2:4: error: this row has more cells than the header has columns (3)",
        ),
    ] {
        let b = B::new(roster).file("ballot", &ballots).file("phone", phone);
        assert_eq!(b.errors(), vec![error.to_string()], "{roster}");
    }
    // A worker_id that cannot be read is no worker: rows naming it elsewhere are reported.
    let b = B::new("worker_id,name\n,甲\nW2,乙\n").file("phone", phone);
    assert_eq!(
        b.errors(),
        vec![
            "b/roster.csv:2:1: error: \"worker_id\" is empty; it is required",
            "b/phone.csv:2:1: error: worker_id \"W1\" is not in the roster (b/roster.csv)",
        ]
    );
}

/// Workbooks as hostile tools write them: XML written by hand where `rust_xlsxwriter` cannot
/// (formulas without results, very hidden sheets, far cells, values under merged cells).
#[cfg(feature = "xlsx")]
mod workbooks {
    use std::io::Write;
    use std::path::Path;

    use yardstick::Bundle;

    use super::ROSTER;
    use crate::support::{B, Mem, STANDARD};

    /// A sheet: its name, its `state` (`hidden`, `veryHidden`) and its `<sheetData>` rows;
    /// `extra` follows `</sheetData>` (`<mergeCells>`).
    struct Sheet<'a> {
        name: &'a str,
        state: Option<&'a str>,
        rows: String,
        extra: &'a str,
    }

    fn sheet<'a>(name: &'a str, rows: &[&[&str]]) -> Sheet<'a> {
        Sheet {
            name,
            state: None,
            rows: rows_xml(rows),
            extra: "",
        }
    }

    /// `<row>`s of cells written `A1=text`, `B2#80` (a number), `C3=SUM(1)!` (a formula
    /// without a result) or `C3=SUM(1)!7` (a formula with the result 7).
    fn rows_xml(rows: &[&[&str]]) -> String {
        let mut out = String::new();
        for cells in rows {
            let r: String = cells[0]
                .chars()
                .skip_while(|c| c.is_ascii_alphabetic())
                .take_while(|c| c.is_ascii_digit())
                .collect();
            out.push_str(&format!("<row r=\"{r}\">"));
            for c in *cells {
                if let Some((at, f)) = c.split_once("=SUM") {
                    let (f, v) = f.split_once('!').unwrap();
                    let v = if v.is_empty() {
                        String::new()
                    } else {
                        format!("<v>{v}</v>")
                    };
                    out.push_str(&format!("<c r=\"{at}\"><f>SUM{f}</f>{v}</c>"));
                } else if let Some((at, n)) = c.split_once('#') {
                    out.push_str(&format!("<c r=\"{at}\"><v>{n}</v></c>"));
                } else {
                    let (at, t) = c.split_once('=').unwrap();
                    out.push_str(&format!(
                        "<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>"
                    ));
                }
            }
            out.push_str("</row>");
        }
        out
    }

    fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let mut put = |name: &str, text: &str| {
            zip.start_file(name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        );
        let mut book = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
        );
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        for (i, s) in sheets.iter().enumerate() {
            let n = i + 1;
            types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
            let state = s
                .state
                .map_or(String::new(), |st| format!(" state=\"{st}\""));
            book.push_str(&format!(
                r#"<sheet name="{}" sheetId="{n}"{state} r:id="rId{n}"/>"#,
                s.name
            ));
            rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        }
        types.push_str("</Types>");
        book.push_str("</sheets></workbook>");
        rels.push_str("</Relationships>");
        put("[Content_Types].xml", &types);
        put(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        put("xl/workbook.xml", &book);
        put("xl/_rels/workbook.xml.rels", &rels);
        for (i, s) in sheets.iter().enumerate() {
            put(
                &format!("xl/worksheets/sheet{}.xml", i + 1),
                &format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}</sheetData>{}</worksheet>"#,
                    s.rows, s.extra
                ),
            );
        }
        zip.finish().unwrap().into_inner()
    }

    /// A bundle whose test component is the workbook `book` named `name` (with a `#sheet`).
    fn bundle(name: &str, book: Vec<u8>) -> Mem {
        let mut m = B::new(ROSTER).files();
        m.0.insert(
            "b/assessment.toml".into(),
            format!(
                "[assessment]\nname = \"t\"\nyear = 2024\nrubric = \"rubric.toml\"\n[inputs]\nroster = \"roster.csv\"\n[inputs.components]\ntest = \"{name}\"\n"
            )
            .into_bytes(),
        );
        m.0.insert("b/rubric.toml".into(), STANDARD.as_bytes().to_vec());
        let file = name.split('#').next().unwrap();
        m.0.insert(format!("b/{file}").into(), book);
        m
    }

    /// The diagnostics of loading `m`, and the W1/W2 test scores when it loads.
    fn run(m: &Mem) -> (Vec<String>, Option<(String, String)>) {
        match Bundle::load_with(m, Path::new("b")) {
            Ok(b) => {
                let a = yardstick::Assessment::of(&yardstick::score(&b.output));
                let s = |id| crate::support::comp(&a, id, "test").unwrap_or_default();
                (
                    b.warnings
                        .iter()
                        .map(|d| d.render(yardstick::i18n::Lang::En))
                        .collect(),
                    Some((s("W1"), s("W2"))),
                )
            }
            Err(e) => (
                e.diagnostics()
                    .iter()
                    .map(|d| d.render(yardstick::i18n::Lang::En))
                    .collect(),
                None,
            ),
        }
    }

    const HEADER: &[&str] = &["A1=worker_id", "B1=score"];

    #[test]
    fn cells_right_of_the_header_are_reported() {
        let book = xlsx(&[sheet(
            "Sheet1",
            &[HEADER, &["A2=W1", "B2#80", "D2=x"], &["A3=W2", "B3#70"]],
        )]);
        let (d, scored) = run(&bundle("t.xlsx", book));
        assert_eq!(scored, None);
        assert_eq!(
            d,
            vec!["b/t.xlsx!D2: error: this row has more cells than the header has columns (2)"]
        );
    }

    #[test]
    fn formulas_without_a_result_are_errors_at_their_cell() {
        let book = xlsx(&[sheet(
            "Sheet1",
            &[
                HEADER,
                &["A2=W1", "B2=SUM(80)!"],
                &["A3=W2", "B3=SUM(70)!70", "C3=SUM(1)!"],
            ],
        )]);
        let (d, scored) = run(&bundle("t.xlsx", book));
        assert_eq!(scored, None);
        // Not "is empty"; the formula in a column not read (C) does not matter.
        assert_eq!(
            d,
            vec![
                "b/t.xlsx!B2: error: the cell holds a formula whose result was never calculated (the file was saved by a program that does not calculate); open it in Excel or WPS, recalculate (F9) and save"
            ]
        );
        // A row of formulas without results is not a blank row.
        let book = xlsx(&[sheet(
            "Sheet1",
            &[HEADER, &["A2=W1", "B2#80"], &["A3=SUM(1)!", "B3=SUM(2)!"]],
        )]);
        let (d, _) = run(&bundle("t.xlsx", book));
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d[0].starts_with("b/t.xlsx!A3: error: the cell holds a formula"),
            "{d:?}"
        );
    }

    #[test]
    fn a_merged_range_counts_in_every_row_it_covers_in_its_first_column() {
        let rows: &[&[&str]] = &[
            &["A1=worker_id", "B1=score", "C1=max"],
            &["A2=W1", "B2#45", "C2#50"],
            &["A3=W2", "C3#100"],
        ];
        // B2:B3 merged: W2's score is the 45 Excel shows across both rows.
        let book = xlsx(&[Sheet {
            name: "Sheet1",
            state: None,
            rows: rows_xml(rows),
            extra: r#"<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>"#,
        }]);
        let (d, scored) = run(&bundle("t.xlsx", book));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(scored, Some(("90.00".into(), "45.00".into())));
        // Merged across columns: the value counts in the first column only.
        let book = xlsx(&[Sheet {
            name: "Sheet1",
            state: None,
            rows: rows_xml(&[
                &["A1=worker_id", "B1=score", "C1=max"],
                &["A2=W1", "B2#45"],
                &["A3=W2", "B3#70"],
            ]),
            extra: r#"<mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>"#,
        }]);
        let (d, scored) = run(&bundle("t.xlsx", book));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(scored, Some(("45.00".into(), "70.00".into())));
        // A value of its own under a merged range (Excel hides it) is an error.
        let book = xlsx(&[Sheet {
            name: "Sheet1",
            state: None,
            rows: rows_xml(&[HEADER, &["A2=W1", "B2#80"], &["A3=W2", "B3#30"]]),
            extra: r#"<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>"#,
        }]);
        let (d, _) = run(&bundle("t.xlsx", book));
        assert_eq!(
            d,
            vec![
                "b/t.xlsx!B3: error: the cell lies under the merged cells B2:B3 and holds a value of its own, which Excel does not show; unmerge the cells, or clear this one"
            ]
        );
        // rust_xlsxwriter's merged range, as Excel writes one.
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "worker_id").unwrap();
        ws.write_string(0, 1, "score").unwrap();
        ws.write_string(1, 0, "W1").unwrap();
        ws.write_string(2, 0, "W2").unwrap();
        ws.merge_range(1, 1, 2, 1, "", &rust_xlsxwriter::Format::new())
            .unwrap();
        ws.write_number(1, 1, 66).unwrap();
        let (d, scored) = run(&bundle("t.xlsx", wb.save_to_buffer().unwrap()));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(scored, Some(("66.00".into(), "66.00".into())));
    }

    #[test]
    fn the_first_visible_sheet_is_read_and_a_named_hidden_one_with_a_warning() {
        let make = |state: &'static str| {
            let hidden_rows: &[&[&str]] = &[HEADER, &["A2=W1", "B2#10"]];
            let visible_rows: &[&[&str]] = &[HEADER, &["A2=W1", "B2#90"]];
            xlsx(&[
                Sheet {
                    name: "旧",
                    state: Some(state),
                    rows: rows_xml(hidden_rows),
                    extra: "",
                },
                Sheet {
                    name: "业务测试",
                    state: None,
                    rows: rows_xml(visible_rows),
                    extra: "",
                },
            ])
        };
        for state in ["hidden", "veryHidden"] {
            let (d, scored) = run(&bundle("t.xlsx", make(state)));
            assert_eq!(scored.map(|s| s.0), Some("90.00".to_string()), "{d:?}");
            assert_eq!(
                d,
                vec![
                    "b/t.xlsx: warning: the hidden sheet(s) \"旧\" before it are skipped: the first visible sheet \"业务测试\" is read (name a sheet after # in assessment.toml to read another)"
                ]
            );
            let (d, scored) = run(&bundle("t.xlsx#旧", make(state)));
            assert_eq!(scored.map(|s| s.0), Some("10.00".to_string()), "{d:?}");
            assert_eq!(
                d,
                vec![
                    "b/t.xlsx#旧: warning: the sheet \"旧\" is hidden in the workbook; it is read because assessment.toml names it"
                ]
            );
        }
        // No visible sheet at all.
        let book = xlsx(&[Sheet {
            name: "S",
            state: Some("hidden"),
            rows: rows_xml(&[HEADER]),
            extra: "",
        }]);
        let (d, _) = run(&bundle("t.xlsx", book));
        assert_eq!(
            d,
            vec![
                "b/t.xlsx: error: the workbook has no visible worksheet (its sheets are \"S\"); name the sheet to read after # in assessment.toml, like \"book.xlsx#S\""
            ]
        );
    }

    #[test]
    fn cells_out_of_sheet_order_are_a_damaged_file_not_a_silent_reordering() {
        // Sheets are streamed in file order, as Excel writes them; a row written before the
        // one above it, or a cell given twice, is refused at that cell.
        let mut s = sheet("Sheet1", &[HEADER, &["A3=W2", "B3#70"]]);
        s.rows.push_str(&rows_xml(&[&["A2=W1", "B2#80"]]));
        let (d, scored) = run(&bundle("t.xlsx", xlsx(&[s])));
        assert_eq!(scored, None);
        assert_eq!(
            d,
            vec![
                "b/t.xlsx!A2: error: the workbook is damaged: cell A2 comes after B3 in the file, out of sheet order (or given twice); open it in Excel or WPS and save it again"
            ]
        );
        let s = sheet("Sheet1", &[HEADER, &["A2=W1", "B2#80", "B2#90"]]);
        let (d, scored) = run(&bundle("t.xlsx", xlsx(&[s])));
        assert_eq!(scored, None);
        assert_eq!(
            d,
            vec![
                "b/t.xlsx!B2: error: the workbook is damaged: cell B2 comes after B2 in the file, out of sheet order (or given twice); open it in Excel or WPS and save it again"
            ]
        );
    }

    #[test]
    fn a_duplicate_in_a_workbook_in_no_order_is_found_in_one_reading_and_reported() {
        // W1 comes back after W2: the rows are grouped by no column, so every row's
        // fingerprint is kept in the first reading (a workbook is slow to read again).
        let s = sheet(
            "Sheet1",
            &[
                HEADER,
                &["A2=W1", "B2#80"],
                &["A3=W2", "B3#70"],
                &["A4=W1", "B4#90"],
            ],
        );
        let (d, scored) = run(&bundle("t.xlsx", xlsx(&[s])));
        assert_eq!(scored, None);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].starts_with("b/t.xlsx!A4: error: duplicate ")
                && d[0].ends_with("\"W1\" is already on line 2"),
            "{d:?}"
        );
    }

    #[test]
    fn a_far_away_cell_costs_one_cell() {
        // One cell at XFD1048576 (and the dimension saying so): the sheet's used range is 17
        // billion cells, of which three hold something.
        let mut s = sheet("Sheet1", &[HEADER, &["A2=W1", "B2#80"]]);
        s.rows
            .push_str(r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
        let (d, _) = run(&bundle("t.xlsx", xlsx(&[s])));
        assert_eq!(
            d,
            vec![
                "b/t.xlsx!XFD1048576: error: this row has more cells than the header has columns (2)",
                "b/t.xlsx!A1048576: error: \"worker_id\" is empty; it is required",
                "b/t.xlsx!B1048576: error: \"score\" is empty; it is required",
            ]
        );
        // A stray cell far down a used column is a row like any other.
        let mut s = sheet("Sheet1", &[HEADER, &["A2=W1", "B2#80"]]);
        s.rows.push_str(
            r#"<row r="1048576"><c r="Z1048576" t="inlineStr"><is><t> </t></is></c></row>"#,
        );
        let (d, scored) = run(&bundle("t.xlsx", xlsx(&[s])));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(scored.map(|s| s.0), Some("80.00".to_string()));
    }

    #[test]
    fn merged_ranges_over_a_whole_sheet_are_refused_not_worked_through() {
        // 2,000 overlapping ranges down column B, over 600 rows: 1.2 million fills.
        let mut rows: Vec<Vec<String>> = vec![vec!["A1=worker_id".into(), "B1=score".into()]];
        for r in 2..602 {
            rows.push(vec![format!("A{r}=W1"), format!("B{r}#1")]);
        }
        let rows: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        let merges = r#"<mergeCell ref="B2:B1048576"/>"#.repeat(2000);
        let extra = format!("<mergeCells>{merges}</mergeCells>");
        let book = xlsx(&[Sheet {
            name: "Sheet1",
            state: None,
            rows: rows_xml(&rows),
            extra: &extra,
        }]);
        let (d, scored) = run(&bundle("t.xlsx", book));
        assert_eq!(scored, None);
        assert!(
            d.iter()
                .any(|x| x
                    .contains("error: the sheet's merged cells cover too many rows to be read")),
            "{:?}",
            &d[d.len().saturating_sub(3)..]
        );
    }

    #[test]
    fn a_workbook_that_unpacks_too_large_is_refused() {
        let mut book = xlsx(&[sheet("Sheet1", &[HEADER, &["A2=W1", "B2#80"]])]);
        // The central directory declares the sheet 300 MiB unpacked.
        let sig = b"PK\x01\x02";
        let name = b"xl/worksheets/sheet1.xml";
        let at = (0..book.len() - 46)
            .find(|&i| book[i..].starts_with(sig) && book[i + 46..].starts_with(name))
            .unwrap();
        book[at + 24..at + 28].copy_from_slice(&(300u32 << 20).to_le_bytes());
        let (d, _) = run(&bundle("t.xlsx", book));
        assert_eq!(
            d,
            vec![
                "b/t.xlsx: error: the workbook unpacks to 301 MiB, more than the 256 MiB a workbook may hold; save the sheet as \"CSV UTF-8\""
            ]
        );
    }
}
