//! Benchmarks of yardstick: the bundles they measure.
//!
//! [`sample_bundle`] is the hand-made 40-worker bundle of `fixtures/sample`. [`generate`] writes
//! a realistic bundle of any size for the standard rubric `rubrics/community-worker.toml`,
//! deterministically from a seed: communities of ten workers (five 两委 members and five grid
//! workers), about 50 rows per worker across the six component files, with the spreads of marks,
//! abstentions, unreachable calls, unanswered visits, adjustments and vetoes that real
//! assessments show. Residents' concerns come with it: a concern on about one call in eight and
//! one visit in four (about 4% of all rows), a `concerns.csv` of concerns raised at the service
//! window (some reported up, some of a category the routing table lacks) and a
//! `concern_updates.csv` of follow-ups and callbacks, drawn from a generator of their own so
//! that every other file is the same with or without them. [`cached_bundle`] generates a [`Scale`] once into the target folder and
//! reuses it, so that province-scale benches do not pay for generation.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub mod grid;

/// The sample bundle shipped in `fixtures/sample`.
pub fn sample_bundle() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/sample")
}

/// The standard rubric, copied into every generated bundle so that it stands alone.
const RUBRIC: &str = include_str!("../../rubrics/community-worker.toml");

/// Bumped whenever the generator's output changes, so that cached bundles are rebuilt.
const GENERATOR_VERSION: u32 = 2;

/// The seed the benches use.
pub const DEFAULT_SEED: u64 = 2024;

/// The sizes the benches measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A district (区): 500 workers.
    District,
    /// A city (市): 5,000 workers.
    City,
    /// A province (省): 50,000 workers.
    Province,
}

impl Scale {
    /// Every scale, smallest first.
    pub const ALL: [Scale; 3] = [Scale::District, Scale::City, Scale::Province];

    /// Workers on the roster.
    pub fn workers(self) -> usize {
        match self {
            Scale::District => 500,
            Scale::City => 5_000,
            Scale::Province => 50_000,
        }
    }

    /// The scale's name (`district`, `city`, `province`).
    pub fn name(self) -> &'static str {
        match self {
            Scale::District => "district",
            Scale::City => "city",
            Scale::Province => "province",
        }
    }

    /// The scale named `name`.
    pub fn parse(name: &str) -> Option<Scale> {
        Scale::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Which population a generated bundle assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Population {
    /// Community workers, `rubrics/community-worker.toml`: about 54 rows a worker in six files.
    #[default]
    Community,
    /// Grid workers, `rubrics/grid-worker.toml`: a year of monthly checklists (about ten rows a
    /// month), residents' callbacks and the community's review; about 130 rows a worker.
    Grid,
}

impl Population {
    /// `community` or `grid`.
    pub fn name(self) -> &'static str {
        match self {
            Population::Community => "community",
            Population::Grid => "grid",
        }
    }

    /// The population named `name`.
    pub fn parse(name: &str) -> Option<Population> {
        [Population::Community, Population::Grid]
            .into_iter()
            .find(|p| p.name() == name)
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Workers on the roster (rounded up to whole communities of ten).
    pub workers: usize,
    /// The seed: the same spec always gives the same bytes.
    pub seed: u64,
    /// Rows per worker, as a multiple of the usual (about 50): electorates, panels,
    /// interviewers, calls and visits all grow by this factor. 1 is realistic; 2 shows that
    /// memory does not grow with rows per worker.
    pub density: u32,
    /// Community workers or grid workers.
    pub population: Population,
}

impl Spec {
    /// The usual density at `scale`.
    pub fn at(scale: Scale, seed: u64) -> Spec {
        Spec {
            workers: scale.workers(),
            seed,
            density: 1,
            population: Population::Community,
        }
    }

    /// A folder name that tells the spec (`w500-s2024-d1`, `grid-w2000-s2024-d1`).
    pub fn dir_name(&self) -> String {
        let name = format!("w{}-s{}-d{}", self.workers, self.seed, self.density);
        match self.population {
            Population::Community => name,
            Population::Grid => format!("grid-{name}"),
        }
    }
}

/// One input file of a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStats {
    /// The file's name in the bundle.
    pub name: &'static str,
    /// Data rows (the header not counted).
    pub rows: u64,
    /// Bytes.
    pub bytes: u64,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Workers on the roster.
    pub workers: usize,
    /// Every CSV file that scoring reads, in the order of [`CSV_FILES`].
    pub files: Vec<FileStats>,
    /// The files only the concerns ledger reads, in the order of [`CONCERN_FILES`].
    pub concern_files: Vec<FileStats>,
}

