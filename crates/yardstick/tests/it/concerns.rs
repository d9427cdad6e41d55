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
            Err(e) => e.errors().map(|d| d.to_string()).collect(),
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
    Bundle::new()
        .input("concerns = \"concerns.csv\"")
        .input("concern_updates = \"updates.csv\"")
        .input("[inputs.components]\nphone = \"phone.csv\"\nvisit = \"visits.csv\"")
        .put("phone.csv", PHONE)
        .put("visits.csv", VISITS)
        .put("concerns.csv", CONCERNS)
        .put("updates.csv", UPDATES)
}

fn row<'a>(r: &'a Report, id: &str) -> &'a yardstick::concerns::ConcernRow {
    r.concerns
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no concern {id}"))
}

#[test]
fn concerns_are_read_routed_and_given_deadlines() {
    let ledger = full().load();
    let ids: Vec<&str> = ledger.concerns.iter().map(|c| c.id.as_str()).collect();
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
    assert_eq!(c.category, "养老服务");
    assert_eq!(c.category_given, "养老");
    assert_eq!(c.office.as_deref(), Some("民政服务站"));
    assert_eq!(c.escalate_to, None);
    assert_eq!(c.responsible.as_deref(), Some("民政服务站站长"));
    assert_eq!(c.deadline, d("2024-10-08"));
    assert_eq!(c.unit.as_deref(), Some("东门社区"));
    assert_eq!(c.text, "老人需要助餐，电话138****5678");
    // 基础设施 → 城建环卫站, 5: Mon 9-30 → 10-08, 10-09, 10-10, 10-11, Sat 10-12 (worked).
    assert_eq!(ledger.get("phone:W2:C3").unwrap().deadline, d("2024-10-12"));
    // 安全隐患 → 应急管理办, 0: the same day.
    let c = ledger.get("phone:W2:C4").unwrap();
    assert_eq!(
        (c.office.as_deref(), c.deadline),
        (Some("应急管理办"), d("2024-10-08"))
    );
    // 市政设施 is reported up to 住建局 within 5 working days: Wed 10-09 → Sat 10-12 is worked,
    // so 10-10, 10-11, 10-12, 10-14, 10-15.
    let c = ledger.get("phone:W1:C5").unwrap();
    assert_eq!(
        (c.office.as_deref(), c.escalate_to.as_deref()),
        (None, Some("住建局"))
    );
    assert_eq!(c.deadline, d("2024-10-15"));
    // 物业纠纷 → 社区居委会, 13: Sun 9-29 (itself worked) → 9-30 (1), 10-08..10-12 (2..6),
    // 10-14..10-18 (7..11), 10-21 (12), 10-22 (13).
    let c = ledger.get("visit:W2:H-1-101").unwrap();
    assert_eq!(
        (c.deadline, c.household_id.as_deref()),
        (d("2024-10-22"), Some("H-1-101"))
    );
    // concerns.csv: no worker, an escalation, and a masked landline.
    let c = ledger.get("X1").unwrap();
    assert_eq!((c.worker_id.clone(), c.unit.clone()), (None, None));
    assert_eq!(c.escalate_to.as_deref(), Some("城管局"));
    assert_eq!(c.text, "楼顶私搭乱建，联系人 0571-****4321");
}

#[test]
fn an_unknown_category_goes_to_the_triage_desk_flagged() {
    let ledger = full().load();
    let c = ledger.get("phone:W2:C6").unwrap();
    assert_eq!(c.category, "噪音扰民");
    assert_eq!(c.office.as_deref(), Some("综合办"));
    assert_eq!(c.flags, vec!["unknown_category"]);
    // 1 working day: Wed 10-09 → Thu 10-10.
    assert_eq!(c.deadline, d("2024-10-10"));
    assert!(ledger.get("phone:W1:C1").unwrap().flags.is_empty());
}

