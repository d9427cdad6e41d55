//! The report as pretty JSON, block by block on every core.
//!
//! The document is the one `serde_json::to_writer_pretty(&report)` writes (a test holds the two
//! equal byte for byte): its frame is written here, its long lists (concerns, work-order items,
//! escalation items, summary groups) are cut into blocks, and each block's elements are
//! serialised by serde (the derived `Serialize` of [`ConcernRow`], [`Item`] and [`Group`]) with
//! [`Indented`], serde_json's pretty layout started at the list's depth. Blocks are made by
//! long-lived threads, block `b` by thread `b mod threads`, and handed to the writing thread
//! through each thread's own channel, so that at most two blocks a thread are ever held.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use super::view::{Groups, Items, Report};

/// serde_json's pretty layout (two spaces a level) for a value that sits `depth` levels deep
/// in the document.
pub(crate) struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    pub(crate) fn at(depth: usize) -> Indented {
        Indented {
            depth,
            has_value: false,
        }
    }
}

fn indent<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        w.write_all(b"  ")?;
    }
    Ok(())
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Appends `value` laid out as it sits `depth` levels deep.
fn value(buf: &mut Vec<u8>, depth: usize, v: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(buf, Indented::at(depth));
    v.serialize(&mut ser).map_err(io::Error::other)
}

/// One part of the document, in order.
enum Piece<'r> {
    /// The frame between lists.
    Text(Vec<u8>),
    /// Concerns `range` of the report's list.
    Rows(Range<usize>),
    /// Items `range` of a list.
    Items(Items<'r>, Range<usize>, usize),
    /// Groups `range` of a list.
    Groups(Groups<'r>, Range<usize>, usize),
}

/// Concerns a block holds; items and groups are smaller, so a block holds twice as many.
const BLOCK: usize = 256;

/// Writes the frame of a document and cuts its lists into blocks.
struct Frame<'r> {
    pieces: Vec<Piece<'r>>,
    text: Vec<u8>,
}

impl<'r> Frame<'r> {
    /// `"key": ` as the first (`first`) or a later field of an object `depth` levels deep.
    fn key(&mut self, first: bool, depth: usize, key: &str) -> io::Result<()> {
        self.text
            .extend_from_slice(if first { b"\n" } else { b",\n" });
        indent(&mut self.text, depth)?;
        serde_json::to_writer(&mut self.text, key).map_err(io::Error::other)?;
        self.text.extend_from_slice(b": ");
        Ok(())
    }

    fn field(
        &mut self,
        first: bool,
        depth: usize,
        key: &str,
        v: &impl Serialize,
    ) -> io::Result<()> {
        self.key(first, depth, key)?;
        value(&mut self.text, depth, v)
    }

    /// A list of `n` elements whose elements sit `depth` levels deep, cut into blocks of
    /// `block` made by `piece`.
    fn list(
        &mut self,
        n: usize,
        depth: usize,
        block: usize,
        piece: impl Fn(Range<usize>) -> Piece<'r>,
    ) {
        if n == 0 {
            self.text.extend_from_slice(b"[]");
            return;
        }
        self.text.push(b'[');
        self.pieces
            .push(Piece::Text(std::mem::take(&mut self.text)));
        for start in (0..n).step_by(block) {
            self.pieces.push(piece(start..(start + block).min(n)));
        }
        self.text.push(b'\n');
        let _ = indent(&mut self.text, depth - 1);
        self.text.push(b']');
    }

    /// `{ "<name>": ..., "total", "open", "overdue", "items": [...] }`, an element of a list
    /// of desks at depth 2.
    fn desk(
        &mut self,
        first: bool,
        name: (&str, &str),
        counts: [usize; 3],
        items: Items<'r>,
    ) -> io::Result<()> {
        self.text
            .extend_from_slice(if first { b"\n" } else { b",\n" });
        indent(&mut self.text, 2)?;
        self.text.push(b'{');
        self.field(true, 3, name.0, &name.1)?;
        self.field(false, 3, "total", &counts[0])?;
        self.field(false, 3, "open", &counts[1])?;
        self.field(false, 3, "overdue", &counts[2])?;
        self.key(false, 3, "items")?;
        self.list(items.len(), 4, 2 * BLOCK, |r| Piece::Items(items, r, 4));
        self.text.push(b'\n');
        indent(&mut self.text, 2)?;
        self.text.push(b'}');
        Ok(())
    }

    fn end_list(&mut self, any: bool) -> io::Result<()> {
        if any {
            self.text.push(b'\n');
            indent(&mut self.text, 1)?;
            self.text.push(b']');
        } else {
            self.text.extend_from_slice(b"[]");
        }
        Ok(())
    }
}

