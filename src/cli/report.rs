//! `overlap report`: every table and heatmap for reviewers, written atomically to a folder.
//!
//! The shipped `output/` folder is made with `cargo run --release -- report`; `tests/report.rs` fails when
//! it is out of date.

use std::path::Path;

use super::args::Global;
use super::commands::find;
use super::{Failure, load};
use crate::model::Curriculum;
use crate::report::bundle::{Extras, Report};
use crate::report::{export, files};

/// `YYYY-MM-DD HH:MM:SS UTC` for Unix seconds.
fn utc(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

pub fn run(
    global: &Global,
    ids: &[String],
    (out, stamp): (&Path, bool),
    mappings: &[std::path::PathBuf],
    t: &crate::cli::args::Thresholds,
) -> Result<String, Failure> {
    let ws = load(global, &[])?;
    let mut list: Vec<&Curriculum> = Vec::new();
    if ids.is_empty() {
        list.extend(ws.catalog.curricula.iter());
    } else {
        for id in ids {
            let c = find(&ws.catalog, id)?;
            if !list.iter().any(|x| x.id == c.id) {
                list.push(c);
            }
        }
    }
    if list.len() < 2 {
        return Err(Failure::usage(format!(
            "error: a report compares at least two curricula; {} given\n",
            list.len()
        )));
    }
    let params = super::params(t)?;
    let engine = super::engine(&ws.catalog, params, mappings)?;
    let cmp = engine.compare(&list);
    let find_id = |id: &str| list.iter().copied().find(|c| c.id == id);
    let extras = Extras {
        pathways: crate::analysis::pathways::of_pairs(&list, &cmp.pairs),
        hub: if list.len() <= crate::analysis::hub::MAX_CURRICULA {
            engine.hub_of_pairs(&list, &cmp.pairs)
        } else {
            None
        },
        extensions: engine.extensions(&list, &cmp.pairs),
        distinctions: cmp
            .pairs
            .iter()
            .filter_map(|p| Some(engine.distinction(find_id(&p.a.id)?, find_id(&p.b.id)?, p)))
            .collect(),
    };
    let created = stamp.then(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    let report = Report::build(&cmp, &extras, &ws.catalog, &params, created.map(utc));
    let entries =
        export::entries(&report, created).map_err(|e| Failure::input(format!("error: {e}\n")))?;
    files::write_folder(out, &entries).map_err(|e| {
        Failure::input(format!(
            "error: cannot write {}: {e} (the folder was left as it was)\n",
            out.display()
        ))
    })?;
    Ok(format!(
        "wrote {} files to {} ({} curricula, {} pairs, {} tables)\n",
        entries.len(),
        out.display(),
        list.len(),
        cmp.pairs.len(),
        report.tables().len()
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_formats_known_instants() {
        assert_eq!(super::utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(super::utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(super::utc(1_700_000_000), "2023-11-14 22:13:20 UTC");
    }
}
