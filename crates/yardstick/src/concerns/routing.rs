//! The routing table (分类派单表): which office (站室) handles a category of concern, who is
//! responsible and within how many working days; or which higher department it is reported up
//! to. Format and keys: `docs/concerns.md`.

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::calendar::toml_error;
use crate::error::{Error, LineIndex, Sink};
use crate::i18n::Message;
use crate::msg;

/// The shipped routing table `rubrics/routing.toml`, used when a bundle names none.
pub const SHIPPED_ROUTING: &str = include_str!("../../../../rubrics/routing.toml");

/// The most working days a route may give (a year of working days).
pub const MAX_WORKING_DAYS: u32 = 250;

/// Where a route sends a concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Handled in the sub-district by this office (站室), e.g. 民政服务站.
    Office(String),
    /// Beyond the sub-district: listed item by item and reported up to this department, e.g.
    /// 住建局.
    Escalate(String),
}

/// One route: a category and where its concerns go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    /// The category's canonical name; for the default route, `*`.
    pub category: String,
    /// Other names of the category in the input files.
    pub aliases: Vec<String>,
    /// The office, or the department to report up to.
    pub target: Target,
    /// The responsible person or role (for an escalation: who reports it up), when given.
    pub responsible: Option<String>,
    /// The deadline in working days after the concern's date; 0 means the same day.
    pub working_days: u32,
    /// Free text for people.
    pub note: Option<String>,
}

impl Route {
    /// The office, for a route handled in the sub-district.
    pub fn office(&self) -> Option<&str> {
        match &self.target {
            Target::Office(o) => Some(o),
            Target::Escalate(_) => None,
        }
    }

    /// The department, for a route reported up.
    pub fn escalate_to(&self) -> Option<&str> {
        match &self.target {
            Target::Office(_) => None,
            Target::Escalate(d) => Some(d),
        }
    }
}

/// The route a category takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Routed<'a> {
    /// The route.
    pub route: &'a Route,
    /// The category's canonical name: the route's category, or the name as given when the
    /// default route took it.
    pub category: &'a str,
    /// The category is not in the table and went to the default route (flagged).
    pub defaulted: bool,
}

/// Categories to routes, with aliases and an optional default route.
///
/// ```
/// use yardstick::concerns::RoutingTable;
///
/// let table = RoutingTable::shipped();
/// let r = table.route("养老服务").unwrap();
/// assert_eq!(r.route.office(), Some("民政服务站"));
/// assert_eq!(r.route.working_days, 3);
/// let r = table.route("违章建筑").unwrap();
/// assert_eq!(r.route.escalate_to(), Some("城管局"));
/// let r = table.route("宠物扰民").unwrap();
/// assert!(r.defaulted);
/// assert_eq!(r.route.office(), Some("综合办"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoutingTable {
    /// The table's name for people, when given.
    pub name: Option<String>,
    /// Free-form version, when given.
    pub version: Option<String>,
    /// Extra working-day calendar files, relative to the table's file.
    pub calendars: Vec<String>,
    /// The routes in file order.
    pub routes: Vec<Route>,
    /// The route of categories the table lacks (a triage desk); without it they are errors.
    pub default: Option<Route>,
    /// The file it was read from.
    pub file: String,
    #[serde(skip)]
    names: HashMap<String, usize>,
}

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    routing: RawMeta,
    default: Option<S<RawRoute>>,
    #[serde(rename = "route", default)]
    routes: Vec<S<RawRoute>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    name: Option<String>,
    version: Option<String>,
    #[serde(default)]
    calendars: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoute {
    category: Option<S<String>>,
    #[serde(default)]
    aliases: Vec<S<String>>,
    office: Option<S<String>>,
    escalate_to: Option<S<String>>,
    responsible: Option<S<String>>,
    working_days: Option<S<i64>>,
    note: Option<String>,
}

struct Check<'a> {
    file: &'a str,
    index: LineIndex<'a>,
    sink: Sink,
}

