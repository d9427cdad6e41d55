# yardstick — English messages. Every id here is also in zh-CN.ftl, with the same arguments.
# Arguments are text: numbers arrive already written as the engine rounded them.

## Statuses

status-graded = graded
status-ungraded = ungraded
status-pending = pending

## Why a component is missing

missing-no-file = the bundle gives no file for this component
missing-too-few-scores = { $count } score(s); at least { $min } needed
missing-quorum = quorum not met: { $cast } ballot(s) cast of an electorate of { $electorate }; more than half ({ $need }) needed
missing-no-ballots = no ballots
missing-no-valid-ballot = no valid ballot: all { $cast } cast were blank or not valid
missing-too-few-valid = { $valid } valid ballot(s); at least { $min } needed
missing-no-interviewer = no interviewer
missing-too-few-interviewers = { $count } interviewer(s); at least { $min } needed
missing-no-test = no test result
missing-too-few-calls = { $counted } counted call(s) of { $calls }; at least { $min } needed
missing-too-few-visits = { $answered } household(s) answered "visited" and { $rated } gave a satisfaction; at least { $min_answered } and { $min_rated } needed
missing-no-answers = no answers
missing-too-few-periods = { $counted } of { $periods } { $unit ->
    [month] months
    [quarter] quarters
    [half] half years
   *[year] year
} counted; at least { $min } needed

## Flags in words

flag-quorum-not-met = { $component }: quorum not met
flag-missing = { $component } missing
flag-incomplete = incomplete: the components present weigh { $present }, less than the { $min } required
flag-bonus-capped = bonus { $raw } capped at { $capped }
flag-deduction-capped = deductions { $raw } capped at { $capped }
flag-total-floored = the total { $unbounded } is raised to the floor { $floor }
flag-total-capped = the total { $unbounded } is limited to the cap { $cap }
flag-veto = veto: { $item }
flag-ineligible = not eligible for { $grade }: { $why }
flag-quota-tie = tied at the { $grade } quota line with another candidate on every key; the place is left to the committee
flag-quota-cut = { $grade } quota full: candidate { $position } of { $candidates } for { $places } place(s)

## Why an eligibility rule bites

reason-below = { $component } { $score } is below { $mark }
reason-not-below = { $component } { $score } is not below { $mark }
reason-below-missing = { $component } is missing, so it cannot be below { $mark }
reason-share-over = { $votes } { $option } of { $valid } valid ballots is more than { $share } of them
reason-share-not-over = { $votes } { $option } of { $valid } valid ballots is not more than { $share } of them

## The table

table-title = { $name } ({ $year })  rubric { $rubric_id } { $rubric_name }
table-rank = Rank
table-id = ID
table-name = Name
table-unit = Unit
table-total = Total
table-grade = Grade
table-status = Status
table-notes = Notes
table-missing = n/a
table-quota = { $grade } quota ({ $scope }): { $ratio } of N = { $graded } graded → { $places } place(s); { $candidates } candidate(s), { $kept } kept{ $tied }{ $cut }
table-quota-all = all
table-quota-tied = , { $count } tied at the line (left to the committee: { $ids })
table-quota-cut = , { $count } below the line
table-count = { $workers } worker(s): { $graded } graded, { $pending } pending, { $ungraded } ungraded

## Explanations

