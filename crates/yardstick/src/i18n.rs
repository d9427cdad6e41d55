//! Every text a person reads, from message catalogs: Chinese by default, English on request.
//!
//! The catalogs are [Fluent](https://projectfluent.org) files, one per language, compiled into
//! the library: `locales/zh-CN.ftl` and `locales/en.ftl`. A message is looked up by its id with
//! named arguments; arguments are given as text, so that numbers keep exactly the digits the
//! engine rounded them to (`90.00`, never `90`). Why Fluent: see `docs/i18n.md`.
//!
//! ```
//! use yardstick::i18n::Lang;
//! use yardstick::tr;
//!
//! assert_eq!(tr!(Lang::Zh, "status-pending"), "暂缓评定");
//! assert_eq!(tr!(Lang::En, "status-pending"), "pending");
//! assert_eq!(
//!     tr!(Lang::En, "flag-missing", component = "个人汇报"),
//!     "个人汇报 missing"
//! );
//! ```

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 简体中文: the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// A language from its name as a user writes it: `zh`, `zh-CN`, `中文`, `en`, `en-US`,
    /// `english` (any case).
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.split(['.', '@']).next().unwrap_or_default();
        match t {
            "zh" | "zh-cn" | "zh_cn" | "zh-hans" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            _ if t.starts_with("zh") => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ if t.starts_with("en-") || t.starts_with("en_") => Some(Lang::En),
            _ => None,
        }
    }

    /// The language that `YARDSTICK_LANG` names, when it is set and valid.
    pub fn from_env() -> Option<Lang> {
        std::env::var("YARDSTICK_LANG")
            .ok()
            .and_then(|v| Lang::parse(&v))
    }

    /// The Fluent source of this language's catalog.
    pub fn catalog_source(self) -> &'static str {
        match self {
            Lang::Zh => include_str!("../locales/zh-CN.ftl"),
            Lang::En => include_str!("../locales/en.ftl"),
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    let all = BUNDLES.get_or_init(|| Lang::ALL.map(make));
    match lang {
        Lang::Zh => &all[0],
        Lang::En => &all[1],
    }
}

fn make(lang: Lang) -> Bundle {
    let id = lang.tag().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // Texts go to terminals and files, not to bidirectional layouts: no isolation marks.
    b.set_use_isolating(false);
    // Both catalogs parse and hold every message (tested); a broken one leaves ids showing.
    let resource = match FluentResource::try_new(lang.catalog_source().to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let _ = b.add_resource(resource);
    b
}

/// The message `id` in `lang`, with `args` (name, text) put in. An unknown id (a bug, which the
/// catalog tests catch) comes back as the id itself.
pub fn message(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fa = FluentArgs::new();
    for (name, value) in args {
        fa.set(*name, value.to_string());
    }
    let mut errors = Vec::new();
    let text = b.format_pattern(pattern, Some(&fa), &mut errors);
    text.into_owned()
}

/// A message of the catalogs in a language, with named arguments given as anything that
/// displays: `tr!(lang, "flag-missing", component = name)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal) => {
        $crate::i18n::message($lang, $id, &[])
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message(
            $lang,
            $id,
            &[$((stringify!($name), &$value.to_string())),+],
        )
    };
}

/// A text of the catalogs not yet put into words: a message id with named arguments. A
/// diagnostic keeps its message so, and is put into words in the language asked for, when it is
/// shown.
///
/// ```
/// use yardstick::i18n::{Lang, List};
/// use yardstick::msg;
///
/// let m = msg!(
///     "error-unknown-label",
///     what = msg!("what-choice"),
///     value = "很好",
///     allowed = List::quoted(["优秀", "称职"])
/// );
/// assert_eq!(m.id(), "error-unknown-label");
/// assert_eq!(m.text(Lang::En), "unknown choice \"很好\"; the rubric allows \"优秀\", \"称职\"");
/// assert_eq!(m.text(Lang::Zh), "“很好”不是可填的测评意见；评分细则允许填写：“优秀”、“称职”");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// An argument of a [`Message`]: a text, a message of its own (put into words in the same
/// language), or a list (joined as each language joins lists).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    /// A text as it is: a value from the input, a number, a file name.
    Text(String),
    /// A message, put into words in the language of the message that holds it.
    Message(Message),
    /// A list of texts.
    List(List),
}

/// A list of texts as an argument: `"a", "b"` in English, `“a”、“b”` in Chinese (or without
/// quotes, `a, b` and `a、b`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List {
    items: Vec<Arg>,
    quoted: bool,
}

impl List {
    /// A list whose items are shown in quotes.
    pub fn quoted<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> List {
        List {
            items: items
                .into_iter()
                .map(|t| Arg::Text(t.to_string()))
                .collect(),
            quoted: true,
        }
    }

