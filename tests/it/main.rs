//! Every integration test of tshoot in one test binary: one link after a change to the library
//! instead of one per file. Each module is one area; the support modules are shared fixtures.

mod cli_support;
mod store_support;
mod tui_support;

mod access_cli;
mod cli;
mod cli_help;
mod cli_output;
mod continue_cli;
mod conventions_cli;
mod engine_walk;
mod evidence_cli;
mod going_back;
mod guide_fixtures;
mod guide_parts;
mod library_cli;
mod loader_files;
mod map_cli;
mod msrv;
mod plain_cli;
mod practice_cases;
mod practice_cli;
mod report_export;
mod report_formats;
mod report_text;
mod scenarios_cli;
mod schemas;
mod sessions_cli;
mod sessions_tidy;
mod stats_cli;
mod store_changed_guide;
mod store_cli;
mod store_journal;
mod store_recorder;
mod store_truncation;
mod text_safety;
mod tui_history;
mod tui_keys;
mod tui_paste;
mod tui_pty;
mod tui_screens;
mod tui_sessions;
mod tui_summary_copy;
mod tui_walk_screens;