/// The document's pieces, in order.
fn pieces<'r>(report: &'r Report<'_>) -> io::Result<Vec<Piece<'r>>> {
    let ledger = report.ledger();
    let mut f = Frame {
        pieces: Vec::new(),
        text: b"{".to_vec(),
    };
    f.field(
        true,
        1,
        "name",
        &super::mask::mask_phone_numbers(&ledger.name),
    )?;
    f.field(false, 1, "as_of", &report.as_of())?;
    f.field(
        false,
        1,
        "routing",
        &super::mask::mask_phone_numbers(&ledger.routing.file),
    )?;
    f.field(false, 1, "calendar_years", &ledger.calendar.years())?;
    f.key(false, 1, "concerns")?;
    f.list(ledger.len(), 2, BLOCK, Piece::Rows);

    f.key(false, 1, "work_orders")?;
    let mut any = false;
    for (k, w) in report.work_orders().enumerate() {
        if k == 0 {
            f.text.push(b'[');
        }
        f.desk(
            k == 0,
            ("office", &w.office),
            [w.total, w.open, w.overdue],
            w.items,
        )?;
        any = true;
    }
    f.end_list(any)?;

    f.key(false, 1, "escalations")?;
    let mut any = false;
    for (k, e) in report.escalations().enumerate() {
        if k == 0 {
            f.text.push(b'[');
        }
        f.desk(
            k == 0,
            ("department", &e.department),
            [e.total, e.open, e.overdue],
            e.items,
        )?;
        any = true;
    }
    f.end_list(any)?;

    f.key(false, 1, "summary")?;
    f.text.push(b'{');
    let s = report.summary();
    f.field(true, 2, "all", &s.all)?;
    for (key, groups) in [
        ("by_category", s.by_category),
        ("by_unit", s.by_unit),
        ("by_worker", s.by_worker),
        ("by_office", s.by_office),
        ("by_department", s.by_department),
    ] {
        f.key(false, 2, key)?;
        f.list(groups.len(), 3, 2 * BLOCK, |r| Piece::Groups(groups, r, 3));
    }
    f.text.push(b'\n');
    indent(&mut f.text, 1)?;
    f.text.extend_from_slice(b"}\n}\n");
    f.pieces.push(Piece::Text(f.text));
    Ok(f.pieces)
}

/// Elements of a list at `depth`, the first being element `start` of the list, each after
/// its separator.
fn elements<T: Serialize>(
    buf: &mut Vec<u8>,
    start: usize,
    depth: usize,
    list: impl Iterator<Item = T>,
) -> io::Result<()> {
    for (k, element) in list.enumerate() {
        buf.extend_from_slice(if start + k == 0 { b"\n" } else { b",\n" });
        indent(buf, depth)?;
        value(buf, depth, &element)?;
    }
    Ok(())
}

/// The text of one piece.
fn render(report: &Report<'_>, piece: &Piece<'_>) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match piece {
        Piece::Text(t) => buf.extend_from_slice(t),
        Piece::Rows(r) => {
            buf.reserve(800 * r.len());
            elements(&mut buf, r.start, 2, report.rows(r.clone()))?;
        }
        Piece::Items(items, r, depth) => {
            buf.reserve(500 * r.len());
            elements(&mut buf, r.start, *depth, items.range(r.clone()))?;
        }
        Piece::Groups(groups, r, depth) => {
            buf.reserve(500 * r.len());
            elements(&mut buf, r.start, *depth, groups.range(r.clone()))?;
        }
    }
    Ok(buf)
}

/// Writes `report` as pretty JSON and a newline, on `threads` threads.
pub(crate) fn write(report: &Report<'_>, out: &mut dyn Write, threads: usize) -> io::Result<()> {
    let pieces = pieces(report)?;
    let n = pieces.len();
    let threads = threads.clamp(1, n);
    if threads == 1 {
        for p in &pieces {
            out.write_all(&render(report, p)?)?;
        }
        return Ok(());
    }
    std::thread::scope(|s| {
        let mut texts = Vec::with_capacity(threads);
        for t in 0..threads {
            let (tx, rx) = std::sync::mpsc::sync_channel::<io::Result<Vec<u8>>>(1);
            texts.push(rx);
            let pieces = &pieces;
            s.spawn(move || {
                for b in (t..n).step_by(threads) {
                    // A closed channel: the writing failed, so stop.
                    if tx.send(render(report, &pieces[b])).is_err() {
                        break;
                    }
                }
            });
        }
        let written = (0..n).try_for_each(|b| match texts[b % threads].recv() {
            Ok(text) => out.write_all(&text?),
            Err(_) => Err(io::Error::other("a thread writing the report stopped")),
        });
        // Closing the channels lets every thread finish before the scope ends.
        drop(texts);
        written
    })
}
