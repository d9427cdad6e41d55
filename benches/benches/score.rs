//! Scoring the sample bundle: loading (CSV parsing and checks), the engine alone, and both.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yardstick::{Bundle, score};

fn bench(c: &mut Criterion) {
    let dir = yardstick_benches::sample_bundle();
    let bundle = Bundle::load(&dir).expect("the sample bundle loads").output;
    let mut g = c.benchmark_group("sample");
    g.bench_function("load", |b| {
        b.iter(|| Bundle::load(black_box(&dir)).expect("loads"))
    });
    g.bench_function("score", |b| b.iter(|| score(black_box(&bundle))));
    g.bench_function("load_and_score_json", |b| {
        b.iter(|| {
            let bundle = Bundle::load(black_box(&dir)).expect("loads").output;
            yardstick::report::to_json(&score(&bundle)).to_string()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
