//! One progress-and-cancel interface for long runs (what-if simulations, sweeps): a [`Job`]
//! the run reports to and polls, and a [`JobSlot`] holding the run in flight, where a newer
//! run cancels the older (the studio's one-run-at-a-time views).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Called with the units done after each report (a terminal's progress bar).
pub type Observer = Arc<dyn Fn(usize) + Send + Sync>;

/// One run's progress (units done of a total) and cancel flag, shared with whoever watches it.
#[derive(Clone)]
pub struct Job {
    cancel: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    total: usize,
    observer: Option<Observer>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("done", &self.done()).field("total", &self.total).finish_non_exhaustive()
    }
}

impl Job {
    /// A job of `total` units, nothing done, not cancelled.
    pub fn new(total: usize) -> Self {
        Job { cancel: Arc::new(AtomicBool::new(false)), done: Arc::new(AtomicUsize::new(0)), total, observer: None }
    }

    /// The job, also telling `observer` the units done after each report.
    pub fn observed(mut self, observer: Observer) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Records that `n` units are done (progress never goes back: runs report out of order).
    pub fn progress(&self, n: usize) {
        let before = self.done.fetch_max(n, Ordering::Relaxed);
        if let Some(o) = &self.observer {
            o(before.max(n));
        }
    }

    /// Units done so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// Units in all.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Asks the run to stop at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// True once [`Job::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// The flag the simulator polls.
    pub fn flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// How far the run in flight is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The run's id (chosen by the caller).
    pub id: u64,
    /// Units done.
    pub done: usize,
    /// Units in all.
    pub total: usize,
}

/// The run in flight, if any: starting a run cancels the one before it.
#[derive(Debug, Default)]
pub struct JobSlot(Mutex<Option<(u64, Job)>>);

impl JobSlot {
    /// Registers run `id` of `total` units, cancelling the one in flight, and returns its job.
    pub fn start(&self, id: u64, total: usize) -> Job {
        let job = Job::new(total);
        let mut slot = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, old)) = slot.as_ref() {
            old.cancel();
        }
        *slot = Some((id, job.clone()));
        job
    }

    /// Forgets run `id` when it is still the one in flight.
    pub fn finish(&self, id: u64) {
        let mut slot = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if slot.as_ref().is_some_and(|(i, _)| *i == id) {
            *slot = None;
        }
    }

    /// How far the run in flight is (`None` when none is).
    pub fn progress(&self) -> Option<Progress> {
        let slot = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        slot.as_ref().map(|(id, j)| Progress { id: *id, done: j.done(), total: j.total() })
    }

    /// Cancels run `id` if it is the one in flight; says whether it was.
    pub fn cancel(&self, id: u64) -> bool {
        let slot = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match slot.as_ref() {
            Some((i, j)) if *i == id => {
                j.cancel();
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_run_cancels_the_older_and_only_the_current_run_is_shown() {
        let slot = JobSlot::default();
        let a = slot.start(1, 10);
        a.progress(4);
        a.progress(3);
        assert_eq!(slot.progress(), Some(Progress { id: 1, done: 4, total: 10 }));
        let b = slot.start(2, 5);
        assert!(a.is_cancelled() && !b.is_cancelled());
        assert!(!slot.cancel(1), "run 1 is no longer in flight");
        slot.finish(1);
        assert_eq!(slot.progress().map(|p| p.id), Some(2));
        assert!(slot.cancel(2) && b.is_cancelled());
        slot.finish(2);
        assert_eq!(slot.progress(), None);
    }
}
