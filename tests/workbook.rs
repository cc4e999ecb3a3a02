//! The report's workbook read back as a spreadsheet reads it (the zip package and its XML parts): an index
//! sheet first that names and links every other sheet with its table's title, and shares stored as numbers
//! with a percent format.

mod common;

use std::collections::BTreeMap;
use std::io::Read as _;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// An element with its attributes, or a piece of text, in document order.
#[derive(Debug)]
enum Node {
    Open(String, BTreeMap<String, String>),
    Close(String),
    Text(String),
}

fn nodes(xml: &str) -> Vec<Node> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let open = |e: &quick_xml::events::BytesStart<'_>| {
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap();
                (a.key.as_ref().to_string(), v.into_owned())
            })
            .collect();
        Node::Open(e.local_name().as_ref().to_string(), attrs)
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => out.push(open(&e)),
            Event::Empty(e) => {
                let n = open(&e);
                let Node::Open(name, _) = &n else {
                    unreachable!()
                };
                let name = name.clone();
                out.push(n);
                out.push(Node::Close(name));
            }
            Event::End(e) => out.push(Node::Close(e.local_name().as_ref().to_string())),
            Event::Text(e) => out.push(Node::Text(e.xml10_content().into_owned())),
            Event::GeneralRef(r) => {
                let c = match &*r {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "apos" => "'",
                    "quot" => "\"",
                    other => panic!("unexpected entity {other}"),
                };
                out.push(Node::Text(c.to_string()));
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// A cell as stored: its style index and its value (a shared string resolved to its text).
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number(f64),
    Text(String),
}

struct Book {
    sheets: Vec<String>,
    /// Each sheet's cells by reference (`B2`): (style index, value).
    cells: Vec<BTreeMap<String, (usize, Value)>>,
    /// Each sheet's internal hyperlinks: cell reference → location.
    links: Vec<BTreeMap<String, String>>,
    /// The number format code of each cell style.
    formats: Vec<String>,
}

