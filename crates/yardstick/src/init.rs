//! A ready-to-fill bundle: `assessment.toml`, a copy of the rubric and one template per input,
//! so that a new evaluator starts without reading the documentation.
//!
//! Templates are workbooks (with the `xlsx` feature) or CSV files. A workbook has the header
//! row on its first sheet, drop-down lists for every column whose values the rubric fixes
//! (ballot choices, interview ratings and dimensions, phone outcomes, visit satisfaction,
//! adjustment items, 是/否), text format for identifiers (so that `007` stays `007`), a date
//! format for dates, and a 说明 sheet explaining each column in Chinese. A CSV template is the
//! header row in UTF-8 with a byte-order mark (so that Excel opens it correctly), and the
//! explanations go to `说明.txt`.
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("yardstick-init-doc-{}", std::process::id()));
//! let options = yardstick::init::InitOptions {
//!     format: yardstick::init::TemplateFormat::Csv,
//!     ..yardstick::init::InitOptions::new(2024)
//! };
//! let written = yardstick::init::init(&dir, &options).unwrap();
//! assert!(written.iter().any(|p| p.ends_with("roster.csv")));
//! // An empty bundle is valid: 0 workers, with a warning that the roster is still empty.
//! let bundle = yardstick::Bundle::load(&dir).unwrap();
//! assert_eq!(bundle.output.workers().len(), 0);
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

#[cfg(feature = "xlsx")]
mod xlsx;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::bundle::{ADJUSTMENT_COLUMNS, ROSTER_COLUMNS};
use crate::concerns::RoutingTable;
use crate::concerns::{CONCERN_COLUMNS, UPDATE_COLUMNS};
use crate::input::table::Columns;
use crate::method::{ballot, interview, panel, phone, scorecard, test, visit};
use crate::rubric::{Method, Rubric};

/// The standard rubric `rubrics/community-worker.toml` (社区工作者年度考核), as shipped.
pub const STANDARD_RUBRIC: &str = include_str!("../../../rubrics/community-worker.toml");

/// The kind of template files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TemplateFormat {
    /// `.xlsx` workbooks with drop-down lists and a 说明 sheet (needs the `xlsx` feature).
    #[default]
    Workbook,
    /// CSV files (UTF-8 with a byte-order mark) and `说明.txt`.
    Csv,
}

/// What [`init`] makes.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The rubric to copy into the bundle; `None` for the standard rubric.
    pub rubric: Option<PathBuf>,
    /// Workbooks or CSV.
    pub format: TemplateFormat,
    /// The assessment's name; by default the rubric's name with the year.
    pub name: Option<String>,
    /// The year assessed.
    pub year: i32,
    /// 民主测评 as a vote-count sheet (测评汇总表: one row per worker with the number of ballots
    /// for each choice) rather than one row per ballot sheet.
    pub ballot_counts: bool,
}

impl InitOptions {
    /// Workbook templates for the standard rubric, for `year`.
    pub fn new(year: i32) -> InitOptions {
        InitOptions {
            rubric: None,
            format: TemplateFormat::Workbook,
            name: None,
            year,
            ballot_counts: false,
        }
    }
}

/// Why [`init`] made nothing. (It never stops part way: a failure leaves nothing behind.)
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder exists and is not empty.
    #[error("{0}: the folder is not empty; init only writes into a new or empty folder")]
    NotEmpty(PathBuf),
    /// The path is a file, a symbolic link or another thing that is not a folder. (A link is
    /// not followed, as an output file's is not: see [`crate::output`].)
    #[error(
        "{}: is a {kind}, not a folder; init makes a bundle in a new folder (give a path that does not exist yet) or in an empty one",
        path.display()
    )]
    NotAFolder {
        /// The path given.
        path: PathBuf,
        /// What it is: "file", "symbolic link" ….
        kind: &'static str,
    },
    /// The rubric is wrong.
    #[error("the rubric is not valid: {}", .0.text(crate::i18n::Lang::En))]
    Rubric(#[from] crate::Error),
    /// A file could not be read or written.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// Workbooks were asked for, but this build has no `xlsx` feature.
    #[error(
        "this build of yardstick cannot write workbooks (it was built without the \"xlsx\" feature); ask for CSV templates"
    )]
    NoWorkbooks,
    /// A workbook could not be made.
    #[error("cannot make the workbook {0}: {1}")]
    Workbook(String, String),
}