explain-component = { $name } { $id } (weight { $weight }):{" "}
explain-no-file = no file in the bundle
explain-panel = { $count } score(s) [{ $scores }]
explain-panel-trimmed = ; dropped highest { $high } and lowest { $low } (one instance each, as there are at least the trimming count); mean of the other { $used }
explain-panel-mean = ; mean of all { $used }
explain-rater-score = { $score } by { $rater }
explain-ballot = { $cast } cast, { $valid } valid [{ $options }]; not valid [{ $not_valid }]
explain-ballot-quorum-met = ; electorate { $electorate }, quorum met
explain-ballot-quorum-not-met = ; electorate { $electorate }, quorum not met
explain-ballot-group = ; group { $group } (weight { $weight }) { $valid } valid, mean { $mean }
explain-blank = blank
explain-none = none
explain-test = { $marks } of { $max }
explain-test-pass = , pass mark { $pass }: pass
explain-test-fail = , pass mark { $pass }: FAIL
explain-test-none = no result
explain-phone = { $calls } call(s), { $counted } counted [{ $options }]; not counted [{ $not_counted }]
explain-share = ; satisfied { $hits }/{ $n } = { $share }% (95% Wilson interval { $low }%–{ $high }%)
explain-visit = { $households } household(s): visited yes { $yes }, no { $no }, coverage { $coverage }; { $rated } rated [{ $satisfaction }], mean { $mean }
explain-scorecard = { $counted } of { $periods } { $unit ->
    [month] month(s)
    [quarter] quarter(s)
    [half] half year(s)
   *[year] year(s)
} counted, at least { $min } needed; each starts at { $base }, floor { $floor }, ceiling { $ceiling }
explain-scorecard-started = ; started { $date }
explain-scorecard-left = ; left { $date }
explain-period-range = { $from } to { $to }
explain-period-started = not counted (started { $date })
explain-period-left = not counted (left { $date })
explain-period-no-entries = {" "}(no entries)
explain-period-limited = {" "}({ $sign }{ $raw } cut to the limit { $sign }{ $limit })
explain-period-floor = , held at the floor: { $score }
explain-period-ceiling = , held at the ceiling: { $score }
explain-scorecard-mean = mean of the { $counted } counted { $unit ->
    [month] month(s)
    [quarter] quarter(s)
    [half] half year(s)
   *[year] year(s)
}: { $sum } / { $counted }
explain-score = {" "}→ score { $score } (exact { $exact })
explain-missing = {" "}→ MISSING: { $why }
explain-weights = Components present weigh { $present } (minimum { $min }); weighted sum { $sum }
explain-weights-zero = Missing components count as 0; weighted sum { $sum }
explain-weights-all = Every component is required; weighted sum { $sum }
explain-incomplete = {" "}→ INCOMPLETE: ungraded, no total
explain-renormalised = {" "}→ renormalised base = { $sum } / { $present } = { $base }
explain-base = {" "}→ base { $base }
explain-adjustments-none = Adjustments: none
explain-adjustment-veto = { $name } ({ $item }) ×{ $count }: veto
explain-adjustment-bonus = { $name } ({ $item }) ×{ $count }: bonus { $amount }
explain-adjustment-deduction = { $name } ({ $item }) ×{ $count }: deduction { $amount }
explain-item-cap = {" "}(item cap)
explain-adjustments = Adjustments: { $items }; bonus { $bonus }
explain-capped = {" "}(cap { $cap }) → { $value }
explain-deductions = ; deductions { $deductions }
explain-total = Total = base { $base } + bonus − deductions = { $unbounded }
explain-total-limited = , limited to { $exact }
explain-total-rounded = ; rounded { $mode } to { $decimals } decimals: { $rounded }
explain-round-half-up = half up
explain-round-half-even = half to even
explain-round-down = down
explain-band = Band of { $total }: { $grade }
explain-veto = Veto: { $present }
explain-veto-heaviest = ; the heaviest applies: { $applied }
explain-veto-item = { $name } ({ $item })
explain-veto-pending = status pending (no grade until the case closes)
explain-veto-ungraded = status ungraded (no grade this year)
explain-veto-grade = grade set to { $grade }
explain-veto-cap = grade at most { $grade }
explain-veto-effect = {" "}→ { $effect }
explain-veto-grade-after = ; grade { $before } → { $after }
explain-veto-status-after = ; status { $status }
explain-eligibility = Eligibility for { $grade }, rule { $rule } ({ $id }): { $why } → { $verdict }
explain-eligible = eligible
explain-not-eligible = not eligible, { $otherwise } instead
explain-quota = Quota for { $grade } in { $scope }: { $ratio } of N = { $graded } graded, { $rounding }, gives { $places } place(s); candidate { $position } of { $candidates } by total, then tie-break scores ({ $keys }) → { $verdict }; grade { $after }
explain-quota-bundle = the bundle
explain-quota-unit = unit { $unit }
explain-quota-floor = rounded down
explain-quota-half-up = rounded half up
explain-quota-ceiling = rounded up
explain-quota-kept = within the places: keeps { $grade }
explain-quota-tied = tied at the quota line on every key with another candidate: all so tied lose the place, which is left to the committee
explain-quota-cut = below the quota line
explain-missing-key = missing
explain-rank = Rank { $rank } of { $of } graded (total { $total })
explain-result = Result: status { $status }
explain-result-total = , total { $total }
explain-result-grade = , grade { $grade }
explain-result-rank = , rank { $rank }
explain-flags = Flags:

## The command line

