//! Concerns (急难愁盼): deadlines on the official calendar, routing, statuses, views, privacy
//! and errors (docs/contract.md section 6).

use std::path::Path;

use yardstick::concerns::{
    Calendar, ConcernStatus, Date, Ledger, Report, RoutingTable, mask_phone_numbers,
};

use crate::support::{Mem, STANDARD};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// The `n`-th working day after `date` on the shipped calendar.
fn due(date: &str, n: u32) -> String {
    Calendar::shipped()
        .add_working_days(d(date), n)
        .unwrap()
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// Deadlines worked by hand from the 国务院办公厅 notices.
// ---------------------------------------------------------------------------------------------

/// 国办发明电〔2023〕7号 (2024): 春节 2月10日至17日放假调休，2月4日（星期日）、2月18日（星期日）上班;
/// 劳动节 5月1日至5日，4月28日（星期日）、5月11日（星期六）上班; 中秋节 9月15日至17日，9月14日
/// （星期六）上班; 国庆节 10月1日至7日，9月29日（星期日）、10月12日（星期六）上班.
#[test]
fn deadlines_2024() {
    // Fri 2-02 + 3: Sat 2-03 rest; Sun 2-04 worked (1); Mon 2-05 (2); Tue 2-06 (3).
    assert_eq!(due("2024-02-02", 3), "2024-02-06");
    // Thu 2-08 + 3: Fri 2-09 (除夕 is only "encouraged" rest, officially a working day) (1);
    // 2-10..2-17 off; Sun 2-18 worked (2); Mon 2-19 (3).
    assert_eq!(due("2024-02-08", 3), "2024-02-19");
    // Thu 2-08 + 13: 2-09 (1), 2-18 (2), 2-19..2-23 (3..7), 2-26..3-01 (8..12), Mon 3-04 (13).
    assert_eq!(due("2024-02-08", 13), "2024-03-04");
    // Raised during the holiday, Mon 2-12 + 1: the next working day is Sunday 2-18.
    assert_eq!(due("2024-02-12", 1), "2024-02-18");
    // N = 0 is the same day, even a holiday.
    assert_eq!(due("2024-02-10", 0), "2024-02-10");
    // Fri 4-26 + 1: Sat 4-27 rest; Sun 4-28 worked.
    assert_eq!(due("2024-04-26", 1), "2024-04-28");
    // Mon 4-29 + 3: Tue 4-30 (1); 5-01..5-05 off; Mon 5-06 (2); Tue 5-07 (3).
    assert_eq!(due("2024-04-29", 3), "2024-05-07");
    // Wed 5-08 + 3: Thu 5-09 (1), Fri 5-10 (2), Sat 5-11 worked (3).
    assert_eq!(due("2024-05-08", 3), "2024-05-11");
    // Fri 9-13 + 1: Sat 9-14 is worked for 中秋节.
    assert_eq!(due("2024-09-13", 1), "2024-09-14");
    // Fri 9-27 + 3: Sat 9-28 rest; Sun 9-29 worked (1); Mon 9-30 (2); 10-01..10-07 off;
    // Tue 10-08 (3).
    assert_eq!(due("2024-09-27", 3), "2024-10-08");
    // Mon 9-30 + 5: 10-08 (1), 10-09 (2), 10-10 (3), 10-11 (4), Sat 10-12 worked (5).
    assert_eq!(due("2024-09-30", 5), "2024-10-12");
}

/// 国办发明电〔2024〕12号 (2025): 春节 1月28日至2月4日，1月26日（周日）、2月8日（周六）上班;
/// 劳动节 5月1日至5日，4月27日（周日）上班; 国庆节、中秋节 10月1日至8日，9月28日（周日）、
/// 10月11日（周六）上班.
#[test]
fn deadlines_2025() {
    // Fri 1-24 + 5: Sat 1-25 rest; Sun 1-26 worked (1); Mon 1-27 (2); 1-28..2-04 off;
    // Wed 2-05 (3), Thu 2-06 (4), Fri 2-07 (5).
    assert_eq!(due("2025-01-24", 5), "2025-02-07");
    // Mon 1-27 + 3 and + 4: 2-05, 2-06, 2-07, then Sat 2-08 worked.
    assert_eq!(due("2025-01-27", 3), "2025-02-07");
    assert_eq!(due("2025-01-27", 4), "2025-02-08");
    // Fri 4-25 + 1: Sat 4-26 rest; Sun 4-27 worked.
    assert_eq!(due("2025-04-25", 1), "2025-04-27");
    // Wed 4-30 + 1: 5-01..5-05 off; Tue 5-06. + 3: 5-06, 5-07, Thu 5-08.
    assert_eq!(due("2025-04-30", 1), "2025-05-06");
    assert_eq!(due("2025-04-30", 3), "2025-05-08");
    // Fri 9-26 + 3: Sat 9-27 rest; Sun 9-28 worked (1); Mon 9-29 (2); Tue 9-30 (3).
    assert_eq!(due("2025-09-26", 3), "2025-09-30");
    // Tue 9-30 + 1: 10-01..10-08 off; Thu 10-09. + 3: 10-09, 10-10, Sat 10-11 worked.
    assert_eq!(due("2025-09-30", 1), "2025-10-09");
    assert_eq!(due("2025-09-30", 3), "2025-10-11");
    // Tue 9-30 + 13: 10-09 (1), 10-10 (2), 10-11 (3); Sun 10-12 rest; 10-13..10-17 (4..8);
    // 10-20..10-24 (9..13).
    assert_eq!(due("2025-09-30", 13), "2025-10-24");
    // Same day.
    assert_eq!(due("2025-10-03", 0), "2025-10-03");
}

/// 国办发明电〔2025〕7号 (2026): 元旦 1月1日至3日，1月4日（周日）上班; 春节 2月15日至23日，
/// 2月14日（周六）、2月28日（周六）上班; 劳动节 5月1日至5日，5月9日（周六）上班; 中秋节 9月25日至
/// 27日; 国庆节 10月1日至7日，9月20日（周日）、10月10日（周六）上班.
#[test]
fn deadlines_2026() {
    // Across the year end: Wed 2025-12-31 + 1: 1-01..1-03 off; Sun 1-04 worked.
    assert_eq!(due("2025-12-31", 1), "2026-01-04");
    // Fri 2-13 + 1: Sat 2-14 worked. + 2: 2-15..2-23 off; Tue 2-24.
    assert_eq!(due("2026-02-13", 1), "2026-02-14");
    assert_eq!(due("2026-02-13", 2), "2026-02-24");
    // Fri 2-13 + 5: 2-14 (1), 2-24 (2), 2-25 (3), 2-26 (4), 2-27 (5); + 6: Sat 2-28 worked.
    assert_eq!(due("2026-02-13", 5), "2026-02-27");
    assert_eq!(due("2026-02-13", 6), "2026-02-28");
    // Thu 4-30 + 1: 5-01..5-05 off; Wed 5-06. + 3: 5-06, 5-07, Fri 5-08. + 4: Sat 5-09 worked.
    assert_eq!(due("2026-04-30", 1), "2026-05-06");
    assert_eq!(due("2026-04-30", 3), "2026-05-08");
    assert_eq!(due("2026-04-30", 4), "2026-05-09");
    // Fri 9-18 + 1: Sat 9-19 rest; Sun 9-20 worked.
    assert_eq!(due("2026-09-18", 1), "2026-09-20");
    // Thu 9-24 + 1: 中秋节 9-25..9-27 (Fri to Sun) off; Mon 9-28.
    assert_eq!(due("2026-09-24", 1), "2026-09-28");
    // Wed 9-30 + 1: 10-01..10-07 off; Thu 10-08. + 3: 10-08, 10-09, Sat 10-10 worked.
    assert_eq!(due("2026-09-30", 1), "2026-10-08");
    assert_eq!(due("2026-09-30", 3), "2026-10-10");
    // Wed 9-30 + 13: 10-08 (1), 10-09 (2), 10-10 (3); Sun 10-11 rest; 10-12..10-16 (4..8);
    // 10-19..10-23 (9..13).
    assert_eq!(due("2026-09-30", 13), "2026-10-23");
}

#[test]
fn a_year_without_data_is_an_error_never_a_guess() {
    let cal = Calendar::shipped();
    assert!(cal.add_working_days(d("2023-12-29"), 1).is_err());
    assert!(cal.add_working_days(d("2027-03-01"), 0).is_err());
    // The count runs into 2027: an error too.
    let e = cal.add_working_days(d("2026-12-30"), 3).unwrap_err();
    assert_eq!(e.date, d("2027-01-01"));
    assert!(
        cal.working_days_between(d("2026-12-01"), d("2027-01-01"))
            .is_err()
    );
}

#[test]
fn every_shipped_calendar_and_routing_file_validates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut cal = Calendar::empty();
    for entry in std::fs::read_dir(root.join("rubrics/calendar")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        cal.add_toml(&text, &path.display().to_string())
            .unwrap_or_else(|e| panic!("{:#?}", e.diagnostics()));
    }
    assert_eq!(cal.years(), Calendar::shipped().years());
    let text = std::fs::read_to_string(root.join("rubrics/routing.toml")).unwrap();
    assert_eq!(
        RoutingTable::from_toml(&text, "rubrics/routing.toml").unwrap(),
        RoutingTable::shipped()
    );
}

