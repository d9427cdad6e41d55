//! Integration tests of the yardstick library: one binary, files by purpose.

mod engine;
mod errors;
mod fixtures;
mod generate;
mod props;
mod rubric;
mod support;
