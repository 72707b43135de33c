//! The CSV download of the portal: known columns by their normalised header, the chosen row read
//! into facts.

use super::*;

pub(super) fn read_csv(text: &str, selector: &Selector, reading: &mut Reading) {
    let mut csv = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = csv.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        _ => {
            reading.note("no CSV header line");
            return;
        }
    };
    // For each known column, the index of the first header naming it, and that header as shown.
    let mut columns: Vec<Option<(usize, String)>> = vec![None; COLUMNS.len()];
    for (index, cell) in header.iter().enumerate() {
        let name = normalise_header(cell);
        if let Some(c) = COLUMNS.iter().position(|(column, ..)| *column == name) {
            if columns[c].is_none() {
                columns[c] = Some((index, cell.trim().to_string()));
            }
        }
    }
    if columns.iter().all(Option::is_none) {
        reading.note("the first line names no column of the sign-in log download");
        return;
    }
    let mut rows = Vec::new();
    for record in records {
        match record {
            Ok(row) => {
                if row.iter().any(|cell| !cell.trim().is_empty()) {
                    rows.push(row);
                }
            }
            Err(e) => {
                reading.note(format!("the CSV could not be read past a bad row: {e}"));
                break;
            }
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&columns)
        .filter(|((_, _, _, expected), found)| *expected && found.is_none())
        .map(|((_, shown, ..), _)| *shown)
        .collect();
    if !missing.is_empty() {
        reading.note(format!(
            "the CSV has no {} column{}: not read",
            missing.join(", "),
            if missing.len() == 1 { "" } else { "s" }
        ));
    }
    if rows.is_empty() {
        reading.note("the CSV has a header but no sign-in row");
        return;
    }
    let table = Table { columns: &columns };
    let keys: Vec<Key> = rows.iter().map(|row| table.key(row)).collect();
    let Some((index, why)) = choose(&keys, selector, reading) else {
        return;
    };
    let row = &rows[index];
    let line = row
        .position()
        .and_then(|p| usize::try_from(p.line()).ok())
        .unwrap_or(0);
    if rows.len() > 1 || !why.is_sure() {
        let at = format!(" (line {line})");
        let described = describe_choice(
            "row",
            (index, rows.len()),
            &at,
            &why,
            &keys[index],
            selector,
        );
        reading.note(described);
    }
    table.facts(row, line, reading);
    let same_correlation = |codes: &str| proof(line, &format!("same correlation id: {codes}"));
    if let Some((codes, source)) = related_codes(&keys, index, same_correlation) {
        reading.set("signin.related_codes", codes, source);
    }
    reading.note("the CSV download has no Conditional Access policy details nor authentication steps: download the sign-in as JSON to read signin.ca_policies");
}

/// The known columns of one CSV download.
pub(super) struct Table<'c> {
    columns: &'c [Option<(usize, String)>],
}

impl Table<'_> {
    /// The cell of `column` (normalised name) in `row`, trimmed, with its header as shown.
    fn cell<'r>(&self, row: &'r ::csv::StringRecord, column: &str) -> Option<(&'r str, &str)> {
        let c = COLUMNS.iter().position(|(name, ..)| *name == column)?;
        let (index, header) = self.columns[c].as_ref()?;
        let value = row.get(*index)?.trim();
        (!value.is_empty()).then_some((value, header.as_str()))
    }

    fn key(&self, row: &::csv::StringRecord) -> Key {
        let error_code = self
            .cell(row, "signinerrorcode")
            .map(|(v, _)| code_digits(v));
        let status_failed = self
            .cell(row, "status")
            .is_some_and(|(v, _)| v.eq_ignore_ascii_case("failure"));
        Key {
            correlation_id: self.cell(row, "correlationid").map(|(v, _)| v.to_string()),
            failed: status_failed || error_code.as_deref().is_some_and(|c| c != "0"),
            error_code,
        }
    }

    fn facts(&self, row: &::csv::StringRecord, line: usize, reading: &mut Reading) {
        for (column, _, name, _) in COLUMNS {
            if name.is_empty() {
                continue;
            }
            let Some((raw, header)) = self.cell(row, column) else {
                continue;
            };
            let Some(text) = one_line(raw) else {
                continue;
            };
            let source = proof(line, &format!("{header}: {text}"));
            let value: Value = match *name {
                "signin.error_code" => code_digits(&text).into(),
                "signin.managed" | "signin.compliant" => match text_yes_no(&text) {
                    Some(v) => v.into(),
                    None => continue,
                },
                "signin.auth_requirement" => auth_requirement(&text).into(),
                "signin.ca_status" => ca_status(&text).into(),
                "signin.auth_methods" => vec![text].into(),
                _ => text.into(),
            };
            reading.set(name, value, source);
        }
        let mut present = false;
        for column in MFA_COLUMNS {
            let c = COLUMNS.iter().position(|(name, ..)| name == column);
            present |= c.is_some_and(|c| self.columns[c].is_some());
            if let Some((raw, header)) = self.cell(row, column) {
                if says_previously_satisfied(raw) {
                    let source = proof(line, &format!("{header}: {raw}"));
                    reading.set("signin.previously_satisfied", "yes", source);
                }
            }
        }
        if present && reading.get("signin.previously_satisfied").is_none() {
            let (column, shown) = MFA_COLUMNS
                .iter()
                .find_map(|column| {
                    let c = COLUMNS.iter().position(|(name, ..)| name == column)?;
                    let (_, header) = self.columns[c].as_ref()?;
                    Some((*column, header.clone()))
                })
                .unwrap_or(("", String::new()));
            let value = self.cell(row, column).map_or("", |(v, _)| v);
            let source = proof(line, &format!("{shown}: {value}"));
            reading.set("signin.previously_satisfied", "no", source);
        }
    }
}
