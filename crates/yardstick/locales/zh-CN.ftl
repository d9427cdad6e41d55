# yardstick — 简体中文消息（默认语言）。这里的每一条也在 en.ftl 中，参数相同。
# 参数都是文本：数字按引擎舍入后的写法原样传入。

## 状态

status-graded = 已评定
status-ungraded = 不评定
status-pending = 暂缓评定

## 缺项原因

missing-no-file = 考核包未提供该项的数据文件
missing-too-few-scores = 只有 { $count } 个评分，至少需要 { $min } 个
missing-quorum = 未达法定人数：应参评 { $electorate } 人，收回 { $cast } 张选票，须超过半数（{ $need } 张）
missing-no-ballots = 没有选票
missing-no-valid-ballot = 没有有效票：{ $cast } 张选票均为空白或无效
missing-too-few-valid = 只有 { $valid } 张有效票，至少需要 { $min } 张
missing-no-interviewer = 没有谈话记录
missing-too-few-interviewers = 只有 { $count } 名谈话人，至少需要 { $min } 名
missing-no-test = 没有测试成绩
missing-too-few-calls = { $calls } 个电话中有效通话 { $counted } 个，至少需要 { $min } 个
missing-too-few-visits = 回答“是否走访”的 { $answered } 户、评价满意度的 { $rated } 户，至少分别需要 { $min_answered } 户和 { $min_rated } 户
missing-no-answers = 没有回答
missing-too-few-periods = 全年 { $periods } 个{ $unit ->
    [month] 月
    [quarter] 季度
    [half] 半年
   *[year] 年度
}中计分 { $counted } 个，至少需要 { $min } 个

## 标记说明

flag-quorum-not-met = { $component }：未达法定人数
flag-missing = { $component }缺项
flag-incomplete = 成绩不完整：现有各项权重合计 { $present }，低于要求的 { $min }
flag-bonus-capped = 加分 { $raw } 超过上限，按 { $capped } 计
flag-deduction-capped = 扣分 { $raw } 超过上限，按 { $capped } 计
flag-total-floored = 总分 { $unbounded } 低于下限，按 { $floor } 计
flag-total-capped = 总分 { $unbounded } 高于上限，按 { $cap } 计
flag-veto = 一票否决：{ $item }
flag-ineligible = 不得评为{ $grade }：{ $why }
flag-quota-tie = 在{ $grade }名额线上与其他候选人各项排序依据完全相同，该名额留待考核委员会研究决定
flag-quota-cut = { $grade }名额已满：在 { $candidates } 名候选人中排第 { $position } 名，名额 { $places } 个

## 资格规则的理由

reason-below = { $component } { $score } 低于 { $mark }
reason-not-below = { $component } { $score } 不低于 { $mark }
reason-below-missing = { $component }缺项，不适用“低于 { $mark }”的规定
reason-share-over = { $valid } 张有效票中“{ $option }”{ $votes } 张，超过 { $share }
reason-share-not-over = { $valid } 张有效票中“{ $option }”{ $votes } 张，未超过 { $share }

## 结果表

table-title = { $name }（{ $year }年度）  考核方案 { $rubric_id } { $rubric_name }
table-rank = 排名
table-id = 工号
table-name = 姓名
table-unit = 单位
table-total = 总分
table-grade = 等次
table-status = 状态
table-notes = 说明
table-missing = 缺
table-quota = { $grade }名额（{ $scope }）：已评定 { $graded } 人 × { $ratio } → { $places } 个名额；候选 { $candidates } 人，保留 { $kept } 人{ $tied }{ $cut }
table-quota-all = 全体
table-quota-tied = ，名额线上并列 { $count } 人（留待考核委员会研究决定：{ $ids }）
table-quota-cut = ，名额线外 { $count } 人
table-count = 共 { $workers } 人：已评定 { $graded } 人，暂缓评定 { $pending } 人，不评定 { $ungraded } 人

## 计算过程

explain-component = { $name } { $id }（权重 { $weight }）：
explain-no-file = 考核包中没有该项的文件
explain-panel = { $count } 个评分 [{ $scores }]
explain-panel-trimmed = ；评分数达到去除条件，去掉最高分 { $high } 和最低分 { $low }（各去一个）；取其余 { $used } 个的平均
explain-panel-mean = ；取全部 { $used } 个的平均
explain-rater-score = { $rater } 评 { $score }
explain-ballot = 收回 { $cast } 张，有效 { $valid } 张 [{ $options }]；无效 [{ $not_valid }]
explain-ballot-quorum-met = ；应参评 { $electorate } 人，达到法定人数
explain-ballot-quorum-not-met = ；应参评 { $electorate } 人，未达法定人数
explain-ballot-group = ；{ $group }（权重 { $weight }）有效 { $valid } 张，平均 { $mean }
explain-blank = 空白
explain-none = 无
explain-test = 卷面 { $marks } 分（满分 { $max }）
explain-test-pass = ，及格线 { $pass }：及格
explain-test-fail = ，及格线 { $pass }：不及格
explain-test-none = 无成绩
explain-phone = 电话 { $calls } 个，有效 { $counted } 个 [{ $options }]；不计入 [{ $not_counted }]
explain-share = ；满意 { $hits }/{ $n } = { $share }%（95% Wilson 区间 { $low }%–{ $high }%）
explain-visit = 询问 { $households } 户：已走访 { $yes } 户，未走访 { $no } 户，走访率 { $coverage }；{ $rated } 户评价 [{ $satisfaction }]，平均 { $mean }
explain-scorecard = 全年 { $periods } 个{ $unit ->
    [month] 月
    [quarter] 季度
    [half] 半年
   *[year] 年度
}中计分 { $counted } 个，至少需要 { $min } 个；每期从 { $base } 分起算，最低 { $floor } 分，最高 { $ceiling } 分
explain-scorecard-started = ；{ $date } 入职
explain-scorecard-left = ；{ $date } 离职
explain-period-range = { $from } 至 { $to }
explain-period-started = 不计分（{ $date } 入职，未满整期）
explain-period-left = 不计分（{ $date } 离职，未满整期）
explain-period-no-entries = （无加扣分事项）
explain-period-limited = （{ $sign }{ $raw }，按上限 { $sign }{ $limit } 计）
explain-period-floor = ，按最低分 { $score } 计
explain-period-ceiling = ，按最高分 { $score } 计
explain-scorecard-mean = 计分的 { $counted } 个{ $unit ->
    [month] 月
    [quarter] 季度
    [half] 半年
   *[year] 年度
}平均：{ $sum } / { $counted }
explain-score = {" "}→ 得分 { $score }（精确值 { $exact }）
explain-missing = {" "}→ 缺项：{ $why }
explain-weights = 现有各项权重合计 { $present }（至少 { $min }）；加权和 { $sum }
explain-weights-zero = 缺项按 0 分计；加权和 { $sum }
explain-weights-all = 每一项都必须有成绩；加权和 { $sum }
explain-incomplete = {" "}→ 成绩不完整：不评定等次，没有总分
explain-renormalised = {" "}→ 按现有权重折算基础分 = { $sum } / { $present } = { $base }
explain-base = {" "}→ 基础分 { $base }
explain-adjustments-none = 加扣分：无
explain-adjustment-veto = { $name }（{ $item }）×{ $count }：一票否决
explain-adjustment-bonus = { $name }（{ $item }）×{ $count }：加 { $amount } 分
explain-adjustment-deduction = { $name }（{ $item }）×{ $count }：扣 { $amount } 分
explain-item-cap = （达到单项上限）
explain-adjustments = 加扣分：{ $items }；加分合计 { $bonus }
explain-capped = （上限 { $cap }）→ { $value }
explain-deductions = ；扣分合计 { $deductions }
explain-total = 总分 = 基础分 { $base } + 加分 − 扣分 = { $unbounded }
explain-total-limited = ，限定为 { $exact }
explain-total-rounded = ；{ $mode }保留 { $decimals } 位小数：{ $rounded }
explain-round-half-up = 四舍五入
explain-round-half-even = 四舍六入五成双
explain-round-down = 舍去尾数
explain-band = 总分 { $total } 对应等次：{ $grade }
explain-veto = 一票否决：{ $present }
explain-veto-heaviest = ；按其中最重的一项：{ $applied }
explain-veto-item = { $name }（{ $item }）
explain-veto-pending = 暂缓评定（结案后再定等次）
explain-veto-ungraded = 本年度不评定等次
explain-veto-grade = 直接评为{ $grade }
explain-veto-cap = 最高评为{ $grade }
explain-veto-effect = {" "}→ { $effect }
explain-veto-grade-after = ；等次 { $before } → { $after }
explain-veto-status-after = ；状态：{ $status }
explain-eligibility = { $grade }资格，规则“{ $rule }”（{ $id }）：{ $why } → { $verdict }
explain-eligible = 符合
explain-not-eligible = 不符合，改评{ $otherwise }
explain-quota = { $scope }{ $grade }名额：已评定 { $graded } 人 × { $ratio }，{ $rounding }，共 { $places } 个名额；按总分及并列时的比较项（{ $keys }）在 { $candidates } 名候选人中排第 { $position } 名 → { $verdict }；等次 { $after }
explain-quota-bundle = 全体
explain-quota-unit = { $unit }
explain-quota-floor = 向下取整
explain-quota-half-up = 四舍五入
explain-quota-ceiling = 向上取整
explain-quota-kept = 在名额内：保留{ $grade }
explain-quota-tied = 与其他候选人在名额线上各项完全相同：并列者均不占该名额，留待考核委员会研究决定
explain-quota-cut = 在名额线外
explain-missing-key = 缺
explain-rank = 在 { $of } 名已评定人员中排第 { $rank } 名（总分 { $total }）
explain-result = 结果：{ $status }
explain-result-total = ，总分 { $total }
explain-result-grade = ，等次 { $grade }
explain-result-rank = ，排名第 { $rank } 名
explain-flags = 标记：