impl Check<'_> {
    fn err(&mut self, span: Range<usize>, msg: Message) {
        let d = self.index.diag(self.file, span, msg);
        self.sink.push(d);
    }

    /// The trimmed text of `v`; empty is an error, `what` (a message) says what is empty.
    fn text(&mut self, v: &S<String>, what: Message) -> String {
        let t = v.get_ref().trim().to_string();
        if t.is_empty() {
            self.err(v.span(), what);
        }
        t
    }

    /// Checks one route; `what` names it in messages.
    fn route(&mut self, raw: &S<RawRoute>, is_default: bool) -> Option<Route> {
        let span = raw.span();
        let r = raw.get_ref();
        let category = match (&r.category, is_default) {
            (Some(c), false) => self.text(c, msg!("error-key-empty", key = "category")),
            (None, false) => {
                self.err(span.start..span.start, msg!("error-route-no-category"));
                String::new()
            }
            (Some(c), true) => {
                self.err(c.span(), msg!("error-default-route-category"));
                String::new()
            }
            (None, true) => "*".to_string(),
        };
        if is_default && let Some(a) = r.aliases.first() {
            self.err(a.span(), msg!("error-default-route-aliases"));
        }
        let target = match (&r.office, &r.escalate_to) {
            (Some(o), None) => {
                Target::Office(self.text(o, msg!("error-key-empty", key = "office")))
            }
            (None, Some(e)) => {
                Target::Escalate(self.text(e, msg!("error-key-empty", key = "escalate_to")))
            }
            (Some(_), Some(e)) => {
                self.err(e.span(), msg!("error-route-office-and-escalate"));
                return None;
            }
            (None, None) => {
                let at = r
                    .category
                    .as_ref()
                    .map_or(span.start..span.start, |c| c.span());
                self.err(at, msg!("error-route-no-target", category = category));
                return None;
            }
        };
        let responsible = r
            .responsible
            .as_ref()
            .map(|v| self.text(v, msg!("error-key-empty", key = "responsible")));
        if responsible.is_none()
            && let Target::Office(o) = &target
        {
            let at = r
                .office
                .as_ref()
                .map_or(span.start..span.start, |c| c.span());
            self.err(
                at,
                msg!(
                    "error-route-no-responsible",
                    category = category,
                    office = o
                ),
            );
        }
        let working_days = match &r.working_days {
            None => {
                let at = r
                    .category
                    .as_ref()
                    .map_or(span.start..span.start, |c| c.span());
                self.err(at, msg!("error-route-no-working-days", category = category));
                0
            }
            Some(n) => match u32::try_from(*n.get_ref()) {
                Ok(v) if v <= MAX_WORKING_DAYS => v,
                _ => {
                    self.err(
                        n.span(),
                        msg!(
                            "error-working-days-range",
                            max = MAX_WORKING_DAYS,
                            value = n.get_ref()
                        ),
                    );
                    0
                }
            },
        };
        let mut aliases = Vec::new();
        for a in &r.aliases {
            aliases.push(self.text(a, msg!("error-key-empty", key = "alias")));
        }
        Some(Route {
            category,
            aliases,
            target,
            responsible,
            working_days,
            note: r.note.clone(),
        })
    }
}

impl RoutingTable {
    /// The shipped table `rubrics/routing.toml`, built into the library.
    pub fn shipped() -> RoutingTable {
        match RoutingTable::from_toml(SHIPPED_ROUTING, "rubrics/routing.toml") {
            Ok(t) => t,
            Err(e) => panic!(
                "the shipped routing table is invalid: {:?}",
                e.diagnostics()
            ),
        }
    }

    /// Reads and checks a routing table. Every problem is reported at its line and column.
    pub fn from_toml(text: &str, file: &str) -> Result<RoutingTable, Error> {
        let raw: RawTable =
            toml::from_str(text).map_err(|e| Error::new(vec![toml_error(text, file, &e)]))?;
        let mut ck = Check {
            file,
            index: LineIndex::new(text),
            sink: Sink::default(),
        };
        let mut routes = Vec::new();
        let mut names: HashMap<String, usize> = HashMap::new();
        let mut first: HashMap<String, u64> = HashMap::new();
        for raw_route in &raw.routes {
            let Some(route) = ck.route(raw_route, false) else {
                continue;
            };
            let r = raw_route.get_ref();
            let spans = r
                .category
                .iter()
                .map(|c| c.span())
                .chain(r.aliases.iter().map(|a| a.span()));
            let labels = std::iter::once(&route.category).chain(&route.aliases);
            for (label, span) in labels.zip(spans) {
                if label.is_empty() {
                    continue;
                }
                let line = ck.index.locate(span.start).0;
                if let Some(l) = first.get(label) {
                    ck.err(
                        span,
                        msg!("error-category-used-twice", label = label, line = l),
                    );
                } else {
                    first.insert(label.clone(), line);
                    names.insert(label.clone(), routes.len());
                }
            }
            routes.push(route);
        }
        let default = raw.default.as_ref().and_then(|d| ck.route(d, true));
        let mut calendars = Vec::new();
        for c in &raw.routing.calendars {
            calendars.push(ck.text(c, msg!("error-calendar-file-empty")));
        }
        ck.sink.finish()?;
        Ok(RoutingTable {
            name: raw.routing.name,
            version: raw.routing.version,
            calendars,
            routes,
            default,
            file: file.to_string(),
            names,
        })
    }

    /// The route of a category (trimmed; matched exactly against categories and aliases), the
    /// default route when the table lacks it, or `None` when there is no default route.
    pub fn route<'a>(&'a self, category: &'a str) -> Option<Routed<'a>> {
        let category = category.trim();
        match self.names.get(category) {
            Some(&i) => Some(Routed {
                route: &self.routes[i],
                category: &self.routes[i].category,
                defaulted: false,
            }),
            None => self.default.as_ref().map(|route| Routed {
                route,
                category,
                defaulted: true,
            }),
        }
    }

