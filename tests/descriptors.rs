//! Reading module descriptors as universities have them: text pasted from Word or a web page with its bullets
//! and numbering. Each test builds a descriptor and checks the outcomes read, count and text.

use overlap::syntax::descriptor::{Descriptor, parse};

#[path = "common/module_text.rs"]
mod module_text;
use module_text::{CONTENT, OUTCOMES};

/// A descriptor whose outcome and content lists are marked by `marker(k)`, lines ending in `eol`.
fn descriptor(marker: impl Fn(usize) -> String, lead_in: &str, eol: &str) -> String {
    let mut lines = vec![
        "Brief Interventions with Young People".to_string(),
        "Module code: BIYP210  Credits: 20  Level: 6".to_string(),
        String::new(),
        "Aims".to_string(),
        "The module prepares trainees to deliver brief, evidence-based help to young people with mild anxiety and low mood.".to_string(),
        String::new(),
        lead_in.to_string(),
    ];
    lines.extend(
        OUTCOMES
            .iter()
            .enumerate()
            .map(|(k, o)| format!("{}{o}", marker(k))),
    );
    lines.push(String::new());
    lines.push("Indicative content".to_string());
    lines.extend(
        CONTENT
            .iter()
            .enumerate()
            .map(|(k, c)| format!("{}{c}", marker(k))),
    );
    lines.join(eol) + eol
}

fn outcomes(d: &Descriptor) -> Vec<&str> {
    d.outcomes.iter().map(|(t, _)| t.as_str()).collect()
}

