//! Statement parser (nom). Every error is located and the parser resumes at the next line, so one run reports
//! every broken statement of a file.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::{char, digit1, satisfy, space0, space1},
    combinator::{opt, recognize},
    error::{ErrorKind, ParseError},
    multi::separated_list1,
    sequence::{delimited, pair, preceded},
};

use super::ast::{DefineKind, Spanned, Statement, Stmt, Word};
use crate::diagnostic::{Diagnostic, Span};

/// Where parsing stopped and what would have been accepted there.
#[derive(Debug, Clone)]
pub struct PErr<'a> {
    rest: &'a str,
    expected: &'static str,
    help: Option<&'static str>,
    /// The rest of the file cannot be read (an unclosed text swallows it).
    fatal: bool,
}

impl<'a> ParseError<&'a str> for PErr<'a> {
    fn from_error_kind(rest: &'a str, _: ErrorKind) -> Self {
        PErr {
            rest,
            expected: "",
            help: None,
            fatal: false,
        }
    }
    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type Res<'a, O> = IResult<&'a str, O, PErr<'a>>;

/// Parses `p`; on failure, reports `expected` at the position where `p` was tried.
fn expect<'a, O>(
    expected: &'static str,
    mut p: impl Parser<&'a str, Output = O, Error = PErr<'a>>,
) -> impl FnMut(&'a str) -> Res<'a, O> {
    move |i: &'a str| {
        p.parse(i).map_err(|e| {
            e.map(|inner| {
                if inner.fatal {
                    inner
                } else {
                    PErr {
                        rest: i,
                        expected,
                        help: None,
                        fatal: false,
                    }
                }
            })
        })
    }
}

pub const KEYWORDS: &[&str] = &[
    "curriculum",
    "module",
    "outcome",
    "taxonomy",
    "domain",
    "competency",
    "define",
    "aliases",
    "population",
    "setting",
    "intensity",
    "award",
    "credits",
    "level",
    "code",
    "aims",
    "same",
    "description",
    "critical",
    "tags",
    "derived",
    "source",
];

struct Ctx<'a> {
    base: &'a str,
}

impl<'a> Ctx<'a> {
    fn off(&self, rest: &str) -> usize {
        self.base.len() - rest.len()
    }
    fn span(&self, before: &str, after: &str) -> Span {
        Span::new(self.off(before), self.off(after))
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'
}

fn raw_id(i: &str) -> Res<'_, &str> {
    recognize(pair(
        satisfy(|c| c.is_ascii_alphanumeric()),
        take_while(is_id_char),
    ))
    .parse(i)
}

/// Collapses runs of white space (including line breaks) to one space, as the language defines text.
pub fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_body(i: &str) -> Res<'_, String> {
    let (open, close) = if i.starts_with('"') {
        ('"', '"')
    } else if i.starts_with('“') {
        ('“', '”')
    } else {
        return Err(nom::Err::Error(PErr::from_error_kind(i, ErrorKind::Char)));
    };
    let body = &i[open.len_utf8()..];
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((k, c)) = chars.next() {
        if c == close {
            let rest = &body[k + c.len_utf8()..];
            return Ok((rest, normalize_space(&out)));
        }
        if c == '\\'
            && open == '"'
            && let Some((_, n @ ('"' | '\\'))) = chars.clone().next()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    Err(nom::Err::Failure(PErr {
        rest: i,
        expected: "a closing quote for this text",
        help: Some(if open == '"' {
            "close the text with `\"`; inside a text, `\\\"` is a quote that does not close it (write `\\\\` for a backslash)"
        } else {
            "a text opened with `“` must be closed with `”`; a straight `\"` does not close it"
        }),
        fatal: true,
    }))
}

fn number(i: &str) -> Res<'_, &str> {
    digit1(i)
}

fn comma(i: &str) -> Res<'_, char> {
    delimited(space0, char(','), space0).parse(i)
}

fn url_body(i: &str) -> Res<'_, &str> {
    delimited(
        char('<'),
        recognize(pair(
            alt((tag("https://"), tag("http://"))),
            take_while1(|c: char| c != '>' && !c.is_whitespace()),
        )),
        char('>'),
    )
    .parse(i)
}