    /// Where a category goes, by index: `Some(Some(i))` the route `routes[i]`, `Some(None)`
    /// the default route, `None` nowhere (no default route).
    pub(crate) fn route_index(&self, category: &str) -> Option<Option<usize>> {
        match self.names.get(category.trim()) {
            Some(&i) => Some(Some(i)),
            None => self.default.as_ref().map(|_| None),
        }
    }

    /// The route of an index given by [`RoutingTable::route_index`].
    pub(crate) fn route_at(&self, index: Option<usize>) -> Option<&Route> {
        match index {
            Some(i) => self.routes.get(i),
            None => self.default.as_ref(),
        }
    }

    /// Every category the table knows, aliases included, sorted.
    pub fn known_categories(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.names.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match RoutingTable::from_toml(text, "r.toml") {
            Ok(_) => panic!("valid"),
            Err(e) => e
                .diagnostics()
                .iter()
                .map(|d| d.render(crate::i18n::Lang::En))
                .collect(),
        }
    }

    #[test]
    fn the_shipped_table_has_the_issue_routes() {
        let t = RoutingTable::shipped();
        let office = |c: &str| {
            let r = t.route(c).unwrap();
            assert!(!r.defaulted, "{c}");
            (
                r.route.office().map(str::to_string),
                r.route.escalate_to().map(str::to_string),
                r.route.working_days,
            )
        };
        let o = |s: &str, n| (Some(s.to_string()), None, n);
        let e = |s: &str, n| (None, Some(s.to_string()), n);
        assert_eq!(office("养老服务"), o("民政服务站", 3));
        assert_eq!(office("社会救助"), o("民政服务站", 3));
        assert_eq!(office("就业社保"), o("社会保障站", 3));
        assert_eq!(office("环境卫生"), o("城建环卫站", 3));
        assert_eq!(office("基础设施"), o("城建环卫站", 5));
        assert_eq!(office("物业纠纷"), o("社区居委会", 13));
        assert_eq!(office("治安隐患"), o("平安建设站", 1));
        assert_eq!(office("安全隐患"), o("应急管理办", 0));
        assert_eq!(office("市政设施"), e("住建局", 5));
        assert_eq!(office("违章建筑"), e("城管局", 5));
        assert_eq!(office("医疗卫生"), e("卫健局", 5));
        let d = t.route("不存在的类别").unwrap();
        assert!(d.defaulted);
        assert_eq!(
            (d.route.office(), d.route.working_days, d.category),
            (Some("综合办"), 1, "不存在的类别")
        );
    }

    #[test]
    fn aliases_give_the_canonical_category() {
        let t = RoutingTable::from_toml(
            "[[route]]\ncategory = \"养老服务\"\naliases = [\"养老\", \" 助老 \"]\noffice = \"民政服务站\"\nresponsible = \"站长\"\nworking_days = 3\n",
            "r.toml",
        )
        .unwrap();
        let r = t.route(" 助老").unwrap();
        assert_eq!((r.category, r.defaulted), ("养老服务", false));
        assert!(t.route("其他").is_none());
        assert_eq!(
            t.known_categories(),
            vec!["养老服务", "养老", "助老"]
                .into_iter()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn errors_have_places() {
        let text = "\
[[route]]
category = \"养老服务\"
office = \"民政服务站\"
escalate_to = \"民政局\"
responsible = \"站长\"
working_days = 3

[[route]]
category = \"环境卫生\"
aliases = [\"养老服务\"]
office = \"城建环卫站\"
working_days = -1

[[route]]
category = \"违章建筑\"
working_days = 5

[default]
category = \"其他\"
office = \"综合办\"
responsible = \"值班员\"
working_days = 1
";
        assert_eq!(
            errors(text),
            vec![
                "r.toml:4:15: error: give either office (handled here) or escalate_to (reported up), not both",
                "r.toml:11:10: error: route \"环境卫生\" to 城建环卫站 needs responsible = \"...\" (a person or a role)",
                "r.toml:12:16: error: working_days must be a whole number from 0 to 250, got -1",
                "r.toml:15:12: error: route \"违章建筑\" needs office = \"...\" (handled here) or escalate_to = \"...\" (reported up)",
                "r.toml:19:12: error: the default route takes every category the table lacks; it has no category",
            ]
        );
        let dup = "[[route]]\ncategory = \"a\"\noffice = \"o\"\nresponsible = \"p\"\nworking_days = 1\n[[route]]\ncategory = \"b\"\naliases = [\"a\"]\noffice = \"o\"\nresponsible = \"p\"\nworking_days = 1\n";
        assert_eq!(
            errors(dup),
            vec!["r.toml:8:12: error: category or alias \"a\" is already used on line 2"]
        );
        assert_eq!(
            errors("[[route]]\ncategory = \"a\"\nofice = \"o\"\n"),
            vec![
                "r.toml:3:1: error: unknown field `ofice`, expected one of `category`, `aliases`, `office`, `escalate_to`, `responsible`, `working_days`, `note`"
            ]
        );
    }
}
