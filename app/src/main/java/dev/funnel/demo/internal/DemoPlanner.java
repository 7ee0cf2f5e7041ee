package dev.funnel.demo.internal;

import dev.funnel.followup.FollowUpType;
import dev.funnel.analytics.PeriodKind;
import dev.funnel.catalog.ProductDraft;
import dev.funnel.catalog.ProductImport;
import dev.funnel.customer.BuyingRole;
import dev.funnel.customer.ContactDraft;
import dev.funnel.customer.CreditCode;
import dev.funnel.customer.CustomerStatus;
import dev.funnel.demo.internal.DemoPlan.Company;
import dev.funnel.demo.internal.DemoPlan.Deal;
import dev.funnel.demo.internal.DemoPlan.FollowUp;
import dev.funnel.demo.internal.DemoPlan.OrderPlan;
import dev.funnel.demo.internal.DemoPlan.PaymentPlan;
import dev.funnel.demo.internal.DemoPlan.RegistrationPlan;
import dev.funnel.demo.internal.DemoPlan.RequestPlan;
import dev.funnel.demo.internal.DemoPlan.Step;
import dev.funnel.demo.internal.DemoPlan.TargetPlan;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserImport;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.support.RequestPriority;
import dev.funnel.support.RequestStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Plans the demo company, a Chinese B2B software vendor: a sales division with three regional teams (a director,
 * three managers, twelve reps), a product catalogue, about 300 customers with their contacts, about 1,000
 * opportunities of the last twelve months with a consistent stage history, their follow-ups, the orders and
 * payments of won deals, service requests, targets for this quarter and the last, a few customers in the pool and
 * protection clocks spread so that some customers are near or past their protection period.
 *
 * <p>It only plans: the records it answers are stored by the modules' own services ({@link DemoDataSeeder}), so
 * that every derived value (normalised names, how far a deal got, tasks) comes from the one place that computes
 * it. The same day gives the same plan: every value comes from a fixed random seed and every date is relative to
 * today in Shanghai.
 */
final class DemoPlanner {

    static final long SEED = 20261126L;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String CURRENCY = "CNY";
    static final String ROOT_TEAM = "销售部";
    static final Person DIRECTOR = new Person("director", "王建国", "wang.jianguo");

    static final String PIPELINE_NAME = "标准销售流程";
    static final String PIPELINE_TEMPLATE = "high-tech-saas";
    /** The demo pipeline's stages: those of the high-tech/SaaS template, used as they are without the plugin. */
    static final List<StageSpec> STAGES = List.of(
            new StageSpec("Lead qualification", "线索验证", 10),
            new StageSpec("Needs confirmation", "需求确认", 20),
            new StageSpec("Demo and POC", "方案演示/POC", 40),
            new StageSpec("Negotiation", "商务谈判", 60),
            new StageSpec("Contract approval", "合同审批", 80));

    private static final int CUSTOMERS = 300;
    private static final int OPPORTUNITIES = 1000;
    /** Opportunities are created within the last twelve months. */
    private static final int MAX_AGE_DAYS = 364;
    private static final long MIN_AMOUNT = 50_000;
    private static final long MAX_AMOUNT = 2_000_000;
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** Where open and lost deals stop: earlier stages hold more deals, which is what makes it a funnel. */
    private static final int[] FUNNEL_WEIGHTS = {30, 25, 20, 15, 10};
    /** A deal is won from Negotiation or, mostly, from Contract approval. */
    private static final int FIRST_WINNING_STAGE = 3;
    /** Customers waiting in the pool, and customers whose protection has just lapsed or is about to. */
    private static final int IN_POOL = 8;
    private static final int LAPSED = 10;
    private static final int ABOUT_TO_LAPSE = 20;
    private static final int SERVICE_REQUESTS = 45;

    private static final List<ProductSpec> PRODUCTS = List.of(
            new ProductSpec("CRM-STD", "销售漏斗CRM 标准版（用户/年）", "1800", "软件"),
            new ProductSpec("CRM-ENT", "销售漏斗CRM 企业版（用户/年）", "3600", "软件"),
            new ProductSpec("CRM-ONPREM", "私有化部署许可（永久）", "280000", "软件"),
            new ProductSpec("SVC-IMPL", "实施服务（人天）", "2500", "服务"),
            new ProductSpec("SVC-DATA", "历史数据迁移服务", "30000", "服务"),
            new ProductSpec("SVC-INTEG", "ERP/OA 系统集成服务", "80000", "服务"),
            new ProductSpec("TRAINING", "管理员与用户培训（每期）", "8000", "服务"),
            new ProductSpec("SUPPORT", "年度技术支持与维护", "60000", "服务"));