impl InitError {
    /// Why nothing was made, in words, in `lang` (`Display` gives the English).
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::tr;
        let p = |p: &Path| p.display().to_string();
        match self {
            InitError::NotEmpty(path) => tr!(lang, "error-init-not-empty", path = p(path)),
            InitError::NotAFolder { path, kind } => {
                let kind = match *kind {
                    "symbolic link" => crate::msg!("what-symbolic-link"),
                    "file" => crate::msg!("what-file"),
                    "special file (a device, FIFO or socket)" => crate::msg!("what-special-any"),
                    "path without a folder name" => crate::msg!("what-no-folder-name"),
                    other => crate::msg!("what-value", value = other),
                };
                tr!(
                    lang,
                    "error-init-not-a-folder",
                    path = p(path),
                    kind = kind.text(lang)
                )
            }
            InitError::Rubric(e) => tr!(lang, "error-init-rubric", why = e.text(lang)),
            InitError::Io(path, e) => tr!(
                lang,
                "error-init-io",
                path = p(path),
                why = crate::input::io_reason(e).text(lang)
            ),
            InitError::NoWorkbooks => tr!(lang, "error-init-no-workbooks"),
            InitError::Workbook(file, why) => {
                tr!(lang, "error-init-workbook", file = file, why = why)
            }
        }
    }
}

/// One input of the bundle and its template.
pub(crate) struct Template {
    /// The key in assessment.toml (`roster`, a component id …).
    pub(crate) key: String,
    /// The file stem.
    pub(crate) stem: String,
    /// The sheet's name, in Chinese.
    pub(crate) title: String,
    /// What one row is, in Chinese.
    pub(crate) row_is: String,
    /// Per column: its meaning, the values allowed (a list, whether other values are allowed
    /// too), and its kind.
    pub(crate) info: Vec<ColumnInfo>,
}

/// What a template says about one column.
pub(crate) struct ColumnInfo {
    /// The column's name as the reader knows it (`worker_id`).
    pub(crate) name: String,
    /// What the template's header row says: the Chinese header (`工号`) when the column has one.
    pub(crate) header: String,
    pub(crate) required: bool,
    pub(crate) meaning: String,
    /// Values to choose from; `strict` when no other value is accepted.
    pub(crate) choices: Vec<String>,
    pub(crate) strict: bool,
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    pub(crate) kind: Kind,
}

/// How a column's cells are formatted in a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Identifiers and free text: stored as text.
    Text,
    /// Numbers.
    Number,
    /// Dates.
    Date,
}

fn labels<'a>(it: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    it.into_iter().map(str::to_string).collect()
}