## 命令行

cli-about = 社区工作者年度考核计分工具（一把尺子量到底）：读取考核包，逐项计分、定等次、排名，并说明每一步。
cli-usage = yardstick [选项] <命令>
cli-usage-heading = 用法：
cli-template-top =
    {"{"}about{"}"}

    用法：{"{"}usage{"}"}

    命令：
    {"{"}subcommands{"}"}

    选项：
    {"{"}options{"}"}
cli-template-sub =
    {"{"}about{"}"}

    用法：{"{"}usage{"}"}

    参数：
    {"{"}positionals{"}"}

    选项：
    {"{"}options{"}"}
cli-arg-help = 显示帮助
cli-arg-version = 显示版本
cli-arg-lang = 所有文字的语言：zh（中文，默认）或 en（英文）；也可设环境变量 YARDSTICK_LANG
cli-arg-bundle = 考核包文件夹，或其中的 assessment.toml
cli-arg-output = 写入此文件（先写临时文件再替换，不会覆盖考核包的输入文件），不写则输出到屏幕
cli-arg-encoding = CSV 文件的编码：utf-8、gbk 或 gb18030；默认自动识别（合法的 UTF-8 按 UTF-8 读，否则按 Excel 中文版保存 CSV 时用的 GBK/GB18030 读）；xlsx 工作簿不需要
cli-score-about = 计分：读取考核包，计算每人各项得分、总分、等次和排名
cli-score-usage = yardstick score <考核包> [选项]
cli-score-format = 输出格式：table（屏幕表格）、json、csv、xlsx（Excel 工作簿，须配合 -o）；不写时按 -o 文件的扩展名（.xlsx、.csv、.json），否则为 table
cli-validate-about = 检查考核包或评分细则文件，不计分
cli-validate-usage = yardstick validate <路径> [选项]
cli-validate-path = 考核包文件夹、assessment.toml，或评分细则 .toml 文件
cli-explain-about = 说明一名人员结果的每一步计算
cli-explain-usage = yardstick explain <考核包> <工号> [选项]
cli-explain-worker-id = 该人员在花名册中的工号（worker_id）
cli-explain-format = 输出格式：text（文字，默认）或 json
cli-report-about = 生成可打印的 HTML 结果报告（含图表，单个文件）
cli-report-usage = yardstick report <考核包> [选项]
cli-init-about = 新建一个待填写的考核包：assessment.toml、评分细则和每项输入的模板
cli-init-usage = yardstick init <文件夹> [选项]
cli-init-dir = 新考核包的文件夹（须不存在或为空）
cli-init-rubric = 复制到考核包中的评分细则（默认：标准的社区工作者考核细则）
cli-init-csv = 生成 CSV 模板（UTF-8，带字节顺序标记），不生成 xlsx 工作簿
cli-init-year = 考核年度（默认：1 至 6 月为上一年，否则为今年）
cli-init-name = 考核名称（默认：评分细则名称加年度）
cli-concerns-about = 列出群众急难愁盼诉求：各站室工单、上报事项和汇总
cli-concerns-usage = yardstick concerns <考核包> [选项]
cli-concerns-as-of = 按哪一天查看台账，格式 YYYY-MM-DD（默认：北京时间今天）
cli-concerns-format = 输出格式：table（屏幕表格）、json 或 csv；不写时按 -o 文件的扩展名（.csv、.json），否则为 table
cli-value-name-bundle = 考核包
cli-value-name-file = 文件
cli-value-name-path = 路径
cli-value-name-worker_id = 工号
cli-value-name-dir = 文件夹
cli-value-name-rubric = 评分细则
cli-value-name-date = 日期
cli-value-name-lang = 语言
cli-value-name-encoding = 编码
cli-value-name-format = 格式
cli-value-name-year = 年度
cli-value-name-name = 名称
cli-error-invalid-choice = 错误：{ $arg } 的值“{ $value }”不可用；可用的值：{ $valid }
cli-error-empty-value = 错误：{ $arg } 需要一个值
cli-error-invalid-value = 错误：{ $arg } 的值“{ $value }”无效：{ $why }
cli-error-unknown-argument = 错误：不认识的参数 { $arg }
cli-error-unknown-command = 错误：不认识的命令 { $command }
cli-error-missing-argument = 错误：缺少必需的参数 { $arg }
cli-error-missing-command = 错误：请给出一个命令（score、validate、explain、report、init、concerns、diff、audit）
cli-error-conflict = 错误：{ $arg } 不能与 { $other } 同时使用
cli-error-values = 错误：{ $arg } 的值的个数不对
cli-error-io = 错误：无法显示命令行帮助（{ $why }）
cli-error-other = 错误：命令行有误：{ $why }
cli-error-suggest = 提示：是否想用 { $suggestion }？
cli-error-help = 查看用法：yardstick --help
cli-error-xlsx-needs-output = 错误：--format xlsx 生成的是工作簿文件，不能显示在屏幕上，请用 -o 指定文件，例如 -o 结果.xlsx
cli-error-lang = “{ $value }”不是可用的语言：请用 zh（中文）或 en（英文）
cli-error-extension = 错误：{ $verb } 不能写成文件 { $file }：可用的扩展名是 { $extensions }
cli-error-format-contradicts = 错误：--format 与输出文件 { $file } 的扩展名 .{ $extension } 不一致；去掉 --format，或改用与之相符的文件名
cli-cannot-read = { $file }：无法读取：{ $why }
cli-validate-rubric-ok = { $path }：评分细则 { $id }（{ $name }）无误：{ $components } 个考核项目，{ $grades } 个等次
cli-validate-bundle-ok = { $path }：考核包无误：{ $workers } 人，评分细则 { $id }（{ $name }）
cli-validate-rows = {"  "}{ $input } { $rows } 行  { $file }
cli-validate-concerns = {"  "}诉求         { $concerns } 条，分派表 { $routing }，工作日历 { $years } 年
cli-explain-no-worker = 工号“{ $id }”不在 { $bundle } 的花名册中
cli-xlsx-failed = 无法生成工作簿：{ $why }
cli-init-done = { $dir }：已新建 { $year } 年度考核包；填好各个模板后，运行 yardstick validate { $dir } 检查
cli-stdout-failed = 无法输出到屏幕：{ $why }
cli-output-hint = ；要显示在屏幕上，请去掉 -o
cli-clock-wrong = 系统时钟不对，无法确定今天的日期；请用 --as-of 或 --year 给出
cli-more-warnings = { $file }：…… 另有 { $count } 条与上面同类的警告
cli-errors-found = 共发现 { $count } 处错误；没有计分，也没有写出任何文件。
cli-error = 错误：{ $why }
cli-init-counts = 民主测评用汇总表（测评汇总表：每人一行，填各种测评意见的票数），不用每张票一行的明细表