impl Stats {
    /// Data rows of every CSV file.
    pub fn rows(&self) -> u64 {
        self.files.iter().map(|f| f.rows).sum()
    }

    /// Bytes of every CSV file.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }

    /// Reads the statistics of a bundle written by [`generate`].
    pub fn read(dir: &Path) -> io::Result<Stats> {
        let text = fs::read_to_string(dir.join(STATS_FILE))?;
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "bad stats file");
        let mut workers = None;
        let mut files = Vec::new();
        let mut concern_files = Vec::new();
        for line in text.lines() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                ["version", v] if v.parse::<u32>().ok() == Some(GENERATOR_VERSION) => {}
                ["version", _] => return Err(bad()),
                ["workers", n] => workers = Some(n.parse().map_err(|_| bad())?),
                ["file", name, rows, bytes] => {
                    let name = CSV_FILES
                        .iter()
                        .chain(grid::CSV_FILES.iter())
                        .copied()
                        .find(|f| f == name)
                        .ok_or_else(bad)?;
                    files.push(FileStats {
                        name,
                        rows: rows.parse().map_err(|_| bad())?,
                        bytes: bytes.parse().map_err(|_| bad())?,
                    });
                }
                ["concerns", name, rows, bytes] => {
                    let name = CONCERN_FILES
                        .iter()
                        .copied()
                        .find(|f| f == name)
                        .ok_or_else(bad)?;
                    concern_files.push(FileStats {
                        name,
                        rows: rows.parse().map_err(|_| bad())?,
                        bytes: bytes.parse().map_err(|_| bad())?,
                    });
                }
                _ => return Err(bad()),
            }
        }
        let community =
            files.len() == CSV_FILES.len() && concern_files.len() == CONCERN_FILES.len();
        let grid = files.len() == grid::CSV_FILES.len() && concern_files.is_empty();
        if !community && !grid {
            return Err(bad());
        }
        Ok(Stats {
            workers: workers.ok_or_else(bad)?,
            files,
            concern_files,
        })
    }

    fn write(&self, dir: &Path) -> io::Result<()> {
        let mut s = format!("version {GENERATOR_VERSION}\nworkers {}\n", self.workers);
        for f in &self.files {
            let _ = writeln!(s, "file {} {} {}", f.name, f.rows, f.bytes);
        }
        // Not "file" lines: the input scoring reads (and its parse floor) stays what it was.
        for f in &self.concern_files {
            let _ = writeln!(s, "concerns {} {} {}", f.name, f.rows, f.bytes);
        }
        fs::write(dir.join(STATS_FILE), s)
    }
}

/// Written last: a bundle folder holding it is complete.
const STATS_FILE: &str = "generated.txt";

/// The CSV files of a generated bundle, roster first.
pub const CSV_FILES: [&str; 8] = [
    "roster.csv",
    "report.csv",
    "ballots.csv",
    "interviews.csv",
    "tests.csv",
    "phone.csv",
    "visits.csv",
    "adjustments.csv",
];

/// The files of a generated bundle that only the concerns ledger reads: concerns raised
/// outside calls and visits, and the follow-ups of every concern.
pub const CONCERN_FILES: [&str; 2] = ["concerns.csv", "concern_updates.csv"];

/// Writes one bundle file per input kind of `kinds` (kind, its key in `assessment.toml`, its
/// file), naming the roster and that file only, so that each loader can be timed on its own
/// (`only-roster.toml` is the roster alone).
fn only_bundles(dir: &Path, kinds: &[(&str, Option<&str>, &str)], rubric: &str) -> io::Result<()> {
    for (kind, key, file) in kinds {
        let line = match key {
            None => String::new(),
            Some("adjustments") => format!("adjustments = \"{file}\"\n"),
            Some(k) => format!("\n[inputs.components]\n{k} = \"{file}\"\n"),
        };
        fs::write(
            dir.join(format!("only-{kind}.toml")),
            format!(
                "[assessment]\nname = \"{kind}\"\nyear = 2024\nrubric = \"{rubric}\"\n\n\
                 [inputs]\nroster = \"roster.csv\"\n{line}"
            ),
        )?;
    }
    Ok(())
}

/// The input kinds of a generated bundle: (name, key in `assessment.toml`, file). Each has a
/// bundle file `only-<name>.toml` that reads the roster and that file alone.
pub const KINDS: [(&str, Option<&str>, &str); 8] = [
    ("roster", None, "roster.csv"),
    ("report", Some("report"), "report.csv"),
    ("ballot", Some("ballot"), "ballots.csv"),
    ("interview", Some("interview"), "interviews.csv"),
    ("test", Some("test"), "tests.csv"),
    ("phone", Some("phone"), "phone.csv"),
    ("visit", Some("visit"), "visits.csv"),
    ("adjustments", Some("adjustments"), "adjustments.csv"),
];