impl Book {
    fn read(bytes: &[u8]) -> Book {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut part = |name: &str| {
            let mut s = String::new();
            zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
            s
        };
        let sheets: Vec<String> = nodes(&part("xl/workbook.xml"))
            .into_iter()
            .filter_map(|n| match n {
                Node::Open(t, a) if t == "sheet" => Some(a["name"].clone()),
                _ => None,
            })
            .collect();
        let mut strings = Vec::new();
        let mut in_si = false;
        for n in nodes(&part("xl/sharedStrings.xml")) {
            match n {
                Node::Open(t, _) if t == "si" => {
                    strings.push(String::new());
                    in_si = true;
                }
                Node::Close(t) if t == "si" => in_si = false,
                Node::Text(s) if in_si => strings.last_mut().unwrap().push_str(&s),
                _ => {}
            }
        }
        // Number formats: the built-in ones a report uses, then the workbook's own.
        let mut codes: BTreeMap<String, String> =
            [("0", "General"), ("1", "0"), ("2", "0.00"), ("9", "0%")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let mut formats = Vec::new();
        let mut in_xfs = false;
        for n in nodes(&part("xl/styles.xml")) {
            match n {
                Node::Open(t, a) if t == "numFmt" => {
                    codes.insert(a["numFmtId"].clone(), a["formatCode"].clone());
                }
                Node::Open(t, _) if t == "cellXfs" => in_xfs = true,
                Node::Close(t) if t == "cellXfs" => in_xfs = false,
                Node::Open(t, a) if t == "xf" && in_xfs => {
                    formats.push(codes.get(&a["numFmtId"]).cloned().unwrap_or_default());
                }
                _ => {}
            }
        }
        let mut cells = Vec::new();
        let mut links = Vec::new();
        for k in 1..=sheets.len() {
            let mut sheet = BTreeMap::new();
            let mut here = BTreeMap::new();
            let mut current: Option<(String, usize, String)> = None;
            let mut text = String::new();
            for n in nodes(&part(&format!("xl/worksheets/sheet{k}.xml"))) {
                match n {
                    Node::Open(t, a) if t == "c" => {
                        let style = a.get("s").map_or(0, |s| s.parse().unwrap());
                        current = Some((
                            a["r"].clone(),
                            style,
                            a.get("t").cloned().unwrap_or_default(),
                        ));
                        text.clear();
                    }
                    Node::Text(s) if current.is_some() => text.push_str(&s),
                    Node::Close(t) if t == "c" => {
                        let (r, style, kind) = current.take().unwrap();
                        if text.is_empty() {
                            continue; // a blank cell that only carries a style
                        }
                        let value = match kind.as_str() {
                            "s" => Value::Text(strings[text.parse::<usize>().unwrap()].clone()),
                            "" | "n" => Value::Number(text.parse().unwrap()),
                            other => Value::Text(format!("{other}:{text}")),
                        };
                        sheet.insert(r, (style, value));
                    }
                    Node::Open(t, a) if t == "hyperlink" => {
                        if let Some(l) = a.get("location") {
                            here.insert(a["ref"].clone(), l.clone());
                        }
                    }
                    _ => {}
                }
            }
            cells.push(sheet);
            links.push(here);
        }
        Book {
            sheets,
            cells,
            links,
            formats,
        }
    }

    fn sheet(&self, name: &str) -> usize {
        self.sheets
            .iter()
            .position(|s| s == name)
            .unwrap_or_else(|| panic!("no sheet {name}: {:?}", self.sheets))
    }

    fn text(&self, sheet: usize, at: &str) -> Option<&str> {
        match self.cells[sheet].get(at) {
            Some((_, Value::Text(s))) => Some(s),
            _ => None,
        }
    }
}

fn report_workbook(name: &str, ids: &[&str]) -> Book {
    let dir = common::scratch(name);
    let out = dir.join("report");
    let (code, _, err) =
        common::run(&[&["report", "--out", out.to_str().unwrap()][..], ids].concat());
    assert_eq!(code, 0, "{err}");
    let book = Book::read(&std::fs::read(out.join("overlap.xlsx")).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    book
}

#[test]
fn the_index_sheet_names_and_links_every_other_sheet_in_order() {
    let book = report_workbook("workbook-index", &["cwp", "emhp"]);
    assert_eq!(book.sheets[0], "index");
    let index = book.sheet("index");
    assert_eq!(book.text(index, "A1"), Some("sheet"));
    assert_eq!(book.text(index, "B1"), Some("table"));
    assert!(book.sheets.len() > 10, "{:?}", book.sheets);
    for (k, sheet) in book.sheets.iter().enumerate().skip(1) {
        let row = k + 1;
        assert_eq!(book.text(index, &format!("A{row}")), Some(sheet.as_str()));
        let title = book.text(index, &format!("B{row}")).unwrap();
        assert!(!title.is_empty(), "{sheet} has no title");
        assert_eq!(
            book.links[index]
                .get(&format!("A{row}"))
                .map(String::as_str),
            Some(format!("'{sheet}'!A1").as_str()),
            "{sheet}"
        );
    }
    assert_eq!(book.cells[index].len(), 2 * book.sheets.len());
}

#[test]
fn shares_are_numbers_with_a_percent_format() {
    let book = report_workbook("workbook-shares", &["cwp", "emhp"]);
    // The coverage table: each direction's share of outcomes covered, column B.
    let sheet = book.sheet("cwp-emhp-coverage");
    assert_eq!(
        book.text(sheet, "B1"),
        Some("share"),
        "{:?}",
        book.cells[sheet]
    );
    let mut shares = 0;
    for row in 2..=3 {
        let (style, value) = book.cells[sheet][&format!("B{row}")].clone();
        let Value::Number(x) = value else {
            panic!("B{row} is {value:?}")
        };
        assert!((0.0..=1.0).contains(&x) && x > 0.3, "B{row} = {x}");
        assert_eq!(book.formats[style], "0%", "B{row}");
        shares += 1;
    }
    assert_eq!(shares, 2);
    // No sheet keeps a share as text such as "66%" (a header such as "-20%" names a column).
    for (k, cells) in book.cells.iter().enumerate() {
        for (at, (_, v)) in cells
            .iter()
            .filter(|(at, _)| at.trim_start_matches(char::is_alphabetic) != "1")
        {
            if let Value::Text(s) = v {
                let percent_text = s
                    .strip_suffix('%')
                    .is_some_and(|n| n.parse::<f64>().is_ok());
                assert!(!percent_text, "{}!{at} holds {s:?} as text", book.sheets[k]);
            }
        }
    }
}
