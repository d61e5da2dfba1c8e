//! The `samplan` command line.

use std::process::ExitCode;

/// mimalloc: typst allocates and frees many small objects from two threads at once,
/// where glibc's allocator spends much of the build in the kernel and in locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (mimalloc 3, as libmimalloc-sys builds it):
/// how long freed memory waits before it is handed back to the operating system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    keep_freed_memory();
    samplan_cli::run()
}

/// Every PDF export allocates and frees the same large buffers (deflate windows, the
/// PDF being written). By default mimalloc hands memory that stayed free for a second
/// back to the kernel, and the next document faults it in again as freshly zeroed
/// (often 2 MiB huge) pages: about two thirds of the page faults of a build. samplan is
/// a short-lived batch process, so it keeps freed memory for reuse instead (peak memory
/// grows by about a tenth).
fn keep_freed_memory() {
    // SAFETY: sets a plain integer option; mimalloc reads options at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

#[path = "cli/mod.rs"]
mod samplan_cli;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_mimalloc_documents() {
        // mimalloc 3's default purge delay is 1000 ms; no option near it has that
        // default, so a wrong number would read something else here.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reads a plain integer option.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }, 1000);
        }
        keep_freed_memory();
        // SAFETY: as above.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }, -1);
    }
}
