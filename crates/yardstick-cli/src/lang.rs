//! The command line in the user's language: help texts, value names and clap's own errors come
//! from the library's message catalogs (`cli-…` ids), Chinese by default.
//!
//! The language is known before the arguments are parsed: `--lang X` (or `--lang=X`) anywhere
//! on the line, else `YARDSTICK_LANG`, else Chinese.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use yardstick::i18n::{Lang, message};
use yardstick::tr;

/// The language asked for on the command line or in the environment.
pub fn from_args(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = if a == "--lang" {
            it.next().map(String::as_str)
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(l) = value.and_then(Lang::parse) {
            return l;
        }
    }
    Lang::from_env().unwrap_or_default()
}

/// A catalog message when it exists.
fn lookup(lang: Lang, id: &str) -> Option<String> {
    let text = message(lang, id, &[]);
    (text != id).then_some(text)
}

/// The command with every text in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .about(tr!(lang, "cli-about"))
        .override_usage(tr!(lang, "cli-usage"))
        .help_template(tr!(lang, "cli-template-top"))
        .arg(help_arg(lang))
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(tr!(lang, "cli-arg-version")),
        );
    let cmd = localize_args(cmd, lang, None);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.into_iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(&name, |sub| {
            let about = lookup(lang, &format!("cli-{name}-about"))
                .unwrap_or_else(|| sub.get_about().map(|a| a.to_string()).unwrap_or_default());
            let sub = match lookup(lang, &format!("cli-{name}-usage")) {
                Some(u) => sub.override_usage(u),
                None => sub,
            };
            let sub = sub
                .disable_help_flag(true)
                .about(about)
                .help_template(tr!(lang, "cli-template-sub"))
                .arg(help_arg(lang));
            localize_args(sub, lang, Some(&name))
        })
    })
}

fn help_arg(lang: Lang) -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .global(true)
        .help(tr!(lang, "cli-arg-help"))
}

/// Localizes each argument of `cmd`: its help (`cli-<verb>-<arg>`, else `cli-arg-<arg>`, which
/// also names the choices of an argument that has them) and its value name
/// (`cli-value-name-<name>`).
fn localize_args(cmd: Command, lang: Lang, verb: Option<&str>) -> Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    ids.into_iter().fold(cmd, |cmd, id| {
        cmd.mut_arg(&id, |a| {
            let key = id.replace('_', "-");
            let help = verb
                .and_then(|v| lookup(lang, &format!("cli-{v}-{key}")))
                .or_else(|| lookup(lang, &format!("cli-arg-{key}")));
            let a = match help {
                Some(h) => a.help(h),
                None => a,
            };
            let names: Vec<String> = a
                .get_value_names()
                .map(|n| n.iter().map(|s| s.to_string()).collect())
                .unwrap_or_else(|| {
                    if a.is_positional() {
                        vec![id.to_uppercase()]
                    } else {
                        Vec::new()
                    }
                });
            let a = if names.is_empty() {
                a
            } else {
                let local: Vec<String> = names
                    .iter()
                    .map(|n| {
                        lookup(lang, &format!("cli-value-name-{}", n.to_lowercase()))
                            .unwrap_or_else(|| n.clone())
                    })
                    .collect();
                a.value_names(local)
            };
            // The choices and the default are named in the help text itself, in the user's
            // language.
            if !a.get_action().takes_values() {
                return a;
            }
            let a = a.hide_default_value(true);
            if a.get_possible_values().is_empty() {
                a
            } else {
                a.hide_possible_values(true)
            }
        })
    })
}

/// What a failed parse comes to: `--help` and `--version` print what was asked for (exit 0);
/// any other error is printed in `lang` (exit 2).
pub fn exit_for(e: &clap::Error, lang: Lang) -> std::process::ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            std::process::ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{}", error_text(e, lang));
            std::process::ExitCode::from(2)
        }
    }
}

/// A clap error in `lang`, with the usage and a pointer to `--help`.
pub fn error_text(e: &clap::Error, lang: Lang) -> String {
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    let valid = ctx(ContextKind::ValidValue);
    let mut text = match e.kind() {
        ErrorKind::InvalidValue if !valid.is_empty() => {
            tr!(
                lang,
                "cli-error-invalid-choice",
                value = value,
                arg = arg,
                valid = valid
            )
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            tr!(lang, "cli-error-empty-value", arg = arg)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let why = e.source().map(|s| s.to_string()).unwrap_or_default();
            tr!(
                lang,
                "cli-error-invalid-value",
                value = value,
                arg = arg,
                why = why
            )
        }
        ErrorKind::UnknownArgument => tr!(lang, "cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            let command = ctx(ContextKind::InvalidSubcommand);
            tr!(lang, "cli-error-unknown-command", command = command)
        }
        ErrorKind::MissingRequiredArgument => {
            tr!(lang, "cli-error-missing-argument", arg = arg)
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            tr!(lang, "cli-error-missing-command")
        }
        ErrorKind::ArgumentConflict => {
            let other = ctx(ContextKind::PriorArg);
            tr!(lang, "cli-error-conflict", arg = arg, other = other)
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            tr!(lang, "cli-error-values", arg = arg)
        }
        ErrorKind::Io | ErrorKind::Format => tr!(lang, "cli-error-io", why = e.kind()),
        _ => {
            // Any other clap error: its own words, behind ours.
            let own = e.to_string();
            let own = own
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ");
            tr!(lang, "cli-error-other", why = own)
        }
    };
    let suggested = ctx(ContextKind::SuggestedArg);
    let suggested = if suggested.is_empty() {
        ctx(ContextKind::SuggestedSubcommand)
    } else {
        suggested
    };
    if !suggested.is_empty() {
        text.push('\n');
        text.push_str(&tr!(lang, "cli-error-suggest", suggestion = suggested));
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        text.push_str("\n\n");
        text.push_str(&tr!(lang, "cli-usage-heading"));
        text.push_str(usage);
    }
    text.push_str("\n\n");
    text.push_str(&tr!(lang, "cli-error-help"));
    text
}
