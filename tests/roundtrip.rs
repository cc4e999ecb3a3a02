//! Formatting never changes meaning: parse → model equals format → parse → model, formatting is idempotent,
//! shipped files are canonical, and no input (random bytes, mutated shipped specs) makes the parser, the model
//! builder or the renderer panic.

use std::path::{Path, PathBuf};

use overlap::diagnostic::{Diagnostic, SourceFile, render};
use overlap::model::Catalog;
use overlap::model::load::{EMBEDDED, load_sources, source_from_bytes};
use overlap::syntax::format::format;
use overlap::syntax::{BlockKind, parse_document};
use proptest::prelude::*;

type Sources = Vec<(SourceFile, Option<Diagnostic>)>;

fn embedded() -> Sources {
    EMBEDDED
        .iter()
        .map(|(name, text)| (SourceFile::new(*name, *text), None))
        .collect()
}

fn catalog(sources: Sources) -> Catalog {
    match load_sources(sources) {
        Ok(ws) => ws.catalog,
        Err(e) => panic!("{}", e.render(false)),
    }
}

/// Parses without errors and returns the canonical text.
fn formatted(text: &str, what: &str) -> String {
    let (doc, diags) = parse_document(text, 0);
    assert!(diags.is_empty(), "{what}: {diags:?}");
    format(&doc)
}

fn check_idempotent(text: &str, what: &str) -> String {
    let once = formatted(text, what);
    let twice = formatted(&once, what);
    assert_eq!(once, twice, "{what}: formatting is not idempotent");
    once
}

#[test]
fn shipped_files_are_canonical_and_round_trip() {
    let original = catalog(embedded());
    assert!(!EMBEDDED.is_empty());
    for (k, (name, text)) in EMBEDDED.iter().enumerate() {
        let canonical = check_idempotent(text, name);
        assert!(
            canonical == *text,
            "{name} is not canonical; run `overlap fmt --write {name}`"
        );
        // Formatting the file (here a no-op, but the check is the one the fixtures get) keeps the model.
        let mut sources = embedded();
        sources[k].0.text = canonical;
        assert_eq!(catalog(sources), original, "{name}");
    }
}

#[test]
fn shipped_files_are_canonical_in_the_cli() {
    let files: Vec<PathBuf> = EMBEDDED
        .iter()
        .map(|(name, _)| PathBuf::from(name))
        .collect();
    assert_cmd::Command::cargo_bin("overlap")
        .expect("binary built")
        .arg("fmt")
        .arg("--check")
        .args(&files)
        .assert()
        .success();
}

fn valid_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/valid")
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ovl"))
        .collect();
    v.sort();
    v
}

/// The fixture with the shipped specs, unless it is a taxonomy (which replaces the shipped one).
fn with_context(p: &Path, text: String) -> Sources {
    let (doc, _) = parse_document(&text, 0);
    let taxonomy = doc
        .blocks
        .first()
        .is_some_and(|b| b.kind == BlockKind::Taxonomy);
    let mut sources = if taxonomy { Vec::new() } else { embedded() };
    sources.push((SourceFile::new(p.display().to_string(), text), None));
    sources
}

#[test]
fn valid_fixtures_round_trip() {
    for p in valid_fixtures() {
        let text = std::fs::read_to_string(&p).expect("utf-8");
        let what = p.display().to_string();
        let canonical = check_idempotent(&text, &what);
        assert_eq!(
            catalog(with_context(&p, text)),
            catalog(with_context(&p, canonical.clone())),
            "{what}: formatting changed the model"
        );
        // The printer's own rules: LF only, no tabs, no trailing spaces, two-space indents.
        for line in canonical.lines() {
            assert!(
                !line.contains('\t') && !line.ends_with(' ') && !line.contains('\r'),
                "{what}: {line:?}"
            );
            let indent = line.len() - line.trim_start().len();
            assert!(indent % 2 == 0, "{what}: {line:?}");
        }
    }
}

#[test]
fn comments_survive_formatting() {
    let text = std::fs::read_to_string("tests/fixtures/valid/comments.ovl").expect("fixture");
    let canonical = formatted(&text, "comments");
    for line in text.lines() {
        if let Some(at) = line.find('#') {
            let comment = line[at..].trim_end();
            // `#` inside a text or a URL is not a comment.
            if !line[..at].contains('"') && !line[..at].contains('<') {
                assert!(
                    canonical.contains(comment),
                    "lost {comment:?}:\n{canonical}"
                );
            }
        }
    }
}