## 审核 / audit
audit-title = 公平性审核：{ $name }（{ $year }年度）  考核方案 { $rubric_id } { $rubric_name }
audit-alpha-heading = 一、评分人之间是否一致（Krippendorff α 信度系数）
audit-alpha-none = 本考核方案没有个人汇报或个别谈话项目，不适用。
audit-col-component = 考核项目
audit-col-metric = 尺度
audit-col-units = 可比对象数
audit-col-values = 评分条数
audit-col-reading = 解读
audit-metric-nominal = 类别
audit-metric-ordinal = 顺序（评价等级）
audit-metric-interval = 等距（分数）
audit-metric-ratio = 比率
audit-reading-reliable = 一致性好，可以信赖（α ≥ 0.800）
audit-reading-tentative = 一致性一般，只宜作初步判断（0.667 ≤ α < 0.800）
audit-reading-unreliable = 一致性不足，不宜依赖（α < 0.667）
audit-reading-undefined = 无法计算：{ $why }
audit-why-nothing-pairable = 没有两人以上共同评过的对象
audit-why-no-variation = 所有评分都相同，无所谓一致与否
audit-alpha-note = 说明：α = 1 表示评分人意见完全一致，α = 0 表示一致程度和随手乱打分差不多，α 小于 0 表示分歧比随机还大。打分的项目（如个人汇报）以每位工作者为一个对象、按分数差距计算；评等级的项目（如个别谈话）以每位工作者的每个维度为一个对象、按考核方案中评价等级的先后顺序计算。只有一人评过的对象不参与计算。≥ 0.800 可以信赖、0.667 至 0.800 只宜作初步判断，是 Krippendorff（2004）提出、学界通用的惯例，不是法定标准。
audit-leniency-heading = 二、评分人宽严（{ $component }）
audit-leniency-heading-none = 二、评分人宽严
audit-leniency-none = 本考核方案没有个人汇报项目，不适用。
audit-col-rater = 评分人
audit-col-n = 与他人共同评分人数
audit-col-leniency = 宽严（分）
audit-col-flag = 标记
audit-leniency-lenient = 偏宽
audit-leniency-harsh = 偏严
audit-leniency-note = 说明：宽严 = 该评分人给某人的分数减去其他评分人给同一人的平均分，再对他与别人共同评过的所有人取平均；正数表示比别人给分高（偏宽），负数表示偏低（偏严）。相差 { $points } 分及以上、且共同评过 { $n } 人及以上的标记出来，本项共 { $flagged } 人。被标记不等于评分不公，请结合评分记录了解原因。
audit-margin-heading = 三、离相邻等次有多远（已评定 { $graded } 人，按排名）
audit-col-id = 工号
audit-col-name = 姓名
audit-col-total = 总分
audit-col-grade = 等次（名额前）
audit-col-to-upper = 距上一档
audit-col-to-lower = 高出本档
audit-col-down = { $component }改几票降档
audit-col-up = { $component }改几票升档
audit-margin-summary = 离上一档不足 1 分的 { $near_upper } 人，高出本档线不足 1 分的 { $near_lower } 人；改动 2 张及以下测评票就会改变等次的 { $two_ballots } 人。
audit-margin-note = 说明：“距上一档”是再得多少分能进入上一档，“高出本档”是比本档最低分高出多少；最高档、最低档分别不适用（-）。“改几票降档”是至少要把几张选最好一档的有效票改成最差一档，等次（按分档、否决和优秀资格条件，不计优秀名额）才会变；“改几票升档”反之。“-”表示怎么改都不会变。数字越小，结果越容易受少数几张票左右。
audit-sheets-heading = 四、测评票（{ $component }，共 { $sheets } 张）
audit-sheets-heading-none = 四、测评票
audit-sheets-none = 没有按张录入的测评票文件，不适用。
audit-sheets-all = 每一项都选“{ $option }”的票 { $count } 张：{ $ids }
audit-sheets-identical = 内容完全相同的票（3 张及以上为一组）{ $count } 组：
audit-sheets-group = { $count } 张完全相同，每张评 { $workers } 人：{ $ids }
audit-sheets-more = …等共 { $count } 张
audit-sheets-more-groups = …另有 { $count } 组
audit-sheets-note = 说明：同一张票对每个人都选同一档，或几张票对每个人的选择一模一样，可能是统一填写、代填或串票的迹象，也可能只是该单位确实表现一致；只评一人的票相同很常见。请结合投票现场情况核实，不要仅凭此认定。
audit-sheet-intro = 本表审视评分记录本身，不改变任何分数。被标记的评分人、相同的测评票、离等次线很近的人员，都只是需要核实的线索，不是结论。α 和宽严显示 3 位小数，单元格中保留全部精度。
audit-chart-leniency = { $component }：各评分人的宽严（分）
audit-margin-overview-heading = 三、离相邻等次有多远（已评定 { $graded } 人）
audit-col-bin = 分差（分）
audit-col-count-upper = 距上一档的人数
audit-col-count-lower = 高出本档的人数
audit-chart-margins = 离相邻等次的分差分布（每格 { $step } 分）
audit-chart-workers = 人数
audit-bin = { $from }–{ $to }
audit-bin-last = { $from } 及以上
audit-sheets-count-all = 每一项都选“{ $option }”的票 { $count } 张
audit-col-kind = 类型
audit-col-group = 组
audit-col-sheets = 张数
audit-col-ballot = 票号
audit-kind-all = 每一项都选“{ $option }”
audit-kind-identical = 内容完全相同，每张评 { $workers } 人
audit-margin-workers-heading = 每人离相邻等次有多远（按排名）
audit-report-heading = 八、公平性审核
audit-report-intro = 审视评分记录本身，不改变任何分数；被标记、相同或离等次线很近，都只是需要核实的线索，不是结论。详见 docs/audit.md。
audit-report-summary = 参评 { $workers } 人，超过 { $limit } 人，本报告不逐人列出离相邻等次的距离，只给出分布和人数；每人的分差和改几票会改变等次，见工作簿的“审核”工作表，或用 yardstick audit 查看：
audit-report-command-xlsx = yardstick score 考核目录 -o 结果.xlsx
audit-report-command-audit = yardstick audit 考核目录
audit-leniency-shown = 共 { $raters } 名评分人，图和表只列出与他人相差最大的 { $shown } 名；全部评分人见工作簿的“审核”工作表。
cli-audit-about = 公平性审核：评分一致性、评分人宽严、离相邻等次有多远、可疑测评票（不改变任何分数）
cli-audit-usage = yardstick audit <考核包> [选项]
cli-audit-format = 输出格式：table（屏幕表格，默认）或 json