// ---------------------------------------------------------------------------------------------
// The ledger of a bundle.
// ---------------------------------------------------------------------------------------------

const ROSTER: &str = "worker_id,name,unit\nW1,甲,东门社区\nW2,乙,西街社区\n";

/// A bundle `b/` in memory: the standard rubric, a roster, and the files given.
struct Bundle {
    files: Mem,
    toml: String,
    inputs: String,
}

impl Bundle {
    fn new() -> Self {
        let mut files = Mem::default();
        files
            .0
            .insert("b/rubric.toml".into(), STANDARD.as_bytes().to_vec());
        files
            .0
            .insert("b/roster.csv".into(), ROSTER.as_bytes().to_vec());
        Bundle {
            files,
            toml: "[assessment]\nname = \"测试\"\nyear = 2024\nrubric = \"rubric.toml\"\n"
                .to_string(),
            inputs: "[inputs]\nroster = \"roster.csv\"\n".to_string(),
        }
    }

    fn put(mut self, name: &str, text: &str) -> Self {
        self.files
            .0
            .insert(format!("b/{name}").into(), text.as_bytes().to_vec());
        self
    }

    fn assessment(mut self, line: &str) -> Self {
        self.toml.push_str(line);
        self.toml.push('\n');
        self
    }

    fn input(mut self, line: &str) -> Self {
        self.inputs.push_str(line);
        self.inputs.push('\n');
        self
    }

    fn files(&self) -> Mem {
        let mut m = self.files.clone();
        let text = format!("{}\n{}", self.toml, self.inputs);
        m.0.insert("b/assessment.toml".into(), text.into_bytes());
        m
    }

    fn load(&self) -> Ledger {
        match Ledger::load(&self.files(), Path::new("b")) {
            Ok(l) => l.output,
            Err(e) => panic!("{:#?}", e.diagnostics()),
        }
    }

    fn errors(&self) -> Vec<String> {
        match Ledger::load(&self.files(), Path::new("b")) {
            Ok(_) => panic!("the ledger loads; errors expected"),
            Err(e) => e
                .errors()
                .map(|d| d.render(yardstick::i18n::Lang::En))
                .collect(),
        }
    }
}

const PHONE: &str = "\
worker_id,call_id,outcome,date,concern,category
W1,C1,满意,2024-09-27,老人需要助餐，电话13812345678,养老
W1,C2,满意,2024-09-27,,
W2,C3,基本满意,2024-09-30,楼道灯坏了,基础设施
W2,C4,不满意,2024-10-08,燃气管道有异味,安全隐患
W1,C5,未接通,2024-10-09,窨井盖缺失,市政设施
W2,C6,满意,2024-10-09,广场舞噪音扰民,噪音扰民
";

const VISITS: &str = "\
worker_id,household_id,visited,satisfaction,date,concern,category
W2,H-1-101,是,满意,2024-09-29,物业费收支不透明,物业纠纷
W1,H-2-201,是,满意,2024-09-29,,
";

const CONCERNS: &str = "\
concern_id,date,category,text,worker_id,household_id
X1,2024-09-30,违章建筑,楼顶私搭乱建，联系人 0571-87654321,,H-9-901
";

const UPDATES: &str = "\
concern_id,date,status,note,satisfied
phone:W1:C1,2024-09-29,办理中,已联系助餐点,
phone:W1:C1,2024-10-08,已办结,已安排助餐,
phone:W1:C1,2024-10-10,已办结,回访：老人说没有送到,否
phone:W2:C3,2024-10-08,closed,已更换灯泡,是
visit:W2:H-1-101,2024-10-09,in_progress,,
X1,2024-10-08,受理,已上报城管局,
";

fn full() -> Bundle {
    full_with("")
}

/// The full bundle with more `[inputs]` lines.
fn full_with(inputs: &str) -> Bundle {
    Bundle::new()
        .input(inputs)
        .input("concerns = \"concerns.csv\"")
        .input("concern_updates = \"updates.csv\"")
        .input("[inputs.components]\nphone = \"phone.csv\"\nvisit = \"visits.csv\"")
        .put("phone.csv", PHONE)
        .put("visits.csv", VISITS)
        .put("concerns.csv", CONCERNS)
        .put("updates.csv", UPDATES)
}

fn row<'a>(r: &Report<'a>, id: &str) -> yardstick::concerns::ConcernRow<'a> {
    r.concern(id).unwrap_or_else(|| panic!("no concern {id}"))
}