// ---- generated specs ----

/// Text as the model holds it: words of letters, punctuation, quotes, backslashes and non-ASCII characters.
fn model_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => "[a-zA-Z0-9]{1,10}",
        1 => Just("\"".to_string()),
        1 => Just("\\".to_string()),
        1 => Just("\\n".to_string()),
        1 => Just("#".to_string()),
        1 => Just("<https://x>".to_string()),
        1 => "[“’–—éçöñØ漢字🧠,.;:()'-]{1,4}",
    ];
    proptest::collection::vec(word, 1..30).prop_map(|w| w.join(" "))
}

/// How a text is written: white space between words may be spaces, tabs or line breaks.
#[derive(Debug, Clone)]
struct Written {
    text: String,
    gaps: Vec<&'static str>,
    curly: bool,
}

fn written() -> impl Strategy<Value = Written> {
    (
        model_text(),
        proptest::collection::vec(prop_oneof![6 => Just(" "), 1 => Just("  \t "), 1 => Just("\n      "), 1 => Just("\r\n\t")], 30),
        any::<bool>(),
    )
        .prop_map(|(text, gaps, curly)| Written { text, gaps, curly })
}

impl Written {
    fn render(&self) -> String {
        // Curly quotes need no escapes, but cannot hold a closing curly quote.
        let curly = self.curly && !self.text.contains('”');
        let mut s = String::from(if curly { "“" } else { "\"" });
        for (k, w) in self.text.split(' ').enumerate() {
            if k > 0 {
                s.push_str(self.gaps[k % self.gaps.len()]);
            }
            if curly {
                s.push_str(w);
            } else {
                s.push_str(&w.replace('\\', "\\\\").replace('"', "\\\""));
            }
        }
        s.push_str(if curly { "”" } else { "\"" });
        s
    }
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9_.-]{0,8}"
}

fn comment() -> impl Strategy<Value = Option<String>> {
    proptest::option::weighted(0.2, "[ a-zA-Z0-9#\"“é🧠.,-]{0,20}")
}

fn source() -> impl Strategy<Value = Option<(Option<Written>, Option<Written>, String)>> {
    proptest::option::weighted(
        0.4,
        (
            proptest::option::of(written()),
            proptest::option::weighted(0.3, written()),
            "https?://[a-z]{1,8}\\.org/[a-zA-Z0-9/#%?=&_.-]{0,20}",
        ),
    )
}

#[derive(Debug, Clone)]
struct Outcome {
    text: Written,
    tags: Vec<(String, String)>,
    source: Option<(Option<Written>, Option<Written>, String)>,
    derived: bool,
    comment: Option<String>,
}

#[derive(Debug, Clone)]
struct Module {
    title: Written,
    code: Option<Written>,
    credits: u32,
    levels: Vec<u32>,
    aims: Option<Written>,
    source: Option<(Option<Written>, Option<Written>, String)>,
    outcomes: Vec<Outcome>,
    comment: Option<String>,
}

#[derive(Debug, Clone)]
struct Spec {
    curriculum: Option<(Written, Vec<Written>, Vec<String>, bool)>,
    prefix: String,
    modules: Vec<Module>,
    indent: &'static str,
    eol: &'static str,
    trailing: Option<String>,
}

fn outcome() -> impl Strategy<Value = Outcome> {
    (
        written(),
        proptest::collection::vec((id(), id()), 0..3),
        source(),
        any::<bool>(),
        comment(),
    )
        .prop_map(|(text, tags, source, derived, comment)| Outcome {
            text,
            tags,
            source,
            derived,
            comment,
        })
}

fn module() -> impl Strategy<Value = Module> {
    (
        written(),
        proptest::option::of(written()),
        0u32..60,
        proptest::collection::vec(3u32..9, 1..3),
        proptest::option::of(written()),
        source(),
        proptest::collection::vec(outcome(), 1..5),
        comment(),
    )
        .prop_map(
            |(title, code, credits, levels, aims, source, outcomes, comment)| Module {
                title,
                code,
                credits,
                levels,
                aims,
                source,
                outcomes,
                comment,
            },
        )
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::option::of((
            written(),
            proptest::collection::vec(written(), 0..3),
            proptest::collection::vec(id(), 1..3),
            any::<bool>(),
        )),
        "[A-Za-z][A-Za-z0-9]{0,5}",
        proptest::collection::vec(module(), 1..5),
        prop_oneof![Just("  "), Just("\t"), Just(""), Just("     ")],
        prop_oneof![3 => Just("\n"), 1 => Just("\r\n"), 1 => Just("\n\n")],
        comment(),
    )
        .prop_map(
            |(curriculum, prefix, modules, indent, eol, trailing)| Spec {
                curriculum,
                prefix,
                modules,
                indent,
                eol,
                trailing,
            },
        )
}