## 结果运用 / history and diff

explain-consequence = 结果运用“{ $name }”（{ $id }），条件为{ $test }：{ $detail } → { $verdict }
explain-consequence-exactly = 连续 { $years } 年{ $grade }
explain-consequence-at-least = 连续 { $years } 年{ $grade }及以上
explain-consequence-year = { $year } 年{ $grade }
explain-consequence-counted = 计入 { $years }
explain-consequence-not-graded-now = 本年度{ $status }
explain-consequence-missing = 考核包的 [history] 中没有 { $year } 年的考核结果，连续年份中断
explain-consequence-absent = { $year } 年的考核结果中没有此人，连续年份中断
explain-consequence-not-graded = { $year } 年{ $status }，连续年份中断
explain-consequence-grade = { $year } 年为{ $grade }，不符合条件
explain-consequence-applies = 适用
explain-consequence-not-applies = 不适用
table-consequences = 结果运用
table-history = 结果运用：依据往年考核结果 { $years } 年；{ $applied }
table-history-none = 结果运用：考核包未列出往年考核结果（assessment.toml 的 [history] results）；{ $applied }
table-consequence-count = { $name } { $count } 人
diff-title = 考核结果对比：原 { $old } → 新 { $new }
diff-side-named = （{ $name }，{ $year } 年度）
diff-side-year = （{ $year } 年度）
diff-rubric-same = 两边的评分细则相同（sha256 { $sha }）
diff-rubric-changed = 评分细则不同：原 { $old_id }（sha256 { $old }），新 { $new_id }（sha256 { $new }）
diff-changed = 结果有变化的人员（{ $count } 人；“→”左边为原结果，右边为新结果）：
diff-components = 得分有变化的考核项目
diff-adjustments = 次数有变化的加扣分项
diff-input-item = { $id } { $name }（{ $what }）
diff-inputs-changed = 考核项目得分或加扣分次数有变化、但结果未变的人员（{ $count } 人）：{ $list }
diff-only-old = 只在原结果中的人员（{ $count } 人）：{ $ids }
diff-only-new = 只在新结果中的人员（{ $count } 人）：{ $ids }
diff-nothing = 没有任何变化：两边 { $count } 人的状态、总分、等次、排名、结果运用、各项得分和加扣分都相同。
diff-count = 两边都有的 { $both } 人中，{ $changed } 人结果有变化；只在原结果中 { $only_old } 人，只在新结果中 { $only_new } 人。
cli-diff-about = 对比两份考核结果（考核包或 score --format json 的结果文件）：谁的结果变了，原结果与新结果并列，哪些考核项目和加扣分项变了
cli-diff-usage = yardstick diff <原结果> <新结果> [选项]
cli-diff-old = 原结果：考核包文件夹、其中的 assessment.toml，或结果文件（.json）
cli-diff-new = 新结果（如申诉复核后更正的考核包）：考核包文件夹、其中的 assessment.toml，或结果文件（.json）
cli-diff-format = 输出格式：table（屏幕文字，默认）或 json；不写时按 -o 文件的扩展名（.json），否则为 table
cli-value-name-old = 原结果
cli-value-name-new = 新结果
cli-validate-history = {"  "}{ $year } 年结果 { $workers } 人  { $file }

# ---- 诊断 / diagnostics：关于输入、评分细则和文件的每一条错误与警告。
# 显示为“位置: 错误: 说明”；位置（文件:行:列，或 文件.xlsx!C17）不翻译。
# `what-…` 是其他消息的组成部分。

## 诊断 / diagnostics：显示方式
diag-error = { $place }: 错误：{ $message }
diag-warning = { $place }: 警告：{ $message }
diag-problems = 输入中有 { $count } 处问题，没有评分

## 诊断 / diagnostics：说明的组成部分（值、标签、重复项的称呼）
what-cell = “{ $column }”列的“{ $value }”
what-quoted = “{ $value }”
what-value = { $value }
what-choice = 测评意见
what-voter-group = 投票人类别
what-dimension = 评价维度
what-rating = 评价等次
what-outcome = 通话结果
what-satisfaction = 满意度
what-adjustment-item = 加扣分事项
what-dup-score = 评分（同一工号 worker_id 和评委 rater_id）
what-dup-ballot = 测评票（同一票号 ballot_id 和工号 worker_id）
what-dup-rating = 谈话评价（同一工号 worker_id、谈话人 interviewer_id 和维度 dimension）
what-dup-test = 测试成绩（每个工号 worker_id 只能有一行）
what-dup-call = 电话（同一工号 worker_id 和通话编号 call_id）
what-dup-household = 住户（同一工号 worker_id 和户号 household_id）
what-range-between = 在 { $min } 到 { $max } 之间
what-range-at-least = 不小于 { $min }
what-range-at-most = 不大于 { $max }

## 诊断 / diagnostics：读取文件
error-cannot-read = 无法读取文件：{ $why }
io-not-found = 找不到这个文件（{ $os }）
io-permission-denied = 没有读取这个文件的权限（{ $os }）
io-other = { $os }
io-not-in-memory = 内存中没有这个文件
io-folder = 这是一个文件夹，不是文件
io-not-regular = 这不是普通文件（而是设备、管道或套接字）；请指定用 Excel、WPS 或文本编辑器保存的文件
io-too-large = 文件大小为 { $size } MiB，超过了整体读取的文件（工作簿、TOML 文件）的上限 { $max } MiB；大的表格请另存为“CSV UTF-8”
error-file-not-utf8 = 文件不是 UTF-8 编码的文本；请另存为 UTF-8 编码
error-cannot-reread = 无法再次读取文件以查找重复行

