//! A fuzzing campaign over everything a hostile or careless user can hand over: CSV rows,
//! workbook XML and rubric TOML, each generated from pieces that have broken readers before
//! (quotes left open, lone carriage returns, byte-order marks, NULs, far-away cells, merged
//! ranges, formulas without results, numbers past what a decimal holds …) mixed with
//! arbitrary bytes. The promise checked: no input makes the library panic or hang; it loads or
//! it reports, and what loads scores and writes every view.
//!
//! CI runs a bounded number of cases (`YARDSTICK_FUZZ_CASES`, 48 by default); a longer campaign:
//! `YARDSTICK_FUZZ_CASES=5000 cargo test -p yardstick --test it --release fuzz::`.

#[cfg(feature = "xlsx")]
use std::io::Write as _;
use std::path::Path;

use proptest::prelude::*;
use yardstick::{Bundle, MemFiles, Rubric};

use crate::support::STANDARD;

fn cases() -> u32 {
    std::env::var("YARDSTICK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

const ROSTER: &str = "worker_id,name,unit,electorate\nW1,甲,东门,10\nW2,乙,西街,\nW3,丙,东门,4\n";

/// Cell texts that readers have tripped on, and ordinary ones.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("W1".to_string()),
        Just("W2".to_string()),
        Just("W9".to_string()),
        Just("优秀".to_string()),
        Just("称职".to_string()),
        Just("满意".to_string()),
        Just("未接通".to_string()),
        Just("是".to_string()),
        Just("德".to_string()),
        Just("好".to_string()),
        Just("honor_city".to_string()),
        Just("市级表彰".to_string()),
        Just("\"".to_string()),
        Just("\"a,b\"".to_string()),
        Just("\"open".to_string()),
        Just("\r".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\0".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        Just("89.99499999999999999999999999999".to_string()),
        Just("1e400".to_string()),
        Just("-0".to_string()),
        Just("99999999999999999999999999999999".to_string()),
        Just("2024-02-30".to_string()),
        Just("2024-03".to_string()),
        Just("工号".to_string()),
        Just("票号".to_string()),
        Just(String::new()),
        "[0-9]{1,4}(\\.[0-9]{1,3})?",
        "\\PC{0,6}",
    ]
}

/// CSV-like text: rows of tokens joined by commas and line ends, maybe a header.
fn csv_text() -> impl Strategy<Value = Vec<u8>> {
    let row = prop::collection::vec(token(), 0..7).prop_map(|cells| cells.join(","));
    (
        prop::option::of(prop_oneof![
            Just("worker_id,rater_id,score".to_string()),
            Just("ballot_id,worker_id,choice,group".to_string()),
            Just("工号,优秀,称职,基本称职,不称职,弃权,不了解,空白".to_string()),
            Just("worker_id,interviewer_id,dimension,rating".to_string()),
            Just("worker_id,call_id,outcome,date,concern".to_string()),
            Just("worker_id,household_id,visited,satisfaction".to_string()),
            Just("worker_id,score,max".to_string()),
            Just("worker_id,item,count".to_string()),
        ]),
        prop::collection::vec(row, 0..12),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        prop::collection::vec(any::<u8>(), 0..24),
    )
        .prop_map(|(header, rows, end, tail)| {
            let mut text = header.unwrap_or_default();
            for r in rows {
                text.push_str(end);
                text.push_str(&r);
            }
            let mut bytes = text.into_bytes();
            // Arbitrary bytes at the end: broken encodings, a truncated character.
            bytes.extend(tail);
            bytes
        })
}

const COMPONENTS: [(&str, &str); 7] = [
    ("report", "report.csv"),
    ("ballot", "ballots.csv"),
    ("interview", "interviews.csv"),
    ("test", "tests.csv"),
    ("phone", "phone.csv"),
    ("visit", "visits.csv"),
    ("adjustments", "adjustments.csv"),
];

fn bundle_files(rubric: &str, name: &str, bytes: Vec<u8>, which: usize) -> MemFiles {
    let (key, _) = COMPONENTS[which];
    let mut toml = String::from(
        "[assessment]\nname = \"fuzz\"\nyear = 2024\nrubric = \"rubric.toml\"\n[inputs]\nroster = \"roster.csv\"\n",
    );
    if key == "adjustments" {
        toml.push_str(&format!("adjustments = \"{name}\"\n"));
    } else {
        toml.push_str(&format!("[inputs.components]\n{key} = \"{name}\"\n"));
    }
    let mut m = MemFiles::default();
    m.insert("f/assessment.toml", toml);
    m.insert("f/rubric.toml", rubric.to_string());
    m.insert("f/roster.csv", ROSTER);
    m.insert(format!("f/{name}"), bytes);
    m
}

/// Loads and, when the bundle loads, scores it and writes every view.
fn exercise(files: &MemFiles) {
    match Bundle::load_with(files, Path::new("f")) {
        Ok(b) => {
            let scored = yardstick::score(&b.output);
            let mut sink = Vec::new();
            yardstick::report::json::write(&scored, &mut sink).unwrap();
            serde_json::from_slice::<serde_json::Value>(&sink).unwrap();
            yardstick::report::csv::write(&scored, &mut sink).unwrap();
            yardstick::report::table::write(&scored, &mut sink).unwrap();
            for i in 0..scored.len() {
                let _ = yardstick::explain::explain(&scored, i).text();
            }
            for d in &b.warnings {
                let _ = d.to_string();
            }
        }
        Err(e) => {
            // Every error names its file.
            assert!(e.errors().count() > 0);
            for d in e.diagnostics() {
                assert!(!d.file.is_empty(), "{d:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn csv_files_never_make_the_library_panic(bytes in csv_text(), which in 0..COMPONENTS.len()) {
        let (_, name) = COMPONENTS[which];
        exercise(&bundle_files(STANDARD, name, bytes, which));
    }

    #[test]
    fn arbitrary_bytes_never_make_the_library_panic(bytes in prop::collection::vec(any::<u8>(), 0..600), which in 0..COMPONENTS.len()) {
        let (_, name) = COMPONENTS[which];
        exercise(&bundle_files(STANDARD, name, bytes, which));
    }

    #[test]
    fn rubric_text_never_makes_the_checker_panic(edits in prop::collection::vec((0usize..400, 0u8..4, token()), 1..6)) {
        // The standard rubric with lines deleted, doubled, cut or replaced.
        let mut lines: Vec<String> = STANDARD.lines().map(str::to_string).collect();
        for (at, how, text) in edits {
            if lines.is_empty() {
                break;
            }
            let i = at % lines.len();
            match how {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                }
                2 => {
                    let cut = lines[i].char_indices().nth(lines[i].chars().count() / 2).map_or(0, |(b, _)| b);
                    lines[i].truncate(cut);
                }
                _ => {
                    // Replace a value after `=` with a token.
                    if let Some(eq) = lines[i].find('=') {
                        let key = lines[i][..eq].to_string();
                        lines[i] = format!("{key}= {text}");
                    }
                }
            }
        }
        let text = lines.join("\n");
        if let Ok(rubric) = Rubric::from_toml(&text, "fuzz.toml") {
            // A rubric the checker accepts scores a bundle without panicking.
            let _ = rubric;
            exercise(&bundle_files(&text, "tests.csv", b"worker_id,score\nW1,80\n".to_vec(), 3));
        }
    }
}

#[cfg(feature = "xlsx")]
mod workbooks {
    use super::*;

    /// A cell reference, sometimes far away (the last column and row Excel has).
    fn cell_ref() -> impl Strategy<Value = String> {
        prop_oneof![
            (0u32..4, 1u32..8).prop_map(|(c, r)| format!("{}{r}", (b'A' + c as u8) as char)),
            Just("XFD1048576".to_string()),
            Just("Z1048576".to_string()),
            Just("AA1".to_string()),
            Just("A0".to_string()),
            Just("".to_string()),
            "[A-Z]{1,3}[0-9]{1,7}",
        ]
    }

    /// One `<c>` element of any type, with or without a value or a formula.
    fn cell() -> impl Strategy<Value = String> {
        (cell_ref(), 0u8..7, token()).prop_map(|(r, kind, v)| {
            let v = v
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            match kind {
                0 => format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{v}</t></is></c>"),
                1 => format!("<c r=\"{r}\"><v>{v}</v></c>"),
                2 => format!("<c r=\"{r}\" t=\"s\"><v>{v}</v></c>"),
                3 => format!("<c r=\"{r}\"><f>SUM(1)</f></c>"),
                4 => format!("<c r=\"{r}\" t=\"e\"><v>#DIV/0!</v></c>"),
                5 => format!("<c r=\"{r}\" t=\"b\"><v>{v}</v></c>"),
                _ => format!("<c r=\"{r}\" t=\"str\"><f>A1</f><v>{v}</v></c>"),
            }
        })
    }

    fn sheet_xml() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(prop::collection::vec(cell(), 0..5), 0..8),
            prop::option::of(prop_oneof![
                Just("<mergeCells count=\"1\"><mergeCell ref=\"A2:A5\"/></mergeCells>".to_string()),
                Just("<mergeCells count=\"1\"><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>".to_string()),
                "<mergeCells count=\"1\"><mergeCell ref=\"[A-C][1-9]:[A-C][1-9]\"/></mergeCells>",
            ]),
        )
            .prop_map(|(rows, merge)| {
                let mut out = String::new();
                for (i, cells) in rows.iter().enumerate() {
                    out.push_str(&format!("<row r=\"{}\">", i + 1));
                    out.extend(cells.iter().cloned());
                    out.push_str("</row>");
                }
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{out}</sheetData>{}</worksheet>"#,
                    merge.unwrap_or_default()
                )
            })
    }

    fn xlsx(sheet: &str, hidden: bool) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let mut put = |name: &str, text: &str| {
            zip.start_file(name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        put(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        );
        put(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        let state = if hidden { " state=\"hidden\"" } else { "" };
        put(
            "xl/workbook.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1"{state} r:id="rId1"/></sheets></workbook>"#
            ),
        );
        put(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        );
        put("xl/worksheets/sheet1.xml", sheet);
        zip.finish().unwrap().into_inner()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        #[test]
        fn workbooks_never_make_the_library_panic(sheet in sheet_xml(), hidden in any::<bool>(), which in 0..COMPONENTS.len()) {
            let (_, name) = COMPONENTS[which];
            let name = name.replace(".csv", ".xlsx");
            exercise(&bundle_files(STANDARD, &name, xlsx(&sheet, hidden), which));
        }

        #[test]
        fn broken_zips_never_make_the_library_panic(cut in 0usize..2000, flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..8)) {
            let mut bytes = xlsx(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>worker_id</t></is></c></row></sheetData></worksheet>"#, false);
            for (at, b) in flips {
                let n = bytes.len();
                bytes[at % n] = b;
            }
            bytes.truncate(bytes.len().saturating_sub(cut % 64));
            exercise(&bundle_files(STANDARD, "tests.xlsx", bytes, 3));
        }
    }
}
