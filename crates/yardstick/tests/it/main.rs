//! Integration tests of the yardstick library: one binary, files by purpose.

mod audit;
#[cfg(feature = "xlsx")]
mod audit_views;
mod concerns;
mod diff;
mod engine;
mod errors;
mod fixtures;
mod fuzz;
mod generate;
mod history;
mod hostile;
mod html;
mod layouts;
mod props;
mod repo;
mod rubric;
mod scorecard;
mod spreadsheets;
mod support;
mod views;
mod village;

#[path = "../../examples/score_bundle.rs"]
mod example;

#[test]
fn the_library_example_runs_on_the_sample_bundle() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample");
    let text = example::run(&dir).expect("the sample bundle scores");
    assert!(text.contains("结果：已评定"), "{text}");
}