/// Where generated bundles are kept: `<target>/yardstick-bench`, with `<target>` from
/// `CARGO_TARGET_DIR` or the workspace's `target`.
pub fn cache_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("yardstick-bench")
}

/// The bundle of `spec` in [`cache_dir`], generated unless a complete one of the same
/// generator version is there.
pub fn cached(spec: &Spec) -> io::Result<(PathBuf, Stats)> {
    let dir = cache_dir().join(spec.dir_name());
    if let Ok(stats) = Stats::read(&dir) {
        return Ok((dir, stats));
    }
    let stats = generate(&dir, spec)?;
    Ok((dir, stats))
}

/// The bundle at `scale` with the default seed, from the cache.
pub fn cached_bundle(scale: Scale) -> io::Result<(PathBuf, Stats)> {
    cached(&Spec::at(scale, DEFAULT_SEED))
}

// ---------------------------------------------------------------------------------------------
// A small, fast, seeded random number generator (SplitMix64), so that the bundles do not
// depend on a crate's algorithm staying the same.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi`.
    fn int(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Normal with mean 0 and deviation `sd` (Box–Muller).
    fn gauss(&mut self, sd: f64) -> f64 {
        let u = 1.0 - self.unit();
        let v = self.unit();
        sd * (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next() as usize % items.len()]
    }

    /// The index drawn with the given weights.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

// ---------------------------------------------------------------------------------------------
// Names and words.

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "萧", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "欧阳", "上官",
];

const GIVEN: &[&str] = &[
    "丽", "萍", "建", "军", "红", "梅", "志", "刚", "晓", "燕", "国", "强", "秀", "兰", "磊", "婷",
    "俊", "杰", "桂", "芳", "卫", "东", "慧", "敏", "永", "明", "平", "雪", "远", "欣", "怡", "浩",
    "玉", "海", "涛", "春", "立", "新", "文", "博", "静", "华", "雨", "晴", "亮", "淑", "珍", "勇",
    "娟", "家", "豪", "凡", "荣", "振", "婉", "清", "伟", "霞", "斌", "艳", "鹏", "辉", "宇", "佳",
];

const PLACE: &[&str] = &[
    "东", "西", "南", "北", "城", "关", "新", "华", "人", "民", "和", "平", "长", "安", "建", "设",
    "光", "明", "解", "放", "胜", "利", "朝", "阳", "文", "化", "幸", "福", "兴", "隆", "永", "康",
    "春", "晖", "青", "山", "滨", "江", "湖", "桥",
];

const ROLES: [&str; 10] = [
    "党组织书记、居委会主任",
    "党组织副书记",
    "居委会副主任",
    "两委委员",
    "两委委员",
    "网格员",
    "网格员",
    "网格员",
    "网格员",
    "网格员",
];

const CONCERNS: &[(&str, &[&str])] = &[
    (
        "基础设施",
        &[
            "楼道灯坏了",
            "单元门禁损坏，外来人员随意进出",
            "小区路面坑洼，雨天积水",
            "电梯经常故障",
            "路灯不亮，夜里出行不便",
        ],
    ),
    (
        "养老服务",
        &[
            "独居老人希望有助餐服务",
            "老年活动室开放时间太短",
            "高龄补贴怎么申领",
            "老人行动不便，希望上门办理业务",
        ],
    ),
    (
        "环境卫生",
        &[
            "垃圾清运不及时",
            "楼道堆放杂物",
            "绿化带蚊虫多，希望消杀",
            "流浪猫狗多",
        ],
    ),
    (
        "物业纠纷",
        &[
            "物业费收支不透明",
            "报修后物业迟迟不来",
            "停车位分配有争议",
            "业委会换届迟迟不办",
        ],
    ),
];

const DIMENSIONS: [&str; 5] = ["德", "能", "勤", "绩", "廉"];

/// (item, weight in per mille of workers, notes).
const ADJUSTMENTS: &[(&str, f64, &[&str])] = &[
    (
        "honor_district",
        40.0,
        &["区级优秀网格员", "区级优秀共产党员", "防汛工作先进个人"],
    ),
    ("honor_city", 12.0, &["市级优秀社区工作者", "市三八红旗手"]),
    ("honor_province", 3.0, &["省级优秀社区工作者"]),
    (
        "complaint_verified",
        25.0,
        &["12345工单核实", "12345工单核实：服务态度差"],
    ),
    ("ledger_false", 6.0, &["走访台账与实际不符，街道督查通报"]),
    (
        "warning",
        8.0,
        &["因信访处置不当受诫勉谈话", "受党内警告处分"],
    ),
    ("demerit", 2.0, &["受政务记过处分"]),
    ("removed", 0.5, &["撤销职务"]),
    ("refused", 0.5, &["无正当理由拒不参加年度考核"]),
    ("investigation", 1.0, &["区纪委监委立案审查中"]),
];

