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
audit-reading-undefined = 无法计算：没有两人以上共同评过的对象，或所有评分都相同
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
