//! Work shared between the cores, with results that never depend on how many there are: the
//! bottom layer, used by the loader, the engine and the views.

use std::io::Write;
use std::ops::Range;

/// Threads used to score: the `YARDSTICK_THREADS` environment variable when it is a number
/// above 0, otherwise every core the system offers.
pub fn threads() -> usize {
    std::env::var("YARDSTICK_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `f(0), f(1), … f(n − 1)` in order, for a few tasks of uneven size: up to `threads`
/// threads each take the next task as they finish one; the results come back in task order.
pub(crate) fn tasks<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, T)>> = Mutex::new(Vec::with_capacity(n));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let r = f(i);
                    match done.lock() {
                        Ok(mut d) => d.push((i, r)),
                        Err(poisoned) => poisoned.into_inner().push((i, r)),
                    }
                }
            });
        }
    });
    let mut done = match done.into_inner() {
        Ok(d) => d,
        Err(poisoned) => poisoned.into_inner(),
    };
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `f(0), f(1), … f(n − 1)` in order, computed on up to `threads` threads, each taking one
/// contiguous range: the result never depends on the number of threads.
pub(crate) fn map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    // Below this, a thread costs more than it saves (unit tests split even tiny bundles).
    const MIN_PER_THREAD: usize = if cfg!(test) { 1 } else { 256 };
    let threads = threads.clamp(1, n.div_ceil(MIN_PER_THREAD).max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                s.spawn(move || range.map(f).collect::<Vec<T>>())
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// Writes `n` items to `out` in order, rendered in blocks of `block` items by up to `threads`
/// long-lived threads: block b by thread b mod threads, each block's bytes handed to this
/// thread through the thread's own channel and written in turn, so that the cores never wait
/// for the writing and no more than two blocks a thread are ever held. `render` appends the
/// bytes of the items in a range to a buffer.
pub(crate) fn write_blocks(
    n: usize,
    block: usize,
    threads: usize,
    out: &mut dyn Write,
    render: impl Fn(Range<usize>, &mut Vec<u8>) + Sync,
) -> std::io::Result<()> {
    let block = block.max(1);
    let blocks = n.div_ceil(block);
    let threads = threads.clamp(1, blocks.max(1));
    let make = |b: usize| {
        let mut buf = Vec::new();
        render(b * block..((b + 1) * block).min(n), &mut buf);
        buf
    };
    if threads == 1 {
        for b in 0..blocks {
            out.write_all(&make(b))?;
        }
        return Ok(());
    }
    std::thread::scope(|s| {
        let mut texts = Vec::with_capacity(threads);
        for t in 0..threads {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
            texts.push(rx);
            let make = &make;
            s.spawn(move || {
                for b in (t..blocks).step_by(threads) {
                    // A closed channel: the writing failed, so stop.
                    if tx.send(make(b)).is_err() {
                        break;
                    }
                }
            });
        }
        let written = (0..blocks).try_for_each(|b| match texts[b % threads].recv() {
            Ok(text) => out.write_all(&text),
            Err(_) => Err(std::io::Error::other("a scoring thread stopped")),
        });
        // Closing the channels lets every thread finish before the scope ends.
        drop(texts);
        written
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_written_in_order_on_any_number_of_threads() {
        let want: String = (0..1000).map(|i| format!("{i},")).collect();
        for threads in [1, 2, 3, 8] {
            for block in [1, 7, 128, 5000] {
                let mut out = Vec::new();
                write_blocks(1000, block, threads, &mut out, |r, buf| {
                    for i in r {
                        buf.extend_from_slice(format!("{i},").as_bytes());
                    }
                })
                .unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), want, "{threads} {block}");
            }
        }
        assert_eq!(
            map(10, 3, |i| i * i),
            (0..10).map(|i| i * i).collect::<Vec<_>>()
        );
        assert_eq!(tasks(5, 2, |i| i + 1), vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_writer_that_fails_stops_every_thread() {
        struct Fails(usize);
        impl Write for Fails {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(std::io::Error::other("disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        for threads in [1, 2, 3] {
            let e = write_blocks(10_000, 100, threads, &mut Fails(5000), |r, buf| {
                buf.extend(r.map(|_| b'x'));
            })
            .unwrap_err();
            assert_eq!(e.to_string(), "disk full");
        }
    }
}
