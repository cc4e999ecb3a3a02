//! Reading module descriptors from the documents universities have: Word, OpenDocument, a saved catalogue web
//! page. Each test builds a real-shaped document (the XML Word, LibreOffice and a catalogue site write, our
//! own outcome wording) and checks the outcomes read, count and text.

use std::io::Write as _;

use overlap::syntax::descriptor::{Descriptor, read};
use overlap::syntax::extract::{FileKind, extract};

#[path = "common/module_text.rs"]
mod module_text;
use module_text::{CONTENT, OUTCOMES, TITLE};

fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        let opts = if *name == "mimetype" {
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
        } else {
            zip::write::SimpleFileOptions::default()
        };
        w.start_file(*name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn read_as(kind: FileKind, bytes: &[u8]) -> Descriptor {
    let x = extract(kind, bytes).unwrap();
    read(&x.text, x.roles.as_deref(), 0).unwrap_or_else(|e| panic!("{e:?}\n{}", x.text))
}

fn outcomes(d: &Descriptor) -> Vec<&str> {
    d.outcomes.iter().map(|(t, _)| t.as_str()).collect()
}

fn assert_module(d: &Descriptor) {
    assert_eq!(d.title, TITLE);
    assert_eq!(outcomes(d), OUTCOMES);
    for c in CONTENT {
        assert!(
            d.aims.iter().any(|a| a == c),
            "content {c} in aims: {:?}",
            d.aims
        );
    }
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

// ---------------------------------------------------------------------------------------------- Word

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A paragraph as Word writes it: properties, then the text in runs (split where Word splits them: spelling
/// marks, formatting changes).
fn w_para(ppr: &str, text: &str) -> String {
    let runs: String = text
        .split_inclusive(' ')
        .collect::<Vec<_>>()
        .chunks(3)
        .map(|words| {
            format!(
                r#"<w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r><w:proofErr w:type="spellStart"/>"#,
                words.concat().replace('&', "&amp;").replace('\'', "&apos;")
            )
        })
        .collect();
    format!(
        r#"<w:p w14:paraId="1A2B3C4D" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:pPr>{ppr}</w:pPr>{runs}</w:p>"#
    )
}

fn styled(style: &str) -> String {
    format!(r#"<w:pStyle w:val="{style}"/>"#)
}

/// Word numbering on the paragraph itself (a numbered list).
fn numbered(num_id: u32) -> String {
    format!(
        r#"<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr><w:spacing w:after="120"/>"#
    )
}

const WORD_STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>
</w:styles>"#;

const WORD_NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

/// A Word file: outcomes in a Word numbered list (w:numPr on each paragraph, no typed numbers), the
/// indicative content in a bullet list through the List Bullet style, the lead-in as a plain paragraph.
fn word_document(outcomes_heading: bool) -> Vec<u8> {
    let mut body = String::new();
    body += &w_para(&styled("Title"), TITLE);
    body += &w_para("", "Module code: BIYP210  Credits: 20  Level: 6");
    body += &w_para(&styled("Heading1"), "Aims");
    body += &w_para(
        "",
        "The module prepares trainees to deliver brief, evidence-based help to young people with mild anxiety and low mood.",
    );
    if outcomes_heading {
        body += &w_para(&styled("Heading2"), "Learning outcomes");
    }
    body += &w_para(
        "",
        "By the end of the module, successful students will be able to:",
    );
    for o in OUTCOMES {
        body += &w_para(&numbered(1), o);
    }
    // An empty paragraph, as Word leaves between blocks.
    body += r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/></w:pPr></w:p>"#;
    body += &w_para(&styled("Heading2"), "Indicative content");
    for c in CONTENT {
        body += &w_para(&styled("ListBullet"), c);
    }
    body += &w_para(&styled("Heading2"), "Assessment");
    body += &w_para(
        "",
        "A recorded assessment session with a written reflection (100%).",
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    );
    zip(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", &document),
        ("word/styles.xml", WORD_STYLES),
        ("word/numbering.xml", WORD_NUMBERING),
    ])
}

#[test]
fn word_numbered_outcomes_and_a_separate_content_list() {
    for heading in [true, false] {
        let d = read_as(FileKind::Word, &word_document(heading));
        assert_module(&d);
        assert_eq!(d.code.as_deref(), Some("BIYP210"));
        assert_eq!(d.credits, Some(20));
        assert_eq!(d.levels, vec![6]);
    }
}

/// Warnings in a Word file name the paragraph, counted as Word counts them.
#[test]
fn word_warnings_name_the_paragraph() {
    let mut body = w_para(&styled("Title"), TITLE);
    body += &w_para(&styled("Heading1"), "Learning outcomes");
    body += &w_para(&numbered(1), OUTCOMES[0]);
    body += &w_para(&numbered(1), OUTCOMES[1]);
    body += &w_para("", "Students also keep a reflective log of their sessions.");
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let bytes = zip(&[("word/document.xml", &document)]);
    let x = extract(FileKind::Word, &bytes).unwrap();
    let d = read(&x.text, x.roles.as_deref(), 0).unwrap();
    assert_eq!(outcomes(&d), &OUTCOMES[..2]);
    assert_eq!(d.warnings.len(), 1);
    let mut src = overlap::diagnostic::SourceFile::new("module.docx", x.text.clone());
    src.places = x.places.clone();
    assert_eq!(
        src.locate(d.warnings[0].span.start),
        "module.docx, paragraph 5"
    );
    let shown = overlap::diagnostic::render(&d.warnings, &[src], false);
    assert!(shown.contains("module.docx, paragraph 5"), "{shown}");
    assert!(shown.contains("reflective log"), "{shown}");
}

// ---------------------------------------------------------------------------------------------- OpenDocument

fn odt_document() -> Vec<u8> {
    let p =
        |style: &str, text: &str| format!(r#"<text:p text:style-name="{style}">{text}</text:p>"#);
    let list = |items: &[&str], style: &str| {
        let items: String = items
            .iter()
            .map(|i| format!(r#"<text:list-item>{}</text:list-item>"#, p("P2", i)))
            .collect();
        format!(r#"<text:list xml:id="list1" text:style-name="{style}">{items}</text:list>"#)
    };
    let body = [
        p("Title", TITLE),
        r#"<text:p text:style-name="P1">Module code: BIYP210<text:tab/>Credits: 20<text:tab/>Level: 6</text:p>"#.to_string(),
        r#"<text:h text:style-name="Heading_20_1" text:outline-level="1">Aims</text:h>"#.into(),
        p("Standard", "The module prepares trainees to deliver brief, evidence-based help to young people with mild anxiety and low mood."),
        r#"<text:h text:style-name="Heading_20_2" text:outline-level="2">Learning <text:span text:style-name="T1">outcomes</text:span></text:h>"#.into(),
        p("Standard", "On completion of this module, students will be able to:"),
        list(&OUTCOMES, "Numbering_20_123"),
        r#"<text:h text:style-name="Heading_20_2" text:outline-level="2">Indicative content</text:h>"#.into(),
        list(&CONTENT, "List_20_1"),
    ]
    .concat();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.3"><office:automatic-styles><style:style style:name="P1" style:family="paragraph"/></office:automatic-styles><office:body><office:text><text:sequence-decls/>{body}</office:text></office:body></office:document-content>"#
    );
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        ),
    ])
}

#[test]
fn opendocument_lists_and_headings() {
    let bytes = odt_document();
    assert_eq!(FileKind::sniff(&bytes), FileKind::OpenDocument);
    let d = read_as(FileKind::OpenDocument, &bytes);
    assert_module(&d);
    assert_eq!(d.code.as_deref(), Some("BIYP210"));
    assert_eq!(d.credits, Some(20));
}

// ---------------------------------------------------------------------------------------------- web page

/// A catalogue page as saved from a browser: banner, navigation, breadcrumbs, a cookie notice, the module in
/// `<main>` with its facts in a table, and a footer full of links.
fn catalogue_page() -> String {
    let items =
        |xs: &[&str]| -> String { xs.iter().map(|x| format!("\n      <li>{x}</li>")).collect() };
    format!(
        r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{TITLE} | Module catalogue | Example University</title>
  <script>window.dataLayer = [{{"page": "module"}}];</script>
  <style>.nav li {{ display: inline }}</style>
</head>
<body class="module-page">
  <div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept</button></div>
  <header class="site-header">
    <a href="/" class="logo"><img src="logo.svg" alt="Example University"></a>
    <nav aria-label="Main"><ul class="nav">
      <li><a href="/study">Study</a></li>
      <li><a href="/research">Research</a></li>
      <li><a href="/about">About us</a></li>
    </ul></nav>
  </header>
  <ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/modules">Modules</a></li><li>BIYP210</li></ol>
  <main id="content">
    <h1>{TITLE}</h1>
    <table class="module-facts">
      <tr><th>Module code</th><td>BIYP210</td></tr>
      <tr><th>Credits</th><td>20</td></tr>
      <tr><th>Level</th><td>6</td></tr>
    </table>
    <h2>Aims</h2>
    <p>The module prepares trainees to deliver brief, evidence-based help
       to young people with mild anxiety and low mood.</p>
    <h2>Learning outcomes</h2>
    <p>On successful completion of the module, students will be able to:</p>
    <ol>{}
    </ol>
    <h2>Indicative content</h2>
    <ul>{}
    </ul>
    <aside class="related"><h3>Related modules</h3><ul><li>Family Work in Practice</li></ul></aside>
  </main>
  <footer class="site-footer">
    <ul><li><a href="/contact">Contact us</a></li><li><a href="/privacy">Privacy &amp; cookies</a></li></ul>
    <p>&copy; Example University</p>
  </footer>
</body>
</html>
"#,
        items(&OUTCOMES),
        items(&CONTENT)
    )
}

#[test]
fn catalogue_page_outcomes_among_navigation_and_footer() {
    let page = catalogue_page();
    assert_eq!(FileKind::sniff(page.as_bytes()), FileKind::Html);
    let d = read_as(FileKind::Html, page.as_bytes());
    assert_module(&d);
    assert_eq!(d.code.as_deref(), Some("BIYP210"));
    assert_eq!(d.credits, Some(20));
    assert_eq!(d.levels, vec![6]);
    for furniture in [
        "Study",
        "Contact us",
        "cookies",
        "Home",
        "Related modules",
        "Family Work",
    ] {
        assert!(
            !d.aims.iter().any(|a| a.contains(furniture)),
            "{furniture} in {:?}",
            d.aims
        );
    }
}

/// A page without `<main>` and with unclosed `<li>` and `<p>`, as older catalogue systems write them.
#[test]
fn catalogue_page_without_main_and_unclosed_tags() {
    let lis: String = OUTCOMES.iter().map(|o| format!("<li>{o}\n")).collect();
    let content: String = CONTENT.iter().map(|c| format!("<li>{c}\n")).collect();
    let page = format!(
        "<html><head><title>{TITLE} - Example University</title></head><body>\n<div id=\"navigation\"><ul><li>Home<li>Courses</ul></div>\n<p>Module code: BIYP210\n<h2>Learning outcomes</h2>\n<ol>{lis}</ol>\n<h2>Indicative content</h2><ul>{content}</ul>\n<div class=\"footer\"><p>Contact us</div></body></html>"
    );
    let d = read_as(FileKind::Html, page.as_bytes());
    assert_module(&d);
    assert_eq!(d.code.as_deref(), Some("BIYP210"));
}

// ---------------------------------------------------------------------------------------------- PDF

/// Text in WinAnsiEncoding, the encoding of a PDF's standard fonts.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '•' => 0x95,
            '©' => 0xA9,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} is not in the test's encoding"),
        })
        .collect()
}