    private static final List<City> CITIES = List.of(
            new City("上海", "310115", "浦东新区", "021", Region.EAST),
            new City("杭州", "330106", "西湖区", "0571", Region.EAST),
            new City("苏州", "320505", "虎丘区", "0512", Region.EAST),
            new City("南京", "320105", "建邺区", "025", Region.EAST),
            new City("宁波", "330212", "鄞州区", "0574", Region.EAST),
            new City("无锡", "320214", "新吴区", "0510", Region.EAST),
            new City("合肥", "340104", "蜀山区", "0551", Region.EAST),
            new City("武汉", "420106", "武昌区", "027", Region.EAST),
            new City("北京", "110108", "海淀区", "010", Region.NORTH),
            new City("天津", "120116", "滨海新区", "022", Region.NORTH),
            new City("济南", "370112", "历城区", "0531", Region.NORTH),
            new City("青岛", "370212", "崂山区", "0532", Region.NORTH),
            new City("石家庄", "130104", "桥西区", "0311", Region.NORTH),
            new City("沈阳", "210106", "铁西区", "024", Region.NORTH),
            new City("西安", "610113", "雁塔区", "029", Region.NORTH),
            new City("郑州", "410105", "金水区", "0371", Region.NORTH),
            new City("广州", "440106", "天河区", "020", Region.SOUTH),
            new City("深圳", "440305", "南山区", "0755", Region.SOUTH),
            new City("东莞", "441900", "松山湖高新区", "0769", Region.SOUTH),
            new City("佛山", "440606", "顺德区", "0757", Region.SOUTH),
            new City("厦门", "350206", "湖里区", "0592", Region.SOUTH),
            new City("福州", "350102", "鼓楼区", "0591", Region.SOUTH),
            new City("长沙", "430104", "岳麓区", "0731", Region.SOUTH),
            new City("成都", "510107", "武侯区", "028", Region.SOUTH),
            new City("重庆", "500112", "渝北区", "023", Region.SOUTH));
    private static final List<String> STEMS = List.of(
            "云帆", "恒信", "智联", "华瑞", "博远", "鼎盛", "启明", "天成", "瑞康", "宏图", "卓越", "锐思", "新元",
            "聚能", "汇通", "明德", "众合", "安泰", "金桥", "海纳", "长风", "盛达", "德润", "嘉禾", "凯旋", "和信",
            "同创", "益丰", "九州", "星辰", "弘毅", "润泽", "东升", "致远", "华晟", "蓝海", "青禾", "永信", "佳和",
            "中盈");
    /** The word in the company name, then the industry it puts the customer in. */
    private static final List<String> INDUSTRY_WORDS = List.of(
            "科技 信息技术", "软件 信息技术", "信息技术 信息技术", "智能制造 制造业", "精密机械 制造业",
            "电子 电子制造", "物流 物流", "供应链 物流", "医疗器械 医疗健康", "生物医药 医疗健康",
            "新能源 新能源", "环保科技 节能环保", "建材 建筑建材", "食品 食品饮料", "汽车零部件 汽车",
            "教育科技 教育");
    private static final List<String> ROADS = List.of(
            "科技路", "创新大道", "人民路", "建设路", "中山路", "解放路", "滨江大道", "高新路", "工业园路", "长江路");
    private static final List<String> SURNAMES = List.of(
            "王 wang", "李 li", "张 zhang", "刘 liu", "陈 chen", "杨 yang", "黄 huang", "赵 zhao", "吴 wu",
            "周 zhou", "徐 xu", "孙 sun", "马 ma", "朱 zhu", "胡 hu", "郭 guo", "何 he", "高 gao", "林 lin",
            "罗 luo", "郑 zheng", "梁 liang", "谢 xie", "宋 song", "唐 tang", "韩 han", "冯 feng", "邓 deng",
            "曹 cao", "彭 peng");
    private static final List<String> GIVEN_NAMES = List.of(
            "伟 wei", "芳 fang", "娜 na", "敏 min", "静 jing", "丽 li", "强 qiang", "磊 lei", "军 jun",
            "洋 yang", "勇 yong", "艳 yan", "杰 jie", "涛 tao", "明 ming", "超 chao", "秀英 xiuying", "华 hua",
            "慧 hui", "建华 jianhua", "志强 zhiqiang", "海燕 haiyan", "晓明 xiaoming", "国栋 guodong",
            "丽娟 lijuan", "文博 wenbo", "子涵 zihan", "雨婷 yuting", "浩然 haoran", "思远 siyuan");
    /** A contact's title, and the part such a person usually plays in a purchase. */
    private static final List<Title> TITLES = List.of(
            new Title("总经理", BuyingRole.DECISION_MAKER), new Title("副总经理", BuyingRole.DECISION_MAKER),
            new Title("采购经理", BuyingRole.GATEKEEPER), new Title("IT总监", BuyingRole.INFLUENCER),
            new Title("信息中心主任", BuyingRole.INFLUENCER), new Title("财务总监", BuyingRole.INFLUENCER),
            new Title("销售总监", BuyingRole.USER), new Title("运营经理", BuyingRole.USER));
    private static final List<String> PROJECTS = List.of(
            "CRM系统采购项目", "销售管理平台建设", "客户服务中心升级", "营销自动化项目", "渠道管理系统建设",
            "销售数据分析平台", "CRM二期扩容", "移动销售应用采购", "年度续约及扩容", "私有化部署项目",
            "经销商门户建设", "销售漏斗管理咨询");
    private static final List<String> LEAD_SOURCES = List.of(
            "website", "referral", "exhibition", "partner", "cold-call", "advertising");
    private static final List<String> LOST_REASONS = List.of(
            "价格过高", "选择了竞争对手", "预算取消", "需求变化", "无决策人支持");
    /** Calls and WeChat messages are the everyday follow-ups, so they appear twice. */
    private static final List<FollowUpType> ACTIVITY_MIX = List.of(
            FollowUpType.CALL, FollowUpType.CALL, FollowUpType.WECHAT, FollowUpType.WECHAT, FollowUpType.VISIT,
            FollowUpType.MEETING, FollowUpType.EMAIL, FollowUpType.NOTE);
    private static final Map<FollowUpType, List<String>> ACTIVITY_CONTENT = Map.of(
            FollowUpType.CALL, List.of("电话沟通预算与采购流程", "电话确认需求范围和上线时间", "电话跟进报价反馈"),
            FollowUpType.VISIT, List.of("上门拜访客户IT负责人", "拜访总经理，介绍整体解决方案", "现场调研销售管理流程"),
            FollowUpType.MEETING, List.of("召开方案评审会", "组织产品演示会议", "与采购部门进行商务谈判"),
            FollowUpType.EMAIL, List.of("发送报价单及产品资料", "邮件发送POC测试方案", "邮件确认合同条款"),
            FollowUpType.WECHAT, List.of("微信沟通项目进展", "微信发送同行业成功案例", "微信约定下次拜访时间"),
            FollowUpType.NOTE, List.of("客户内部立项中，等待预算审批", "竞争对手也在接触客户", "决策人更换，需要重新建立关系"));
    /** Keeping in touch with a customer between deals. */
    private static final List<FollowUpType> CARE_MIX = List.of(FollowUpType.CALL, FollowUpType.WECHAT,
            FollowUpType.VISIT);
    private static final Map<FollowUpType, List<String>> CARE_CONTENT = Map.of(
            FollowUpType.CALL, List.of("电话回访，了解系统使用情况", "电话问候，客户暂无新的采购计划", "电话沟通明年信息化预算"),
            FollowUpType.WECHAT, List.of("微信发送新版本功能介绍", "微信邀请客户参加行业沙龙", "微信了解客户近期业务变化"),
            FollowUpType.VISIT, List.of("上门回访，收集使用反馈", "拜访客户新任IT负责人", "节前拜访，维护客户关系"));
    private static final List<RequestSpec> REQUESTS = List.of(
            new RequestSpec("系统登录异常", "部分用户反馈上午无法登录，提示会话过期"),
            new RequestSpec("报表导出乱码", "导出的Excel报表中文显示为乱码"),
            new RequestSpec("历史数据导入失败", "导入去年的客户数据时报格式错误"),
            new RequestSpec("新增用户许可", "销售部新入职5人，需要增加用户许可"),
            new RequestSpec("ERP接口同步延迟", "订单从ERP同步到CRM延迟超过一小时"),
            new RequestSpec("申请管理员培训", "新任系统管理员希望参加下一期培训"),
            new RequestSpec("移动端无法上传附件", "手机端上传拜访照片时提示失败"),
            new RequestSpec("权限配置咨询", "希望区域经理只看到本区域的客户"),
            new RequestSpec("销售漏斗数据与预期不符", "本月漏斗金额与财务口径对不上，需要核对"),
            new RequestSpec("邮件提醒未收到", "逾期任务的邮件提醒没有发送到销售经理"));
    private static final int[] PRIORITY_WEIGHTS = {20, 45, 25, 10};
    /** The priorities in the order of their weights, named rather than taken by position from the enum. */
    private static final List<RequestPriority> PRIORITIES = List.of(RequestPriority.LOW, RequestPriority.NORMAL,
            RequestPriority.HIGH, RequestPriority.URGENT);
    private static final int[] REQUEST_STATUS_WEIGHTS = {35, 25, 25, 15};
    private static final List<RequestStatus> STATUSES = List.of(RequestStatus.OPEN, RequestStatus.IN_PROGRESS,
            RequestStatus.RESOLVED, RequestStatus.CLOSED);