impl Spec {
    fn render(&self) -> String {
        let mut out = String::new();
        let mut line = |depth: usize, s: String, comment: &Option<String>| {
            if let Some(c) = comment {
                out.push_str(&self.indent.repeat(depth));
                out.push('#');
                out.push_str(c);
                out.push_str(self.eol);
            }
            out.push_str(&self.indent.repeat(depth));
            out.push_str(&s);
            if let Some(c) = comment {
                out.push_str(" #");
                out.push_str(c);
            }
            out.push_str(self.eol);
        };
        let src = |s: &(Option<Written>, Option<Written>, String)| {
            let mut t = String::from("source ");
            if let Some(title) = &s.0 {
                t.push_str(&title.render());
                t.push(' ');
            }
            if let Some(ed) = &s.1 {
                t.push_str("edition ");
                t.push_str(&ed.render());
                t.push(' ');
            }
            t.push_str(&format!("<{}>", s.2));
            t
        };
        let depth = usize::from(self.curriculum.is_some());
        if let Some((title, aliases, population, high)) = &self.curriculum {
            let total: u32 = self.modules.iter().map(|m| m.credits).sum();
            line(
                0,
                format!("curriculum {}-C {}", self.prefix, title.render()),
                &None,
            );
            if !aliases.is_empty() {
                let a: Vec<String> = aliases.iter().map(Written::render).collect();
                line(1, format!("aliases {}", a.join(" , ")), &None);
            }
            line(1, format!("population {}", population.join(",")), &None);
            line(1, format!("setting {}", population.join(", ")), &None);
            line(
                1,
                format!("intensity {}", if *high { "high" } else { "low" }),
                &None,
            );
            line(1, format!("credits {total}"), &None);
            line(1, "level 6".into(), &None);
            // Every outcome needs a URL in a curriculum; the curriculum's source provides one.
            line(1, "source <https://example.org/c>".into(), &None);
        }
        for (i, m) in self.modules.iter().enumerate() {
            let mid = format!("{}-{i}", self.prefix);
            line(
                depth,
                format!("module {mid} {}", m.title.render()),
                &m.comment,
            );
            if let Some(c) = &m.code {
                line(depth + 1, format!("code {}", c.render()), &None);
            }
            line(depth + 1, format!("credits {}", m.credits), &None);
            let levels: Vec<String> = m.levels.iter().map(u32::to_string).collect();
            line(depth + 1, format!("level {}", levels.join(",")), &None);
            if let Some(a) = &m.aims {
                line(depth + 1, format!("aims {}", a.render()), &None);
            }
            if let Some(s) = &m.source {
                line(depth + 1, src(s), &None);
            }
            for (j, o) in m.outcomes.iter().enumerate() {
                line(
                    depth + 1,
                    format!("outcome {mid}.{j} {}", o.text.render()),
                    &o.comment,
                );
                let mut tags: Vec<String> =
                    o.tags.iter().map(|(d, c)| format!("{d}.{c}")).collect();
                tags.dedup();
                tags.sort();
                tags.dedup();
                if !tags.is_empty() {
                    line(depth + 2, format!("tags {}", tags.join(", ")), &None);
                }
                if let Some(s) = &o.source {
                    line(depth + 2, src(s), &None);
                }
                if o.derived {
                    line(depth + 2, "derived from aims".into(), &None);
                }
            }
        }
        if let Some(c) = &self.trailing {
            out.push('#');
            out.push_str(c);
            out.push_str(self.eol);
        }
        out
    }
}