    /// A list whose items are shown as they are.
    pub fn plain<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> List {
        List {
            items: items
                .into_iter()
                .map(|t| Arg::Text(t.to_string()))
                .collect(),
            quoted: false,
        }
    }

    /// A list of messages, each put into words in the list's language.
    pub fn messages(items: impl IntoIterator<Item = Message>) -> List {
        List {
            items: items.into_iter().map(Arg::Message).collect(),
            quoted: false,
        }
    }

    /// The list in words.
    pub fn text(&self, lang: Lang) -> String {
        let (open, close, sep) = match (lang, self.quoted) {
            (Lang::En, true) => ("\"", "\"", ", "),
            (Lang::En, false) => ("", "", ", "),
            (Lang::Zh, true) => ("“", "”", "、"),
            (Lang::Zh, false) => ("", "", "、"),
        };
        let mut out = String::new();
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(open);
            out.push_str(&item.text(lang));
            out.push_str(close);
        }
        out
    }
}

impl Arg {
    /// The argument in words.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Arg::Text(t) => t.clone(),
            Arg::Message(m) => m.text(lang),
            Arg::List(l) => l.text(lang),
        }
    }
}

/// What can be an argument of a [`msg!`](crate::msg): anything that displays (as its text), a
/// [`Message`] or a [`List`].
pub trait ToArg {
    /// The argument.
    fn to_arg(&self) -> Arg;
}

impl<T: std::fmt::Display + ?Sized> ToArg for T {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl ToArg for Message {
    fn to_arg(&self) -> Arg {
        Arg::Message(self.clone())
    }
}

impl ToArg for List {
    fn to_arg(&self) -> Arg {
        Arg::List(self.clone())
    }
}

impl Message {
    /// The message `id` with no arguments yet (see [`msg!`](crate::msg)).
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    pub fn with(mut self, name: &'static str, value: Arg) -> Message {
        self.args.push((name, value));
        self
    }

    /// The message id in the catalogs: what messages of one kind share.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The argument `name`, when given.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The message in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let texts: Vec<(&str, String)> =
            self.args.iter().map(|(n, a)| (*n, a.text(lang))).collect();
        let args: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
        message(lang, self.id, &args)
    }
}

impl serde::Serialize for Message {
    /// The message in words, in the default language.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Lang::default()))
    }
}