#[test]
fn concerns_are_read_routed_and_given_deadlines() {
    let ledger = full().load();
    let ids: Vec<&str> = ledger.concerns().map(|c| c.id()).collect();
    // By date, then id; rows without a concern are not concerns.
    assert_eq!(
        ids,
        vec![
            "phone:W1:C1",
            "visit:W2:H-1-101",
            "X1",
            "phone:W2:C3",
            "phone:W2:C4",
            "phone:W1:C5",
            "phone:W2:C6",
        ]
    );
    let c = ledger.get("phone:W1:C1").unwrap();
    // The alias 养老 is the category 养老服务 → 民政服务站, 3 working days: Fri 9-27 → Sun 9-29
    // (worked), Mon 9-30, then Tue 10-08 after the National Day holiday.
    assert_eq!(c.category(), "养老服务");
    assert_eq!(c.category_given(), "养老");
    assert_eq!(c.office(), Some("民政服务站"));
    assert_eq!(c.escalate_to(), None);
    assert_eq!(c.responsible(), Some("民政服务站站长"));
    assert_eq!(c.deadline(), d("2024-10-08"));
    assert_eq!(c.unit(), Some("东门社区"));
    assert_eq!(c.text(), "老人需要助餐，电话138****5678");
    // 基础设施 → 城建环卫站, 5: Mon 9-30 → 10-08, 10-09, 10-10, 10-11, Sat 10-12 (worked).
    assert_eq!(
        ledger.get("phone:W2:C3").unwrap().deadline(),
        d("2024-10-12")
    );
    // 安全隐患 → 应急管理办, 0: the same day.
    let c = ledger.get("phone:W2:C4").unwrap();
    assert_eq!(
        (c.office(), c.deadline()),
        (Some("应急管理办"), d("2024-10-08"))
    );
    // 市政设施 is reported up to 住建局 within 5 working days: Wed 10-09 → Sat 10-12 is worked,
    // so 10-10, 10-11, 10-12, 10-14, 10-15.
    let c = ledger.get("phone:W1:C5").unwrap();
    assert_eq!((c.office(), c.escalate_to()), (None, Some("住建局")));
    assert_eq!(c.deadline(), d("2024-10-15"));
    // 物业纠纷 → 社区居委会, 13: Sun 9-29 (itself worked) → 9-30 (1), 10-08..10-12 (2..6),
    // 10-14..10-18 (7..11), 10-21 (12), 10-22 (13).
    let c = ledger.get("visit:W2:H-1-101").unwrap();
    assert_eq!(
        (c.deadline(), c.household_id()),
        (d("2024-10-22"), Some("H-1-101"))
    );
    // concerns.csv: no worker, an escalation, and a masked landline.
    let c = ledger.get("X1").unwrap();
    assert_eq!((c.worker_id(), c.unit()), (None, None));
    assert_eq!(c.escalate_to(), Some("城管局"));
    assert_eq!(c.text(), "楼顶私搭乱建，联系人 0571-****4321");
}

#[test]
fn an_unknown_category_goes_to_the_triage_desk_flagged() {
    let ledger = full().load();
    let c = ledger.get("phone:W2:C6").unwrap();
    assert_eq!(c.category(), "噪音扰民");
    assert_eq!(c.office(), Some("综合办"));
    assert_eq!(c.flags(), vec!["unknown_category"]);
    // 1 working day: Wed 10-09 → Thu 10-10.
    assert_eq!(c.deadline(), d("2024-10-10"));
    assert!(ledger.get("phone:W1:C1").unwrap().flags().is_empty());
}

#[test]
fn statuses_reopening_and_overdue_as_of_a_day() {
    let ledger = full().load();
    // On 10-08 the 助餐 concern is closed on its deadline.
    let r = ledger.report(d("2024-10-08")).unwrap();
    let c = row(&r, "phone:W1:C1");
    assert_eq!(
        (c.status, c.overdue, c.closed_on_time),
        (ConcernStatus::Closed, false, true)
    );
    // The callback on 10-10 says not satisfied: reopened, and now past its deadline.
    let r = ledger.report(d("2024-10-10")).unwrap();
    let c = row(&r, "phone:W1:C1");
    assert_eq!(
        (c.status, c.overdue, c.reopened),
        (ConcernStatus::Reopened, true, 1)
    );
    assert_eq!(c.satisfied, Some(false));
    assert_eq!(c.working_days_left, Some(-2));
    assert_eq!(c.note.as_deref(), Some("回访：老人说没有送到"));
    // 安全隐患 raised 10-08 with no update: overdue from 10-09 (same-day deadline).
    assert!(!row(&ledger.report(d("2024-10-08")).unwrap(), "phone:W2:C4").overdue);
    assert!(row(&r, "phone:W2:C4").overdue);
    // 基础设施 closed 10-08, satisfied: closed on time, never overdue.
    let c = row(&r, "phone:W2:C3");
    assert_eq!(
        (c.status, c.overdue, c.closed_on_time),
        (ConcernStatus::Closed, false, true)
    );
    // Before any update: accepted, with the working days left counted to the deadline.
    let r = ledger.report(d("2024-09-27")).unwrap();
    let c = row(&r, "phone:W1:C1");
    assert_eq!(
        (c.status, c.working_days_left),
        (ConcernStatus::Accepted, Some(3))
    );
    // A concern raised after the as-of day is listed, accepted, not overdue.
    let c = row(&r, "phone:W2:C6");
    assert_eq!((c.status, c.overdue), (ConcernStatus::Accepted, false));
}