impl<'a> Ctx<'a> {
    fn word(&self, i: &'a str, p: fn(&'a str) -> Res<'a, &'a str>) -> Res<'a, Word> {
        let (rest, w) = p(i)?;
        Ok((rest, Spanned::new(w.to_string(), self.span(i, rest))))
    }

    fn id(&self, i: &'a str) -> Res<'a, Word> {
        self.word(i, raw_id).map_err(|_| {
            nom::Err::Error(PErr {
                rest: i,
                expected: "an id (letters, digits, '-', '_' or '.')",
                help: Some(
                    "an id starts with a letter or a digit, like `PWP-1` or `risk-assessment`",
                ),
                fatal: false,
            })
        })
    }

    fn text(&self, i: &'a str) -> Res<'a, Word> {
        expect("a text in quotes", |i: &'a str| {
            let (rest, t) = text_body(i)?;
            Ok((rest, Spanned::new(t, self.span(i, rest))))
        })(i)
    }

    fn num(&self, i: &'a str) -> Res<'a, Spanned<u32>> {
        let (rest, w) = expect("a whole number", |i| self.word(i, number))(i)?;
        match w.value.parse::<u32>() {
            Ok(n) => Ok((rest, Spanned::new(n, w.span))),
            Err(_) => Err(nom::Err::Error(PErr {
                rest: i,
                expected: "a number below 4 294 967 296",
                help: None,
                fatal: false,
            })),
        }
    }

    fn url(&self, i: &'a str) -> Res<'a, Word> {
        self.word(i, url_body).map_err(|_| {
            nom::Err::Error(PErr {
                rest: i,
                expected: "a web address in angle brackets, like <https://…>",
                help: Some(
                    "write the address between `<` and `>`, starting with `https://` or `http://`",
                ),
                fatal: false,
            })
        })
    }

    fn list<O>(&self, i: &'a str, item: impl Fn(&'a str) -> Res<'a, O>) -> Res<'a, Vec<O>> {
        separated_list1(comma, item).parse(i)
    }

    /// Parses the arguments of the statement whose keyword is `kw`; `i` starts after the keyword.
    fn args(&self, kw: &str, i: &'a str) -> Res<'a, Stmt> {
        let sp = |i| preceded(space1, |i| Ok((i, ()))).parse(i);
        let header = |i: &'a str| -> Res<'a, (Word, Word)> {
            let with_help = |e: nom::Err<PErr<'a>>| {
                e.map(|mut e| {
                    e.help = e.help.or(Some(header_help(kw)));
                    e
                })
            };
            let (i, _) = expect("a space and an id", sp)(i).map_err(with_help)?;
            let (i, id) = self.id(i)?;
            let (i, _) = expect("a space and a title in quotes", sp)(i).map_err(with_help)?;
            let (i, t) = self.text(i).map_err(with_help)?;
            Ok((i, (id, t)))
        };
        let after = |i: &'a str| expect("a space", sp)(i);
        match kw {
            "curriculum" => header(i).map(|(r, (id, title))| (r, Stmt::Curriculum { id, title })),
            "module" => header(i).map(|(r, (id, title))| (r, Stmt::Module { id, title })),
            "outcome" => header(i).map(|(r, (id, text))| (r, Stmt::Outcome { id, text })),
            "taxonomy" => header(i).map(|(r, (id, title))| (r, Stmt::Taxonomy { id, title })),
            "domain" => header(i).map(|(r, (id, title))| (r, Stmt::Domain { id, title })),
            "competency" => header(i).map(|(r, (id, title))| (r, Stmt::Competency { id, title })),
            "define" => {
                let (i, _) = after(i)?;
                let (i, kind) = expect(
                    "`population` or `setting`",
                    alt((
                        tag("population").map(|_| DefineKind::Population),
                        tag("setting").map(|_| DefineKind::Setting),
                    )),
                )(i)?;
                let (i, (id, label)) = header(i)?;
                Ok((i, Stmt::Define { kind, id, label }))
            }
            "aliases" => {
                let (i, _) = after(i)?;
                let (i, v) = self.list(i, |i| self.text(i))?;
                Ok((i, Stmt::Aliases(v)))
            }
            "population" | "setting" | "tags" => {
                let (i, _) = after(i)?;
                let (i, v) = self.list(i, |i| self.id(i))?;
                Ok((
                    i,
                    match kw {
                        "population" => Stmt::Population(v),
                        "setting" => Stmt::Setting(v),
                        _ => Stmt::Tags(v),
                    },
                ))
            }
            "intensity" => {
                let (i, _) = after(i)?;
                let (r, w) = expect("`low` or `high`", |i| {
                    self.word(i, |i| alt((tag("low"), tag("high"))).parse(i))
                })(i)?;
                Ok((r, Stmt::Intensity(w)))
            }
            "award" | "code" | "aims" | "description" => {
                let (i, _) = after(i)?;
                let (i, t) = self.text(i)?;
                Ok((
                    i,
                    match kw {
                        "award" => Stmt::Award(t),
                        "code" => Stmt::Code(t),
                        "aims" => Stmt::Aims(t),
                        _ => Stmt::Description(t),
                    },
                ))
            }
            "credits" => {
                let (i, _) = after(i)?;
                let (i, n) = self.num(i)?;
                Ok((i, Stmt::Credits(n)))
            }
            "level" => {
                let (i, _) = after(i)?;
                let (i, v) = self.list(i, |i| self.num(i))?;
                Ok((i, Stmt::Level(v)))
            }
            "same" => {
                let (i, _) = expect("`as` (the statement is `same as MODULE-ID`)", |i| {
                    preceded(space1, tag("as")).parse(i)
                })(i)?;
                let (i, _) = after(i)?;
                let (i, id) = self.id(i)?;
                Ok((i, Stmt::SameAs(id)))
            }
            "critical" => {
                let (i2, _) = space0(i)?;
                if i2.starts_with('"') || i2.starts_with('“') {
                    let (i, t) = self.text(i2)?;
                    Ok((i, Stmt::Critical(Some(t))))
                } else {
                    Ok((i, Stmt::Critical(None)))
                }
            }
            "derived" => {
                // Each word is checked on its own, so the message points at the one that is wrong or missing.
                let (i, _) = expect("`from` (the statement is `derived from aims`)", |i| {
                    preceded(space1, tag("from")).parse(i)
                })(i)?;
                let (i, _) = expect("`aims` (the statement is `derived from aims`)", |i| {
                    preceded(space1, tag("aims")).parse(i)
                })(i)?;
                Ok((i, Stmt::Derived))
            }
            "source" => {
                let (i, _) = after(i)?;
                let (i, title) = opt(|i| self.text(i)).parse(i)?;
                let (i, _) = space0(i)?;
                let (i, edition) =
                    opt(preceded((tag("edition"), space1), |i| self.text(i))).parse(i)?;
                let (i, _) = space0(i)?;
                let (i, url) = self.url(i)?;
                Ok((
                    i,
                    Stmt::Source {
                        title,
                        edition,
                        url,
                    },
                ))
            }
            // Only words in KEYWORDS reach here; anything else reads as an unknown keyword.
            _ => Err(nom::Err::Error(PErr {
                rest: i,
                expected: "a keyword",
                help: None,
                fatal: false,
            })),
        }
    }
}

/// Splits a file into statements. Errors do not stop the parse: each broken line is reported and skipped.
pub fn parse_statements(text: &str, file: usize) -> (Vec<Statement>, Vec<String>, Vec<Diagnostic>) {
    let cx = Ctx { base: text };
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut comments = Vec::new();
    let mut rest = text;
    // A byte-order mark is invisible in editors; accept it.
    rest = rest.strip_prefix('\u{feff}').unwrap_or(rest);
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\r']);
        if rest.is_empty() {
            break;
        }
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
            continue;
        }
        if let Some(r) = rest.strip_prefix('#') {
            let end = r.find('\n').unwrap_or(r.len());
            comments.push(r[..end].trim_end().to_string());
            rest = &r[end..];
            continue;
        }
        match statement(&cx, rest) {
            Ok((r, mut st)) => {
                st.comments = std::mem::take(&mut comments);
                out.push(st);
                rest = r;
            }
            Err(e) => {
                let fatal = e.fatal;
                diags.push(to_diagnostic(&cx, file, e));
                if fatal {
                    break;
                }
                // A broken header still opens its block, so the lines under it are not reported as misplaced.
                if let Some(mut st) = placeholder(&cx, rest) {
                    st.comments = std::mem::take(&mut comments);
                    out.push(st);
                }
                let end = rest.find('\n').unwrap_or(rest.len());
                rest = &rest[end..];
            }
        }
    }
    (out, comments, diags)
}

