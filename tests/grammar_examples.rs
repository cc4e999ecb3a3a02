//! The grammar document is the language's reference: every ```ovl example in it must parse, and every
//! ```ovl-invalid example must be rejected.

use overlap::diagnostic::SourceFile;
use overlap::model::load::load_sources;
use overlap::syntax::parse_document;

/// The fenced blocks of `lang` (exactly that info string), with the line each starts on.
fn blocks(markdown: &str, lang: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, line) in markdown.lines().enumerate() {
        let fence = line.trim_start();
        match &mut current {
            None if fence
                .strip_prefix("```")
                .is_some_and(|info| info.trim() == lang) =>
            {
                current = Some((n + 2, String::new()));
            }
            Some(_) if fence.starts_with("```") => out.extend(current.take()),
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    assert!(current.is_none(), "an unclosed ```{lang} block");
    out
}

fn grammar() -> String {
    std::fs::read_to_string("grammar/overlap-spec.md").expect("the grammar document")
}

#[test]
fn every_ovl_example_parses() {
    let examples = blocks(&grammar(), "ovl");
    assert!(
        examples.len() >= 4,
        "found only {} examples",
        examples.len()
    );
    for (line, body) in examples {
        let (doc, diags) = parse_document(&body, 0);
        let files = [SourceFile::new(
            format!("grammar/overlap-spec.md (example at line {line})"),
            body.clone(),
        )];
        assert!(
            diags.is_empty(),
            "{}",
            overlap::diagnostic::render(&diags, &files, false)
        );
        assert!(!doc.blocks.is_empty(), "example at line {line} is empty");
    }
}

#[test]
fn every_ovl_invalid_example_is_rejected() {
    let examples = blocks(&grammar(), "ovl-invalid");
    assert!(
        examples.len() >= 3,
        "found only {} invalid examples",
        examples.len()
    );
    for (line, body) in examples {
        let source = SourceFile::new(format!("example at line {line}"), body.clone());
        match load_sources(vec![(source, None)]) {
            Ok(_) => panic!("the ovl-invalid example at line {line} was accepted:\n{body}"),
            Err(e) => assert!(e.render(false).contains("error"), "example at line {line}"),
        }
    }
}

#[test]
fn the_ebnf_names_every_keyword() {
    let md = grammar();
    for kw in overlap::syntax::parse::KEYWORDS {
        assert!(
            md.contains(&format!("\"{kw}\"")),
            "keyword `{kw}` is missing from the grammar"
        );
    }
}