/// A [`Message`] of the catalogs, with named arguments given as anything that displays, or as a
/// [`Message`] or a [`List`]: `msg!("error-not-in-roster", id = cell, roster = file)`. The
/// message is put into words later, in the language asked for, with [`Message::text`].
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $crate::i18n::Message::new($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Message::new($id)
            $(.with(stringify!($name), $crate::i18n::ToArg::to_arg(&$value)))+
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Each message id of a catalog with the variables it uses.
    fn ids(lang: Lang) -> BTreeMap<String, Vec<String>> {
        let r = match FluentResource::try_new(lang.catalog_source().to_string()) {
            Ok(r) => r,
            Err((_, e)) => panic!("{lang:?} catalog does not parse: {e:?}"),
        };
        let mut out = BTreeMap::new();
        for entry in r.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                let mut vars = Vec::new();
                if let Some(p) = &m.value {
                    variables(p, &mut vars);
                }
                vars.sort();
                vars.dedup();
                out.insert(m.id.name.to_string(), vars);
            }
        }
        out
    }

    fn variables(p: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        for e in &p.elements {
            if let PatternElement::Placeable { expression } = e {
                match expression {
                    Expression::Inline(InlineExpression::VariableReference { id }) => {
                        out.push(id.name.to_string())
                    }
                    Expression::Select { selector, variants } => {
                        if let InlineExpression::VariableReference { id } = selector {
                            out.push(id.name.to_string());
                        }
                        for v in variants {
                            variables(&v.value, out);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn both_catalogs_hold_the_same_messages_with_the_same_arguments() {
        let zh = ids(Lang::Zh);
        let en = ids(Lang::En);
        let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "missing in en: {only_zh:?}; missing in zh-CN: {only_en:?}"
        );
        for (id, vars) in &zh {
            assert_eq!(Some(vars), en.get(id), "arguments of {id} differ");
        }
        assert!(zh.len() > 20);
    }

    /// The text of every source file of the library.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let text = std::fs::read_to_string(&p).unwrap_or_default();
                    out.push((p, text));
                }
            }
        }
        out
    }

    /// The first texts of the message ids of diagnostics and their parts.
    const DIAGNOSTIC_PREFIXES: [&str; 5] = ["diag-", "error-", "warning-", "what-", "io-"];

    /// Every message id the code names: the first literal of `tr!(…)` and `msg!(…)`, and every
    /// string literal that is an id of a diagnostic (`"error-…"`, `"what-…"`: some are kept in
    /// tables and constants), with where it is.
    fn asked_for() -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (p, text) in sources() {
            for mac in ["tr!(", "msg!("] {
                let parts: Vec<&str> = text.split(mac).collect();
                for (before, part) in parts.iter().zip(parts.iter().skip(1)) {
                    // `tr!(lang, "id"` … the first literal is the id (not `include_str!(`).
                    if before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    if let Some(id) = part.split('"').nth(1)
                        && !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        && id != "id"
                    {
                        out.push((format!("{}", p.display()), id.to_string()));
                    }
                }
            }
            for (i, part) in text.split('"').enumerate() {
                let is_id = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
                if i % 2 == 1
                    && DIAGNOSTIC_PREFIXES.iter().any(|x| part.starts_with(x))
                    && part.len() > 6
                    && part.chars().all(is_id)
                    && !part.ends_with('-')
                {
                    out.push((format!("{}", p.display()), part.to_string()));
                }
            }
        }
        out
    }

    #[test]
    fn every_message_the_code_asks_for_is_in_the_catalogs() {
        let zh = ids(Lang::Zh);
        let missing: Vec<String> = asked_for()
            .into_iter()
            .filter(|(_, id)| !zh.contains_key(id))
            .map(|(p, id)| format!("{p}: {id}"))
            .collect();
        assert!(missing.is_empty(), "not in the catalogs: {missing:?}");
    }

    /// The calls of `tr!` and `msg!` in `text`: each message id with the names of the
    /// arguments given.
    fn calls(text: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for mac in ["tr!(", "msg!("] {
            let mut from = 0;
            while let Some(at) = text[from..].find(mac) {
                let start = from + at + mac.len();
                from = start;
                if text[..start - mac.len()].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // The top-level parts of the call, up to its closing parenthesis.
                let (mut depth, mut quoted, mut escaped) = (0i32, false, false);
                let mut parts = vec![String::new()];
                for c in text[start..].chars() {
                    if quoted {
                        parts.last_mut().unwrap().push(c);
                        match c {
                            _ if escaped => escaped = false,
                            '\\' => escaped = true,
                            '"' => quoted = false,
                            _ => {}
                        }
                        continue;
                    }
                    match c {
                        '"' => quoted = true,
                        '(' | '[' | '{' => depth += 1,
                        ')' | ']' | '}' if depth == 0 => break,
                        ')' | ']' | '}' => depth -= 1,
                        ',' if depth == 0 => {
                            parts.push(String::new());
                            continue;
                        }
                        _ => {}
                    }
                    parts.last_mut().unwrap().push(c);
                }
                let Some(id) = parts
                    .iter()
                    .map(|p| p.trim())
                    .find(|p| p.starts_with('"'))
                    .map(|p| p.trim_matches('"').to_string())
                else {
                    continue;
                };
                let names = parts
                    .iter()
                    .filter_map(|p| p.split_once('='))
                    .map(|(n, _)| n.trim())
                    .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_'))
                    .map(str::to_string)
                    .collect();
                out.push((id, names));
            }
        }
        out
    }

    #[test]
    fn every_message_is_given_the_arguments_it_uses() {
        let zh = ids(Lang::Zh);
        let mut wrong = Vec::new();
        let mut n = 0;
        for (p, text) in sources() {
            for (id, mut names) in calls(&text) {
                let Some(vars) = zh.get(&id) else { continue };
                n += 1;
                names.sort();
                names.dedup();
                if &names != vars {
                    wrong.push(format!(
                        "{}: {id} given {names:?}, uses {vars:?}",
                        p.display()
                    ));
                }
            }
        }
        assert!(n > 200, "{n} calls found");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn every_diagnostic_message_of_the_catalogs_is_used() {
        let used: std::collections::HashSet<String> =
            asked_for().into_iter().map(|(_, id)| id).collect();
        let unused: Vec<String> = ids(Lang::Zh)
            .into_keys()
            .filter(|id| DIAGNOSTIC_PREFIXES.iter().any(|x| id.starts_with(x)))
            .filter(|id| !used.contains(id))
            .collect();
        assert!(unused.is_empty(), "never used: {unused:?}");
    }

    #[test]
    fn languages_are_read_as_people_write_them() {
        for (t, l) in [
            ("zh", Lang::Zh),
            ("zh_CN.UTF-8", Lang::Zh),
            ("中文", Lang::Zh),
            ("EN", Lang::En),
            ("en_US.UTF-8", Lang::En),
        ] {
            assert_eq!(Lang::parse(t), Some(l), "{t}");
        }
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn arguments_keep_their_digits() {
        assert_eq!(
            message(
                Lang::En,
                "flag-bonus-capped",
                &[("raw", "6"), ("capped", "5.00")]
            ),
            "bonus 6 capped at 5.00"
        );
    }
}