/// Lines placed down a page: (page, x, y from the top, size, text).
struct Layout {
    y: f32,
    lines: Vec<(usize, f32, f32, f32, String)>,
}

impl Layout {
    /// One line of pieces at their x, `gap` points below the line above.
    fn line(&mut self, page: usize, pieces: &[(f32, &str)], size: f32, gap: f32) {
        self.y += gap + size;
        for (x, text) in pieces {
            self.lines.push((page, *x, self.y, size, text.to_string()));
        }
        self.y += size * 0.3;
    }
}

/// The catalogue page as a browser prints it to PDF (two A4 pages): the content stream flips the page as
/// Chrome's does, every line is placed on its own, a running header (date, title) and footer (address, page
/// counter) sit in the margins, the banner and navigation come before the title, long outcomes wrap onto an
/// indented second line, and the site footer follows the content.
fn printed_page() -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, StringFormat, dictionary};
    // (page, x, y from the top, size, text)
    let mut lines: Vec<(usize, f32, f32, f32, String)> = Vec::new();
    for page in 0..2 {
        lines.push((page, 30.0, 20.0, 8.0, "23/11/2026, 17:40".into()));
        lines.push((
            page,
            250.0,
            20.0,
            8.0,
            format!("{TITLE} | Module catalogue"),
        ));
        lines.push((
            page,
            30.0,
            825.0,
            8.0,
            "https://www.example.ac.uk/modules/biyp210".into(),
        ));
        lines.push((page, 540.0, 825.0, 8.0, format!("{}/2", page + 1)));
    }
    let mut at = Layout { y: 60.0, lines };
    at.line(
        0,
        &[(72.0, "Study"), (140.0, "Research"), (220.0, "About us")],
        11.0,
        0.0,
    );
    at.line(0, &[(72.0, "Home > Modules > BIYP210")], 10.0, 12.0);
    at.line(0, &[(72.0, TITLE)], 24.0, 24.0);
    for (k, v) in [
        ("Module code", "BIYP210"),
        ("Credits", "20"),
        ("Level", "6"),
    ] {
        at.line(0, &[(72.0, k), (220.0, v)], 12.0, 4.0);
    }
    at.line(0, &[(72.0, "Aims")], 16.0, 20.0);
    at.line(
        0,
        &[(
            72.0,
            "The module prepares trainees to deliver brief, evidence-based help to young",
        )],
        12.0,
        8.0,
    );
    at.line(
        0,
        &[(72.0, "people with mild anxiety and low mood.")],
        12.0,
        0.0,
    );
    at.line(0, &[(72.0, "Learning outcomes")], 16.0, 20.0);
    at.line(
        0,
        &[(
            72.0,
            "On successful completion of the module, students will be able to:",
        )],
        12.0,
        8.0,
    );
    for (k, o) in OUTCOMES.iter().enumerate() {
        // Wrapped at about 60 characters, the rest indented under the item's text.
        let cut = o[..60].rfind(' ').unwrap();
        at.line(
            0,
            &[(90.0, &format!("{}.", k + 1)), (108.0, &o[..cut])],
            12.0,
            6.0,
        );
        at.line(0, &[(108.0, &o[cut + 1..])], 12.0, 0.0);
    }
    at.y = 60.0;
    at.line(1, &[(72.0, "Indicative content")], 16.0, 0.0);
    for c in CONTENT {
        at.line(1, &[(90.0, "•"), (108.0, c)], 12.0, 6.0);
    }
    at.line(
        1,
        &[(72.0, "Contact us"), (160.0, "Privacy and cookies")],
        10.0,
        60.0,
    );
    at.line(1, &[(72.0, "© Example University")], 10.0, 8.0);
    let lines = at.lines;

    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for page in 0..2 {
        let mut ops = vec![Operation::new(
            "cm",
            vec![
                1.into(),
                0.into(),
                0.into(),
                (-1).into(),
                0.into(),
                842.into(),
            ],
        )];
        for (_, x, y, size, text) in lines.iter().filter(|l| l.0 == page) {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), (*size).into()]));
            ops.push(Operation::new(
                "Tm",
                vec![
                    1.into(),
                    0.into(),
                    0.into(),
                    (-1).into(),
                    (*x).into(),
                    (*y).into(),
                ],
            ));
            ops.push(Operation::new(
                "Tj",
                vec![Object::String(win_ansi(text), StringFormat::Literal)],
            ));
            ops.push(Operation::new("ET", vec![]));
        }
        let content = doc.add_object(Stream::new(
            dictionary! {},
            Content { operations: ops }.encode().unwrap(),
        ));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        })));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn printed_catalogue_page_pdf() {
    let bytes = printed_page();
    assert_eq!(FileKind::sniff(&bytes), FileKind::Pdf);
    let d = read_as(FileKind::Pdf, &bytes);
    assert_module(&d);
    assert_eq!(d.code.as_deref(), Some("BIYP210"));
    assert_eq!(d.credits, Some(20));
    assert_eq!(d.levels, vec![6]);
    for furniture in ["Study", "Contact us", "17:40", "example.ac.uk", "Home >"] {
        assert!(
            !d.aims.iter().any(|a| a.contains(furniture)),
            "{furniture} in {:?}",
            d.aims
        );
    }
}

