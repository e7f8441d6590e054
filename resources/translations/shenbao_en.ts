<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于申报助手</source>
        <translation>About Shenbao Assistant</translation>
    </message>
    <message>
        <source>申报助手</source>
        <translation>Shenbao Assistant</translation>
    </message>
    <message>
        <source>版本 {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>福建省、福州市人工智能产业扶持政策的测算、申报与打印。全部数据保存在本机。</source>
        <translation>Judges, fills in and prints applications for the AI industry support measures of Fujian Province and Fuzhou. All data stays on this computer.</translation>
    </message>
    <message>
        <source>政策文件</source>
        <translation>Policy documents</translation>
    </message>
    <message>
        <source>测算结果仅供参考，金额为估算，以主管部门的正式文件和审核为准。</source>
        <translation>Results are for reference only: the amounts are estimates, and the authorities&apos; official documents and review decide.</translation>
    </message>
    <message>
        <source>界面与打印使用文泉驿微米黑字体（Apache-2.0 / GPL-3 字体例外）。</source>
        <translation>The interface and printouts use the WenQuanYi Micro Hei font (Apache-2.0 / GPL-3 with font exception).</translation>
    </message>
    <message>
        <source>政策数据无法载入：{error}</source>
        <translation>The policy data could not be loaded: {error}</translation>
    </message>
    <message>
        <source>政策数据版本 {version}，最后一次与政策文件核对于 {checked}。以下为 {as_of} 时各文件的状态：</source>
        <translation>Policy data version {version}, last checked against the documents on {checked}. The status of each document on {as_of}:</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>申报助手</source>
        <translation>Shenbao Assistant</translation>
    </message>
</context>
<context>
    <name>BackgroundOp</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>ComparisonTableModel</name>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>征求意见稿</source>
        <translation>Draft for comments</translation>
    </message>
    <message>
        <source>正式稿</source>
        <translation>Final text</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>门槛</source>
        <translation>Threshold</translation>
    </message>
    <message>
        <source>比例</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>表述</source>
        <translation>Wording</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（删除）</source>
        <translation>(removed)</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>企业（单位）名称</source>
        <translation>Enterprise (organisation) name</translation>
    </message>
    <message>
        <source>与营业执照一致</source>
        <translation>As on the business licence</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>18位，末位为校验码（GB 32100-2015）</source>
        <translation>18 characters, the last one a check character (GB 32100-2015)</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Organisation type</translation>
    </message>
    <message>
        <source>企业、高校、科研院所、园区运营方或其他</source>
        <translation>Enterprise, university, research institute, park operator or other</translation>
    </message>
    <message>
        <source>注册地（省）</source>
        <translation>Registered in (province)</translation>
    </message>
    <message>
        <source>如：福建省</source>
        <translation>e.g. 福建省 (Fujian)</translation>
    </message>
    <message>
        <source>注册地（市）</source>
        <translation>Registered in (city)</translation>
    </message>
    <message>
        <source>如：福州市</source>
        <translation>e.g. 福州市 (Fuzhou)</translation>
    </message>
    <message>
        <source>注册地（区县）</source>
        <translation>Registered in (district)</translation>
    </message>
    <message>
        <source>如：鼓楼区</source>
        <translation>e.g. 鼓楼区 (Gulou)</translation>
    </message>
    <message>
        <source>人工智能企业</source>
        <translation>AI enterprise</translation>
    </message>
    <message>
        <source>主营业务属于人工智能领域</source>
        <translation>Main business is in artificial intelligence</translation>
    </message>
    <message>
        <source>列入省人工智能骨干企业清单</source>
        <translation>On the provincial list of key AI enterprises</translation>
    </message>
    <message>
        <source>闽 2025 措施第九条</source>
        <translation>Fujian 2025 measures, article 9</translation>
    </message>
    <message>
        <source>纳入福州市级算力平台</source>
        <translation>Part of the Fuzhou municipal computing platform</translation>
    </message>
    <message>
        <source>榕 2024 方案三(一)使用侧</source>
        <translation>Fuzhou 2024 plan, 3(1), users</translation>
    </message>
    <message>
        <source>注册地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>手机或座机</source>
        <translation>Mobile or landline</translation>
    </message>
    <message>
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Date established</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>注册资本（元）</source>
        <translation>Registered capital (yuan)</translation>
    </message>
    <message>
        <source>从业人数</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>研发人员数</source>
        <translation>R&amp;D staff</translation>
    </message>
    <message>
        <source>上年度营业收入（元）</source>
        <translation>Last year&apos;s revenue (yuan)</translation>
    </message>
    <message>
        <source>上年度研发经费支出（元）</source>
        <translation>Last year&apos;s R&amp;D spending (yuan)</translation>
    </message>
    <message>
        <source>年度购买算力服务总额（元）</source>
        <translation>Computing services bought this year (yuan)</translation>
    </message>
    <message>
        <source>以当年实际支付的算力服务费用为准</source>
        <translation>Count what was actually paid for computing services in the year</translation>
    </message>
    <message>
        <source>连续享受算力补助的年度（第几年）</source>
        <translation>Consecutive year of computing subsidy</translation>
    </message>
    <message>
        <source>第一年填 1</source>
        <translation>Enter 1 for the first year</translation>
    </message>
    <message>
        <source>算力项目为新建（含扩容升级）</source>
        <translation>Computing project is new (or an expansion)</translation>
    </message>
    <message>
        <source>算力标称值（P，按 FP16 计）</source>
        <translation>Nominal computing power (PFLOPS, FP16)</translation>
    </message>
    <message>
        <source>1P = 每秒千万亿次浮点运算</source>
        <translation>1 P = 10^15 floating-point operations per second</translation>
    </message>
    <message>
        <source>实际销售和运营使用的算力规模（P）</source>
        <translation>Computing power actually sold or in use (PFLOPS)</translation>
    </message>
    <message>
        <source>以合同、发票等为依据</source>
        <translation>Backed by contracts, invoices and the like</translation>
    </message>
    <message>
        <source>自主芯片算力标称值占比</source>
        <translation>Share of nominal power on domestic chips</translation>
    </message>
    <message>
        <source>物理空间和实体均在福州市辖区内</source>
        <translation>Premises and entity both within Fuzhou</translation>
    </message>
    <message>
        <source>列入省重点技改项目库或市级数字经济重点库</source>
        <translation>In the provincial key upgrade project pool or the city digital economy pool</translation>
    </message>
    <message>
        <source>榕 2024 方案三(一)</source>
        <translation>Fuzhou 2024 plan, 3(1)</translation>
    </message>
    <message>
        <source>列入省重点技改项目库</source>
        <translation>In the provincial key upgrade project pool</translation>
    </message>
    <message>
        <source>闽 2023 十条措施：不含市级数字经济重点库</source>
        <translation>Fujian 2023 ten measures: the city digital economy pool does not count</translation>
    </message>
    <message>
        <source>已向信息化主管部门备案登记</source>
        <translation>Registered with the IT authority</translation>
    </message>
    <message>
        <source>榕 2024 方案四(二)</source>
        <translation>Fuzhou 2024 plan, 4(2)</translation>
    </message>
    <message>
        <source>算力项目投用日期</source>
        <translation>Date the computing project went into service</translation>
    </message>
    <message>
        <source>算力项目贷款金额（元）</source>
        <translation>Loan for the computing project (yuan)</translation>
    </message>
    <message>
        <source>贷款期限（年）</source>
        <translation>Loan term (years)</translation>
    </message>
    <message>
        <source>贴息最长 3 年</source>
        <translation>Interest subsidy for at most 3 years</translation>
    </message>
    <message>
        <source>开展人工智能行业垂直模型攻关项目</source>
        <translation>Runs an industry vertical AI model project</translation>
    </message>
    <message>
        <source>申报的人工智能产品数（个）</source>
        <translation>AI products applied for</translation>
    </message>
    <message>
        <source>创新平台建设实际投入（元）</source>
        <translation>Actual investment in the innovation platform (yuan)</translation>
    </message>
    <message>
        <source>为平台牵头建设单位</source>
        <translation>Lead builder of the platform</translation>
    </message>
    <message>
        <source>实施人工智能模型和智能体开发、应用项目</source>
        <translation>Runs an AI model and agent development or application project</translation>
    </message>
    <message>
        <source>主导或参与制修订国际标准、国家标准</source>
        <translation>Leads or takes part in drafting international or national standards</translation>
    </message>
    <message>
        <source>入选省数据要素产业园</source>
        <translation>Selected as a provincial data-element industrial park</translation>
    </message>
    <message>
        <source>入选国家可信数据空间创新发展试点</source>
        <translation>Selected as a national trusted data space pilot</translation>
    </message>
    <message>
        <source>列入核心工程师名册的人数</source>
        <translation>People on the core engineer roster</translation>
    </message>
    <message>
        <source>邀请海外人工智能青年人才来闽交流合作</source>
        <translation>Invites young overseas AI talent to Fujian</translation>
    </message>
    <message>
        <source>引进人工智能领军人才和团队（一事一议）</source>
        <translation>Brings in leading AI talent and teams (case by case)</translation>
    </message>
    <message>
        <source>为龙头企业</source>
        <translation>Leading enterprise</translation>
    </message>
    <message>
        <source>联合高校院所实施</source>
        <translation>Together with universities or institutes</translation>
    </message>
    <message>
        <source>技术创新重点攻关项目总投入（元）</source>
        <translation>Total investment in the key technology project (yuan)</translation>
    </message>
    <message>
        <source>为软件企业</source>
        <translation>Software enterprise</translation>
    </message>
    <message>
        <source>申报的典型应用场景数（个）</source>
        <translation>Typical application scenarios applied for</translation>
    </message>
    <message>
        <source>承担通用技术攻关（揭榜挂帅）项目</source>
        <translation>Undertakes a general technology challenge project</translation>
    </message>
    <message>
        <source>工业互联网项目实际投资额（元）</source>
        <translation>Actual investment in the industrial internet project (yuan)</translation>
    </message>
    <message>
        <source>在福州市范围内从事人工智能专业培训</source>
        <translation>Provides professional AI training in Fuzhou</translation>
    </message>
    <message>
        <source>以非财政资金购置科研仪器、设备和软件的经费（元）</source>
        <translation>Research instruments, equipment and software bought with non-fiscal funds (yuan)</translation>
    </message>
    <message>
        <source>承担市级科技重大专项项目</source>
        <translation>Undertakes a city major science and technology project</translation>
    </message>
    <message>
        <source>位于国家高新区或省级高新园区</source>
        <translation>Located in a national or provincial high-tech zone</translation>
    </message>
    <message>
        <source>如 250000、250,000 或 25万</source>
        <translation>e.g. 250000, 250,000 or 25万</translation>
    </message>
    <message>
        <source>如 250000，红字发票如 -1,000</source>
        <translation>e.g. 250000; a red-letter invoice e.g. -1,000</translation>
    </message>
    <message>
        <source>如 12.5</source>
        <translation>e.g. 12.5</translation>
    </message>
    <message>
        <source>如 12</source>
        <translation>e.g. 12</translation>
    </message>
    <message>
        <source>如 35% 或 0.35</source>
        <translation>e.g. 35% or 0.35</translation>
    </message>
    <message>
        <source>如 2025-10-01 或 2025年10月1日</source>
        <translation>e.g. 2025-10-01 or 2025年10月1日</translation>
    </message>
    <message>
        <source>是 或 否</source>
        <translation>Yes or no</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>18 位，如 91350100MA2XXXXXXX</source>
        <translation>18 characters, e.g. 91350100MA2XXXXXXX</translation>
    </message>
    <message>
        <source>企业、高校、科研院所、事业单位、园区运营方、其他</source>
        <translation>Enterprise, university, research institute, public institution, park operator, other</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>高校</source>
        <translation>University</translation>
    </message>
    <message>
        <source>科研院所</source>
        <translation>Research institute</translation>
    </message>
    <message>
        <source>事业单位</source>
        <translation>Public institution</translation>
    </message>
    <message>
        <source>园区运营方</source>
        <translation>Park operator</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>手机或座机，如 0591-87654321</source>
        <translation>Mobile or landline, e.g. 0591-87654321</translation>
    </message>
    <message>
        <source>如 name@example.com</source>
        <translation>e.g. name@example.com</translation>
    </message>
    <message>
        <source>18 位，末位为数字或 X</source>
        <translation>18 characters, the last a digit or X</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation>Resident identity card</translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translation>Foreigner permanent residence ID card</translation>
    </message>
    <message>
        <source>港澳居民来往内地通行证（回乡证）</source>
        <translation>Mainland travel permit for Hong Kong and Macao residents</translation>
    </message>
    <message>
        <source>台湾居民来往大陆通行证（台胞证）</source>
        <translation>Mainland travel permit for Taiwan residents</translation>
    </message>
    <message>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>企业基本信息</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>算力</source>
        <translation>Computing</translation>
    </message>
    <message>
        <source>模型、产品与平台</source>
        <translation>Models, products and platforms</translation>
    </message>
    <message>
        <source>人才</source>
        <translation>Talent</translation>
    </message>
    <message>
        <source>项目与投入</source>
        <translation>Projects and investment</translation>
    </message>
    <message>
        <source>联系与登记信息</source>
        <translation>Contact and registration</translation>
    </message>
    <message>
        <source>国家新一代人工智能开放创新平台</source>
        <translation>National next-generation AI open innovation platform</translation>
    </message>
    <message>
        <source>国家重点实验室</source>
        <translation>National key laboratory</translation>
    </message>
    <message>
        <source>省级企业重点实验室</source>
        <translation>Provincial enterprise key laboratory</translation>
    </message>
    <message>
        <source>省级新型研发机构</source>
        <translation>Provincial new-type R&amp;D institution</translation>
    </message>
    <message>
        <source>省级人工智能产业园</source>
        <translation>Provincial AI industrial park</translation>
    </message>
    <message>
        <source>可申报</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <source>待补充</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <source>未生效·已失效</source>
        <translation>Not in force</translation>
    </message>
    <message>
        <source>定额</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <source>最高</source>
        <translation>Up to</translation>
    </message>
    <message>
        <source>估算</source>
        <translation>Estimate</translation>
    </message>
    <message>
        <source>按规定</source>
        <translation>As regulated</translation>
    </message>
    <message>
        <source>非资金</source>
        <translation>Non-monetary</translation>
    </message>
    <message>
        <source>应为文字</source>
        <translation>must be text</translation>
    </message>
    <message>
        <source>应为百分数（如 35%）或 0 到 1 之间的小数</source>
        <translation>must be a percentage (e.g. 35%) or a decimal between 0 and 1</translation>
    </message>
    <message>
        <source>应为是/否（true 或 false）</source>
        <translation>must be yes or no (true or false)</translation>
    </message>
    <message>
        <source>应为以下之一：enterprise（企业）、university（高校）、research_institute（科研院所）、public_institution（事业单位）、park_operator（园区运营方）、other（其他）</source>
        <translation>must be one of: enterprise, university, research_institute, public_institution, park_operator, other</translation>
    </message>
    <message>
        <source>应为以下之一：居民身份证、外国人永久居留身份证、港澳居民来往内地通行证（回乡证）、台湾居民来往大陆通行证（台胞证）、护照</source>
        <translation>must be one of: resident ID card, foreign permanent resident ID card, Hong Kong/Macao home-return permit, Taiwan compatriot permit, passport</translation>
    </message>
    <message>
        <source>应小于 10 万亿，请核对</source>
        <translation>must be less than 10 trillion: please check it</translation>
    </message>
    <message>
        <source>小数位数过多（最多 28 位），请核对</source>
        <translation>has too many decimal places (at most 28): please check it</translation>
    </message>
    <message>
        <source>金额最多精确到分（小数点后两位），请核对</source>
        <translation>an amount goes to the fen at most (two decimal places): please check it</translation>
    </message>
    <message>
        <source>过长，最多 1,000 个字符，请核对</source>
        <translation>is too long: 1,000 characters at most; please check it</translation>
    </message>
    <message>
        <source>受理中</source>
        <translation>Open for applications</translation>
    </message>
    <message>
        <source>尚未开始受理</source>
        <translation>Not yet open for applications</translation>
    </message>
    <message>
        <source>受理已截止</source>
        <translation>Applications closed</translation>
    </message>
    <message>
        <source>正式文件</source>
        <translation>Final document</translation>
    </message>
    <message>
        <source>新闻报道</source>
        <translation>News report</translation>
    </message>
    <message>
        <source>申报通知</source>
        <translation>Application notice</translation>
    </message>
    <message>
        <source>依据：《{title}》{article}：{clause}</source>
        <translation>Basis: {title}, {article}: {clause}</translation>
    </message>
    <message>
        <source>测算日期：{as_of}；文件有效期：{period}</source>
        <translation>Judged as of {as_of}; the document is in force {period}</translation>
    </message>
    <message>
        <source>条件：{label} — {value} → {mark}</source>
        <translation>Condition: {label} — {value} → {mark}</translation>
    </message>
    <message>
        <source>待补充：{labels}</source>
        <translation>To fill in: {labels}</translation>
    </message>
    <message>
        <source>金额：非资金支持</source>
        <translation>Amount: non-monetary support</translation>
    </message>
    <message>
        <source>金额：按规定（文件未载明具体金额）</source>
        <translation>Amount: as regulated (the document states no sum)</translation>
    </message>
    <message>
        <source>金额：{reason}</source>
        <translation>Amount: {reason}</translation>
    </message>
    <message>
        <source>公式：{expression}</source>
        <translation>Formula: {expression}</translation>
    </message>
    <message>
        <source>其中：{shares}</source>
        <translation>Of which: {shares}</translation>
    </message>
    <message>
        <source>须经遴选/评选，入选后方可获得。</source>
        <translation>Paid only if selected.</translation>
    </message>
    <message>
        <source>自 {on} 起已被《{title}》替代；跨年度连续补助请向主管部门确认。</source>
        <translation>Replaced by the {title} from {on}; ask the authority about support that continues across years.</translation>
    </message>
    <message numerus="yes">
        <source>《{title}》有效期至 {end}，距测算日期还有 {days} 天。</source>
        <translation>
            <numerusform>The {title} is in force until {end}, {days} day after the date judged.</numerusform>
            <numerusform>The {title} is in force until {end}, {days} days after the date judged.</numerusform>
        </translation>
    </message>
    <message>
        <source>《{title}》有效期至 {end}，测算日期是有效期的最后一天。</source>
        <translation>The {title} is in force until {end}: the date judged is its last day.</translation>
    </message>
    <message numerus="yes">
        <source>每年集中受理{times}次（{listed}）；{next}。</source>
        <translation>
            <numerusform>Applications are taken once a year (month {months}); {next}.</numerusform>
            <numerusform>Applications are taken {count} times a year (months {months}); {next}.</numerusform>
        </translation>
    </message>
    <message>
        <source>本月（{year} 年 {month} 月）为受理期</source>
        <translation>applications are taken this month ({year}-{month:02d})</translation>
    </message>
    <message>
        <source>下一受理期：{year} 年 {month} 月</source>
        <translation>the next window is {year}-{month:02d}</translation>
    </message>
    <message>
        <source>方案有效期至 {end}，此前已无受理期</source>
        <translation>the plan ends on {end}, with no window left before then</translation>
    </message>
    <message>
        <source>申请时限为{period}（至 {year} 年底），此前已无受理期</source>
        <translation>claims must be made by the end of {year}, with no window left before then</translation>
    </message>
    <message>
        <source>按公式算得的金额超出可计算的范围，请向政策数据的发布者核对</source>
        <translation>The sum the formula gives is beyond what can be computed: please check the policy data with its publisher</translation>
    </message>
    <message>
        <source>按公式 {expression}，无可申请金额</source>
        <translation>By the formula {expression}: nothing to apply for</translation>
    </message>
    <message>
        <source>按计算式 {expression} = {amount}，无可申请金额</source>
        <translation>By the expression {expression} = {amount}: nothing to apply for</translation>
    </message>
    <message>
        <source>计算式的结果不是金额</source>
        <translation>The expression&apos;s result is not a sum of money</translation>
    </message>
    <message>
        <source>计算式中出现除数为 0</source>
        <translation>The expression divides by 0</translation>
    </message>
    <message>
        <source>年度购买总额达 {threshold} 元（含）以上，由省级补助覆盖：{share} = {value}，未超过省级补助最高限额 {cap}，无差额可补</source>
        <translation>From CNY {threshold} (inclusive) bought in a year, the provincial subsidy covers it: {share} = {value}, not above the provincial cap of {cap}, so there is no difference to pay</translation>
    </message>
    <message>
        <source>年度购买算力服务总额由 {years}的发票合计而成，应只计申报年度当年实际支付的费用，请核对。</source>
        <translation>The computing services bought this year add up invoices of {years}: only what was actually paid in the year claimed counts. Please check.</translation>
    </message>
    <message>
        <source>年度购买算力服务总额的发票均开具于 {year} 年，早于《{title}》施行的 {start} 年，应只计申报年度当年实际支付的费用，请核对。</source>
        <translation>The computing services bought this year add up invoices all of {year}, before the {title} came into force in {start}: only what was actually paid in the year claimed counts. Please check.</translation>
    </message>
    <message>
        <source>年度购买算力服务总额含测算日期 {as_of} 之后开具的发票（最晚 {last}），应只计已实际支付的费用，请核对。</source>
        <translation>The computing services bought this year include invoices issued after the date judged, {as_of} (the last on {last}): only what was actually paid counts. Please check.</translation>
    </message>
    <message>
        <source>{year} 年（{sum} 元）</source>
        <translation>{year} (CNY {sum})</translation>
    </message>
    <message>
        <source>{value}（未填写，按“{wider}”的回答）</source>
        <translation>{value} (not given; as answered for “{wider}”)</translation>
    </message>
    <message>
        <source>满足</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>不满足</source>
        <translation>Not met</translation>
    </message>
    <message>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation>Invoice number</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>名称/姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>简介</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>Kind of ID</translation>
    </message>
    <message>
        <source>投入项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>省级财政承担</source>
        <translation>Province&apos;s share</translation>
    </message>
    <message>
        <source>市级财政承担</source>
        <translation>City&apos;s share</translation>
    </message>
    <message>
        <source>{field}{problem}（收到 {got}）</source>
        <translation>{field} {problem} (got {got})</translation>
    </message>
    <message>
        <source>{field}不能为空</source>
        <translation>{field} must not be empty</translation>
    </message>
    <message>
        <source>保存前须填写统一社会信用代码</source>
        <translation>Fill in the unified social credit code before saving</translation>
    </message>
    <message>
        <source>第 {row} 行与第 {first} 行的{field}相同（{masked}）：同一人只能列入一次</source>
        <translation>Rows {first} and {row} have the same {field} ({masked}): a person may be listed only once</translation>
    </message>
    <message>
        <source>第 {row} 行与第 {first} 行是同一张发票（{supplier}，发票号码 {number}）：一张发票只能计一次</source>
        <translation>Rows {first} and {row} are the same invoice ({supplier}, invoice number {number}): an invoice may be counted only once</translation>
    </message>
    <message>
        <source>{field}合计为 {total}，不能为负（红字发票多于原发票）</source>
        <translation>{field} add up to {total}, which cannot be negative (more red-letter invoices than originals)</translation>
    </message>
    <message>
        <source>注册地（市）为{city}，属于福建省，与注册地（省）{province}不一致，请核对</source>
        <translation>The registered city {city} is in Fujian Province, not in the registered province {province}: please check</translation>
    </message>
    <message>
        <source>{field}为 {value}，大于{what}的 {limit}：前者不能多于后者，请核对</source>
        <translation>{field} is {value}, more than {what} at {limit}: the first cannot exceed the second, please check</translation>
    </message>
    <message>
        <source>“{narrow}”为是，而“{wide}”为否：前者属于后者，请核对</source>
        <translation>“{narrow}” is yes but “{wide}” is no: the first is part of the second, please check</translation>
    </message>
    <message numerus="yes">
        <source>{first}（另有 {count} 处错误）</source>
        <translation>
            <numerusform>{first} (other error: {count})</numerusform>
            <numerusform>{first} (other errors: {count})</numerusform>
        </translation>
    </message>
    <message>
        <source>内容应为 JSON 对象</source>
        <translation>the content should be a JSON object</translation>
    </message>
    <message>
        <source>不支持的格式 {found}，应为 {expected}</source>
        <translation>unsupported format {found}; it should be {expected}</translation>
    </message>
    <message>
        <source>缺少企业信息（应为 JSON 对象）</source>
        <translation>the enterprise is missing (it should be a JSON object)</translation>
    </message>
    <message>
        <source>应为 JSON 对象</source>
        <translation>should be a JSON object</translation>
    </message>
    <message>
        <source>认定情况应为列表</source>
        <translation>the recognitions should be a list</translation>
    </message>
    <message>
        <source>认定类型应为以下之一：{kinds}（收到 {got}）</source>
        <translation>the kind of recognition should be one of: {kinds} (got {got})</translation>
    </message>
    <message>
        <source>应为包含 kind 与 date 的对象</source>
        <translation>should be an object with kind and date</translation>
    </message>
    <message>
        <source>{list}应为列表</source>
        <translation>{list} should be a list</translation>
    </message>
    <message>
        <source>应为对象</source>
        <translation>should be an object</translation>
    </message>
    <message>
        <source>文件不存在</source>
        <translation>the file does not exist</translation>
    </message>
    <message>
        <source>这是一个文件夹，不是档案文件</source>
        <translation>this is a folder, not a profile file</translation>
    </message>
    <message>
        <source>不是 UTF-8 编码的文本文件</source>
        <translation>not a text file in UTF-8</translation>
    </message>
    <message>
        <source>无法读取（{why}）</source>
        <translation>cannot be read ({why})</translation>
    </message>
    <message>
        <source>文件过大（{size:,} 字节，上限 {limit:,} 字节）</source>
        <translation>the file is too large ({size:,} bytes; the limit is {limit:,} bytes)</translation>
    </message>
    <message>
        <source>不是 UTF-8 编码的文本</source>
        <translation>not text in UTF-8</translation>
    </message>
    <message>
        <source>嵌套过深（上限 {limit} 层）</source>
        <translation>nested too deep (the limit is {limit} levels)</translation>
    </message>
    <message>
        <source>不是有效的 JSON（第 {line} 行第 {column} 列：{detail}）</source>
        <translation>not valid JSON (line {line}, column {column}: {detail})</translation>
    </message>
    <message>
        <source>不是有效的 JSON（{detail}）</source>
        <translation>not valid JSON ({detail})</translation>
    </message>
    <message>
        <source>不是有效的 JSON（数字过长（{digits:,} 位，上限 {limit:,} 位））</source>
        <translation>not valid JSON (a number too long: {digits:,} digits, the limit is {limit:,})</translation>
    </message>
    <message>
        <source>不是有效的 JSON（含非数值 {name}）</source>
        <translation>not valid JSON (it holds the non-number {name})</translation>
    </message>
    <message>
        <source>此处应为一个值</source>
        <translation>a value was expected here</translation>
    </message>
    <message>
        <source>此处应为带双引号的键名</source>
        <translation>a key in double quotes was expected here</translation>
    </message>
    <message>
        <source>此处应为冒号</source>
        <translation>a colon was expected here</translation>
    </message>
    <message>
        <source>此处应为逗号</source>
        <translation>a comma was expected here</translation>
    </message>
    <message>
        <source>字符串缺少结尾的引号</source>
        <translation>a string lacks its closing quote</translation>
    </message>
    <message>
        <source>字符串中有控制字符</source>
        <translation>a string holds a control character</translation>
    </message>
    <message>
        <source>Unicode 转义无效</source>
        <translation>an invalid Unicode escape</translation>
    </message>
    <message>
        <source>反斜杠转义无效</source>
        <translation>an invalid backslash escape</translation>
    </message>
    <message>
        <source>数据之后还有多余的内容</source>
        <translation>more follows the data</translation>
    </message>
    <message>
        <source>末尾多了一个逗号</source>
        <translation>a comma too many at the end</translation>
    </message>
    <message>
        <source>内容在此处意外结束</source>
        <translation>the content ends unexpectedly here</translation>
    </message>
    <message>
        <source>格式错误</source>
        <translation>malformed</translation>
    </message>
    <message>
        <source>政策数据已更新：{before} → {after}</source>
        <translation>Policy data updated: {before} → {after}</translation>
    </message>
    <message>
        <source>企业档案在生成后已修改</source>
        <translation>The profile was changed after the PDF was generated</translation>
    </message>
    <message>
        <source>{field}在生成后已修改</source>
        <translation>{field} changed since it was generated</translation>
    </message>
    <message>
        <source>无法按现有档案重新测算：{error}</source>
        <translation>Cannot judge again with the profile as it is: {error}</translation>
    </message>
    <message>
        <source>措施 {measure} 已不在现在的政策库中（提供它的政策包已移除或不再启用），无法重新测算</source>
        <translation>Measure {measure} is no longer in the policy library in use (the policy pack that gave it was removed or is no longer used): it cannot be judged again</translation>
    </message>
    <message>
        <source>测算结果：{before} → {after}</source>
        <translation>Result: {before} → {after}</translation>
    </message>
    <message>
        <source>金额：{before} → {after}</source>
        <translation>Amount: {before} → {after}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>{sum} 元</source>
        <translation>CNY {sum}</translation>
    </message>
    <message>
        <source>新增条件：{label}（{mark}）</source>
        <translation>New condition: {label} ({mark})</translation>
    </message>
    <message>
        <source>条件「{label}」：{value}（{mark}）→ {now}（{now_mark}）</source>
        <translation>Condition “{label}”: {value} ({mark}) → {now} ({now_mark})</translation>
    </message>
    <message>
        <source>条件已取消：{label}</source>
        <translation>Condition dropped: {label}</translation>
    </message>
    <message>
        <source>计算过程：{expression}</source>
        <translation>Calculation: {expression}</translation>
    </message>
    <message>
        <source>金额与条件均未变</source>
        <translation>Amount and conditions unchanged</translation>
    </message>
    <message>
        <source>未知的状态 {text}（可用：{known}）</source>
        <translation>Unknown state {text} (known: {known})</translation>
    </message>
    <message>
        <source>{what} {text!r} 无效，应为以元计的非负数，最多两位小数（如 125000 或 125,000.50）</source>
        <translation>{what} {text!r} is not valid: a sum in yuan, not negative, with at most two decimals (such as 125000 or 125,000.50)</translation>
    </message>
    <message>
        <source>{what} {text} 无效，应为以元计的非负数，最多两位小数</source>
        <translation>{what} {text} is not valid: a sum in yuan, not negative, with at most two decimals</translation>
    </message>
    <message>
        <source>{what} {text} 过大，应小于 10 万亿元，请核对</source>
        <translation>{what} {text} is too large: it should be under 10 trillion yuan; please check it</translation>
    </message>
    <message>
        <source>{what} {text!r} 无效，应为存在的日期 YYYY-MM-DD</source>
        <translation>{what} {text!r} is not valid: a date that exists, YYYY-MM-DD</translation>
    </message>
    <message>
        <source>没有编号为 {id} 的申报</source>
        <translation>There is no declaration numbered {id}</translation>
    </message>
    <message>
        <source>{what}{problem}</source>
        <translation>{what} {problem}</translation>
    </message>
    <message>
        <source>「已生成」在生成申报书时自动记录（向导的“完成”或 shenbao render --uscc），不能手工设置</source>
        <translation>“Generated” is recorded when the application is generated (the wizard&apos;s “Finish”, or shenbao render --uscc); it cannot be set by hand</translation>
    </message>
    <message>
        <source>申报 #{id} {state}，不能再更改状态</source>
        <translation>Declaration #{id} is {state}: its state can no longer be changed</translation>
    </message>
    <message>
        <source>申报 #{id} 当前为{current}，不能改为{to}</source>
        <translation>Declaration #{id} is {current}: it cannot be changed to {to}</translation>
    </message>
    <message>
        <source>申报 #{id} 当前为{current}，不能改为{to}；可改为：{allowed}</source>
        <translation>Declaration #{id} is {current}: it cannot be changed to {to}; it can be changed to: {allowed}</translation>
    </message>
    <message>
        <source>日期 {day} 晚于今天，状态变更应记录已发生的日期</source>
        <translation>The date {day} is after today: record a change of state on the day it happened</translation>
    </message>
    <message>
        <source>日期 {day} 早于上一次状态变更（{last}）</source>
        <translation>The date {day} is before the last change of state ({last})</translation>
    </message>
    <message>
        <source>日期 {day} 早于申报创建的日期（{made}）</source>
        <translation>The date {day} is before the declaration was made ({made})</translation>
    </message>
    <message>
        <source>核定金额只能在已入选·已立项或已拨付时填写</source>
        <translation>The amount awarded can be entered only with Selected / approved or Paid</translation>
    </message>
    <message>
        <source>拨付金额只能在已拨付时填写</source>
        <translation>The amount paid can be entered only with Paid</translation>
    </message>
    <message>
        <source>拨付金额应大于 0</source>
        <translation>The amount paid must be more than 0</translation>
    </message>
    <message>
        <source>申报为{state}，却记有拨付 {total} 元：拨付只能在已拨付时记录</source>
        <translation>The declaration is {state} yet records CNY {total} paid: payments are recorded only with Paid</translation>
    </message>
    <message>
        <source>改为已拨付时须填写本次拨付金额</source>
        <translation>Enter the sum paid this time to record it as Paid</translation>
    </message>
    <message numerus="yes">
        <source>申报 #{id} 没有第 {number} 笔拨付（共 {count} 笔）</source>
        <translation>
            <numerusform>Declaration #{id} has no payment {number} ({count} payment recorded)</numerusform>
            <numerusform>Declaration #{id} has no payment {number} ({count} payments recorded)</numerusform>
        </translation>
    </message>
    <message>
        <source>申报 #{id} 的第 {number} 笔拨付已被更改（现为 {on} {amount} 元），请核对后再撤销</source>
        <translation>Payment {number} of declaration #{id} has changed meanwhile (now {on}, CNY {amount}): check it before removing it</translation>
    </message>
    <message>
        <source>申报 #{id} 的第 {number} 笔拨付是 {on} {amount} 元，不是 {given} 元；未撤销，请用 show 核对</source>
        <translation>Payment {number} of declaration #{id} is CNY {amount} on {on}, not CNY {given}; not removed: check it with show</translation>
    </message>
    <message>
        <source>申报 #{id} {state}，不能撤销拨付</source>
        <translation>Declaration #{id} is {state}: its payments can no longer be removed</translation>
    </message>
    <message>
        <source>申报 #{id} 的状态记录中没有已拨付之前的状态，无法撤销最后一笔拨付</source>
        <translation>The history of declaration #{id} records no state before Paid: its last payment cannot be removed</translation>
    </message>
    <message>
        <source>累计拨付 {total} 元超过核定金额 {ceiling} 元</source>
        <translation>The total paid, CNY {total}, is more than the amount awarded, CNY {ceiling}</translation>
    </message>
    <message>
        <source>累计拨付 {total} 元超过申请金额 {applied} 元：核定金额更高时，请同时填写核定金额</source>
        <translation>The total paid, CNY {total}, is more than the amount applied for, CNY {applied}: when more was awarded, enter the amount awarded as well</translation>
    </message>
    <message>
        <source>{path}: 文件不存在</source>
        <translation>{path}: the file does not exist</translation>
    </message>
    <message>
        <source>{path}: 无法读取（{why}）</source>
        <translation>{path}: cannot be read ({why})</translation>
    </message>
    <message>
        <source>{path}: 无法写入（{why}）</source>
        <translation>{path}: cannot be written ({why})</translation>
    </message>
    <message>
        <source>申报 #{id} 的材料清单没有第 {number} 项</source>
        <translation>The materials list of declaration #{id} has no item {number}</translation>
    </message>
    <message>
        <source>{path}: 不是申报书 PDF 文件，不会打开或覆盖它</source>
        <translation>{path}: not a declaration PDF; it is neither opened nor written over</translation>
    </message>
    <message>
        <source>申报 #{id} 仍是草稿，请在向导中完成后生成</source>
        <translation>Declaration #{id} is still a draft: finish it in the wizard to generate it</translation>
    </message>
    <message>
        <source>申报 #{id} 生成时未保存测算依据，请在向导中重新生成</source>
        <translation>Declaration #{id} was generated without keeping what it was judged on: generate it again in the wizard</translation>
    </message>
    <message>
        <source>申报 #{id} 的测算依据无法读取：{error}</source>
        <translation>What declaration #{id} was judged on cannot be read: {error}</translation>
    </message>
    <message>
        <source>申报 #{id} 的措施 {measure} 已没有申报书定义（提供它的政策包已移除或不再启用），无法重新生成；重新安装该政策包后再试</source>
        <translation>The measure {measure} of declaration #{id} no longer has an application form (the policy pack that gave it was removed or turned off), so it cannot be generated again; install that policy pack again and retry</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>核定金额</source>
        <translation>Amount awarded</translation>
    </message>
    <message>
        <source>拨付金额</source>
        <translation>Amount paid</translation>
    </message>
    <message>
        <source>--on 日期</source>
        <translation>--on date</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>第{article}条标题</source>
        <translation>Article {article}: heading</translation>
    </message>
    <message>
        <source>第{article}条措辞调整</source>
        <translation>Article {article}: wording</translation>
    </message>
    <message>
        <source>第{article}条新增内容</source>
        <translation>Article {article}: added</translation>
    </message>
    <message>
        <source>第{article}条删去内容</source>
        <translation>Article {article}: removed</translation>
    </message>
    <message>
        <source>标题“{before}” → “{after}”</source>
        <translation>Heading “{before}” → “{after}”</translation>
    </message>
    <message>
        <source>新增：{text}</source>
        <translation>Added: {text}</translation>
    </message>
    <message>
        <source>删去：{text}</source>
        <translation>Removed: {text}</translation>
    </message>
    <message>
        <source>“{old}” → “{new}”</source>
        <translation>“{old}” → “{new}”</translation>
    </message>
    <message>
        <source>删去“{old}”</source>
        <translation>removed “{old}”</translation>
    </message>
    <message>
        <source>增加“{new}”</source>
        <translation>added “{new}”</translation>
    </message>
    <message>
        <source>{parts}</source>
        <translation>{parts}</translation>
    </message>
    <message>
        <source>；等</source>
        <translation>; etc.</translation>
    </message>
    <message>
        <source>申报通知《{title}》（{number}）：受理期 {opens} 至 {closes}（{stage}，以通知为准）{place}{contact}。</source>
        <translation>Notice “{title}” ({number}): applications from {opens} to {closes} ({stage}; as the notice says){place}{contact}.</translation>
    </message>
    <message>
        <source>尚未开始</source>
        <translation>Not yet open</translation>
    </message>
    <message>
        <source>；受理地点：{place}</source>
        <translation>; submit to: {place}</translation>
    </message>
    <message>
        <source>；咨询：{contact}</source>
        <translation>; enquiries: {contact}</translation>
    </message>
    <message>
        <source>{name}: 购买方 {buyer} 不是本企业，已按允许加入</source>
        <translation>{name}: the buyer {buyer} is not this enterprise; added as allowed</translation>
    </message>
    <message>
        <source>{name}: 开票日期 {date} 不在申报年度 {year} 年内</source>
        <translation>{name}: issued on {date}, outside the year applied for ({year})</translation>
    </message>
    <message>
        <source>{name}: 明细（{names}）看起来不是算力或信息技术服务，请确认是否计入</source>
        <translation>{name}: the items ({names}) do not look like computing or IT services; confirm they should count</translation>
    </message>
    <message>
        <source>{name}: 红字发票，价税合计 {total} 元冲减年度购买算力服务总额</source>
        <translation>{name}: a red-letter invoice; its total including tax, CNY {total}, reduces the computing services bought this year</translation>
    </message>
    <message>
        <source>年度购买算力服务总额原填 {typed} 元，今后按发票清单的价税合计计算</source>
        <translation>Computing services bought this year was typed as CNY {typed}; from now on it is the sum of the invoices&apos; totals including tax</translation>
    </message>
    <message>
        <source>{name}: 与 {first} 是同一张发票（{number}），只计入一次</source>
        <translation>{name}: the same invoice as {first} ({number}); counted once</translation>
    </message>
    <message>
        <source>{name}: 这张发票（{number}）已选过一次，只计入一次</source>
        <translation>{name}: this invoice ({number}) was chosen once already; counted once</translation>
    </message>
    <message>
        <source>{name}: 识别自扫描件，须在申报助手的「导入发票」中对照原件核对确认后才能加入</source>
        <translation>{name}: recognised from a scan; it can be added only in Shenbao Assistant&apos;s Import invoices, once checked against the original</translation>
    </message>
    <message>
        <source>{name}: 核对未通过（{check}），未加入</source>
        <translation>{name}: failed a check ({check}); not added</translation>
    </message>
    <message>
        <source>{name}: 发票 {number} 已在算力服务发票清单中，未重复加入</source>
        <translation>{name}: invoice {number} is already in the list of computing services invoices; not added again</translation>
    </message>
    <message>
        <source>{name}: 购买方 {buyer} 不是本企业（{uscc}），未加入；分支机构或更名的可选择允许其他购买方</source>
        <translation>{name}: the buyer {buyer} is not this enterprise ({uscc}); not added. For a branch or a renamed firm, allow another buyer</translation>
    </message>
    <message>
        <source>{name}: 与 {first} 发票号码同为 {number}，但金额、日期或纳税人识别号不一致，未加入</source>
        <translation>{name}: the same invoice number {number} as {first}, but the amounts, date or tax ids differ; not added</translation>
    </message>
    <message>
        <source>{buyer_name}（{tax_id}）</source>
        <translation>{buyer_name} ({tax_id})</translation>
    </message>
    <message>
        <source>（无名称）</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>无纳税人识别号</source>
        <translation>no tax id</translation>
    </message>
    <message>
        <source>{listed}</source>
        <translation>{listed}</translation>
    </message>
    <message numerus="yes">
        <source>{listed} 等 {count} 项</source>
        <translation>
            <numerusform>{listed} ({count} item)</numerusform>
            <numerusform>{listed} and more ({count} items)</numerusform>
        </translation>
    </message>
    <message>
        <source>（无明细）</source>
        <translation>(no items)</translation>
    </message>
    <message>
        <source>{path}: {said}</source>
        <translation>{path}: {said}</translation>
    </message>
    <message>
        <source>这是一个文件夹，不是发票文件</source>
        <translation>this is a folder, not an invoice file</translation>
    </message>
    <message>
        <source>不是普通文件（设备或管道），不是发票</source>
        <translation>not a regular file (a device or a pipe), not an invoice</translation>
    </message>
    <message>
        <source>文件过大（{size} 字节），不是发票</source>
        <translation>the file is too large ({size} bytes) to be an invoice</translation>
    </message>
    <message>
        <source>文件过大（超过 {most} 字节），不是发票</source>
        <translation>the file is too large (over {most} bytes) to be an invoice</translation>
    </message>
    <message>
        <source>不是发票文件（支持税务平台下发的 XML、OFD 和 PDF）</source>
        <translation>not an invoice file (the XML, OFD and PDF files the tax platform issues are supported)</translation>
    </message>
    <message>
        <source>文件标为红字发票，但价税合计 {total} 元不是负数</source>
        <translation>the file marks it a red-letter invoice, but its total including tax, {total} yuan, is not negative</translation>
    </message>
    <message>
        <source>金额、税额或价税合计缺失</source>
        <translation>the amount, the tax or the total including tax is missing</translation>
    </message>
    <message>
        <source>金额 {amount} + 税额 {tax} {sign} 价税合计 {total}</source>
        <translation>amount {amount} + tax {tax} {sign} total including tax {total}</translation>
    </message>
    <message>
        <source>没有读到明细金额，无法核对</source>
        <translation>no item amounts were read, so they cannot be checked</translation>
    </message>
    <message>
        <source>明细合计 {items} {sign} 金额 {amount}</source>
        <translation>items {items} {sign} amount {amount}</translation>
    </message>
    <message>
        <source>{party}名称长 {length} 字，不像发票上的名称（至多 {most} 字）</source>
        <translation>the {party}&apos;s name is {length} characters long, unlike a name on an invoice ({most} at most)</translation>
    </message>
    <message>
        <source>明细名称长 {length} 字，不像发票上的明细（至多 {most} 字）</source>
        <translation>an item&apos;s name is {length} characters long, unlike an item on an invoice ({most} at most)</translation>
    </message>
    <message>
        <source>{figure} {text} 不是可读的金额</source>
        <translation>{figure} {text} is not a readable amount</translation>
    </message>
    <message>
        <source>没有读到开票日期</source>
        <translation>no date of issue was found</translation>
    </message>
    <message>
        <source>没有读到销售方名称</source>
        <translation>no seller&apos;s name was found</translation>
    </message>
    <message>
        <source>{party}纳税人识别号缺失</source>
        <translation>the {party}&apos;s tax id is missing</translation>
    </message>
    <message>
        <source>{party}没有纳税人识别号（个人）</source>
        <translation>the {party} has no tax id (a person)</translation>
    </message>
    <message>
        <source>{party}统一社会信用代码 {code} 符合 GB 32100</source>
        <translation>the {party}&apos;s unified social credit code {code} conforms to GB 32100</translation>
    </message>
    <message>
        <source>{party}纳税人识别号 {code} 不符合 GB 32100（位数或校验码不对）</source>
        <translation>the {party}&apos;s tax id {code} does not conform to GB 32100 (wrong length or check character)</translation>
    </message>
    <message>
        <source>发票号码 {number!r} 应全为数字</source>
        <translation>the invoice number {number!r} should be digits only</translation>
    </message>
    <message>
        <source>发票代码 {code}、发票号码 {number}</source>
        <translation>invoice code {code}, invoice number {number}</translation>
    </message>
    <message>
        <source>发票代码 {code}、发票号码 {number}：应为 10 或 12 位代码加 8 位号码</source>
        <translation>invoice code {code}, invoice number {number}: should be a code of 10 or 12 digits and a number of 8</translation>
    </message>
    <message>
        <source>发票号码 {number}（20 位数电发票号码）</source>
        <translation>invoice number {number} (the 20 digits of a fully digital invoice)</translation>
    </message>
    <message>
        <source>发票号码 {number}：数电发票号码应为 20 位，此为 {length} 位</source>
        <translation>invoice number {number}: a fully digital invoice&apos;s number has 20 digits, this one {length}</translation>
    </message>
    <message>
        <source>文件中没有价税合计，按金额与税额相加得出</source>
        <translation>the file gives no total including tax: it is the amount and the tax added up</translation>
    </message>
    <message>
        <source>红字发票（金额为负）：计入时冲减合计</source>
        <translation>a red-letter invoice (negative amounts): it reduces the total it is counted in</translation>
    </message>
    <message>
        <source>销售方</source>
        <translation>seller</translation>
    </message>
    <message>
        <source>购买方</source>
        <translation>buyer</translation>
    </message>
    <message>
        <source>税额</source>
        <translation>Tax</translation>
    </message>
    <message>
        <source>价税合计</source>
        <translation>Total including tax</translation>
    </message>
    <message>
        <source>XML 文件过大，不是发票</source>
        <translation>the XML file is too large to be an invoice</translation>
    </message>
    <message>
        <source>XML 含有文档类型定义（DTD），不是税务平台的发票文件</source>
        <translation>the XML holds a document type definition (DTD): not an invoice file of the tax platform</translation>
    </message>
    <message>
        <source>XML 在第 {line} 行第 {column} 列中断：{cut}</source>
        <translation>the XML breaks off at line {line}, column {column}: {cut}</translation>
    </message>
    <message>
        <source>XML 第 {line} 行第 {column} 列格式错误；请使用税务平台下发的原文件</source>
        <translation>the XML is malformed at line {line}, column {column}; use the original file the tax platform issued</translation>
    </message>
    <message>
        <source>XML 第 {line} 行第 {column} 列格式错误（{fault}）；请使用税务平台下发的原文件</source>
        <translation>the XML is malformed at line {line}, column {column} ({fault}); use the original file the tax platform issued</translation>
    </message>
    <message>
        <source>XML 声明的编码是 {name}，但内容不是（第 {byte} 字节）</source>
        <translation>the XML declares the encoding {name}, but its content is not in it (byte {byte})</translation>
    </message>
    <message>
        <source>XML 声明了无法识别的编码 {name}</source>
        <translation>the XML declares an unknown encoding, {name}</translation>
    </message>
    <message>
        <source>XML 按开头应为 {name} 编码，但内容不是（第 {byte} 字节）</source>
        <translation>the XML starts as {name}, but its content is not in it (byte {byte})</translation>
    </message>
    <message>
        <source>XML 按开头是 {name} 编码，却声明为 {declared}，不是税务平台的发票文件</source>
        <translation>the XML starts as {name} but declares {declared}: not an invoice file of the tax platform</translation>
    </message>
    <message>
        <source>XML 嵌套超过 {most} 层，不是发票</source>
        <translation>the XML is nested more than {most} levels deep: not an invoice</translation>
    </message>
    <message>
        <source>XML 元素超过 {most} 个，不是发票</source>
        <translation>the XML has more than {most} elements: not an invoice</translation>
    </message>
    <message>
        <source>XML 的根元素是 {name}，不是税务平台的发票（应为 EInvoice 或 fp:eInvoice）</source>
        <translation>the XML&apos;s root element is {name}: not an invoice of the tax platform (it should be EInvoice or fp:eInvoice)</translation>
    </message>
    <message>
        <source>XML 中没有发票数据（{name} 下缺少 {wanted}），不是完整的发票文件；请使用税务平台下发的原文件</source>
        <translation>the XML holds no invoice data ({name} has no {wanted} under it): not a complete invoice file; use the original file the tax platform issued</translation>
    </message>
    <message>
        <source>XML 中没有找到发票号码，不是税务平台的发票</source>
        <translation>no invoice number was found in the XML: not an invoice of the tax platform</translation>
    </message>
    <message>
        <source>文件中两处发票号码不一致：{number} 与 {other}</source>
        <translation>the file gives two different invoice numbers: {number} and {other}</translation>
    </message>
    <message>
        <source>语法错误</source>
        <translation>a syntax error</translation>
    </message>
    <message>
        <source>含有不允许的字符</source>
        <translation>a character that is not allowed</translation>
    </message>
    <message>
        <source>开始标签与结束标签不配对</source>
        <translation>a start tag and an end tag do not match</translation>
    </message>
    <message>
        <source>属性重复</source>
        <translation>an attribute given twice</translation>
    </message>
    <message>
        <source>根元素之后还有内容</source>
        <translation>more follows the root element</translation>
    </message>
    <message>
        <source>引用了未定义的实体</source>
        <translation>an undefined entity</translation>
    </message>
    <message>
        <source>字符引用无效</source>
        <translation>an invalid character reference</translation>
    </message>
    <message>
        <source>XML 声明不在文件开头</source>
        <translation>the XML declaration is not at the start of the file</translation>
    </message>
    <message>
        <source>内容与声明的编码不符</source>
        <translation>the content does not match the declared encoding</translation>
    </message>
    <message>
        <source>使用了未声明的命名空间前缀</source>
        <translation>an undeclared namespace prefix</translation>
    </message>
    <message>
        <source>XML 声明格式不正确</source>
        <translation>a malformed XML declaration</translation>
    </message>
    <message>
        <source>OFD 的 XML 部件过于庞大（超过 {most} 个标签），不是发票</source>
        <translation>the OFD&apos;s XML parts are too large (over {most} tags): not an invoice</translation>
    </message>
    <message>
        <source>OFD {zip}</source>
        <translation>OFD: {zip}</translation>
    </message>
    <message>
        <source>不是 OFD 文件（缺少 OFD.xml）</source>
        <translation>not an OFD file (OFD.xml is missing)</translation>
    </message>
    <message>
        <source>OFD 中没有发票数据（无自定义数据、标签或原始发票 XML），可能不是发票</source>
        <translation>the OFD holds no invoice data (no custom data, tags or original invoice XML): perhaps not an invoice</translation>
    </message>
    <message>
        <source>页面标签中的明细名称（{names} 行）与金额（{amounts} 行）行数不一致</source>
        <translation>the page tags give {names} item names but {amounts} amounts</translation>
    </message>
    <message>
        <source>{source}中{check}</source>
        <translation>in the {source}, {check}</translation>
    </message>
    <message>
        <source>只有一处数据来源（{source}）</source>
        <translation>a single source of data ({source})</translation>
    </message>
    <message>
        <source>{seen}一致</source>
        <translation>{seen} agree</translation>
    </message>
    <message>
        <source>OFD 中各处数据不一致：{parts}</source>
        <translation>the OFD&apos;s sources disagree: {parts}</translation>
    </message>
    <message>
        <source>{name}（{seen}）</source>
        <translation>{name} ({seen})</translation>
    </message>
    <message>
        <source>{source} {shown}</source>
        <translation>{source} {shown}</translation>
    </message>
    <message>
        <source>附件 XML</source>
        <translation>attached XML</translation>
    </message>
    <message>
        <source>页面标签</source>
        <translation>page tags</translation>
    </message>
    <message>
        <source>OFD.xml 自定义数据</source>
        <translation>custom data of OFD.xml</translation>
    </message>
    <message>
        <source>PDF 文件不完整（可能下载或复制时被截断），请重新获取原文件</source>
        <translation>the PDF file is incomplete (perhaps cut short while downloaded or copied): get the original file again</translation>
    </message>
    <message>
        <source>PDF 设有打开口令，无法读取；请使用税务平台下发的原文件</source>
        <translation>the PDF has an opening password and cannot be read; use the original file the tax platform issued</translation>
    </message>
    <message>
        <source>PDF 使用了不支持的加密方式，无法读取；请使用税务平台下发的原文件</source>
        <translation>the PDF uses an unsupported encryption and cannot be read; use the original file the tax platform issued</translation>
    </message>
    <message>
        <source>PDF 已损坏或无法解析，请重新获取原文件</source>
        <translation>the PDF is damaged or cannot be parsed: get the original file again</translation>
    </message>
    <message>
        <source>PDF 中有部分数据已损坏，读出的内容请对照原件核对</source>
        <translation>part of the PDF&apos;s data is damaged: check what was read against the original</translation>
    </message>
    <message>
        <source>PDF 没有文字层（扫描件或图片），无法直接读取；请使用税务平台下发的 XML、OFD 或原版 PDF</source>
        <translation>the PDF has no text layer (a scan or a picture) and cannot be read directly; use the XML, OFD or original PDF the tax platform issued</translation>
    </message>
    <message>
        <source>PDF 中没有找到发票号码，不是税务平台的发票</source>
        <translation>no invoice number was found in the PDF: not an invoice of the tax platform</translation>
    </message>
    <message numerus="yes">
        <source>PDF 中同一张发票 {number} 出现 {count} 次（第 {first}、{page} 页），请导入只含这张发票一份的文件</source>
        <translation>
            <numerusform>the PDF holds invoice {number} {count} time (pages {first} and {page}): import a file holding it once</numerusform>
            <numerusform>the PDF holds invoice {number} {count} times (pages {first} and {page}): import a file holding it once</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PDF 含有 {count} 张发票：{parts}；请把每张发票的文件分别导入</source>
        <translation>
            <numerusform>the PDF holds {count} invoice: {parts}; import each invoice&apos;s file on its own</numerusform>
            <numerusform>the PDF holds {count} invoices: {parts}; import each invoice&apos;s file on its own</numerusform>
        </translation>
    </message>
    <message>
        <source>{number}（第 {pages} 页）</source>
        <translation>{number} (pages {pages})</translation>
    </message>
    <message numerus="yes">
        <source>第 {page} 页上同一张发票 {number} 出现 {count} 次，请导入只含这张发票一份的文件</source>
        <translation>
            <numerusform>page {page} shows invoice {number} {count} time: import a file holding it once</numerusform>
            <numerusform>page {page} shows invoice {number} {count} times: import a file holding it once</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>第 {page} 页似乎含有 {count} 张发票（发票号码 {numbers}）；请把每张发票分别存为一个文件导入</source>
        <translation>
            <numerusform>page {page} seems to hold {count} invoice (invoice number {numbers}); save each invoice as a file of its own to import it</numerusform>
            <numerusform>page {page} seems to hold {count} invoices (invoice numbers {numbers}); save each invoice as a file of its own to import it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PDF 有 {count} 页，不像一张发票</source>
        <translation>
            <numerusform>the PDF has {count} page, unlike one invoice</numerusform>
            <numerusform>the PDF has {count} pages, unlike one invoice</numerusform>
        </translation>
    </message>
    <message>
        <source>PDF 的内容解压后过大，不像一张发票（疑似压缩炸弹）</source>
        <translation>the PDF&apos;s content is too large once decompressed to be an invoice (perhaps a decompression bomb)</translation>
    </message>
    <message>
        <source>PDF 的压缩数据已损坏，不是税务平台的发票</source>
        <translation>the PDF&apos;s compressed data is damaged: not an invoice of the tax platform</translation>
    </message>
    <message>
        <source>PDF {drawn}过多，不像一张发票</source>
        <translation>the PDF has too much {drawn} to be an invoice</translation>
    </message>
    <message>
        <source>绘制的内容</source>
        <translation>content to draw</translation>
    </message>
    <message>
        <source>绘制的文字和图形</source>
        <translation>text and graphics to draw</translation>
    </message>
    <message>
        <source>{what}，需要识别（OCR）才能读取。{adds}</source>
        <translation>{what}: it needs recognition (OCR) to be read. {adds}</translation>
    </message>
    <message>
        <source>这是一张图片</source>
        <translation>this is a picture</translation>
    </message>
    <message>
        <source>PDF 没有文字层（扫描件或图片）</source>
        <translation>the PDF has no text layer (a scan or a picture)</translation>
    </message>
    <message>
        <source>PDF 第 {page} 页页面过大（按 {dpi} dpi 为 {width}×{height} 像素），不像一张发票</source>
        <translation>page {page} of the PDF is too large ({width}×{height} pixels at {dpi} dpi) to be an invoice</translation>
    </message>
    <message>
        <source>图片中没有识别出发票或营业执照的内容</source>
        <translation>nothing of an invoice or a business licence was recognised in the picture</translation>
    </message>
    <message>
        <source>扫描件中没有识别出发票号码和价税合计，不像一张发票</source>
        <translation>no invoice number and total including tax were recognised in the scan: it does not look like an invoice</translation>
    </message>
    <message>
        <source>扫描件中没有识别出发票号码</source>
        <translation>no invoice number was recognised in the scan</translation>
    </message>
    <message>
        <source>识别自扫描件，须逐项对照原件核对</source>
        <translation>recognised from a scan: check each field against the original</translation>
    </message>
    <message>
        <source>统一社会信用代码 {code} 符合 GB 32100</source>
        <translation>the unified social credit code {code} conforms to GB 32100</translation>
    </message>
    <message>
        <source>统一社会信用代码无法可靠识别，请照原件填写</source>
        <translation>the unified social credit code could not be recognised reliably: fill it in from the original</translation>
    </message>
    <message>
        <source>统一社会信用代码无法可靠识别（识别为 {seen}），请照原件填写</source>
        <translation>the unified social credit code could not be recognised reliably (read as {seen}): fill it in from the original</translation>
    </message>
    <message>
        <source>没有识别出{label_name}</source>
        <translation>no {label_name} was recognised</translation>
    </message>
    <message>
        <source>注册资本以外币登记（{printed}），未按人民币填入，请折算后填写</source>
        <translation>the registered capital is in a foreign currency ({printed}) and was not filled in as yuan: convert it and fill it in</translation>
    </message>
    <message>
        <source>注册资本（{printed}）无法读作一个金额，请照原件填写</source>
        <translation>the registered capital ({printed}) cannot be read as one amount: fill it in from the original</translation>
    </message>
    <message>
        <source>图片已损坏或格式不支持</source>
        <translation>the picture is damaged or in an unsupported format</translation>
    </message>
    <message>
        <source>图片过大（{width}×{height} 像素），请使用不超过 8000 万像素的照片</source>
        <translation>the picture is too large ({width}×{height} pixels): use a photo of at most 80 million pixels</translation>
    </message>
    <message>
        <source>这是一张图片，需要识别（OCR）才能读取。{adds}</source>
        <translation>this is a picture: it needs recognition (OCR) to be read. {adds}</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>type</translation>
    </message>
    <message>
        <source>注册资本</source>
        <translation>registered capital</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>address</translation>
    </message>
    <message numerus="yes">
        <source>应为 18 位（收到 {count} 位）</source>
        <translation>
            <numerusform>should have 18 characters (got {count})</numerusform>
            <numerusform>should have 18 characters (got {count})</numerusform>
        </translation>
    </message>
    <message>
        <source>应为 17 位数字加 1 位校验码（数字或 X）</source>
        <translation>should be 17 digits and a check character (a digit or X)</translation>
    </message>
    <message>
        <source>开头的省级代码 {code} 不存在</source>
        <translation>no province has the code {code} it begins with</translation>
    </message>
    <message>
        <source>出生日期 {digits} 不存在</source>
        <translation>the date of birth {digits} does not exist</translation>
    </message>
    <message>
        <source>出生日期 {date} 不合理</source>
        <translation>the date of birth {date} is not plausible</translation>
    </message>
    <message>
        <source>校验码不符</source>
        <translation>the check character does not match</translation>
    </message>
    <message>
        <source>外国人永久居留身份证号应以 9 开头</source>
        <translation>a foreigner&apos;s permanent residence ID number begins with 9</translation>
    </message>
    <message>
        <source>应为 H 或 M 开头加 8 位数字（或 10 位）</source>
        <translation>should be H or M and 8 digits (or 10)</translation>
    </message>
    <message>
        <source>应为 8 位数字（旧证 10 位）</source>
        <translation>should be 8 digits (10 on older permits)</translation>
    </message>
    <message>
        <source>应为 5 到 17 位字母或数字</source>
        <translation>should be 5 to 17 letters or digits</translation>
    </message>
    <message>
        <source>开头的 0 可能被表格去掉了（单元格按数字保存时不留开头的 0）：座机号请写成 {zero}，并把该列设为文本格式</source>
        <translation>the leading 0 may have been dropped by the spreadsheet (a cell kept as a number keeps no leading 0): write a landline as {zero} and format the column as text</translation>
    </message>
    <message>
        <source>「-」不是金额（会计格式把 0 显示为「-」）：金额为 0 请填 0，不知道请留空</source>
        <translation>“-” is no amount (an accounting format shows 0 as “-”): enter 0 for nothing, or leave it blank if not known</translation>
    </message>
    <message numerus="yes">
        <source>搜索的词过多（{count} 个，最多 {limit} 个）：请只写名称、代码或地区中的几个词</source>
        <translation>
            <numerusform>Too many words to search for ({count} word, {limit} at most): give a few words of the name, code or district</numerusform>
            <numerusform>Too many words to search for ({count} words, {limit} at most): give a few words of the name, code or district</numerusform>
        </translation>
    </message>
    <message>
        <source>{uscc}: 身份证号或联系电话写在了 enterprise.contact_phone、facts.core_engineers 以外的位置，不能加密保存，未保存；请把它们移到这两个字段中</source>
        <translation>{uscc}: an ID number or phone number is written outside enterprise.contact_phone and facts.core_engineers, where it cannot be encrypted; nothing was saved. Move it into those fields</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 为只读：可以查看和导出，但不能保存修改；请检查文件夹权限，或选择其他数据文件夹（窗口中：设置 → 数据文件夹；命令行：--data-dir）</source>
        <translation>The data folder {folder} is read-only: you can view and export, but not save changes. Check the folder&apos;s permissions, or choose another data folder (in the window: Settings → Data folder; on the command line: --data-dir)</translation>
    </message>
    <message>
        <source>磁盘已满或无法写入，本次修改未保存（已保存的数据不受影响）；请腾出磁盘空间后重试</source>
        <translation>The disk is full or cannot be written: this change was not saved (the data saved before is unaffected). Free some disk space and try again</translation>
    </message>
    <message>
        <source>数据文件夹为只读，本次修改未保存；请检查文件夹权限或在设置中更换数据文件夹</source>
        <translation>The data folder is read-only: this change was not saved. Check the folder&apos;s permissions, or choose another data folder in Settings</translation>
    </message>
    <message>
        <source>数据库正被另一程序长时间占用，本次修改未保存；请稍后重试</source>
        <translation>The database has been locked by another program for too long: this change was not saved. Please try again later</translation>
    </message>
    <message>
        <source>没有统一社会信用代码为 {uscc} 的企业</source>
        <translation>There is no enterprise with unified social credit code {uscc}</translation>
    </message>
    <message>
        <source>统一社会信用代码为 {uscc} 的企业已存在</source>
        <translation>An enterprise with unified social credit code {uscc} already exists</translation>
    </message>
    <message>
        <source>申报 #{id} 已在申报记录中记为{state}，不能再作为草稿修改；本次修改未保存</source>
        <translation>Declaration #{id} is recorded in the register as {state} and can no longer be changed as a draft; this change was not saved</translation>
    </message>
    <message>
        <source>没有可导入的企业</source>
        <translation>There are no enterprises to import</translation>
    </message>
    <message>
        <source>{path}: 这是一个文件夹，不是要导入的文件</source>
        <translation>{path}: this is a folder, not a file to import</translation>
    </message>
    <message>
        <source>{path}: 不支持的文件类型（应为 .shenbao 数据包、.json 档案或 .csv/.txt/.xlsx 表格）</source>
        <translation>{path}: this kind of file is not supported (import a .shenbao bundle, a .json profile or a .csv/.txt/.xlsx table)</translation>
    </message>
    <message>
        <source>数据口令不正确</source>
        <translation>The data passphrase is wrong</translation>
    </message>
    <message numerus="yes">
        <source>数据口令不正确（已输入 {count} 次）</source>
        <translation>
            <numerusform>The data passphrase is wrong (entered {count} time)</numerusform>
            <numerusform>The data passphrase is wrong (entered {count} times)</numerusform>
        </translation>
    </message>
    <message>
        <source>口令不正确，或数据包已被改动</source>
        <translation>the passphrase is wrong, or the bundle has been altered</translation>
    </message>
    <message numerus="yes">
        <source>口令不正确，或数据包已被改动（已输入 {count} 次）</source>
        <translation>
            <numerusform>the passphrase is wrong, or the bundle has been altered (entered {count} time)</numerusform>
            <numerusform>the passphrase is wrong, or the bundle has been altered (entered {count} times)</numerusform>
        </translation>
    </message>
    <message>
        <source>{path}: {problem}</source>
        <translation>{path}: {problem}</translation>
    </message>
    <message>
        <source>{path}: {field}: {problem}</source>
        <translation>{path}: {field}: {problem}</translation>
    </message>
    <message>
        <source>{path}: enterprise.uscc: 导入前须填写统一社会信用代码</source>
        <translation>{path}: enterprise.uscc: fill in the unified social credit code before importing</translation>
    </message>
    <message>
        <source>{path}: 文件过大（{size} 字节），不是申报助手数据包</source>
        <translation>{path}: the file is too large ({size} bytes) to be a Shenbao bundle</translation>
    </message>
    <message>
        <source>文件开头没有 SQLite 数据库的标识</source>
        <translation>the file does not start as an SQLite database</translation>
    </message>
    <message>
        <source>文件内部结构已损坏</source>
        <translation>the file&apos;s internal structure is damaged</translation>
    </message>
    <message>
        <source>无法打开该文件</source>
        <translation>the file cannot be opened</translation>
    </message>
    <message>
        <source>读写该文件时出错</source>
        <translation>reading or writing the file failed</translation>
    </message>
    <message>
        <source>{path}: 第 {header_row} 行表头中「{field}」出现了两次（{columns} 列）：请删去其中一列</source>
        <translation>{path}: row {header_row} of the header names “{field}” twice (columns {columns}): delete one of them</translation>
    </message>
    <message>
        <source>{path}: 第 {row} 行第 {column} 列（{letter} 列）有内容（{cell}），但该列没有表头：请在第 {header_row} 行写上它的字段名，或删去该列</source>
        <translation>{path}: row {row}, column {column} (column {letter}) holds something ({cell}), but the column has no header: write its field name in row {header_row}, or delete the column</translation>
    </message>
    <message>
        <source>{path}: 编码无法识别（应为 UTF-8 或 GB18030）：请在表格程序中另存为「CSV UTF-8（逗号分隔）」或 Excel 工作簿（.xlsx）后再导入</source>
        <translation>{path}: the encoding is not recognised (it should be UTF-8 or GB18030): in your spreadsheet program, save the table as “CSV UTF-8 (Comma delimited)” or as an Excel workbook (.xlsx), then import it again</translation>
    </message>
    <message>
        <source>{path}: 像是没有字节顺序标记的 UTF-16 文本（「Unicode 文本」），但无法确定怎样读取：请在表格程序中另存为「CSV UTF-8（逗号分隔）」或 Excel 工作簿（.xlsx）后再导入</source>
        <translation>{path}: this looks like UTF-16 text without a byte-order mark (“Unicode Text”), but it cannot be told how to read it: in your spreadsheet program, save the table as “CSV UTF-8 (Comma delimited)” or as an Excel workbook (.xlsx), then import it again</translation>
    </message>
    <message>
        <source>{path}: 不是有效的 xlsx 表格：{error}</source>
        <translation>{path}: this is not a valid xlsx table: {error}</translation>
    </message>
    <message>
        <source>{path}: 不是有效的 xlsx 表格（文件已损坏，或不是 Excel、WPS 等电子表格程序保存的工作簿）</source>
        <translation>{path}: this is not a valid xlsx table (the file is damaged, or is not a workbook saved by Excel, WPS or another spreadsheet program)</translation>
    </message>
    <message>
        <source>{path}: 这是 Excel、WPS 或 LibreOffice 打开「{name}」时生成的临时锁定文件，不是表格：请选择同一文件夹中的「{name}」（如仍在编辑，请先保存）</source>
        <translation>{path}: this is the lock file Excel, WPS or LibreOffice keeps while “{name}” is open, not a table: choose “{name}” in the same folder (save it first if it is still being edited)</translation>
    </message>
    <message>
        <source>{path}: 第 {header_row} 行表头「{header}」不是已知的字段名</source>
        <translation>{path}: the header “{header}” in row {header_row} is not a known field name</translation>
    </message>
    <message>
        <source>{path}: 这是园区视图导出的测算结果（各措施可申请的金额），不是企业档案，不能导入；要导入的园区表格请用 文件 → 导出 或 shenbao export 得到</source>
        <translation>{path}: this is the park view’s export of what each tenant can apply for, not enterprise profiles, and cannot be imported; a park table to import comes from File → Export or shenbao export</translation>
    </message>
    <message>
        <source>{path}: 第 {header_row} 行表头「{header}」不是已知的字段名（是否指「{field}」？）</source>
        <translation>{path}: the header “{header}” in row {header_row} is not a known field name (did you mean “{field}”?)</translation>
    </message>
    <message>
        <source>导入前须填写统一社会信用代码</source>
        <translation>Fill in the unified social credit code before importing</translation>
    </message>
    <message>
        <source>「{cell}」行是合计，不是企业：请删去这一行，或跳过有错误的行</source>
        <translation>the row of “{cell}” is a total, not an enterprise: delete the row, or skip the rows with errors</translation>
    </message>
    <message>
        <source>{path}: 单元格 {cells}（第 {first}–{last} 行）是合并的：合并单元格只有第一行有内容，其余各行会读作空白。请取消合并，在每一行填上内容后再导入</source>
        <translation>{path}: the cells {cells} (rows {first}–{last}) are merged: a merged cell holds its content in its first row only, and the other rows would be read as blank. Unmerge the cells and fill in every row, then import again</translation>
    </message>
    <message>
        <source>{path}: 单元格 {cells}（第 {row} 行 {columns} 列）是合并的：合并单元格只有第一列有内容，其余各列会读作空白。请取消合并，在每一列填上内容后再导入</source>
        <translation>{path}: the cells {cells} (row {row}, columns {columns}) are merged: a merged cell holds its content in its first column only, and the other columns would be read as blank. Unmerge the cells and fill in every column, then import again</translation>
    </message>
    <message>
        <source>应写作“认定类型:日期”，以分号分隔</source>
        <translation>should be written “kind of recognition:date”, separated by semicolons</translation>
    </message>
    <message>
        <source>各项认定之间应以分号“；”分隔</source>
        <translation>separate the recognitions with semicolons (;)</translation>
    </message>
    <message>
        <source>{problem}（收到 {value}）：电子表格把代码存成了数字，末几位已丢失；请把该列设为文本格式，再照营业执照重新输入</source>
        <translation>{problem} (got {value}): the spreadsheet stored the code as a number and its last digits are lost; format the column as text, then type the code again from the business licence</translation>
    </message>
    <message>
        <source>{path}: 表格中没有工作表</source>
        <translation>{path}: the workbook has no worksheet</translation>
    </message>
    <message>
        <source>{path}: 不是有效的 xlsx 表格（含有文档类型声明）</source>
        <translation>{path}: this is not a valid xlsx table (it holds a document type declaration)</translation>
    </message>
    <message>
        <source>{path}: 不是有效的 xlsx 表格（合并单元格「{ref}」不是单元格区域）</source>
        <translation>{path}: this is not a valid xlsx table (the merged cells “{ref}” are not a range of cells)</translation>
    </message>
    <message>
        <source>{path}: 不是有效的 xlsx 表格（行号 {given} 不是整数）</source>
        <translation>{path}: this is not a valid xlsx table (the row number {given} is not a whole number)</translation>
    </message>
    <message>
        <source>{path}: 不是有效的 xlsx 表格（第 {row} 行的单元格多于 {limit} 列）</source>
        <translation>{path}: this is not a valid xlsx table (row {row} has cells in more than {limit} columns)</translation>
    </message>
    <message numerus="yes">
        <source>已更换数据密钥，重新加密 {count} 项，但备份 {backup} 未能重新加密（{why}）：尚未重新加密的 {left} 份备份仍由旧密钥加密，恢复后仍可读取；请解决后再次更换数据密钥</source>
        <translation>
            <numerusform>The data key was changed and {count} item was re-encrypted, but backup {backup} could not be re-encrypted ({why}): the {left} backups not yet re-encrypted are still under the old key and still readable when restored; change the data key again once this is resolved</numerusform>
            <numerusform>The data key was changed and {count} items were re-encrypted, but backup {backup} could not be re-encrypted ({why}): the {left} backups not yet re-encrypted are still under the old key and still readable when restored; change the data key again once this is resolved</numerusform>
        </translation>
    </message>
    <message>
        <source>数据密钥已在另一个窗口或命令中更换，本次修改未保存（已保存的数据不受影响）：请再试一次，将使用新的密钥</source>
        <translation>The data key was changed in another window or command, so this change was not saved (what was saved is unaffected): try again, and the new key will be used</translation>
    </message>
    <message>
        <source>申报 #{id} {measure} 的{part}已损坏，以数据包中的副本写回</source>
        <translation>declaration #{id} {measure}: its {part} could not be read (damaged) and will be written again from the bundle&apos;s copy</translation>
    </message>
    <message>
        <source>申报 {title}（{measure}，{created} 起草）未导入：数据包中的版本 {theirs_at} 由 {theirs_by} 更改，本机的记录其后 {at} 由 {by} 又更改过，保留本机的；如需数据包中的变化，请在申报记录中补记</source>
        <translation>declaration {title} ({measure}, begun {created}) not imported: the bundle&apos;s copy was changed on {theirs_at} by {theirs_by}, and the record here was changed after it, on {at} by {by}, so the record here is kept; to have the bundle&apos;s changes, enter them in the register</translation>
    </message>
    <message>
        <source>申报 {title}（{measure}，{created} 起草）未导入：{refusal}</source>
        <translation>declaration {title} ({measure}, begun {created}) not imported: {refusal}</translation>
    </message>
    <message>
        <source>申报 {title}（{measure}，{created} 起草）未导入：{refusal}；保留本机的记录</source>
        <translation>declaration {title} ({measure}, begun {created}) not imported: {refusal}; the record here is kept</translation>
    </message>
    <message>
        <source>填写内容</source>
        <translation>answers</translation>
    </message>
    <message>
        <source>生成依据</source>
        <translation>basis of the printed form</translation>
    </message>
    <message>
        <source>不是有效的数据包：{error}</source>
        <translation>not a valid bundle: {error}</translation>
    </message>
    <message>
        <source>文件为空</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>与{list}不一致：{field}为 {given}，{list}合计为 {total}</source>
        <translation>Disagrees with the {list}: {field} is {given}, while the {list} add up to {total}</translation>
    </message>
    <message>
        <source>申报 #{id} 当前为{state}，不能再记为已生成</source>
        <translation>Declaration #{id} is {state}: it cannot be recorded as generated again</translation>
    </message>
    <message>
        <source>不是申报助手数据包</source>
        <translation>not a Shenbao bundle</translation>
    </message>
    <message>
        <source>不是申报助手数据包，或文件不完整（缺少校验码）</source>
        <translation>not a Shenbao bundle, or the file is incomplete (its checksum is missing)</translation>
    </message>
    <message>
        <source>校验码不符：文件已损坏、不完整或被改动</source>
        <translation>the checksum does not match: the file is damaged, incomplete or altered</translation>
    </message>
    <message>
        <source>缺少清单 manifest.json，不是申报助手数据包</source>
        <translation>the manifest manifest.json is missing: not a Shenbao bundle</translation>
    </message>
    <message>
        <source>数据包中没有企业档案</source>
        <translation>the bundle holds no enterprise profile</translation>
    </message>
    <message>
        <source>数据库 {path} {problem}</source>
        <translation>Database {path}: {problem}</translation>
    </message>
    <message>
        <source>无法打开（{error}）</source>
        <translation>it cannot be opened ({error})</translation>
    </message>
    <message>
        <source>文件已损坏或不是数据库（{error}）</source>
        <translation>the file is damaged or is not a database ({error})</translation>
    </message>
    <message>
        <source>完整性检查未通过（{rows}）</source>
        <translation>the integrity check failed ({rows})</translation>
    </message>
    <message>
        <source>由更新版本的申报助手创建（数据结构版本 {version}）</source>
        <translation>it was made by a newer version of Shenbao (data structure version {version})</translation>
    </message>
    <message>
        <source>不是申报助手的数据库</source>
        <translation>it is not a Shenbao database</translation>
    </message>
    <message>
        <source>数据库 {path} {problem}，本程序支持到版本 {supported}；请升级申报助手</source>
        <translation>Database {path}: {problem}; this program supports up to version {supported}. Please upgrade Shenbao</translation>
    </message>
    <message>
        <source>{damage}；可恢复最近的完好备份 {backup}（运行 shenbao restore）</source>
        <translation>{damage}; the latest good backup, {backup}, can be restored (run shenbao restore)</translation>
    </message>
    <message>
        <source>{damage}；{none}</source>
        <translation>{damage}; {none}</translation>
    </message>
    <message numerus="yes">
        <source>{folder} 中的 {count} 份备份均已损坏或不完整，没有可用的备份</source>
        <translation>
            <numerusform>the {count} backup in {folder} is damaged or incomplete: there is no usable backup</numerusform>
            <numerusform>all {count} backups in {folder} are damaged or incomplete: there is no usable backup</numerusform>
        </translation>
    </message>
    <message>
        <source>{folder} 中没有可用的备份</source>
        <translation>there is no usable backup in {folder}</translation>
    </message>
    <message>
        <source>数据库 {path} 为空（0 字节），但文件夹中有备份：数据已丢失或未写完</source>
        <translation>Database {path} is empty (0 bytes), but the folder holds backups: the data was lost or not completely written</translation>
    </message>
    <message>
        <source>数据库 {path} 不存在，但文件夹中有备份：数据已丢失或未写完</source>
        <translation>Database {path} does not exist, but the folder holds backups: the data was lost or not completely written</translation>
    </message>
    <message>
        <source>数据库 {path} 为空（0 字节），但系统钥匙串中有这个数据文件夹的密钥：数据已丢失或未写完（如确定从空白开始，请先移走该文件）</source>
        <translation>Database {path} is empty (0 bytes), but the system keyring holds this data folder&apos;s key: the data was lost or not completely written (if you are sure you want to start afresh, move the file away first)</translation>
    </message>
    <message>
        <source>无法创建数据文件夹 {folder}（{why}）</source>
        <translation>Cannot create the data folder {folder} ({why})</translation>
    </message>
    <message>
        <source>数据库 {path} 无法打开（{error}）</source>
        <translation>Database {path} cannot be opened ({error})</translation>
    </message>
    <message>
        <source>数据库 {path} 无法读取（{error}）</source>
        <translation>Database {path} cannot be read ({error})</translation>
    </message>
    <message>
        <source>数据库 {path} 无法读取：{refusal}</source>
        <translation>Database {path} cannot be read: {refusal}</translation>
    </message>
    <message>
        <source>数据库无法读取（{error}）</source>
        <translation>The database cannot be read ({error})</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 为只读</source>
        <translation>The data folder {folder} is read-only</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 所在磁盘已满</source>
        <translation>The disk of the data folder {folder} is full</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 所在磁盘已满（剩余 {free} 字节）</source>
        <translation>The disk of the data folder {folder} is full ({free} bytes left)</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 中的文件超出系统允许的文件大小（上限 {limit} 字节），无法写入（磁盘尚余 {free} 字节）</source>
        <translation>A file in the data folder {folder} would exceed the largest file size the system allows ({limit} bytes) and cannot be written ({free} bytes are still free on the disk)</translation>
    </message>
    <message>
        <source>请腾出磁盘空间后重试</source>
        <translation>Free some disk space and try again</translation>
    </message>
    <message>
        <source>请解除文件大小限制（如 ulimit -f）后重试</source>
        <translation>Lift the file size limit (such as ulimit -f) and try again</translation>
    </message>
    <message>
        <source>{cause}：可以查看和导出，但不能保存修改；{remedy}</source>
        <translation>{cause}: you can view and export, but not save changes. {remedy}</translation>
    </message>
    <message>
        <source>{cause}，且还没有数据库，无法创建</source>
        <translation>{cause}, and there is no database yet: it cannot be created</translation>
    </message>
    <message>
        <source>{cause}，而数据库需要升级到版本 {version} 才能读取</source>
        <translation>{cause}, and the database must be upgraded to version {version} before it can be read</translation>
    </message>
    <message>
        <source>{cause}，不能恢复备份</source>
        <translation>{cause}: the backup cannot be restored</translation>
    </message>
    <message>
        <source>{cause}，未能写完，已删除未写完的文件；{remedy}</source>
        <translation>{cause}: the copy could not be finished and the unfinished file was deleted. {remedy}</translation>
    </message>
    <message>
        <source>无法写入 {folder}（{why}）</source>
        <translation>Cannot write to {folder} ({why})</translation>
    </message>
    <message>
        <source>{path}: 这是一个文件夹，不是备份文件</source>
        <translation>{path}: this is a folder, not a backup file</translation>
    </message>
    <message>
        <source>{path}: 备份文件不存在</source>
        <translation>{path}: the backup file does not exist</translation>
    </message>
    <message>
        <source>{path}: 不能用于恢复：{problem}</source>
        <translation>{path}: cannot be used to restore: {problem}</translation>
    </message>
    <message>
        <source>当前数据库 {path} 由更新版本的申报助手创建（数据结构版本 {version}，本程序支持到版本 {supported}）；用备份替换会丢失新版本写入的全部数据，已拒绝：请用新版本的申报助手恢复</source>
        <translation>The current database {path} was made by a newer version of Shenbao (data structure version {version}; this program supports up to version {supported}). Replacing it with a backup would lose everything the newer version wrote, so this was refused: restore with the newer version of Shenbao</translation>
    </message>
    <message>
        <source>{path}: 行数过多（超过 {limit} 行）</source>
        <translation>{path}: too many rows (more than {limit})</translation>
    </message>
    <message>
        <source>{path}: 表格中没有企业</source>
        <translation>{path}: the table holds no enterprise</translation>
    </message>
    <message>
        <source>{path}: 文件过大（{size} MB，表格最大 {limit} MB）</source>
        <translation>{path}: the file is too large ({size} MB; a table may be at most {limit} MB)</translation>
    </message>
    <message>
        <source>{path}: 不是文本表格</source>
        <translation>{path}: this is not a text table</translation>
    </message>
    <message>
        <source>{path}: 第 {row} 行超过 {limit} 列</source>
        <translation>{path}: row {row} has more than {limit} columns</translation>
    </message>
    <message>
        <source>{path}: 第 {row} 行有单元格过长（超过 {limit} 个字符）</source>
        <translation>{path}: row {row} has a cell that is too long (more than {limit} characters)</translation>
    </message>
    <message>
        <source>{path}: CSV 格式错误（{error}）</source>
        <translation>{path}: the CSV is malformed ({error})</translation>
    </message>
    <message>
        <source>{path}: 表格的文字表过大（超过 {limit} MB）</source>
        <translation>{path}: the table&apos;s shared strings are too large (more than {limit} MB)</translation>
    </message>
    <message>
        <source>{path}: 表格的文字过多（单元格合计超过 {limit} 个字符）</source>
        <translation>{path}: the table holds too much text (its cells together exceed {limit} characters)</translation>
    </message>
    <message>
        <source>{path}: 表格应为 .csv 或 .xlsx 文件</source>
        <translation>{path}: a table should be a .csv or .xlsx file</translation>
    </message>
    <message>
        <source>{path}: 表格为空（缺少表头）</source>
        <translation>{path}: the table is empty (it has no header)</translation>
    </message>
    <message>
        <source>{path}: 表头须含「{name}」和「{uscc}」</source>
        <translation>{path}: the header must include the columns “{name}” and “{uscc}”</translation>
    </message>
    <message>
        <source>{message}（读取的是第一个工作表「{sheet}」，其后的工作表{files}不读取：请把企业名单移到第一个工作表，或单独另存为一个表格后导入）</source>
        <translation>{message} (the first sheet, “{sheet}”, was read; the sheets after it ({files}) are not read: move the list of enterprises to the first sheet, or save it as a table of its own and import that)</translation>
    </message>
    <message>
        <source>{message}（读取的是第一个工作表「{sheet}」，其后的工作表{files}等不读取：请把企业名单移到第一个工作表，或单独另存为一个表格后导入）</source>
        <translation>{message} (the first sheet, “{sheet}”, was read; the sheets after it ({files} and more) are not read: move the list of enterprises to the first sheet, or save it as a table of its own and import that)</translation>
    </message>
    <message>
        <source>与第 {row} 行重复（{code}）</source>
        <translation>the same as row {row} ({code})</translation>
    </message>
    <message>
        <source>{path}: 读取表格时出错（读取进程意外结束）</source>
        <translation>{path}: the table could not be read (the reading process ended unexpectedly)</translation>
    </message>
    <message>
        <source>{path}: 行数过多（第 {row} 行超过 {limit} 行的限制）</source>
        <translation>{path}: too many rows (row {row} is beyond the limit of {limit} rows)</translation>
    </message>
    <message>
        <source>{path}: 第 {row} 行第 {column} 列超出 {limit} 列的限制</source>
        <translation>{path}: row {row}, column {column} is beyond the limit of {limit} columns</translation>
    </message>
    <message numerus="yes">
        <source>{path}: 表格最多 {limit} 行（共 {count} 家企业）；请导出为 .shenbao 数据包</source>
        <translation>
            <numerusform>{path}: a table holds at most {limit} rows ({count} enterprise here); export a .shenbao bundle instead</numerusform>
            <numerusform>{path}: a table holds at most {limit} rows ({count} enterprises here); export a .shenbao bundle instead</numerusform>
        </translation>
    </message>
    <message>
        <source>数据口令</source>
        <translation>data passphrase</translation>
    </message>
    <message>
        <source>数据包口令</source>
        <translation>bundle passphrase</translation>
    </message>
    <message>
        <source>新的数据口令</source>
        <translation>new data passphrase</translation>
    </message>
    <message numerus="yes">
        <source>{what}至少 {count} 个字符</source>
        <translation>
            <numerusform>The {what} must have at least {count} character</numerusform>
            <numerusform>The {what} must have at least {count} characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>环境变量 {variable} 中的{what}至少 {count} 个字符</source>
        <translation>
            <numerusform>The {what} in the environment variable {variable} must have at least {count} character</numerusform>
            <numerusform>The {what} in the environment variable {variable} must have at least {count} characters</numerusform>
        </translation>
    </message>
    <message>
        <source>加密数据格式不符（{context}）</source>
        <translation>The encrypted data is not in the expected format ({context})</translation>
    </message>
    <message>
        <source>加密数据无法解密或已被改动（{context}）</source>
        <translation>The encrypted data cannot be decrypted or has been altered ({context})</translation>
    </message>
    <message>
        <source>系统钥匙串不可用，需要设置数据口令：请在终端中运行以输入口令，或设置环境变量 {variable}</source>
        <translation>The system keyring is not available, so a data passphrase must be set: run in a terminal to type it, or set the environment variable {variable}</translation>
    </message>
    <message>
        <source>密钥由数据口令保护，需要输入口令：请在终端中运行以输入口令，或设置环境变量 {variable}</source>
        <translation>The key is protected by a data passphrase, which must be entered: run in a terminal to type it, or set the environment variable {variable}</translation>
    </message>
    <message>
        <source>数据已加密，密钥存放在系统钥匙串中（{entry}），但系统钥匙串现在不可用或已锁定：请解锁或启动系统钥匙串后重试</source>
        <translation>The data is encrypted and its key is in the system keyring ({entry}), but the keyring is not available or is locked now: unlock or start the system keyring and try again</translation>
    </message>
    <message>
        <source>数据已加密，但系统钥匙串中找不到密钥（{entry}）：若数据文件夹来自另一台电脑或另一个用户，请在原处导出数据包后在此导入，或在原处改用数据口令保护（设置 → 加密密钥，或 shenbao key --to passphrase）后再复制；若是旧版本存放密钥、此后又移动或改名的文件夹，请移回原位置打开一次，再移动</source>
        <translation>The data is encrypted, but its key is not in the system keyring ({entry}): if the data folder comes from another computer or another user, export a bundle there and import it here, or protect it with a data passphrase there (Settings → Encryption key, or shenbao key --to passphrase) before copying it; if an older version stored its key and the folder was moved or renamed since, move it back, open it once, then move it again</translation>
    </message>
    <message>
        <source>无法把密钥存入系统钥匙串：写入后读不回来</source>
        <translation>The key could not be stored in the system keyring: it could not be read back after writing</translation>
    </message>
    <message>
        <source>密钥只能存放在 keyring（系统钥匙串）或 passphrase（数据口令）中，不能是 {home}</source>
        <translation>The key can be kept only in keyring (the system keyring) or passphrase (a data passphrase), not in {home}</translation>
    </message>
    <message>
        <source>系统钥匙串不可用（或不受信任），不能把密钥存放在其中</source>
        <translation>The system keyring is not available (or not trusted); the key cannot be kept in it</translation>
    </message>
    <message>
        <source>无法把密钥存入系统钥匙串：写入后读不回来；密钥仍由数据口令保护</source>
        <translation>The key could not be stored in the system keyring: it could not be read back after writing; the key is still protected by the data passphrase</translation>
    </message>
    <message>
        <source>密钥已改由数据口令保护，但未能从系统钥匙串中删除原来的密钥（{entry}）：请在系统钥匙串中手动删除该条目</source>
        <translation>The key is now protected by the data passphrase, but the old key could not be deleted from the system keyring ({entry}): delete that entry from the system keyring by hand</translation>
    </message>
    <message>
        <source>尚未创建密钥：首次保存身份证号或联系电话时才会创建，无需更换</source>
        <translation>No key has been made yet: one is made when an ID number or contact phone is first saved, so there is nothing to change</translation>
    </message>
    <message>
        <source>无法把现用密钥存入系统钥匙串：写入后读不回来；密钥未更换</source>
        <translation>The key in use could not be stored in the system keyring: it could not be read back after writing; the key was not changed</translation>
    </message>
    <message>
        <source>无法把新密钥存入系统钥匙串：写入后读不回来；密钥未更换</source>
        <translation>The new key could not be stored in the system keyring: it could not be read back after writing; the key was not changed</translation>
    </message>
    <message>
        <source>无法在系统钥匙串中保留旧密钥以重新加密备份：写入后读不回来；密钥未更换</source>
        <translation>The old key could not be kept in the system keyring to re-encrypt the backups: it could not be read back after writing; the key was not changed</translation>
    </message>
    <message>
        <source>密钥已更换，但未能写入系统钥匙串的 {entry} 条目；新密钥暂存在 {staged} 条目中，请勿删除</source>
        <translation>The key was changed, but it could not be written to the system keyring entry {entry}; the new key is held in the entry {staged} for now: do not delete it</translation>
    </message>
    <message numerus="yes">
        <source>企业过多（{count} 家，一个数据包最多 {limit} 家）</source>
        <translation>
            <numerusform>too many enterprises ({count}; a bundle holds at most {limit})</numerusform>
            <numerusform>too many enterprises ({count}; a bundle holds at most {limit})</numerusform>
        </translation>
    </message>
    <message>
        <source>{code} 的档案过大（{size} 字节，上限 {limit} 字节）</source>
        <translation>the profile of {code} is too large ({size} bytes; the limit is {limit} bytes)</translation>
    </message>
    <message>
        <source>{code} 的申报记录过大（{size} 字节，上限 {limit} 字节）</source>
        <translation>the declarations of {code} are too large ({size} bytes; the limit is {limit} bytes)</translation>
    </message>
    <message>
        <source>内容过大（{size} 字节，一个数据包最多 {limit} 字节）</source>
        <translation>the content is too large ({size} bytes; a bundle holds at most {limit} bytes)</translation>
    </message>
    <message>
        <source>{path}: {problem}，未生成数据包</source>
        <translation>{path}: {problem}; no bundle was written</translation>
    </message>
    <message>
        <source>{path}: 写入后校验不通过（{problem}），未生成数据包</source>
        <translation>{path}: the check after writing failed ({problem}); no bundle was written</translation>
    </message>
    <message>
        <source>{path}: 写入后校验不符，未生成数据包</source>
        <translation>{path}: what was read back after writing differs; no bundle was written</translation>
    </message>
    <message>
        <source>加密数据包结构不符</source>
        <translation>the encrypted bundle is not laid out as expected</translation>
    </message>
    <message>
        <source>数据包已加密，需要口令（在终端中输入，或设置环境变量 {variable}）</source>
        <translation>the bundle is encrypted and needs its passphrase (type it in a terminal, or set the environment variable {variable})</translation>
    </message>
    <message>
        <source>不支持的加密参数 {asked}（本版本只接受 scrypt n={n}, r={r}, p={p}）</source>
        <translation>unsupported encryption parameters {asked} (this version accepts only scrypt n={n}, r={r}, p={p})</translation>
    </message>
    <message>
        <source>加密参数不符</source>
        <translation>the encryption parameters are not valid</translation>
    </message>
    <message>
        <source>解压后内容过大</source>
        <translation>the content is too large once decompressed</translation>
    </message>
    <message>
        <source>不支持的数据包格式 {found}，应为 {expected}</source>
        <translation>unsupported bundle format {found}; it should be {expected}</translation>
    </message>
    <message>
        <source>清单与内容不符</source>
        <translation>the manifest does not match the content</translation>
    </message>
    <message>
        <source>{name} 的 SHA-256 与清单不符</source>
        <translation>the SHA-256 of {name} does not match the manifest</translation>
    </message>
    <message numerus="yes">
        <source>成员过多（{count} 个，上限 {limit} 个，即 {enterprises} 家企业）</source>
        <translation>
            <numerusform>too many members ({count}; the limit is {limit}, that is {enterprises} enterprises)</numerusform>
            <numerusform>too many members ({count}; the limit is {limit}, that is {enterprises} enterprises)</numerusform>
        </translation>
    </message>
    <message>
        <source>成员 {name} 的路径不安全</source>
        <translation>the path of member {name} is unsafe</translation>
    </message>
    <message>
        <source>成员 {name} 不属于数据包</source>
        <translation>member {name} does not belong in a bundle</translation>
    </message>
    <message>
        <source>成员 {name} 重复</source>
        <translation>member {name} appears twice</translation>
    </message>
    <message>
        <source>成员 {name} 带有 zip 加密标志，不是申报助手写出的数据包</source>
        <translation>member {name} carries the zip encryption flag: this bundle was not written by Shenbao</translation>
    </message>
    <message>
        <source>成员 {name} 的压缩方式不受支持</source>
        <translation>member {name} uses an unsupported compression method</translation>
    </message>
    <message>
        <source>成员 {name} 过大</source>
        <translation>member {name} is too large</translation>
    </message>
    <message>
        <source>成员 {name} 压缩比异常（疑似压缩炸弹）</source>
        <translation>member {name} has an abnormal compression ratio (possibly a zip bomb)</translation>
    </message>
    <message>
        <source>成员 {name} 大小与记录不符</source>
        <translation>the size of member {name} does not match its record</translation>
    </message>
    <message>
        <source>清单中的企业数与内容不符</source>
        <translation>the number of enterprises in the manifest does not match the content</translation>
    </message>
    <message>
        <source>清单中的修改记录应为对象</source>
        <translation>the change records in the manifest should be an object</translation>
    </message>
    <message>
        <source>缺少 {name}</source>
        <translation>{name} is missing</translation>
    </message>
    <message>
        <source>{name}: 统一社会信用代码 {code} 与文件名不符</source>
        <translation>{name}: the unified social credit code {code} does not match the file name</translation>
    </message>
    <message>
        <source>清单中 {code} 的修改记录格式不符</source>
        <translation>the change record of {code} in the manifest is malformed</translation>
    </message>
    <message>
        <source>清单中 {code} 的 {key} 格式不符</source>
        <translation>the {key} of {code} in the manifest is malformed</translation>
    </message>
    <message>
        <source>清单中 {code} 的 {key} 不是日期时间</source>
        <translation>the {key} of {code} in the manifest is not a date and time</translation>
    </message>
    <message>
        <source>{source}: 应为申报列表</source>
        <translation>{source}: should be a list of declarations</translation>
    </message>
    <message>
        <source>{where} 应为对象</source>
        <translation>{where} should be an object</translation>
    </message>
    <message>
        <source>{where}.measure 应为措施编号</source>
        <translation>{where}.measure should be a measure&apos;s code</translation>
    </message>
    <message>
        <source>{where}.state 应为 draft、ready 或 rendered 之一</source>
        <translation>{where}.state should be one of draft, ready or rendered</translation>
    </message>
    <message>
        <source>{where}.{key} 类型不符</source>
        <translation>{where}.{key} has the wrong type</translation>
    </message>
    <message>
        <source>{where}.declared_on 应为日期 YYYY-MM-DD</source>
        <translation>{where}.declared_on should be a date, YYYY-MM-DD</translation>
    </message>
    <message>
        <source>{where}.pdf_sha256 应为 64 位十六进制 SHA-256</source>
        <translation>{where}.pdf_sha256 should be a SHA-256 of 64 hexadecimal digits</translation>
    </message>
    <message>
        <source>{code} 的申报 {measure} 不是已知的措施</source>
        <translation>the declaration {measure} of {code} is not a known measure</translation>
    </message>
    <message>
        <source>政策数据已于 {date} 过期，请获取更新（政策包「{pack}」第 {version} 版）</source>
        <translation>The policy data expired on {date}; please get an update (policy pack “{pack}”, version {version})</translation>
    </message>
    <message>
        <source>政策数据已于 {date} 过期，请获取更新（此政策包已过期，仍可安装）</source>
        <translation>The policy data expired on {date}; please get an update (this policy pack has expired and can still be installed)</translation>
    </message>
    <message>
        <source>已安装的政策包 {id} 未启用：{problem}</source>
        <translation>The installed policy pack {id} is not in use: {problem}</translation>
    </message>
    <message>
        <source>已安装的政策包 {id} 未启用：其公钥 {fingerprint} 已不再受信任</source>
        <translation>The installed policy pack {id} is not in use: its public key {fingerprint} is no longer trusted</translation>
    </message>
    <message>
        <source>未启用已安装的政策包：{problem}</source>
        <translation>The installed policy packs are not in use: {problem}</translation>
    </message>
    <message>
        <source>政策包由未受信任的公钥签发（指纹 {fingerprint}）；请核对指纹后用 shenbao policies trust 添加发布者公钥</source>
        <translation>The policy pack is signed by a public key that is not trusted (fingerprint {fingerprint}); check the fingerprint, then add the publisher&apos;s key with shenbao policies trust</translation>
    </message>
    <message>
        <source>政策包 {id} 在用的版本由 {signer}（指纹 {was}）签发，此文件由另一把公钥（指纹 {now}）签发，拒绝替换；若发布者确已更换公钥，请先用 shenbao policies untrust 不再信任旧公钥</source>
        <translation>The version of policy pack {id} in use is signed by {signer} (fingerprint {was}) and this file by another key (fingerprint {now}): not replaced. If the publisher has indeed changed keys, first stop trusting the old key with shenbao policies untrust</translation>
    </message>
    <message>
        <source>政策包 {id} 第 {version} 版已经安装，无需再次安装</source>
        <translation>Version {version} of policy pack {id} is installed already; there is no need to install it again</translation>
    </message>
    <message>
        <source>政策包 {id} 第 {version} 版已经安装，而此文件的内容与之不同；版本号相同不能替换，请发布者提高版本号后重新签发</source>
        <translation>Version {version} of policy pack {id} is installed already, and this file&apos;s content differs from it; the same version cannot replace it: the publisher must raise the version number and sign it again</translation>
    </message>
    <message>
        <source>政策包 {id} 第 {version} 版不高于已安装的第 {installed} 版，拒绝回退</source>
        <translation>Version {version} of policy pack {id} is not newer than version {installed}, which is installed: not going back</translation>
    </message>
    <message>
        <source>政策包 {id} 的文件 {files} 已由政策包 {other} 提供</source>
        <translation>The documents {files} of policy pack {id} are provided by policy pack {other} already</translation>
    </message>
    <message>
        <source>文件 {document}：程序内置的数据较新（核对于 {checked}），保留内置数据</source>
        <translation>Document {document}: the data built into the program is newer (checked on {checked}) and is kept</translation>
    </message>
    <message>
        <source>措施 {title}（{measure}）的参数 {param} 改动了已生效的数值：{on} 起 {before} → {after}；已按原数值测算或申报的，请核对</source>
        <translation>Measure {title} ({measure}): parameter {param} changes a value already in force: from {on}, {before} → {after}. Check what was estimated or declared with the old value</translation>
    </message>
    <message>
        <source>措施 {title}（{measure}）将不再提供：预览和申报向导不再列出它，已有的申报仍留在申报登记中</source>
        <translation>Measure {title} ({measure}) will no longer be offered: the preview and the wizards will not list it; its declarations stay in the register</translation>
    </message>
    <message>
        <source>没有已安装的政策包 {id}</source>
        <translation>There is no installed policy pack {id}</translation>
    </message>
    <message>
        <source>{path}: 已安装政策包列表已损坏：{problem}；请删除此文件，再重新安装同一文件夹中的政策包文件</source>
        <translation>{path}: the list of installed policy packs is damaged: {problem}; please delete this file, then install the policy pack files in the same folder again</translation>
    </message>
    <message>
        <source>内容不是已安装政策包列表</source>
        <translation>the content is not a list of installed policy packs</translation>
    </message>
    <message>
        <source>{path}: 文件过大（{size} 字节），不是政策包</source>
        <translation>{path}: the file is too large ({size} bytes) to be a policy pack</translation>
    </message>
    <message>
        <source>{path}: 无法读取（文件不存在）</source>
        <translation>{path}: cannot be read (the file does not exist)</translation>
    </message>
    <message>
        <source>{path}: 这是一个文件夹，不是政策包</source>
        <translation>{path}: this is a folder, not a policy pack</translation>
    </message>
    <message>
        <source>不是有效的政策包：不是 zip 压缩文件，或文件过大</source>
        <translation>This is not a valid policy pack: it is not a zip file, or it is too large</translation>
    </message>
    <message>
        <source>不是有效的政策包：{error}</source>
        <translation>This is not a valid policy pack: {error}</translation>
    </message>
    <message>
        <source>不是有效的政策包：成员 {member} 不属于政策包</source>
        <translation>This is not a valid policy pack: member {member} does not belong in a policy pack</translation>
    </message>
    <message>
        <source>政策包未签名（缺少 signature.json），拒绝使用</source>
        <translation>The policy pack is not signed (signature.json is missing) and is refused</translation>
    </message>
    <message>
        <source>政策包缺少清单 manifest.json</source>
        <translation>The policy pack has no manifest (manifest.json)</translation>
    </message>
    <message>
        <source>签名格式无效</source>
        <translation>The signature is malformed</translation>
    </message>
    <message>
        <source>签名格式无效（应为 Ed25519，公钥与指纹须相符）</source>
        <translation>The signature is malformed (it should be Ed25519, with a public key matching its fingerprint)</translation>
    </message>
    <message>
        <source>签名无效：政策包已被改动，或并非由该公钥签发</source>
        <translation>The signature is invalid: the policy pack has been altered, or was not signed with this public key</translation>
    </message>
    <message>
        <source>清单与内容不符：政策包已被改动</source>
        <translation>The manifest does not match the contents: the policy pack has been altered</translation>
    </message>
    <message>
        <source>{name} 的 SHA-256 与清单不符：政策包已被改动</source>
        <translation>The SHA-256 of {name} does not match the manifest: the policy pack has been altered</translation>
    </message>
    <message>
        <source>清单中的编号或版本与 pack.toml 不符</source>
        <translation>The id or version in the manifest does not match pack.toml</translation>
    </message>
    <message>
        <source>政策包格式 {found} 比本程序支持的 {supported} 新，请先更新申报助手</source>
        <translation>Policy pack format {found} is newer than {supported}, which this program supports; please update Shenbao first</translation>
    </message>
    <message>
        <source>不支持的政策包格式 {found!r}，应为 {supported}</source>
        <translation>the policy pack format {found!r} is not supported; it should be {supported}</translation>
    </message>
    <message>
        <source>{name} 不是有效的 JSON</source>
        <translation>{name} is not valid JSON</translation>
    </message>
    <message>
        <source>{name} 应为对象</source>
        <translation>{name} should be an object</translation>
    </message>
    <message>
        <source>政策包数据有误：{error}</source>
        <translation>the policy pack&apos;s data is wrong: {error}</translation>
    </message>
    <message>
        <source>文件不完整（可能下载或复制时被截断），请重新获取原文件</source>
        <translation>the file is incomplete (perhaps cut short while downloading or copying); please get the original file again</translation>
    </message>
    <message>
        <source>不是 zip 压缩包</source>
        <translation>it is not a zip archive</translation>
    </message>
    <message>
        <source>压缩包内容已损坏（校验值不符），请重新获取原文件</source>
        <translation>the archive&apos;s content is damaged (a checksum does not match); please get the original file again</translation>
    </message>
    <message>
        <source>压缩包已损坏（压缩数据无法解压），请重新获取原文件</source>
        <translation>the archive is damaged (its compressed data cannot be inflated); please get the original file again</translation>
    </message>
    <message>
        <source>压缩包已损坏，请重新获取原文件</source>
        <translation>the archive is damaged; please get the original file again</translation>
    </message>
    <message>
        <source>压缩包使用了不支持的压缩方式，或已损坏</source>
        <translation>the archive uses a compression method that is not supported, or it is damaged</translation>
    </message>
    <message>
        <source>压缩包的成员相互重叠（疑似压缩炸弹）</source>
        <translation>the archive&apos;s members overlap (possibly a zip bomb)</translation>
    </message>
    <message>
        <source>这是分卷压缩包的一卷，请使用完整的单个文件</source>
        <translation>this is one part of a split archive; please use the whole archive as a single file</translation>
    </message>
    <message numerus="yes">
        <source>压缩包成员过多（{count} 个）</source>
        <translation>
            <numerusform>the archive has too many members ({count})</numerusform>
            <numerusform>the archive has too many members ({count})</numerusform>
        </translation>
    </message>
    <message>
        <source>压缩包解压后内容过大</source>
        <translation>the archive is too large once inflated</translation>
    </message>
    <message>
        <source>成员 {name!r} 大小与记录不符</source>
        <translation>member {name!r} differs in size from its record</translation>
    </message>
    <message>
        <source>成员 {name!r} 解压后过大（疑似压缩炸弹）</source>
        <translation>member {name!r} is too large once inflated (possibly a zip bomb)</translation>
    </message>
    <message>
        <source>成员 {name!r} 的路径不安全</source>
        <translation>member {name!r} has an unsafe path</translation>
    </message>
    <message>
        <source>成员 {name!r} 已加密，无法读取</source>
        <translation>member {name!r} is encrypted and cannot be read</translation>
    </message>
    <message>
        <source>成员 {name!r} 重复</source>
        <translation>member {name!r} appears more than once</translation>
    </message>
    <message>
        <source>成员 {name!r} 过大（{size} 字节）</source>
        <translation>member {name!r} is too large ({size} bytes)</translation>
    </message>
    <message>
        <source>成员 {name!r} 压缩比异常（疑似压缩炸弹）</source>
        <translation>member {name!r} is compressed implausibly far (possibly a zip bomb)</translation>
    </message>
    <message>
        <source>政策包的发布日期 {issued} 晚于今天（本机日期 {today}），请核对政策包或本机的日期</source>
        <translation>The policy pack is dated {issued}, later than today ({today} on this computer): please check the pack or this computer&apos;s date</translation>
    </message>
    <message>
        <source>{where}: 版本号 {raw!r} 无效（应如 0.1.0）</source>
        <translation>{where}: the version number {raw!r} is not valid (it should be like 0.1.0)</translation>
    </message>
    <message>
        <source>{where}: {raw!r} 应由小写字母、数字和 - 组成</source>
        <translation>{where}: {raw!r} should be made of lower-case letters, digits and -</translation>
    </message>
    <message>
        <source>{where}: 应为正整数</source>
        <translation>{where}: should be a positive whole number</translation>
    </message>
    <message>
        <source>{where}: expires_on 早于 issued_on</source>
        <translation>{where}: expires_on is before issued_on</translation>
    </message>
    <message>
        <source>政策包 {id} 需要申报助手 {needed} 或更新版本（本程序为 {running}），请先升级程序</source>
        <translation>Policy pack {id} needs Shenbao {needed} or later (this program is {running}); please upgrade the program first</translation>
    </message>
    <message>
        <source>{where}: 缺少 {header}，不是政策包源文件夹</source>
        <translation>{where}: {header} is missing; this is not a policy pack&apos;s source folder</translation>
    </message>
    <message>
        <source>{where}: 不属于政策包（只能有 {header} 和 {names} 下的 .toml 文件）</source>
        <translation>{where}: does not belong in a policy pack (it may hold only {header} and .toml files under {names})</translation>
    </message>
    <message>
        <source>{where}: 政策包中没有文件（documents/）</source>
        <translation>{where}: the policy pack has no documents (documents/)</translation>
    </message>
    <message>
        <source>{where}: 文件 {doc} 不在政策包中</source>
        <translation>{where}: document {doc} is not in the policy pack</translation>
    </message>
    <message>
        <source>{where}: 文件 {doc} 没有措施（measures/{doc}.toml）</source>
        <translation>{where}: document {doc} has no measures (measures/{doc}.toml)</translation>
    </message>
    <message>
        <source>{where}: 文件 {doc} 不在政策包中（须在 documents/ 中一并提供）</source>
        <translation>{where}: document {doc} is not in the policy pack (it must come with it in documents/)</translation>
    </message>
    <message>
        <source>{where}: 终止日期 {end} 早于文件 {doc} 的施行日期 {start}（最早可为施行前一日，即从未施行）</source>
        <translation>{where}: the end date {end} is before document {doc} came into force on {start} (it can be the day before at the earliest: never in force)</translation>
    </message>
    <message>
        <source>{where}: 公式 {formula} 不在本程序（{running}）的公式库中；此政策包声明需要 {needed}，请获取支持该公式的新版本</source>
        <translation>{where}: formula {formula} is not among this program&apos;s ({running}) formulas; this policy pack says it needs {needed}; please get a newer version that supports the formula</translation>
    </message>
    <message>
        <source>{where}: 公式 {formula} 需要参数 {names}</source>
        <translation>{where}: formula {formula} needs parameters the measure does not give: {names}</translation>
    </message>
    <message>
        <source>{where}: 措施 {measure} 不在政策包中</source>
        <translation>{where}: measure {measure} is not in the policy pack</translation>
    </message>
    <message>
        <source>forms/{error}</source>
        <translation>forms/{error}</translation>
    </message>
    <message>
        <source>{path}: 政策包正由另一程序安装或更改，请稍后重试</source>
        <translation>{path}: another program is installing or changing policy packs; please try again in a moment</translation>
    </message>
    <message>
        <source>{path}: 受信任公钥列表已损坏：{problem}；请删除此文件，再重新添加受信任的发布者公钥</source>
        <translation>{path}: the list of trusted keys is damaged: {problem}; please delete this file, then add the trusted publishers&apos; keys again</translation>
    </message>
    <message>
        <source>格式不符</source>
        <translation>its content is not in the expected form</translation>
    </message>
    <message>
        <source>{where}: 应为表（table）</source>
        <translation>{where}: should be a table</translation>
    </message>
    <message>
        <source>{where}: 缺少必填项 {key}</source>
        <translation>{where}: the required key {key} is missing</translation>
    </message>
    <message>
        <source>{where}: 应为{wanted}，实为{got}（{raw!r}）</source>
        <translation>{where}: should be {wanted}, but is {got} ({raw!r})</translation>
    </message>
    <message>
        <source>{first}或{second}</source>
        <translation>{first} or {second}</translation>
    </message>
    <message>
        <source>{where}: 应为字符串列表</source>
        <translation>{where}: should be a list of strings</translation>
    </message>
    <message numerus="yes">
        <source>{where}: 应与 {key} 一一对应（{count} 项）</source>
        <translation>
            <numerusform>{where}: should match {key} one for one ({count} item)</numerusform>
            <numerusform>{where}: should match {key} one for one ({count} items)</numerusform>
        </translation>
    </message>
    <message>
        <source>{where}: 应与 {key} 的键相同</source>
        <translation>{where}: should have the same keys as {key}</translation>
    </message>
    <message>
        <source>{where}: 未知的键 {keys}</source>
        <translation>{where}: unknown keys {keys}</translation>
    </message>
    <message>
        <source>{where}: 不是 UTF-8 编码的文本，请以 UTF-8 保存</source>
        <translation>{where}: the text is not encoded in UTF-8; please save it as UTF-8</translation>
    </message>
    <message>
        <source>{where}: {error}</source>
        <translation>{where}: {error}</translation>
    </message>
    <message>
        <source>{where}: 不是有效的 TOML（{error}）</source>
        <translation>{where}: not valid TOML ({error})</translation>
    </message>
    <message>
        <source>{where}: 无法读取（{why}）</source>
        <translation>{where}: cannot be read ({why})</translation>
    </message>
    <message>
        <source>申报日期 {day} 在该政策有效期（{start} 至 {end}）之外：申报书照常生成，金额按测算日期 {as_of} 测算；请核对申报日期</source>
        <translation>The date of application {day} is outside the policy&apos;s term ({start} to {end}): the form is printed all the same, its amount worked out as of {as_of}; please check the date</translation>
    </message>
    <message>
        <source>申报日期 {day} 早于该政策施行之日（{start}）：申报书照常生成，金额按测算日期 {as_of} 测算；请核对申报日期</source>
        <translation>The date of application {day} is before the policy took effect ({start}): the form is printed all the same, its amount worked out as of {as_of}; please check the date</translation>
    </message>
    <message>
        <source>{where}: 不是可读取的 TOML（数字位数过多或嵌套过深）</source>
        <translation>{where}: not readable TOML (a number of too many digits, or nesting too deep)</translation>
    </message>
    <message>
        <source>{where}: 条款 {art} 重复</source>
        <translation>{where}: article {art} appears more than once</translation>
    </message>
    <message>
        <source>{where}: id {id} 与文件名不符</source>
        <translation>{where}: id {id} does not match the file name</translation>
    </message>
    <message>
        <source>{where}: {key} 应为 {choices} 之一</source>
        <translation>{where}: {key} should be one of {choices}</translation>
    </message>
    <message>
        <source>{where}: in_force_to {end} 早于 in_force_from {start}</source>
        <translation>{where}: in_force_to {end} is before in_force_from {start}</translation>
    </message>
    <message>
        <source>{where}: 只有申报通知（kind = &quot;notice&quot;）才能写受理期 window</source>
        <translation>{where}: only a notice (kind = &quot;notice&quot;) may have an application window</translation>
    </message>
    <message>
        <source>{where}: 申报通知不能有条款（article/corrections），条款只属于政策文件</source>
        <translation>{where}: a notice cannot have articles (article/corrections); articles belong to policy documents only</translation>
    </message>
    <message>
        <source>{where}: 申报通知须写明文号 number 和发布日期 issued</source>
        <translation>{where}: a notice must give its document number (number) and its date of issue (issued)</translation>
    </message>
    <message>
        <source>{where}: 申报通知不能写 superseded_by/superseded_on</source>
        <translation>{where}: a notice cannot have superseded_by/superseded_on</translation>
    </message>
    <message>
        <source>{where}: 申报通知须至少为一项措施写明受理期 window</source>
        <translation>{where}: a notice must give an application window for at least one measure</translation>
    </message>
    <message>
        <source>{where}（{measure}）</source>
        <translation>{where} ({measure})</translation>
    </message>
    <message>
        <source>{where}: opens/closes 应为日期（YYYY-MM-DD），不带时刻</source>
        <translation>{where}: opens/closes should be dates (YYYY-MM-DD) without a time</translation>
    </message>
    <message>
        <source>{where}: 截止日期 {closes} 早于开始日期 {opens}</source>
        <translation>{where}: the closing date {closes} is before the opening date {opens}</translation>
    </message>
    <message>
        <source>{where}: 开始日期 {opens} 早于通知发布日期 {issued}</source>
        <translation>{where}: the opening date {opens} is before the notice&apos;s date of issue {issued}</translation>
    </message>
    <message>
        <source>{where}: 开始日期 {opens} 早于通知有效期起始 {start}</source>
        <translation>{where}: the opening date {opens} is before the notice comes into force on {start}</translation>
    </message>
    <message>
        <source>{where}: 截止日期 {closes} 晚于通知有效期截止 {end}</source>
        <translation>{where}: the closing date {closes} is after the notice ceases to be in force on {end}</translation>
    </message>
    <message>
        <source>{where}: 申报材料清单中有空项</source>
        <translation>{where}: the list of application materials has an empty item</translation>
    </message>
    <message>
        <source>{where}: 措施 {measure} 在同一通知中重复</source>
        <translation>{where}: measure {measure} appears more than once in the same notice</translation>
    </message>
    <message>
        <source>{where}: values 不能为空</source>
        <translation>{where}: values cannot be empty</translation>
    </message>
    <message>
        <source>{where}: 生效日期 {raw!r} 无效</source>
        <translation>{where}: the effective date {raw!r} is not valid</translation>
    </message>
    <message>
        <source>{where}: 数值应为有限的数（收到 {raw!r}）</source>
        <translation>{where}: a number should be finite (got {raw!r})</translation>
    </message>
    <message>
        <source>{where}: 数值请写成字符串（如 &quot;0.5&quot;），不要用浮点数</source>
        <translation>{where}: please write a number as a string (such as &quot;0.5&quot;), not as a float</translation>
    </message>
    <message>
        <source>{where}: 数值过大（应小于 10 万亿，收到 {number}）</source>
        <translation>{where}: the number is too large (it should be below 10 trillion; got {number})</translation>
    </message>
    <message>
        <source>{where}: 应为数值（收到 {raw!r}）</source>
        <translation>{where}: should be a number (got {raw!r})</translation>
    </message>
    <message>
        <source>{where}: 认定条件不能写 otherwise</source>
        <translation>{where}: a recognition condition cannot have otherwise</translation>
    </message>
    <message>
        <source>{where}: 应为与 {fact} 同类型的另一字段</source>
        <translation>{where}: should be another field of the same kind as {fact}</translation>
    </message>
    <message>
        <source>{where}: 未知的认定类型 {recognition}</source>
        <translation>{where}: unknown kind of recognition {recognition}</translation>
    </message>
    <message>
        <source>{where}: 认定条件不能同时写 fact/op</source>
        <translation>{where}: a recognition condition cannot also have fact/op</translation>
    </message>
    <message>
        <source>{where}: 参数 {param} 不存在</source>
        <translation>{where}: parameter {param} does not exist</translation>
    </message>
    <message>
        <source>{where}: 参数 {param} 应为日期</source>
        <translation>{where}: parameter {param} should be a date</translation>
    </message>
    <message>
        <source>{where}: 须给出 value 或 param 之一</source>
        <translation>{where}: give either value or param</translation>
    </message>
    <message>
        <source>参数 {param}</source>
        <translation>parameter {param}</translation>
    </message>
    <message>
        <source>{where}: within_years 只能用于日期字段（{fact} 不是日期）</source>
        <translation>{where}: within_years can only be used with a date field ({fact} is not a date)</translation>
    </message>
    <message>
        <source>{where}: within_years 的 value 应为不小于 0 的整数年数</source>
        <translation>{where}: the value of within_years should be a whole number of years, 0 or more</translation>
    </message>
    <message>
        <source>{where}: in 的 {given} 应为列表</source>
        <translation>{where}: the {given} of in should be a list</translation>
    </message>
    <message>
        <source>{where}: {fact} 不是数值，不能用 {op} 比较</source>
        <translation>{where}: {fact} is not a number and cannot be compared with {op}</translation>
    </message>
    <message>
        <source>{where}: {op} 的 {given} 应为数值</source>
        <translation>{where}: the {given} of {op} should be a number</translation>
    </message>
    <message>
        <source>{where}: 取值 {raw!r} 不是公式 {formula} 可用的形式</source>
        <translation>{where}: the value {raw!r} is not of a form formula {formula} can use</translation>
    </message>
    <message>
        <source>{where}: 取值 {number} 不能为负（比例、限额、金额都不小于 0）</source>
        <translation>{where}: the value {number} cannot be negative (rates, caps and amounts are all 0 or more)</translation>
    </message>
    <message>
        <source>{where}: 档案中没有字段 {raw!r}</source>
        <translation>{where}: the profile has no field {raw!r}</translation>
    </message>
    <message>
        <source>{where}: 文件 {doc} 不存在</source>
        <translation>{where}: document {doc} does not exist</translation>
    </message>
    <message>
        <source>{where}: 文件 {doc} 是申报通知，不能有措施；措施只属于政策文件</source>
        <translation>{where}: document {doc} is a notice and cannot have measures; measures belong to policy documents only</translation>
    </message>
    <message>
        <source>{where}: 条款 {art} 不在文件 {doc} 中</source>
        <translation>{where}: article {art} is not in document {doc}</translation>
    </message>
    <message>
        <source>{where}: 责任单位 {units} 不在条款 {art} 中</source>
        <translation>{where}: the responsible units {units} are not in article {art}</translation>
    </message>
    <message>
        <source>{where}: 编号应以 {doc}. 开头</source>
        <translation>{where}: the id should begin with {doc}.</translation>
    </message>
    <message>
        <source>{where}: formula 与 expression 只能写一个</source>
        <translation>{where}: give either formula or expression, not both</translation>
    </message>
    <message>
        <source>{where}: 有金额的措施须有 formula，无金额的不能有</source>
        <translation>{where}: a measure with an amount must have a formula, and one without an amount cannot have one</translation>
    </message>
    <message>
        <source>{where}: 未知的申报主体类型</source>
        <translation>{where}: unknown type of applicant</translation>
    </message>
    <message>
        <source>{where}: {fact} 不能用于计算式（应为数值或是/否）</source>
        <translation>{where}: {fact} cannot be used in an expression (it should be a number or yes/no)</translation>
    </message>
    <message>
        <source>{where}: 取值 {raw!r} 不能用于计算式（应为数值或是/否）</source>
        <translation>{where}: the value {raw!r} cannot be used in an expression (it should be a number or yes/no)</translation>
    </message>
    <message>
        <source>{where}: 须引用 draft 或 final 中的一段文字</source>
        <translation>{where}: must quote a passage of draft or final</translation>
    </message>
    <message>
        <source>{where}: 文件 {doc} 是申报通知，没有条款可对照</source>
        <translation>{where}: document {doc} is a notice and has no articles to compare</translation>
    </message>
    <message>
        <source>{where}: 措施 {names} 不存在</source>
        <translation>{where}: no such measure: {names}</translation>
    </message>
    <message>
        <source>{where}: 至少须有两项措施</source>
        <translation>{where}: there must be at least two measures</translation>
    </message>
    <message>
        <source>{where}: 文件 {doc} 是申报通知，没有措施可测算</source>
        <translation>{where}: document {doc} is a notice and has no measures to judge</translation>
    </message>
    <message>
        <source>措施编号 {measure} 重复</source>
        <translation>measure id {measure} appears more than once</translation>
    </message>
    <message>
        <source>{where}: 申报通知开放的措施 {measure} 不存在</source>
        <translation>{where}: the measure {measure} the notice opens does not exist</translation>
    </message>
    <message>
        <source>文件或文件夹不存在</source>
        <translation>no such file or folder</translation>
    </message>
    <message>
        <source>没有权限</source>
        <translation>permission denied</translation>
    </message>
    <message>
        <source>磁盘空间不足</source>
        <translation>not enough disk space</translation>
    </message>
    <message>
        <source>第 {line} 行第 {column} 列：{problem}</source>
        <translation>line {line}, column {column}: {problem}</translation>
    </message>
    <message>
        <source>文件末尾（第 {line} 行第 {column} 列）：{problem}</source>
        <translation>end of the file (line {line}, column {column}): {problem}</translation>
    </message>
    <message>
        <source>不符合 TOML 语法</source>
        <translation>not TOML syntax</translation>
    </message>
    <message>
        <source>无法识别的语句（应为「键 = 值」、[表] 或 [[表数组]]）</source>
        <translation>a statement that cannot be read (should be “key = value”, [table] or [[array of tables]])</translation>
    </message>
    <message>
        <source>一条语句之后应换行</source>
        <translation>a statement should be followed by a new line</translation>
    </message>
    <message>
        <source>缺少 {expected}</source>
        <translation>{expected} is missing</translation>
    </message>
    <message>
        <source>有不允许的字符 {char}</source>
        <translation>the character {char} is not allowed</translation>
    </message>
    <message>
        <source>表 {key} 声明了两次</source>
        <translation>table {key} is declared twice</translation>
    </message>
    <message>
        <source>该键已有值，不能再次赋值</source>
        <translation>this key already has a value and cannot be given another</translation>
    </message>
    <message>
        <source>表头末尾缺少 ]</source>
        <translation>the table header lacks its closing ]</translation>
    </message>
    <message>
        <source>不能再向 {key} 添加键（它已在一处整体写定）</source>
        <translation>keys cannot be added to {key} (it was written in full in one place)</translation>
    </message>
    <message>
        <source>表数组头末尾缺少 ]]</source>
        <translation>the array-of-tables header lacks its closing ]]</translation>
    </message>
    <message>
        <source>不能再次定义 {key}</source>
        <translation>{key} cannot be defined again</translation>
    </message>
    <message>
        <source>键之后缺少 =</source>
        <translation>= is missing after the key</translation>
    </message>
    <message>
        <source>键的首字符无效</source>
        <translation>a key cannot begin with this character</translation>
    </message>
    <message>
        <source>数组缺少结尾的 ]</source>
        <translation>the array lacks its closing ]</translation>
    </message>
    <message>
        <source>内联表中的键 {key} 重复</source>
        <translation>key {key} appears twice in the inline table</translation>
    </message>
    <message>
        <source>内联表缺少结尾的 }}</source>
        <translation>the inline table lacks its closing }}</translation>
    </message>
    <message>
        <source>字符串中的 \ 未构成有效的转义</source>
        <translation>a \ in the text is not a valid escape</translation>
    </message>
    <message>
        <source>十六进制转义值无效</source>
        <translation>invalid hexadecimal escape</translation>
    </message>
    <message>
        <source>转义的字符不是有效的 Unicode 字符</source>
        <translation>the escaped character is not a valid Unicode character</translation>
    </message>
    <message>
        <source>字符串中有不允许的字符 {char}</source>
        <translation>the text contains the character {char}, which is not allowed</translation>
    </message>
    <message>
        <source>日期或时间无效</source>
        <translation>invalid date or time</translation>
    </message>
    <message>
        <source>值无效（文本须加引号；是/否写 true 或 false；日期如 2026-01-31）</source>
        <translation>invalid value (text needs quotes; yes/no is true or false; a date is like 2026-01-31)</translation>
    </message>
    <message>
        <source>{source}: {where}: {problem}</source>
        <translation>{source}: {where}: {problem}</translation>
    </message>
    <message>
        <source>{source}: {problem}</source>
        <translation>{source}: {problem}</translation>
    </message>
    <message>
        <source>{source}: 不是有效的 TOML（{error}）</source>
        <translation>{source}: not valid TOML ({error})</translation>
    </message>
    <message>
        <source>{source}: 无法读取（{why}）</source>
        <translation>{source}: cannot be read ({why})</translation>
    </message>
    <message>
        <source>{source}: 不是 UTF-8 编码的文本，请以 UTF-8 保存</source>
        <translation>{source}: not text in UTF-8; save it as UTF-8</translation>
    </message>
    <message>
        <source>{source}: 不是可读取的 TOML（数字位数过多或嵌套过深）</source>
        <translation>{source}: TOML that cannot be read (a number of too many digits, or nesting too deep)</translation>
    </message>
    <message>
        <source>未知的键 {keys}</source>
        <translation>unknown keys {keys}</translation>
    </message>
    <message>
        <source>应为非空字符串</source>
        <translation>should be text that is not empty</translation>
    </message>
    <message>
        <source>应为非空字符串的列表</source>
        <translation>should be a list of texts that are not empty</translation>
    </message>
    <message>
        <source>show_if 的取值 {raw} 应为 true、false、数字或字符串</source>
        <translation>the value {raw} of show_if should be true, false, a number or a string</translation>
    </message>
    <message>
        <source>recognition 应为 {kinds} 之一</source>
        <translation>recognition should be one of {kinds}</translation>
    </message>
    <message>
        <source>键 {key} 不是 shenbao.core.model 中的事实、企业字段或明细清单</source>
        <translation>key {key} is not a fact, enterprise field or detail list of shenbao.core.model</translation>
    </message>
    <message>
        <source>字段应为表（table）</source>
        <translation>a field should be a table</translation>
    </message>
    <message>
        <source>recognition 只用于键 enterprise.recognitions</source>
        <translation>recognition is only for the key enterprise.recognitions</translation>
    </message>
    <message>
        <source>choices 应为 [[取值, 标签], …]，且只用于计数、数值或文本字段</source>
        <translation>choices should be [[value, label], …], and only for count, number or text fields</translation>
    </message>
    <message>
        <source>取值 {raw} 不是 {key} 可填的值：{problem}</source>
        <translation>{raw} is not a value {key} can hold: {problem}</translation>
    </message>
    <message>
        <source>取值 {raw} 与 choices[{first}] 的相同</source>
        <translation>value {raw} is the same as that of choices[{first}]</translation>
    </message>
    <message>
        <source>未知的字段类型 {declared}（已知：{types}）</source>
        <translation>unknown field type {declared} (known: {types})</translation>
    </message>
    <message>
        <source>类型 {declared} 与 {key}（{widget}）不符</source>
        <translation>type {declared} does not match {key} ({widget})</translation>
    </message>
    <message>
        <source>{key} 没有列 {columns}（已知：{columns_known}）</source>
        <translation>{key} has no columns {columns} (known: {columns_known})</translation>
    </message>
    <message>
        <source>columns 和 mask 只用于明细清单（表格）</source>
        <translation>columns and mask are only for detail lists (tables)</translation>
    </message>
    <message>
        <source>应至少列出一列</source>
        <translation>should list at least one column</translation>
    </message>
    <message>
        <source>列 {columns} 重复列出</source>
        <translation>column {columns} is listed more than once</translation>
    </message>
    <message>
        <source>列 {columns} 不是所问的证件号码列，不能遮盖</source>
        <translation>column {columns} is not an ID number column it asks for, and cannot be masked</translation>
    </message>
    <message>
        <source>应为 true 或 false</source>
        <translation>should be true or false</translation>
    </message>
    <message>
        <source>应为字符串</source>
        <translation>should be a string</translation>
    </message>
    <message>
        <source>应为非空的页面列表</source>
        <translation>should be a list of pages that is not empty</translation>
    </message>
    <message>
        <source>页面应为表（table）</source>
        <translation>a page should be a table</translation>
    </message>
    <message>
        <source>只能由小写字母、数字和 _ 组成</source>
        <translation>may only consist of lowercase letters, digits and _</translation>
    </message>
    <message>
        <source>应为非空的字段列表</source>
        <translation>should be a list of fields that is not empty</translation>
    </message>
    <message>
        <source>{raw} 应为「&lt;字段键&gt; &lt;运算符&gt; &lt;取值&gt;」</source>
        <translation>{raw} should be “&lt;field key&gt; &lt;operator&gt; &lt;value&gt;”</translation>
    </message>
    <message>
        <source>引用的 {key} 不是本表单的字段</source>
        <translation>{key}, which it refers to, is not a field of this form</translation>
    </message>
    <message>
        <source>字段不能依赖自身</source>
        <translation>a field cannot depend on itself</translation>
    </message>
    <message>
        <source>引用的 {key} 是明细清单或认定日期，不能作为显示条件</source>
        <translation>{key}, which it refers to, is a detail list or a recognition date and cannot be a condition</translation>
    </message>
    <message>
        <source>引用的 {key} 不是数值，只能用 == 或 !=</source>
        <translation>{key}, which it refers to, is not a number: only == or != can be used</translation>
    </message>
    <message>
        <source>取值 {raw} 在 {key} 中保存为 {written}，请照此书写</source>
        <translation>value {raw} is kept in {key} as {written}: write it so</translation>
    </message>
    <message>
        <source>应为表（table）：列名 = 相对宽度</source>
        <translation>should be a table: column name = relative width</translation>
    </message>
    <message>
        <source>不是明细清单的列（已知：{columns_known}）</source>
        <translation>not a column of a detail list (known: {columns_known})</translation>
    </message>
    <message>
        <source>应为大于 0 的数</source>
        <translation>should be a number greater than 0</translation>
    </message>
    <message>
        <source>{file} 的 column_widths 缺少列 {columns}</source>
        <translation>the column_widths of {file} lack columns {columns}</translation>
    </message>
    <message>
        <source>只能使用占位符 {{applicant}} 和 {{measure}}</source>
        <translation>may only use the placeholders {{applicant}} and {{measure}}</translation>
    </message>
    <message>
        <source>{raw} 与文件名不符</source>
        <translation>{raw} does not match the file&apos;s name</translation>
    </message>
    <message>
        <source>未知的共用页面 {ids}</source>
        <translation>unknown shared pages {ids}</translation>
    </message>
    <message>
        <source>未知的打印部分 {printed}（已知：{sections}）</source>
        <translation>unknown printed parts {printed} (known: {sections})</translation>
    </message>
    <message>
        <source>打印部分 {printed} 重复列出</source>
        <translation>printed part {printed} is listed more than once</translation>
    </message>
    <message>
        <source>页面 id 不能重复</source>
        <translation>page ids may not repeat</translation>
    </message>
    <message>
        <source>同一字段被询问了两次</source>
        <translation>the same field is asked twice</translation>
    </message>
    <message>
        <source>应与 materials 一一对应</source>
        <translation>should match materials one for one</translation>
    </message>
    <message>
        <source>{name}（{uscc}）：{error}</source>
        <translation>{name} ({uscc}): {error}</translation>
    </message>
    <message>
        <source>计算式为空</source>
        <translation>the expression is empty</translation>
    </message>
    <message>
        <source>计算式过长（最多 {limit} 个字符）</source>
        <translation>the expression is too long (at most {limit} characters)</translation>
    </message>
    <message>
        <source>计算式有语法错误（第 {offset} 个字符附近）</source>
        <translation>the expression has a syntax error (near character {offset})</translation>
    </message>
    <message>
        <source>计算式过于复杂（{parts} 个成分，最多 {limit} 个）</source>
        <translation>the expression is too complex ({parts} parts; at most {limit})</translation>
    </message>
    <message>
        <source>数字 {raw!r} 无效</source>
        <translation>the number {raw!r} is not valid</translation>
    </message>
    <message>
        <source>不支持的常量 {raw!r}（只能写数字）</source>
        <translation>the constant {raw!r} is not supported (only numbers can be written)</translation>
    </message>
    <message>
        <source>计算式中的名称 {name} 既不是参数也不是输入项</source>
        <translation>the name {name} in the expression is neither a parameter nor an input</translation>
    </message>
    <message>
        <source>只能调用 {names}</source>
        <translation>only {names} can be called</translation>
    </message>
    <message>
        <source>{function}() 须写一个或多个数值</source>
        <translation>{function}() must be given one or more numbers</translation>
    </message>
    <message>
        <source>计算式中不允许 {node}（只支持 + − × ÷、min、max、比较和条件）</source>
        <translation>{node} is not allowed in an expression (only + − × ÷, min, max, comparisons and conditions are)</translation>
    </message>
    <message>
        <source>超出磁盘配额</source>
        <translation>disk quota exceeded</translation>
    </message>
    <message>
        <source>磁盘为只读</source>
        <translation>the disk is read-only</translation>
    </message>
    <message>
        <source>这是一个文件夹</source>
        <translation>this is a folder</translation>
    </message>
    <message>
        <source>路径中有一项不是文件夹</source>
        <translation>a part of the path is not a folder</translation>
    </message>
    <message>
        <source>已存在同名文件</source>
        <translation>a file of that name exists already</translation>
    </message>
    <message>
        <source>文件超过系统允许的大小</source>
        <translation>the file is larger than the system allows</translation>
    </message>
    <message>
        <source>文件名太长</source>
        <translation>the file name is too long</translation>
    </message>
    <message>
        <source>读写出错，磁盘或 U 盘可能已损坏或已拔出</source>
        <translation>read or write error: the disk or USB drive may be damaged or unplugged</translation>
    </message>
    <message>
        <source>文件正被占用</source>
        <translation>the file is in use</translation>
    </message>
    <message>
        <source>打开的文件太多</source>
        <translation>too many open files</translation>
    </message>
    <message>
        <source>设备不存在或已拔出</source>
        <translation>the device does not exist or was unplugged</translation>
    </message>
    <message>
        <source>文件名或路径无效</source>
        <translation>the file name or path is not valid</translation>
    </message>
    <message>
        <source>路径中的链接太多</source>
        <translation>too many links in the path</translation>
    </message>
    <message>
        <source>不是普通文件，而是设备或管道</source>
        <translation>not a regular file but a device or a pipe</translation>
    </message>
    <message>
        <source>这是一个文件，不是文件夹</source>
        <translation>this is a file, not a folder</translation>
    </message>
    <message>
        <source>这是设备或管道，不是文件夹</source>
        <translation>this is a device or a pipe, not a folder</translation>
    </message>
    <message>
        <source>这是数据库文件，不会覆盖它</source>
        <translation>this is a database file, and is not written over</translation>
    </message>
    <message>
        <source>已有的这个文件不是 PDF，不会覆盖它</source>
        <translation>the file there is not a PDF, and is not written over</translation>
    </message>
    <message>
        <source>文件正被其他程序占用</source>
        <translation>the file is in use by another program</translation>
    </message>
    <message>
        <source>申报金额</source>
        <translation>Amount applied for</translation>
    </message>
    <message>
        <source>申报条件</source>
        <translation>Conditions of application</translation>
    </message>
    <message>
        <source>文本（加引号）</source>
        <translation>text (in quotes)</translation>
    </message>
    <message>
        <source>整数</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>小数</source>
        <translation>a decimal</translation>
    </message>
    <message>
        <source>true 或 false</source>
        <translation>true or false</translation>
    </message>
    <message>
        <source>日期（不加引号，如 2028-12-31）</source>
        <translation>a date (without quotes, such as 2028-12-31)</translation>
    </message>
    <message>
        <source>列表（[…]）</source>
        <translation>a list ([…])</translation>
    </message>
    <message>
        <source>表（{{…}} 或 [节]）</source>
        <translation>a table ({{…}} or [section])</translation>
    </message>
    <message>
        <source>年度购买算力服务总额按每张发票的价税合计（实际支付的金额）计入；不含税金额与税额一并保存在发票明细中，以备受理部门按不含税口径核算</source>
        <translation>Computing services bought this year counts each invoice&apos;s total including tax (the amount actually paid); the amount without tax and the tax are kept with each invoice, should the authority count without tax</translation>
    </message>
    <message>
        <source>安装识别扩展（约 390 MB，离线运行）后可读取营业执照照片和扫描件：pip install &apos;shenbao[ocr]&apos;</source>
        <translation>Business licence photos and scans can be read once the recognition extra is installed (about 390 MB, runs offline): pip install &apos;shenbao[ocr]&apos;</translation>
    </message>
    <message>
        <source>申报单位基本情况</source>
        <translation>The applicant</translation>
    </message>
    <message>
        <source>与营业执照（或事业单位法人证书）一致；统一社会信用代码末位为校验码。</source>
        <translation>As on the business licence (or public institution certificate); the last character of the credit code is a check character.</translation>
    </message>
    <message>
        <source>联系人与经营情况</source>
        <translation>Contact and business figures</translation>
    </message>
    <message>
        <source>联系人用于主管部门核实申报材料；经营数据按上年度财务报表填写。</source>
        <translation>The authority checks the application with the contact person; the business figures come from last year&apos;s financial statements.</translation>
    </message>
    <message>
        <source>算力项目</source>
        <translation>Computing project</translation>
    </message>
    <message>
        <source>项目贷款</source>
        <translation>Project loan</translation>
    </message>
    <message>
        <source>算力服务购买情况</source>
        <translation>Computing services bought</translation>
    </message>
    <message>
        <source>算力服务发票</source>
        <translation>Computing service invoices</translation>
    </message>
    <message>
        <source>逐张填写当年购买算力服务的发票，合计即年度购买算力服务总额</source>
        <translation>One row per invoice for computing services bought in the year; their sum is the year&apos;s total</translation>
    </message>
    <message>
        <source>攻关及产业化项目</source>
        <translation>Key technology and industrialisation project</translation>
    </message>
    <message>
        <source>软件企业</source>
        <translation>Software enterprise</translation>
    </message>
    <message>
        <source>重大项目</source>
        <translation>Major project</translation>
    </message>
    <message>
        <source>申报产品</source>
        <translation>Products applied for</translation>
    </message>
    <message>
        <source>人工智能产品</source>
        <translation>AI products</translation>
    </message>
    <message>
        <source>每个申报产品一行：名称、类别、简介</source>
        <translation>One row per product: name, category, description</translation>
    </message>
    <message>
        <source>典型应用场景</source>
        <translation>Typical application scenarios</translation>
    </message>
    <message>
        <source>认定为省级人工智能产业园的日期</source>
        <translation>Date recognised as a provincial AI industrial park</translation>
    </message>
    <message>
        <source>认定文件载明的日期，未获认定则留空</source>
        <translation>The date on the recognition document; leave empty if not recognised</translation>
    </message>
    <message>
        <source>核心工程师名册</source>
        <translation>Core engineer roster</translation>
    </message>
    <message>
        <source>每位核心工程师一行：姓名、证件类型（留空即居民身份证；港澳台同胞、外籍人员可填回乡证、台胞证、护照或外国人永久居留身份证）、证件号码（打印时默认部分遮盖）</source>
        <translation>One row per core engineer: name, kind of ID (empty: resident ID card; Hong Kong, Macao and Taiwan residents and foreigners may give their travel permit, passport or permanent residence card), ID number (partly masked when printed)</translation>
    </message>
    <message>
        <source>数据要素产业园</source>
        <translation>Data-element industrial park</translation>
    </message>
    <message>
        <source>平台建设情况</source>
        <translation>Platform construction</translation>
    </message>
    <message>
        <source>平台建设投入明细</source>
        <translation>Platform investment items</translation>
    </message>
    <message>
        <source>逐项填写平台建设实际投入，合计即平台建设实际投入</source>
        <translation>One row per item of actual investment in the platform; their sum is the total investment</translation>
    </message>
    <message>
        <source>领军人才和团队</source>
        <translation>Leading talent and teams</translation>
    </message>
    <message>
        <source>海外青年人才交流</source>
        <translation>Young overseas talent exchange</translation>
    </message>
    <message>
        <source>企业情况</source>
        <translation>The enterprise</translation>
    </message>
    <message>
        <source>研发经费投入</source>
        <translation>R&amp;D spending</translation>
    </message>
    <message>
        <source>标准制修订</source>
        <translation>Standards drafted or revised</translation>
    </message>
    <message>
        <source>模型和智能体项目</source>
        <translation>Model and agent project</translation>
    </message>
    <message>
        <source>可信数据空间试点</source>
        <translation>Trusted data space pilot</translation>
    </message>
    <message>
        <source>行业垂直模型项目</source>
        <translation>Industry vertical model project</translation>
    </message>
    <message>
        <source>高新区用电</source>
        <translation>Electricity in a high-tech zone</translation>
    </message>
    <message>
        <source>市级科技重大专项</source>
        <translation>City major science and technology project</translation>
    </message>
    <message>
        <source>认定情况</source>
        <translation>Recognitions</translation>
    </message>
    <message>
        <source>认定为国家重点实验室的日期</source>
        <translation>Date recognised as a national key laboratory</translation>
    </message>
    <message>
        <source>认定为国家新一代人工智能开放创新平台的日期</source>
        <translation>Date recognised as a national next-generation AI open innovation platform</translation>
    </message>
    <message>
        <source>认定为省级新型研发机构的日期</source>
        <translation>Date recognised as a provincial new-type R&amp;D institution</translation>
    </message>
    <message>
        <source>认定为省级企业重点实验室的日期</source>
        <translation>Date recognised as a provincial enterprise key laboratory</translation>
    </message>
    <message>
        <source>科研仪器、设备和软件购置</source>
        <translation>Research instruments, equipment and software bought</translation>
    </message>
    <message>
        <source>人工智能专业培训</source>
        <translation>Professional AI training</translation>
    </message>
    <message>
        <source>算力基础设施</source>
        <translation>Computing infrastructure</translation>
    </message>
    <message>
        <source>算力销售和运营</source>
        <translation>Computing sold and operated</translation>
    </message>
    <message>
        <source>示范场景</source>
        <translation>Demonstration scenarios</translation>
    </message>
    <message>
        <source>通用技术攻关</source>
        <translation>General technology challenge</translation>
    </message>
    <message>
        <source>工业互联网项目</source>
        <translation>Industrial internet project</translation>
    </message>
    <message>
        <source>应为不小于 0 的金额（元）</source>
        <translation>must be an amount in yuan of at least 0</translation>
    </message>
    <message>
        <source>应为金额（元；红字发票为负数）</source>
        <translation>must be an amount in yuan (negative for a red-letter invoice)</translation>
    </message>
    <message>
        <source>应为不小于 0 的数值</source>
        <translation>must be a number of at least 0</translation>
    </message>
    <message>
        <source>应为不小于 0 的整数</source>
        <translation>must be a whole number of at least 0</translation>
    </message>
    <message>
        <source>应为不小于 1 的整数</source>
        <translation>must be a whole number of at least 1</translation>
    </message>
    <message>
        <source>应为存在的日期（YYYY-MM-DD）</source>
        <translation>must be a real date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>格式或校验码不符（应为18位，末位为校验码）</source>
        <translation>has a wrong format or check character (18 characters, the last one a check character)</translation>
    </message>
    <message>
        <source>不是有效的电话号码</source>
        <translation>is not a valid phone number</translation>
    </message>
    <message>
        <source>不是有效的电子邮箱</source>
        <translation>is not a valid email address</translation>
    </message>
    <message>
        <source>格式、出生日期或校验码不符</source>
        <translation>has a wrong format, birth date or check digit</translation>
    </message>
    <message>
        <source>现行有效</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>已失效</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>已被替代</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <source>征求意见稿</source>
        <translation>Draft for comments</translation>
    </message>
    <message>
        <source>尚未生效</source>
        <translation>Not yet in force</translation>
    </message>