/// The meaning of a column in Chinese, and its kind.
fn meaning(file: &str, column: &str, rubric: &Rubric) -> (String, Kind) {
    use Kind::*;
    let s = |t: &str| t.to_string();
    match (file, column) {
        (_, "worker_id") => (
            s("工号：每名社区工作者唯一的编号，各表须与花名册一致"),
            Text,
        ),
        ("roster", "name") => (s("姓名"), Text),
        ("roster", "unit") => (s("单位（所在社区）；按单位分配名额时必填"), Text),
        ("roster", "role") => (s("职务，如 党组织书记、居委会委员、社区专职工作者"), Text),
        ("roster", "electorate") => (
            s("应参加民主测评的人数（整数）；填写后，实到票数须超过其半数，测评才有效"),
            Number,
        ),
        ("roster", "start") => (
            s("入职（任职）日期，如 2024-03-15；按月、季度等计分时，未满整个考核期的不计分"),
            Date,
        ),
        ("roster", "end") => (
            s("离职日期，如 2024-09-30；离职当期未满整个考核期的不计分"),
            Date,
        ),
        ("scorecard", "period") => (
            s("考核期：月度填 2024-03，季度填 2024-Q1，半年填 2024-H1，全年填 2024"),
            Text,
        ),
        ("scorecard", "item") => (s("扣分或加分事项：填代码或名称（见说明页的对照表）"), Text),
        ("scorecard", "count") => (s("次数（整数，可以为0）；不填为1"), Number),
        ("scorecard", "note") => (s("备注，如检查记录或台账的编号"), Text),
        (_, "rater_id") => (
            s("评委编号：每位评委一个编号，同一评委对同一人只评一次"),
            Text,
        ),
        ("panel", "score") => {
            let range = rubric
                .components
                .iter()
                .find_map(|c| match &c.method {
                    Method::Panel(p) => Some(format!("{}–{}", p.min_score, p.max_score)),
                    _ => None,
                })
                .unwrap_or_default();
            (format!("评委给出的个人汇报得分（{range}分）"), Number)
        }
        (_, "ballot_id") => (
            s("票号：每张测评票一个编号；同一张票对同一人只能有一行"),
            Text,
        ),
        (_, "choice") => (
            s("测评意见；空白视为未表态（计入实到票，不计入有效票）"),
            Text,
        ),
        (_, "group") => (s("投票人所属类别（评分细则按类别加权时必填）"), Text),
        (_, "interviewer_id") => (s("谈话人编号：每位谈话人一个编号"), Text),
        (_, "dimension") => (s("评价维度（德、能、勤、绩、廉等）"), Text),
        (_, "rating") => (s("谈话评价等次"), Text),
        ("test", "score") => (s("业务测试卷面得分"), Number),
        ("test", "max") => (s("试卷满分；不填则按评分细则的满分计"), Number),
        (_, "call_id") => (s("电话编号：每次抽查电话一个编号"), Text),
        (_, "outcome") => (
            s("通话结果：满意程度，或未接通、拒访、不清楚（这些不计入）"),
            Text,
        ),
        (_, "household_id") => (s("户号：被走访住户的编号，如 楼-单元-门牌"), Text),
        (_, "visited") => (
            s("住户是否确认社区工作者上门走访过：是 / 否；不清楚留空"),
            Text,
        ),
        (_, "satisfaction") => (s("住户对社区工作者的满意程度；未回答留空"), Text),
        (_, "date") => (s("日期，格式 2024-11-12"), Date),
        (_, "concern") => (
            s("群众反映的急难愁盼问题（没有则留空）；填写后进入诉求台账"),
            Text,
        ),
        (_, "category") => (
            s("问题类别，决定转办站室；不在列表中的类别转综合办分办"),
            Text,
        ),
        (_, "item") => (
            s("加扣分或否决事项：填名称（如 市级表彰）或代码（见说明页的对照表）"),
            Text,
        ),
        (_, "count") => (s("次数（整数）；不填为1"), Number),
        (_, "note") => (s("备注，如表彰文件或处分决定的文号"), Text),
        (_, "concern_id") => (s("诉求编号：每条诉求一个编号"), Text),
        ("concerns", "text") => (s("诉求内容；其中的手机号码在台账中会自动打码"), Text),
        (_, "status") => (s("办理状态"), Text),
        (_, "satisfied") => (
            s("办结回访群众是否满意：是 / 否；回答否则诉求重新打开"),
            Text,
        ),
        _ => (String::new(), Text),
    }
}

fn categories() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &RoutingTable::shipped().routes {
        if r.category != "*" && !out.contains(&r.category) {
            out.push(r.category.clone());
        }
    }
    out
}