fn statement<'a>(cx: &Ctx<'a>, i: &'a str) -> Result<(&'a str, Statement), PErr<'a>> {
    let start = i;
    let (after_kw, kw) =
        take_while1::<_, _, PErr>(|c: char| c.is_ascii_lowercase() || c.is_ascii_uppercase())
            .parse(i)
            .map_err(|_| PErr {
                rest: i,
                expected: "a keyword such as `module` or `outcome`",
                help: Some("each line starts with a keyword; a `#` starts a comment"),
                fatal: false,
            })?;
    let keyword_span = cx.span(i, after_kw);
    let lower = kw.to_ascii_lowercase();
    if !KEYWORDS.contains(&lower.as_str()) || lower != kw {
        return Err(PErr {
            rest: i,
            expected: "a keyword",
            help: None,
            fatal: false,
        });
    }
    let (r, stmt) = cx.args(kw, after_kw).map_err(|e| match e {
        nom::Err::Error(e) | nom::Err::Failure(e) => e,
        nom::Err::Incomplete(_) => PErr::from_error_kind(after_kw, ErrorKind::Eof),
    })?;
    let end = r;
    let (r, _) = space0::<_, PErr>(r).map_err(|_| PErr::from_error_kind(r, ErrorKind::Space))?;
    let (r, trailing) = if let Some(c) = r.strip_prefix('#') {
        let e = c.find('\n').unwrap_or(c.len());
        (&c[e..], Some(c[..e].trim_end().to_string()))
    } else {
        (r, None)
    };
    let r = r.strip_prefix('\r').unwrap_or(r);
    if let Some(after) = r.strip_prefix(',') {
        // A list that ends in a comma: the item after it is missing (often a file cut short).
        let item = match stmt {
            Stmt::Aliases(_) => "another text in quotes after the comma",
            Stmt::Tags(_) => "another tag after the comma",
            Stmt::Level(_) => "another level after the comma",
            _ => "another id after the comma",
        };
        return Err(PErr {
            rest: after.trim_start_matches([' ', '\t']),
            expected: item,
            help: Some("remove the comma at the end of the list, or add the missing item"),
            fatal: false,
        });
    }
    if !(r.is_empty() || r.starts_with('\n')) {
        if cx.base[cx.off(start)..cx.off(end)].contains('\n') {
            // A text ran over a line break and closed on a later line: the real mistake is usually
            // a missing or escaped closing quote where the text began.
            return Err(PErr {
                rest: r,
                expected: "the end of the line",
                help: Some(
                    "a text in quotes began on an earlier line and only ended here; check that line for a missing \
                     closing quote (inside a text, `\\\"` is a quote that does not close it)",
                ),
                fatal: false,
            });
        }
        return Err(PErr {
            rest: r,
            expected: "the end of the line",
            help: Some(match stmt {
                Stmt::Aliases(_)
                | Stmt::Population(_)
                | Stmt::Setting(_)
                | Stmt::Tags(_)
                | Stmt::Level(_) => "separate the items of a list with commas",
                _ => "put each statement on its own line",
            }),
            fatal: false,
        });
    }
    Ok((
        r,
        Statement {
            stmt,
            span: cx.span(start, end),
            keyword_span,
            comments: Vec::new(),
            trailing,
        },
    ))
}

