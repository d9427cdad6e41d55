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
audit-reading-undefined = cannot be computed: { $why }
audit-why-nothing-pairable = no unit was scored by two or more raters
audit-why-no-variation = every score is the same, so there is no agreement to measure
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
audit-sheet-intro = This sheet looks at the records behind the scores and changes no score. A flagged rater, identical ballot sheets or a worker close to a grade line are leads to check, not conclusions. α and leniency are shown to 3 decimals; the cells keep full precision.
audit-chart-leniency = { $component }: leniency per rater (points)
audit-margin-overview-heading = 3. How close are the workers to the next grade? ({ $graded } graded)
audit-col-bin = Margin (points)
audit-col-count-upper = Workers by points to upper
audit-col-count-lower = Workers by points above lower
audit-chart-margins = Points to the neighbouring grades (bins of { $step } point)
audit-chart-workers = Workers
audit-bin = { $from }–{ $to }
audit-bin-last = { $from } or more
audit-sheets-count-all = Sheets with "{ $option }" for everyone: { $count }
audit-col-kind = Kind
audit-col-group = Group
audit-col-sheets = Sheets
audit-col-ballot = Ballot sheet
audit-kind-all = "{ $option }" for everyone
audit-kind-identical = identical, { $workers } worker(s) each
audit-margin-workers-heading = Each worker's margins (by rank)
audit-report-heading = 8. Fairness audit
audit-report-intro = It looks at the records behind the scores and changes no score; a flag, identical sheets or a narrow margin are leads to check, not conclusions. See docs/audit.md.
audit-report-summary = { $workers } workers, more than { $limit }: this report does not list each worker's margins, only their distribution and counts. Each worker's margins and the ballots that would change the grade are on the workbook's "审核" sheet, or shown by yardstick audit:
audit-report-command-xlsx = yardstick score BUNDLE -o results.xlsx
audit-report-command-audit = yardstick audit BUNDLE
audit-leniency-shown = { $raters } raters; the chart and the table list the { $shown } furthest from the others. Every rater is on the workbook's "审核" sheet.
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

# ---- Diagnostics: every error and warning about the input, the rubric and the files.
# A diagnostic is shown as `place: error: message`; the place (file:line:column, or
# file.xlsx!C17) is never translated. `what-…` messages are parts of others.

## Diagnostics: how one is shown
diag-error = { $place }: error: { $message }
diag-warning = { $place }: warning: { $message }
diag-problems = { $count } problem(s) in the input; nothing was scored

## Diagnostics: parts of messages (what a value, a label or a duplicate is)
what-cell = "{ $value }" in column "{ $column }"
what-quoted = "{ $value }"
what-value = { $value }
what-choice = choice
what-voter-group = voter group
what-dimension = dimension
what-rating = rating
what-outcome = outcome
what-satisfaction = satisfaction
what-adjustment-item = adjustment item
what-dup-score = score (same worker_id and rater_id)
what-dup-ballot = ballot (same ballot_id and worker_id)
what-dup-rating = rating (same worker_id, interviewer_id and dimension)
what-dup-test = test result (one row per worker_id)
what-dup-call = call (same worker_id and call_id)
what-dup-household = household (same worker_id and household_id)
what-range-between = from { $min } to { $max }
what-range-at-least = at least { $min }
what-range-at-most = at most { $max }

## Diagnostics: reading files
error-cannot-read = cannot read the file: { $why }
io-not-found = { $os }
io-permission-denied = { $os }
io-other = { $os }
io-not-in-memory = no such file in memory
io-folder = it is a folder, not a file
io-not-regular = it is not a regular file (a device, a pipe or a socket); name a file saved by Excel, WPS or a text editor
io-too-large = the file is { $size } MiB, more than the { $max } MiB a file read whole (a workbook, a TOML file) may have; save a large table as "CSV UTF-8"
error-file-not-utf8 = the file is not UTF-8 text
error-cannot-reread = cannot read the file a second time to look for duplicate keys