</context>
<context>
    <name>DeltaTableModel</name>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>安装前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>安装后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>（无此措施）</source>
        <translation>(no such measure)</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>在文件夹中显示</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>复制路径</source>
        <translation>Copy path</translation>
    </message>
    <message>
        <source>重新生成</source>
        <translation>Regenerate</translation>
    </message>
    <message>
        <source>在向导中继续(&amp;W)</source>
        <translation>Continue in the &amp;wizard</translation>
    </message>
    <message>
        <source>如：榕科受〔2026〕88号</source>
        <translation>e.g. 榕科受〔2026〕88号</translation>
    </message>
    <message>
        <source>元，入选或立项时</source>
        <translation>CNY, when selected or approved</translation>
    </message>
    <message>
        <source>元，本次拨付；分期拨付时每期记录一次</source>
        <translation>CNY paid this time; record each instalment</translation>
    </message>
    <message>
        <source>记录(&amp;R)</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>更改状态</source>
        <translation>Change state</translation>
    </message>
    <message>
        <source>改为</source>
        <translation>New state</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <source>核定金额</source>
        <translation>Amount awarded</translation>
    </message>
    <message>
        <source>拨付金额</source>
        <translation>Amount paid</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>撤销原因（可不填），记入状态记录</source>
        <translation>Reason for removing it (optional), kept in the history</translation>
    </message>
    <message>
        <source>撤销这笔拨付…</source>
        <translation>Remove This Payment…</translation>
    </message>
    <message>
        <source>拨付记录</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>拨付</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>设为截止日期</source>
        <translation>Set as deadline</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>申报材料清单</source>
        <translation>Materials checklist</translation>
    </message>
    <message>
        <source>状态记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>选择一份申报查看详情</source>
        <translation>Select a declaration to see it</translation>
    </message>
    <message>
        <source>状态：{state}</source>
        <translation>State: {state}</translation>
    </message>
    <message>
        <source>&#x3000;受理编号：{ref}</source>
        <translation>  Reference: {ref}</translation>
    </message>
    <message>
        <source>申请 {applied}&#x3000;核定 {awarded}&#x3000;已拨付 {received}</source>
        <translation>Applied for {applied}  awarded {awarded}  received {received}</translation>
    </message>
    <message>
        <source>受理部门：{office}</source>
        <translation>Receiving office: {office}</translation>
    </message>
    <message>
        <source>申报日期：{day}</source>
        <translation>Date of application: {day}</translation>
    </message>
    <message>
        <source>测算日期 {as_of}&#x3000;政策数据 {version}</source>
        <translation>Judged on {as_of}  policy data {version}</translation>
    </message>
    <message>
        <source>{sum} 元</source>
        <translation>CNY {sum}</translation>
    </message>
    <message>
        <source>依据已变化：</source>
        <translation>Basis changed: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>申报书文件已被移动或删除，可点击“重新生成”</source>
        <translation>The declaration PDF was moved or deleted; click “Regenerate”</translation>
    </message>
    <message>
        <source>申报书文件在生成后被修改过</source>
        <translation>The declaration PDF was modified after it was generated</translation>
    </message>
    <message>
        <source>截止日期