## 诊断 / diagnostics：assessment.toml 与 TOML 文件
error-cannot-read-bundle = 无法读取考核目录：{ $why }
error-manifest-not-utf8 = assessment.toml 不是 UTF-8 编码的文本；请用记事本等编辑器另存为 UTF-8
error-cannot-read-rubric = 无法读取评分细则 { $rubric }：{ $why }
error-rubric-not-utf8 = 评分细则不是 UTF-8 编码的文本；请另存为 UTF-8
error-component-not-in-rubric = 评分细则 { $rubric } 中没有考核项目“{ $key }”（它的考核项目是：{ $components }）
error-component-no-file = 考核项目“{ $key }”须写明文件名，如 { $key } = "{ $key }.csv"
error-cannot-read-routing = 无法读取诉求分派表 { $routing }
error-toml = TOML 写法有误：{ $why }
error-toml-unknown-key = 不认识的键 `{ $key }`；这里可以写的键有：{ $keys }
error-toml-unknown-key-one = 不认识的键 `{ $key }`；这里只能写 { $allowed }
error-toml-missing-key = 缺少键 `{ $key }`，请补上
error-key-empty = { $key } 不能为空

## 诊断 / diagnostics：输入表格的单元格
error-not-in-roster = 工号（worker_id）“{ $id }”不在花名册 { $roster } 中；请核对工号，或先把此人加入花名册
error-not-a-number = { $subject }不是数字
error-too-many-digits = { $subject }位数太多，无法精确保存（有效数字最多 { $max } 位，小数最多 { $max } 位）；请先四舍五入
error-out-of-range = “{ $column }”列的 { $value } 超出范围：应{ $range }
error-not-whole = { $subject }不是整数；请填写 0、1、2 这样的整数
error-unknown-label = “{ $value }”不是可填的{ $what }；评分细则允许填写：{ $allowed }
warning-not-a-date = “{ $value }”不是日期，请按“年-月-日”填写，如 2024-11-12（日期不影响计分）
error-duplicate = 重复的{ $what }：“{ $key }”在第 { $line } 行已经有了；请删除重复的一行

## 诊断 / diagnostics：花名册、考核项目与加扣分
error-duplicate-worker = 工号（worker_id）重复：“{ $id }”在第 { $line } 行已经有了；每人只能占一行
warning-roster-empty = 花名册里还没有人员：请每人填写一行（其他各表都按花名册核对）
error-group-empty = 投票人类别（group）为空；评分细则按类别加权计票，每张票都要填写类别
error-group-column-missing = 评分细则按投票人类别加权计票，所以这个文件需要“group”（类别）列
error-too-many-interviewers = 这个文件的谈话人编号（interviewer_id）太多（超过 40 亿个），无法区分；请按单位拆分文件
error-too-many-raters = 这个文件的评委编号（rater_id）或超过 9 位数字的分数太多（超过 20 亿个），无法保存；请按单位拆分文件
error-max-not-positive = 满分（max）必须大于 0
error-not-visited = “visited”列的“{ $value }”无法识别；请填 是 或 否（也可填 yes、no、true、false、1、0），不清楚的留空
warning-visit-answers-nothing = 这一行住户既没有填“是否走访”（visited），也没有填“满意度”（satisfaction），不计入

## 诊断 / diagnostics：评分细则中的数字
error-not-finite = { $value } 不是有限的小数
error-not-decimal = “{ $value }”不是数字
error-not-ratio-number = { $value } 不是比例
error-not-ratio = “{ $value }”不是比例；请写成“1/5”“20%”或 0.2 这样的形式
error-inexact-float = { $literal } 的位数超过 TOML 数字能精确保存的位数（约 15 位）；请加上引号写成 "{ $literal }"
error-rubric-id-empty = 评分细则的 id 为空

## 诊断 / diagnostics：诉求台账
error-concern-no-date-column = 这一行提出了诉求，但文件中没有“date”（日期）列；诉求的办理时限从日期起算
error-concern-no-date = 这一行提出了诉求，但没有填日期；诉求的办理时限从日期起算
what-no-category = 这条诉求没有填类别
what-unknown-category = 诉求类别“{ $category }”不在分派表中
error-no-route = { $what }，而诉求分派表 { $routing } 没有默认分派（它的类别是：{ $categories }）
error-deadline = 无法计算办理时限：{ $why }
error-duplicate-concern = 诉求编号“{ $id }”重复：{ $file } 第 { $line } 行已经用过这个编号
error-unknown-concern = 诉求编号（concern_id）“{ $id }”不是本考核中的诉求（编号的形式是 考核项目id:工号:通话编号或户号，或诉求表中的 concern_id）
error-unknown-status = 办理状态“{ $value }”无法识别；请填 受理、办理中、已办结、退回、重新打开 之一
error-not-satisfied = “satisfied”列的“{ $value }”不是回答；请填 是/否、满意/基本满意/不满意（也可填 yes/no、true/false、1/0），或留空
error-update-before-concern = 这条办理记录的日期 { $date } 早于诉求本身的日期（{ $concern }）

## 诊断 / diagnostics：诉求分派表
error-route-no-category = 这个 [[route]] 没有填类别（category）
error-default-route-category = 默认分派接收表中没有列出的所有类别，不能填写类别（category）
error-default-route-aliases = 默认分派不能有别名（aliases）
error-route-office-and-escalate = office（本级办理）和 escalate_to（上报）只能填一个，不能都填
error-route-no-target = 分派“{ $category }”需要填写 office = "..."（本级办理）或 escalate_to = "..."（上报）
error-route-no-responsible = 分派到 { $office } 的“{ $category }”需要填写 responsible = "..."（责任人或岗位）
error-route-no-working-days = 分派“{ $category }”需要填写办理时限 working_days = N（工作日数，0 表示当天）
error-working-days-range = working_days 应为 0 到 { $max } 之间的整数，现在是 { $value }
error-category-used-twice = 类别或别名“{ $label }”在第 { $line } 行已经用过
error-calendar-file-empty = 日历文件名（calendars）为空

## 诊断 / diagnostics：工作日日历
error-calendar-year-range = 年份 { $year } 超出范围
error-calendar-year-twice = 日历中已经有 { $year } 年（来自 { $file }）
error-calendar-notice-empty = 通知文号（notice）为空；请填写国务院办公厅通知的文号，如“国办发明电〔2023〕7号”
error-holiday-name-empty = 节假日名称（name）为空
error-workday-not-in-year = { $date } 不在 { $year } 年内（也不在 { $before } 年年底）
error-workday-not-weekend = { $date } 是{ $weekday }，本来就是工作日；调休上班日应是周六或周日
error-holiday-backwards = 结束日 to = { $to } 早于开始日 from = { $from }
error-holiday-not-in-year = 假期 { $from } 至 { $to } 不在 { $year } 年内（也不在 { $before } 年年底）
error-holiday-too-long = 假期超过 31 天，应是填写错误
error-date-given-elsewhere = 另一个日历文件对 { $date } 的安排与此不同
what-rest-day = { $holiday }的休息日
what-make-up-day = { $holiday }的调休上班日
error-date-given-twice = { $date } 填了两次：既是{ $first }，又是{ $second }
what-covers = 日历包含 { $years } 年
what-covers-no-year = 日历不包含任何年份
error-calendar-no-data = { $date } 属于 { $year } 年，工作日日历没有这一年的数据（{ $covered }）；请把该年国务院办公厅的放假通知添加为日历文件

