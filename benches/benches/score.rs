//! Scoring benches: the sample bundle, then generated bundles at district, city and province
//! scale (see benches/README.md). At each scale: the parse floor (the `csv` crate reading every
//! record), each loader on its own, the engine alone on a loaded bundle, and `score` end to end
//! (load, score, JSON written).
//!
//! Scales: `YARDSTICK_BENCH_SCALES=district,city,province` chooses them; by default a full run
//! measures district and city, and a `--test` run (CI) district only. Generated bundles are
//! cached in `<target>/yardstick-bench`.
//!
//! Grid workers (`rubrics/grid-worker.toml`, a year of monthly checklists, about 130 rows a
//! worker): `YARDSTICK_BENCH_GRID=2000,20000` chooses the roster sizes; by default a full run
//! measures 2,000 and 20,000 workers, a `--test` run 2,000.

use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use yardstick::{Bundle, score};
use yardstick_benches::{
    DEFAULT_SEED, KINDS, Population, Scale, Spec, Stats, cached, cached_bundle, grid,
    parse_file_floor, parse_floor,
};

/// The JSON document of `score --format json`, written to `out`.
fn score_json(dir: &Path, out: &mut Vec<u8>) {
    let bundle = Bundle::load(dir).expect("the bundle loads").output;
    yardstick::report::json::write(&score(&bundle), out).expect("writes to memory");
}

fn sample(c: &mut Criterion) {
    let dir = yardstick_benches::sample_bundle();
    let bundle = Bundle::load(&dir).expect("the sample bundle loads").output;
    let mut g = c.benchmark_group("sample");
    g.bench_function("load", |b| {
        b.iter(|| Bundle::load(black_box(&dir)).expect("loads"))
    });
    g.bench_function("score", |b| b.iter(|| score(black_box(&bundle))));
    let mut out = Vec::new();
    g.bench_function("load_and_score_json", |b| {
        b.iter(|| {
            out.clear();
            score_json(black_box(&dir), &mut out);
        })
    });
    g.finish();
}

fn scales() -> Vec<Scale> {
    if let Ok(list) = std::env::var("YARDSTICK_BENCH_SCALES") {
        return list
            .split(',')
            .filter_map(|s| {
                let scale = Scale::parse(s.trim());
                if scale.is_none() {
                    eprintln!("YARDSTICK_BENCH_SCALES: unknown scale \"{s}\" ignored");
                }
                scale
            })
            .collect();
    }
    if std::env::args().any(|a| a == "--test") {
        vec![Scale::District]
    } else {
        vec![Scale::District, Scale::City]
    }
}

/// Fewer samples as bundles grow, so that a province run stays within minutes.
fn configure<M: criterion::measurement::Measurement>(g: &mut BenchmarkGroup<'_, M>, scale: Scale) {
    match scale {
        Scale::District => {
            g.sample_size(20);
            g.measurement_time(Duration::from_secs(3));
        }
        Scale::City => {
            g.sample_size(10);
            g.measurement_time(Duration::from_secs(8));
        }
        Scale::Province => {
            g.sample_size(10);
            g.measurement_time(Duration::from_secs(30));
            g.warm_up_time(Duration::from_secs(1));
        }
    }
}

