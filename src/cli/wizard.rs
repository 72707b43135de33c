//! Opens the interactive wizard: on the picker, on one guide, or on a resumed session.

use std::sync::Arc;

use anyhow::{bail, Result};

use super::args::Global;
use crate::engine::Walk;
use crate::guide::catalog::Catalog;
use crate::guide::ValidGuide;
use crate::store::Recorder;

pub enum WizardStart {
    Picker,
    Guide(Arc<ValidGuide>),
    Resume { walk: Walk, notice: Option<String> },
}

pub fn open(
    _global: &Global,
    _catalog: &Catalog,
    _start: WizardStart,
    _recorder: Box<dyn Recorder>,
) -> Result<u8> {
    bail!("the interactive wizard is not built yet; pass --answers FILE for a headless walk")
}