#[test]
fn statuses_reopening_and_overdue_as_of_a_day() {
    let ledger = full().load();
    // On 10-08 the 助餐 concern is closed on its deadline.
    let r = ledger.report(d("2024-10-08"));
    let c = row(&r, "phone:W1:C1");
    assert_eq!(
        (c.status, c.overdue, c.closed_on_time),
        (ConcernStatus::Closed, false, true)
    );
    // The callback on 10-10 says not satisfied: reopened, and now past its deadline.
    let r = ledger.report(d("2024-10-10"));
    let c = row(&r, "phone:W1:C1");
    assert_eq!(
        (c.status, c.overdue, c.reopened),
        (ConcernStatus::Reopened, true, 1)
    );
    assert_eq!(c.satisfied, Some(false));
    assert_eq!(c.working_days_left, Some(-2));
    assert_eq!(c.note.as_deref(), Some("回访：老人说没有送到"));
    // 安全隐患 raised 10-08 with no update: overdue from 10-09 (same-day deadline).
    assert!(!row(&ledger.report(d("2024-10-08")), "phone:W2:C4").overdue);
    assert!(row(&r, "phone:W2:C4").overdue);
    // 基础设施 closed 10-08, satisfied: closed on time, never overdue.
    let c = row(&r, "phone:W2:C3");
    assert_eq!(
        (c.status, c.overdue, c.closed_on_time),
        (ConcernStatus::Closed, false, true)
    );
    // Before any update: accepted, with the working days left counted to the deadline.
    let r = ledger.report(d("2024-09-27"));
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
    let r = ledger.report(d("2024-10-10"));
    let offices: Vec<(&str, usize, usize, usize)> = r
        .work_orders
        .iter()
        .map(|w| (w.office.as_str(), w.total, w.open, w.overdue))
        .collect();
    assert_eq!(
        offices,
        vec![
            ("城建环卫站", 1, 0, 0),
            ("应急管理办", 1, 1, 1),
            ("民政服务站", 1, 1, 1),
            ("社区居委会", 1, 1, 0),
            ("综合办", 1, 1, 0),
        ]
    );
    let o = r
        .work_orders
        .iter()
        .find(|w| w.office == "民政服务站")
        .unwrap();
    assert_eq!(o.items[0].id, "phone:W1:C1");
    assert_eq!(o.items[0].responsible.as_deref(), Some("民政服务站站长"));
    let esc: Vec<(&str, Vec<(usize, &str)>)> = r
        .escalations
        .iter()
        .map(|e| {
            (
                e.department.as_str(),
                e.items.iter().map(|i| (i.no, i.id.as_str())).collect(),
            )
        })
        .collect();
    assert_eq!(
        esc,
        vec![
            ("住建局", vec![(1, "phone:W1:C5")]),
            ("城管局", vec![(1, "X1")])
        ]
    );

    let s = &r.summary;
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
        rates(g),
        [
            Some("100.00".into()),
            Some("0.00".into()),
            Some("0.00".into()),
            Some("30.00".into())
        ]
    );
    // 城建环卫站: responded, closed, satisfied: 100 each.
    let g = s.by_office.iter().find(|g| g.key == "城建环卫站").unwrap();
    assert_eq!(rates(g)[3].as_deref(), Some("100.00"));
    // 社区居委会: responded, not closed, no callback: (30 × 100 + 35 × 0) / 65 = 46.15.
    let g = s.by_office.iter().find(|g| g.key == "社区居委会").unwrap();
    assert_eq!(
        rates(g),
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
    let units: Vec<(&str, u64)> = s
        .by_unit
        .iter()
        .map(|g| (g.key.as_str(), g.concerns))
        .collect();
    assert_eq!(units, vec![("", 1), ("东门社区", 2), ("西街社区", 4)]);
    let cats: Vec<&str> = s.by_category.iter().map(|g| g.key.as_str()).collect();
    assert!(cats.contains(&"养老服务") && cats.contains(&"噪音扰民"));
    assert_eq!(
        s.by_worker
            .iter()
            .map(|g| g.key.as_str())
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
    let r = ledger.report(d("2024-10-10"));
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
    assert!(csv.starts_with("id,date,category,office,escalate_to,deadline,status,overdue,"));
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
    assert_eq!(ledger.concerns[0].deadline, d("2027-01-05"));
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
    assert_eq!(ledger.concerns.len(), 162);
    let flagged: Vec<&str> = ledger
        .concerns
        .iter()
        .filter(|c| !c.flags.is_empty())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(flagged, vec!["ZX-2024-008"]);
    let escalated = ledger
        .concerns
        .iter()
        .filter(|c| c.office.is_none())
        .count();
    assert_eq!(escalated, 6);
    let r = ledger.report(ledger.latest_date().unwrap());
    assert_eq!(r.concerns.len(), ledger.concerns.len());
    assert!(!r.work_orders.is_empty());
    let departments: Vec<(&str, usize)> = r
        .escalations
        .iter()
        .map(|e| (e.department.as_str(), e.total))
        .collect();
    assert_eq!(
        departments,
        vec![("住建局", 3), ("卫健局", 1), ("城管局", 2)]
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