/// A PDF that needs a password to open is refused with the reason, not read as empty.
#[test]
fn password_protected_pdf_is_a_clear_error() {
    use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let mut doc = lopdf::Document::load_mem(&printed_page()).unwrap();
    // An encrypted file carries an ID, which its key is derived from.
    let id = lopdf::Object::String(
        b"0123456789abcdef".to_vec(),
        lopdf::StringFormat::Hexadecimal,
    );
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "reader",
        key_length: 128,
        permissions: Permissions::default(),
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let e = extract(FileKind::Pdf, &bytes).unwrap_err();
    assert!(e.contains("encrypted with a password"), "{e}");
}

// ---------------------------------------------------------------------------------------------- broken input

#[test]
fn broken_documents_are_clear_errors() {
    let doc = word_document(true);
    let cut = &doc[..doc.len() / 2];
    for (kind, bytes, says) in [
        (FileKind::Word, cut.to_vec(), "not a valid zip"),
        (
            FileKind::Word,
            b"PK\x03\x04 garbage".to_vec(),
            "not a valid zip",
        ),
        (
            FileKind::Word,
            zip(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]),
            "malformed XML",
        ),
        (
            FileKind::Word,
            zip(&[("content.xml", "<x/>")]),
            "no word/document.xml",
        ),
        (
            FileKind::OpenDocument,
            zip(&[("mimetype", "x")]),
            "no content.xml",
        ),
        (
            FileKind::Html,
            b"<html><body><nav>only</nav></body></html>".to_vec(),
            "holds no text",
        ),
    ] {
        let e = extract(kind, &bytes).unwrap_err();
        assert!(e.contains(says), "{e}");
    }
}