## Diagnostics: assessment.toml and TOML files
error-cannot-read-bundle = cannot read the bundle: { $why }
error-manifest-not-utf8 = assessment.toml is not UTF-8 text
error-cannot-read-rubric = cannot read the rubric { $rubric }: { $why }
error-rubric-not-utf8 = the rubric is not UTF-8 text
error-component-not-in-rubric = component "{ $key }" is not in the rubric { $rubric } (its components are { $components })
error-component-no-file = component "{ $key }" must name a file, like { $key } = "{ $key }.csv"
error-cannot-read-routing = cannot read the routing table { $routing }
error-toml = { $why }
error-toml-unknown-key = unknown field `{ $key }`, expected one of { $keys }
error-toml-unknown-key-one = unknown field `{ $key }`, expected { $allowed }
error-toml-missing-key = missing field `{ $key }`
error-key-empty = { $key } is empty

## Diagnostics: cells of the input tables
error-not-in-roster = worker_id "{ $id }" is not in the roster ({ $roster })
error-not-a-number = { $subject } is not a number
error-too-many-digits = { $subject } has too many digits to be held exactly (at most { $max } significant digits and { $max } decimals); round it
error-out-of-range = { $value } in column "{ $column }" is out of range: it must be { $range }
error-not-whole = { $subject } is not a whole number
error-unknown-label = unknown { $what } "{ $value }"; the rubric allows { $allowed }
warning-not-a-date = "{ $value }" is not a date in the form YYYY-MM-DD
error-duplicate = duplicate { $what }: "{ $key }" is already on line { $line }

## Diagnostics: the roster, the components and the adjustments
error-duplicate-worker = duplicate worker_id: "{ $id }" is already on line { $line }
warning-roster-empty = the roster lists no workers yet: fill in one row per worker (every other file is checked against it)
error-group-empty = the voter group is empty; the rubric weights ballots by group
error-group-column-missing = the rubric weights voter groups, so this file needs a "group" column
error-too-many-interviewers = this file has more interviewer_ids than can be told apart (over 4 billion); split it by unit
error-too-many-raters = this file has more rater_ids, or scores with more than 9 digits, than can be kept (over 2 billion); split it by unit
error-max-not-positive = max must be greater than 0
error-not-visited = "{ $value }" in column "visited" is not one of 是, 否, yes, no, true, false, 1, 0 or empty
warning-visit-answers-nothing = this household row answers neither "visited" nor "satisfaction"; it does not count

## Diagnostics: numbers of the rubric
error-not-finite = { $value } is not a finite decimal number
error-not-decimal = "{ $value }" is not a decimal number
error-not-ratio-number = { $value } is not a ratio
error-not-ratio = "{ $value }" is not a ratio like "1/5"
error-inexact-float = { $literal } has more digits than a TOML number holds exactly (about 15); write it in quotes, "{ $literal }"
error-rubric-id-empty = rubric id is empty

## Diagnostics: the concerns ledger
error-concern-no-date-column = this row raises a concern but the file has no "date" column; a concern's deadline counts from its date
error-concern-no-date = this row raises a concern but has no date; a concern's deadline counts from its date
what-no-category = this concern has no category
what-unknown-category = unknown category "{ $category }"
error-no-route = { $what }, and the routing table { $routing } has no default route (its categories are { $categories })
error-deadline = cannot count the deadline: { $why }
error-duplicate-concern = duplicate concern id "{ $id }": the same id is already on { $file } line { $line }
error-unknown-concern = concern_id "{ $id }" is not a concern of this bundle (ids are <component id>:<worker_id>:<call_id or household_id>, or a concern_id of the concerns file)
error-unknown-status = unknown status "{ $value }"; a status is one of 受理, 办理中, 已办结, 退回, 重新打开 (or accepted, in_progress, closed, returned, reopened)
error-not-satisfied = "{ $value }" in column "satisfied" is not an answer; write 是/否, yes/no, true/false, 1/0, 满意/基本满意/不满意, or leave it empty
error-update-before-concern = the update is dated { $date }, before the concern itself ({ $concern })