## 诊断 / diagnostics：日期
error-not-a-date = “{ $value }”不是日期，请按“年-月-日”填写，如 2024-11-12
what-date-form = 不是“年-月-日”形式的日期，如 2024-11-12
what-date-does-not-exist = 没有这一天：{ $why }
what-date-year-range = 年份应在 0001 到 9999 之间
what-date-no-month = 没有 { $month } 月
what-date-no-day-0 = 没有 0 日
what-date-month-days = { $year }年{ $month }只有 { $days } 天
what-month-1 = 1月
what-month-2 = 2月
what-month-3 = 3月
what-month-4 = 4月
what-month-5 = 5月
what-month-6 = 6月
what-month-7 = 7月
what-month-8 = 8月
what-month-9 = 9月
what-month-10 = 10月
what-month-11 = 11月
what-month-12 = 12月

## 诊断 / diagnostics：CSV 文件的文本
io-utf16 = 文件是 UTF-16 文本（Excel 的“Unicode 文本”）；请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）
io-zip = 文件是电子表格工作簿（zip 压缩包），不是 CSV 文本；请在 assessment.toml 中把它写成 .xlsx 文件，或另存为“CSV UTF-8”
io-xls = 文件是旧版 Excel .xls 工作簿，不是 CSV 文本；请在 assessment.toml 中把它写成 .xls 文件，或另存为“CSV UTF-8”
io-utf16-no-bom = 文件是没有字节顺序标记的 UTF-16 文本（每隔一个字节是 0）；请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）
io-nul = 文件中含有 NUL 字节，不是 CSV 文本；请把表格另存为“CSV UTF-8”
error-cell-not-utf8 = 这个单元格不是 UTF-8 文本；请把文件另存为“CSV UTF-8”，如果是 GBK 编码的文件，请加上 --encoding gbk
error-cell-not-utf8-detected = 文件开头是 UTF-8 文本，这个单元格却不是；请把整个文件另存为“CSV UTF-8”
error-cell-not-gbk = 这个单元格不是 GBK/GB18030 文本；请把文件另存为“CSV UTF-8”，如果是 UTF-8 编码的文件，请加上 --encoding utf-8
error-cell-not-text = 这个单元格既不是 UTF-8 也不是 GBK/GB18030 文本；请把文件另存为“CSV UTF-8”
warning-encoding-unclear = 无法确定文件的编码：按 UTF-8 读是“{ $as_utf8 }”，按 GBK 读是“{ $as_gbk }”；现按 { $chosen } 读取。如果不对，请加上 --encoding utf-8 或 --encoding gbk，或把文件另存为“CSV UTF-8”
what-to-end-of-file = 文件末尾（第 { $line } 行）
what-to-line-over-limit = 第 { $line } 行，已超过 1 MiB
error-quote-not-closed = 这个单元格以引号（"）开头却没有结束引号，所以它后面直到{ $to }的每一行都被读成了这一个单元格；请补上结束引号，或删掉这个引号
error-row-too-long = 这一行超过 1 MiB；考核表格的行都很短，请确认是不是选错了文件
warning-cell-over-lines = 这个单元格从第 { $first } 行跨到第 { $last } 行，并且含有逗号，像是把几行读进了一个单元格：请检查开头的引号（"）是否在单元格结束处闭合

## 诊断 / diagnostics：表头与表格的行
error-file-empty = 文件是空的；第一行须是表头，包含这些列：{ $columns }
error-column-twice = 表头中“{ $column }”列出现了两次
warning-unknown-column = 不认识的列“{ $column }”，已忽略（这个文件可用的列是：{ $columns }）
error-column-missing = 表头中缺少必需的列“{ $column }”（表头中的列是：{ $found }）；如果表头上方有标题行，请删去标题行，让表头在第一行
error-row-too-wide = 这一行的单元格比表头的列（{ $columns } 列）多；请检查是否多填了内容或多了逗号
error-cell-empty = “{ $column }”为空；这一列必须填写

## 诊断 / diagnostics：工作簿
error-no-xlsx-feature = 这个版本的 yardstick 不能读取 .{ $ext } 工作簿（编译时没有启用“xlsx”功能）；请把工作表另存为“CSV UTF-8”
error-workbook-too-large = 工作簿解压后有 { $size } MiB，超过了工作簿的上限 { $max } MiB；请把工作表另存为“CSV UTF-8”
error-cannot-read-sheet = 无法读取工作表“{ $sheet }”：{ $why }
error-workbook-damaged-because = 无法读取工作簿（{ $why }）；文件是否已损坏，或者并不是 .{ $ext } 工作簿？
error-workbook-damaged = 无法读取工作簿：文件已损坏（不是有效的 .{ $ext } 工作簿）
error-workbook-cell-out-of-order = 工作簿已损坏：文件中单元格 { $cell } 排在 { $before } 之后，顺序错乱（或重复出现）；请用 Excel 或 WPS 打开后重新保存
error-merges-too-many = 工作表中的合并单元格覆盖的行太多，无法读取；请取消合并（Excel/WPS：“合并后居中”→“取消单元格合并”）并填好各单元格的值
error-cell-spreadsheet-error = 单元格中是表格公式的错误值 { $value }；请改正公式或直接填写数值
error-cell-not-calculated = 单元格中的公式从未计算过结果（保存文件的程序不会计算公式）；请用 Excel 或 WPS 打开，按 F9 重新计算后保存
error-cell-under-merge = 这个单元格位于合并单元格 { $range } 之下，却有自己的值，Excel 中看不到它；请取消合并，或清空这个单元格
warning-sheet-hidden = 工作表“{ $sheet }”在工作簿中是隐藏的；因为 assessment.toml 指定了它，所以照常读取
error-no-such-sheet = 工作簿中没有工作表“{ $sheet }”（它的工作表是：{ $sheets }）
error-no-sheet = 工作簿中没有工作表
error-no-visible-sheet = 工作簿中没有可见的工作表（它的工作表是：{ $sheets }）；请在 assessment.toml 中用 # 指定要读的工作表，如“book.xlsx#{ $first }”
warning-hidden-sheets-skipped = 跳过了前面的隐藏工作表 { $hidden }，读取第一个可见的工作表“{ $sheet }”（要读其他工作表，请在 assessment.toml 中用 # 指定）