#[test]
fn views_work_orders_escalations_and_summary() {
    let ledger = full().load();
    let r = ledger.report(d("2024-10-10")).unwrap();
    let offices: Vec<(String, usize, usize, usize)> = r
        .work_orders()
        .map(|w| (w.office.to_string(), w.total, w.open, w.overdue))
        .collect();
    assert_eq!(
        offices,
        vec![
            ("城建环卫站".to_string(), 1, 0, 0),
            ("应急管理办".to_string(), 1, 1, 1),
            ("民政服务站".to_string(), 1, 1, 1),
            ("社区居委会".to_string(), 1, 1, 0),
            ("综合办".to_string(), 1, 1, 0),
        ]
    );
    let o = r.work_orders().find(|w| w.office == "民政服务站").unwrap();
    let first = o.items.iter().next().unwrap();
    assert_eq!(first.id, "phone:W1:C1");
    assert_eq!(first.responsible.as_deref(), Some("民政服务站站长"));
    let esc: Vec<(String, Vec<(usize, String)>)> = r
        .escalations()
        .map(|e| {
            (
                e.department.to_string(),
                e.items.iter().map(|i| (i.no, i.id.to_string())).collect(),
            )
        })
        .collect();
    assert_eq!(
        esc,
        vec![
            ("住建局".to_string(), vec![(1, "phone:W1:C5".to_string())]),
            ("城管局".to_string(), vec![(1, "X1".to_string())])
        ]
    );

    let s = r.summary();
    assert_eq!((s.all.concerns, s.all.closed, s.all.overdue), (7, 1, 2));
    // 民政服务站: 1 concern, responded, reopened (not closed), rated not satisfied.
    let g = s.by_office.iter().find(|g| g.key == "民政服务站").unwrap();
    let rates = |g: &yardstick::concerns::Group| {
        [
            &g.rates.response,
            &g.rates.resolution,
            &g.rates.satisfaction,
            &g.rates.composite,
        ]
        .map(|v| v.map(|d| d.to_string()))
    };
    assert_eq!(
        rates(&g),
        [
            Some("100.00".into()),
            Some("0.00".into()),
            Some("0.00".into()),
            Some("30.00".into())
        ]
    );
    // 城建环卫站: responded, closed, satisfied: 100 each.
    let g = s.by_office.iter().find(|g| g.key == "城建环卫站").unwrap();
    assert_eq!(rates(&g)[3].as_deref(), Some("100.00"));
    // 社区居委会: responded, not closed, no callback: (30 × 100 + 35 × 0) / 65 = 46.15.
    let g = s.by_office.iter().find(|g| g.key == "社区居委会").unwrap();
    assert_eq!(
        rates(&g),
        [
            Some("100.00".into()),
            Some("0.00".into()),
            None,
            Some("46.15".into())
        ]
    );
    // All: responded 4 of 7 (57.14), closed 1 of 7 (14.29), satisfied 1 of 2 (50.00);
    // composite (30 × 400/7 + 35 × 100/7 + 35 × 50) / 100 = 17.142857 + 5 + 17.5 = 39.64.
    assert_eq!(
        rates(&s.all),
        [
            Some("57.14".into()),
            Some("14.29".into()),
            Some("50.00".into()),
            Some("39.64".into())
        ]
    );
    let units: Vec<(String, u64)> = s
        .by_unit
        .iter()
        .map(|g| (g.key.to_string(), g.concerns))
        .collect();
    assert_eq!(
        units,
        vec![
            (String::new(), 1),
            ("东门社区".to_string(), 2),
            ("西街社区".to_string(), 4)
        ]
    );
    let cats: Vec<String> = s.by_category.iter().map(|g| g.key.to_string()).collect();
    assert!(cats.iter().any(|c| c == "养老服务") && cats.iter().any(|c| c == "噪音扰民"));
    assert_eq!(
        s.by_worker
            .iter()
            .map(|g| g.key.to_string())
            .collect::<Vec<_>>(),
        vec!["", "W1", "W2"]
    );
    assert_eq!(s.by_department.len(), 2);
    let text = r.to_text();
    assert!(
        text.contains("民政服务站: 1 open of 1, 1 overdue"),
        "{text}"
    );
    assert!(text.contains("住建局: 1 item, "), "{text}");
}