（未设）</source>
        <translation>Deadline
(none set)</translation>
    </message>
    <message>
        <source>{on}&#x3000;拨付 {amount} 元</source>
        <translation>{on}  paid CNY {amount}</translation>
    </message>
    <message>
        <source>生成申报书 {file}</source>
        <translation>PDF: {file}</translation>
    </message>
    <message>
        <source>撤销拨付 {on} {amount} 元</source>
        <translation>Payment removed: {on}, CNY {amount}</translation>
    </message>
    <message>
        <source>（{note}）</source>
        <translation> ({note})</translation>
    </message>
    <message>
        <source>，回到{state}</source>
        <translation>; back to {state}</translation>
    </message>
    <message>
        <source>；{reason}</source>
        <translation>; {reason}</translation>
    </message>
    <message>
        <source>文件在附上后已变化</source>
        <translation>The file changed since it was attached</translation>
    </message>
    <message>
        <source>文件不存在</source>
        <translation>The file does not exist</translation>
    </message>
    <message>
        <source>附文件…</source>
        <translation>Attach file…</translation>
    </message>
    <message>
        <source>已记为{state}</source>
        <translation>Recorded as {state}</translation>
    </message>
    <message>
        <source>撤销 {on} 拨付的 {amount}？</source>
        <translation>Remove the payment of {amount} on {on}?</translation>
    </message>
    <message>
        <source>这是唯一一笔拨付，撤销后申报回到已拨付之前的状态。</source>
        <translation>It is the only payment: the declaration goes back to the state it had before Paid.</translation>
    </message>
    <message>
        <source>状态记录会保留这笔拨付及撤销的日期和操作人。</source>
        <translation>The history keeps the payment, and when and by whom it was removed.</translation>
    </message>
    <message>
        <source>撤销拨付</source>
        <translation>Remove Payment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已撤销 {on} 拨付的 {amount}</source>
        <translation>Removed the payment of {amount} on {on}</translation>
    </message>