fn person_name(rng: &mut Rng) -> String {
    let mut s = rng.pick(SURNAMES).to_string();
    for _ in 0..rng.int(1, 2) {
        s.push_str(rng.pick(GIVEN));
    }
    s
}

/// Two-character place words, distinct for the first `PLACE.len()²` indexes.
fn place(i: usize) -> String {
    let n = PLACE.len();
    // A bijection of 0..n² onto pairs, scrambled so that neighbours do not look alike.
    format!("{}{}", PLACE[(i + 3) % n], PLACE[(i / n + 2 * i + 7) % n])
}

fn date(rng: &mut Rng, month_from: u32, month_to: u32) -> String {
    let m = rng.int(month_from as u64, month_to as u64);
    let d = rng.int(1, 28);
    format!("2024-{m:02}-{d:02}")
}

/// A resident's concern, on about one row in six: (text, category) or empty cells.
fn concern(rng: &mut Rng, p: f64) -> (&'static str, &'static str) {
    if !rng.chance(p) {
        return ("", "");
    }
    let (cat, texts) = rng.pick(CONCERNS);
    (rng.pick(texts), cat)
}

// ---------------------------------------------------------------------------------------------
// The bundle.

struct Out {
    path: PathBuf,
    w: BufWriter<File>,
    rows: u64,
    line: String,
}

impl Out {
    fn create(dir: &Path, name: &str, header: &str) -> io::Result<Out> {
        let path = dir.join(name);
        let mut w = BufWriter::with_capacity(1 << 16, File::create(&path)?);
        writeln!(w, "{header}")?;
        Ok(Out {
            path,
            w,
            rows: 0,
            line: String::new(),
        })
    }

    /// Writes `self.line` as a row.
    fn row(&mut self) -> io::Result<()> {
        self.line.push('\n');
        self.w.write_all(self.line.as_bytes())?;
        self.line.clear();
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self, name: &'static str) -> io::Result<FileStats> {
        self.w.flush()?;
        drop(self.w);
        Ok(FileStats {
            name,
            rows: self.rows,
            bytes: fs::metadata(&self.path)?.len(),
        })
    }
}

struct Files {
    /// Every concern raised on a call or a visit: (id, date), for the updates.
    raised: Vec<(String, String)>,
    roster: Out,
    report: Out,
    ballots: Out,
    interviews: Out,
    tests: Out,
    phone: Out,
    visits: Out,
    adjustments: Out,
}

/// Writes the bundle of `spec` into `dir` (created; files there are replaced) and returns what
/// it wrote. The same spec always writes the same bytes.
pub fn generate(dir: &Path, spec: &Spec) -> io::Result<Stats> {
    if spec.population == Population::Grid {
        return grid::generate(dir, spec);
    }
    fs::create_dir_all(dir)?;
    let _ = fs::remove_file(dir.join(STATS_FILE));
    let communities = spec.workers.div_ceil(10).max(1);
    let density = spec.density.max(1) as u64;
    fs::write(dir.join("community-worker.toml"), RUBRIC)?;
    fs::write(
        dir.join("assessment.toml"),
        format!(
            "# Generated by yardstick-benches (seed {}, {} workers, density {}).\n\
             [assessment]\n\
             name   = \"某省社区工作者2024年度考核（生成数据）\"\n\
             year   = 2024\n\
             rubric = \"community-worker.toml\"\n\n\
             [inputs]\n\
             roster      = \"roster.csv\"\n\
             adjustments = \"adjustments.csv\"\n\
             concerns        = \"concerns.csv\"\n\
             concern_updates = \"concern_updates.csv\"\n\n\
             [inputs.components]\n\
             report    = \"report.csv\"\n\
             ballot    = \"ballots.csv\"\n\
             interview = \"interviews.csv\"\n\
             test      = \"tests.csv\"\n\
             phone     = \"phone.csv\"\n\
             visit     = \"visits.csv\"\n",
            spec.seed,
            communities * 10,
            density
        ),
    )?;
    only_bundles(dir, &KINDS, "community-worker.toml")?;
    let mut f = Files {
        raised: Vec::new(),
        roster: Out::create(dir, "roster.csv", "worker_id,name,unit,role,electorate")?,
        report: Out::create(dir, "report.csv", "worker_id,rater_id,score")?,
        ballots: Out::create(dir, "ballots.csv", "ballot_id,worker_id,choice")?,
        interviews: Out::create(
            dir,
            "interviews.csv",
            "worker_id,interviewer_id,dimension,rating",
        )?,
        tests: Out::create(dir, "tests.csv", "worker_id,score,max")?,
        phone: Out::create(
            dir,
            "phone.csv",
            "worker_id,call_id,outcome,date,concern,category",
        )?,
        visits: Out::create(
            dir,
            "visits.csv",
            "worker_id,household_id,visited,satisfaction,date,concern,category",
        )?,
        adjustments: Out::create(dir, "adjustments.csv", "worker_id,item,count,note")?,
    };
    let mut rng = Rng::new(spec.seed);
    let mut call_seq = 0u64;
    for c in 0..communities {
        community(&mut rng, &mut f, c, density, &mut call_seq)?;
    }
    // The concern files draw from their own generator, so that every other file is the same
    // with or without them.
    let concern_files = concern_files(dir, spec.seed, communities, &mut f.raised)?;
    let stats = Stats {
        workers: communities * 10,
        files: vec![
            f.roster.finish("roster.csv")?,
            f.report.finish("report.csv")?,
            f.ballots.finish("ballots.csv")?,
            f.interviews.finish("interviews.csv")?,
            f.tests.finish("tests.csv")?,
            f.phone.finish("phone.csv")?,
            f.visits.finish("visits.csv")?,
            f.adjustments.finish("adjustments.csv")?,
        ],
        concern_files,
    };
    stats.write(dir)?;
    Ok(stats)
}