## 诊断 / diagnostics：评分细则——被检查内容的称呼
what-option = 选项
what-grade = 等次
what-quorum = 到会要求（quorum）
what-missing-policy = 缺项处理方式（missing）
what-rounding-mode = 舍入方式（rounding）
what-veto-kind = 否决类型
what-quota-rounding = 名额取整方式（rounding）
what-on-tie = 并列处理方式（on_tie）
what-period-key = 考核周期（period）
what-quota-scope = 名额范围（scope）
what-instead-ballot-options = 请列出有效的测评意见及其分值，如 options = [{"{"} label = "优秀", value = 100 {"}"}, {"{"} label = "称职", value = 80 {"}"}]
what-instead-groups = 请列出投票人类别及其权重，如 groups = [{"{"} label = "党员", weight = 0.3 {"}"}, {"{"} label = "居民代表", weight = 0.7 {"}"}]；每张票权重相同时，删去 `groups`
what-instead-dimensions = 请列出评价维度及其权重，如 dimensions = [{"{"} label = "德", weight = 1 {"}"}, {"{"} label = "能", weight = 1 {"}"}]
what-instead-ratings = 请列出评价等次及其分值，如 ratings = [{"{"} label = "好", value = 100 {"}"}, {"{"} label = "差", value = 40 {"}"}]
what-instead-phone-options = 请列出计入的通话结果及其分值，如 options = [{"{"} label = "满意", value = 100 {"}"}, {"{"} label = "不满意", value = 0 {"}"}]
what-instead-visit-options = 请列出满意度选项及其分值，如 options = [{"{"} label = "满意", value = 100 {"}"}, {"{"} label = "不满意", value = 0 {"}"}]
what-instead-satisfied = 请写出算作“满意”的选项，如 satisfied = ["满意"]；删去 `satisfied` 则取分值最高的选项

## 诊断 / diagnostics：评分细则——列表、标签与选择
error-unknown-choice = 不认识的{ $what }“{ $value }”；只能是以下之一：{ $expected }
error-at-least = { $key } 至少应为 { $least }
error-list-empty = `{ $key }` 为空；{ $instead }
error-label-empty = { $what }的名称为空
error-label-twice = { $what }“{ $label }”重复声明了
error-plain-label-twice = “{ $label }”重复声明了
error-weighted-twice = { $what }“{ $label }”重复声明了
error-label-value-range = { $what }“{ $label }”的分值是 { $value }；分值应在 0 到 { $scale } 之间，这是各考核项目得分的统一尺度
error-weight-not-positive = { $what }的权重应大于 0，现在是 { $weight }
error-satisfied-not-option = satisfied 中的“{ $label }”不是选项（options）之一

## 诊断 / diagnostics：评分细则——考核项目
error-too-many-components = 考核项目太多：一个评分细则最多 { $most } 个
error-no-components = 评分细则没有考核项目（[[component]] 表）
error-weights-sum = 各考核项目的权重之和是 { $sum }，应正好等于 1
error-component-id-chars = 考核项目 id“{ $id }”只能由字母、数字、“_”或“-”组成
error-component-id-twice = 考核项目 id“{ $id }”重复声明了
error-component-weight = 权重（weight）应大于 0 且不超过 1，现在是 { $weight }
error-unknown-kind = 不认识的考核方式（kind）“{ $kind }”；只能是 "panel"、"ballot"、"interview"、"test"、"phone"、"visit"、"scorecard" 之一
error-key-not-for-kind = 键 `{ $key }` 不适用于考核方式为“{ $kind }”的项目
error-kind-needs-key = 考核方式为“{ $kind }”的项目必须写 `{ $key }`
error-off-scale = { $key } 应在 0 到 { $scale } 之间（各考核项目得分的统一尺度），现在是 { $value }
error-max-score-not-above = max_score 应大于 min_score
error-trim = trim 在两端各去掉 { $drop } 个分数，所以 at_least 应大于 { $least }
error-full-mark-not-positive = full_mark（试卷满分）应大于 0
error-scale-not-positive = scale 应大于 0
error-scale-too-high = scale 最大为 { $top }（各考核项目得分尺度的上限），现在是 { $scale }；试卷满分更高时，用 `full_mark` 换算
error-pass-mark = pass_mark（及格分）应在 0 到 scale { $scale } 之间
error-visit-weights = coverage_weight 和 satisfaction_weight 都不能小于 0，且两者之和应为 1，现在是 { $coverage } + { $satisfaction }

## 诊断 / diagnostics：评分细则——总分与等次
error-min-present-weight = min_present_weight 应在 0 到 1 之间，现在是 { $value }
error-min-present-weight-policy = min_present_weight 只在 missing = "renormalise" 时适用
error-decimals = decimals（小数位数）应在 0 到 6 之间
error-cap-below-floor = 总分上限 { $cap } 低于下限 { $floor }
error-too-many-grades = 等次太多：一个评分细则最多 { $most } 个
error-grade-needs-min = 等次“{ $label }”需要写 `min`（分数线）；只有最后一个等次可以不写
error-grades-order = 等次应从高到低排列：min { $min } 没有低于上一个等次的 { $previous }
error-last-band = 最后一个等次从 { $min } 分起，低于它的总分将没有等次；请删去它的 `min`，或改为 { $lowest } 或更低
error-no-grades = 评分细则没有等次（[[grade]] 表）
error-unknown-grade = “{ $grade }”不是评分细则中的等次

## 诊断 / diagnostics：评分细则——加扣分与否决
error-too-many-items = 加扣分事项太多：一个评分细则最多 { $most } 个
error-negative = { $key } 不能为负数
error-item-id-empty = 加扣分事项的 id 为空
error-item-effect = 加扣分事项“{ $id }”须且只须写 `bonus`（加分）、`deduction`（扣分）或 `veto`（否决）中的一个
error-veto-cap = 否决事项不能设上限（cap）
error-item-cap = 事项的上限（cap）应大于 0
error-amount-not-positive = { $key } 应大于 0（扣分也写成正数）
error-veto-kind = 否决须且只须写 `status`、`grade` 或 `cap` 中的一个
error-veto-status = 不认识的否决状态“{ $status }”；只能是 "pending" 或 "ungraded"
error-veto-kind-twice = 否决类型“{ $kind }”列了两次
error-veto-precedence = veto_precedence 须列出全部四种类型："pending"、"ungraded"、"grade"、"cap"

## 诊断 / diagnostics：评分细则——评优条件与名额
error-too-many-rules = 评优条件太多：一个评分细则最多 { $most } 条
error-rule-id = 评优条件 id“{ $id }”为空或重复
error-rule-component = 评分细则中没有考核项目“{ $component }”
error-share-over = share_over 应在 0 到 1 之间
error-rule-condition = 评优条件须写 `below`，或同时写 `option` 和 `share_over`
error-below = below 应在 0 到 { $top } 之间（考核项目“{ $component }”的得分尺度），现在是 { $mark }
error-rule-option = “{ $option }”不是民主测评的选项
error-rule-not-ballot = `option` 和 `share_over` 只能用于民主测评（ballot）项目
error-quota-ratio = 名额比例（ratio）应在 0 到 1 之间
error-order-key = 排序依据“{ $key }”既不是 "total"，也不是评分细则中的考核项目