    private final Random random = new Random(SEED);
    private final OffsetDateTime now;
    private final LocalDate today;
    private final ZoneId importZone;
    private final int protectionDays;

    /**
     * @param now            the moment of seeding, to the second
     * @param today          today in Shanghai (or the services' today, if that is earlier: no date may lie in
     *                       their future)
     * @param importZone     where an imported day starts: the zone of the services' clock
     * @param protectionDays the customer pool's protection period
     */
    private DemoPlanner(OffsetDateTime now, LocalDate today, ZoneId importZone, int protectionDays) {
        this.now = now;
        this.today = today;
        this.importZone = importZone;
        this.protectionDays = protectionDays;
    }

    /** @param passwordHash the stored form of the demo users' password */
    static DemoPlan plan(OffsetDateTime now, LocalDate today, ZoneId importZone, int protectionDays,
                         String passwordHash) {
        return new DemoPlanner(now, today, importZone, protectionDays).plan(passwordHash);
    }

    private DemoPlan plan(String passwordHash) {
        List<UserImport> staff = staff(passwordHash);
        List<ProductImport> products = new ArrayList<>();
        for (ProductSpec spec : PRODUCTS) {
            products.add(new ProductImport(products.size() + 2, new ProductDraft(spec.code(), spec.name(),
                    new BigDecimal(spec.unitPrice()).setScale(2), CURRENCY, spec.category())));
        }
        List<Prospect> prospects = prospects();
        List<Deal> deals = new ArrayList<>(OPPORTUNITIES);
        for (int i = 0; i < OPPORTUNITIES; i++) {
            int customer = random.nextInt(prospects.size());
            deals.add(deal(i, customer, prospects.get(customer)));
        }
        List<LocalDate> since = customerSince(prospects, deals);
        List<List<ContactDraft>> contacts = contacts(prospects);
        List<FollowUp> followUps = dealFollowUps(deals);
        List<Company> companies = protect(prospects, since, contacts, deals, followUps);
        followUps.sort(Comparator.comparing(FollowUp::at));
        return new DemoPlan(staff, products, companies, deals, followUps, orders(deals, companies),
                requests(companies), targets(deals), registration(companies));
    }