/// An empty header of the kind a broken line was meant to be (its keyword, or the keyword it is a typo of).
/// Only used to keep the block structure; a file with errors is never built into a model or formatted.
fn placeholder(cx: &Ctx<'_>, i: &str) -> Option<Statement> {
    let len = i
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(i.len());
    let word = &i[..len];
    let kw = if KEYWORDS.contains(&word) {
        word
    } else {
        closest_keyword(word)?
    };
    let span = cx.span(i, &i[len..]);
    let none = || Spanned::new(String::new(), span);
    let (id, title) = (none(), none());
    let stmt = match kw {
        "curriculum" => Stmt::Curriculum { id, title },
        "module" => Stmt::Module { id, title },
        "outcome" => Stmt::Outcome { id, text: title },
        "taxonomy" => Stmt::Taxonomy { id, title },
        "domain" => Stmt::Domain { id, title },
        "competency" => Stmt::Competency { id, title },
        _ => return None,
    };
    Some(Statement {
        stmt,
        span,
        keyword_span: span,
        comments: Vec::new(),
        trailing: None,
    })
}

/// The keyword a misspelt word most likely stands for.
fn closest_keyword(word: &str) -> Option<&'static str> {
    let lower = word.to_ascii_lowercase();
    KEYWORDS
        .iter()
        .map(|k| (strsim::jaro_winkler(k, &lower), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(s, _)| *s > 0.8)
        .map(|(_, k)| k)
}