## 诊断 / diagnostics：输出文件
error-output-dash = 这里的“-”不表示标准输出（不指定输出文件时结果直接显示）；要写入名为“-”的文件，请写 ./-
error-output-input = { $path }：这是考核目录中的输入文件，不能用输出覆盖它
error-output-input-as = { $path }：这是考核目录中的输入文件（{ $input }），不能用输出覆盖它
error-output-folder = { $path }：这是文件夹，不是文件；请给出文件名（例如该文件夹中的一个文件）
error-output-not-regular = { $path }：这是{ $kind }，不是普通文件；输出只写入普通文件或新路径
error-output-link = { $path }：这是符号链接（指向 { $target }）；输出不会通过链接写入，请给出文件本身的路径，或一个新路径
error-output-read-only = { $path }：文件是只读的，yardstick 不会替换只读文件；请取消只读，或换一个文件名
error-output-no-folder = { $path }：文件夹 { $folder } 不存在
error-output-io = { $path }：无法写入：{ $why }
what-fifo = 命名管道（FIFO）
what-char-device = 字符设备
what-block-device = 块设备
what-socket = 套接字
what-special-file = 特殊文件

## 诊断 / diagnostics：新建考核目录（init）
error-init-not-empty = { $path }：文件夹不是空的；init 只在新的或空的文件夹中新建考核目录
error-init-not-a-folder = { $path }：这是{ $kind }，不是文件夹；init 在新文件夹（请给出一个还不存在的路径）或空文件夹中新建考核目录
what-symbolic-link = 符号链接
what-file = 文件
what-special-any = 特殊文件（设备、命名管道或套接字）
what-no-folder-name = 没有文件夹名的路径
error-init-rubric = 评分细则有误：{ $why }
error-init-io = { $path }：{ $why }
error-init-no-workbooks = 这个版本的 yardstick 不能生成工作簿（编译时没有启用“xlsx”功能）；请改用 CSV 模板（--csv）
error-init-workbook = 无法生成工作簿 { $file }：{ $why }

## 诊断 / diagnostics：花名册日期、公示与测评汇总表
error-cell-not-a-date = { $subject }：{ $why }
error-service-backwards = 离职日期（{ $end }）早于入职日期（{ $start }）：入职日期不能晚于离职日期
error-not-a-date-because = “{ $value }”不是日期：{ $why }
error-publication-days = 公示期 working_days 应为不小于 1 的整数
warning-title-rows-skipped = 表头在第 { $line } 行：上面的行（“{ $title }”）当作标题，已跳过
error-counts-columns = 测评汇总表须为每个测评意见设一列（{ $options }）
what-dup-vote-count = 票数（每个工号 worker_id 一行；评分细则按类别加权时，每个工号每个类别一行）

## 诊断 / diagnostics：考评表（按期考核清单）
what-dup-scorecard = 考评记录
what-period-form = 不是考核期：请写成 2024-03（月）、2024-Q1（季度）、2024-H1（半年）或 2024（全年）
what-period-no-such = 不是考核期：没有第 { $n } 个{ $what }（一年只有 { $per_year } 个）
what-period-month = 月
what-period-quarter = 季度
what-period-half = 半年
what-period-year = 全年
error-not-a-period = “{ $value }”{ $why }
error-period-kind = “{ $value }”是按{ $kind }的考核期，而这个考核项目按{ $scored_by }考核：请写成 { $example } 这样的考核期
error-period-year = “{ $value }”不在考核年度 { $year } 年内
error-period-before-start = { $worker } 于 { $date } 入职，{ $period } 不计入
error-period-after-end = { $worker } 于 { $date } 离职，{ $period } 不计入
error-counts-overflow = 这名人员在这一考核期这一事项的次数合计超过了 { $max }
what-item-with-name = “{ $id }”（{ $name }）
error-unknown-scorecard-item = “{ $value }”不是评分细则中的事项；可填写的事项（填代码或名称均可）：{ $allowed }
error-ceiling-below-floor = 上限 ceiling { $ceiling } 低于下限 floor { $floor }：一个考核期将无分可得
error-min-periods = min_periods { $min } 超过了按 { $period } 考核时一年的 { $per_year } 个考核期：所有人员都会缺项
what-instead-items = 请列出考评清单的事项，如 items = [{"{"} id = "patrol_missed", name = "未按要求巡查走访", points = -2, limit = 20 {"}"}]
what-item-id = 代码（id）
what-item-name = 名称（name）
error-item-id-chars = 事项代码“{ $id }”只能由字母、数字、“_”或“-”组成
error-item-id-taken = 事项代码“{ $id }”已经是另一个事项的{ $was }
error-item-name-empty = 事项名称为空
error-item-name-taken = 事项名称“{ $name }”已经是另一个事项的{ $was }：表格中可以填事项代码或名称，所以两者都不能重复
error-points-zero = 分值 points 不能为 0：扣分写负数（points = -2），加分写正数
error-limit-not-positive = limit 应大于 0（一个考核期内该事项最多加减的分数），现在是 { $value }
error-too-many-scorecard-items = 事项太多：一张考评表最多 { $most } 个

## 诊断：往年考核结果（[history]）、考核结果文件（diff）与结果运用

error-history-cannot-read = 无法读取往年考核结果 { $file }：{ $why }
error-history-twice = { $year } 年已有考核结果文件 { $first }，又列了一个（[history] results 中每年只能列一次）
error-history-other-rubric = 这是评分细则“{ $id }”的考核结果，不是本次评分细则“{ $rubric }”的：连续几年须按同一评分细则计算
error-history-not-earlier = 这是 { $year } 年的考核结果，不早于本次考核的 { $this } 年：[history] 只列往年结果
error-results-cannot-read = 无法读取考核结果文件：{ $why }
error-results-not-json = 不是 `yardstick score --format json` 生成的考核结果文件：{ $why }
error-results-no-rubric = 考核结果文件没有写明评分细则（`rubric.id`），不是 `yardstick score --format json` 生成的结果
error-results-two-years = 考核结果文件写了两个年度：`year` 为 { $year }，`assessment.year` 为 { $inner }
error-results-no-year = 考核结果文件没有写年度（`year`）
error-results-no-workers = 考核结果文件没有人员名单（`workers`）
error-results-worker-twice = 人员“{ $id }”列了两次
error-results-unknown-status = 人员“{ $id }”：不认识的状态“{ $status }”，应为 "graded"、"ungraded" 或 "pending"
error-results-graded-no-grade = 人员“{ $id }”已评定，但没有等次
error-results-unknown-grade = 人员“{ $id }”：等次“{ $grade }”不是评分细则中的等次（{ $grades }）
error-results-total = 人员“{ $id }”：总分 { $value } 不是十进制数
error-results-score = 人员“{ $id }”：考核项目“{ $component }”的得分 { $value } 不是十进制数
error-results-count = 人员“{ $id }”：加扣分项“{ $item }”的次数不是整数
error-consequence-too-many = 结果运用条目太多：一个评分细则最多 { $most } 条
error-consequence-id-empty = 结果运用条目的 id 为空
error-consequence-twice = 结果运用条目“{ $id }”重复定义
error-consequence-years = years 须为 1 到 { $most } 的整数（本年度及之前的年数），现为 { $years }
error-consequence-grade = 结果运用条目“{ $id }”须写 `grade`（恰为此等次）或 `at_least`（此等次或更好）中的一个，且只写一个