#[test]
fn json_and_csv_carry_the_contract_fields_and_no_phone_number() {
    let ledger = full().load();
    let r = ledger.report(d("2024-10-10")).unwrap();
    let json = r.to_json();
    let first = &json["concerns"][0];
    for key in [
        "id",
        "date",
        "category",
        "office",
        "escalate_to",
        "deadline",
        "status",
        "overdue",
    ] {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
    assert_eq!(first["id"], "phone:W1:C1");
    assert_eq!(first["date"], "2024-09-27");
    assert_eq!(first["deadline"], "2024-10-08");
    assert_eq!(first["status"], "reopened");
    assert_eq!(first["overdue"], true);
    assert_eq!(first["escalate_to"], serde_json::Value::Null);
    let x1 = json["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "X1")
        .unwrap();
    assert_eq!(x1["office"], serde_json::Value::Null);
    assert_eq!(x1["escalate_to"], "城管局");
    let all = serde_json::to_string(&json).unwrap();
    let csv = r.concerns_csv();
    let text = r.to_text();
    for out in [&all, &csv, &text] {
        assert!(
            !out.contains("13812345678") && !out.contains("87654321"),
            "{out}"
        );
    }
    assert!(all.contains("\"composite\":39.64"), "{all}");
    // A byte-order mark first, so that Excel reads the Chinese text.
    assert!(
        csv.starts_with("\u{feff}id,date,category,office,escalate_to,deadline,status,overdue,")
    );
    assert_eq!(csv.lines().count(), 8);
}

#[test]
fn masking_examples() {
    assert_eq!(
        mask_phone_numbers("手机 138 1234 5678，座机010-12345678"),
        "手机 138 **** 5678，座机010-****5678"
    );
    assert_eq!(mask_phone_numbers("+86-13912345678"), "+86-139****5678");
    assert_eq!(mask_phone_numbers("3栋1单元1102"), "3栋1单元1102");
}

// ---------------------------------------------------------------------------------------------
// Routing tables and calendars named by the bundle.
// ---------------------------------------------------------------------------------------------

const SMALL_TABLE: &str = "\
[routing]
calendars = [\"cal/cn-2027.toml\"]

[[route]]
category = \"环境卫生\"
office = \"城建环卫站\"
responsible = \"站长\"
working_days = 2
";

const CAL_2027: &str = "\
[calendar]
year = 2027
notice = \"测试用\"

[[holiday]]
name = \"元旦\"
from = \"2027-01-01\"
to = \"2027-01-03\"
";

#[test]
fn a_bundle_names_its_routing_table_and_extra_calendar_years() {
    let b = Bundle::new()
        .assessment("routing = \"tables/routing.toml\"")
        .input("[inputs.components]\nphone = \"phone.csv\"")
        .put("tables/routing.toml", SMALL_TABLE)
        .put("tables/cal/cn-2027.toml", CAL_2027)
        .put(
            "phone.csv",
            "worker_id,call_id,outcome,date,concern,category\nW1,C1,满意,2026-12-31,垃圾清运不及时,环境卫生\n",
        );
    let ledger = b.load();
    // Thu 2026-12-31 + 2: 2027-01-01..01-03 off; Mon 01-04 (1), Tue 01-05 (2).
    assert_eq!(
        ledger.concerns().next().unwrap().deadline(),
        d("2027-01-05")
    );
    assert_eq!(ledger.calendar.years(), vec![2024, 2025, 2026, 2027]);
    assert!(ledger.inputs.iter().any(|p| p.ends_with("cn-2027.toml")));
}

// ---------------------------------------------------------------------------------------------
// Errors: all collected, with file, line and column.
// ---------------------------------------------------------------------------------------------

#[test]
fn errors_with_places() {
    let b = Bundle::new()
        .assessment("routing = \"routing.toml\"")
        .input("concerns = \"concerns.csv\"\nconcern_updates = \"updates.csv\"")
        .input("[inputs.components]\nphone = \"phone.csv\"\nvisit = \"visits.csv\"")
        .put(
            "routing.toml",
            &SMALL_TABLE.replace("calendars = [\"cal/cn-2027.toml\"]", ""),
        )
        .put(
            "phone.csv",
            "worker_id,call_id,outcome,date,concern,category\n\
             W1,C1,满意,,垃圾没人收,环境卫生\n\
             W1,C2,满意,2024-13-01,垃圾没人收,环境卫生\n\
             W1,C3,满意,2024-10-08,路灯坏了,基础设施\n\
             W1,C4,满意,2023-12-29,垃圾没人收,环境卫生\n\
             W9,C5,满意,2024-10-08,垃圾没人收,环境卫生\n\
             W1,C6,满意,2024-10-08,垃圾没人收,环境卫生\n",
        )
        .put(
            "visits.csv",
            "worker_id,household_id,visited,concern\nW2,H1,是,垃圾没人收\n",
        )
        .put(
            "concerns.csv",
            "concern_id,date,category,text\nphone:W1:C6,2024-10-09,环境卫生,重复\n",
        )
        .put(
            "updates.csv",
            "concern_id,date,status,note,satisfied\n\
             phone:W1:C9,2024-10-09,办理中,,\n\
             phone:W1:C6,2024-10-09,完成,,\n\
             phone:W1:C6,2024-10-9,已办结,,\n\
             phone:W1:C6,2024-10-10,已办结,,不好说\n\
             phone:W1:C6,2024-10-07,办理中,,\n",
        );
    assert_eq!(
        b.errors(),
        vec![
            "b/phone.csv:2:4: error: this row raises a concern but has no date; a concern's deadline counts from its date",
            "b/phone.csv:3:4: error: \"2024-13-01\" is not a date in the form YYYY-MM-DD",
            "b/phone.csv:4:6: error: unknown category \"基础设施\", and the routing table b/routing.toml has no default route (its categories are 环境卫生)",
            "b/phone.csv:5:4: error: cannot count the deadline: 2023-12-29 is in 2023, a year the working-day calendar has no data for (it covers 2024, 2025, 2026); add that year's 国务院办公厅 holiday notice as a calendar file",
            "b/phone.csv:6:1: error: worker_id \"W9\" is not in the roster (b/roster.csv)",
            "b/visits.csv:2: error: this row raises a concern but the file has no \"date\" column; a concern's deadline counts from its date",
            "b/visits.csv:2: error: this concern has no category, and the routing table b/routing.toml has no default route (its categories are 环境卫生)",
            "b/concerns.csv:2:1: error: duplicate concern id \"phone:W1:C6\": the same id is already on b/phone.csv line 7",
            "b/updates.csv:2:1: error: concern_id \"phone:W1:C9\" is not a concern of this bundle (ids are <component id>:<worker_id>:<call_id or household_id>, or a concern_id of the concerns file)",
            "b/updates.csv:3:3: error: unknown status \"完成\"; a status is one of 受理, 办理中, 已办结, 退回, 重新打开 (or accepted, in_progress, closed, returned, reopened)",
            "b/updates.csv:4:2: error: \"2024-10-9\" is not a date in the form YYYY-MM-DD",
            "b/updates.csv:5:5: error: \"不好说\" in column \"satisfied\" is not an answer; write 是/否, yes/no, true/false, 1/0, 满意/基本满意/不满意, or leave it empty",
            "b/updates.csv:6:2: error: the update is dated 2024-10-07, before the concern itself (2024-10-08)",
        ]
    );
}

#[test]
fn a_bad_routing_table_is_reported_at_its_line() {
    let b = Bundle::new().assessment("routing = \"routing.toml\"").put(
        "routing.toml",
        "[[route]]\ncategory = \"环境卫生\"\noffice = \"城建环卫站\"\nworking_days = 2\n",
    );
    assert_eq!(
        b.errors(),
        vec![
            "b/routing.toml:3:10: error: route \"环境卫生\" to 城建环卫站 needs responsible = \"...\" (a person or a role)"
        ]
    );
    let b = Bundle::new().assessment("routing = \"nowhere.toml\"");
    assert_eq!(
        b.errors(),
        vec!["b/assessment.toml:5:11: error: cannot read the routing table b/nowhere.toml"]
    );
}

#[test]
fn the_sample_bundle_has_a_ledger() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample");
    let ledger = Ledger::load(&yardstick::FsFiles, &dir).unwrap().output;
    // 147 raised on calls and visits, 15 in concerns.csv (fixtures/sample/README.md).
    assert_eq!(ledger.len(), 162);
    let flagged: Vec<&str> = ledger
        .concerns()
        .filter(|c| !c.flags().is_empty())
        .map(|c| c.id())
        .collect();
    assert_eq!(flagged, vec!["ZX-2024-008"]);
    let escalated = ledger.concerns().filter(|c| c.office().is_none()).count();
    assert_eq!(escalated, 6);
    let r = ledger.report(ledger.latest_date().unwrap()).unwrap();
    assert_eq!(r.concerns().len(), ledger.len());
    assert!(r.work_orders().len() > 0);
    let departments: Vec<(String, usize)> = r
        .escalations()
        .map(|e| (e.department.to_string(), e.total))
        .collect();
    assert_eq!(
        departments,
        vec![
            ("住建局".to_string(), 3),
            ("卫健局".to_string(), 1),
            ("城管局".to_string(), 2)
        ]
    );
}

#[test]
fn the_roster_is_checked_as_for_scoring() {
    let b = Bundle::new().put(
        "roster.csv",
        "worker_id,name,unit\nW1,甲,东门社区\nW1,乙,西街社区\n",
    );
    assert_eq!(
        b.errors(),
        vec!["b/roster.csv:3:1: error: duplicate worker_id: \"W1\" is already on line 2"]
    );
}

// ---------------------------------------------------------------------------------------------
// One reader of assessment.toml for every verb.
// ---------------------------------------------------------------------------------------------

fn bundle_errors(b: &Bundle) -> Vec<String> {
    match yardstick::Bundle::load_with(&b.files(), Path::new("b")) {
        Ok(_) => panic!("the bundle loads; errors expected"),
        Err(e) => e
            .errors()
            .map(|d| d.render(yardstick::i18n::Lang::En))
            .collect(),
    }
}

#[test]
fn concerns_refuses_what_score_refuses_in_assessment_toml() {
    // An unknown key in [assessment]: the same error from both verbs, at the same place.
    let b = full().assessment("colour = \"红\"");
    let expected = vec![
        "b/assessment.toml:5:1: error: unknown field `colour`, expected one of `name`, `year`, `rubric`, `routing`".to_string(),
    ];
    assert_eq!(bundle_errors(&b), expected);
    assert_eq!(b.errors(), expected);
    // A component the rubric lacks.
    let b = full().input("phonecalls = \"phone.csv\"");
    let expected = vec![
        "b/assessment.toml:14:1: error: component \"phonecalls\" is not in the rubric community-worker (its components are report, ballot, interview, test, phone, visit)".to_string(),
    ];
    assert_eq!(bundle_errors(&b), expected);
    assert_eq!(b.errors(), expected);
    // No year: score always required it; concerns does now.
    let mut b = full();
    b.toml = "[assessment]\nname = \"测试\"\nrubric = \"rubric.toml\"\n".to_string();
    let expected = vec!["b/assessment.toml:1:1: error: missing field `year`".to_string()];
    assert_eq!(bundle_errors(&b), expected);
    assert_eq!(b.errors(), expected);
}

#[test]
fn every_verb_lists_every_file_the_bundle_reads() {
    // Every category of the full bundle goes to the triage desk of this table.
    let b = full_with("adjustments = \"adjustments.csv\"")
        .assessment("routing = \"tables/routing.toml\"")
        .put("tables/cal/cn-2027.toml", CAL_2027)
        .put("adjustments.csv", "worker_id,item\n")
        .put(
        "tables/routing.toml",
        &format!(
            "{SMALL_TABLE}\n[default]\noffice = \"综合办\"\nresponsible = \"值班员\"\nworking_days = 1\n"
        ),
    );
    let mut expected: Vec<std::path::PathBuf> = [
        "b/assessment.toml",
        "b/rubric.toml",
        "b/tables/routing.toml",
        "b/tables/cal/cn-2027.toml",
        "b/roster.csv",
        "b/phone.csv",
        "b/visits.csv",
        "b/adjustments.csv",
        "b/concerns.csv",
        "b/updates.csv",
    ]
    .iter()
    .map(Into::into)
    .collect();
    expected.sort();
    let listed = |mut v: Vec<std::path::PathBuf>| {
        v.sort();
        v
    };
    let bundle = yardstick::Bundle::load_with(&b.files(), Path::new("b"))
        .unwrap()
        .output;
    assert_eq!(listed(bundle.inputs().to_vec()), expected);
    assert_eq!(listed(b.load().inputs), expected);
}

#[test]
fn score_is_not_stopped_by_a_broken_routing_table_but_lists_its_files() {
    // A routing table with a bad route (no office) that still names a calendar: `concerns`
    // fails, `score` does not, and both know the table and the calendar.
    let table = "[routing]\ncalendars = [\"cn-2027.toml\"]\n\n[[route]]\ncategory = \"养老\"\nworking_days = 1\n";
    let b = full()
        .assessment("routing = \"routing.toml\"")
        .put("routing.toml", table);
    assert_eq!(
        b.errors(),
        vec![
            "b/routing.toml:5:12: error: route \"养老\" needs office = \"...\" (handled here) or escalate_to = \"...\" (reported up)"
        ]
    );
    let bundle = yardstick::Bundle::load_with(&b.files(), Path::new("b"))
        .unwrap()
        .output;
    for f in ["b/routing.toml", "b/cn-2027.toml"] {
        assert!(bundle.inputs().contains(&f.into()), "{f}");
    }
    // A table that is not TOML, or that is missing: scoring goes on.
    let b = full()
        .assessment("routing = \"routing.toml\"")
        .put("routing.toml", "[[route]\n");
    assert!(yardstick::Bundle::load_with(&b.files(), Path::new("b")).is_ok());
    let b = full().assessment("routing = \"nowhere.toml\"");
    let bundle = yardstick::Bundle::load_with(&b.files(), Path::new("b"))
        .unwrap()
        .output;
    assert!(bundle.inputs().contains(&"b/nowhere.toml".into()));
}

// ---------------------------------------------------------------------------------------------
// The JSON document is serde's, whichever way it is written.
// ---------------------------------------------------------------------------------------------

fn assert_json_is_serdes(ledger: &Ledger, as_of: &str) {
    let r = ledger.report(d(as_of)).unwrap();
    let expected = serde_json::to_string_pretty(&r).unwrap() + "\n";
    for threads in [1, 2, 3, 8] {
        let mut out = Vec::new();
        r.write_json_with_threads(&mut out, threads).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            expected,
            "{threads} threads"
        );
    }
}

#[test]
fn written_json_is_serdes_pretty_json_on_any_thread_count() {
    assert_json_is_serdes(&full().load(), "2024-10-10");
    assert_json_is_serdes(&full().load(), "2024-09-01");
    // No concern, no work order, no escalation: every list is `[]`.
    assert_json_is_serdes(&Bundle::new().load(), "2024-10-10");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample");
    let sample = Ledger::load(&yardstick::FsFiles, &dir).unwrap().output;
    assert_json_is_serdes(&sample, "2025-01-10");
}

// ---------------------------------------------------------------------------------------------
// --as-of outside the calendar.
// ---------------------------------------------------------------------------------------------

#[test]
fn an_as_of_day_in_a_year_without_a_notice_is_an_error() {
    let ledger = full().load();
    for day in ["2027-03-01", "9999-12-31", "2023-12-31"] {
        let e = ledger.report(d(day)).unwrap_err();
        assert_eq!(e.date, d(day));
        assert_eq!(e.covered, vec![2024, 2025, 2026]);
    }
    assert_eq!(
        ledger.report(d("2027-03-01")).unwrap_err().to_string(),
        "2027-03-01 is in 2027, a year the working-day calendar has no data for (it covers 2024, 2025, 2026); add that year's 国务院办公厅 holiday notice as a calendar file"
    );
    // The first and last days of the calendar are fine.
    assert!(ledger.report(d("2024-01-01")).is_ok());
    assert!(ledger.report(d("2026-12-31")).is_ok());
    // A year the routing table adds is known.
    let b = Bundle::new()
        .assessment("routing = \"tables/routing.toml\"")
        .put("tables/routing.toml", SMALL_TABLE)
        .put("tables/cal/cn-2027.toml", CAL_2027);
    let ledger = b.load();
    assert!(ledger.report(d("2027-03-01")).is_ok());
    assert_eq!(
        ledger.report(d("2028-01-03")).unwrap_err().covered,
        vec![2024, 2025, 2026, 2027]
    );
}

// ---------------------------------------------------------------------------------------------
// Privacy: every spelling of a phone number, in every field that reaches an output.
// ---------------------------------------------------------------------------------------------

/// (as written, as shown): the spellings issue #10 class 17 found unmasked, and more.
const SPELLINGS: &[(&str, &str)] = &[
    ("138.1234.5678", "138.****.5678"),
    ("138  1234  5678", "138  ****  5678"),
    ("138\u{a0}1234\u{a0}5678", "138\u{a0}****\u{a0}5678"),
    ("138\u{3000}1234\u{3000}5678", "138\u{3000}****\u{3000}5678"),
    ("138–1234–5678", "138–****–5678"),
    ("138—1234—5678", "138—****—5678"),
    ("138/1234/5678", "138/****/5678"),
    ("138_1234_5678", "138_****_5678"),
    ("138·1234·5678", "138·****·5678"),
    ("138 - 1234 - 5678", "138 - **** - 5678"),
    ("1381234 5678", "138**** 5678"),
    ("+86 138.1234.5678", "+86 138.****.5678"),
    ("（0571）87654321", "（0571）****4321"),
    ("(0571)8765-4321", "(0571)****-4321"),
    ("0571-8765-4321", "0571-****-4321"),
    ("021-6123 4567", "021-**** 4567"),
    ("010 6123 4567", "010 **** 4567"),
    ("0571—87654321", "0571—****4321"),
    ("０５７１－８７６５４３２１", "０５７１－****４３２１"),
];

/// Numbers that are not phone numbers, left as they are.
const ORDINARY: &[&str] = &[
    "2024-03-15",
    "2024.03.15",
    "2024/03/15 13:45",
    "¥1500",
    "1500元",
    "3-2-501",
    "3号楼2单元501室",
    "身份证110101199003071234",
    "订单1381234567890",
    "工单号 20240315-0001",
    "13 14 15 16 17 18",
    "138-1234-567",
    "0.5元/斤，共138.5元",
];

#[test]
fn every_spelling_of_a_phone_number_is_masked() {
    for (written, shown) in SPELLINGS {
        assert_eq!(mask_phone_numbers(written), *shown, "{written}");
        // Inside a sentence, too.
        let text = format!("请回电{written}，谢谢");
        assert_eq!(mask_phone_numbers(&text), format!("请回电{shown}，谢谢"));
    }
    for text in ORDINARY {
        assert_eq!(mask_phone_numbers(text), *text);
    }
}

mod masking_props {
    use proptest::prelude::*;
    use yardstick::concerns::mask_phone_numbers;

    /// Separators between groups of digits: one to three of them.
    fn sep() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                " ", "\u{a0}", "\u{3000}", "-", "－", "–", "—", ".", "．", "/", "_", "·", "・",
            ]),
            1..=3,
        )
        .prop_map(|v| v.concat())
    }

    /// Text around a number: no digit, no separator at the edge.
    fn words() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "电话",
            "请回电：",
            "联系人王女士，",
            "tel:",
            "（",
            "[",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn mobiles_in_groups_keep_only_their_ends(
            second in 3u8..=9,
            rest in "[0-9]{9}",
            cut in prop::sample::select(vec![vec![3, 4, 4], vec![3, 8], vec![7, 4], vec![11], vec![3, 3, 5]]),
            seps in prop::collection::vec(sep(), 2),
            before in words(),
            after in words(),
        ) {
            let digits = format!("1{second}{rest}");
            let mut written = String::new();
            let mut at = 0;
            for (k, n) in cut.iter().enumerate() {
                if k > 0 {
                    written.push_str(&seps[k - 1]);
                }
                written.push_str(&digits[at..at + n]);
                at += n;
            }
            let text = format!("{before}{written}{after}");
            let out = mask_phone_numbers(&text);
            let kept: String = out.chars().filter(char::is_ascii_digit).collect();
            prop_assert_eq!(kept, format!("{}{}", &digits[..3], &digits[7..]), "{}", out);
            prop_assert_eq!(out.matches('*').count(), 4);
        }

        #[test]
        fn landlines_keep_their_area_code_and_last_four(
            area in prop::sample::select(vec!["010", "021", "0571", "0755", "0931"]),
            local in "[2-9][0-9]{7}",
            seven in any::<bool>(),
            paren in any::<bool>(),
            sep in sep(),
            before in words(),
        ) {
            let local = if seven && area.len() == 4 { &local[..7] } else { &local[..] };
            let written = if paren {
                format!("({area}){local}")
            } else {
                format!("{area}{sep}{local}")
            };
            let text = format!("{before}{written}");
            let out = mask_phone_numbers(&text);
            let kept: String = out.chars().filter(char::is_ascii_digit).collect();
            prop_assert_eq!(kept, format!("{area}{}", &local[local.len() - 4..]), "{}", out);
        }

        #[test]
        fn dates_amounts_and_rooms_are_not_masked(
            y in 1990u32..2100, m in 1u32..=12, d in 1u32..=28,
            amount in 0u64..10_000_000,
            room in (1u32..40, 1u32..9, 101u32..3300),
            sep in prop::sample::select(vec!["-", ".", "/"]),
        ) {
            for text in [
                format!("{y}{sep}{m:02}{sep}{d:02}"),
                format!("{y}年{m}月{d}日"),
                format!("¥{amount}"),
                format!("{amount}.50元"),
                format!("{}-{}-{}", room.0, room.1, room.2),
                format!("{}栋{}单元{}室", room.0, room.1, room.2),
            ] {
                prop_assert_eq!(mask_phone_numbers(&text), text.as_str());
            }
        }
    }
}