/// One community of ten workers: five 两委 members evaluated by the community's meeting, five
/// grid workers each evaluated by their grid's representatives.
fn community(
    rng: &mut Rng,
    f: &mut Files,
    c: usize,
    density: u64,
    call_seq: &mut u64,
) -> io::Result<()> {
    // Eight communities to a sub-district (街道), twelve sub-districts to a district (区).
    let street = c / 8;
    let district = street / 12;
    let unit = format!("{}区{}街道{}社区", place(district), place(street), place(c));
    let code = format!("SQ{c:05}");
    // A district uses a 120-point paper one year in ten; its panel has 5 to 7 raters.
    let mut drng = Rng::new(district as u64 ^ 0xD15_7C7);
    let test_max = if drng.chance(0.1) { 120 } else { 100 };
    let raters = rng.int(5, 7) * density;
    let lw_electorate = rng.int(22, 34) * density;
    let ids: Vec<String> = (1..=10).map(|i| format!("{code}-{i:02}")).collect();
    let quality: Vec<f64> = (0..10)
        .map(|_| {
            if rng.chance(0.04) {
                rng.uniform(55.0, 68.0)
            } else {
                clamp(78.0 + rng.gauss(6.0), 60.0, 96.0)
            }
        })
        .collect();
    let grid_electorate: Vec<u64> = (0..5).map(|_| rng.int(12, 20) * density).collect();
    for i in 0..10 {
        let electorate = if i < 5 {
            lw_electorate
        } else {
            grid_electorate[i - 5]
        };
        let line = &mut f.roster.line;
        let _ = write!(
            line,
            "{},{},{unit},{},{electorate}",
            ids[i],
            person_name(rng),
            ROLES[i]
        );
        f.roster.row()?;
    }
    // 民主测评 of the 两委: each sheet of the meeting rates all five members.
    let cast = ballots_cast(rng, lw_electorate);
    for sheet in 1..=cast {
        for i in 0..5 {
            let choice = ballot_choice(rng, quality[i]);
            let line = &mut f.ballots.line;
            let _ = write!(line, "{code}-LW-{sheet:03},{},{choice}", ids[i]);
            f.ballots.row()?;
        }
    }
    // Grid workers: their own sheets.
    for i in 5..10 {
        let cast = ballots_cast(rng, grid_electorate[i - 5]);
        for sheet in 1..=cast {
            let choice = ballot_choice(rng, quality[i]);
            let line = &mut f.ballots.line;
            let _ = write!(line, "{code}-WG{}-{sheet:03},{},{choice}", i - 4, ids[i]);
            f.ballots.row()?;
        }
    }
    for i in 0..10 {
        worker(
            rng, f, &ids[i], &code, quality[i], raters, density, test_max, call_seq,
        )?;
    }
    Ok(())
}

/// Sheets returned: 70% to all of the electorate; one meeting in a hundred misses the quorum.
fn ballots_cast(rng: &mut Rng, electorate: u64) -> u64 {
    if rng.chance(0.01) {
        electorate / 2
    } else {
        rng.int(electorate * 7 / 10 + 1, electorate)
    }
}

