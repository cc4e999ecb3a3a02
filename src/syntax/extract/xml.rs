//! A small walk over XML (the parts of Word and OpenDocument files) with quick-xml: start tags with their
//! attributes, end tags and text, entities resolved.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// An element's local name (without its namespace prefix) and attributes (qualified name, value).
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    /// The value of the attribute with this qualified name (`w:val`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

pub enum Ev<'a> {
    Start(&'a Tag),
    End(&'a str),
    Text(&'a str),
}

/// Calls `f` for every start tag, end tag and piece of text of `xml`; an empty element is a start and an end.
pub fn walk(xml: &str, what: &str, mut f: impl FnMut(Ev<'_>)) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let tag = |e: &quick_xml::events::BytesStart<'_>| -> Result<Tag, String> {
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|e| format!("malformed XML in {what}: {e}"))?;
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| format!("malformed XML in {what}: {e}"))?;
            attrs.push((a.key.as_ref().to_string(), v.into_owned()));
        }
        Ok(Tag {
            name: e.local_name().as_ref().to_string(),
            attrs,
        })
    };
    loop {
        let ev = reader.read_event().map_err(|e| {
            format!(
                "malformed XML in {what} at byte {}: {e}",
                reader.error_position()
            )
        })?;
        match ev {
            Event::Start(e) => f(Ev::Start(&tag(&e)?)),
            Event::Empty(e) => {
                let t = tag(&e)?;
                f(Ev::Start(&t));
                f(Ev::End(&t.name));
            }
            Event::End(e) => f(Ev::End(e.local_name().as_ref())),
            Event::Text(e) => f(Ev::Text(&e.xml10_content())),
            Event::CData(e) => f(Ev::Text(&e)),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    f(Ev::Text(c.encode_utf8(&mut [0; 4])));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}