## Diagnostics: the routing table
error-route-no-category = this [[route]] has no category
error-default-route-category = the default route takes every category the table lacks; it has no category
error-default-route-aliases = the default route has no aliases
error-route-office-and-escalate = give either office (handled here) or escalate_to (reported up), not both
error-route-no-target = route "{ $category }" needs office = "..." (handled here) or escalate_to = "..." (reported up)
error-route-no-responsible = route "{ $category }" to { $office } needs responsible = "..." (a person or a role)
error-route-no-working-days = route "{ $category }" needs working_days = N (0 means the same day)
error-working-days-range = working_days must be a whole number from 0 to { $max }, got { $value }
error-category-used-twice = category or alias "{ $label }" is already used on line { $line }
error-calendar-file-empty = calendar file is empty

## Diagnostics: the working-day calendar
error-calendar-year-range = year { $year } is out of range
error-calendar-year-twice = the calendar already has { $year } (from { $file })
error-calendar-notice-empty = notice is empty; give the 国务院办公厅 notice's number, e.g. "国办发明电〔2023〕7号"
error-holiday-name-empty = holiday name is empty
error-workday-not-in-year = { $date } is not in { $year } (or the end of { $before })
error-workday-not-weekend = { $date } is a { $weekday }, a working day anyway; a make-up working day (调休上班) is a Saturday or Sunday
error-holiday-backwards = to = { $to } is before from = { $from }
error-holiday-not-in-year = the holiday { $from } to { $to } is not in { $year } (or the end of { $before })
error-holiday-too-long = a holiday longer than 31 days is surely a typo
error-date-given-elsewhere = { $date } is already given another way by another calendar file
what-rest-day = a rest day of { $holiday }
what-make-up-day = a make-up working day of { $holiday }
error-date-given-twice = { $date } is given twice: as { $first } and as { $second }
what-covers = it covers { $years }
what-covers-no-year = it covers no year
error-calendar-no-data = { $date } is in { $year }, a year the working-day calendar has no data for ({ $covered }); add that year's 国务院办公厅 holiday notice as a calendar file

## Diagnostics: dates
error-not-a-date = "{ $value }" is not a date in the form YYYY-MM-DD
what-date-form = not a date in the form YYYY-MM-DD
what-date-does-not-exist = the date does not exist: { $why }
what-date-year-range = years run from 0001 to 9999
what-date-no-month = there is no month { $month }
what-date-no-day-0 = there is no day 0
what-date-month-days = { $month } { $year } has { $days } days
what-month-1 = January
what-month-2 = February
what-month-3 = March
what-month-4 = April
what-month-5 = May
what-month-6 = June
what-month-7 = July
what-month-8 = August
what-month-9 = September
what-month-10 = October
what-month-11 = November
what-month-12 = December

