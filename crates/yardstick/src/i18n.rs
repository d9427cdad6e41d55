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

    #[test]
    fn every_message_the_code_asks_for_is_in_the_catalogs() {
        let zh = ids(Lang::Zh);
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                let parts: Vec<&str> = text.split("tr!(").collect();
                for (before, part) in parts.iter().zip(parts.iter().skip(1)) {
                    // `tr!(lang, "id"` … the first literal is the id (not `include_str!(`).
                    if before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    if let Some(id) = part.split('"').nth(1)
                        && !id.is_empty()
                        && !id.contains(' ')
                        && !zh.contains_key(id)
                        && id != "id"
                    {
                        missing.push(format!("{}: {id}", p.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "not in the catalogs: {missing:?}");
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