fn choices(method: Option<&Method>, column: &str, rubric: &Rubric) -> (Vec<String>, bool) {
    let yes_no = || (labels(["是", "否"]), true);
    match (method, column) {
        (Some(Method::Scorecard(sc)), "item") => {
            (labels(sc.items.iter().map(|i| i.name.as_str())), false)
        }
        (Some(Method::Ballot(b)), "choice") => (
            labels(
                b.options
                    .iter()
                    .map(|o| o.label.as_str())
                    .chain(b.not_valid.iter().map(String::as_str)),
            ),
            true,
        ),
        (Some(Method::Ballot(b)), "group") => {
            (labels(b.groups.iter().map(|g| g.label.as_str())), true)
        }
        (Some(Method::Interview(i)), "dimension") => {
            (labels(i.dimensions.iter().map(|d| d.label.as_str())), true)
        }
        (Some(Method::Interview(i)), "rating") => {
            (labels(i.ratings.iter().map(|r| r.label.as_str())), true)
        }
        (Some(Method::Phone(p)), "outcome") => (
            labels(
                p.options
                    .iter()
                    .map(|o| o.label.as_str())
                    .chain(p.not_counted.iter().map(String::as_str)),
            ),
            true,
        ),
        (Some(Method::Visit(v)), "satisfaction") => {
            (labels(v.options.iter().map(|o| o.label.as_str())), true)
        }
        (Some(Method::Visit(_)), "visited") => yes_no(),
        (Some(Method::Phone(_) | Method::Visit(_)), "category") => (categories(), false),
        (None, "item") => (
            labels(rubric.adjustments.items.iter().map(|i| i.name.as_str())),
            true,
        ),
        (None, "category") => (categories(), false),
        (None, "status") => (
            labels(["受理", "办理中", "已办结", "退回", "重新打开"]),
            true,
        ),
        (None, "satisfied") => yes_no(),
        _ => (Vec::new(), false),
    }
}

fn template(
    key: &str,
    title: &str,
    row_is: &str,
    file_kind: &str,
    method: Option<&Method>,
    columns: Columns,
    rubric: &Rubric,
) -> Template {
    let info = columns
        .required
        .iter()
        .map(|c| (c, true))
        .chain(columns.optional.iter().map(|c| (c, false)))
        .map(|(name, required)| {
            let (meaning, kind) = meaning(file_kind, name, rubric);
            let (choices, strict) = choices(method, name, rubric);
            ColumnInfo {
                name: name.to_string(),
                header: crate::input::table::alias_of(name)
                    .unwrap_or(name)
                    .to_string(),
                required,
                meaning,
                choices,
                strict,
                kind,
            }
        })
        .collect();
    Template {
        key: key.to_string(),
        stem: key.to_string(),
        title: title.to_string(),
        row_is: row_is.to_string(),
        info,
    }
}

/// Every input of a bundle for `rubric`: roster, one file per component, adjustments,
/// concerns and their follow-ups.
pub(crate) fn templates(rubric: &Rubric, year: i32, ballot_counts: bool) -> Vec<Template> {
    let mut out = vec![template(
        "roster",
        "花名册",
        "一名社区工作者",
        "roster",
        None,
        ROSTER_COLUMNS,
        rubric,
    )];
    for c in &rubric.components {
        let (kind, columns, row_is) = match &c.method {
            Method::Panel(_) => ("panel", panel::COLUMNS, "一位评委对一人个人汇报的评分"),
            Method::Ballot(_) => ("ballot", ballot::COLUMNS, "一张测评票对一人的测评意见"),
            Method::Interview(_) => (
                "interview",
                interview::COLUMNS,
                "一位谈话人对一人一个维度的评价",
            ),
            Method::Test(_) => ("test", test::COLUMNS, "一人的业务测试成绩"),
            Method::Phone(_) => ("phone", phone::COLUMNS, "一次电话抽查"),
            Method::Visit(_) => ("visit", visit::COLUMNS, "一户住户的走访核实"),
            Method::Scorecard(_) => (
                "scorecard",
                scorecard::COLUMNS,
                "一人一个考核期的一项扣分或加分事项（同一人同一期同一事项可多行，次数相加）",
            ),
        };
        if let (Method::Ballot(b), true) = (&c.method, ballot_counts) {
            out.push(counts_template(&c.id, &c.name, b));
            continue;
        }
        out.push(template(
            &c.id,
            &c.name,
            row_is,
            kind,
            Some(&c.method),
            columns,
            rubric,
        ));
        // A scorecard's periods of the year, to pick from (`2024Q1` is accepted too).
        if let (Method::Scorecard(sc), Some(t)) = (&c.method, out.last_mut())
            && let Some(col) = t.info.iter_mut().find(|i| i.name == "period")
        {
            col.choices = (0..sc.period.per_year())
                .map(|i| sc.period.label(year, i))
                .collect();
        }
    }
    out.push(template(
        "adjustments",
        "加扣分事项",
        "一人的一项加分、扣分或否决事项（同一人同一事项可多行，次数相加）",
        "adjustments",
        None,
        ADJUSTMENT_COLUMNS,
        rubric,
    ));
    out.push(template(
        "concerns",
        "群众诉求",
        "一条群众诉求（电话抽查、入户走访中反映的问题已自动计入，这里登记其他来源的诉求）",
        "concerns",
        None,
        CONCERN_COLUMNS,
        rubric,
    ));
    out.push(template(
        "concern_updates",
        "诉求办理",
        "一条诉求的一次办理进展",
        "concern_updates",
        None,
        UPDATE_COLUMNS,
        rubric,
    ));
    out
}

