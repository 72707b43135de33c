//! Bringing a saved session back as a walk: against the guide loaded now (to resume), or against
//! the guide it was recorded with (to report), saying plainly when the two differ.

use std::sync::Arc;

use time::OffsetDateTime;

use super::error::StoreError;
use super::session::{Session, Superseded};
use super::session_store::SessionStore;
use crate::engine::{Clock, ReplayStop, Walk};
use crate::guide::{Catalog, ValidGuide};

#[derive(Debug)]
pub struct Reopened {
    pub walk: Walk,
    /// What a technician must know before going on: the guide changed, where replay stopped.
    pub notice: Option<String>,
    /// The recorded steps, kept in the session when the guide changed under them.
    pub superseded: Option<Superseded>,
}

fn where_it_stopped(session: &Session, stop: &ReplayStop) -> String {
    let answered = session.answered();
    let lost = answered.saturating_sub(stop.step);
    format!(
        "the recorded answers fit up to step {}; step {} ('{}') stopped the replay: {}. \
         The {lost} answered step(s) from there on are kept in the session file, and the walk \
         goes on from step {}",
        stop.step,
        stop.step + 1,
        stop.node,
        stop.reason,
        stop.step + 1
    )
}

fn versions(then: &str, now: &str) -> String {
    if then == now {
        format!("still version {now}, but its content differs")
    } else {
        format!("version {then} then, {now} now")
    }
}

fn not_loaded(session: &Session) -> StoreError {
    StoreError::GuideNotLoaded {
        session: session.id.clone(),
        guide: session.guide.id.clone(),
        version: session.guide.version.clone(),
    }
}

/// Which guide changed under a session: one the walk went on in (or that is gone), else its
/// own guide.
fn what_changed(
    store: &SessionStore,
    session: &Session,
    catalog: &Catalog,
    guide: &ValidGuide,
) -> String {
    let pin = &session.guide;
    let kept = store.kept_guide(&pin.hash);
    let joined = kept
        .as_ref()
        .map_or(&[][..], |k| k.guide().joined.as_slice());
    let mut said = Vec::new();
    for j in joined {
        match catalog.find(&j.id) {
            None => said.push(format!(
                "The guide '{}' this walk went on in is not loaded now.",
                j.id
            )),
            Some(now) if now.hash() != j.hash => said.push(format!(
                "The guide '{}' this walk went on in changed since this session was recorded ({}).",
                j.id,
                versions(&j.version, now.version())
            )),
            Some(_) => {}
        }
    }
    // The pinned hash chains the walk's own guide's with each joined one's (see guide::join):
    // worked out again from the guide loaded now, it tells whether that one changed too.
    let base_now = catalog.find(&pin.id).map(|g| g.hash().to_string());
    let chained = base_now.map(|base| {
        joined
            .iter()
            .fold(base, |h, j| crate::guide::joined_hash(&h, &j.from, &j.hash))
    });
    if said.is_empty() || chained.as_deref() != Some(pin.hash.as_str()) {
        said.push(format!(
            "The guide '{}' changed since this session was recorded ({}).",
            pin.id,
            versions(&pin.version, guide.version())
        ));
    }
    said.join(" ")
}

/// The session as a walk on the guide the catalog holds now, replayed as far as it fits; when
/// that guide is not loaded (a session started from a guide file), on the copy kept of it.
pub fn for_resume(
    store: &SessionStore,
    session: &Session,
    catalog: &Catalog,
    clock: Arc<dyn Clock>,
    now: OffsetDateTime,
) -> Result<Reopened, StoreError> {
    let pin = &session.guide;
    let mut notice = Vec::new();
    let guide = match catalog.find(&pin.id) {
        Some(guide) => Arc::clone(guide),
        None => {
            let kept = store
                .kept_guide(&pin.hash)
                .ok_or_else(|| not_loaded(session))?;
            notice.push(format!(
                "The guide '{}' version {} is not loaded now; the walk goes on with the copy \
                 kept when this session was recorded.",
                pin.id, pin.version
            ));
            Arc::new(kept)
        }
    };
    // A walk that went on in another guide joins it again as the replay reaches the joint.
    let library: crate::engine::Library = Arc::new(catalog.library());
    let replay = Walk::replay_in(
        Arc::clone(&guide),
        clock,
        &session.steps,
        &session.evidence,
        Some(library),
    );
    let changed = replay.walk.guide().hash() != pin.hash;
    if changed {
        notice.push(what_changed(store, session, catalog, &guide));
    }
    match &replay.stopped {
        Some(stop) => notice.push(format!(
            "Replayed against it: {}.",
            where_it_stopped(session, stop)
        )),
        None if changed => notice.push(format!(
            "All {} recorded answer(s) still fit.",
            session.answered()
        )),
        None => {}
    }
    let superseded = (changed || replay.stopped.is_some()).then(|| Superseded {
        guide: pin.clone(),
        stopped: replay.stopped.as_ref().map(|s| s.reason.clone()),
        at: now,
        steps: session.steps.clone(),
    });
    let mut walk = replay.walk;
    walk.restore_replaced(session.replaced.clone());
    // What the technician could check goes on applying to the checks still ahead.
    if let Some(access) = &session.access {
        let _ = walk.apply(crate::engine::WalkCommand::SetAccess(Some(
            access.iter().cloned().collect(),
        )));
    }
    Ok(Reopened {
        walk,
        notice: (!notice.is_empty()).then(|| notice.join(" ")),
        superseded,
    })
}

/// The session as a walk on the guide it was recorded with: the kept copy, else the loaded guide
/// if unchanged, else the loaded guide with a warning saying so.
pub fn for_report(
    store: &SessionStore,
    session: &Session,
    catalog: &Catalog,
    clock: Arc<dyn Clock>,
) -> Result<(Walk, Option<String>), StoreError> {
    let pin = &session.guide;
    let (guide, kept) = match (store.kept_guide(&pin.hash), catalog.find(&pin.id)) {
        (Some(kept), _) => (Arc::new(kept), true),
        (None, Some(g)) => (Arc::clone(g), false),
        (None, None) => return Err(not_loaded(session)),
    };
    // Without the kept copy, a walk that went on in another guide joins it again on the way.
    let library: Option<crate::engine::Library> =
        (!kept).then(|| Arc::new(catalog.library()) as crate::engine::Library);
    let replay = Walk::replay_in(guide, clock, &session.steps, &session.evidence, library);
    let now = replay.walk.guide();
    let mut warning = (now.hash() != pin.hash).then(|| {
        format!(
            "the guide '{}' changed since session '{}' was recorded ({}) and no copy \
             of the old one was kept; the report uses the current guide",
            pin.id,
            session.id,
            versions(&pin.version, now.version())
        )
    });
    if let Some(stop) = &replay.stopped {
        let stopped = where_it_stopped(session, stop);
        warning = Some(match warning {
            Some(w) => format!("{w}; {stopped}"),
            None => stopped,
        });
    }
    let mut walk = replay.walk;
    walk.restore_replaced(session.replaced.clone());
    Ok((walk, warning))
}
