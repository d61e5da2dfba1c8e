//! Running cases in parallel without nesting thread pools.
//!
//! typst lays out parts of a document on rayon's global pool. If cases ran on that pool
//! too, a worker waiting inside one compile would steal another case and compile it on
//! top of its own stack, and so on until the stack overflowed on large batches. Cases
//! therefore run on their own plain threads, each taking the next case when done; the
//! rayon pool only ever runs typst's small inner jobs.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::WORKER_STACK;

/// The number of threads `jobs` means (0 = one per core).
pub fn thread_count(jobs: usize) -> usize {
    if jobs > 0 { jobs } else { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) }
}

/// `f` over every item on `jobs` threads (0 = one per core); results in item order.
pub fn map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread_count(jobs).min(items.len()).max(1);
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let spawned = std::thread::Builder::new().stack_size(WORKER_STACK).spawn_scoped(scope, || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    if let Ok(mut results) = results.lock() {
                        results[i] = Some(result);
                    }
                }
            });
            // If no thread can be started, the items are left to the threads that did
            // start, or done here below.
            if spawned.is_err() {
                break;
            }
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    // Whatever no thread reached (no thread could be started) is done on this one.
    for (i, slot) in results.iter_mut().enumerate() {
        if slot.is_none() {
            *slot = Some(f(&items[i]));
        }
    }
    results.into_iter().map(|r| r.expect("every slot filled above")).collect()
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
    fn no_items_no_threads() {
        let items: Vec<u8> = Vec::new();
        assert!(map(&items, 0, |x| *x).is_empty());
    }
}