/// A vote-count sheet (测评汇总表) for a ballot component: the worker, the voter group when the
/// rubric weights groups, and one column per choice with its number of ballots.
fn counts_template(key: &str, title: &str, b: &crate::rubric::Ballot) -> Template {
    let column =
        |name: &str, header: &str, required: bool, meaning: String, kind: Kind| ColumnInfo {
            name: name.to_string(),
            header: header.to_string(),
            required,
            meaning,
            choices: Vec::new(),
            strict: false,
            kind,
        };
    let mut info = vec![column(
        "worker_id",
        "工号",
        true,
        "工号：每名社区工作者唯一的编号，与花名册一致；每人一行".to_string(),
        Kind::Text,
    )];
    if !b.groups.is_empty() {
        let mut c = column(
            "group",
            "类别",
            true,
            "投票人类别：每人每个类别一行".to_string(),
            Kind::Text,
        );
        c.choices = labels(b.groups.iter().map(|g| g.label.as_str()));
        c.strict = true;
        info.push(c);
    }
    for label in b
        .options
        .iter()
        .map(|o| o.label.as_str())
        .chain(b.not_valid.iter().map(String::as_str))
    {
        info.push(column(
            label,
            label,
            false,
            format!("选“{label}”的票数（整数，没有填 0 或留空）"),
            Kind::Number,
        ));
    }
    info.push(column(
        "blank",
        "空白",
        false,
        "未表态（空白）的票数（整数）；计入实到票，不计入有效票".to_string(),
        Kind::Number,
    ));
    Template {
        key: key.to_string(),
        stem: key.to_string(),
        title: format!("{title}汇总"),
        row_is: "一人（按类别加权时，一人一个类别）收到的各种测评意见的票数".to_string(),
        info,
    }
}

/// The explanation of one template in Chinese, as lines of text.
pub(crate) fn explain(t: &Template, rubric: &Rubric) -> Vec<[String; 4]> {
    let mut rows = Vec::new();
    for c in &t.info {
        let values = if c.choices.is_empty() {
            String::new()
        } else if c.strict {
            format!("只能填：{}", c.choices.join("、"))
        } else {
            format!("可选：{}（也可填其他）", c.choices.join("、"))
        };
        let name = if c.header == c.name {
            c.name.clone()
        } else {
            format!("{}（{}）", c.header, c.name)
        };
        rows.push([
            name,
            if c.required { "必填" } else { "选填" }.to_string(),
            c.meaning.clone(),
            values,
        ]);
    }
    let method = rubric
        .components
        .iter()
        .find(|c| c.id == t.key)
        .map(|c| &c.method);
    if let Some(Method::Scorecard(sc)) = method {
        let period = match sc.period {
            crate::rubric::PeriodKind::Month => "每月",
            crate::rubric::PeriodKind::Quarter => "每季度",
            crate::rubric::PeriodKind::Half => "每半年",
            crate::rubric::PeriodKind::Year => "全年",
        };
        for i in &sc.items {
            let per = if i.points.is_sign_negative() {
                format!("每次扣{}分", i.points.abs().normalize())
            } else {
                format!("每次加{}分", i.points.normalize())
            };
            let limit = i.limit.map_or(String::new(), |l| {
                format!(
                    "，{period}最多{}{}分",
                    if i.points.is_sign_negative() {
                        "扣"
                    } else {
                        "加"
                    },
                    l.normalize()
                )
            });
            rows.push([
                format!("item = {}", i.id),
                String::new(),
                i.name.clone(),
                format!("{per}{limit}"),
            ]);
        }
        let ceiling = sc
            .ceiling
            .map_or(String::new(), |c| format!("、最高{}分", c.normalize()));
        rows.push([
            "计分办法".to_string(),
            String::new(),
            format!(
                "{period}从{}分起算，按事项加减分，最低{}分{ceiling}；全年得分为各期得分的平均数，计分期少于{}期的不计该项",
                sc.base.normalize(),
                sc.floor.normalize(),
                sc.min_periods
            ),
            String::new(),
        ]);
    }
    if t.key == "adjustments" {
        for i in &rubric.adjustments.items {
            let effect = match &i.effect {
                crate::rubric::ItemEffect::Bonus(v) => format!("每次加{v}分"),
                crate::rubric::ItemEffect::Deduction(v) => format!("每次扣{v}分"),
                crate::rubric::ItemEffect::Veto(v) => match v {
                    crate::rubric::Veto::Pending => "暂缓评定".to_string(),
                    crate::rubric::Veto::Ungraded => "不确定等次".to_string(),
                    crate::rubric::Veto::Grade(g) => format!("直接评为{}", rubric.grade_label(*g)),
                    crate::rubric::Veto::Cap(g) => format!("最高评为{}", rubric.grade_label(*g)),
                },
            };
            rows.push([
                format!("item = {}", i.id),
                String::new(),
                i.name.clone(),
                effect,
            ]);
        }
    }
    rows
}

