//! `sessions`, `resume` and `report`: saved walks and their reports.

use anyhow::{bail, Result};

use super::args::{Global, ReportArgs};

/// The recorder a wizard or headless run saves through.
pub fn recorder(_global: &Global) -> Result<Box<dyn crate::store::Recorder>> {
    Ok(Box::new(crate::store::NullRecorder::default()))
}

pub fn list(_global: &Global) -> Result<u8> {
    bail!("sessions are not built yet")
}

pub fn resume(_global: &Global, _id: Option<&str>) -> Result<u8> {
    bail!("sessions are not built yet")
}

pub fn report(_global: &Global, _args: &ReportArgs) -> Result<u8> {
    bail!("reports are not built yet")
}