fn build_alone(text: &str) -> Result<Catalog, String> {
    load_sources(vec![(SourceFile::new("generated.ovl", text), None)])
        .map(|ws| ws.catalog)
        .map_err(|e| e.render(false))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn generated_specs_round_trip(spec in spec()) {
        let text = spec.render();
        let model = build_alone(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let canonical = formatted(&text, "generated");
        let again = build_alone(&canonical).map_err(|e| TestCaseError::fail(format!("{e}\n{canonical}")))?;
        prop_assert_eq!(&model, &again);
        prop_assert_eq!(formatted(&canonical, "canonical"), canonical.clone());
        // Texts keep their words, whatever quotes and white space they were written with.
        let first = &spec.modules[0];
        let m = model.curricula.first().map_or_else(|| &model.loose_modules[0].1, |c| &c.modules[0]);
        prop_assert_eq!(&m.title, &first.title.text);
        prop_assert_eq!(&m.outcomes[0].text, &first.outcomes[0].text.text);
    }
}

// ---- never panic ----

/// Parses, builds and renders; any outcome but a panic is fine. A clean parse must also format stably.
fn exercise(name: &str, bytes: Vec<u8>, context: Sources) {
    let (src, _) = source_from_bytes(name.to_string(), bytes.clone());
    let (doc, diags) = parse_document(&src.text, 0);
    if diags.is_empty() {
        let once = format(&doc);
        let (doc2, diags2) = parse_document(&once, 0);
        assert!(
            diags2.is_empty(),
            "the formatter wrote an unparsable file:\n{once}\nfrom\n{}",
            src.text
        );
        assert_eq!(
            format(&doc2),
            once,
            "formatting is not idempotent for\n{}",
            src.text
        );
    } else {
        let _ = render(&diags, std::slice::from_ref(&src), false);
    }
    let mut sources = context;
    sources.push(source_from_bytes(name.to_string(), bytes));
    if let Err(e) = load_sources(sources) {
        let _ = e.render(false);
        let _ = e.render(true);
    }
}

/// Fragments of the language, so random input reaches deep into the parser.
fn token() -> impl Strategy<Value = String> {
    let mut kws: Vec<String> = overlap::syntax::parse::KEYWORDS
        .iter()
        .map(|k| format!("{k} "))
        .collect();
    kws.extend(
        [
            "\"",
            "“",
            "”",
            "\\",
            "\n",
            "\r\n",
            "\r",
            "\t",
            " ",
            "#",
            ",",
            "<https://a.b/c>",
            "<",
            ">",
            "as ",
            "from aims",
            "edition ",
            "low",
            "high",
            "20",
            "99999999999",
            "M-1",
            "M-1.1",
            "assessment.risk-assessment",
            "é",
            "🧠",
            "\u{feff}",
            "\u{2028}",
            "\u{85}",
            "\x0b",
            "\0",
            "population adults",
            "setting talking-therapies",
        ]
        .map(String::from),
    );
    prop_oneof![4 => proptest::sample::select(kws), 1 => "\\PC{0,4}"]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        exercise("random.ovl", bytes, Vec::new());
    }

    #[test]
    fn random_token_soup_never_panics(tokens in proptest::collection::vec(token(), 0..80)) {
        exercise("soup.ovl", tokens.concat().into_bytes(), Vec::new());
    }

    #[test]
    fn mutated_shipped_specs_never_panic(
        file in 0..EMBEDDED.len(),
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), 0u8..3, proptest::collection::vec(any::<u8>(), 0..8)), 1..6),
    ) {
        let (name, text) = EMBEDDED[file];
        let mut bytes = text.as_bytes().to_vec();
        for (at, kind, data) in edits {
            let k = at.index(bytes.len() + 1);
            match kind {
                0 => { bytes.drain(k..(k + data.len()).min(bytes.len())); }
                1 => { bytes.splice(k..k, data); }
                _ => {
                    let end = (k + data.len()).min(bytes.len());
                    bytes.splice(k..end, data);
                }
            }
        }
        let mut context = embedded();
        context.remove(file);
        exercise(name, bytes, context);
    }
}

#[test]
fn spans_at_awkward_places_render() {
    let files = [
        SourceFile::new("empty.ovl", ""),
        SourceFile::new("multi.ovl", "é🧠\r\nx\u{2028}y\n"),
    ];
    for file in 0..2 {
        let len = files[file].text.len();
        for start in 0..=len + 2 {
            for end in [start, start + 1, start + 3, len + 5, 0] {
                let d =
                    Diagnostic::error(file, overlap::diagnostic::Span::new(start, end), "x", "m")
                        .help("h");
                let out = render(&[d], &files, false);
                assert!(out.contains("1 error found"), "{out}");
            }
        }
    }
}