fn intro(t: &Template) -> Vec<String> {
    vec![
        format!("{}：每一行是{}。", t.title, t.row_is),
        "第一行是列名：中文列名（如 工号）和括号里的英文列名（如 worker_id）都可以用；列名请勿改写，列的顺序可以调整，不用的选填列可以删除。表头上方可以有一两行标题。".to_string(),
        "空行会被跳过。数字直接填写（小数用小数点）；日期填写为 2024-11-12 这样的格式。"
            .to_string(),
    ]
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn assessment_toml(
    rubric: &Rubric,
    templates: &[Template],
    name: &str,
    year: i32,
    ext: &str,
) -> String {
    let file = |t: &Template| toml_string(&format!("{}.{ext}", t.stem));
    let mut s = String::new();
    let _ = writeln!(s, "# 考核方案。文件路径都相对于本文件所在的文件夹。");
    let _ = writeln!(s, "[assessment]");
    let _ = writeln!(s, "name   = {}   # 考核名称，可修改", toml_string(name));
    let _ = writeln!(s, "year   = {year}");
    let _ = writeln!(
        s,
        "rubric = \"rubric.toml\"   # 评分细则：{}（{}）",
        rubric.name, rubric.id
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "[inputs]");
    for t in templates.iter().filter(|t| !is_component(rubric, t)) {
        let _ = writeln!(s, "{:<15} = {}   # {}", t.key, file(t), t.title);
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "[inputs.components]   # 每个考核项目一个文件");
    for t in templates.iter().filter(|t| is_component(rubric, t)) {
        let _ = writeln!(s, "{:<10} = {}   # {}", t.key, file(t), t.title);
    }
    s
}

fn is_component(rubric: &Rubric, t: &Template) -> bool {
    rubric.components.iter().any(|c| c.id == t.key)
}

/// Makes a ready-to-fill bundle in `dir`, which must not exist or be an empty folder; returns
/// the files written. The rubric is copied into the bundle as `rubric.toml`, so the bundle can
/// be moved anywhere as one folder.
///
/// All or nothing: the bundle is made in a temporary folder (created under a random name)
/// beside `dir` and renamed into place, or, when `dir` is an existing empty folder, made in a
/// temporary folder inside it and its files renamed out. On any failure nothing is left
/// behind: no file, no temporary folder, and no parent folder made for `dir`.
pub fn init(dir: &Path, options: &InitOptions) -> Result<Vec<PathBuf>, InitError> {
    let exists = check_target(dir)?;
    if options.format == TemplateFormat::Workbook && !cfg!(feature = "xlsx") {
        return Err(InitError::NoWorkbooks);
    }
    let (rubric_text, label) = match &options.rubric {
        None => (
            STANDARD_RUBRIC.to_string(),
            "community-worker.toml".to_string(),
        ),
        Some(p) => (
            std::fs::read_to_string(p).map_err(|e| InitError::Io(p.clone(), e))?,
            p.display().to_string(),
        ),
    };
    let rubric = Rubric::from_toml(&rubric_text, &label)?;
    let templates = templates(&rubric, options.year, options.ballot_counts);
    let name = options
        .name
        .clone()
        .unwrap_or_else(|| format!("{}（{}年度）", rubric.name, options.year));
    let ext = match options.format {
        TemplateFormat::Workbook => "xlsx",
        TemplateFormat::Csv => "csv",
    };
    // Everything is made before anything is written.
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "assessment.toml".to_string(),
            assessment_toml(&rubric, &templates, &name, options.year, ext).into_bytes(),
        ),
        ("rubric.toml".to_string(), rubric_text.clone().into_bytes()),
    ];
    match options.format {
        TemplateFormat::Csv => {
            let mut notes = String::from("\u{feff}");
            for t in &templates {
                let mut header = String::from("\u{feff}");
                header.push_str(
                    &t.info
                        .iter()
                        .map(|c| c.header.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                );
                header.push_str("\r\n");
                files.push((format!("{}.csv", t.stem), header.into_bytes()));
                let _ = writeln!(notes, "{}.csv\r", t.stem);
                for line in intro(t) {
                    let _ = writeln!(notes, "  {line}\r");
                }
                for [c, req, m, v] in explain(t, &rubric) {
                    let _ = writeln!(
                        notes,
                        "  {c}（{req}）：{m}{}{v}\r",
                        if v.is_empty() { "" } else { "。" }
                    );
                }
                let _ = writeln!(notes, "\r");
            }
            files.push(("说明.txt".to_string(), notes.into_bytes()));
        }
        TemplateFormat::Workbook =>
        {
            #[cfg(feature = "xlsx")]
            for t in &templates {
                let bytes = xlsx::workbook(t, &rubric, &intro(t), &explain(t, &rubric))
                    .map_err(|e| InitError::Workbook(format!("{}.xlsx", t.stem), e.to_string()))?;
                files.push((format!("{}.xlsx", t.stem), bytes));
            }
        }
    }
    place(dir, exists, &files, &mut write_new)
}