fn scaled(c: &mut Criterion) {
    for scale in scales() {
        let (dir, stats) = cached_bundle(scale).expect("the bundle is generated");
        let bytes = stats.bytes();
        let name = scale.name();

        // Side by side: the floor and the whole of `score --format json`.
        let mut g = c.benchmark_group(format!("{name}/end_to_end"));
        configure(&mut g, scale);
        g.throughput(Throughput::Bytes(bytes));
        g.bench_function("floor_csv_parse", |b| {
            b.iter(|| parse_floor(black_box(&dir)).expect("parses"))
        });
        let mut out = Vec::new();
        g.bench_function("score_json", |b| {
            b.iter(|| {
                out.clear();
                score_json(black_box(&dir), &mut out);
            })
        });
        g.finish();

        // The engine alone, on a bundle already loaded.
        let bundle = Bundle::load(&dir).expect("the bundle loads").output;
        let mut g = c.benchmark_group(format!("{name}/engine"));
        configure(&mut g, scale);
        g.throughput(Throughput::Elements(stats.workers as u64));
        g.bench_function("score", |b| b.iter(|| score(black_box(&bundle))));
        g.finish();
        drop(bundle);

        // Each loader: the roster and one file (the roster alone first), next to the floor of
        // that file.
        let mut g = c.benchmark_group(format!("{name}/load"));
        configure(&mut g, scale);
        for (kind, _, file) in KINDS {
            let toml = dir.join(format!("only-{kind}.toml"));
            g.throughput(Throughput::Bytes(file_bytes(&stats, file)));
            g.bench_function(kind, |b| {
                b.iter(|| Bundle::load(black_box(&toml)).expect("loads"))
            });
            let path = dir.join(file);
            g.bench_function(format!("{kind}_floor"), |b| {
                b.iter(|| parse_file_floor(black_box(&path)).expect("parses"))
            });
        }
        g.finish();
    }
}

fn file_bytes(stats: &Stats, file: &str) -> u64 {
    let roster = stats.files[0].bytes;
    let own = stats
        .files
        .iter()
        .find(|f| f.name == file)
        .map_or(0, |f| f.bytes);
    if file == "roster.csv" {
        roster
    } else {
        roster + own
    }
}

/// The grid bundles' sizes.
fn grid_sizes() -> Vec<usize> {
    if let Ok(list) = std::env::var("YARDSTICK_BENCH_GRID") {
        return list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
    }
    if std::env::args().any(|a| a == "--test") {
        vec![2_000]
    } else {
        vec![2_000, 20_000]
    }
}

/// Grid workers: the floor and `score` end to end, the engine alone, and each loader next to
/// the floor of its file.
fn grid_workers(c: &mut Criterion) {
    for workers in grid_sizes() {
        let spec = Spec {
            workers,
            seed: DEFAULT_SEED,
            density: 1,
            population: Population::Grid,
        };
        let (dir, stats) = cached(&spec).expect("the grid bundle is generated");
        let scale = if workers <= 5_000 {
            Scale::District
        } else {
            Scale::City
        };
        let name = format!("grid-{workers}");
        let mut g = c.benchmark_group(format!("{name}/end_to_end"));
        configure(&mut g, scale);
        g.throughput(Throughput::Bytes(stats.bytes()));
        g.bench_function("floor_csv_parse", |b| {
            b.iter(|| parse_floor(black_box(&dir)).expect("parses"))
        });
        let mut out = Vec::new();
        g.bench_function("score_json", |b| {
            b.iter(|| {
                out.clear();
                score_json(black_box(&dir), &mut out);
            })
        });
        g.finish();

        let bundle = Bundle::load(&dir).expect("the bundle loads").output;
        let mut g = c.benchmark_group(format!("{name}/engine"));
        configure(&mut g, scale);
        g.throughput(Throughput::Elements(stats.workers as u64));
        g.bench_function("score", |b| b.iter(|| score(black_box(&bundle))));
        g.finish();
        drop(bundle);

        let mut g = c.benchmark_group(format!("{name}/load"));
        configure(&mut g, scale);
        for (kind, _, file) in grid::KINDS {
            let toml = dir.join(format!("only-{kind}.toml"));
            g.throughput(Throughput::Bytes(file_bytes(&stats, file)));
            g.bench_function(kind, |b| {
                b.iter(|| Bundle::load(black_box(&toml)).expect("loads"))
            });
            let path = dir.join(file);
            g.bench_function(format!("{kind}_floor"), |b| {
                b.iter(|| parse_file_floor(black_box(&path)).expect("parses"))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, sample, scaled, grid_workers);
criterion_main!(benches);