fn read(text: &str) -> Descriptor {
    parse(text, 0).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

/// A list marker for the item at a position (0-based).
type Marker = Box<dyn Fn(usize) -> String>;

/// Every bullet and numbering style pasted from Word, PDFs and web pages, with LF and CRLF line ends, under an
/// outcomes heading and under a lead-in sentence alone.
#[test]
fn every_bullet_and_numbering_style_gives_the_outcomes() {
    let styles: Vec<(&str, Marker)> = vec![
        ("hyphen", Box::new(|_| "- ".into())),
        ("bullet and tab", Box::new(|_| "•\t".into())),
        ("black circle", Box::new(|_| "● ".into())),
        ("small square", Box::new(|_| "▪ ".into())),
        ("white bullet", Box::new(|_| "◦ ".into())),
        ("Word symbol bullet", Box::new(|_| "\u{F0B7}\t".into())),
        ("numbers", Box::new(|k| format!("{}. ", k + 1))),
        ("numbers and tab", Box::new(|k| format!("{}.\t", k + 1))),
        ("LO numbers", Box::new(|k| format!("LO{} ", k + 1))),
        (
            "LO numbers with colon",
            Box::new(|k| format!("LO{}: ", k + 1)),
        ),
        ("multi-level numbers", Box::new(|k| format!("1.{} ", k + 1))),
        (
            "letters",
            Box::new(|k| format!("({}) ", (b'a' + k as u8) as char)),
        ),
    ];
    for (name, marker) in &styles {
        for eol in ["\n", "\r\n"] {
            for lead_in in [
                "Learning outcomes",
                "By the end of the module students will be able to:",
                "On successful completion of this module, students should be able to",
            ] {
                let text = descriptor(marker, lead_in, eol);
                let d = read(&text);
                assert_eq!(
                    outcomes(&d),
                    OUTCOMES.iter().map(|o| o.to_string()).collect::<Vec<_>>(),
                    "{name}, {eol:?}, {lead_in}"
                );
                assert_eq!(d.title, "Brief Interventions with Young People");
                assert_eq!(d.code.as_deref(), Some("BIYP210"), "{name}");
                assert_eq!(d.credits, Some(20));
                assert_eq!(d.levels, vec![6]);
                for c in CONTENT {
                    assert!(d.aims.iter().any(|a| a == c), "{name}: content {c} in aims");
                }
                assert!(d.warnings.is_empty(), "{name}: {:?}", d.warnings);
            }
        }
    }
}

/// The spans of outcomes point at their lines in the file, CRLF or not.
#[test]
fn outcome_spans_point_at_their_lines() {
    let text = descriptor(|_| "•\t".into(), "Learning outcomes", "\r\n");
    let d = read(&text);
    for ((o, span), want) in d.outcomes.iter().zip(OUTCOMES) {
        assert_eq!(o, want);
        assert_eq!(&text[span.range()], format!("•\t{want}"));
    }
}

/// With a lead-in and no outcomes heading, the content list after "Indicative content" is not read as
/// outcomes (it was, before the lead-in started the list).
#[test]
fn a_lead_in_starts_the_outcomes_and_a_later_heading_ends_them() {
    let text = descriptor(
        |_| "● ".into(),
        "On successful completion of this module, students should be able to:",
        "\n",
    );
    let d = read(&text);
    assert_eq!(d.outcomes.len(), 4);
    assert!(!outcomes(&d).contains(&CONTENT[0]));
    // The lead-in itself is neither an aim nor an outcome.
    assert!(!d.aims.iter().any(|a| a.contains("should be able to")));
}

#[test]
fn a_one_line_metadata_row_is_split_into_its_fields() {
    for row in [
        "Module code: BIYP210  Credits: 20  Level: 6",
        "Module code: BIYP210\tCredits: 20\tLevel: 6",
        "Module code: BIYP210 | Credits: 20 | Level: 6",
        "Code: BIYP210; Credit value: 20 credits; FHEQ level: 6",
    ] {
        let text = format!(
            "Brief Interventions\n{row}\n\nLearning outcomes\n- Assess a young person's needs.\n"
        );
        let d = read(&text);
        assert_eq!(d.code.as_deref(), Some("BIYP210"), "{row}");
        assert_eq!(d.credits, Some(20), "{row}");
        assert_eq!(d.levels, vec![6], "{row}");
    }
}

/// A line that is not a list item, after one, is either the item's wrapped rest (joined, with a warning when it
/// does not read as a continuation) or a new paragraph (left out of the outcomes, with a warning).
#[test]
fn lines_after_an_item_are_joined_or_left_out_with_a_located_warning() {
    let text = "Brief Interventions\n\nLearning outcomes\n- Assess the needs of a young\n  person and their family.\n- Plan a brief intervention with\nThe Family Team.\n- Evaluate progress with routine measures.\nAssessment is by a recorded session.\n";
    let d = read(text);
    assert_eq!(
        outcomes(&d),
        [
            "Assess the needs of a young person and their family.",
            "Plan a brief intervention with The Family Team.",
            "Evaluate progress with routine measures.",
        ]
    );
    let w: Vec<(&str, &str)> = d
        .warnings
        .iter()
        .map(|w| (w.code, &text[w.span.range()]))
        .collect();
    assert_eq!(
        w,
        [
            ("joined", "The Family Team."),
            ("skipped", "Assessment is by a recorded session."),
        ]
    );
    assert!(d.warnings.iter().all(|w| w.warning));
    // Located like every other diagnostic: file:line:col, the line, a label.
    let src = overlap::diagnostic::SourceFile::new("module.txt", text);
    let shown = overlap::diagnostic::render(&d.warnings, &[src], false);
    assert!(shown.contains("module.txt:7:1"), "{shown}");
    assert!(shown.contains("module.txt:9:1"), "{shown}");
    assert!(shown.contains("2 warnings"), "{shown}");
    assert!(!shown.contains("error"), "{shown}");
}

/// Outcomes written as one sentence after a lead-in are split where a new outcome starts, with a warning.
#[test]
fn outcomes_in_one_sentence_are_split_with_a_warning() {
    let text = "Brief Interventions\n\nBy the end of the module students will be able to: assess children and young people with low mood; plan guided self-help with families, deliver it over six sessions and review progress with a supervisor.\n\nIndicative content\n- Routine outcome measures\n";
    let d = read(text);
    assert_eq!(
        outcomes(&d),
        [
            "Assess children and young people with low mood",
            "Plan guided self-help with families",
            "Deliver it over six sessions",
            "Review progress with a supervisor",
        ]
    );
    assert_eq!(d.warnings.len(), 1);
    assert_eq!(d.warnings[0].code, "split");
    assert!(d.warnings[0].message.contains("4 outcomes"));
    assert_eq!(d.aims, ["Routine outcome measures"]);
}

/// The descriptors of the gold set read without a warning and as before (their outcomes are labelled in order).
#[test]
fn gold_descriptors_read_without_warnings() {
    let mut n = 0;
    for e in std::fs::read_dir("tests/fixtures/hei").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md") {
            let d = read(&std::fs::read_to_string(&p).unwrap());
            assert!(d.warnings.is_empty(), "{}: {:?}", p.display(), d.warnings);
            n += 1;
        }
    }
    assert!(n >= 25);
}