/// A bundle whose ids, categories, unit and texts hold phone numbers.
fn phones_everywhere() -> Bundle {
    Bundle::new()
        .put(
            "roster.csv",
            "worker_id,name,unit\nW1,甲,东门社区 0571-87654321\nW13812340000,乙,西街社区\n",
        )
        .input("concerns = \"concerns.csv\"")
        .input("concern_updates = \"updates.csv\"")
        .input("[inputs.components]\nphone = \"phone.csv\"\nvisit = \"visits.csv\"")
        .put(
            "phone.csv",
            "worker_id,call_id,outcome,date,concern,category\n\
             W1,13812345678,满意,2024-10-08,路灯坏了,基础设施\n\
             W1,13899995678,满意,2024-10-08,楼道灯坏了,基础设施\n\
             W13812340000,C1,满意,2024-10-08,噪音,噪音 139-1234-5678\n",
        )
        .put(
            "visits.csv",
            "worker_id,household_id,visited,date,concern,category\n\
             W1,H13712345678,是,2024-10-09,电梯坏了,基础设施\n",
        )
        .put(
            "concerns.csv",
            "concern_id,date,category,text,worker_id,household_id\n\
             来电15912345678,2024-10-09,养老,回电 159.1234.5678,,房15912345678\n",
        )
        .put(
            "updates.csv",
            "concern_id,date,status,note,satisfied\n\
             phone:W1:13812345678,2024-10-09,已办结,已回访 138 1234 5678,是\n\
             来电15912345678,2024-10-10,办理中,转（0571）87654321,\n",
        )
}