fn header_help(kw: &str) -> &'static str {
    match kw {
        "curriculum" => {
            "a curriculum starts with `curriculum ID \"Title\"`, like `curriculum PWP \"Psychological Wellbeing Practitioner\"`"
        }
        "module" => {
            "a module starts with `module ID \"Title\"`, like `module PWP-1 \"Engagement and assessment\"`"
        }
        "outcome" => {
            "an outcome is `outcome ID \"Text\"`, like `outcome PWP-1.1 \"Carries out an assessment interview.\"`"
        }
        "taxonomy" => "a taxonomy starts with `taxonomy ID \"Title\"`",
        "domain" => "a domain is `domain ID \"Title\"`, like `domain assessment \"Assessment\"`",
        "competency" => "a competency is `competency ID \"Title\"`",
        _ => "`define population ID \"Label\"` or `define setting ID \"Label\"`",
    }
}

fn to_diagnostic(cx: &Ctx<'_>, file: usize, e: PErr<'_>) -> Diagnostic {
    // Point at what is there, not at the blanks before it.
    let e = if e.fatal {
        e
    } else {
        PErr {
            rest: e.rest.trim_start_matches([' ', '\t']),
            ..e
        }
    };
    let at = cx.off(e.rest);
    // Underline the offending token, or one character at the end of a line.
    let tok = e
        .rest
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(e.rest.len());
    let first = e.rest.chars().next().map_or(0, char::len_utf8);
    let tok = if e.fatal { first } else { tok };
    let span = Span::new(at, at + if tok == 0 { first } else { tok });
    let found = describe(e.rest, tok);
    if e.expected == "a keyword" {
        let word = &e.rest[..tok];
        let mut d = Diagnostic::error(file, span, "syntax", format!("unknown keyword `{word}`"))
            .label("not a keyword of the language");
        d = match closest_keyword(word) {
            Some(k) => d.help(format!("did you mean `{}`?", display_kw(k))),
            None => d.help(
                "statements start with a keyword such as `module`, `outcome`, `credits` or `tags`",
            ),
        };
        return d;
    }
    if e.fatal {
        let mut d = Diagnostic::error(file, span, "syntax", "this text is never closed")
            .label("the text that starts here has no closing quote before the end of the file");
        if let Some(h) = e.help {
            d = d.help(h);
        }
        return d;
    }
    let mut d = Diagnostic::error(
        file,
        span,
        "syntax",
        format!("expected {}, found {found}", e.expected),
    )
    .label(format!("expected {}", e.expected));
    if let Some(h) = e.help {
        d = d.help(h);
    }
    d
}

fn display_kw(k: &str) -> &str {
    match k {
        "same" => "same as",
        "derived" => "derived from aims",
        k => k,
    }
}

fn describe(rest: &str, tok: usize) -> String {
    match rest.chars().next() {
        None => "the end of the file".into(),
        Some('\n') | Some('\r') => "the end of the line".into(),
        Some(_) if tok == 0 => format!("`{}`", rest.chars().next().unwrap_or(' ')),
        Some(_) => {
            // Control characters (a NUL from a binary file) are shown escaped, not printed raw.
            let t: String = rest[..tok]
                .chars()
                .take(40)
                .flat_map(|c| {
                    let esc: Vec<char> = if c.is_control() {
                        c.escape_default().collect()
                    } else {
                        vec![c]
                    };
                    esc
                })
                .collect();
            format!("`{t}`")
        }
    }
}