</context>
<context>
    <name>DetailTableModel</name>
    <message>
        <source>%1不能为空</source>
        <translation>%1 must not be empty</translation>
    </message>
    <message>
        <source>%1%2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>第%1行：</source>
        <translation>Row %1: </translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <source>文件</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>发文单位</source>
        <translation>Issued by</translation>
    </message>
</context>
<context>
    <name>Done</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>，含待补充项（%1）</source>
        <translation>, with boxes still needed (%1)</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
</context>
<context>
    <name>EnterpriseTableModel</name>
    <message>
        <source>企业（单位）名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>申报</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>{name}
统一社会信用代码：{uscc}
最后修改：{at}（{by}）</source>
        <translation>{name}
Unified social credit code: {uscc}
Last changed: {at} ({by})</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>出现了一个程序错误。请把下面的详细信息发给维护人员。</source>
        <translation>The program hit an error. Please send the details below to the maintainers.</translation>
    </message>
    <message>
        <source>%1第 %2 行</source>
        <translation>%1, row %2</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>添加一行(&amp;A)</source>
        <translation>&amp;Add a row</translation>
    </message>
    <message>
        <source>删除所选行(&amp;D)</source>
        <translation>&amp;Delete selected rows</translation>
    </message>
    <message>
        <source>显示完整身份证号(&amp;S)</source>
        <translation>&amp;Show full ID numbers</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>%1%2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>FieldWidget</name>
    <message>
        <source>未填</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>＝ {wan} 万元</source>
        <translation>= {wan} × 10,000 yuan</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>需经遴选/评选，入选后方可获得</source>
        <translation>Subject to selection: paid only if selected</translation>
    </message>
    <message>
        <source>已无受理期：政策有效期内不再受理此项申报，不计入可申请金额</source>
        <translation>No application window left: no more applications are taken while the policy is in force; not counted in what can be applied for</translation>
    </message>
    <message>
        <source>待补充：</source>
        <translation>Still needed: </translation>
    </message>
    <message>
        <source>暂不能测算</source>
        <translation>Cannot judge yet</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>计算：</source>
        <translation>Calculation: </translation>
    </message>
    <message>
        <source>请填写带 * 的项：</source>
        <translation>Fill in the fields marked *: </translation>
    </message>
    <message>
        <source>请填写：</source>
        <translation>Please fill in: </translation>
    </message>
    <message>
        <source>依据《%1》%2</source>
        <translation>Under the %1, %2</translation>
    </message>
    <message>
        <source>（据媒体报道）</source>
        <translation>(as reported in the media)</translation>
    </message>
    <message>
        <source>第%1条</source>
        <translation>Article %1</translation>
    </message>
    <message>
        <source>附件第%1条</source>
        <translation>Annex, item %1</translation>
    </message>
    <message>
        <source>%1部分</source>
        <translation>the %1 part</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>找不到用户指南：{path}。请重新安装申报助手，或向维护人员索取用户指南。</source>
        <translation>The user guide was not found: {path}. Reinstall Shenbao Assistant, or ask your maintainer for the user guide.</translation>
    </message>
    <message>
        <source>用户指南 — 申报助手</source>
        <translation>User guide — Shenbao Assistant</translation>
    </message>
    <message>
        <source>用户指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>后退</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>前进</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>回到开头</source>
        <translation>To the top</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <source>新增 {n} 家</source>
        <translation>{n} to add</translation>
    </message>
    <message>
        <source>更新 {n} 家</source>
        <translation>{n} to update</translation>
    </message>
    <message>
        <source>不变 {n} 家</source>
        <translation>{n} unchanged</translation>
    </message>
    <message>
        <source>复制全部错误(&amp;C)</source>
        <translation>&amp;Copy every error</translation>
    </message>
    <message>
        <source>把有错误的行另存为表格(&amp;S)…</source>
        <translation>&amp;Save the rows with errors as a table…</translation>
    </message>
    <message>
        <source>保存为可修改后再次导入的表格，最后一列写明每行的错误</source>
        <translation>A table to fix and import again; the last column says what is wrong in each row</translation>
    </message>
    <message>
        <source>以导入的更新已有企业（表格只改其中的列，不删去其他内容）</source>
        <translation>Update the stored enterprises (a table changes only its columns and removes nothing)</translation>
    </message>
    <message>
        <source>保留已有企业，只导入新企业</source>
        <translation>Keep the stored enterprises; import only new ones</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>{code}（{name}）</source>
        <translation>{code} ({name})</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>{label}：{before} → {after}</source>
        <translation>{label}: {before} → {after}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>档案内容不变</source>
        <translation>the profile stays as it is</translation>
    </message>
    <message>
        <source>删去 {fields}</source>
        <translation>removes {fields}</translation>
    </message>
    <message>
        <source>{label}删去 {entries}</source>
        <translation>removes {entries} from {label}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>不删去任何内容</source>
        <translation>nothing is removed</translation>
    </message>
    <message>
        <source>更新 {head}：{what}；{gone}</source>
        <translation>Update {head}: {what}; {gone}</translation>
    </message>
    <message>
        <source>替换 {head}：{what}；{gone}</source>
        <translation>Replace {head}: {what}; {gone}</translation>
    </message>
    <message>
        <source>{where} {head}：{message}</source>
        <translation>{where} {head}: {message}</translation>
    </message>
    <message>
        <source>{file} 第 {row} 行「{column}」</source>
        <translation>{file} row {row}, column “{column}”</translation>
    </message>
    <message numerus="yes">
        <source>（跳过 %n 行有错误的）</source>
        <translation>
            <numerusform> (skipping %n row with an error)</numerusform>
            <numerusform> (skipping %n rows with errors)</numerusform>
        </translation>
    </message>
    <message>
        <source>有错误的行.xlsx</source>
        <translation>rows with errors.xlsx</translation>
    </message>
    <message>
        <source>{file} 第 {row} 行</source>
        <translation>{file} row {row}</translation>
    </message>
    <message numerus="yes">
        <source>将新增 {add} 家，更新 {update} 家，不变 {same} 家；有错误的 %n 行不导入。</source>
        <translation>
            <numerusform>Adds {add}, updates {update}, leaves {same} unchanged; %n row with an error is not imported.</numerusform>
            <numerusform>Adds {add}, updates {update}, leaves {same} unchanged; %n rows with errors are not imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>有错误的 %n 行</source>
        <translation>
            <numerusform>%n row with an error</numerusform>
            <numerusform>%n rows with errors</numerusform>
        </translation>
    </message>
    <message>
        <source>{where}：{message}</source>
        <translation>{where}: {message}</translation>
    </message>
    <message>
        <source>{message}（收到 {value}）</source>
        <translation>{message} (got {value})</translation>
    </message>
    <message>
        <source>{head}：{line}</source>
        <translation>{head}: {line}</translation>
    </message>
    <message>
        <source>导入 {n} 家</source>
        <translation>Import {n}</translation>
    </message>
    <message>
        <source>需核对 {n} 处</source>
        <translation>To check ({n})</translation>
    </message>
    <message>
        <source>这些行的数据互相矛盾，照常导入；请导入后在档案中核对</source>
        <translation>The facts of these rows contradict each other. They are imported all the same; check them in the profiles afterwards.</translation>
    </message>
    <message>
        <source>未导入的申报 {n} 份</source>
        <translation>Declarations not imported ({n})</translation>
    </message>
    <message>
        <source>数据包中的这些申报不会导入，各行写明原因；本机的记录保持不变</source>
        <translation>These declarations of the bundle will not be imported, each line says why; the records here stay as they are</translation>
    </message>
    <message>
        <source>注意：数据包中的 {n} 份申报不会导入，原因见「未导入的申报」。</source>
        <translation>Note: {n} of the bundle&apos;s declarations will not be imported; see “Declarations not imported” for why.</translation>
    </message>
    <message>
        <source>保存有错误的行</source>
        <translation>Save the rows with errors</translation>
    </message>