    // ---- staff -------------------------------------------------------------------------------------------------

    /**
     * The director, the managers and the reps as a users import: a manager's row names the director and the team
     * the director leads; a rep's row names the manager, the region's team and the division above it.
     */
    private static List<UserImport> staff(String passwordHash) {
        List<UserImport> rows = new ArrayList<>();
        rows.add(user(rows, DIRECTOR, Role.SALES_MANAGER, ROOT_TEAM, null, null, passwordHash));
        for (Region region : Region.values()) {
            rows.add(user(rows, region.manager, Role.SALES_MANAGER, ROOT_TEAM, DIRECTOR.fullName(), null,
                    passwordHash));
        }
        for (Region region : Region.values()) {
            for (Person rep : region.reps) {
                rows.add(user(rows, rep, Role.SALES_REP, region.team, region.manager.fullName(), ROOT_TEAM,
                        passwordHash));
            }
        }
        return rows;
    }

    private static UserImport user(List<UserImport> rows, Person person, Role role, String team, String manager,
                                   String parentTeam, String passwordHash) {
        return new UserImport(rows.size() + 2, person.username(), person.fullName(),
                person.pinyin() + "@sales.example.cn", role, team, manager, parentTeam, null, passwordHash);
    }

    // ---- customers and contacts --------------------------------------------------------------------------------

    private List<Prospect> prospects() {
        Set<String> shortNames = new HashSet<>();
        Set<String> creditCodes = new HashSet<>();
        Set<String> phones = new HashSet<>();
        List<Prospect> prospects = new ArrayList<>(CUSTOMERS);
        while (prospects.size() < CUSTOMERS) {
            City city = pick(CITIES);
            String[] industry = pick(INDUSTRY_WORDS).split(" ", -1);
            String shortName = pick(STEMS) + industry[0];
            if (!shortNames.add(shortName)) {
                continue;
            }
            String suffix = random.nextInt(5) == 0 ? "股份有限公司" : "有限公司";
            prospects.add(new Prospect(city.name() + shortName + suffix, shortName, industry[1], city,
                    unique(creditCodes, () -> creditCode(city)),
                    unique(phones, () -> city.areaCode() + "-" + (5 + random.nextInt(4)) + digits(7)),
                    city.name() + "市" + city.district() + pick(ROADS) + (1 + random.nextInt(999)) + "号",
                    pick(city.region().reps).username(), 1 + random.nextInt(3)));
        }
        return prospects;
    }