cli-about = Scores the annual assessment of community workers (社区工作者年度考核), one ruler for everyone: reads a bundle, scores every component, grades, ranks and explains every step.
cli-usage = yardstick [OPTIONS] <COMMAND>
cli-usage-heading = Usage:{" "}
cli-template-top =
    {"{"}about{"}"}

    Usage: {"{"}usage{"}"}

    Commands:
    {"{"}subcommands{"}"}

    Options:
    {"{"}options{"}"}
cli-template-sub =
    {"{"}about{"}"}

    Usage: {"{"}usage{"}"}

    Arguments:
    {"{"}positionals{"}"}

    Options:
    {"{"}options{"}"}
cli-arg-help = Print help
cli-arg-version = Print version
cli-arg-lang = Language of every text: zh (Chinese, the default) or en; also the environment variable YARDSTICK_LANG
cli-arg-bundle = The bundle folder or its assessment.toml
cli-arg-output = Write to this file (through a temporary file, never over an input of the bundle) instead of standard output
cli-arg-encoding = Text encoding of CSV files: utf-8, gbk or gb18030 [default: auto: UTF-8 when the file is valid UTF-8, else GB18030/GBK as Chinese Excel saves "CSV"]; workbooks carry their own
cli-score-about = Score a bundle: every worker's components, total, grade and rank
cli-score-usage = yardstick score <BUNDLE> [OPTIONS]
cli-score-format = Output format: table, json, csv, xlsx (a workbook; needs -o) [default: from the extension of -o (.xlsx, .csv, .json), else table]
cli-validate-about = Check a bundle or a rubric file without scoring
cli-validate-usage = yardstick validate <PATH> [OPTIONS]
cli-validate-path = A bundle folder, an assessment.toml, or a rubric .toml file
cli-explain-about = Print every step that produced one worker's result
cli-explain-usage = yardstick explain <BUNDLE> <WORKER_ID> [OPTIONS]
cli-explain-worker-id = The worker's worker_id in the roster
cli-explain-format = Output format: text (the default) or json
cli-report-about = Write a printable, self-contained HTML report of the results (charts included)
cli-report-usage = yardstick report <BUNDLE> [OPTIONS]
cli-init-about = Make a ready-to-fill bundle: assessment.toml, the rubric and one template per input
cli-init-usage = yardstick init <DIR> [OPTIONS]
cli-init-dir = The new bundle's folder (must not exist, or be empty)
cli-init-rubric = The rubric to copy into the bundle [default: the standard community-worker rubric]
cli-init-csv = CSV templates (UTF-8 with a byte-order mark) instead of .xlsx workbooks
cli-init-year = The year assessed [default: the year just ended from January to June, else this year]
cli-init-name = The assessment's name [default: the rubric's name and the year]
cli-concerns-about = List residents' concerns (急难愁盼): work orders per office, escalations, summary
cli-concerns-usage = yardstick concerns <BUNDLE> [OPTIONS]
cli-concerns-as-of = The day the ledger is read on, YYYY-MM-DD [default: today in China (UTC+8)]
cli-concerns-format = Output format: table, json or csv [default: from the extension of -o (.csv, .json), else table]
cli-value-name-bundle = BUNDLE
cli-value-name-file = FILE
cli-value-name-path = PATH
cli-value-name-worker_id = WORKER_ID
cli-value-name-dir = DIR
cli-value-name-rubric = RUBRIC
cli-value-name-date = DATE
cli-value-name-lang = LANG
cli-value-name-encoding = ENCODING
cli-value-name-format = FORMAT
cli-value-name-year = YEAR
cli-value-name-name = NAME
cli-error-invalid-choice = error: invalid value "{ $value }" for { $arg }; possible values: { $valid }
cli-error-empty-value = error: { $arg } needs a value
cli-error-invalid-value = error: invalid value "{ $value }" for { $arg }: { $why }
cli-error-unknown-argument = error: unexpected argument { $arg }
cli-error-unknown-command = error: unrecognized command { $command }
cli-error-missing-argument = error: the required argument { $arg } was not given
cli-error-missing-command = error: give a command (score, validate, explain, report, init, concerns, diff, audit)
cli-error-conflict = error: { $arg } cannot be used with { $other }
cli-error-values = error: wrong number of values for { $arg }
cli-error-io = error: cannot show the command line help ({ $why })
cli-error-other = error: the command line is wrong: { $why }
cli-error-suggest = tip: did you mean { $suggestion }?
cli-error-help = For more information, try: yardstick --help
cli-error-xlsx-needs-output = error: --format xlsx writes a workbook, which needs a file: give -o results.xlsx
cli-error-lang = "{ $value }" is not a language: use zh or en
cli-error-extension = error: { $verb } cannot write the file { $file }: its extensions are { $extensions }
cli-error-format-contradicts = error: --format contradicts the extension .{ $extension } of the output file { $file }; leave out --format, or name the file to match
cli-cannot-read = { $file }: cannot read: { $why }
cli-validate-rubric-ok = { $path }: rubric { $id } ({ $name }) is valid: { $components } components, { $grades } grades
cli-validate-bundle-ok = { $path }: bundle is valid: { $workers } workers, rubric { $id } ({ $name })
cli-validate-rows = {"  "}{ $input } { $rows } rows  { $file }
cli-validate-concerns = {"  "}concerns     { $concerns } concerns, routed by { $routing }, working days of { $years }
cli-explain-no-worker = worker_id "{ $id }" is not in the roster of { $bundle }
cli-xlsx-failed = cannot make the workbook: { $why }
cli-init-done = { $dir }: a new bundle for { $year }; fill in the templates, then run `yardstick validate { $dir }`
cli-stdout-failed = cannot write to standard output: { $why }
cli-output-hint = ; to print, leave out -o
cli-clock-wrong = the system clock is wrong, so today's date is not known; give --as-of or --year
cli-more-warnings = { $file }: … and { $count } more warning(s) like the one above
cli-errors-found = { $count } error(s) found; nothing was scored and no output was written.
cli-error = error: { $why }
cli-init-counts = 民主测评 as a vote-count sheet (测评汇总表: one row per worker with the number of ballots for each choice) instead of one row per ballot sheet