</context>
<context>
    <name>InvoiceImport</name>
    <message>
        <source>正在读取 {file}（{done}/{total}）…</source>
        <translation>Reading {file} ({done}/{total})…</translation>
    </message>
    <message>
        <source>正在识别发票…</source>
        <translation>Recognising invoices…</translation>
    </message>
    <message>
        <source>正在读取发票…</source>
        <translation>Reading the invoices…</translation>
    </message>
    <message>
        <source>选择发票文件</source>
        <translation>Choose invoice files</translation>
    </message>
    <message>
        <source>发票文件</source>
        <translation>Invoice files</translation>
    </message>
    <message>
        <source>导入发票期间，该企业的档案已在另一个窗口或程序中修改：发票未加入，别处的修改已保留；请重新导入发票</source>
        <translation>While the invoices were being imported, this enterprise&apos;s profile was changed in another window or program: the invoices were not added and the other change was kept; please import the invoices again</translation>
    </message>
    <message>
        <source>可把税务平台下发的发票文件（XML、OFD、PDF）拖到此页，自动读取加入</source>
        <translation>Drop invoice files issued by the tax platform (XML, OFD, PDF) on this page to read and add them</translation>
    </message>
    <message>
        <source>从发票文件导入(&amp;I)…</source>
        <translation>&amp;Import from invoice files…</translation>
    </message>