    /** "91" (a company registered with market regulation), the region code, nine random characters. */
    private String creditCode(City city) {
        StringBuilder body = new StringBuilder("91").append(city.regionCode());
        for (int i = 0; i < 9; i++) {
            body.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return CreditCode.withCheckCharacter(body.toString());
    }

    /** A customer is added some days before its first opportunity; one without any, within 18 months. */
    private List<LocalDate> customerSince(List<Prospect> prospects, List<Deal> deals) {
        LocalDate[] firstDeal = new LocalDate[prospects.size()];
        for (Deal deal : deals) {
            LocalDate created = deal.createdOn();
            if (firstDeal[deal.customer()] == null || created.isBefore(firstDeal[deal.customer()])) {
                firstDeal[deal.customer()] = created;
            }
        }
        return Arrays.stream(firstDeal)
                .map(first -> first == null ? today.minusDays(1 + random.nextInt(540))
                        : first.minusDays(1 + random.nextInt(45)))
                .toList();
    }

    private List<List<ContactDraft>> contacts(List<Prospect> prospects) {
        Set<String> emails = new HashSet<>();
        Set<String> mobiles = new HashSet<>();
        List<List<ContactDraft>> contacts = new ArrayList<>();
        for (Prospect prospect : prospects) {
            // consecutive titles, so that no customer has two purchasing managers
            int firstTitle = random.nextInt(TITLES.size());
            List<ContactDraft> people = new ArrayList<>();
            for (int k = 0; k < prospect.contacts(); k++) {
                String[] surname = pick(SURNAMES).split(" ", -1);
                String[] given = pick(GIVEN_NAMES).split(" ", -1);
                Title title = TITLES.get((firstTitle + k) % TITLES.size());
                people.add(new ContactDraft(surname[0] + given[0], title.name(), null,
                        email(emails, surname[1] + "." + given[1]), title.role(),
                        unique(mobiles, () -> "1" + (3 + random.nextInt(7)) + digits(9))));
            }
            contacts.add(people);
        }
        return contacts;
    }

    /** zhang.wei@example.cn, then zhang.wei2@example.cn for the next Zhang Wei, as mail servers do. */
    private static String email(Set<String> taken, String localPart) {
        String email = localPart + "@example.cn";
        for (int n = 2; !taken.add(email); n++) {
            email = localPart + n + "@example.cn";
        }
        return email;
    }

    /**
     * Settles who owns each customer and its protection clock (the later of its last follow-up and when its
     * owner got it). Customers without an open deal and long without a follow-up go to the pool, or are followed
     * up for the last time just past or just within the protection period; every other customer was followed up
     * recently, by a call or visit of its owner between deals where its deals say nothing newer.
     */
    private List<Company> protect(List<Prospect> prospects, List<LocalDate> since,
                                  List<List<ContactDraft>> contacts, List<Deal> deals, List<FollowUp> followUps) {
        int size = prospects.size();
        long[] quietDays = new long[size];
        Arrays.fill(quietDays, Long.MAX_VALUE);
        for (FollowUp followUp : followUps) {
            quietDays[followUp.customer()] = Math.min(quietDays[followUp.customer()], daysAgo(followUp.at()));
        }
        boolean[] hasOpenDeal = new boolean[size];
        boolean[] hasWonDeal = new boolean[size];
        boolean[] hasDeal = new boolean[size];
        for (Deal deal : deals) {
            hasDeal[deal.customer()] = true;
            hasOpenDeal[deal.customer()] |= deal.status() == OpportunityStatus.OPEN;
            hasWonDeal[deal.customer()] |= deal.status() == OpportunityStatus.WON;
        }
        Protection[] clocks = new Protection[size];
        List<Integer> quiet = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (!hasOpenDeal[i]) {
                quiet.add(i);
            }
        }
        // the longest quiet first, so that the pool gets those its release would have taken first
        quiet.sort(Comparator.comparingLong((Integer i) -> Math.min(quietDays[i], daysAgo(since.get(i)))).reversed()
                .thenComparing(i -> i));
        int pooled = 0;
        int lapsed = 0;
        int aboutToLapse = 0;
        for (int i : quiet) {
            long silent = Math.min(quietDays[i], daysAgo(since.get(i)));
            if (pooled < IN_POOL && silent > protectionDays + 20L) {
                clocks[i] = Protection.POOL;
                pooled++;
            } else if (lapsed < LAPSED && silent > protectionDays + 15L) {
                clocks[i] = Protection.LAPSED;
                lapsed++;
            } else if (aboutToLapse < ABOUT_TO_LAPSE && silent > protectionDays - 1L) {
                clocks[i] = Protection.ABOUT_TO_LAPSE;
                aboutToLapse++;
            }
        }
        long recent = protectionDays * 2L / 3;
        List<Company> companies = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Prospect prospect = prospects.get(i);
            Protection clock = clocks[i] == null ? Protection.RECENT : clocks[i];
            long created = daysAgo(since.get(i));
            long careDaysAgo = switch (clock) {
                case POOL -> -1;
                case LAPSED -> protectionDays + 1 + random.nextInt(15);
                case ABOUT_TO_LAPSE -> Math.max(0, protectionDays - 7 + random.nextInt(7));
                // well within the protection: the last third of it at least still to go
                case RECENT -> quietDays[i] <= recent ? -1 : Math.min(created, random.nextInt((int) recent + 1));
            };
            if (careDaysAgo >= 0) {
                FollowUpType type = pick(CARE_MIX);
                OffsetDateTime at = officeHours(careDaysAgo);
                OffsetDateTime createdAt = since.get(i).atStartOfDay(importZone).toOffsetDateTime();
                followUps.add(new FollowUp(prospect.owner(), i, null, random.nextInt(prospect.contacts()), type,
                        at.isBefore(createdAt) ? createdAt : at, pick(CARE_CONTENT.get(type))));
            }
            LocalDate ownedSince = since.get(i);
            if (clock == Protection.POOL) {
                // released when its protection lapsed, by the nightly run
                long lastTouch = Math.min(quietDays[i], created);
                ownedSince = today.minusDays(Math.max(0, lastTouch - protectionDays - 1 - random.nextInt(10)));
            }
            CustomerStatus status = hasWonDeal[i] ? CustomerStatus.CUSTOMER
                    : hasDeal[i] ? CustomerStatus.PROSPECT : CustomerStatus.LEAD;
            companies.add(new Company(prospect.name(), prospect.industry(), prospect.city().name(), prospect.address(),
                    prospect.phone(), prospect.creditCode(), clock == Protection.POOL ? null : prospect.owner(), status,
                    since.get(i), ownedSince, contacts.get(i)));
        }
        return companies;
    }

    // ---- opportunities -----------------------------------------------------------------------------------------

    private Deal deal(int index, int customer, Prospect prospect) {
        OpportunityStatus status = switch (random.nextInt(4)) {
            case 0 -> OpportunityStatus.WON;
            case 1 -> OpportunityStatus.LOST;
            default -> OpportunityStatus.OPEN;
        };
        int lastStage = status == OpportunityStatus.WON
                ? (random.nextInt(4) == 0 ? FIRST_WINNING_STAGE : STAGES.size() - 1)
                : funnelStage();
        List<Step> steps = timeline(path(lastStage), status);
        return new Deal("DEMO-%04d".formatted(index + 1), customer, random.nextInt(prospect.contacts()),
                prospect.owner(), prospect.shortName() + pick(PROJECTS), amount(), pick(LEAD_SOURCES), status, steps,
                expectedClose(status, steps), status == OpportunityStatus.LOST ? pick(LOST_REASONS) : null);
    }

    /** A closed deal's close date; for an open one, a date ahead, or for some a date that has slipped by. */
    private LocalDate expectedClose(OpportunityStatus status, List<Step> steps) {
        if (status != OpportunityStatus.OPEN) {
            // the date the rep expected when the deal was created, which nobody changed: 30 to 150 days ahead,
            // whatever became of the deal. Not its close date: the demo's deals are imported as unchanged since
            // their creation, so a close date here would tell the win-probability model how each deal ended.
            // Drawn from the creation day, not the random stream, so the rest of the demo stays as it was.
            LocalDate created = steps.get(0).on();
            return created.plusDays(30 + Math.floorMod(created.toEpochDay() * 37, 121));
        }
        if (random.nextInt(8) == 0) {
            // as in any real funnel, but never to before the deal existed
            LocalDate slipped = today.minusDays(1 + random.nextInt(30));
            LocalDate created = steps.get(0).on();
            return slipped.isBefore(created) ? created : slipped;
        }
        return today.plusDays(random.nextInt(121));
    }

    private int funnelStage() {
        return weighted(FUNNEL_WEIGHTS);
    }

    /** The stages entered, from the first to lastStage; about 3% of deals step back once on the way. */
    private List<Integer> path(int lastStage) {
        List<Integer> path = new ArrayList<>();
        for (int stage = 0; stage <= lastStage; stage++) {
            path.add(stage);
        }
        if (lastStage > 0 && random.nextInt(100) < 4) {
            int backFrom = 1 + random.nextInt(lastStage);
            path.addAll(backFrom + 1, List.of(backFrom - 1, backFrom));
        }
        return path;
    }

    /**
     * Dates the path, working back from its end so that nothing lies in the future or more than a year ago:
     * 2 to 30 days between events. A closed deal ends with its close at any time of the year; an open one
     * entered its stage recently, or for about a quarter of them, long ago enough to be stalled.
     */
    private List<Step> timeline(List<Integer> path, OpportunityStatus status) {
        int[] gaps = new int[path.size() - 1 + (status == OpportunityStatus.OPEN ? 0 : 1)];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = 2 + random.nextInt(29);
        }
        int span = Arrays.stream(gaps).sum();
        int endDaysAgo = status == OpportunityStatus.OPEN ? Math.min(stallDays(), MAX_AGE_DAYS - span)
                : random.nextInt(MAX_AGE_DAYS - span + 1);
        int daysAgo = endDaysAgo + span;
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(path.get(0), today.minusDays(daysAgo), false));
        for (int i = 1; i < path.size(); i++) {
            daysAgo -= gaps[i - 1];
            steps.add(new Step(path.get(i), today.minusDays(daysAgo), false));
        }
        if (status != OpportunityStatus.OPEN) {
            steps.add(new Step(path.get(path.size() - 1), today.minusDays(daysAgo - gaps[gaps.length - 1]), true));
        }
        return steps;
    }

    /** Days an open deal has been in its stage: a quarter are well past a 30-day limit, to show stalling. */
    private int stallDays() {
        return random.nextInt(4) == 0 ? 35 + random.nextInt(116) : random.nextInt(26);
    }

    /** Log-uniform, rounded to the thousand: many mid-sized deals and a few large ones. */
    private BigDecimal amount() {
        double log = Math.log(MIN_AMOUNT) + random.nextDouble() * (Math.log(MAX_AMOUNT) - Math.log(MIN_AMOUNT));
        return BigDecimal.valueOf(Math.round(Math.exp(log) / 1000) * 1000).setScale(2);
    }

    /** Two to six follow-ups per opportunity by its owner, between its creation and its close (or now). */
    private List<FollowUp> dealFollowUps(List<Deal> deals) {
        List<FollowUp> followUps = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            Deal deal = deals.get(i);
            OffsetDateTime start = startOf(deal.createdOn());
            OffsetDateTime end = deal.closedOn() == null ? now : startOf(deal.closedOn());
            for (int n = 2 + random.nextInt(5); n > 0; n--) {
                FollowUpType type = pick(ACTIVITY_MIX);
                // a note is written for oneself, not with a contact
                followUps.add(new FollowUp(deal.owner(), deal.customer(), i,
                        type == FollowUpType.NOTE ? null : deal.contact(), type, between(start, end),
                        pick(ACTIVITY_CONTENT.get(type))));
            }
        }
        return followUps;
    }

    // ---- orders, service requests, targets, registration -------------------------------------------------------

    /**
     * An order for every won deal of a customer its owner still has, dated on the close. It is paid in full, in
     * a down payment and the rest on acceptance, or in three parts with a retention paid after a year; the
     * payments due by today have been received, so recent orders are partly paid or not yet.
     */
    private List<OrderPlan> orders(List<Deal> deals, List<Company> companies) {
        List<Integer> won = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            if (deals.get(i).status() == OpportunityStatus.WON && !companies.get(deals.get(i).customer()).inPool()) {
                won.add(i);
            }
        }
        won.sort(Comparator.comparing((Integer i) -> deals.get(i).closedOn()).thenComparing(i -> i));
        Map<Integer, Integer> numberInYear = new HashMap<>();
        List<OrderPlan> orders = new ArrayList<>();
        for (int i : won) {
            Deal deal = deals.get(i);
            LocalDate signed = deal.closedOn();
            int number = numberInYear.merge(signed.getYear(), 1, Integer::sum);
            List<PaymentPlan> payments = new ArrayList<>();
            BigDecimal paid = BigDecimal.ZERO;
            List<Installment> terms = switch (random.nextInt(3)) {
                case 0 -> List.of(new Installment(100, 10 + random.nextInt(31), "全款"));
                case 1 -> List.of(new Installment(30, 5 + random.nextInt(11), "首付款"),
                        new Installment(70, 45 + random.nextInt(46), "验收款"));
                default -> List.of(new Installment(50, 10 + random.nextInt(21), "首付款"),
                        new Installment(40, 60 + random.nextInt(61), "验收款"),
                        new Installment(10, 330 + random.nextInt(36), "质保金"));
            };
            int percentSoFar = 0;
            for (Installment term : terms) {
                percentSoFar += term.percent();
                LocalDate received = signed.plusDays(term.daysAfter());
                if (received.isAfter(today)) {
                    break;
                }
                BigDecimal due = deal.amount().multiply(BigDecimal.valueOf(percentSoFar))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP).subtract(paid);
                payments.add(new PaymentPlan(received, due, term.notes()));
                paid = paid.add(due);
            }
            orders.add(new OrderPlan(i, "HT-%d-%04d".formatted(signed.getYear(), number), signed, deal.amount(),
                    deal.name(), payments));
        }
        return orders;
    }

    /** Requests of customers that bought: open and done ones, of every priority, some past their due date. */
    private List<RequestPlan> requests(List<Company> companies) {
        List<Integer> buyers = new ArrayList<>();
        for (int i = 0; i < companies.size(); i++) {
            if (companies.get(i).status() == CustomerStatus.CUSTOMER && !companies.get(i).inPool()) {
                buyers.add(i);
            }
        }
        List<RequestPlan> requests = new ArrayList<>();
        for (int n = 0; n < SERVICE_REQUESTS && !buyers.isEmpty(); n++) {
            int customer = buyers.get(random.nextInt(buyers.size()));
            RequestSpec spec = pick(REQUESTS);
            RequestPriority priority = PRIORITIES.get(weighted(PRIORITY_WEIGHTS));
            RequestStatus status = STATUSES.get(weighted(REQUEST_STATUS_WEIGHTS));
            int days = switch (priority) {
                case URGENT -> 1;
                case HIGH -> 3;
                case NORMAL -> 7;
                case LOW -> 14;
            };
            requests.add(new RequestPlan(customer, random.nextInt(companies.get(customer).contacts().size()),
                    spec.subject(), spec.description(), priority, status, today.plusDays(days - random.nextInt(10))));
        }
        return requests;
    }

    /**
     * Targets for this quarter and the last, per quarter and per month, for every rep and team: a rep's is about
     * their average won business per quarter of the past year, a team's the sum of its people's.
     */
    private List<TargetPlan> targets(List<Deal> deals) {
        Map<String, BigDecimal> wonByRep = new HashMap<>();
        for (Deal deal : deals) {
            if (deal.status() == OpportunityStatus.WON) {
                wonByRep.merge(deal.owner(), deal.amount(), BigDecimal::add);
            }
        }
        BigDecimal step = BigDecimal.valueOf(50_000);
        LocalDate thisQuarter = PeriodKind.QUARTER.start(today);
        List<LocalDate> quarters = List.of(thisQuarter.minusMonths(3), thisQuarter);
        List<TargetPlan> targets = new ArrayList<>();
        Map<String, BigDecimal> quarterlyByTeam = new LinkedHashMap<>();
        for (Region region : Region.values()) {
            for (Person rep : region.reps) {
                BigDecimal perQuarter = wonByRep.getOrDefault(rep.username(), BigDecimal.ZERO)
                        .divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP)
                        .multiply(BigDecimal.valueOf(90 + random.nextInt(41))).divide(BigDecimal.valueOf(100), 2,
                                RoundingMode.HALF_UP);
                // a whole number of 150,000s: a quarter of three months, each a round 50,000s
                BigDecimal quarter = perQuarter.divide(step.multiply(BigDecimal.valueOf(3)), 0, RoundingMode.CEILING)
                        .max(BigDecimal.ONE).multiply(step).multiply(BigDecimal.valueOf(3)).setScale(2);
                quarterlyByTeam.merge(region.team, quarter, BigDecimal::add);
                quarterlyByTeam.merge(ROOT_TEAM, quarter, BigDecimal::add);
                for (LocalDate start : quarters) {
                    targets.addAll(quarterAndMonths(start, rep.username(), null, quarter));
                }
            }
        }
        quarterlyByTeam.forEach((team, quarter) -> quarters.forEach(start ->
                targets.addAll(quarterAndMonths(start, null, team, quarter))));
        return targets;
    }

    private static List<TargetPlan> quarterAndMonths(LocalDate quarterStart, String rep, String team,
                                                     BigDecimal quarter) {
        List<TargetPlan> targets = new ArrayList<>();
        targets.add(new TargetPlan(PeriodKind.QUARTER, quarterStart, rep, team, quarter));
        BigDecimal month = quarter.divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP);
        for (int m = 0; m < 3; m++) {
            targets.add(new TargetPlan(PeriodKind.MONTH, quarterStart.plusMonths(m), rep, team, month));
        }
        return targets;
    }

    /**
     * A rep of the north asks to work a customer of an east rep, so that the east manager has a request to
     * decide.
     */
    private static RegistrationPlan registration(List<Company> companies) {
        List<String> eastReps = Region.EAST.reps.stream().map(Person::username).toList();
        int customer = 0;
        while (!eastReps.contains(companies.get(customer).owner())) {
            customer++;
        }
        return new RegistrationPlan(Region.NORTH.reps.get(0).username(), customer, "北方分公司数字化项目",
                "客户北京分公司主动联系我方，希望单独立项");
    }

    // ---- small helpers -----------------------------------------------------------------------------------------

    /** The moment the import puts a day at: its start, where the services' clock is. */
    private OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(importZone).toOffsetDateTime();
    }

    /** During office hours in Shanghai, daysAgo days before today, and never later than now. */
    private OffsetDateTime officeHours(long daysAgo) {
        int minute = random.nextInt(60);
        OffsetDateTime at = today.minusDays(daysAgo).atTime(9 + random.nextInt(10), minute)
                .atZone(ZONE).toOffsetDateTime();
        // as many random draws whatever the hour, so that the whole day gives the same company
        return at.isAfter(now) ? now.minusMinutes(1 + minute / 2) : at;
    }

    private OffsetDateTime between(OffsetDateTime start, OffsetDateTime end) {
        long latest = daysAgo(end);
        long earliest = Math.max(latest, daysAgo(start));
        OffsetDateTime at = officeHours(latest + random.nextInt((int) (earliest - latest) + 1));
        return at.isBefore(start) ? start : at.isAfter(end) ? end : at;
    }

    private long daysAgo(OffsetDateTime at) {
        return daysAgo(at.atZoneSameInstant(ZONE).toLocalDate());
    }

    private long daysAgo(LocalDate day) {
        return ChronoUnit.DAYS.between(day, today);
    }

    private int weighted(int[] weights) {
        int draw = random.nextInt(Arrays.stream(weights).sum());
        int index = 0;
        while (draw >= weights[index]) {
            draw -= weights[index++];
        }
        return index;
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static String unique(Set<String> taken, Supplier<String> candidates) {
        String value;
        do {
            value = candidates.get();
        } while (!taken.add(value));
        return value;
    }

    /** The seeding time as the marker records it. */
    static String stamp(OffsetDateTime at) {
        return at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Where a customer's protection clock stands. */
    private enum Protection {
        /** Followed up within the last weeks. */
        RECENT,
        /** A few days from the end of its protection. */
        ABOUT_TO_LAPSE,
        /** Past its protection, for the next release to return to the pool. */
        LAPSED,
        /** Already released to the pool. */
        POOL
    }

    /** The three regional teams under the sales division, each with its manager and four reps. */
    enum Region {
        EAST("华东大区", new Person("manager.east", "陈志明", "chen.zhiming"),
                new Person("rep01", "张伟", "zhang.wei"), new Person("rep02", "李静", "li.jing"),
                new Person("rep03", "周磊", "zhou.lei"), new Person("rep04", "吴婷", "wu.ting")),
        NORTH("华北大区", new Person("manager.north", "刘海涛", "liu.haitao"),
                new Person("rep05", "赵鹏", "zhao.peng"), new Person("rep06", "孙雪", "sun.xue"),
                new Person("rep07", "马俊", "ma.jun"), new Person("rep08", "郭敏", "guo.min")),
        SOUTH("华南大区", new Person("manager.south", "黄伟强", "huang.weiqiang"),
                new Person("rep09", "林晓东", "lin.xiaodong"), new Person("rep10", "何丽", "he.li"),
                new Person("rep11", "郑浩", "zheng.hao"), new Person("rep12", "罗佳", "luo.jia"));

        final String team;
        final Person manager;
        final List<Person> reps;

        Region(String team, Person manager, Person... reps) {
            this.team = team;
            this.manager = manager;
            this.reps = List.of(reps);
        }
    }

    record Person(String username, String fullName, String pinyin) {
    }

    record StageSpec(String nameEn, String nameZh, int probability) {
    }

    private record ProductSpec(String code, String name, String unitPrice, String category) {
    }

    private record City(String name, String regionCode, String district, String areaCode, Region region) {
    }

    private record Title(String name, BuyingRole role) {
    }

    private record RequestSpec(String subject, String description) {
    }

    private record Installment(int percent, int daysAfter, String notes) {
    }

    /** A customer before its dates and owner are settled; contacts is how many people it will have. */
    private record Prospect(String name, String shortName, String industry, City city, String creditCode,
                            String phone, String address, String owner, int contacts) {
    }
}