/// Whether `dir` exists (as an empty folder); an error when it may not be used.
fn check_target(dir: &Path) -> Result<bool, InitError> {
    let not_a_folder = |kind| InitError::NotAFolder {
        path: dir.to_path_buf(),
        kind,
    };
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(InitError::Io(dir.to_path_buf(), e)),
        Ok(m) if m.file_type().is_symlink() => Err(not_a_folder("symbolic link")),
        Ok(m) if m.is_dir() => {
            let mut entries =
                std::fs::read_dir(dir).map_err(|e| InitError::Io(dir.to_path_buf(), e))?;
            if entries.next().is_some() {
                Err(InitError::NotEmpty(dir.to_path_buf()))
            } else {
                Ok(true)
            }
        }
        Ok(m) if m.is_file() => Err(not_a_folder("file")),
        Ok(_) => Err(not_a_folder("special file (a device, FIFO or socket)")),
    }
}

/// Writes a new file (never over one, nor through a link) and makes it durable.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Writes `files` into a temporary folder and puts them at `dir` (see [`init`]); `write`
/// writes one file (a parameter so that tests can make a write fail).
fn place(
    dir: &Path,
    exists: bool,
    files: &[(String, Vec<u8>)],
    write: &mut dyn FnMut(&Path, &[u8]) -> std::io::Result<()>,
) -> Result<Vec<PathBuf>, InitError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| InitError::Io(p, e)
    };
    let final_paths: Vec<PathBuf> = files.iter().map(|(n, _)| dir.join(n)).collect();
    if exists {
        // Made inside the empty folder (the same file system, and no need to write beside
        // it), then renamed out one by one: the folder itself stays what it was.
        let tmp = tempfile::Builder::new()
            .prefix(".yardstick-init.")
            .suffix(".tmp")
            .tempdir_in(dir)
            .map_err(io(dir))?;
        for (name, bytes) in files {
            let p = tmp.path().join(name);
            write(&p, bytes).map_err(io(&dir.join(name)))?;
        }
        let mut moved: Vec<&Path> = Vec::new();
        for ((name, _), to) in files.iter().zip(&final_paths) {
            if let Err(e) = std::fs::rename(tmp.path().join(name), to) {
                for p in moved {
                    let _ = std::fs::remove_file(p);
                }
                return Err(InitError::Io(to.clone(), e));
            }
            moved.push(to);
        }
        // Empty now; should removing it fail, the bundle is whole all the same.
        let _ = tmp.close();
        return Ok(final_paths);
    }
    let Some(name) = dir.file_name() else {
        return Err(InitError::NotAFolder {
            path: dir.to_path_buf(),
            kind: "path without a folder name",
        });
    };
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Parent folders made for the bundle are removed again on failure, deepest first.
    let made: Vec<&Path> = parent
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && std::fs::symlink_metadata(a).is_err())
        .collect();
    let result = (|| {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let short: String = name.to_string_lossy().chars().take(40).collect();
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{short}."))
            .suffix(".tmp")
            .tempdir_in(parent)
            .map_err(io(parent))?;
        for (name, bytes) in files {
            write(&tmp.path().join(name), bytes).map_err(io(&dir.join(name)))?;
        }
        std::fs::rename(tmp.path(), dir).map_err(io(dir))?;
        // Renamed away: nothing is left to clean up.
        let _ = tmp.keep();
        Ok(final_paths)
    })();
    if result.is_err() {
        for a in made {
            let _ = std::fs::remove_dir(a);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_options() -> InitOptions {
        InitOptions {
            format: TemplateFormat::Csv,
            ..InitOptions::new(2024)
        }
    }

    /// Places the standard CSV bundle at `dir` with the third file's write failing after
    /// half of it was written.
    fn place_failing(dir: &Path) -> InitError {
        let exists = check_target(dir).unwrap();
        let files: Vec<(String, Vec<u8>)> = ["assessment.toml", "rubric.toml", "roster.csv"]
            .iter()
            .map(|n| (n.to_string(), b"0123456789".to_vec()))
            .collect();
        let mut count = 0;
        let mut write = |p: &Path, bytes: &[u8]| {
            count += 1;
            if count == 3 {
                std::fs::write(p, &bytes[..5])?;
                return Err(std::io::Error::other("the disk is full"));
            }
            write_new(p, bytes)
        };
        place(dir, exists, &files, &mut write).unwrap_err()
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failure_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().unwrap();
        // A new folder, in parent folders made for it.
        let e = place_failing(&tmp.path().join("a/b/bundle"));
        assert!(e.to_string().contains("the disk is full"), "{e}");
        assert!(entries(tmp.path()).is_empty());
        // An existing empty folder stays, empty.
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        place_failing(&empty);
        assert_eq!(entries(tmp.path()), ["empty"]);
        assert!(entries(&empty).is_empty());
    }

    #[test]
    fn a_bundle_is_made_in_a_new_or_an_empty_folder_and_nowhere_else() {
        let tmp = tempfile::tempdir().unwrap();
        let new = tmp.path().join("x/new");
        let written = init(&new, &csv_options()).unwrap();
        assert!(written.iter().all(|p| p.starts_with(&new) && p.is_file()));
        assert_eq!(entries(tmp.path()), ["x"]);
        assert_eq!(entries(&tmp.path().join("x")), ["new"]);
        assert_eq!(entries(&new).len(), written.len());
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let written = init(&empty, &csv_options()).unwrap();
        assert_eq!(entries(&empty).len(), written.len());
        assert!(!entries(&empty).iter().any(|n| n.starts_with('.')));
        // Not over a bundle, a file, or through a link.
        let e = init(&new, &csv_options()).unwrap_err();
        assert!(matches!(e, InitError::NotEmpty(_)), "{e}");
        let file = new.join("roster.csv");
        let e = init(&file, &csv_options()).unwrap_err();
        assert!(e.to_string().contains("is a file, not a folder"), "{e}");
        #[cfg(unix)]
        {
            let link = tmp.path().join("link");
            let target = tmp.path().join("target");
            std::fs::create_dir(&target).unwrap();
            std::os::unix::fs::symlink(&target, &link).unwrap();
            let e = init(&link, &csv_options()).unwrap_err();
            assert!(e.to_string().contains("is a symbolic link"), "{e}");
            assert!(entries(&target).is_empty());
        }
    }
}