</context>
<context>
    <name>InvoiceImportDialog</name>
    <message>
        <source>这是营业执照，不是发票</source>
        <translation>This is a business licence, not an invoice</translation>
    </message>
    <message>
        <source>导入发票</source>
        <translation>Import invoices</translation>
    </message>
    <message>
        <source>读取税务平台下发的发票文件（XML、OFD、PDF），加入算力服务发票清单；每张发票记下来源文件及其 SHA-256。</source>
        <translation>Reads invoice files issued by the tax platform (XML, OFD, PDF) into the list of compute invoices; each invoice records its source file and SHA-256.</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation>Invoice number</translation>
    </message>
    <message>
        <source>开票日期</source>
        <translation>Date issued</translation>
    </message>
    <message>
        <source>销售方</source>
        <translation>Seller</translation>
    </message>
    <message>
        <source>价税合计（元）</source>
        <translation>Total incl. tax (yuan)</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>购买方不是本企业时也加入（分支机构、企业更名）(&amp;O)</source>
        <translation>Add even when the buyer is &amp;another tax id (a branch, a renamed firm)</translation>
    </message>
    <message>
        <source>无法读取：</source>
        <translation>Cannot read: </translation>
    </message>
    <message>
        <source>识别自扫描件：请对照原件核对，勾选本行后加入</source>
        <translation>Recognised from a scan: check it against the paper, then tick the row to add it</translation>
    </message>
    <message>
        <source>不加入：</source>
        <translation>Not added: </translation>
    </message>
    <message>
        <source>将加入</source>
        <translation>Will be added</translation>
    </message>
    <message>
        <source>有提示</source>
        <translation>see notes</translation>
    </message>
    <message numerus="yes">
        <source>加入 %n 张发票</source>
        <translation>
            <numerusform>Add %n invoice</numerusform>
            <numerusform>Add %n invoices</numerusform>
        </translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <source>不能加入：</source>
        <translation>Cannot be added: </translation>
    </message>
    <message>
        <source>识别自扫描件 {file}，请逐项核对：</source>
        <translation>Recognised from the scan {file}; check each item:</translation>
    </message>
    <message>
        <source>购买方：{name}（{code}）</source>
        <translation>Buyer: {name} ({code})</translation>
    </message>
    <message>
        <source>销售方：{name}（{code}）</source>
        <translation>Seller: {name} ({code})</translation>
    </message>
    <message>
        <source>金额 {amount}，税额 {tax}，价税合计 {total}</source>
        <translation>Amount {amount}, tax {tax}, total {total}</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>政策库</source>
        <translation>Policy library</translation>
    </message>
    <message>
        <source>全文(&amp;T)</source>
        <translation>Full &amp;text</translation>
    </message>
    <message>
        <source>征求意见稿对照(&amp;C)</source>
        <translation>Draft &amp;comparison</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>发布日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>替代文件</source>
        <translation>Superseded by</translation>
    </message>
    <message>
        <source>申报通知《{title}》：{measure} {days}</source>
        <translation>Application notice “{title}”: {measure}, {days}</translation>
    </message>
    <message>
        <source>状态说明</source>
        <translation>Status note</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>本条措施：</source>
        <translation>Measures of this article: </translation>
    </message>
    <message>
        <source>责任单位：</source>
        <translation>Responsible authorities: </translation>
    </message>
    <message>
        <source>受理期</source>
        <translation>Application window</translation>
    </message>
    <message>
        <source>通知有效期</source>
        <translation>Notice valid</translation>
    </message>
    <message>
        <source>开放申报的措施</source>
        <translation>Measures opened for applications</translation>
    </message>
    <message>
        <source>申报材料清单</source>
        <translation>Materials checklist</translation>
    </message>
    <message>
        <source>申报材料：按该措施申报表所列</source>
        <translation>Materials: as the measure&apos;s application form lists them</translation>
    </message>
    <message>
        <source>受理中</source>
        <translation>Open for applications</translation>
    </message>
    <message>
        <source>尚未开始</source>
        <translation>Not yet open</translation>
    </message>
    <message>
        <source>已截止</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>受理地点</source>
        <translation>Where to submit</translation>
    </message>
    <message>
        <source>咨询</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <source>暂无征求意见稿对照。</source>
        <translation>No draft comparison yet.</translation>
    </message>
    <message>
        <source>《%1》与《%2》的变化</source>
        <translation>Changes from “%1” to “%2”</translation>
    </message>
    <message>
        <source>征求意见稿</source>
        <translation>Draft for comments</translation>
    </message>
    <message>
        <source>正式稿</source>
        <translation>Final text</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（删除）</source>
        <translation>(removed)</translation>
    </message>
