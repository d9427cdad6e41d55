//! Hostile and careless input (issue #10): whatever a file holds, it is read as written or
//! refused with an error at its place; nothing is silently misread, dropped or rounded.

use std::path::Path;

use yardstick::Bundle;

use crate::support::{B, Mem, w};

/// The diagnostics (errors and warnings) of loading `files`, as text, and whether it loaded.
fn load(files: &Mem) -> (bool, Vec<String>) {
    match Bundle::load_with(files, Path::new("b")) {
        Ok(b) => (true, b.warnings.iter().map(|d| d.to_string()).collect()),
        Err(e) => (
            false,
            e.diagnostics().iter().map(|d| d.to_string()).collect(),
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
    assert_eq!(loaded.output.workers[0].name, "卢路");
    let warnings: Vec<String> = loaded.warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        vec![
            "b/roster.csv: warning: the file's encoding is unclear: as UTF-8 it reads \"W1,¬·\", as GBK \"W1,卢路\"; it was read as GBK: if that is wrong, give --encoding utf-8 or --encoding gbk, or save the file as \"CSV UTF-8\""
        ]
    );
    // Scored as such.
    let a = yardstick::score(&loaded.output);
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
