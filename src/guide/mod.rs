//! Guides: the file format, loading with located errors, validation, and the catalog of guides a
//! run can use. The ground floor: it imports nothing of the project but the text module. Its
//! face is below; the modules behind it are its own business.

mod catalog;
mod expr;
mod input_format;
mod interpolate;
mod join;
mod load;
mod model;
mod problem;
mod reach;
mod safe_text;
mod source_map;
mod unique;
mod valid;
mod validate;
mod vars;

pub use catalog::{
    guide_files, read_guide_bytes, read_guide_file, Bundled, Catalog, Entry, HeaderCache, NoCache,
    Stamp, BUNDLED,
};
pub use input_format::{
    check as check_input, expected as expected_input, normalise as normalise_input, parse_timestamp,
};
pub use interpolate::{interpolate, placeholders, Placeholder, NOT_CAPTURED};
pub use join::{join, joined_hash, origin_of, prefix_of};
pub use load::{
    content_hash, is_part, load, load_header, merge_parts, parse_yaml, read_file, read_part,
    read_part_file, Disk, LoadedGuide, PartReader, PartSpan, YamlKind, MAX_GUIDE_BYTES,
    MAX_YAML_BYTES,
};
pub use model::{
    Access, Branch, Choice, ContinueIn, Exit, ExitKey, Guide, Header, InputFormat, Joined, Node,
    NodeKind, Outcome, Part, Reference, Route, Rule, Section, Settle,
};
pub use problem::{Location, Problem, ProblemKind, Severity};
pub use reach::{Evidence as ReachEvidence, Reach};
pub use source_map::{MAX_DEPTH, MAX_EXPANDED_WEIGHT};
pub use unique::unique_map;
pub use valid::{Settled, ValidGuide};
pub use validate::{closest_name, prevalidated, validate, MAX_ID_LEN, MAX_PROBLEMS};
pub use vars::{Value, Variables, DONE, EVIDENCE_VARIABLES, NO, UNSURE, YES};