#[test]
fn ids_categories_units_and_texts_are_masked_and_joins_still_hold() {
    let mut b = phones_everywhere();
    // Unknown categories go to the triage desk with their name as given.
    b = b.assessment("routing = \"routing.toml\"").put(
        "routing.toml",
        &format!(
            "{}\n[[route]]\ncategory = \"养老服务\"\naliases = [\"养老\"]\noffice = \"民政服务站\"\nresponsible = \"站长\"\nworking_days = 3\n[[route]]\ncategory = \"基础设施\"\noffice = \"城建环卫站\"\nresponsible = \"站长\"\nworking_days = 5\n[default]\noffice = \"综合办\"\nresponsible = \"值班员\"\nworking_days = 1\n",
            "[routing]"
        ),
    );
    let ledger = b.load();
    // Two calls whose ids mask alike are two concerns, and the update found its own.
    let a = ledger.get("phone:W1:13812345678").unwrap();
    let z = ledger.get("phone:W1:13899995678").unwrap();
    assert_eq!(a.updates().len(), 1);
    assert_eq!(z.updates().len(), 0);
    assert_eq!(ledger.get("来电15912345678").unwrap().updates().len(), 1);
    let r = ledger.report(d("2024-10-10")).unwrap();
    let rows: Vec<(String, String)> = r
        .concerns()
        .map(|c| (c.id.to_string(), c.status_zh.to_string()))
        .collect();
    assert_eq!(
        rows,
        vec![
            // By id as given: "W138…" before "W1:" ('3' < ':').
            ("phone:W138****0000:C1".to_string(), "受理".to_string()),
            ("phone:W1:138****5678".to_string(), "已办结".to_string()),
            ("phone:W1:138****5678".to_string(), "受理".to_string()),
            ("visit:W1:H137****5678".to_string(), "受理".to_string()),
            ("来电159****5678".to_string(), "办理中".to_string()),
        ]
    );
    let c = r.concern("来电15912345678").unwrap();
    assert_eq!(c.household_id.as_deref(), Some("房159****5678"));
    assert_eq!(c.text, "回电 159.****.5678");
    assert_eq!(c.note.as_deref(), Some("转（0571）****4321"));
    let c = r.concern("phone:W13812340000:C1").unwrap();
    assert_eq!(c.worker_id.as_deref(), Some("W138****0000"));
    assert_eq!(c.category, "噪音 139-****-5678");
    assert_eq!(c.category_given, "噪音 139-****-5678");
    let c = r.concern("phone:W1:13812345678").unwrap();
    assert_eq!(c.unit.as_deref(), Some("东门社区 0571-****4321"));
    assert_eq!(
        r.concern("visit:W1:H13712345678")
            .unwrap()
            .household_id
            .as_deref(),
        Some("H137****5678")
    );
    // Groups stay apart by the ids as given; their keys are masked.
    let workers: Vec<String> = r
        .summary()
        .by_worker
        .iter()
        .map(|g| g.key.to_string())
        .collect();
    assert_eq!(workers, vec!["", "W1", "W138****0000"]);
    // No output holds a number: not JSON, not CSV, not the table.
    let mut json = Vec::new();
    r.write_json(&mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    for out in [json, r.concerns_csv(), r.to_text()] {
        for raw in [
            "12345678",
            "99995678",
            "12340000",
            "87654321",
            "1234 5678",
            "1234.5678",
        ] {
            assert!(!out.contains(raw), "{raw} in\n{out}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output safety: spreadsheet formulas and terminal escapes.
// ---------------------------------------------------------------------------------------------

/// A bundle whose every text can start a formula or carry a terminal escape: roster units, the
/// routing table's offices, people and categories, concern ids and texts.
fn hostile() -> Bundle {
    Bundle::new()
        .assessment("routing = \"routing.toml\"")
        .put(
            "routing.toml",
            "[[route]]\ncategory = \"@SUM(A1)\"\noffice = \"=HYPERLINK(\\\"http://x\\\")\"\nresponsible = \"+1+1\"\nworking_days = 1\n\n[[route]]\ncategory = \"\\u001b[31m红\\u001b[0m\"\nescalate_to = \"-2+3\"\nresponsible = \"\\t=1\"\nworking_days = 1\n",
        )
        .put(
            "roster.csv",
            "worker_id,name,unit\n=W1,甲,@社区\n",
        )
        .input("concerns = \"concerns.csv\"")
        .input("[inputs.components]\nphone = \"phone.csv\"")
        .put(
            "phone.csv",
            "worker_id,call_id,outcome,date,concern,category\n=W1,+C1,满意,2024-10-08,=cmd|' /C calc'!A0,@SUM(A1)\n",
        )
        .put(
            "concerns.csv",
            "concern_id,date,category,text,household_id\n-X1,2024-10-09,\"\u{1b}[31m红\u{1b}[0m\",\"清屏\u{1b}[2J\rOK\u{9b}1m\u{202e}\",@H1\n",
        )
}

#[test]
fn every_text_cell_of_the_concerns_csv_is_escaped() {
    let ledger = hostile().load();
    let r = ledger.report(d("2024-10-10")).unwrap();
    let csv = r.concerns_csv();
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let cell = |row: usize, name: &str| {
        let k = header.iter().position(|h| h == name).unwrap();
        rows[row][k].to_string()
    };
    // The call: id, category (routing table), office, responsible (routing table), worker and
    // unit (roster), text.
    assert_eq!(cell(0, "id"), "phone:=W1:+C1");
    assert_eq!(cell(0, "category"), "'@SUM(A1)");
    assert_eq!(cell(0, "office"), "'=HYPERLINK(\"http://x\")");
    assert_eq!(cell(0, "responsible"), "'+1+1");
    assert_eq!(cell(0, "worker_id"), "'=W1");
    assert_eq!(cell(0, "unit"), "'@社区");
    assert_eq!(cell(0, "text"), "'=cmd|' /C calc'!A0");
    // The concerns.csv row: id, department (routing table), household.
    assert_eq!(cell(1, "id"), "'-X1");
    assert_eq!(cell(1, "escalate_to"), "'-2+3");
    // The table trims the responsible person's spaces and tabs.
    assert_eq!(cell(1, "responsible"), "'=1");
    assert_eq!(cell(1, "household_id"), "'@H1");
    // No text cell of any row starts a formula (a number such as -1 working days left is a
    // number to a spreadsheet too).
    for row in &rows {
        for (value, name) in row.iter().zip(&header) {
            if name == "working_days_left" {
                assert!(
                    value.is_empty() || value.parse::<i64>().is_ok(),
                    "{value:?}"
                );
                continue;
            }
            assert!(
                !value.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{name}: {value:?}"
            );
        }
    }
}

#[test]
fn the_table_shows_control_characters_instead_of_sending_them() {
    let ledger = hostile().load();
    let text = ledger.report(d("2024-10-10")).unwrap().to_text();
    for c in ['\u{1b}', '\r', '\u{9b}', '\u{202e}', '\t'] {
        assert!(!text.contains(c), "{c:?} in\n{text}");
    }
    // The escalation line of the concerns.csv row, escaped: category, text, department.
    assert!(text.contains("-2+3: 1 item, 1 open, 0 overdue"), "{text}");
    assert!(
        text.contains(
            "  1. 清屏\\u{1b}[2J\\rOK\\u{9b}1m\\u{202e} [\\u{1b}[31m红\\u{1b}[0m] -X1 raised 2024-10-09"
        ),
        "{text}"
    );
    // The JSON keeps the text as it is (its readers do not run it).
    let json = ledger.report(d("2024-10-10")).unwrap().to_json();
    assert_eq!(
        json["concerns"][1]["text"],
        "清屏\u{1b}[2J\rOK\u{9b}1m\u{202e}"
    );
}