fn ballot_choice(rng: &mut Rng, q: f64) -> &'static str {
    let excellent = clamp(0.12 + (q - 75.0) * 0.04, 0.04, 0.7);
    let basic = clamp(0.16 - (q - 75.0) * 0.012, 0.02, 0.4);
    let unfit = if q >= 70.0 { 0.015 } else { 0.06 };
    let w = [
        excellent,
        1.0 - excellent - basic - unfit - 0.055,
        basic,
        unfit,
        0.025,
        0.02,
        0.01,
    ];
    ["优秀", "称职", "基本称职", "不称职", "弃权", "不了解", ""][rng.weighted(&w)]
}

#[allow(clippy::too_many_arguments)]
fn worker(
    rng: &mut Rng,
    f: &mut Files,
    id: &str,
    code: &str,
    q: f64,
    raters: u64,
    density: u64,
    test_max: u32,
    call_seq: &mut u64,
) -> io::Result<()> {
    // 个人汇报: half-point marks around the worker's quality.
    for r in 1..=raters {
        let score = clamp(((q + rng.gauss(2.5)) * 2.0).round() / 2.0, 50.0, 99.0);
        let _ = write!(f.report.line, "{id},PW{r:02},{score}");
        f.report.row()?;
    }
    // 个别谈话: three interviewers (two one time in five); now and then a dimension is skipped.
    let interviewers = if rng.chance(0.2) { 2 } else { 3 } * density;
    let good = clamp((q - 72.0) / 25.0, 0.05, 0.8);
    let fair = clamp((80.0 - q) / 40.0, 0.03, 0.4);
    let w = [good, 1.0 - good - fair - 0.01, fair, 0.01];
    for k in 1..=interviewers {
        for dim in DIMENSIONS {
            if rng.chance(0.02) {
                continue;
            }
            let rating = ["好", "较好", "一般", "差"][rng.weighted(&w)];
            let _ = write!(f.interviews.line, "{id},JD{k:02},{dim},{rating}");
            f.interviews.row()?;
        }
    }
    // 业务测试: one new worker in 200 has not sat it.
    if !rng.chance(0.005) {
        let marks = clamp((q + rng.gauss(6.0)).round(), 30.0, 100.0);
        if test_max == 100 {
            let _ = write!(f.tests.line, "{id},{marks},");
        } else {
            let scaled = (marks * 1.2).round();
            let _ = write!(f.tests.line, "{id},{scaled},{test_max}");
        }
        f.tests.row()?;
    }
    // 电话抽查: seven to nine calls; some unreachable or refused.
    let calls = rng.int(7, 9) * density;
    let sat = clamp(0.35 + (q - 75.0) * 0.03, 0.15, 0.8);
    let w = [sat, 1.0 - sat - 0.03 - 0.18, 0.03, 0.12, 0.03, 0.03];
    for _ in 0..calls {
        *call_seq += 1;
        let outcome = ["满意", "基本满意", "不满意", "未接通", "拒访", "不清楚"][rng.weighted(&w)];
        let day = date(rng, 12, 12);
        let (text, cat) = if outcome == "未接通" {
            ("", "")
        } else {
            concern(rng, 0.15)
        };
        let _ = write!(
            f.phone.line,
            "{id},DH{:08},{outcome},{day},{text},{cat}",
            *call_seq
        );
        if !text.is_empty() {
            f.raised
                .push((format!("phone:{id}:DH{:08}", *call_seq), day.clone()));
        }
        f.phone.row()?;
    }
    // 入户走访: four to six households of the worker's grid.
    let households = rng.int(4, 6) * density;
    let sat = clamp(0.4 + (q - 75.0) * 0.03, 0.15, 0.85);
    let mut seen: Vec<(u64, u64, u64, u64)> = Vec::new();
    for _ in 0..households {
        let h = loop {
            let h = (rng.int(1, 30), rng.int(1, 4), rng.int(1, 18), rng.int(1, 4));
            if !seen.contains(&h) {
                seen.push(h);
                break h;
            }
        };
        let visited = ["是", "否", ""][rng.weighted(&[0.86, 0.09, 0.05])];
        let satisfaction = if visited == "是" {
            ["满意", "基本满意", "不满意"][rng.weighted(&[sat, 1.0 - sat - 0.03, 0.03])]
        } else {
            ""
        };
        let day = date(rng, 11, 12);
        // A household not asked is on the list only for the concern it raised.
        let (text, cat) = concern(rng, if visited.is_empty() { 1.0 } else { 0.2 });
        let _ = write!(
            f.visits.line,
            "{id},{code}-{}-{}-{}{:02},{visited},{satisfaction},{day},{text},{cat}",
            h.0, h.1, h.2, h.3
        );
        if !text.is_empty() {
            let household = format!("{code}-{}-{}-{}{:02}", h.0, h.1, h.2, h.3);
            f.raised
                .push((format!("visit:{id}:{household}"), day.clone()));
        }
        f.visits.row()?;
    }
    // Adjustments: honours, complaints, vetoes.
    for (item, per_mille, notes) in ADJUSTMENTS {
        if rng.chance(per_mille / 1000.0) {
            let count = if *item == "complaint_verified" && rng.chance(0.2) {
                "2"
            } else {
                ""
            };
            let note = rng.pick(notes);
            let _ = write!(f.adjustments.line, "{id},{item},{count},{note}");
            f.adjustments.row()?;
        }
    }
    Ok(())
}