## Diagnostics: the text of CSV files
io-utf16 = the file is UTF-16 text (Excel's "Unicode text"); save it as "CSV UTF-8" or as an Excel workbook (.xlsx)
io-zip = the file is a spreadsheet workbook (a zip archive), not CSV text; name it .xlsx in assessment.toml, or save it as "CSV UTF-8"
io-xls = the file is an old Excel .xls workbook, not CSV text; name it .xls in assessment.toml, or save it as "CSV UTF-8"
io-utf16-no-bom = the file is UTF-16 text without a byte-order mark (every other byte is 0); save it as "CSV UTF-8" or as an Excel workbook (.xlsx)
io-nul = the file holds NUL bytes, so it is not CSV text; save the table as "CSV UTF-8"
error-cell-not-utf8 = this cell is not UTF-8 text; save the file as "CSV UTF-8", or give --encoding gbk if it is a GBK file
error-cell-not-utf8-detected = this cell is not UTF-8 text although the file's beginning is; save the whole file as "CSV UTF-8"
error-cell-not-gbk = this cell is not GBK/GB18030 text; save the file as "CSV UTF-8", or give --encoding utf-8 if it is UTF-8
error-cell-not-text = this cell is neither UTF-8 nor GBK/GB18030 text; save the file as "CSV UTF-8"
warning-encoding-unclear = the file's encoding is unclear: as UTF-8 it reads "{ $as_utf8 }", as GBK "{ $as_gbk }"; it was read as { $chosen }: if that is wrong, give --encoding utf-8 or --encoding gbk, or save the file as "CSV UTF-8"
what-to-end-of-file = the end of the file (line { $line })
what-to-line-over-limit = line { $line }, more than 1 MiB
error-quote-not-closed = a quote (") opens this cell and is not closed, so every line after it, to { $to }, is read as part of this one cell; close the quote, or remove it
error-row-too-long = this row is longer than 1 MiB; the rows of a bundle's tables are short: is this the right file?
warning-cell-over-lines = this cell runs over lines { $first } to { $last } and holds commas, as if rows were read into it: check that the quote (") opening it is closed where the cell ends

## Diagnostics: the header and the rows of a table
error-file-empty = the file is empty; it needs a header row with the columns { $columns }
error-column-twice = column "{ $column }" appears twice in the header
warning-unknown-column = unknown column "{ $column }" is ignored (this file's columns are { $columns })
error-column-missing = required column "{ $column }" is missing from the header (found: { $found })
error-row-too-wide = this row has more cells than the header has columns ({ $columns })
error-cell-empty = "{ $column }" is empty; it is required

## Diagnostics: workbooks
error-no-xlsx-feature = this build of yardstick cannot read .{ $ext } workbooks (it was built without the "xlsx" feature); save the sheet as "CSV UTF-8"
error-workbook-too-large = the workbook unpacks to { $size } MiB, more than the { $max } MiB a workbook may hold; save the sheet as "CSV UTF-8"
error-cannot-read-sheet = cannot read the sheet "{ $sheet }": { $why }
error-workbook-damaged-because = cannot read the workbook ({ $why }); is it a damaged file, or not a .{ $ext } workbook?
error-workbook-damaged = cannot read the workbook: the file is damaged (not a valid .{ $ext } workbook)
error-workbook-cell-out-of-order = the workbook is damaged: cell { $cell } comes after { $before } in the file, out of sheet order (or given twice); open it in Excel or WPS and save it again
error-merges-too-many = the sheet's merged cells cover too many rows to be read; unmerge them (Excel/WPS: Merge & Center, Unmerge Cells) and fill in the values
error-cell-spreadsheet-error = the cell holds the spreadsheet error { $value }
error-cell-not-calculated = the cell holds a formula whose result was never calculated (the file was saved by a program that does not calculate); open it in Excel or WPS, recalculate (F9) and save
error-cell-under-merge = the cell lies under the merged cells { $range } and holds a value of its own, which Excel does not show; unmerge the cells, or clear this one
warning-sheet-hidden = the sheet "{ $sheet }" is hidden in the workbook; it is read because assessment.toml names it
error-no-such-sheet = the workbook has no sheet "{ $sheet }" (its sheets are { $sheets })
error-no-sheet = the workbook has no sheet
error-no-visible-sheet = the workbook has no visible worksheet (its sheets are { $sheets }); name the sheet to read after # in assessment.toml, like "book.xlsx#{ $first }"
warning-hidden-sheets-skipped = the hidden sheet(s) { $hidden } before it are skipped: the first visible sheet "{ $sheet }" is read (name a sheet after # in assessment.toml to read another)

## Diagnostics: the rubric — names of what is checked
what-option = option
what-grade = grade
what-quorum = quorum
what-missing-policy = missing-component policy
what-rounding-mode = rounding mode
what-veto-kind = veto kind
what-quota-rounding = quota rounding
what-on-tie = on_tie
what-period-key = period
what-quota-scope = quota scope
what-instead-ballot-options = list the valid choices with their values, e.g. options = [{"{"} label = "优秀", value = 100 {"}"}, {"{"} label = "称职", value = 80 {"}"}]
what-instead-groups = list the voter groups with their weights, e.g. groups = [{"{"} label = "党员", weight = 0.3 {"}"}, {"{"} label = "居民代表", weight = 0.7 {"}"}], or leave `groups` out to weigh every ballot alike
what-instead-dimensions = list the dimensions rated with their weights, e.g. dimensions = [{"{"} label = "德", weight = 1 {"}"}, {"{"} label = "能", weight = 1 {"}"}]
what-instead-ratings = list the ratings with their values, e.g. ratings = [{"{"} label = "好", value = 100 {"}"}, {"{"} label = "差", value = 40 {"}"}]
what-instead-phone-options = list the outcomes of calls that count with their values, e.g. options = [{"{"} label = "满意", value = 100 {"}"}, {"{"} label = "不满意", value = 0 {"}"}]
what-instead-visit-options = list the satisfaction labels with their values, e.g. options = [{"{"} label = "满意", value = 100 {"}"}, {"{"} label = "不满意", value = 0 {"}"}]
what-instead-satisfied = name the options that count as satisfied, e.g. satisfied = ["满意"], or leave `satisfied` out for the highest-valued option

## Diagnostics: the rubric — lists, labels and choices
error-unknown-choice = unknown { $what } "{ $value }"; expected one of { $expected }
error-at-least = { $key } must be at least { $least }
error-list-empty = `{ $key }` is empty; { $instead }
error-label-empty = { $what } label is empty
error-label-twice = { $what } label "{ $label }" is declared twice
error-plain-label-twice = label "{ $label }" is declared twice
error-weighted-twice = { $what } "{ $label }" is declared twice
error-label-value-range = { $what } "{ $label }" has the value { $value }; a value must lie between 0 and { $scale }, the scale of every component score
error-weight-not-positive = { $what } weight must be greater than 0, got { $weight }
error-satisfied-not-option = satisfied label "{ $label }" is not one of the options

## Diagnostics: the rubric — components
error-too-many-components = too many components: a rubric may declare at most { $most }
error-no-components = the rubric declares no component ([[component]] tables)
error-weights-sum = component weights sum to { $sum }, expected exactly 1
error-component-id-chars = component id "{ $id }" must be letters, digits, '_' or '-'
error-component-id-twice = component id "{ $id }" is declared twice
error-component-weight = weight must be greater than 0 and at most 1, got { $weight }
error-unknown-kind = unknown kind "{ $kind }"; expected one of "panel", "ballot", "interview", "test", "phone", "visit", "scorecard"
error-key-not-for-kind = key `{ $key }` does not apply to a component of kind "{ $kind }"
error-kind-needs-key = a component of kind "{ $kind }" needs `{ $key }`
error-off-scale = { $key } must lie between 0 and { $scale }, the scale of every component score, got { $value }
error-max-score-not-above = max_score must be above min_score
error-trim = trim drops { $drop } at each end, so at_least must be more than { $least }
error-full-mark-not-positive = full_mark must be greater than 0
error-scale-not-positive = scale must be greater than 0
error-scale-too-high = scale must be at most { $top }, the top of every component score's scale, got { $scale }; a paper marked out of more is read with `full_mark`
error-pass-mark = pass_mark must lie between 0 and the scale { $scale }
error-visit-weights = coverage_weight and satisfaction_weight must be at least 0 and sum to 1, got { $coverage } + { $satisfaction }

## Diagnostics: the rubric — total and grades
error-min-present-weight = min_present_weight must lie between 0 and 1, got { $value }
error-min-present-weight-policy = min_present_weight only applies when missing = "renormalise"
error-decimals = decimals must be between 0 and 6
error-cap-below-floor = total cap { $cap } is below the floor { $floor }
error-too-many-grades = too many grade bands: a rubric may declare at most { $most }
error-grade-needs-min = grade "{ $label }" needs a `min`; only the last band may go without
error-grades-order = grade bands must be ordered from the highest: min { $min } is not below { $previous }
error-last-band = the last band starts at { $min }, so totals below it get no grade; drop its `min` or set it to { $lowest } or less
error-no-grades = the rubric declares no grade bands ([[grade]] tables)
error-unknown-grade = grade "{ $grade }" is not one of the rubric's grades

## Diagnostics: the rubric — adjustments and vetoes
error-too-many-items = too many adjustment items: a rubric may declare at most { $most }
error-negative = { $key } must not be negative
error-item-id-empty = adjustment item id is empty
error-item-effect = adjustment item "{ $id }" needs exactly one of `bonus`, `deduction` or `veto`
error-veto-cap = a veto item has no cap
error-item-cap = an item's cap must be greater than 0
error-amount-not-positive = { $key } must be greater than 0 (a deduction is written as a positive amount)
error-veto-kind = a veto needs exactly one of `status`, `grade` or `cap`
error-veto-status = unknown veto status "{ $status }"; expected "pending" or "ungraded"
error-veto-kind-twice = veto kind "{ $kind }" is listed twice
error-veto-precedence = veto_precedence must list all four kinds: "pending", "ungraded", "grade", "cap"

## Diagnostics: the rubric — eligibility and quota
error-too-many-rules = too many eligibility rules: a rubric may declare at most { $most }
error-rule-id = eligibility rule id "{ $id }" is empty or declared twice
error-rule-component = component "{ $component }" is not declared in this rubric
error-share-over = share_over must lie between 0 and 1
error-rule-condition = an eligibility rule needs either `below`, or `option` with `share_over`
error-below = below must lie between 0 and { $top }, the scale of component "{ $component }", got { $mark }
error-rule-option = option "{ $option }" is not one of the ballot's options
error-rule-not-ballot = `option` and `share_over` need a ballot component
error-quota-ratio = quota ratio must lie between 0 and 1
error-order-key = order key "{ $key }" is neither "total" nor a component of this rubric

## Diagnostics: output files
error-output-dash = "-" is not taken for standard output here (results are printed when no output file is given); to write a file named "-", give ./-
error-output-input = { $path }: refusing to write the output over an input file of the bundle
error-output-input-as = { $path }: refusing to write the output over an input file of the bundle ({ $input })
error-output-folder = { $path }: names a folder, not a file; give a file name (a file in that folder, for example)
error-output-not-regular = { $path }: is a { $kind }, not a regular file; an output is written only to a regular file or to a new path
error-output-link = { $path }: is a symbolic link (to { $target }); an output is never written through a link: give the path of the file itself, or a new path
error-output-read-only = { $path }: the file is read-only, and yardstick does not replace a read-only file; make it writable, or give another name
error-output-no-folder = { $path }: { $folder } is not an existing folder
error-output-io = { $path }: cannot write: { $why }
what-fifo = FIFO (named pipe)
what-char-device = character device
what-block-device = block device
what-socket = socket
what-special-file = special file

## Diagnostics: making a new bundle (init)
error-init-not-empty = { $path }: the folder is not empty; init only writes into a new or empty folder
error-init-not-a-folder = { $path }: is a { $kind }, not a folder; init makes a bundle in a new folder (give a path that does not exist yet) or in an empty one
what-symbolic-link = symbolic link
what-file = file
what-special-any = special file (a device, FIFO or socket)
what-no-folder-name = path without a folder name
error-init-rubric = the rubric is not valid: { $why }
error-init-io = { $path }: { $why }
error-init-no-workbooks = this build of yardstick cannot write workbooks (it was built without the "xlsx" feature); ask for CSV templates
error-init-workbook = cannot make the workbook { $file }: { $why }

## Diagnostics: roster dates, the publication and vote-count sheets
error-cell-not-a-date = { $subject }: { $why }
error-service-backwards = the service ends ({ $end }) before it starts ({ $start }): start must not be after end
error-not-a-date-because = "{ $value }" is not a date: { $why }
error-publication-days = working_days must be a whole number of at least 1
warning-title-rows-skipped = the header is on line { $line }: the row(s) above it ("{ $title }") are read as a title and skipped
error-counts-columns = a vote-count sheet needs a column for each option ({ $options })
what-dup-vote-count = vote count (one row per worker_id, and per group when the rubric weights groups)

## Diagnostics: scorecards (periodic checklists)
what-dup-scorecard = scorecard row
what-period-form = is not a period: write 2024-03 (a month), 2024-Q1 (a quarter), 2024-H1 (a half year) or 2024 (the year)
what-period-no-such = is not a period: there is no { $what } { $n } (a year has { $per_year })
what-period-month = month
what-period-quarter = quarter
what-period-half = half year
what-period-year = year
error-not-a-period = "{ $value }" { $why }
error-period-kind = "{ $value }" is a { $kind }, but this component is scored by { $scored_by }: write a period such as { $example }
error-period-year = "{ $value }" lies outside the assessment year { $year }
error-period-before-start = { $worker } started { $date }, so { $period } is not counted
error-period-after-end = { $worker } left { $date }, so { $period } is not counted
error-counts-overflow = the counts of this worker, period and item add up to more than { $max }
what-item-with-name = "{ $id }" ({ $name })
error-unknown-scorecard-item = unknown item "{ $value }"; the rubric allows { $allowed } (by id or by name)
error-ceiling-below-floor = ceiling { $ceiling } is below the floor { $floor }: a period could score nothing
error-min-periods = min_periods { $min } is more than the { $per_year } period(s) of a year scored by { $period }: every worker would be missing
what-instead-items = list the checklist's items, e.g. items = [{"{"} id = "patrol_missed", name = "未按要求巡查走访", points = -2, limit = 20 {"}"}]
what-item-id = id
what-item-name = name
error-item-id-chars = item id "{ $id }" must be letters, digits, '_' or '-'
error-item-id-taken = item id "{ $id }" is already the { $was } of another item
error-item-name-empty = item name is empty
error-item-name-taken = item name "{ $name }" is already the { $was } of another item: a file may give an item by id or by name, so each must be unique
error-points-zero = points must not be 0: negative for a deduction (points = -2), positive for a bonus
error-limit-not-positive = limit must be greater than 0 (the most the item adds or takes away in one period), got { $value }
error-too-many-scorecard-items = too many items: a scorecard may declare at most { $most }

## Diagnostics: earlier years' results ([history]), results files (diff) and consequences

error-history-cannot-read = cannot read the earlier results { $file }: { $why }
error-history-twice = a second results file for { $year }: { $first } is one already (each year once in [history] results)
error-history-other-rubric = results of the rubric "{ $id }", not of this bundle's rubric "{ $rubric }": consecutive years are counted under one rubric
error-history-not-earlier = results of { $year }, not of a year before this assessment's { $this }: [history] lists earlier years only
error-results-cannot-read = cannot read the results file: { $why }
error-results-not-json = not a results file of `yardstick score --format json`: { $why }
error-results-no-rubric = the results file names no rubric (`rubric.id`): it is not a result of `yardstick score --format json`
error-results-two-years = the results file says two years: `year` { $year } and `assessment.year` { $inner }
error-results-no-year = the results file has no `year`
error-results-no-workers = the results file has no `workers` list
error-results-worker-twice = worker "{ $id }" is listed twice
error-results-unknown-status = worker "{ $id }": unknown status "{ $status }"; expected "graded", "ungraded" or "pending"
error-results-graded-no-grade = worker "{ $id }" is graded but has no grade
error-results-unknown-grade = worker "{ $id }": grade "{ $grade }" is not one of the rubric's grades ({ $grades })
error-results-total = worker "{ $id }": total { $value } is not a decimal
error-results-score = worker "{ $id }": the score { $value } of "{ $component }" is not a decimal
error-results-count = worker "{ $id }": the count of "{ $item }" is not a whole number
error-consequence-too-many = too many consequences: a rubric may declare at most { $most }
error-consequence-id-empty = consequence id is empty
error-consequence-twice = consequence "{ $id }" is declared twice
error-consequence-years = years must be a whole number from 1 to { $most } (this year and the years before it), got { $years }
error-consequence-grade = consequence "{ $id }" needs exactly one of `grade` (this grade) or `at_least` (this grade or a better one)