</context>
<context>
    <name>LicenceDialog</name>
    <message>
        <source>从营业执照照片识别</source>
        <translation>Recognise from a business licence photo</translation>
    </message>
    <message>
        <source>以下是从照片 {file} 中识别出的内容。请对照营业执照原件逐项核对，勾选要填入档案的项目；填入后仍可修改，保存时才写入，并注明「识别自营业执照」。</source>
        <translation>This is what was recognised in the photo {file}. Check each item against the original business licence and tick the ones to fill into the profile; they can still be changed afterwards, and are written only when you save, marked “recognised from business licence”.</translation>
    </message>
    <message>
        <source>填入</source>
        <translation>Fill in</translation>
    </message>
    <message>
        <source>当前值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>识别结果</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>无法识别（读作 {text}，未通过 GB 32100 校验，请照原件填写）</source>
        <translation>Unreadable (read as {text}, which fails the GB 32100 check; type it from the original)</translation>
    </message>
    <message>
        <source>不按人民币填入（照片上为 {text}），请折算后填写</source>
        <translation>Not filled in as yuan (the photo shows {text}): convert it and type it in</translation>
    </message>
    <message>
        <source>无法识别（照片上为 {text}），请照原件填写</source>
        <translation>Unreadable (the photo shows {text}): type it from the original</translation>
    </message>
    <message>
        <source>无法识别单位类型（照片上为 {text}）</source>
        <translation>Kind of unit not recognised (the photo says {text})</translation>
    </message>
    <message>
        <source>无法识别</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>与当前值相同</source>
        <translation>same as the current value</translation>
    </message>
    <message>
        <source>{amount} 元</source>
        <translation>{amount} yuan</translation>
    </message>
    <message numerus="yes">
        <source>填入 %n 项</source>
        <translation>
            <numerusform>Fill in %n item</numerusform>
            <numerusform>Fill in %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LicenceImport</name>
    <message>
        <source>识别营业执照照片需要可选的识别扩展（OCR）。安装后，可从照片中读出名称、统一社会信用代码、类型、法定代表人、注册资本、成立日期和住所，逐项核对后填入档案；扫描的发票也可识别。扩展约 390 MB，完全离线运行，运行时不下载任何内容。</source>
        <translation>Recognising business licence photos needs the optional recognition extra (OCR). Once installed, the name, unified social credit code, type, legal representative, registered capital, date of establishment and address are read from a photo and filled into the profile after you check each one; scanned invoices can be read too. The extra takes about 390 MB, runs entirely offline and downloads nothing when it runs.</translation>
    </message>
    <message>
        <source>安装方法：{command}</source>
        <translation>To install it: {command}</translation>
    </message>
    <message>
        <source>默认安装包不含此扩展。</source>
        <translation>The standard installer does not include it.</translation>
    </message>
    <message>
        <source>从营业执照照片识别(&amp;Z)…</source>
        <translation>&amp;Recognise from business licence photo…</translation>
    </message>
    <message>
        <source>读取营业执照照片，逐项核对后填入名称、统一社会信用代码等；也可把照片拖到档案上</source>
        <translation>Read a business licence photo and, after checking each item, fill in the name, unified social credit code and more; you can also drop the photo on the profile</translation>
    </message>
    <message>
        <source>需要识别扩展</source>
        <translation>Recognition extra needed</translation>
    </message>
    <message>
        <source>选择营业执照照片</source>
        <translation>Choose a business licence photo</translation>
    </message>
    <message>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>{file} 不是营业执照照片</source>
        <translation>{file} is not a business licence photo</translation>
    </message>
    <message>
        <source>正在识别营业执照照片 {file}…</source>
        <translation>Recognising the business licence photo {file}…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>申报助手</source>
        <translation>Shenbao Assistant</translation>
    </message>
    <message>
        <source>导出(&amp;E)…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>把列表中的企业导出为 .shenbao 数据包，或导出为园区表格（Excel、CSV）</source>
        <translation>Export the enterprises listed as a .shenbao bundle, or as a park table (Excel, CSV)</translation>
    </message>
    <message>
        <source>按名称、统一社会信用代码或地区查找（Ctrl+F）</source>
        <translation>Find by name, credit code or region (Ctrl+F)</translation>
    </message>
    <message>
        <source>查找企业</source>
        <translation>Find enterprise</translation>
    </message>
    <message>
        <source>企业列表</source>
        <translation>Enterprise list</translation>
    </message>
    <message>
        <source>正在载入…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>新建企业(&amp;N)</source>
        <translation>&amp;New enterprise</translation>
    </message>
    <message>
        <source>新建一家企业的档案</source>
        <translation>Create a new enterprise profile</translation>
    </message>
    <message>
        <source>从营业执照照片新建企业(&amp;L)…</source>
        <translation>New enterprise from business &amp;licence photo…</translation>
    </message>
    <message>
        <source>新建一家企业，从营业执照照片识别名称、统一社会信用代码等，逐项核对后填入</source>
        <translation>Create an enterprise and fill in its name, unified social credit code and more from a business licence photo, checked item by item</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>保存当前档案</source>
        <translation>Save the current profile</translation>
    </message>
    <message>
        <source>复制为新企业(&amp;D)…</source>
        <translation>&amp;Duplicate as new enterprise…</translation>
    </message>
    <message>
        <source>删除企业(&amp;R)…</source>
        <translation>&amp;Remove enterprise…</translation>
    </message>
    <message>
        <source>导入(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>导入数据包、档案 JSON 或园区表格（CSV、Excel）</source>
        <translation>Import bundles, profile JSON or park tables (CSV, Excel)</translation>
    </message>
    <message>
        <source>导入发票(&amp;V)…</source>
        <translation>Import in&amp;voices…</translation>
    </message>
    <message>
        <source>读取发票文件（XML、OFD、PDF），加入当前企业的算力服务发票</source>
        <translation>Read invoice files (XML, OFD, PDF) into the current enterprise&apos;s compute invoices</translation>
    </message>
    <message>
        <source>设置(&amp;T)…</source>
        <translation>Se&amp;ttings…</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>查找企业(&amp;F)</source>
        <translation>&amp;Find enterprise</translation>
    </message>
    <message>
        <source>填写申报(&amp;W)…</source>
        <translation>Application &amp;wizard…</translation>
    </message>
    <message>
        <source>政策库(&amp;L)</source>
        <translation>Policy &amp;library</translation>
    </message>
    <message>
        <source>园区视图(&amp;P)</source>
        <translation>&amp;Park view</translation>
    </message>
    <message>
        <source>申报记录(&amp;D)</source>
        <translation>&amp;Declarations</translation>
    </message>
    <message>
        <source>全部申报：状态、金额、申报书文件与材料清单</source>
        <translation>Every declaration: state, amounts, PDF and materials checklist</translation>
    </message>
    <message>
        <source>待办(&amp;O)</source>
        <translation>T&amp;o do</translation>
    </message>
    <message>
        <source>申报进度(&amp;G)</source>
        <translation>Declaration p&amp;ipeline</translation>
    </message>
    <message>
        <source>用户指南(&amp;G)</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <source>打开用户指南（无需联网）</source>
        <translation>Open the user guide (no internet needed)</translation>
    </message>
    <message>
        <source>界面导览(&amp;T)</source>
        <translation>Interface &amp;tour</translation>
    </message>
    <message>
        <source>逐一介绍主窗口的各个部分</source>
        <translation>Walk through the parts of the main window</translation>
    </message>
    <message>
        <source>关于申报助手(&amp;A)</source>
        <translation>&amp;About Shenbao Assistant</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>申报(&amp;A)</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>常用</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>撤销(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>重做(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>（未填写名称）</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <source>数据库已损坏</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <source>从最近的完好备份恢复？</source>
        <translation>Restore from the latest good backup?</translation>
    </message>
    <message>
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <source>演示数据（示例企业）：{folder}</source>
        <translation>Demo data (sample enterprises): {folder}</translation>
    </message>
    <message>
        <source>数据文件夹：{folder}</source>
        <translation>Data folder: {folder}</translation>
    </message>
    <message>
        <source>已在别处打开</source>
        <translation>Open elsewhere</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 已在另一个申报助手窗口中打开，已切换到该窗口。</source>
        <translation>The data folder {folder} is open in another Shenbao window, which has been brought to the front.</translation>
    </message>
    <message>
        <source>未能打开数据文件夹：{folder}</source>
        <translation>Could not open the data folder: {folder}</translation>
    </message>
    <message>
        <source>数据口令</source>
        <translation>data passphrase</translation>
    </message>
    <message>
        <source>新企业（未保存）</source>
        <translation>New enterprise (not saved)</translation>
    </message>
    <message>
        <source>申报助手（演示数据）</source>
        <translation>Shenbao Assistant (demo data)</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>当前档案有尚未保存的修改。保存吗？</source>
        <translation>The current profile has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>· {label}：{message}</source>
        <translation>· {label}: {message}</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>以下内容需要改正：</source>
        <translation>Please correct the following:</translation>
    </message>
    <message>
        <source>统一社会信用代码已修改</source>
        <translation>Credit code changed</translation>
    </message>
    <message>
        <source>代码已由 {old} 改为 {new}。另存为一家新企业吗？原企业仍保留。</source>
        <translation>The code changed from {old} to {new}. Save as a new enterprise? The original one is kept.</translation>
    </message>
    <message>
        <source>企业已被删除</source>
        <translation>Enterprise removed</translation>
    </message>
    <message>
        <source>「{name}」（{code}）已不在数据中，可能已在别处删除。把编辑器中的内容保存为这家企业吗？选「否」则继续编辑，内容仍在。</source>
        <translation>“{name}” ({code}) is no longer in the data; it may have been removed elsewhere. Save what the editor shows as this enterprise again? Choose No to go on editing; nothing is lost.</translation>
    </message>
    <message>
        <source>统一社会信用代码 {code} 已是「{name}」的代码。要修改该企业，请在列表中选中它；要新建一家，请改正代码。</source>
        <translation>The credit code {code} is already that of “{name}”. To change that enterprise, choose it in the list; to add a new one, correct the code.</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 家企业</source>
        <translation>
            <numerusform>%n enterprise</numerusform>
            <numerusform>%n enterprises</numerusform>
        </translation>
    </message>
    <message>
        <source>未能打开该企业：{reason}</source>
        <translation>Could not open this enterprise: {reason}</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>当前企业尚未保存：保存后才能复制</source>
        <translation>This enterprise is not saved yet: save it before duplicating it</translation>
    </message>
    <message>
        <source>当前企业尚未保存，没有可删除的记录</source>
        <translation>This enterprise is not saved yet: there is no record to remove</translation>
    </message>
    <message>
        <source>导入发票前需要先保存当前档案。现在保存吗？</source>
        <translation>The profile must be saved before invoices are imported into it. Save it now?</translation>
    </message>
    <message>
        <source>请先在右侧的测算结果中选择一项措施，再填写申报</source>
        <translation>First choose a measure in the results on the right, then open its application wizard</translation>
    </message>
    <message>
        <source>先保存档案</source>
        <translation>Save the profile first</translation>
    </message>
    <message>
        <source>填写申报前需要先保存当前档案。现在保存吗？</source>
        <translation>The profile must be saved before an application. Save it now?</translation>
    </message>
    <message>
        <source>仍有任务在进行</source>
        <translation>Work still running</translation>
    </message>
    <message>
        <source>仍有导入或导出在进行。仍要退出吗？</source>
        <translation>An import or export is still running. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>MainWindowTour</name>
    <message>
        <source>企业列表与查找</source>
        <translation>The enterprise list and search</translation>
    </message>
    <message>
        <source>左侧列出本数据文件夹中的企业。在上方的查找框中输入名称、统一社会信用代码或地区，列表即时筛选（Ctrl+F）；按 ↓ 进入列表，按回车开始编辑。</source>
        <translation>On the left are the enterprises in this data folder. Type a name, unified social credit code or district in the search field above and the list filters as you type (Ctrl+F); press ↓ to move into the list and Enter to start editing.</translation>
    </message>
    <message>
        <source>企业档案</source>
        <translation>The enterprise profile</translation>
    </message>
    <message>
        <source>中间是所选企业的档案。每个字段都有说明，输入时即时校验。Ctrl+S 保存，Ctrl+Z 撤销；标题栏中的 * 表示尚未保存。Ctrl+N 新建一家企业。</source>
        <translation>In the middle is the profile of the selected enterprise. Every field is explained and checked as you type. Ctrl+S saves and Ctrl+Z undoes; a * in the title bar means there are unsaved changes. Ctrl+N starts a new enterprise.</translation>
    </message>
    <message>
        <source>测算结果</source>
        <translation>The preview</translation>
    </message>
    <message>
        <source>右侧在每次修改后重新测算全部措施，按政策文件分组。顶部是最高可申请的合计金额（万元），旁边可以改测算日期。</source>
        <translation>On the right, every measure is judged again after each change, grouped by policy document. At the top is the most that can be applied for in total; beside it you can change the date judged for.</translation>
    </message>
    <message>
        <source>标记和金额类型</source>
        <translation>Badges and kinds of amount</translation>
    </message>
    <message>
        <source>&lt;b&gt;可申报&lt;/b&gt;：条件均已满足；&lt;b&gt;不符合&lt;/b&gt;：有条件不满足；&lt;b&gt;待补充&lt;/b&gt;：还缺少信息；&lt;b&gt;未生效·已失效&lt;/b&gt;：测算日期不在文件有效期内。&lt;br&gt;金额类型：&lt;b&gt;定额&lt;/b&gt;按标准给予，&lt;b&gt;最高&lt;/b&gt;为上限，&lt;b&gt;估算&lt;/b&gt;以主管部门核定为准，&lt;b&gt;按规定&lt;/b&gt;为文件未写明金额。标有&lt;b&gt;遴选&lt;/b&gt;的措施须经遴选或评选，入选后方可获得。</source>
        <translation>&lt;b&gt;Eligible&lt;/b&gt;: every condition is met; &lt;b&gt;Not eligible&lt;/b&gt;: a condition is not met; &lt;b&gt;Incomplete&lt;/b&gt;: information is still missing; &lt;b&gt;Not in force&lt;/b&gt;: the date judged for lies outside the document&apos;s period.&lt;br&gt;Kinds of amount: &lt;b&gt;Fixed&lt;/b&gt; is granted at a set rate, &lt;b&gt;Up to&lt;/b&gt; is a ceiling, &lt;b&gt;Estimate&lt;/b&gt; is for the authority to decide, &lt;b&gt;As regulated&lt;/b&gt; means the document names no amount. A measure marked &lt;b&gt;Selection&lt;/b&gt; is awarded only to those chosen in a selection or review.</translation>
    </message>
    <message>
        <source>填写申报</source>
        <translation>Filling in an application</translation>
    </message>
    <message>
        <source>选中一项措施，下方显示测算依据和条款原文。点「填写申报」（Ctrl+Shift+W）逐步填写申报内容，最后打印可签字盖章的申报书。以后可从“帮助 → 界面导览”再看一遍。</source>
        <translation>Select a measure to see below why it was judged so, with the clause&apos;s text. Click “Application wizard…” (Ctrl+Shift+W) to fill in the application step by step and print a form ready to sign and stamp. You can see this tour again from Help → Interface tour.</translation>
    </message>
</context>
<context>
    <name>PackInstallDialog</name>
    <message>
        <source>安装政策更新</source>
        <translation>Install policy update</translation>
    </message>
    <message>
        <source>{title}（{id}，第 {version} 版）</source>
        <translation>{title} ({id}, version {version})</translation>
    </message>
    <message>
        <source>发布者：{publisher}
签名公钥：{key}，指纹 {fingerprint}
发布日期 {issued}，有效至 {expires}</source>
        <translation>Publisher: {publisher}
Signing key: {key}, fingerprint {fingerprint}
Issued {issued}, valid until {expires}</translation>
    </message>
    <message numerus="yes">
        <source>按 {date} 测算，数据文件夹中 %n 家企业有以下变化：</source>
        <translation>
            <numerusform>Judged as of {date}, %n enterprise in the data folder changes as follows:</numerusform>
            <numerusform>Judged as of {date}, %n enterprises in the data folder change as follows:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>按 {date} 测算，数据文件夹中 %n 家企业的措施状态和金额均无变化。</source>
        <translation>
            <numerusform>Judged as of {date}, no status or amount changes for the %n enterprise in the data folder.</numerusform>
            <numerusform>Judged as of {date}, no status or amount changes for the %n enterprises in the data folder.</numerusform>
        </translation>
    </message>
    <message>
        <source>未能测算：</source>
        <translation>Could not judge: </translation>
    </message>
    <message>
        <source>安装(&amp;I)</source>
        <translation>&amp;Install</translation>
    </message>
    <message>
        <source>选择政策包</source>
        <translation>Choose a policy pack</translation>
    </message>
    <message>
        <source>政策包 (*.shenbao-policy);;所有文件 (*)</source>
        <translation>Policy packs (*.shenbao-policy);;All files (*)</translation>
    </message>
    <message>
        <source>此政策包由一个尚未受信任的公钥签发：

发布者（自称）：{publisher}
指纹：{fingerprint}

请向发布者核对这串指纹（逐组比对），一致才可信任。信任此发布者并继续？</source>
        <translation>This policy pack is signed by a key that is not trusted yet:

Publisher (as it says): {publisher}
Fingerprint: {fingerprint}

Check this fingerprint with the publisher, group by group; trust it only if it matches. Trust this publisher and continue?</translation>
    </message>
    <message>
        <source>未安装：{reason}</source>
        <translation>Not installed: {reason}</translation>
    </message>
    <message>
        <source>正在测算政策更新对各企业的影响…</source>
        <translation>Working out what the policy update changes for each enterprise…</translation>
    </message>
</context>
<context>
    <name>ParkTableModel</name>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>测算中…</source>
        <translation>Judging…</translation>
    </message>
    <message>
        <source>未测算</source>
        <translation>Not judged</translation>
    </message>
    <message>
        <source>%1 家可申报</source>
        <translation>%1 can apply</translation>
    </message>
    <message>
        <source>%1 家可申报，金额按规定</source>
        <translation>%1 can apply; sum as regulated</translation>
    </message>
    <message>
        <source>%1 家可申报，非资金支持</source>
        <translation>%1 can apply; non-monetary</translation>
    </message>
    <message>
        <source>%1（%2 家）</source>
        <translation>%1 (applicants: %2)</translation>
    </message>
    <message>
        <source>%1；另有 %2需确认能否叠加</source>
        <translation>%1; a further %2 if the subsidies may be combined</translation>
    </message>
    <message>
        <source>另有 %1需向主管部门确认能否叠加</source>
        <translation>A further %1 only if the authority confirms the subsidies may be combined</translation>
    </message>
    <message>
        <source>另有 %1已无受理期，不计入合计</source>
        <translation>A further %1 with no application window left, not counted in the total</translation>
    </message>
    <message>
        <source>合计（%1 家）</source>
        <translation>Total (%1 enterprises)</translation>
    </message>
    <message>
        <source>档案有误</source>
        <translation>Profile has errors</translation>
    </message>
    <message>
        <source>%1（只计已测算的 %2 家）</source>
        <translation>%1 (counting only the %2 judged)</translation>
    </message>
</context>
<context>
    <name>ParkView</name>
    <message>
        <source>园区视图</source>
        <translation>Park view</translation>
    </message>
    <message>
        <source>全部区县</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>全部措施</source>
        <translation>All measures</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>导出表格(&amp;E)…</source>
        <translation>&amp;Export table…</translation>
    </message>
    <message>
        <source>导出为 Excel 表格（.xlsx）或 CSV，金额为以元计的数字，可直接求和</source>
        <translation>Export as an Excel table (.xlsx) or CSV, amounts as numbers in CNY that add up directly</translation>
    </message>
    <message>
        <source>导出园区报告 PDF(&amp;R)…</source>
        <translation>Park &amp;report PDF…</translation>
    </message>
    <message>
        <source>批量生成申报书(&amp;B)…</source>
        <translation>&amp;Batch of forms…</translation>
    </message>
    <message>
        <source>为列表中每家企业的每项可申报措施生成申报书 PDF</source>
        <translation>Print the declaration form of every eligible measure of each enterprise listed, as PDF</translation>
    </message>
    <message>
        <source>区县(&amp;D)：</source>
        <translation>&amp;District:</translation>
    </message>
    <message>
        <source>措施(&amp;M)：</source>
        <translation>&amp;Measure:</translation>
    </message>
    <message>
        <source>状态(&amp;S)：</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>（未填写区县）</source>
        <translation>(No district given)</translation>
    </message>
    <message>
        <source>正在测算 %v / %m 家企业…</source>
        <translation>Judging %v of %m enterprises…</translation>
    </message>
    <message>
        <source>测算已停止：{reason}</source>
        <translation>Judging stopped: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>显示 %1 / %n 家企业</source>
        <translation>
            <numerusform>Showing %1 of %n enterprise</numerusform>
            <numerusform>Showing %1 of %n enterprises</numerusform>
        </translation>
    </message>
    <message>
        <source>%1（元）</source>
        <translation>%1 (CNY)</translation>
    </message>
    <message>
        <source>合计（元）</source>
        <translation>Total (CNY)</translation>
    </message>
    <message>
        <source>另有需确认能否叠加（元）</source>
        <translation>Further, if the subsidies may be combined (CNY)</translation>
    </message>
    <message>
        <source>另有已无受理期（元）</source>
        <translation>Further, with no application window left (CNY)</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>各企业尚未全部测算完毕，测算完成后才能导出。</source>
        <translation>The enterprises are still being judged; export once every one is judged.</translation>
    </message>
    <message>
        <source>正在导出表格…</source>
        <translation>Exporting the table…</translation>
    </message>
    <message>
        <source>导出表格</source>
        <translation>Export table</translation>
    </message>
    <message>
        <source>导出园区报告</source>
        <translation>Export park report</translation>
    </message>
    <message>
        <source>正在生成园区报告…</source>
        <translation>Making the park report…</translation>
    </message>
    <message>
        <source>正在生成园区报告：第 {page} 页…</source>
        <translation>Making the park report: page {page}…</translation>
    </message>
    <message>
        <source>选择保存申报书的文件夹</source>
        <translation>Choose the folder for the declaration forms</translation>
    </message>
    <message>
        <source>正在生成申报书…</source>
        <translation>Printing the declaration forms…</translation>
    </message>
    <message>
        <source>列表中的企业没有可申报的措施，未生成申报书</source>
        <translation>No enterprise listed is eligible for a measure: no form was printed</translation>
    </message>
    <message>
        <source>无法写入 {path}（{why}）</source>
        <translation>Cannot write {path} ({why})</translation>
    </message>
    <message>
        <source>申报书已保存到文件夹：{path}</source>
        <translation>Declarations saved in the folder: {path}</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>等 {n} 家</source>
        <translation> and others, {n} in all</translation>
    </message>
    <message>
        <source>未列入（档案有误，请打开该企业修改）：{names}</source>
        <translation>Left out (the profile has errors; open the enterprise to correct it): {names}</translation>
    </message>
    <message numerus="yes">
        <source>另有 %n 份申报书含待补充项</source>
        <translation>
            <numerusform>%n more form has boxes still needed</numerusform>
            <numerusform>%n more forms have boxes still needed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <source>按企业</source>
        <translation>By enterprise</translation>
    </message>
    <message>
        <source>按措施</source>
        <translation>By measure</translation>
    </message>
    <message>
        <source>按区县</source>
        <translation>By district</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>可申报（项）</source>
        <translation>Eligible (measures)</translation>
    </message>
    <message>
        <source>可申报金额（元）</source>
        <translation>Eligible amount (CNY)</translation>
    </message>
    <message>
        <source>另需确认能否叠加（元）</source>
        <translation>Stacking to confirm (CNY)</translation>
    </message>
    <message>
        <source>进行中（份）</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已提交（份）</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已核定（份）</source>
        <translation>Awarded</translation>
    </message>
    <message>
        <source>核定金额（元）</source>
        <translation>Awarded (CNY)</translation>
    </message>
    <message>
        <source>已拨付（元）</source>
        <translation>Received (CNY)</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>合计（只计已汇总的 %1 家）</source>
        <translation>Total (counting only the %1 gathered)</translation>
    </message>
    <message>
        <source>汇总中…</source>
        <translation>Gathering…</translation>
    </message>
    <message>
        <source>未汇总</source>
        <translation>Not gathered</translation>
    </message>
</context>
<context>
    <name>PipelineView</name>
    <message>
        <source>申报进度</source>
        <translation>Declaration pipeline</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>仅受理期中</source>
        <translation>Window open only</translation>
    </message>
    <message>
        <source>导出表格(&amp;E)…</source>
        <translation>&amp;Export table…</translation>
    </message>
    <message>
        <source>导出为 Excel 表格（.xlsx）或 CSV，金额为以元计的数字，可直接求和</source>
        <translation>Export as an Excel table (.xlsx) or CSV, amounts as numbers in CNY that add up directly</translation>
    </message>
    <message>
        <source>分组(&amp;G)：</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>状态(&amp;S)：</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>正在汇总 %v / %m 家企业…</source>
        <translation>Gathering %v of %m enterprises…</translation>
    </message>
    <message>
        <source>汇总已停止：{reason}</source>
        <translation>Gathering stopped: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{shown} / %n 家企业</source>
        <translation>
            <numerusform>{shown} / %n enterprise</numerusform>
            <numerusform>{shown} / %n enterprises</numerusform>
        </translation>
    </message>
    <message>
        <source>正在导出申报进度…</source>
        <translation>Exporting the pipeline…</translation>
    </message>
    <message>
        <source>导出申报进度</source>
        <translation>Export the pipeline</translation>
    </message>
    <message>
        <source>已导出申报进度：{path}</source>
        <translation>Pipeline exported: {path}</translation>
    </message>
</context>
<context>
    <name>PolicyUpdateBar</name>
    <message>
        <source>安装政策更新(&amp;U)…</source>
        <translation>Install policy &amp;update…</translation>
    </message>
    <message>
        <source>移除政策包(&amp;R)…</source>
        <translation>&amp;Remove policy pack…</translation>
    </message>
    <message>
        <source>撤销最近一次安装：恢复为该政策包的上一版，或安装之前</source>
        <translation>Undo the latest install: back to the pack&apos;s previous version, or to before it was installed</translation>
    </message>
    <message>
        <source>移除政策包</source>
        <translation>Remove policy pack</translation>
    </message>
    <message>
        <source>{title}（{id}，第 {version} 版）</source>
        <translation>{title} ({id}, version {version})</translation>
    </message>
    <message>
        <source>移除哪个政策包？</source>
        <translation>Which policy pack should be removed?</translation>
    </message>
    <message>
        <source>恢复为第 {version} 版</source>
        <translation>going back to version {version}</translation>
    </message>
    <message>
        <source>恢复为安装之前</source>
        <translation>going back to before it was installed</translation>
    </message>
    <message>
        <source>移除政策包 {name}，{after}？</source>
        <translation>Remove the policy pack {name}, {after}?</translation>
    </message>
    <message>
        <source>未移除：{reason}</source>
        <translation>Not removed: {reason}</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>遴选</source>
        <translation>Selection</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>缺少：</source>
        <translation>Missing: </translation>
    </message>
    <message>
        <source>（{count} 项可申报）</source>
        <translation> ({count} eligible)</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <source>尚未测算</source>
        <translation>Not judged yet</translation>
    </message>
    <message>
        <source>测算日期</source>
        <translation>Date judged for</translation>
    </message>
    <message>
        <source>按</source>
        <translation>Judged as of</translation>
    </message>
    <message>
        <source>测算</source>
        <translation> </translation>
    </message>
    <message>
        <source>各项措施的测算结果</source>
        <translation>Results for each measure</translation>
    </message>
    <message>
        <source>测算依据</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>填写申报(&amp;W)…</source>
        <translation>Application &amp;wizard…</translation>
    </message>
    <message>
        <source>暂不能测算：</source>
        <translation>Cannot judge yet: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>暂不能测算</source>
        <translation>Cannot judge yet</translation>
    </message>
    <message>
        <source>最高可申请 {amount}</source>
        <translation>Up to {amount} can be applied for</translation>
    </message>
    <message>
        <source>；另有 {amount}需向主管部门确认能否叠加</source>
        <translation>; a further {amount} only if the authority confirms the subsidies may be combined</translation>
    </message>
    <message>
        <source>；另有 {amount}已无受理期</source>
        <translation>; a further {amount} with no application window left</translation>
    </message>
    <message>
        <source>选择一项措施，查看测算依据。</source>
        <translation>Select a measure to see why.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>需经遴选</source>
        <translation>Subject to selection</translation>
    </message>
    <message>
        <source>条款原文</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>计算</source>
        <translation>Calculation</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible authorities</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>不符合的原因</source>
        <translation>Why not eligible</translation>
    </message>
    <message>
        <source>待补充</source>
        <translation>Still needed</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>申报记录</source>
        <translation>Declarations</translation>
    </message>
    <message numerus="yes">
        <source>本企业此项已登记拨付 {amount}（%n 笔，最近一笔 {date}）；上方测算金额未扣除</source>
        <translation>
            <numerusform>The register records {amount} received by this enterprise for this measure (%n payment, on {date}); the amount above does not take it off</numerusform>
            <numerusform>The register records {amount} received by this enterprise for this measure (%n payments, the latest on {date}); the amount above does not take it off</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>修改“{label}”</source>
        <translation>Edit “{label}”</translation>
    </message>
    <message>
        <source>认定情况（已获得的请勾选并填写认定日期）</source>
        <translation>Recognitions (tick those held and give the date)</translation>
    </message>
    <message>
        <source>认定日期 YYYY-MM-DD</source>
        <translation>Date recognised YYYY-MM-DD</translation>
    </message>
    <message>
        <source>认定日期</source>
        <translation> date recognised</translation>
    </message>
    <message>
        <source>认定日期{problem}</source>
        <translation>The date recognised {problem}</translation>
    </message>
    <message numerus="yes">
        <source>由 %n 张发票计得</source>
        <translation>
            <numerusform>From %n invoice</numerusform>
            <numerusform>From %n invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>由 %n 名工程师的名册计得</source>
        <translation>
            <numerusform>From the roster of %n engineer</numerusform>
            <numerusform>From the roster of %n engineers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>由 %n 项产品计得</source>
        <translation>
            <numerusform>From %n product</numerusform>
            <numerusform>From %n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>由 %n 项投入明细计得</source>
        <translation>
            <numerusform>From %n investment item</numerusform>
            <numerusform>From %n investment items</numerusform>
        </translation>
    </message>
    <message>
        <source>编辑发票明细</source>
        <translation>Edit the invoices</translation>
    </message>
    <message>
        <source>编辑工程师名册</source>
        <translation>Edit the roster</translation>
    </message>
    <message>
        <source>编辑产品清单</source>
        <translation>Edit the products</translation>
    </message>
    <message>
        <source>编辑投入明细</source>
        <translation>Edit the investment items</translation>
    </message>
    <message>
        <source>编辑明细</source>
        <translation>Edit the list</translation>
    </message>
    <message numerus="yes">
        <source>由 %n 行明细计得</source>
        <translation>
            <numerusform>From %n row</numerusform>
            <numerusform>From %n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>导入自 {file}（{date}）</source>
        <translation>Imported from {file} ({date})</translation>
    </message>
    <message>
        <source>保存后记录</source>
        <translation>recorded when saved</translation>
    </message>
    <message>
        <source>识别自营业执照 {file}（{date}）</source>
        <translation>Recognised from business licence {file} ({date})</translation>
    </message>
    <message>
        <source>手工填写（{date}）</source>
        <translation>Typed ({date})</translation>
    </message>
</context>
<context>
    <name>Register</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已生成</source>
        <translation>Generated</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已入选·已立项</source>
        <translation>Selected / approved</translation>
    </message>
    <message>
        <source>已拨付</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>申请金额（元）</source>
        <translation>Applied for (CNY)</translation>
    </message>
    <message>
        <source>核定金额（元）</source>
        <translation>Awarded (CNY)</translation>
    </message>
    <message>
        <source>已拨付（元）</source>
        <translation>Received (CNY)</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>依据已变化</source>
        <translation>Basis changed</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>申报记录</source>
        <translation>Declarations</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>状态(&amp;S)：</source>
        <translation>&amp;Status:</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 份</source>
        <translation>
            <numerusform>%n declaration</numerusform>
            <numerusform>%n declarations</numerusform>
        </translation>
    </message>
    <message>
        <source>申报书文件已被移动或删除，可点击“重新生成”</source>
        <translation>The declaration PDF was moved or deleted; click “Regenerate”</translation>
    </message>
    <message>
        <source>已在系统阅读器中打开申报书，请在其中选择“打印”</source>
        <translation>The declaration is open in the system viewer; choose “Print” there</translation>
    </message>
    <message>
        <source>路径已复制</source>
        <translation>Path copied</translation>
    </message>
    <message>
        <source>已按生成时的依据重新生成申报书</source>
        <translation>Regenerated from the basis it was judged on</translation>
    </message>
    <message>
        <source>选择材料文件</source>
        <translation>Choose the material&apos;s file</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>共 %n 项：</source>
        <translation>
            <numerusform>%n item: </numerusform>
            <numerusform>%n items: </numerusform>
        </translation>
    </message>
    <message>
        <source>核对并生成申报书</source>
        <translation>Review and produce the application</translation>
    </message>
    <message>
        <source>请核对以下内容。点击“完成”保存申报并生成 PDF 申报书。</source>
        <translation>Please check the following. Click “Finish” to save the application and produce its PDF.</translation>
    </message>
    <message>
        <source>申报书封面的受理部门；建议项为文件所列的第一个责任单位（牵头单位）</source>
        <translation>The office printed on the cover; the suggestion is the first unit the document names (the lead)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD；留空则由申报单位手写</source>
        <translation>YYYY-MM-DD; leave blank to write it by hand</translation>
    </message>
    <message>
        <source>受理部门(&amp;O)：</source>
        <translation>Receiving &amp;office:</translation>
    </message>
    <message>
        <source>申报日期(&amp;D)：</source>
        <translation>&amp;Date of application:</translation>
    </message>
    <message>
        <source>测算金额与依据</source>
        <translation>Amount and basis</translation>
    </message>
    <message>
        <source>责任单位：</source>
        <translation>Responsible authorities: </translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>申报材料清单</source>
        <translation>Materials checklist</translation>
    </message>
    <message>
        <source>申报日期应为存在的日期 YYYY-MM-DD，或留空</source>
        <translation>The date of application must be a real date YYYY-MM-DD, or blank</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source>共 %n 人：</source>
        <translation>
            <numerusform>%n person: </numerusform>
            <numerusform>%n people: </numerusform>
        </translation>
    </message>
    <message>
        <source>当前不能生成申报书（%1）</source>
        <translation>The application cannot be produced yet (%1)</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
</context>
<context>
    <name>SavePath</name>
    <message>
        <source>{name} 已存在。要替换它吗？</source>
        <translation>{name} already exists. Do you want to replace it?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <source>数据文件夹(&amp;D)：</source>
        <translation>&amp;Data folder:</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)：</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>本次运行的界面语言为{running}（启动时指定）；此处选择的是以后启动时的语言。</source>
        <translation>This run speaks {running} (chosen when it was started); the choice here is the language of later starts.</translation>
    </message>
    <message>
        <source>更改数据文件夹或语言后，重新启动申报助手生效。</source>
        <translation>A new data folder or language takes effect when Shenbao Assistant is restarted.</translation>
    </message>
    <message>
        <source>更改数据口令…</source>
        <translation>Change data passphrase…</translation>
    </message>
    <message>
        <source>为同一个密钥设置新的数据口令：当前数据和备份从此用新口令打开，无需重新加密；复制到别处的副本仍由旧口令保护</source>
        <translation>Set a new data passphrase for the same key: the data and its backups open with the new one from now on, with nothing re-encrypted; copies made elsewhere keep the old one</translation>
    </message>
    <message>
        <source>加密密钥</source>
        <translation>Encryption key</translation>
    </message>
    <message>
        <source>备份列表</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>立即备份(&amp;K)</source>
        <translation>Bac&amp;k up now</translation>
    </message>
    <message>
        <source>从所选备份恢复(&amp;R)…</source>
        <translation>&amp;Restore the selected backup…</translation>
    </message>
    <message>
        <source>备份（保留最近 10 份）</source>
        <translation>Backups (the latest 10 are kept)</translation>
    </message>
    <message>
        <source>身份证号和联系电话用存放在系统钥匙串中的密钥加密。换电脑时请用“导出数据包”并设置口令。</source>
        <translation>ID numbers and contact phones are encrypted with a key kept in the system keyring. To move to another computer, use “Export bundle” with a passphrase.</translation>
    </message>
    <message>
        <source>密钥由您设置的数据口令保护，每次启动后首次读取敏感信息时需要输入口令；口令不保存在任何地方，忘记后将无法读取这些信息。</source>
        <translation>The key is protected by the data passphrase you set, asked for the first time sensitive data is read after each start. The passphrase is not stored anywhere: if it is forgotten, that data cannot be read.</translation>
    </message>
    <message>
        <source>尚未创建密钥：首次保存身份证号或联系电话时创建，优先存放在系统钥匙串中，不可用时改用数据口令。</source>
        <translation>No key yet: it is made when an ID number or phone is first saved, kept in the system keyring, or protected by a data passphrase where there is none.</translation>
    </message>
    <message>
        <source>改存到系统钥匙串</source>
        <translation>Move to the system keyring</translation>
    </message>
    <message>
        <source>这台电脑上没有可用的系统钥匙串</source>
        <translation>No system keyring is available on this computer</translation>
    </message>
    <message>
        <source>改用数据口令保护…</source>
        <translation>Protect with a data passphrase…</translation>
    </message>
    <message numerus="yes">
        <source>将换用新的密钥重新加密所有身份证号、联系电话和申报内容。已有 %n 份备份仍由旧密钥加密：
“是”：把备份也重新加密；“否”：删除这些备份；“取消”：不更换。</source>
        <translation>
            <numerusform>Every ID number, phone and declaration will be re-encrypted under a new key. %n backup is still encrypted under the old key:
Yes: re-encrypt the backup too; No: delete it; Cancel: keep the current key.</numerusform>
            <numerusform>Every ID number, phone and declaration will be re-encrypted under a new key. %n backups are still encrypted under the old key:
Yes: re-encrypt the backups too; No: delete them; Cancel: keep the current key.</numerusform>
        </translation>
    </message>
    <message>
        <source>正在用新的密钥重新加密身份证号、联系电话和申报内容…</source>
        <translation>Re-encrypting ID numbers, phones and declarations under the new key…</translation>
    </message>
    <message>
        <source>正在重新加密备份…</source>
        <translation>Re-encrypting the backups…</translation>
    </message>
    <message>
        <source>正在删除旧备份…</source>
        <translation>Deleting the old backups…</translation>
    </message>
    <message>
        <source>已取消：数据密钥未更换，数据和备份保持原样。</source>
        <translation>Cancelled: the data key was not changed, and the data and backups are as they were.</translation>
    </message>
    <message numerus="yes">
        <source>已更换数据密钥，重新加密 %n 项</source>
        <translation>
            <numerusform>The data key was changed: %n item re-encrypted</numerusform>
            <numerusform>The data key was changed: %n items re-encrypted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 份备份已重新加密</source>
        <translation>
            <numerusform>%n backup re-encrypted</numerusform>
            <numerusform>%n backups re-encrypted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 份备份已删除</source>
        <translation>
            <numerusform>%n backup deleted</numerusform>
            <numerusform>%n backups deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 份更早的备份由更早的密钥加密，未改动</source>
        <translation>
            <numerusform>%n older backup, encrypted under an earlier key, left as it was</numerusform>
            <numerusform>%n older backups, encrypted under an earlier key, left as they were</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 份备份已损坏，未改动</source>
        <translation>
            <numerusform>%n damaged backup left as it was</numerusform>
            <numerusform>%n damaged backups left as they were</numerusform>
        </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>数据口令</source>
        <translation>data passphrase</translation>
    </message>
    <message>
        <source>新的数据口令</source>
        <translation>new data passphrase</translation>
    </message>
    <message>
        <source>正在更改数据口令，并告知每份备份…</source>
        <translation>Changing the data passphrase and updating each backup…</translation>
    </message>
    <message>
        <source>口令未变：新口令与现用的数据口令相同，未作更改</source>
        <translation>Passphrase unchanged: the new passphrase is the one in use; nothing was changed</translation>
    </message>
    <message numerus="yes">
        <source>已更换数据口令，请牢记新口令；%n 份备份已随之改用新口令</source>
        <translation>
            <numerusform>The data passphrase was changed; remember the new one. %n backup now opens with it too</numerusform>
            <numerusform>The data passphrase was changed; remember the new one. %n backups now open with it too</numerusform>
        </translation>
    </message>
    <message>
        <source>已更换数据口令，请牢记新口令</source>
        <translation>The data passphrase was changed; remember the new one</translation>
    </message>
    <message>
        <source>更改数据口令</source>
        <translation>Change data passphrase</translation>
    </message>
    <message>
        <source>已取消：数据口令未更改，数据和备份保持原样。</source>
        <translation>Cancelled: the data passphrase was not changed; the data and the backups are as they were.</translation>
    </message>
    <message>
        <source>选择数据文件夹</source>
        <translation>Choose the data folder</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>用备份 {name} 替换当前数据？当前数据会先自动备份。</source>
        <translation>Replace the current data with backup {name}? The current data is backed up first.</translation>
    </message>
    <message>
        <source>{folder}：{why}，不能用作数据文件夹；请另选一个文件夹。</source>
        <translation>{folder}: {why}; it cannot be the data folder. Please choose another folder.</translation>
    </message>
    <message>
        <source>设置已保存，重新启动申报助手后生效。</source>
        <translation>Settings saved; they take effect when Shenbao Assistant is restarted.</translation>
    </message>
    <message>
        <source>数据文件夹保存为完整路径：{folder}</source>
        <translation>The data folder is saved as its full path: {folder}</translation>
    </message>
    <message>
        <source>系统钥匙串不可用，需要设置数据口令才能加密保存身份证号和联系电话</source>
        <translation>No system keyring is available: set a data passphrase to keep ID numbers and phone numbers encrypted</translation>
    </message>
    <message>
        <source>未输入数据口令，加密保存的身份证号和联系电话无法读取</source>
        <translation>No data passphrase was entered: the encrypted ID numbers and phone numbers cannot be read</translation>
    </message>
    <message>
        <source>{what}不正确，请重新输入</source>
        <translation>The {what} is not right: please type it again</translation>
    </message>
    <message>
        <source>为数据包设置{what}（可选）。加密的数据包他人无法读取或改动，交给他人时请加密。不设口令时，身份证号和联系电话不会导出，且数据包只有完整性校验：任何人都可以改动内容并重算校验码。</source>
        <translation>Set a {what} for the bundle (optional). An encrypted bundle cannot be read or altered by others: encrypt it when you hand it over. Without one, ID numbers and phones are left out, and the bundle is only checked for integrity: anyone can change its content and recompute the checksum.</translation>
    </message>
    <message>
        <source>更换数据密钥…</source>
        <translation>Change the data key…</translation>
    </message>
    <message>
        <source>换用新的密钥重新加密所有敏感信息：旧密钥、旧口令和旧备份从此打不开当前数据</source>
        <translation>Re-encrypt every sensitive field under a new key: the old key, old passphrase and old backups no longer open the current data</translation>
    </message>
    <message>
        <source>更换数据密钥</source>
        <translation>Change the data key</translation>
    </message>
    <message>
        <source>将换用新的密钥重新加密所有身份证号、联系电话和申报内容。继续吗？</source>
        <translation>Every ID number, phone and declaration will be re-encrypted under a new key. Continue?</translation>
    </message>
    <message>
        <source>设置{what}（至少 8 个字符）：</source>
        <translation>Set a {what} (at least 8 characters):</translation>
    </message>
    <message>
        <source>请输入{what}：</source>
        <translation>Enter the {what}:</translation>
    </message>
    <message>
        <source>请再次输入{what}：</source>
        <translation>Enter the {what} again:</translation>
    </message>
    <message>
        <source>两次输入的{what}不一致</source>
        <translation>The two {what} entries differ</translation>
    </message>
</context>
<context>
    <name>StoreOperations</name>
    <message>
        <source>复制为新企业</source>
        <translation>Duplicate as new enterprise</translation>
    </message>
    <message>
        <source>新企业的统一社会信用代码：</source>
        <translation>Credit code of the new enterprise:</translation>
    </message>
    <message>
        <source>统一社会信用代码格式或校验码不符，请重新输入：</source>
        <translation>Wrong format or check character; enter the credit code again:</translation>
    </message>
    <message>
        <source>新企业名称：</source>
        <translation>Name of the new enterprise:</translation>
    </message>
    <message>
        <source>删除企业</source>
        <translation>Remove enterprise</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>数据包、档案与表格 (*.shenbao *.json *.csv *.txt *.xlsx);;所有文件 (*)</source>
        <translation>Bundles, profiles and tables (*.shenbao *.json *.csv *.txt *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取：已读 {count} 行…</source>
        <translation>Reading: {count} rows read…</translation>
    </message>
    <message>
        <source>正在检查：{done}/{total} 家企业…</source>
        <translation>Checking: {done}/{total} enterprises…</translation>
    </message>
    <message numerus="yes">
        <source>正在读取 %n 个文件…</source>
        <translation>
            <numerusform>Reading %n file…</numerusform>
            <numerusform>Reading %n files…</numerusform>
        </translation>
    </message>
    <message>
        <source>数据包口令</source>
        <translation>bundle passphrase</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message numerus="yes">
        <source>正在写入 %n 家企业…</source>
        <translation>
            <numerusform>Writing %n enterprise…</numerusform>
            <numerusform>Writing %n enterprises…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，跳过有错误的 %n 行</source>
        <translation>
            <numerusform>, rows with errors skipped: %n</numerusform>
            <numerusform>, rows with errors skipped: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>统一社会信用代码 {code} 已是「{name}」的代码，请输入另一个：</source>
        <translation>The credit code {code} is already that of “{name}”; enter another one:</translation>
    </message>
    <message>
        <source>导入完成：</source>
        <translation>Import finished: </translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>新增 {added} 家，更新 {updated} 家，保留已有 {kept} 家</source>
        <translation>{added} added, {updated} updated, {kept} kept as stored</translation>
    </message>
    <message>
        <source>，不变 {n} 家</source>
        <translation>, {n} unchanged</translation>
    </message>
    <message>
        <source>，申报 {n} 份</source>
        <translation>, declarations: {n}</translation>
    </message>
    <message>
        <source>，数据包中的 {n} 份申报未导入</source>
        <translation>, declarations of the bundle not imported: {n}</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>列表中没有企业可导出。</source>
        <translation>The list has no enterprises to export.</translation>
    </message>
    <message>
        <source>申报助手数据包 (*.shenbao)</source>
        <translation>Shenbao bundle (*.shenbao)</translation>
    </message>
    <message>
        <source>园区表格 (*.xlsx)</source>
        <translation>Park table (*.xlsx)</translation>
    </message>
    <message>
        <source>园区表格 CSV (*.csv)</source>
        <translation>Park table, CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>导出 %n 家企业</source>
        <translation>
            <numerusform>Export %n enterprise</numerusform>
            <numerusform>Export %n enterprises</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 家企业到 {file}</source>
        <translation>
            <numerusform>Exported %n enterprise to {file}</numerusform>
            <numerusform>Exported %n enterprises to {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>（%n 份申报已损坏未导出）</source>
        <translation>
            <numerusform> (%n damaged declaration not exported)</numerusform>
            <numerusform> (%n damaged declarations not exported)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 家企业。</source>
        <translation>
            <numerusform>Exported %n enterprise.</numerusform>
            <numerusform>Exported %n enterprises.</numerusform>
        </translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message numerus="yes">
        <source>删除「{name}」（{code}）及其 %n 份申报？
删除前会自动备份，可在“设置 → 备份”中恢复。</source>
        <translation>
            <numerusform>Remove “{name}” ({code}) and its %n application?
A backup is made first; restore it under Settings → Backups.</numerusform>
            <numerusform>Remove “{name}” ({code}) and its %n applications?
A backup is made first; restore it under Settings → Backups.</numerusform>
        </translation>
    </message>
    <message>
        <source>以下企业的敏感信息已损坏、无法解密，只导出了其余信息（核心工程师人数未导出）：{codes}</source>
        <translation>The sensitive data of these is damaged and cannot be decrypted, so the rest of their data was exported (without the number of core engineers): {codes}</translation>
    </message>
    <message>
        <source>以下申报的加密内容已损坏、无法解密，未导出；其余申报均已导出：</source>
        <translation>The encrypted part of these declarations is damaged and cannot be decrypted, so they were not exported; every other declaration was:</translation>
    </message>
    <message>
        <source>· {name}（{uscc}）的申报 #{id} {title}：{part}已损坏</source>
        <translation>· {name} ({uscc}), declaration #{id} {title}: {part} damaged</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel table (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV 表格 (*.csv)</source>
        <translation>CSV table (*.csv)</translation>
    </message>
</context>
<context>
    <name>Todo</name>
    <message>
        <source>受理期</source>
        <translation>Application window</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>政策到期</source>
        <translation>Policy ends</translation>
    </message>
    <message>
        <source>档案有误</source>
        <translation>Profile error</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>TodoPanel</name>
    <message>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>正在查找待办事项…</source>
        <translation>Looking for things to do…</translation>
    </message>
    <message>
        <source>无法查找待办事项：{error}</source>
        <translation>Cannot list the things to do: {error}</translation>
    </message>
    <message numerus="yes">
        <source>截至 {date}，共 %n 项待办</source>
        <translation>
            <numerusform>As of {date}: %n thing to do</numerusform>
            <numerusform>As of {date}: %n things to do</numerusform>
        </translation>
    </message>
    <message>
        <source>截至 {date}，近期没有受理期、截止日期或到期的政策</source>
        <translation>As of {date}: no windows, deadlines or policies ending soon</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>结束导览（Esc）。以后可从“帮助 → 界面导览”再看。</source>
        <translation>End the tour (Esc). You can see it again from Help → Interface tour.</translation>
    </message>
    <message>
        <source>界面导览 {step} / {count}</source>
        <translation>Interface tour {step} / {count}</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>欢迎使用申报助手</source>
        <translation>Welcome to Shenbao Assistant</translation>
    </message>
    <message>
        <source>数据文件夹 {folder} 中还没有企业。从哪里开始？</source>
        <translation>There are no enterprises in the data folder {folder} yet. Where would you like to start?</translation>
    </message>
    <message>
        <source>创建我的企业</source>
        <translation>Create my enterprise</translation>
    </message>
    <message>
        <source>填写本单位的档案，右侧即时测算可申报的措施和金额。</source>
        <translation>Fill in your organisation&apos;s profile; the preview on the right shows at once which measures you can apply for, and how much.</translation>
    </message>
    <message>
        <source>导入数据包或表格…</source>
        <translation>Import a bundle or table…</translation>
    </message>
    <message>
        <source>导入同事交来的 .shenbao 数据包、企业档案 JSON 或园区表格（CSV、Excel）。</source>
        <translation>Import a .shenbao bundle, a profile JSON or a park table (CSV, Excel) from a colleague.</translation>
    </message>
    <message>
        <source>打开演示数据</source>
        <translation>Open the demo data</translation>
    </message>
    <message>
        <source>先看看三家示例企业（名称带“（示例）”）的测算结果；演示数据另放一处，不影响您的数据。</source>
        <translation>First look at the results for three sample enterprises (their names end in “（示例）”, sample); the demo data is kept apart and does not touch yours.</translation>
    </message>
</context>
<context>
    <name>WizardDialog</name>
    <message>
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>完成(&amp;F)</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>%1（草稿中为“%2”）</source>
        <translation>%1 (“%2” in the draft)</translation>
    </message>
    <message>
        <source>草稿保存后档案中又改了以下各项，已换为档案中的新值：</source>
        <translation>These were changed in the profile after the draft was saved, and now show the profile&apos;s newer values: </translation>
    </message>
    <message>
        <source>正在生成申报书…</source>
        <translation>Printing the declaration form…</translation>
    </message>
    <message>
        <source>已生成申报书：%1</source>
        <translation>Declaration form generated: %1</translation>
    </message>
    <message>
        <source>无法完成：</source>
        <translation>Could not finish: </translation>
    </message>
</context>
</TS>
