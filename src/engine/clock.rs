//! Where the engine gets the time, injected so tests and snapshots are exact.

use std::sync::atomic::{AtomicI64, Ordering};

use time::OffsetDateTime;

pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        let now = OffsetDateTime::now_utc();
        // Whole seconds read better in reports and keep session files stable to compare.
        now.replace_nanosecond(0).unwrap_or(now)
    }
}

/// A clock for tests: starts at a fixed instant and moves on by a fixed step at every reading.
#[derive(Debug)]
pub struct StepClock {
    next: AtomicI64,
    step_seconds: i64,
}

impl StepClock {
    pub fn new(start_unix: i64, step_seconds: i64) -> StepClock {
        StepClock {
            next: AtomicI64::new(start_unix),
            step_seconds,
        }
    }
}

impl Clock for StepClock {
    fn now(&self) -> OffsetDateTime {
        let t = self.next.fetch_add(self.step_seconds, Ordering::SeqCst);
        OffsetDateTime::from_unix_timestamp(t).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}