/// Cut and damaged documents of every kind give an error or a reading, never a panic.
#[test]
fn damaged_documents_never_panic() {
    let docs = [
        (FileKind::Word, word_document(true)),
        (FileKind::OpenDocument, odt_document()),
        (FileKind::Html, catalogue_page().into_bytes()),
        (FileKind::Pdf, printed_page()),
    ];
    for (kind, bytes) in docs {
        for k in 1..24 {
            let cut = bytes.len() * k / 24;
            let mut damaged = bytes.clone();
            damaged[cut] ^= 0x5a;
            for b in [&bytes[..cut], &damaged[..]] {
                if let Ok(x) = extract(kind, b) {
                    let _ = read(&x.text, x.roles.as_deref(), 0);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------- command line

fn overlap(args: &[&str], stdin: Option<Vec<u8>>) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("overlap").unwrap();
    cmd.args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    cmd.output().unwrap()
}

fn json_outcomes(out: &std::process::Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["text"].as_str().unwrap().to_string())
        .collect()
}

/// `overlap check` reads each kind by its name, and standard input by its content.
#[test]
fn check_reads_documents_by_name_and_from_standard_input() {
    let dir = tempdir();
    let docx = dir.join("brief-interventions.docx");
    std::fs::write(&docx, word_document(true)).unwrap();
    let html = dir.join("brief-interventions.html");
    std::fs::write(&html, catalogue_page()).unwrap();
    let pdf = dir.join("brief-interventions.pdf");
    std::fs::write(&pdf, printed_page()).unwrap();
    for path in [&docx, &html, &pdf] {
        let out = overlap(
            &[
                "check",
                path.to_str().unwrap(),
                "--against",
                "cwp",
                "--format",
                "json",
            ],
            None,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(json_outcomes(&out), OUTCOMES);
    }
    let out = overlap(
        &["check", "-", "--against", "cwp", "--format", "json"],
        Some(odt_document()),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json_outcomes(&out), OUTCOMES);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["module"], "BIYP210");
    assert_eq!(v["file"], "<stdin>");
}

/// A text file read with warnings shows them located on standard error and lists them in JSON.
#[test]
fn check_reports_warnings_located() {
    let text = "Brief Interventions\n\nLearning outcomes\n- Assess a young person's difficulties with routine measures.\n- Plan a brief intervention with\nThe Family Team.\n";
    let out = overlap(
        &["check", "-", "--against", "cwp", "--format", "json"],
        Some(text.as_bytes().to_vec()),
    );
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:6:1"), "{err}");
    assert!(err.contains("joined to the list item above"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["warnings"][0]["at"], "<stdin>:6:1");
}

/// `--batch` reads every supported kind and lists each file it skipped with the reason.
#[test]
fn batch_reads_every_kind_and_lists_what_it_skipped() {
    let dir = tempdir();
    std::fs::write(dir.join("a.docx"), word_document(false)).unwrap();
    std::fs::write(dir.join("b.odt"), odt_document()).unwrap();
    std::fs::write(dir.join("c.htm"), catalogue_page()).unwrap();
    std::fs::write(dir.join("e.pdf"), printed_page()).unwrap();
    std::fs::write(
        dir.join("d.txt"),
        "Module\n\nLearning outcomes\n▪ Assess a young person's needs with routine measures.\n",
    )
    .unwrap();
    std::fs::write(dir.join("marks.xlsx"), b"PK").unwrap();
    std::fs::write(dir.join("old.doc"), b"\xd0\xcf").unwrap();
    let out = overlap(
        &[
            "check",
            "--batch",
            dir.to_str().unwrap(),
            "--against",
            "cwp",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"], 5);
    assert_eq!(v["errors"], 0);
    let skipped: Vec<(String, String)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = s["file"].as_str().unwrap();
            (
                f.rsplit('/').next().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, "marks.xlsx");
    assert!(skipped[0].1.contains("not a descriptor format"));
    assert_eq!(skipped[1].0, "old.doc");
    assert!(skipped[1].1.contains("save it as .docx"));
}

/// A corrupt document is a clear error and exit code 3, never a panic.
#[test]
fn check_refuses_a_corrupt_document_with_exit_code_3() {
    let dir = tempdir();
    let bad = dir.join("broken.docx");
    let doc = word_document(true);
    std::fs::write(&bad, &doc[..doc.len() / 3]).unwrap();
    let out = overlap(&["check", bad.to_str().unwrap(), "--against", "cwp"], None);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: cannot read"), "{err}");
    assert!(err.contains("as a Word document"), "{err}");
}

/// A fresh folder under the target directory for one test.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "documents-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