/// Concerns raised at the service window or through 12345 (`concerns.csv`): (category, texts).
/// Some categories are reported up, one is not in the routing table (the triage desk takes it).
const DESK_CONCERNS: &[(&str, &[&str])] = &[
    (
        "市政设施",
        &["小区门口道路塌陷", "雨水井盖缺失", "公交站台顶棚破损"],
    ),
    ("违章建筑", &["顶楼加盖彩钢房", "一楼住户占用绿地扩建"]),
    ("医疗卫生", &["社区卫生服务站没有儿科"]),
    ("安全隐患", &["楼道里给电动车充电"]),
    (
        "社会救助",
        &["困难家庭申请临时救助", "低保复审进度没有消息"],
    ),
    ("宠物管理", &["楼上养大型犬不拴绳"]),
];

/// Notes of follow-ups; now and then one carries a phone number (masked in every output).
const NOTES: &[&str] = &[
    "",
    "",
    "已电话联系居民",
    "已派人现场查看",
    "已协调物业处理",
    "已上报有关部门",
    "已上门处理",
];

/// `2024-MM-DD` plus `days` (into 2025 when it runs past the year).
fn later(date: &str, days: u64) -> String {
    const MONTHS: [u64; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let m: u64 = date[5..7].parse().unwrap_or(12);
    let d: u64 = date[8..10].parse().unwrap_or(1);
    let mut ordinal = MONTHS[..m as usize - 1].iter().sum::<u64>() + d - 1 + days;
    for (year, leap) in [(2024, true), (2025, false)] {
        for (k, &len) in MONTHS.iter().enumerate() {
            let len = if k == 1 && !leap { 28 } else { len };
            if ordinal < len {
                return format!("{year}-{:02}-{:02}", k + 1, ordinal + 1);
            }
            ordinal -= len;
        }
    }
    "2025-12-31".to_string()
}

/// Writes `concerns.csv` (about one concern for every other community, raised at the service
/// window) and `concern_updates.csv` (the follow-ups of about two concerns in three: accepted,
/// in progress, closed, a callback now and then), from a generator of their own.
fn concern_files(
    dir: &Path,
    seed: u64,
    communities: usize,
    raised: &mut Vec<(String, String)>,
) -> io::Result<Vec<FileStats>> {
    let mut rng = Rng::new(seed ^ 0xC0_4C_E2_45);
    let mut desk = Out::create(
        dir,
        "concerns.csv",
        "concern_id,date,category,text,worker_id,household_id",
    )?;
    let mut n = 0;
    for c in 0..communities {
        for _ in 0..[0, 0, 1, 1, 2][rng.int(0, 4) as usize] {
            n += 1;
            let id = format!("ZX{n:07}");
            let day = date(&mut rng, 11, 12);
            let (cat, texts) = rng.pick(DESK_CONCERNS);
            let text = rng.pick(texts);
            let worker = if rng.chance(0.7) {
                format!("SQ{c:05}-{:02}", rng.int(1, 10))
            } else {
                String::new()
            };
            let household = if rng.chance(0.5) {
                format!(
                    "SQ{c:05}-{}-{}-{}01",
                    rng.int(1, 30),
                    rng.int(1, 4),
                    rng.int(1, 18)
                )
            } else {
                String::new()
            };
            let phone = if rng.chance(0.05) {
                format!("，联系电话1{}{:09}", rng.int(3, 9), rng.int(0, 999_999_999))
            } else {
                String::new()
            };
            let _ = write!(
                desk.line,
                "{id},{day},{cat},{text}{phone},{worker},{household}"
            );
            desk.row()?;
            raised.push((id, day));
        }
    }
    let mut updates = Out::create(
        dir,
        "concern_updates.csv",
        "concern_id,date,status,note,satisfied",
    )?;
    for (id, day) in raised.iter() {
        if !rng.chance(0.65) {
            continue;
        }
        let mut at = rng.int(0, 1);
        let steps = [("受理", 1.0), ("办理中", 0.7), ("已办结", 0.6)];
        for (status, p) in steps {
            if !rng.chance(p) {
                break;
            }
            let note = if rng.chance(0.01) {
                format!(
                    "回访电话138 {:04} {:04}",
                    rng.int(0, 9999),
                    rng.int(0, 9999)
                )
            } else {
                rng.pick(NOTES).to_string()
            };
            let satisfied = if status == "已办结" && rng.chance(0.5) {
                if rng.chance(0.85) { "是" } else { "否" }
            } else {
                ""
            };
            let _ = write!(
                updates.line,
                "{id},{},{status},{note},{satisfied}",
                later(day, at)
            );
            updates.row()?;
            at += rng.int(1, 6);
        }
    }
    raised.clear();
    raised.shrink_to_fit();
    Ok(vec![
        desk.finish("concerns.csv")?,
        updates.finish("concern_updates.csv")?,
    ])
}

/// The floor no scorer can beat: parses every CSV file of the bundle in `dir` with the `csv`
/// crate, reading every record as UTF-8 text and doing nothing else. Returns the records read
/// (headers included).
pub fn parse_floor(dir: &Path) -> io::Result<u64> {
    // The files the bundle's statistics list (a grid bundle's differ), else the standard ones.
    let names: Vec<&str> = match Stats::read(dir) {
        Ok(stats) => stats.files.iter().map(|f| f.name).collect(),
        Err(_) => CSV_FILES.to_vec(),
    };
    let mut records = 0;
    for name in names {
        records += parse_file_floor(&dir.join(name))?;
    }
    Ok(records)
}

/// As [`parse_floor`], for one file.
pub fn parse_file_floor(path: &Path) -> io::Result<u64> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)?;
    let mut record = csv::StringRecord::new();
    let mut records = 0;
    while reader.read_record(&mut record)? {
        records += 1;
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_bytes() {
        let base = std::env::temp_dir().join(format!("ys-gen-{}", std::process::id()));
        let spec = Spec {
            workers: 60,
            seed: 7,
            density: 1,
            population: Population::Community,
        };
        let a = generate(&base.join("a"), &spec).unwrap();
        let b = generate(&base.join("b"), &spec).unwrap();
        assert_eq!(a, b);
        for name in CSV_FILES.iter().chain(&CONCERN_FILES) {
            assert_eq!(
                fs::read(base.join("a").join(name)).unwrap(),
                fs::read(base.join("b").join(name)).unwrap(),
                "{name}"
            );
        }
        assert_eq!(Stats::read(&base.join("a")).unwrap(), a);
        let per_worker = a.rows() as f64 / a.workers as f64;
        assert!((40.0..65.0).contains(&per_worker), "{per_worker}");
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn a_generated_bundle_is_clean_and_scores_alike_on_any_thread_count() {
        let dir = std::env::temp_dir().join(format!("ys-gen-score-{}", std::process::id()));
        let spec = Spec {
            workers: 1200,
            seed: 11,
            density: 1,
            population: Population::Community,
        };
        generate(&dir, &spec).unwrap();
        let loaded = yardstick::Bundle::load(&dir).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.first());
        let bundle = loaded.output;
        let json = |threads| {
            let scored = yardstick::Scored::with_threads(&bundle, threads);
            yardstick::report::json::to_string(&scored)
        };
        let one = json(1);
        assert_eq!(one, json(2));
        // The streamed document is the one serde_json makes of it.
        let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
        assert_eq!(serde_json::to_string_pretty(&doc).unwrap(), one);
        // Every kind of outcome is there: graded, pending, ungraded, vetoes, missing parts.
        for needle in ["\"pending\"", "\"ungraded\"", "veto:", "missing:phone"] {
            assert!(one.contains(needle), "{needle}");
        }
        // The concerns ledger reads clean too: calls, visits and the desk's concerns, with
        // follow-ups, escalations and the triage desk.
        let ledger = yardstick::concerns::Ledger::load(&yardstick::FsFiles, &dir).unwrap();
        assert!(ledger.warnings.is_empty(), "{:?}", ledger.warnings.first());
        let ledger = ledger.output;
        let inputs: std::collections::BTreeSet<&str> =
            ledger.concerns().map(|c| c.input()).collect();
        assert_eq!(
            inputs.into_iter().collect::<Vec<_>>(),
            ["concerns", "phone", "visit"]
        );
        let report = ledger.report("2025-01-10".parse().unwrap()).unwrap();
        let all = report.summary().all;
        assert!(all.closed > 0 && all.open > 0 && all.rated > 0, "{all:?}");
        assert!(report.escalations().len() > 0);
        assert!(report.work_orders().any(|w| w.office == "综合办"));
        let _ = fs::remove_dir_all(&dir);
    }
}
