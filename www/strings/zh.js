// 简体中文：与 www/strings/en.js 完全相同的键和占位符（有测试检查）。术语沿用原文章：
// 遗忘门 f_t、输入门 i_t、输出门 o_t、补给来源 g_t、门控制补给大小 j_t、主线遗忘 k_t、
// 主线 c_t（单元状态）、传送带、隐藏层向量 h_t、时间步、隐层神经元个数、训练批尺寸。

export default {
  // --- 页面 ----------------------------------------------------------------------------------
  "app.title": "LSTM 传送带",
  "app.description":
    "一个 LSTM 网络在你的浏览器里训练（Rust 编译为 WebAssembly），预测逐月的时间序列，每一轮都重新绘制。",
  "app.lede":
    "一个小小的 LSTM 网络就在你的浏览器里学习：用之前若干个月的航空乘客人数预测下一个月（AirPassengers，1949–1960）。每一帧它再训练一轮（epoch），并重新画出它现在的预测。",
  "app.lede.series":
    "一个小小的 LSTM 网络就在你的浏览器里学习：用之前若干个月的数值预测序列“{series}”的下一个月。每一帧它再训练一轮（epoch），并重新画出它现在的预测。",
  "model.heading": "模型：",
  "model.layers.one": "1 层",
  "model.layers.many": "{layers} 层堆叠",
  "model.reading.sequence": "逐月读入 {window} 个月",
  "model.reading.flat": "一次读入 {window} 个月",
  "model.summary":
    "{layers}、每层 {hidden} 个 {cell} 单元，{reading}，预测下一个月：要学习 {distinct} 个数。",
  "model.training": "它在{target}上用 {optimizer} 训练（学习率 {lr}，随机种子 {seed}）。",
  "model.target.min_max": "最小–最大缩放后的数值",
  "model.target.log_diff": "逐月对数变化",
  "model.target.seasonal_log_diff": "同比对数变化",
  "model.target.window_log_norm": "相对窗口最后一个月的对数",

  // --- 播放、单步、重置、速度 ------------------------------------------------------------
  "control.group": "训练控制",
  "control.play": "播放",
  "control.pause": "暂停",
  "control.step": "单步",
  "control.step.title": "训练一轮（→）",
  "control.reset": "重置",
  "control.reset.title": "用同一个随机种子从头开始（R）",
  "control.speed": "速度",
  "control.speed.option": "每帧 {n} 轮",
  "control.speed.optionOne": "每帧 {n} 轮",
  "control.keys.playPause": "播放 / 暂停",
  "control.keys.step": "训练一轮",

  // --- 设置面板：每个设置一个标签、一条提示 ------------------------------------------------
  "settings.title": "设置",
  "settings.model": "模型",
  "settings.training": "训练",
  "settings.display": "显示",
  "settings.resets": "↺ 模型重新开始",
  "settings.resets.title": "改变这个设置会新建一个模型，训练从第 0 轮重新开始。",
  "settings.range": "{min} 到 {max}",
  "setting.hidden": "隐层大小 H",
  "setting.hidden.help":
    "每层的隐层神经元个数，也就是隐藏层向量 h_t（以及 LSTM 主线 c_t）的长度。神经元越多能学的越多：RNN 每层参数为 h·(h+x)+h，LSTM 是它的 4 倍，GRU 约 3 倍。",
  "setting.layers": "层数",
  "setting.layers.help": "多层堆叠，每层读取下一层的隐藏层向量 h_t。文章只用 1 层。",
  "setting.window": "窗口 W（月）",
  "setting.window.help": "网络用过去多少个月来预测下一个月。文章用 12。",
  "setting.layout": "输入形状",
  "setting.layout.help":
    "W 个月怎样进入 LSTM：作为 W 个时间步、每步 1 个数（主线在时间步之间传递这个窗口），或者像文章那样作为 1 个时间步、每步 W 个数（[batch, 1, W]）。",
  "setting.transform": "数据变换",
  "setting.transform.help":
    "原始数值怎样变成网络使用的小数值。文章的最小–最大缩放把训练部分映射到 0…1；对数变换则建模相对的变化。",
  "setting.optimizer": "优化器",
  "setting.optimizer.help":
    "把梯度变成权重更新的规则。文章用 Adagrad。更换优化器保留权重，训练按新的规则继续。",
  "setting.learningRate": "学习率",
  "setting.learningRate.help":
    "每一步迈多大。太小学得慢；太大会让损失爆炸（试试 50）。修改立即生效，不必重新开始。",
  "setting.batchSize": "训练批尺寸",
  "setting.batchSize.help": "每次更新权重用多少个训练窗口；0 表示全部窗口作为一批，每轮更新一次。",
  "setting.clip": "梯度裁剪",
  "setting.clip.help":
    "每一步之前把梯度的长度（L2 范数）截到不超过这个值，一次糟糕的更新就不会把权重甩得太远；0 表示不裁剪。",
  "setting.seed": "随机种子",
  "setting.seed.help": "固定初始权重和训练窗口的顺序：同样的种子和设置得到同样的曲线。",
  "setting.forgetBiasOne": "遗忘门初始为打开",
  "setting.forgetBiasOne.help":
    "LSTM 遗忘门的偏置从 1 开始，于是 f_t ≈ σ(1) ≈ 0.73，主线一开始保留它携带的大部分信息（文章所用 TensorFlow 的 BasicLSTMCell 就是这样）。GRU 和 RNN 没有遗忘门，不受影响。",
  "setting.series": "序列",
  "setting.series.help": "要学习的逐月序列：页面自带的示例之一，或者你自己的 CSV。",
  "setting.targetEpochs": "目标轮数",
  "setting.targetEpochs.help": "训练到这一轮自动停止；调高它可以继续训练。",
  "setting.epochsPerFrame": "速度（每帧轮数）",
  "setting.epochsPerFrame.help": "两次重绘图表之间训练多少轮。",
  "setting.lang": "语言",
  "setting.lang.help": "English 或简体中文；链接会记住这个选择。",
  "setting.classroom": "课堂模式",
  "setting.classroom.help": "隐藏控件、放大字体，适合投影；快捷键照常可用（按 ? 查看列表）。",
  "setting.batchSize.all": "0 = 全部窗口",
  "setting.clip.off": "0 = 不裁剪",

  // --- 选项 ----------------------------------------------------------------------------------
  "option.layout.sequence": "W 个时间步，每步 1 个数（序列）",
  "option.layout.flat": "1 个时间步，每步 W 个数（文章的 1 × W）",
  "option.transform.min_max": "原始最小–最大缩放（同文章）",
  "option.transform.log_diff": "相对上个月的对数变化",
  "option.transform.seasonal_log_diff": "季节对数变化（相对一年前的同月）",
  "option.transform.window_log_norm": "相对窗口最后一个月的对数",
  "option.optimizer.adagrad": "Adagrad",
  "option.optimizer.adam": "Adam",
  "option.optimizer.sgd": "带动量的 SGD",
  "option.lang.en": "English",
  "option.lang.zh": "简体中文",

  // --- 预设 ----------------------------------------------------------------------------------
  "preset.label": "预设",
  "preset.custom": "你自己的设置",
  "preset.article": "同文章",
  "preset.article.explain":
    "文章的设置——12 个月的窗口作为 1 个时间步的 12 个数、40 个隐层神经元、1 层、学习率 0.6 的 Adagrad、原始最小–最大缩放——会低估 1959–60 年的高峰，因为最小–最大缩放把训练部分的最大值（1958 年 8 月的 505 千人）映射为 1，网络从没见过高于它的目标，几乎不会预测出高于 505 的值，而 1960 年 7 月达到 622。",
  "preset.compare": "RNN 对比 LSTM",
  "preset.compare.explain":
    "把文章开头那段话变成看得见的东西：一个序列，下个月重复整整一个 30 个月窗口之前那个月（的 0.95 倍），由 LSTM 和 RNN 用同样的设置并排学习（窗口 30、隐层 20、min–max、Adam 0.03——在验证月份上对 LSTM 最好的学习率——训练 2,000 轮）。看传送带下面的两个梯度流：RNN 的 ‖∂L/∂h_t‖ 一步步变小，传到窗口第一个月——偏偏是最要紧的那个月——时几乎没有了，所以它几乎学不到那个月（由于梯度消失的存在，RNN很难处理长距离的依赖）；LSTM 的 ‖∂L/∂c_t‖ 沿着传送带保持住。种子 1–5 上（见 README，本机编译版），RNN 最后接近训练集的均值（RMSE 中位数 11.05，均值本身是 11.04），LSTM 学到了一部分记忆（中位数 8.31；直接抄 30 个月前的值是 4.36）。单次运行可能与中位数不同：如果 LSTM 的测试损失上升而训练损失还在下降，它就是在死记训练月份。老实说：学习率换成 Adam 0.01，RNN 也能学会这个记忆——梯度消失让长距离依赖难学，而不是学不会。",
  "preset.best": "最佳预测",
  "preset.best.explain":
    "默认设置：逐月对数变化、24 个时间步、40 个隐层神经元、学习率 0.03 的 Adam 训练 600 轮，再由 5 个网络组成集成，预测取它们的平均。这些设置是用 1956–1958 年的滚动起点验证选出的：序列截到 1958-12，从没读过 1959–60 年（验证 RMSE 中位数 9.5）。在 1959–60 年上，随机种子 1 到 5 的一步预测 RMSE 为 19.3–26.7 千人（中位数 20.5），24 个月递归预测的 RMSE 为 52–90（中位数 82.8）：一步预测比季节朴素预测（50.0）好，但比对数 AR(12)（一步 17.7，递归 25.0）和 Holt–Winters（一步 14.9）差；递归预测甚至不如季节朴素预测（77.0）。这是这个 LSTM 找到的最好结果，并没有胜过经典方法：打开基准模型对比一下。",

  // --- 示例序列与自己的数据 ----------------------------------------------------------------
  "example.air_passengers": "AirPassengers 航空乘客",
  "example.air_passengers.description":
    "1949–1960 年每月的国际航空乘客人数（Box & Jenkins）：就是文章用的数据集。",
  "example.air_passengers.unit": "千人",
  "example.co2": "莫纳罗亚 CO₂",
  "example.co2.description":
    "夏威夷莫纳罗亚每月的大气 CO₂ 浓度，1959–1997（Keeling & Whorf，斯克里普斯海洋研究所）；1964 年 2 月至 4 月为插值。平稳的上升趋势叠加每年的波动。",
  "example.co2.unit": "ppm",
  "example.nottem": "诺丁汉气温",
  "example.nottem.description":
    "诺丁汉城堡每月的平均气温，1920–1939（Anderson）：只有季节，没有趋势。",
  "example.nottem.unit": "°F",
  "example.us_accidental_deaths": "美国意外死亡人数",
  "example.us_accidental_deaths.description":
    "美国每月的意外死亡人数，1973–1978（Brockwell & Davis）：只有六年，考验短数据。",
  "example.us_accidental_deaths.unit": "人",
  "example.synthetic": "合成序列（种子 7）",
  "example.synthetic.description":
    "编造的而非测量的：增长趋势 × 每年的季节 × 噪声，用种子 7 生成，因此结构完全已知。",
  "example.synthetic.unit": "单位",
  "example.long_memory": "长距离依赖（30 个月）",
  "example.long_memory.description":
    "编造的而非测量的：一段 30 个月的随机图案不断重复，每个月偏离 100 的量是 30 个月前那个月的 0.95 倍，再加上新的噪声（种子 30）。紧挨着的前几个月对下个月几乎没有信息，信息最多的是整整一个 30 个月窗口之前的那个月，所以网络必须把窗口里的第一个值一路带到窗口末尾：这是对长距离记忆的考验。",
  "example.long_memory.unit": "单位",
  "example.own": "你自己的数据",
  "data.title": "数据",
  "data.own": "你自己的数据",
  "data.paste": "粘贴 CSV",
  "data.paste.placeholder": "1949-01,112\n1949-02,118\n1949-03,132\n…",
  "data.upload": "选择 CSV 文件…",
  "data.format":
    "一列或两列：每行一个数值，或者一个月份（YYYY-MM）加一个数值。表头可有可无；列之间用逗号、分号或制表符分隔。",
  "data.use": "用这些数据训练",
  "data.preview": "预览",
  "data.preview.summary": "{count} 个月，从 {first} 到 {last}；最小 {min}，最大 {max}。",
  "data.preview.month": "月份",
  "data.preview.value": "数值",
  "data.preview.gap": "……另有 {count} 个月……",
  "data.loaded": "正在用 {name} 训练：{count} 个月。模型重新开始。",
  "data.ownNotInLink":
    "这个链接是用发送者自己的数据做的，链接无法携带这些数据；现在显示的是 {series}。粘贴或上传同一个文件即可得到同样的训练过程。",
  "csv.rejected": "数据没有载入；你原来的内容保持不变。",
  "csv.lineError": "第 {line} 行：{detail}",
  "csv.error": "{detail}",
  "csv.empty": "没有可读的内容：请先粘贴 CSV 文本或选择一个文件。",
  "csv.tooLarge": "文件有 {size} 字节；只读取不超过 {limit} 字节的文件。",
  "csv.readFailed": "无法读取文件：{error}",

  // --- 图表及其文字说明 ----------------------------------------------------------------------
  "chart.forecast.title": "预测：{series}",
  "chart.forecast.alt": "图表：实际序列、逐月（一步）预测和递归预测；测试月份以底色标出。",
  "chart.loss.title": "每轮的损失（对数坐标）",
  "chart.loss.alt": "图表：每一轮的训练损失和测试损失，对数坐标。",
  "chart.loss.train": "训练",
  "chart.loss.test": "测试",
  "chart.summary.forecast":
    "第 {epoch} 轮。测试月份的一步预测：RMSE {rmse} {unit}，MAPE {mape} %。递归预测：RMSE {recursiveRmse} {unit}，MAPE {recursiveMape} %。",
  "chart.summary.loss": "第 {epoch} 轮：训练损失 {train}，测试损失 {test}。",
  "chart.summary.none": "暂无",
  "readout.hint": "把指针移到图表上，读出某个月的数值。",
  "readout.actual": "{month}：实际 {value}",
  "readout.oneStep": "一步预测 {value}",
  "readout.recursive": "递归预测 {value}",
  "readout.testMonth": "（测试月份）",
  "readout.unit": "{parts} {unit}",

  // --- 数值面板 ------------------------------------------------------------------------------
  "numbers.title": "数值",
  "numbers.epoch": "轮数",
  "numbers.trainLoss": "训练损失",
  "numbers.testLoss": "测试损失",
  "numbers.params": "参数数量",
  "numbers.oneStep": "测试月份，一步预测",
  "numbers.recursive": "测试月份，递归预测",
  "numbers.rmse": "RMSE",
  "numbers.mape": "MAPE",
  "unit.thousand": "千人",
  "unit.percent": "%",

  // --- “你看到的是什么” ------------------------------------------------------------------------
  "explain.title": "你看到的是什么",
  "explain.actual.term": "实际值",
  "explain.actual.text": "每个月的国际航空乘客人数，单位是千人。",
  "explain.oneStep.term": "一步预测",
  "explain.oneStep.text":
    "对每个月，网络看到它之前的真实月份，预测这个月。窗口伸到第一个月之前的地方没有预测。",
  "explain.test.term": "测试月份",
  "explain.test.text":
    "（{from} 到 {to}）：网络从不在这些月份上训练。对它们预测得好不好才是诚实的分数：测试 RMSE（序列自己的单位）和 MAPE（百分比）。",
  "explain.recursive.term": "递归预测",
  "explain.recursive.text":
    "从 {start} 起，网络读入的是它自己的预测而不是真实值，向前预测 {months} 个月。误差会累积，所以它通常比一步预测差。",
  "explain.loss.term": "损失",
  "explain.loss.text":
    "网络所用的缩放后数值的均方误差，训练窗口（蓝色）和测试窗口（橙色），对数坐标；打开早停时还有留作验证的最后 12 个训练窗口（绿色），虚线标出目前最佳的一轮，预测用的就是那一轮的权重。训练到目标轮数（{epochs}）自动停止；调高目标即可继续训练。",

  // --- 门的视图：文章的术语 ------------------------------------------------------------------
  "gate.title.gru": "GRU 内部：每个时间步的门",
  "gate.title.rnn": "RNN 内部：每个时间步的状态",
  "gate.heatmapsTitle.gru": "门的取值：每行一个神经元，每列一个时间步",
  "gate.heatmapsTitle.rnn": "隐藏层向量 h_t：每行一个神经元，每列一个时间步（RNN 没有门）",
  "gate.title": "LSTM 内部：每个时间步的三个门",
  "gate.conveyor": "传送带",
  "gate.conveyor.help":
    "主线 c_t 像传送带一样沿着时间步运转：每一步遗忘门从上面拿下一些信息，输入门放上新的补给。",
  "gate.input.x": "特征向量 x_t",
  "gate.input.x.help": "LSTM 在时间步 t 读入的那个数（或那 W 个数）。",
  "gate.forget": "遗忘门 f_t",
  "gate.forget.help":
    "f_t = σ(W_f·[h_{t−1}, x_t] + b_f)：每个神经元保留多少上一时刻的主线 c_{t−1}；越接近 0 遗忘越多，越接近 1 保留越多。",
  "gate.input": "输入门 i_t",
  "gate.input.help":
    "i_t = σ(W_i·[h_{t−1}, x_t] + b_i)：控制“补给大小”，决定补给来源 g_t 有多少加到主线上。",
  "gate.candidate": "补给来源 g_t",
  "gate.candidate.help": "g_t = tanh(W_g·[h_{t−1}, x_t] + b_g)：给主线的新内容，在 −1 到 1 之间。",
  "gate.output": "输出门 o_t",
  "gate.output.help":
    "o_t = σ(W_o·[h_{t−1}, x_t] + b_o)：tanh(c_t) 有多少作为隐藏层向量 h_t 输出。",
  "gate.kept": "主线遗忘 k_t = f_t ⊙ c_{t−1}",
  "gate.kept.help": "遗忘门让旧主线通过的部分。",
  "gate.added": "门控制补给大小 j_t = i_t ⊙ g_t",
  "gate.added.help": "输入门放行的那部分补给来源：加到主线上的内容。",
  "gate.cell": "主线 c_t = k_t + j_t（单元状态）",
  "gate.cell.help":
    "LSTM 的记忆：主线遗忘之后的部分加上补给。它只经过 ⊙ 和 +，所以能把信息传递很多个时间步。",
  "gate.tanhCell": "tanh(c_t)",
  "gate.hidden": "隐藏层向量 h_t = o_t ⊙ tanh(c_t)",
  "gate.hidden.help":
    "主线最终输出：下一个时间步、上一层，以及最后一步时预测该月的全连接层都读取它。",
  "gate.gradHidden": "‖∂L/∂h_t‖",
  "gate.gradCell": "‖∂L/∂c_t‖",
  "gate.grad.help":
    "损失在每个时间步对 h_t 和 c_t 的拉力有多大；沿着主线，这个拉力比普通 RNN 衰减得慢。",
  "gate.timeStep": "时间步 {t}",
  "gate.layer": "第 {n} 层",
  "gate.unit": "神经元 {n}",
  "gate.window": "预测 {month} 的窗口",
  "gate.scale.closed": "0：关闭",
  "gate.scale.open": "1：打开",

  // --- the gate views: controls and panels (www/gates.js) ------------------------------------
  "gate.intro":
    "选一个输入窗口（点预测图上的一个月份，或拖动滑块；预测图用黄色标出它的月份和它预测的月份），再点热图的一格、传送带的一条道或它下面的柱：选中的时间步和神经元会在每个视图里标出。",
  "gate.pickWindow": "窗口",
  "gate.pickLayer": "层",
  "gate.pickEpoch": "训练轮次",
  "gate.backToLive": "回到实时",
  "gate.window.label":
    "第 {row} 个窗口（共 {count} 个）：{first} 至 {last} → 预测 {month}（{kind}）",
  "gate.window.training": "训练窗口",
  "gate.window.test": "测试窗口",
  "gate.epoch.none": "还没有保存的轮次：先训练一会儿，再回头看。",
  "gate.epoch.live": "实时：第 {epoch} 轮。可回看的轮次：{kept} 个。",
  "gate.epoch.viewingStart": "正在看第 0 轮（共 {live} 轮）：训练开始前的初始权重。训练已暂停。",
  "gate.epoch.viewing":
    "正在看第 {epoch} 轮（共 {live} 轮）：训练损失 {train}，测试损失 {test}。训练已暂停。",
  "gate.heatmapsTitle": "门的取值：每行一个神经元，每列一个时间步",
  "gate.heatmaps.alt":
    "遗忘门、输入门、输出门、补给来源、主线和隐藏层向量在每个时间步、每个神经元上的热图。点一格选中它的时间步和神经元；方向键移动选择。",
  "gate.heatmaps.alt.gru":
    "GRU 的重置门 r_t、更新门 z_t、候选状态 n_t 和隐层向量 h_t 在每个时间步、每个神经元上的热图。点一格选中它的时间步和神经元；方向键移动选择。",
  "gate.heatmaps.alt.rnn":
    "RNN 的隐层向量 h_t 在每个时间步、每个神经元上的热图。点一格选中它的时间步和神经元；方向键移动选择。",
  "gate.conveyor.title.gru": "没有传送带：主线 c_t 只属于 LSTM；GRU 唯一的记忆是 h_t",
  "gate.conveyor.title.rnn": "没有传送带：主线 c_t 只属于 LSTM；RNN 每一步都重写 h_t",
  "gate.conveyor.title": "传送带：主线 c_t 一步一步往前送",
  "gate.belt.play": "播放传送带",
  "gate.belt.pause": "暂停传送带",
  "gate.belt.step": "下一步",
  "gate.belt.allUnits": "显示全部神经元",
  "gate.belt.stepLabel": "时间步 {t}（共 {steps} 步），神经元 {unit}",
  "gate.belt.window":
    "窗口 {first} … {last}：共 {count} 个月，{low} 到 {high}（{unit}），预测 {target}（实际 {actual}）。",
  "gate.belt.windowStep": "第 {t} 步读入 {month}：{raw}（{unit}），变换后输入 x_t = {x}。",
  "gate.belt.windowWhole":
    "这个窗口只有一步：一次读入全部 {count} 个月（x_t 有 {count} 个值），所以传送带从空开始：c_{t−1} = 0，k_t = 0。",
  "gate.belt.alt": "主线沿时间步传送：遗忘门缩放它，输入门加上补给，输出门从它读出 h_t。",
  "gate.belt.alt.gru":
    "所选神经元的 GRU 隐层向量 h_t 在每个时间步的值：更新门保留的 z_t ⊙ h_{t−1}，和写入的 (1 − z_t) ⊙ n_t。",
  "gate.belt.alt.rnn": "所选神经元的 RNN 隐层向量 h_t 在每个时间步的值，每一步都经过 tanh 重写。",
  "gate.grad.alt": "每个时间步的 ‖∂L/∂c_t‖ 和 ‖∂L/∂h_t‖ 柱状图，对齐传送带的各站。",
  "gate.cellTitle": "一个 LSTM 单元，显示所选时间步和神经元的数值",
  "gate.cell.alt": "LSTM 单元：x_t 和 h_{t−1} 进入，遗忘门、输入门、输出门作用在主线 c_t 上。",
  "gate.cellTitle.gru": "一个 GRU 单元，显示所选时间步和神经元的数值",
  "gate.cellTitle.rnn": "一个 RNN 单元，显示所选时间步和神经元的数值",
  "gate.cell.alt.gru":
    "GRU 单元：x_t 和 h_{t−1} 进入；重置门 r_t 作用在候选状态 n_t 上，更新门 z_t 保留 z_t ⊙ h_{t−1}、写入 (1 − z_t) ⊙ n_t，两者之和就是 h_t。",
  "gate.cell.alt.rnn": "RNN 单元：x_t 和 h_{t−1} 进入一个 tanh 方框，输出 h_t。",
  "gate.equation.hint":
    "把指针移到（或用 Tab 键移到）细胞图的某一部分或热图的某一格，就能看到它的公式和数值。",
  "gate.equation.shape": "形状：{shape}",
  "gate.params.title": "参数",
  "gate.params.formula": "文章的公式：{text}",
  "gate.params.formula.cell": "按文章的算法数 {cell} 的参数：{text}",
  "gate.params.gruBias":
    "最后的 + h 是 n 的 b_hn：在 n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn)) 里重置门乘在它上面，所以它不能并入 b_in，PyTorch 给 n 的两个偏置都是真正的参数。",
  "gate.params.counted": "模型张量中实际数出的参数：",
  "gate.params.matches": "公式与实际数目一致。",
  "gate.params.differs": "公式与实际数目不同（见说明）。",
  "gate.params.numel":
    "PyTorch 的 numel() 数出 {numel}：它每个门有两个偏置（bias_ih 和 bias_hh，起作用的只是它们的和），每层多 4·h = {perLayer} 个 × {layers} 层 = 多 {extra} 个。",
  "gate.params.numel.gru":
    "PyTorch 的 numel() 数出 {numel}：它每个门有两个偏置（bias_ih 和 bias_hh）；r 和 z 起作用的只是它们的和，每层多 2·h = {perLayer} 个 × {layers} 层 = 多 {extra} 个。",
  "gate.params.numel.rnn":
    "PyTorch 的 numel() 数出 {numel}：它有两个偏置（bias_ih 和 bias_hh，起作用的只是它们的和），每层多 h = {perLayer} 个 × {layers} 层 = 多 {extra} 个。",
  "gate.params.numelSame": "PyTorch 的 numel() 数出的一样：{numel}。",

  // --- 状态行 --------------------------------------------------------------------------------
  "status.loading": "正在载入引擎……",
  "status.ready": "准备好了。按“播放”（或空格键）开始训练，按 → 训练一轮。",
  "status.paused": "已在第 {epoch} 轮暂停。按“播放”继续训练。",
  "status.reachedTarget": "已达到目标 {target} 轮。调高目标轮数即可继续训练。",
  "status.settingsRefused": "这些设置无法使用（{error}）；改用默认设置。",
  "status.fatal": "引擎停止了：{message}。请重新载入页面。",
  "status.cannotStart": "页面无法启动：{message}",
  "status.reset": "{settings} 已改变，模型从第 0 轮重新开始。",
  "status.live": "{setting} 现在是 {value}；训练从第 {epoch} 轮继续。",
  "status.preset": "{preset}：{explain}",

  // --- 设置校验（www/settings.js） ---------------------------------------------------------
  "problem.notANumber": "{label}：“{text}”不是数字。",
  "problem.notWhole": "{label}必须是整数；{text} 不是。",
  "problem.tooSmall": "{label}至少为 {min}；{value} 太小了。",
  "problem.tooLarge": "{label}至多为 {max}；{value} 太大了。",
  "problem.notChoice": "{label}必须是 {options} 之一；“{text}”不是。",
  "problem.notBool": "{label}必须是开（1）或关（0），不能是“{text}”。",
  "problem.inLink": "链接中的 {key}={text}：{message}改用 {fallback}。",
  "problem.unknownKey": "链接里有“{key}”，这里没有这个设置；已忽略。",

  // --- 发散 ----------------------------------------------------------------------------------
  "divergence.title": "训练发散了",
  "divergence.what":
    "在第 {epoch} 轮，损失跳到了 {loss}：学习率为 {lr} 时每一步都迈得太远，权重越来越大，数值爆炸了。",
  "divergence.kept":
    "模型保留在第 {lastGood} 轮之后的状态；图表显示的是这个最后的正常状态，训练已暂停。",
  "divergence.suggest":
    "试试更小的学习率，例如 {suggested}，或者打开梯度裁剪（例如 1），这样任何一步都不会把权重移得太远。",
  "divergence.useSmallerLr": "把学习率改为 {suggested}",
  "divergence.useClip": "在 {clip} 处裁剪梯度",
  "divergence.lossNotNumber": "一个不是数字的值",

  // --- 导出、导入、链接 ----------------------------------------------------------------------
  "export.title": "保存与分享",
  "export.forecastPng": "预测图（PNG）",
  "export.lossPng": "损失图（PNG）",
  "export.gatesPng": "门的视图（PNG）",
  "export.predictions": "预测值（CSV）",
  "export.weights": "权重（JSON）",
  "export.weights.title": "PyTorch state_dict 格式的权重（nn.LSTM + nn.Linear），附带对应的设置。",
  "import.weights": "导入权重（JSON）…",
  "import.loaded":
    "已载入 {file}：{layers} × {hidden} 的 LSTM，窗口 {window}。训练从这些权重出发、从第 0 轮重新开始。",
  "import.rejected": "{file} 没有载入，什么都没有改变：{error}",
  copyLink: "复制链接",
  "copyLink.title": "复制一个能重现这次训练的链接：同样的设置、种子和曲线。",
  "copyLink.done": "链接已复制。打开它会重现这次训练。",
  "copyLink.manual": "浏览器不允许在这里复制；请手动复制链接：{url}",

  // --- 语言、课堂模式、快捷键 ----------------------------------------------------------------
  "lang.toggle": "English",
  "lang.toggle.title": "用英文显示本页（English）",
  "classroom.toggle": "课堂模式",
  "classroom.on": "课堂模式：控件已隐藏。按 C 或 Esc 退出，按 ? 查看快捷键。",
  "classroom.leave": "退出课堂模式",
  "shortcuts.open": "键盘快捷键（?）",
  "shortcuts.title": "键盘快捷键",
  "shortcuts.close": "关闭",
  "shortcut.playPause": "播放或暂停训练",
  "shortcut.step": "训练一轮",
  "shortcut.reset": "用同一个种子从头开始",
  "shortcut.faster": "加快",
  "shortcut.slower": "减慢",
  "shortcut.scrubBack": "查看更早的一轮",
  "shortcut.scrubForward": "查看更晚的一轮",
  "shortcut.presenter": "翻页笔：下一页（Page Down）训练一轮，上一页（Page Up）查看更早的一轮",
  "shortcut.classroom": "打开或关闭课堂模式",
  "shortcut.language": "在中文和 English 之间切换",
  "shortcut.help": "显示或隐藏这个列表",
  "shortcut.escape": "关闭这个列表；退出课堂模式",
  "key.space": "空格",
  "key.escape": "Esc",
  "key.pageUp": "Page Up",
  "key.pageDown": "Page Down",

  // --- issue 5 part 2: the words drawn on the charts ---------------------------------------
  "chart.forecast.testNote": "留出的测试月份",
  "chart.loss.axis": "损失（MSE）",
  "chart.loss.epochAxis": "轮数",
  "chart.loss.empty": "按“播放”或“单步”开始训练",
  "chart.loss.trainLegend": "训练损失",
  "chart.loss.testLegend": "测试损失",
  "data.ownSeries": "你的数据",

  // --- issue 9：集成、早停与基准模型 -------------------------------------------------------
  "setting.ensemble": "集成（网络个数）",
  "setting.ensemble.help":
    "同时训练多少个网络，各自用自己的随机种子（种子、种子 + 1000、……）；预测取它们的平均，用粗线画在每个成员的淡色细线上面。1 表示单个网络，权重文件保存的也只能是一个网络。门的视图和回看的轮次显示的是第一个网络。",
  "setting.earlyStopping": "早停",
  "setting.earlyStopping.help":
    "留出最后 12 个训练窗口，每一轮都在它们上面打分（绿色的验证损失），预测使用目前最佳那一轮的权重，并在损失图上标出。测试月份从不参与。",
  "setting.showBaselines": "显示基准模型",
  "setting.showBaselines.help":
    "在测试月份上画出三种经典预测，都只在训练部分上拟合：季节朴素预测、对数 AR(12) 和 Holt–Winters。它们的一步预测 RMSE 显示在数值面板里。",
  "model.ensemble": "由 {count} 个这样的网络组成集成（随机种子 {seeds}），预测取它们的平均。",
  "model.earlyStopping":
    "早停：预测使用在最后 12 个训练窗口上损失最低的那一轮（门的视图显示的是实时权重）。",
  "baseline.seasonal_naive": "季节朴素预测",
  "baseline.seasonal_naive.help": "用一年前的同一个月预测每个月。",
  "baseline.ar12_log": "对数 AR(12)",
  "baseline.ar12_log.help":
    "把每个月的对数对它之前 12 个月的对数做线性回归，在训练部分上用最小二乘拟合。",
  "baseline.holt_winters": "Holt–Winters 指数平滑",
  "baseline.holt_winters.help": "对水平、趋势和乘法季节做指数平滑，三个平滑系数在训练部分上拟合。",
  "baseline.unavailable": "这个序列上无法使用：{message}",
  "numbers.baselines": "基准模型，测试月份的一步预测（RMSE）",
  "chart.forecast.members": "成员 ({count})",
  "chart.forecast.oneStepMean": "一步预测（平均）",
  "chart.loss.validationLegend": "验证损失",
  "chart.loss.best": "目前最佳",
  "chart.loss.bestLegend": "目前最佳：第 {epoch} 轮",
  "readout.baseline": "{name} {value}",
  "explain.members.term": "集成成员",
  "explain.members.text":
    "使用集成时，每个网络自己的一步预测，用淡色画出；粗的一步预测线是它们的平均。",
  "explain.baselines.term": "基准模型",
  "explain.baselines.text":
    "（显示基准模型）对测试月份的三种经典一步预测，都只在训练部分上拟合：LSTM 只有胜过它们才值得它的代价。",
  "gate.params.ensemble":
    "这是一个网络的参数：{count} 个网络的集成共有 {total} 个参数，这里的视图显示的是它的第一个网络（实时权重）。",
  "gate.epoch.firstMember":
    "{text}预测只显示 {count} 个网络中的第一个：保存的轮次只存了一个网络的权重。",
  "chart.forecast.actualLegend": "实际值",
  "chart.forecast.oneStepLegend": "一步预测",
  "chart.forecast.recursiveLegend": "递归预测",
  "setting.cell": "单元",
  "setting.cell.help":
    "每一层的循环单元：带主线 c_t 和三个门的 LSTM；GRU（PyTorch 的 nn.GRU），两个门、没有单独的主线；或文章开头的普通 RNN，h_t = tanh(W·[h_{t−1}, x_t] + b)。",
  "setting.compare": "对比",
  "setting.compare.help":
    "在旁边同时训练第二个模型，逐轮同步：同样的数据、窗口、种子、变换和优化器，只换单元。它的曲线、损失、数字和梯度流都画在第一个模型旁边。",
  "option.cell.lstm": "LSTM",
  "option.cell.gru": "GRU",
  "option.cell.rnn": "RNN",
  "option.compare.none": "不对比",
  "option.compare.lstm": "一个 LSTM",
  "option.compare.gru": "一个 GRU",
  "option.compare.rnn": "一个 RNN",
  "compare.sameCell": "第二个模型会是另一个 {cell}，与第一个相同：请选另一种单元来对比。",
  "chart.forecast.compareLegend": "{cell} 一步预测",
  "chart.loss.compareTrain": "{cell} 训练损失",
  "chart.loss.compareTest": "{cell} 测试损失",
  "readout.compare": "{cell} {value}",
  "gate.grad.caption.lstm": "{cell}：沿主线的 ‖∂L/∂c_t‖ 与 ‖∂L/∂h_t‖",
  "gate.grad.caption.gru": "{cell}：‖∂L/∂h_t‖（h_t 是它唯一的记忆）",
  "gate.grad.caption.rnn": "{cell}：‖∂L/∂h_t‖（h_t 是它唯一的记忆）",
  "gate.grad.compareNote":
    "两者用同一个对数刻度。从右（预测）往左（窗口的第一个月）读：一步步变矮的柱子就是梯度消失，窗口开头的月份几乎不影响这个模型学到什么。",
  "gate.grad.compareAlt": "第二个模型每个时间步的梯度范数，与上面的柱子同一刻度",
  // embed
  "setting.embed": "嵌入视图",
  "setting.embed.help":
    "只显示一个视图并铺满窗口（演示模式，或放进 iframe 的页面）：forecast、loss、gates、belt、cell、gradient 或 compare。",
  "embed.bar": "嵌入视图的控制按钮",
  "embed.epoch": "第 {epoch} 轮",
  "embed.unknown": "链接要求的嵌入视图“{view}”不存在。可用的视图有：{views}。现在显示完整页面。",
  "embed.compareOn": "对比视图在 LSTM 旁边再训练一个模型：{cell}。",
  "gate.belt.prev": "上一步",
  "gate.belt.speed": "传送带速度",
  "shortcut.explain": "传送带的上一步 / 下一步（课堂模式和嵌入视图）",
  "status.readyPresenting": "准备好了。按“播放”（或空格键）开始训练；按 ← / → 沿传送带前后走一步。",
  // story
  "story.start": "导览",
  "story.start.title": "用 10 步在这个页面上走一遍文章的思路",
  "story.counter": "第 {step} / {count} 步",
  "story.prev": "← 上一步",
  "story.next": "下一步 →",
  "story.finish": "结束",
  "story.close": "退出导览（Esc）",
  "story.keys": "← → 或 Page Up / Down 翻页，Esc 退出",
  "story.data.title": "数据和一个窗口",
  "story.data.text":
    "AirPassengers：1949–1960 年每月的航空乘客数，单位是 1000。黄色的月份是一个输入窗口（门控部分的“窗口”滑块可以换一个）；网络读这些月份，预测它们后面标出的那个月。每个训练样本就是这样一个窗口和它的下一个月。",
  "story.data.section": "LSTM实现：时间序列预测",
  "story.data.quote": "每个样本为长度为12的数组,代表连续12个月份的乘客人数。",
  "story.cell.title": "一个 LSTM 单元和它的输入 x_t",
  "story.cell.text":
    "这是一个 LSTM 单元，标着所选时间步和单元的实时数值。每个时间步它接收 x_t（这一步读入的月份）和 h_{t−1}（它上一步的输出）。指向单元的任一部分，旁边会显示它的公式和数值。",
  "story.cell.section": "一、概述",
  "story.cell.quote": "(h_{t-1})(x_t)联合起来作为最终的输入数据。",
  "story.forget.title": "遗忘门 f_t 与保留的部分 k_t",
  "story.forget.text":
    "f_t = σ(W_f·[x_t, h_{t−1}]) 给每个单元一个 0 到 1 之间的数。它乘上旧的主线，得到 k_t = c_{t−1} ⊙ f_t，即主线保留的部分：越接近 0 遗忘越多，越接近 1 保留越多。单元旁边的公式用这一步的数值算出 k_t。",
  "story.forget.section": "一、概述：遗忘门",
  "story.forget.quote": "遗忘门:决定了上一时刻的单元状态(c_{t-1})有多少保留到当前时刻(c_t)。",
  "story.input.title": "输入门 i_t 与补充的部分 j_t",
  "story.input.text":
    "g_t = tanh(W_g·[x_t, h_{t−1}]) 是补给来源：−1 到 1 之间的新值。输入门 i_t 在 0 到 1 之间，决定补给能进来多少：j_t = i_t ⊙ g_t 就是补充到主线上的部分，单元旁边的公式算出了它。",
  "story.input.section": "一、概述：输入门",
  "story.input.quote": "输入门控制“补给大小”,给主线补充能量生成全新的主线。",
  "story.mainline.title": "主线 c_t = k_t + j_t",
  "story.mainline.text":
    "传送带把主线 c_t 从一个时间步带到下一个：每一站，保留的部分 k_t 和补充的部分 j_t 相加，成为新的 c_t。两步之间没有权重矩阵、也没有压缩函数作用在它上面，所以它能把一个月的信息沿窗口带得很远。",
  "story.mainline.section": "一、概述",
  "story.mainline.quote": "(c_{t-1})(c_t)始终与外界隔离开来,显然是作为LSTM记忆或者主线剧情的存在。",
  "story.output.title": "输出门 o_t 与隐层向量 h_t",
  "story.output.text":
    "o_t 同样在 0 到 1 之间，决定压缩后的主线输出多少：h_t = tanh(c_t) ⊙ o_t。h_t 是这一步的输出，下一步又作为 h_{t−1} 回来；窗口最后一步之后，全连接层把它变成预测值。",
  "story.output.section": "一、概述：输出门",
  "story.output.quote": "输出门:控制单元状态(c_t)有多少输出到LSTM的当前输出值(h_t)。",
  "story.belt.title": "整个窗口的每一步",
  "story.belt.text":
    "热图显示窗口每一个时间步、每一个单元的 f_t、i_t、g_t、o_t、c_t 和 h_t；传送带的“下一步”把所选时间步往前移，“播放传送带”让它自己走。用“同文章”预设时，12 个月作为一步输入（输入形状 (?, 1, 12)），传送带只有一站：c_{t−1} 是全零的初始状态，所以 k_t = c_{t−1} ⊙ f_t = 0，c_t 全部来自 j_t。",
  "story.belt.section": "前言",
  "story.belt.quote": "想想有一个传送带在你处理sequences时一起运转。",
  "story.training.title": "一轮一轮地训练",
  "story.training.text":
    "按“播放”（或空格）。每一轮把所有训练窗口前向算一遍，与真实月份求均方误差，再让每个权重沿梯度的反方向移动一点。第 0 轮是未训练的网络：在默认设置（“最佳预测”预设）下它预测相对窗口最后一个月的变化，小的随机权重让这个变化接近 0，所以它的预测曲线接近“和上个月一样”。之后训练损失先快后慢地下降；测试损失（从没训练过的月份）可能停住甚至上升。",
  "story.training.section": "一、构建LSTM模型",
  "story.training.quote": "定义损失函数,这里为正常的均方误差。",
  "story.baselines.title": "预测与基准方法的对比",
  "story.baselines.text":
    "这些数字是网络从没训练过的月份上的测试误差，有单步预测和递推预测（把自己的预测再喂回去）；下面是三个基准方法的同一误差，预测图上也画出了它们。训练几百轮后比一比实时的数字：“最佳预测”预设的说明记录了，这个 LSTM 单步预测胜过季节朴素法，但不如 AR(12) 和 Holt–Winters。",
  "story.baselines.section": "三、训练和预测",
  "story.baselines.quote": "利用已训练好的LSTM模型,来生成对应测试集的所有预测值。",
  "story.compare.title": "RNN 与 LSTM 并排：梯度消失",
  "story.compare.text":
    "这个预设在一个序列上并排训练 LSTM 和普通 RNN：序列的下一个值重复整整一个窗口（30 步）之前的值。柱子是窗口每一步的梯度大小：从右往左读，RNN 的 ‖∂L/∂h_t‖ 朝着关键的那个月一步步变小，而 LSTM 沿传送带的 ‖∂L/∂c_t‖ 保持住了。数字面板把两个模型的误差并排列出，但误差不一定偏向 LSTM：README 里这个预设的那次运行（种子 1）中，LSTM 过拟合了，RNN 的测试误差反而更低。这一步要看的是梯度，而不是分数。",
  "story.compare.section": "前言",
  "story.compare.quote": "由于梯度消失的存在,在实际应用中,RNN很难处理长距离的依赖。",
  // canvas words: drawn by Rust on the canvases (src/render/words.rs), gathered by
  // www/canvas-words.js. A key holding several lines gives a label's variants, longest first,
  // or a message's pieces; {name} marks a number.
  "canvas.heatmap.f": "遗忘门：0 忘掉，1 保留",
  "canvas.heatmap.fShort": "遗忘门",
  "canvas.heatmap.i": "输入门：补给放进去多少",
  "canvas.heatmap.iShort": "输入门",
  "canvas.heatmap.g": "候选补给，tanh",
  "canvas.heatmap.gShort": "候选值",
  "canvas.heatmap.o": "输出门：读出多少",
  "canvas.heatmap.oShort": "输出门",
  "canvas.heatmap.c": "细胞状态：主线，不经压缩",
  "canvas.heatmap.cShort": "细胞状态",
  "canvas.heatmap.h": "输出 h_t = o_t ⊙ tanh(c_t)",
  "canvas.heatmap.hShort": "输出",
  "canvas.heatmap.r": "重置门：h_{t−1} 有多少进入 n_t",
  "canvas.heatmap.rShort": "重置门",
  "canvas.heatmap.z": "更新门：1 保留 h_{t−1}，0 写入 n_t",
  "canvas.heatmap.zShort": "更新门",
  "canvas.heatmap.n": "候选状态 n_t，tanh",
  "canvas.heatmap.nShort": "候选值",
  "canvas.heatmap.hGru": "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}",
  "canvas.heatmap.hGruShort": "隐层向量",
  "canvas.heatmap.hRnn": "h_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})",
  "canvas.heatmap.hRnnShort": "隐层向量",
  "canvas.heatmap.unit": "单元",
  "canvas.readout.at": "t = {t}，单元 {unit}",
  "canvas.readout.atLayer": "t = {t}，单元 {unit}，第 {layer} 层",
  // 画布上各部分的名称（src/render/notation.rs 的 Quantity::page_name_in），用原文的术语。
  "canvas.name.x": "输入",
  "canvas.name.hPrev": "上一时刻的隐藏层",
  "canvas.name.cPrev": "主线",
  "canvas.name.f": "遗忘门",
  "canvas.name.i": "输入门",
  "canvas.name.g": "补给来源",
  "canvas.name.o": "输出门",
  "canvas.name.k": "主线遗忘",
  "canvas.name.j": "补给",
  "canvas.name.c": "主线",
  "canvas.name.tanhC": "tanh(主线)",
  "canvas.name.h": "主线最终输出",
  "canvas.name.r": "重置门",
  "canvas.name.z": "更新门",
  "canvas.name.n": "候选状态",
  "canvas.name.zh": "保留",
  "canvas.name.zn": "写入",
  "canvas.name.hGru": "隐层向量",
  "canvas.name.hRnn": "隐层向量",
  "canvas.name.hShort": "输出",
  "canvas.belt.row.h": "输出门",
  "canvas.belt.row.c": "主线",
  "canvas.belt.row.j": "补给",
  "canvas.cell.name.f": "遗忘门",
  "canvas.cell.name.i": "输入门",
  "canvas.cell.name.g": "补给来源",
  "canvas.cell.name.o": "输出门",
  "canvas.cell.name.r": "重置门",
  "canvas.cell.name.z": "更新门",
  "canvas.cell.name.n": "候选状态",
  "canvas.belt.lanesAll": "车道：全部 {units} 个单元，各自运送自己的 c_t",
  "canvas.belt.lanesAllShort": "全部 {units} 个单元",
  "canvas.belt.lanesSome": "车道：{units} 个单元中最活跃的 {shown} 个（本窗口内 |c_t| 最大）",
  "canvas.belt.lanesSomeShort": "{units} 个单元中最活跃的 {shown} 个",
  "canvas.belt.lanesSomeShortest": "{shown}/{units} 个单元",
  "canvas.belt.legend":
    "主线 c_t：传送带上的主线\n⊗ 遗忘门 f_t 留下 k_t = f_t ⊙ c_{t−1}（保留的部分）\n⊕ 输入门 i_t 加上 j_t = i_t ⊙ g_t（补充的部分）\n↑ 输出门：h_t = o_t ⊙ tanh(c_t)",
  "canvas.memory.gru":
    "传送带 c_t 只属于 LSTM。\nGRU 没有主线：\n它唯一的记忆是隐层向量 h_t。\n更新门 z_t 保留 z_t ⊙ h_{t−1}，\n(1 − z_t) ⊙ n_t 写入其余部分：\nh_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t",
  "canvas.memory.rnn":
    "传送带 c_t 只属于 LSTM。\nRNN 没有门，什么也留不住：\nh_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})\n每一步都经 tanh 重写一遍。",
  "canvas.memory.keeps": "z_t = {z}，保留 z_t ⊙ h_{t−1} = {kept}",
  "canvas.memory.written": "(1 − z_t) ⊙ n_t = {a} × {n} = {written}，写入",
  "canvas.memory.rewritten": "h_t 隐层向量，每一步重新经过 tanh",
  "canvas.gradient.empty": "这个窗口没有可显示的梯度",
  "canvas.gradient.beltNote":
    "← 反向传播把梯度从预测（最后一步之后）沿主线传回\n← 梯度从预测往回流\n← 从预测往回",
  "canvas.gradient.hiddenNote":
    "← 反向传播把梯度从预测经 h_t 一步一步传回\n← 梯度经 h_t 往回流\n← 从预测往回",
  "canvas.gradient.logScale": "对数刻度",
  "canvas.gradient.linearScale": "线性刻度",
  "canvas.gradient.cellLegend": "‖∂L/∂c_t‖ 沿主线\n‖∂L/∂c_t‖",
  "canvas.gradient.hiddenLegend": "‖∂L/∂h_t‖ 经输出\n‖∂L/∂h_t‖",
  "canvas.gradient.onlyHiddenLegend": "‖∂L/∂h_t‖ 经 h_t，唯一的记忆\n‖∂L/∂h_t‖",
  "canvas.cell.values": "{d} 个值",
  "canvas.equation.values": "{d} 个值：",
  "canvas.equation.theWindow": "窗口",
  "canvas.equation.theSeries": "序列",
  "canvas.equation.transformed": "{what}，已变换",
  "canvas.equation.layerBelow": "第 {layer} 层的 h_t",
  "canvas.equation.outputBelow": "下一层的输出",
  "canvas.equation.belowH": "下一层的 h",
  "canvas.equation.initialState": "初始状态",
  "canvas.equation.beltEmpty": "主线起初是空的",
  "canvas.equation.forHead": "+ 输出层的 {head} 个",
  "canvas.equation.perLayer": "每层",
  "canvas.equation.numelAgrees": "PyTorch 的 numel() 一致：{numel}",
  "canvas.equation.numelNote":
    "PyTorch 的 numel() 数出 {numel}：它每个门有两个偏置（bias_ih 和 bias_hh，起作用的只是它们的和），每层多 4·h = {perLayer} 个 × {layers} 层 = 多 {more} 个",
  "canvas.equation.numelNote.gru":
    "PyTorch 的 numel() 数出 {numel}：它每个门有两个偏置（bias_ih 和 bias_hh，各 3·h 个）；r 和 z 起作用的只是它们的和，每层多 2·h = {perLayer} 个 × {layers} 层 = 多 {more} 个。n 的 b_hn 是单独的参数：r_t 乘在它上面，所以它不能并入 b_in，公式里的 + h 数的就是它",
  "canvas.equation.numelNote.rnn":
    "PyTorch 的 numel() 数出 {numel}：它有两个偏置（bias_ih 和 bias_hh，起作用的只是它们的和），每层多 h = {perLayer} 个 × {layers} 层 = 多 {more} 个",

  // --- 引擎与 worker 的错误："error." + src/web.rs / www/worker.js 给出的代码 ---------------
  // {detail} 是引擎里没有单独代码的一句话，保持英文原文。
  "error.data.badMonth": "“{text}”不是有效的月份：{detail}。月份请写成 YYYY-MM，例如 1949-01。",
  "error.data.csvLine": "第 {line} 行：{detail}",
  "error.data.noData":
    "文件里没有数据：它是空的，或者只有表头。请每行写一个数值，前面可以加上月份（1949-01,112）。",
  "error.data.empty": "序列是空的；至少需要一个数值。",
  "error.data.lengthMismatch":
    "序列有 {months} 个月份，却有 {values} 个数值；每个数值都需要恰好一个月份。",
  "error.data.nonFinite": "第 {place} 个数值是 {value}，不是有限的数；每个数值都必须是普通的数。",
  "error.data.nonPositive":
    "第 {place} 个数值是 {value}，但 {transform} 变换要取对数，所以每个数值都必须为正。含有零或负数的序列请用 min_max 变换。",
  "error.data.tooShort":
    "序列有 {len} 个月；窗口为 {window}、使用 {transform} 变换时至少需要 {needed} 个月，才能至少有一个训练窗口和一个测试窗口。请用更短的窗口或更长的序列。",
  "error.data.testStart": "测试月份与序列不符：{detail}",
  "error.data.constant":
    "训练部分是常数（每个值都是 {value}），min_max 变换没有可缩放的范围。请用更长的训练部分、换一个序列，或用对数变换（如 log_diff）。",
  "error.data.setting": "一项数据设置无效：{detail}",
  "error.train.setting": "一项设置无效：{detail}",
  "error.train.input": "输入与模型不匹配：{detail}",
  "error.train.diverged":
    "训练在第 {epoch} 轮发散：损失变成了 {loss}。权重已恢复到这一轮之前的状态。请试试更小的学习率或梯度裁剪。",
  "error.weights.json": "权重文件不是有效的 JSON：{detail}",
  "error.weights.missing": "权重文件里缺少“{field}”。",
  "error.weights.invalid": "权重文件里的“{field}”有问题：{detail}",
  "error.weights.shape":
    "权重文件里的“{field}”应为 {expected}，实际是 {found}；请检查 config.input_size、config.hidden_size 和 config.num_layers。",
  "error.engine.unknownExample": "没有名为“{id}”的示例序列；示例有：{known}。",
  "error.engine.badSeed": "随机种子必须是 0 到 2^53 之间的整数，而不是 {seed}。",
  "error.engine.unknownOptimizer": "未知的优化器“{name}”：应为 adagrad、adam 或 sgd。",
  "error.engine.badEpoch": "轮数必须是 ≥ 0 的整数，而不是 {epoch}。",
  "error.engine.noSnapshot": "没有保存这一轮的权重。",
  "error.engine.otherData":
    "这些权重是在别的数据上训练的：它们的 {transform} 变换与 {series} 不符。",
  "error.engine.settings": "设置无效：{detail}",
  "error.worker.noModel": "还没有模型：页面必须先创建一个。",
  "error.worker.notWholeNumber": "需要一个 ≥ {min} 的整数，而不是 {value}。",
  "error.worker.unknownCell": "未知的对比单元“{cell}”：应为 lstm、gru 或 rnn。",
  "error.worker.noWindow": "窗口 {row} 不存在：一共有 {windows} 个。",
  "error.worker.unknownCommand": "引擎没有“{command}”这个命令。",
  "error.worker.secondModel": "第二个模型（{cell}）：训练在第 {epoch} 轮发散，损失变成了 {loss}。",
  "status.fatal": "引擎停止了：{message}。请重新加载页面。",
};