## 审核 / audit
audit-title = Fairness audit: { $name } ({ $year })  rubric { $rubric_id } { $rubric_name }
audit-alpha-heading = 1. Do the raters agree? (Krippendorff's α)
audit-alpha-none = The rubric has no panel or interview component: not applicable.
audit-col-component = Component
audit-col-metric = Metric
audit-col-units = Units
audit-col-values = Values
audit-col-reading = Reading
audit-metric-nominal = nominal
audit-metric-ordinal = ordinal (rating order)
audit-metric-interval = interval (scores)
audit-metric-ratio = ratio
audit-reading-reliable = good agreement, can be relied on (α ≥ 0.800)
audit-reading-tentative = fair agreement, tentative conclusions only (0.667 ≤ α < 0.800)
audit-reading-unreliable = poor agreement, not to be relied on (α < 0.667)
audit-reading-undefined = cannot be computed: no unit scored by two or more raters, or every score the same
audit-alpha-note = Note: α = 1 means the raters agree perfectly, α = 0 that they agree no better than random marks, and α below 0 that they disagree more than chance would. A panel (such as 个人汇报) counts each worker as a unit and compares scores by their differences; interviews (such as 个别谈话) count each worker's dimension as a unit and compare ratings by their order in the rubric. Units scored by one rater only are left out. α ≥ 0.800 to rely on and 0.667 to 0.800 for tentative conclusions are the conventions Krippendorff (2004) proposed and the field uses, not legal thresholds.
audit-leniency-heading = 2. Rater leniency ({ $component })
audit-leniency-heading-none = 2. Rater leniency
audit-leniency-none = The rubric has no panel component: not applicable.
audit-col-rater = Rater
audit-col-n = Workers shared
audit-col-leniency = Leniency (points)
audit-col-flag = Flag
audit-leniency-lenient = lenient
audit-leniency-harsh = harsh
audit-leniency-note = Note: leniency is a rater's score of a worker minus the mean of the other raters' scores of the same worker, averaged over every worker the rater scored with someone else; positive means higher than the others (lenient), negative lower (harsh). A difference of { $points } points or more over { $n } or more workers is flagged; { $flagged } rater(s) here. A flag is not proof of unfairness: look at the scores to see why.
audit-margin-heading = 3. How close is each worker to the next grade? ({ $graded } graded, by rank)
audit-col-id = ID
audit-col-name = Name
audit-col-total = Total
audit-col-grade = Grade (before quota)
audit-col-to-upper = To upper
audit-col-to-lower = Above lower
audit-col-down = { $component } ballots down
audit-col-up = { $component } ballots up
audit-margin-summary = { $near_upper } worker(s) within 1 point of the band above, { $near_lower } within 1 point of their band's minimum; { $two_ballots } whose grade 2 ballots or fewer would change.
audit-margin-note = Note: "to upper" is how many more points reach the band above, "above lower" how far the total is above its band's minimum; neither applies in the top or bottom band (-). "Ballots down" is the fewest valid ballots at the best option that, changed to the worst, change the grade (bands, vetoes and eligibility applied, the quota left out); "ballots up" the other way. "-" means no number would. The smaller the number, the more a few ballots decide the result.
audit-sheets-heading = 4. Ballot sheets ({ $component }, { $sheets } sheets)
audit-sheets-heading-none = 4. Ballot sheets
audit-sheets-none = No ballot file of sheets: not applicable.
audit-sheets-all = Sheets with "{ $option }" for everyone: { $count }: { $ids }
audit-sheets-identical = Groups of 3 or more identical sheets: { $count }
audit-sheets-group = { $count } identical sheets, { $workers } worker(s) each: { $ids }
audit-sheets-more = … { $count } in all
audit-sheets-more-groups = … and { $count } more group(s)
audit-sheets-note = Note: a sheet with the same choice for everyone, or sheets identical for every worker, may be filled in together, by proxy or by arrangement, or the unit may simply be of one mind; identical one-worker sheets are common. Check how the vote was held before concluding anything.
cli-audit-about = Fairness audit: rater agreement, rater leniency, grade margins, suspicious ballot sheets (changes no score)
cli-audit-usage = yardstick audit <BUNDLE> [OPTIONS]
cli-audit-format = Output format: table (the default) or json

## 结果运用 / history and diff

explain-consequence = Consequence “{ $name }” ({ $id }), when { $test }: { $detail } → { $verdict }
explain-consequence-exactly = { $grade } { $years } years running
explain-consequence-at-least = { $grade } or better { $years } years running
explain-consequence-year = { $year } { $grade }
explain-consequence-counted = counted { $years }
explain-consequence-not-graded-now = { $status } this year
explain-consequence-missing = no results of { $year } in the bundle's [history], so the run is broken
explain-consequence-absent = not in the results of { $year }, so the run is broken
explain-consequence-not-graded = { $status } in { $year }, so the run is broken
explain-consequence-grade = { $grade } in { $year }, which does not count
explain-consequence-applies = applies
explain-consequence-not-applies = does not apply
table-consequences = Consequences
table-history = Consequences: earlier results of { $years }; { $applied }
table-history-none = Consequences: the bundle lists no earlier results ([history] results in assessment.toml); { $applied }
table-consequence-count = { $name } { $count }
diff-title = Results compared: old { $old } → new { $new }
diff-side-named = { " " }({ $name }, { $year })
diff-side-year = { " " }({ $year })
diff-rubric-same = The same rubric on both sides (sha256 { $sha })
diff-rubric-changed = The rubrics differ: old { $old_id } (sha256 { $old }), new { $new_id } (sha256 { $new })
diff-changed = Workers whose result changed ({ $count }; old → new):
diff-components = Components changed
diff-adjustments = Adjustments changed
diff-input-item = { $id } { $name } ({ $what })
diff-inputs-changed = Workers whose component scores or adjustment counts changed while their result did not ({ $count }): { $list }
diff-only-old = Only in the old results ({ $count }): { $ids }
diff-only-new = Only in the new results ({ $count }): { $ids }
diff-nothing = Nothing changed: the { $count } workers on both sides have the same status, total, grade, rank, consequences, component scores and adjustments.
diff-count = Of the { $both } workers on both sides, { $changed } changed; { $only_old } only in the old results, { $only_new } only in the new.
cli-diff-about = Compare two results (bundles or score --format json results files): whose result changed, old and new side by side, and which components and adjustments changed
cli-diff-usage = yardstick diff <OLD> <NEW> [OPTIONS]
cli-diff-old = The old results: a bundle folder, its assessment.toml, or a results file (.json)
cli-diff-new = The new results (e.g. the bundle corrected after an appeal): a bundle folder, its assessment.toml, or a results file (.json)
cli-diff-format = Output format: table (text, the default) or json [default: from the extension of -o (.json), else table]
cli-value-name-old = OLD
cli-value-name-new = NEW
cli-validate-history = {"  "}results { $year } { $workers } on the roster  { $file }
