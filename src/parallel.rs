//! Running cases in parallel without nesting thread pools.
//!
//! typst lays out parts of a document with rayon. If cases ran as jobs on the same
//! pool, a worker waiting inside one compile would steal another case and compile it on
//! top of its own stack, and so on until the stack overflowed on large batches. And if
//! cases ran on plain threads beside rayon's global pool, every small inner job would
//! hop to a pool thread and back, and the pool's idle threads would spin for work on
//! cores the cases need.
//!
//! So each worker here is a private rayon pool: the worker takes the next case and
//! compiles it inside its own pool, where typst's inner jobs stay on the same thread
//! (or on the pool's spare threads when there are fewer cases than cores). A pool only
//! ever holds jobs of the one case it is working on.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use crate::WORKER_STACK;

/// The number of threads `jobs` means (0 = one per core).
pub fn thread_count(jobs: usize) -> usize {
    if jobs > 0 { jobs } else { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) }
}

/// `f` over every item on `jobs` threads (0 = one per core); results in item order.
pub fn map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let total = thread_count(jobs);
    let workers = total.min(items.len()).max(1);
    // Threads left over when there are fewer items than threads help inside each item.
    let per_worker = (total / workers).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let result = f(item);
            if let Ok(mut results) = results.lock() {
                results[i] = Some(result);
            }
        }
    };
    let pools: Vec<rayon::ThreadPool> = (0..workers)
        .map_while(|_| rayon::ThreadPoolBuilder::new().num_threads(per_worker).stack_size(WORKER_STACK).build().ok())
        .collect();
    // Each pool is driven from a thread of its own; `install` runs `work` on the pool
    // and the driving thread sleeps until it is done.
    std::thread::scope(|scope| {
        for pool in &pools {
            // A pool whose thread cannot start leaves its share to the others.
            let _ = std::thread::Builder::new().spawn_scoped(scope, || pool.install(work));
        }
    });
    drop(pools);
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    // Whatever no pool reached (none could be started) is done on this thread.
    for (i, slot) in results.iter_mut().enumerate() {
        if slot.is_none() {
            *slot = Some(f(&items[i]));
        }
    }
    results.into_iter().map(|r| r.expect("every slot filled above")).collect()
}

/// Lets at most a fixed number of threads hold a slot at once: the threads that may
/// use the CPU, when more threads than cores run so that one waiting on the disk does
/// not leave a core idle.
pub struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

/// A slot taken from [`Slots`]; dropping it frees the slot.
pub struct Slot<'a> {
    slots: &'a Slots,
}

impl Slots {
    /// `n` slots (at least one).
    pub fn new(n: usize) -> Slots {
        Slots { free: Mutex::new(n.max(1)), freed: Condvar::new() }
    }

    /// Waits for a free slot and takes it.
    pub fn take(&self) -> Slot<'_> {
        let mut free = self.lock();
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
        Slot { slots: self }
    }

    fn lock(&self) -> MutexGuard<'_, usize> {
        self.free.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        *self.slots.lock() += 1;
        self.slots.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map(&items, 4, |x| x * x);
        assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
    }

    #[test]
    fn every_thread_is_used() {
        use std::collections::HashSet;
        let items: Vec<u64> = (0..64).collect();
        let ids = map(&items, 3, |_| {
            std::thread::sleep(std::time::Duration::from_millis(2));
            format!("{:?}", std::thread::current().id())
        });
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 3);
    }

    #[test]
    fn slots_limit_how_many_hold_one_at_once() {
        let slots = Slots::new(2);
        let holding = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let items: Vec<u64> = (0..40).collect();
        map(&items, 6, |_| {
            let _slot = slots.take();
            let now = holding.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(2));
            holding.fetch_sub(1, Ordering::SeqCst);
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn no_items_no_threads() {
        let items: Vec<u8> = Vec::new();
        assert!(map(&items, 0, |x| *x).is_empty());
    }
}
