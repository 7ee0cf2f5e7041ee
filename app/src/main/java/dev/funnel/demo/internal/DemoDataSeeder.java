package dev.funnel.demo.internal;

import static dev.funnel.jooq.Tables.ACTIVITY;
import static dev.funnel.jooq.Tables.APP_SETTING;
import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.CONTACT;
import static dev.funnel.jooq.Tables.CUSTOMER;
import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.PIPELINE;
import static dev.funnel.jooq.Tables.PRODUCT;
import static dev.funnel.jooq.Tables.REGISTRATION_REQUEST;
import static dev.funnel.jooq.Tables.STAGE;
import static dev.funnel.jooq.Tables.STAGE_HISTORY;
import static dev.funnel.jooq.Tables.TEAM;
import static dev.funnel.jooq.Tables.USER_ROLE;

import dev.funnel.activity.ActivityType;
import dev.funnel.customer.CreditCode;
import dev.funnel.identity.Role;
import dev.funnel.jooq.tables.records.ActivityRecord;
import dev.funnel.jooq.tables.records.AppUserRecord;
import dev.funnel.jooq.tables.records.ContactRecord;
import dev.funnel.jooq.tables.records.CustomerRecord;
import dev.funnel.jooq.tables.records.OpportunityRecord;
import dev.funnel.jooq.tables.records.PipelineRecord;
import dev.funnel.jooq.tables.records.ProductRecord;
import dev.funnel.jooq.tables.records.StageHistoryRecord;
import dev.funnel.jooq.tables.records.StageRecord;
import dev.funnel.jooq.tables.records.TeamRecord;
import dev.funnel.jooq.tables.records.UserRoleRecord;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.StageHistoryEntry.Event;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Identity;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * With FUNNEL_DEMO=true, fills an empty database with a Chinese B2B software vendor: a sales division with three
 * regional teams (a director, three managers, twelve reps), a product catalogue, the default pipeline, about 300
 * customers with their contacts, about 1,000 opportunities of the last twelve months with a consistent stage
 * history, and their follow-ups.
 *
 * <p>It runs once, after the administrator bootstrap, in one transaction: it does nothing when the demo data is
 * already there (the {@value #SEEDED_AT_KEY} setting) or when the database holds anything but the administrator,
 * so that it can never mix invented deals into a real company's data. The same clock gives the same data: every
 * value comes from a fixed random seed and every date is relative to today in Shanghai.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "funnel.demo", havingValue = "true")
public class DemoDataSeeder implements ApplicationRunner {

    /** The app_setting key that records when the demo data was seeded. */
    public static final String SEEDED_AT_KEY = "demo.seeded-at";

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    private static final long SEED = 20261126L;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String ADMIN_USERNAME = "admin";
    private static final String DEFAULT_PASSWORD = "demo";
    /** Rows per INSERT statement: large enough to be fast, well below PostgreSQL's 65,535 bind values. */
    private static final int CHUNK = 500;
    private static final int CUSTOMERS = 300;
    private static final int OPPORTUNITIES = 1000;
    /** Opportunities are created within the last twelve months. */
    private static final int MAX_AGE_DAYS = 364;
    private static final long MIN_AMOUNT = 50_000;
    private static final long MAX_AMOUNT = 2_000_000;
    private static final String CURRENCY = "CNY";
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final String ROOT_TEAM = "销售部";
    private static final Person DIRECTOR = new Person("director", "王建国", "wang.jianguo");

    private static final String PIPELINE_NAME = "标准销售流程";
    private static final String PIPELINE_TEMPLATE = "high-tech-saas";
    private static final List<StageSpec> STAGES = List.of(
            new StageSpec("Lead qualification", "线索验证", 10),
            new StageSpec("Needs confirmation", "需求确认", 20),
            new StageSpec("Demo and POC", "方案演示/POC", 40),
            new StageSpec("Negotiation", "商务谈判", 60),
            new StageSpec("Contract approval", "合同审批", 80));
    /** Where open and lost deals stop: earlier stages hold more deals, which is what makes it a funnel. */
    private static final int[] FUNNEL_WEIGHTS = {30, 25, 20, 15, 10};
    /** A deal is won from Negotiation or, mostly, from Contract approval. */
    private static final int FIRST_WINNING_STAGE = 3;

    private static final List<ProductSpec> PRODUCTS = List.of(
            new ProductSpec("CRM-STD", "销售漏斗CRM 标准版（用户/年）", "1800"),
            new ProductSpec("CRM-ENT", "销售漏斗CRM 企业版（用户/年）", "3600"),
            new ProductSpec("CRM-ONPREM", "私有化部署许可（永久）", "280000"),
            new ProductSpec("SVC-IMPL", "实施服务（人天）", "2500"),
            new ProductSpec("SVC-DATA", "历史数据迁移服务", "30000"),
            new ProductSpec("SVC-INTEG", "ERP/OA 系统集成服务", "80000"),
            new ProductSpec("TRAINING", "管理员与用户培训（每期）", "8000"),
            new ProductSpec("SUPPORT", "年度技术支持与维护", "60000"));

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
    private static final List<String> TITLES = List.of(
            "总经理", "副总经理", "采购经理", "IT总监", "信息中心主任", "财务总监", "销售总监", "运营经理");
    private static final List<String> PROJECTS = List.of(
            "CRM系统采购项目", "销售管理平台建设", "客户服务中心升级", "营销自动化项目", "渠道管理系统建设",
            "销售数据分析平台", "CRM二期扩容", "移动销售应用采购", "年度续约及扩容", "私有化部署项目",
            "经销商门户建设", "销售漏斗管理咨询");
    private static final List<String> LEAD_SOURCES = List.of(
            "website", "referral", "exhibition", "partner", "cold-call", "advertising");
    private static final List<String> LOST_REASONS = List.of(
            "价格过高", "选择了竞争对手", "预算取消", "需求变化", "无决策人支持");
    /** Calls and WeChat messages are the everyday follow-ups, so they appear twice. */
    private static final List<ActivityType> ACTIVITY_MIX = List.of(
            ActivityType.CALL, ActivityType.CALL, ActivityType.WECHAT, ActivityType.WECHAT, ActivityType.VISIT,
            ActivityType.MEETING, ActivityType.EMAIL, ActivityType.NOTE);
    private static final Map<ActivityType, List<String>> ACTIVITY_CONTENT = Map.of(
            ActivityType.CALL, List.of("电话沟通预算与采购流程", "电话确认需求范围和上线时间", "电话跟进报价反馈"),
            ActivityType.VISIT, List.of("上门拜访客户IT负责人", "拜访总经理，介绍整体解决方案", "现场调研销售管理流程"),
            ActivityType.MEETING, List.of("召开方案评审会", "组织产品演示会议", "与采购部门进行商务谈判"),
            ActivityType.EMAIL, List.of("发送报价单及产品资料", "邮件发送POC测试方案", "邮件确认合同条款"),
            ActivityType.WECHAT, List.of("微信沟通项目进展", "微信发送同行业成功案例", "微信约定下次拜访时间"),
            ActivityType.NOTE, List.of("客户内部立项中，等待预算审批", "竞争对手也在接触客户", "决策人更换，需要重新建立关系"));

    private final DSLContext db;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String password;
    private final DemoProcess process;

    DemoDataSeeder(DSLContext db, PasswordEncoder passwordEncoder, Clock clock,
                   @Value("${funnel.demo-password:demo}") String password, DemoProcess process) {
        this.db = db;
        this.process = process;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.password = password == null || password.isBlank() ? DEFAULT_PASSWORD : password;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (db.fetchExists(APP_SETTING, APP_SETTING.KEY.eq(SEEDED_AT_KEY))) {
            log.info("Demo data already present");
            return;
        }
        if (holdsOtherData()) {
            log.warn("FUNNEL_DEMO is set but the database already holds data; "
                    + "demo data is seeded only into an empty database");
            return;
        }
        long started = System.nanoTime();
        Summary summary = new Seeding(OffsetDateTime.now(clock.withZone(ZONE)).truncatedTo(ChronoUnit.SECONDS)).seed();
        log.info("Seeded demo data in {} ms: {} users in {} teams, {} products, pipeline {} with {} stages, "
                        + "{} customers with {} contacts, {} opportunities ({} won, {} lost, {} open) with {} stage "
                        + "changes, {} follow-ups. Sign in as {}, {} or rep01 to rep12 with {}",
                (System.nanoTime() - started) / 1_000_000, summary.users(), summary.teams(), PRODUCTS.size(),
                PIPELINE_NAME, STAGES.size(), summary.customers(), summary.contacts(), summary.opportunities(),
                summary.won(), summary.lost(), summary.opportunities() - summary.won() - summary.lost(),
                summary.stageChanges(), summary.activities(), DIRECTOR.username(),
                String.join(", ", Arrays.stream(Region.values()).map(r -> r.manager.username()).toList()),
                DEFAULT_PASSWORD.equals(password) ? "the password '" + DEFAULT_PASSWORD + "'"
                        : "the password set in FUNNEL_DEMO_PASSWORD");
    }

    /** Anything but the administrator means a real installation, which invented deals must never touch. */
    private boolean holdsOtherData() {
        return db.fetchExists(CUSTOMER) || db.fetchExists(OPPORTUNITY) || db.fetchExists(PIPELINE)
                || db.fetchExists(TEAM) || db.fetchExists(PRODUCT)
                || db.fetchExists(APP_USER, APP_USER.USERNAME.ne(ADMIN_USERNAME));
    }

    /**
     * Inserts the rows with multi-row INSERT statements and answers their generated ids in row order (PostgreSQL
     * returns the rows of INSERT ... VALUES ... RETURNING in the order of the VALUES). The columns are those set on
     * any row, so that a column left unset everywhere keeps its database default.
     */
    private <R extends TableRecord<R>> List<Long> insert(Table<R> table, List<R> rows) {
        Field<?>[] columns = Arrays.stream(table.fields())
                .filter(field -> rows.stream().anyMatch(row -> row.changed(field)))
                .toArray(Field<?>[]::new);
        Identity<R, ?> identity = table.getIdentity();
        List<Long> ids = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Record> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK)).stream()
                    .map(row -> row.into(columns))
                    .toList();
            InsertValuesStepN<R> statement = db.insertInto(table).columns(columns).valuesOfRecords(chunk);
            if (identity == null) {
                statement.execute();
            } else {
                ids.addAll(statement.returning(identity.getField()).fetch(identity.getField(), Long.class));
            }
        }
        return ids;
    }

    /** Sets the audit columns that every business table shares. */
    private static <R extends TableRecord<R>> R audited(R row, OffsetDateTime at, Long by) {
        Table<R> table = row.getTable();
        row.set(column(table, "version"), 0);
        row.set(column(table, "created_at"), at);
        row.set(column(table, "created_by"), by);
        row.set(column(table, "updated_at"), at);
        row.set(column(table, "updated_by"), by);
        return row;
    }

    /** The table's own column object, not a coerced copy, so that the record finds it among its fields. */
    @SuppressWarnings("unchecked")
    private static <T> Field<T> column(Table<?> table, String name) {
        return (Field<T>) table.field(name);
    }

    /** One seeding run: the seeded random source, the "now" every date counts back from, and the admin. */
    private final class Seeding {

        private final Random random = new Random(SEED);
        private final OffsetDateTime now;
        private final LocalDate today;
        private final Long adminId;

        Seeding(OffsetDateTime now) {
            this.now = now;
            this.today = now.toLocalDate();
            this.adminId = db.select(APP_USER.ID).from(APP_USER).where(APP_USER.USERNAME.eq(ADMIN_USERNAME))
                    .fetchOne(APP_USER.ID);
        }

        Summary seed() {
            Staff staff = seedStaff();
            insert(PRODUCT, PRODUCTS.stream().map(this::product).toList());
            Funnel funnel = seedPipeline();
            List<Company> companies = planCompanies(staff);
            List<Deal> deals = new ArrayList<>(OPPORTUNITIES);
            for (int i = 0; i < OPPORTUNITIES; i++) {
                int customer = random.nextInt(companies.size());
                deals.add(planDeal(customer, companies.get(customer)));
            }
            List<Account> accounts = seedCustomers(companies, deals);
            List<Long> opportunityIds = insert(OPPORTUNITY,
                    deals.stream().map(deal -> opportunity(deal, accounts.get(deal.customer()), funnel)).toList());
            List<StageHistoryRecord> history = history(deals, opportunityIds, accounts, funnel.stageIds());
            insert(STAGE_HISTORY, history);
            List<ActivityRecord> activities = activities(deals, opportunityIds, accounts);
            insert(ACTIVITY, activities);
            seedWaitingRegistration(staff, accounts);
            int tasks = process.apply(funnel.pipelineId(), funnel.stageIds(), now, adminId);
            log.info("Gave the demo pipeline the {} template's criteria and activities, and its open deals {} tasks",
                    DemoProcess.TEMPLATE, tasks);
            db.insertInto(APP_SETTING)
                    .set(APP_SETTING.KEY, SEEDED_AT_KEY)
                    .set(APP_SETTING.VALUE, now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .set(APP_SETTING.UPDATED_AT, now)
                    .execute();
            return new Summary(staff.users(), staff.teams(), companies.size(),
                    accounts.stream().mapToInt(a -> a.contactIds().size()).sum(), deals.size(),
                    count(deals, OpportunityStatus.WON), count(deals, OpportunityStatus.LOST), history.size(),
                    activities.size());
        }

        /**
         * A rep of the north asks to work a customer of an east rep; the request has waited since yesterday, so
         * that the first run of the automation rules reminds the east manager, who decides it.
         */
        private void seedWaitingRegistration(Staff staff, List<Account> accounts) {
            List<Long> eastReps = staff.reps().get(Region.EAST);
            Account customer = accounts.stream().filter(a -> eastReps.contains(a.ownerId())).findFirst()
                    .orElseThrow();
            long requester = staff.reps().get(Region.NORTH).get(0);
            Long approver = db.select(TEAM.MANAGER_ID).from(APP_USER).join(TEAM).on(TEAM.ID.eq(APP_USER.TEAM_ID))
                    .where(APP_USER.ID.eq(customer.ownerId())).fetchOne(TEAM.MANAGER_ID);
            OffsetDateTime filed = now.minusHours(30);
            db.insertInto(REGISTRATION_REQUEST)
                    .set(REGISTRATION_REQUEST.CUSTOMER_ID, customer.id())
                    .set(REGISTRATION_REQUEST.REQUESTER_ID, requester)
                    .set(REGISTRATION_REQUEST.HOLDER_ID, customer.ownerId())
                    .set(REGISTRATION_REQUEST.APPROVER_ID, approver)
                    .set(REGISTRATION_REQUEST.OPPORTUNITY_NAME, "北方分公司数字化项目")
                    .set(REGISTRATION_REQUEST.REASON, "客户北京分公司主动联系我方，希望单独立项")
                    .set(REGISTRATION_REQUEST.CREATED_AT, filed)
                    .set(REGISTRATION_REQUEST.CREATED_BY, requester)
                    .execute();
        }

        // ---- staff -------------------------------------------------------------------------------------------

        private Staff seedStaff() {
            long rootId = insert(TEAM, List.of(team(ROOT_TEAM, null))).get(0);
            List<Long> teamIds = insert(TEAM, Arrays.stream(Region.values()).map(r -> team(r.team, rootId)).toList());
            // bcrypt is deliberately slow: one hash serves all sixteen users
            String hash = passwordEncoder.encode(password);
            List<AppUserRecord> users = new ArrayList<>();
            users.add(user(DIRECTOR, rootId, hash));
            Region[] regions = Region.values();
            for (int r = 0; r < regions.length; r++) {
                users.add(user(regions[r].manager, teamIds.get(r), hash));
            }
            int managers = users.size();
            for (int r = 0; r < regions.length; r++) {
                long teamId = teamIds.get(r);
                regions[r].reps.forEach(rep -> users.add(user(rep, teamId, hash)));
            }
            List<Long> userIds = insert(APP_USER, users);
            List<UserRoleRecord> roles = new ArrayList<>();
            for (int i = 0; i < userIds.size(); i++) {
                roles.add(role(userIds.get(i), i < managers ? Role.SALES_MANAGER : Role.SALES_REP));
            }
            insert(USER_ROLE, roles);
            setManager(rootId, userIds.get(0));
            Map<Region, List<Long>> reps = new EnumMap<>(Region.class);
            int next = managers;
            for (int r = 0; r < regions.length; r++) {
                setManager(teamIds.get(r), userIds.get(1 + r));
                reps.put(regions[r], userIds.subList(next, next += regions[r].reps.size()));
            }
            return new Staff(reps, users.size(), 1 + teamIds.size());
        }

        private TeamRecord team(String name, Long parentId) {
            return audited(db.newRecord(TEAM).setName(name).setParentId(parentId), now, adminId);
        }

        private AppUserRecord user(Person person, long teamId, String hash) {
            return audited(db.newRecord(APP_USER).setUsername(person.username()).setFullName(person.fullName())
                    .setEmail(person.pinyin() + "@sales.example.cn").setPasswordHash(hash).setEnabled(true)
                    .setTeamId(teamId), now, adminId);
        }

        private UserRoleRecord role(long userId, Role role) {
            return db.newRecord(USER_ROLE).setUserId(userId).setRole(role.name());
        }

        private void setManager(long teamId, long managerId) {
            db.update(TEAM).set(TEAM.MANAGER_ID, managerId).where(TEAM.ID.eq(teamId)).execute();
        }

        // ---- catalogue and pipeline ---------------------------------------------------------------------------

        private ProductRecord product(ProductSpec spec) {
            return audited(db.newRecord(PRODUCT).setCode(spec.code()).setName(spec.name())
                    .setUnitPrice(new BigDecimal(spec.unitPrice()).setScale(2)).setCurrency(CURRENCY).setActive(true),
                    now, adminId);
        }

        /** Built here rather than from the plugin's template: the catalogue is only for signed-in users. */
        private Funnel seedPipeline() {
            PipelineRecord pipeline = db.newRecord(PIPELINE).setName(PIPELINE_NAME).setTemplateId(PIPELINE_TEMPLATE)
                    .setIsDefault(true);
            long pipelineId = insert(PIPELINE, List.of(audited(pipeline, now, adminId))).get(0);
            List<StageRecord> stages = new ArrayList<>();
            for (int i = 0; i < STAGES.size(); i++) {
                StageSpec spec = STAGES.get(i);
                stages.add(audited(db.newRecord(STAGE).setPipelineId(pipelineId).setPosition(i + 1)
                        .setNameEn(spec.nameEn()).setNameZh(spec.nameZh()).setProbability(spec.probability()),
                        now, adminId));
            }
            return new Funnel(pipelineId, insert(STAGE, stages));
        }

        // ---- customers and contacts ---------------------------------------------------------------------------

        private List<Company> planCompanies(Staff staff) {
            Set<String> shortNames = new HashSet<>();
            Set<String> creditCodes = new HashSet<>();
            List<Company> companies = new ArrayList<>(CUSTOMERS);
            while (companies.size() < CUSTOMERS) {
                City city = pick(CITIES);
                String[] industry = pick(INDUSTRY_WORDS).split(" ", -1);
                String shortName = pick(STEMS) + industry[0];
                if (!shortNames.add(shortName)) {
                    continue;
                }
                String suffix = random.nextInt(5) == 0 ? "股份有限公司" : "有限公司";
                companies.add(new Company(city.name() + shortName + suffix, shortName, industry[1], city,
                        unique(creditCodes, () -> creditCode(city)),
                        city.areaCode() + "-" + (5 + random.nextInt(4)) + digits(7),
                        city.name() + "市" + city.district() + pick(ROADS) + (1 + random.nextInt(999)) + "号",
                        pick(staff.reps().get(city.region())), 1 + random.nextInt(3)));
            }
            return companies;
        }

        /** "91" (a company registered with market regulation), the region code, nine random characters. */
        private String creditCode(City city) {
            StringBuilder body = new StringBuilder("91").append(city.regionCode());
            for (int i = 0; i < 9; i++) {
                body.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            return CreditCode.withCheckCharacter(body.toString());
        }

        private List<Account> seedCustomers(List<Company> companies, List<Deal> deals) {
            List<OffsetDateTime> since = customerSince(companies, deals);
            List<CustomerRecord> customers = new ArrayList<>(companies.size());
            for (int i = 0; i < companies.size(); i++) {
                Company company = companies.get(i);
                customers.add(audited(db.newRecord(CUSTOMER).setName(company.name())
                        .setCreditCode(company.creditCode()).setIndustry(company.industry())
                        .setCity(company.city().name()).setAddress(company.address()).setPhone(company.phone())
                        .setOwnerId(company.ownerId()), since.get(i), company.ownerId()));
            }
            List<Long> customerIds = insert(CUSTOMER, customers);
            List<Long> contactIds = insert(CONTACT, contacts(companies, customerIds, since));
            List<Account> accounts = new ArrayList<>(companies.size());
            int next = 0;
            for (int i = 0; i < companies.size(); i++) {
                Company company = companies.get(i);
                accounts.add(new Account(customerIds.get(i), company.ownerId(),
                        contactIds.subList(next, next += company.contacts())));
            }
            return accounts;
        }

        /** A customer is added some days before its first opportunity; one without any, within 18 months. */
        private List<OffsetDateTime> customerSince(List<Company> companies, List<Deal> deals) {
            OffsetDateTime[] firstDeal = new OffsetDateTime[companies.size()];
            for (Deal deal : deals) {
                OffsetDateTime created = deal.createdAt();
                if (firstDeal[deal.customer()] == null || created.isBefore(firstDeal[deal.customer()])) {
                    firstDeal[deal.customer()] = created;
                }
            }
            return Arrays.stream(firstDeal)
                    .map(first -> officeHours(first == null ? 1 + random.nextInt(540)
                            : daysAgo(first) + 1 + random.nextInt(45)))
                    .toList();
        }

        private List<ContactRecord> contacts(List<Company> companies, List<Long> customerIds,
                                             List<OffsetDateTime> since) {
            Set<String> emails = new HashSet<>();
            Set<String> mobiles = new HashSet<>();
            List<ContactRecord> contacts = new ArrayList<>();
            for (int i = 0; i < companies.size(); i++) {
                Company company = companies.get(i);
                // consecutive titles, so that no customer has two purchasing managers
                int firstTitle = random.nextInt(TITLES.size());
                for (int k = 0; k < company.contacts(); k++) {
                    String[] surname = pick(SURNAMES).split(" ", -1);
                    String[] given = pick(GIVEN_NAMES).split(" ", -1);
                    contacts.add(audited(db.newRecord(CONTACT).setCustomerId(customerIds.get(i))
                            .setName(surname[0] + given[0]).setTitle(TITLES.get((firstTitle + k) % TITLES.size()))
                            .setPhone(unique(mobiles, () -> "1" + (3 + random.nextInt(7)) + digits(9)))
                            .setEmail(email(emails, surname[1] + "." + given[1])),
                            since.get(i), company.ownerId()));
                }
            }
            return contacts;
        }

        /** zhang.wei@example.cn, then zhang.wei2@example.cn for the next Zhang Wei, as mail servers do. */
        private String email(Set<String> taken, String localPart) {
            String email = localPart + "@example.cn";
            for (int n = 2; !taken.add(email); n++) {
                email = localPart + n + "@example.cn";
            }
            return email;
        }

        // ---- opportunities --------------------------------------------------------------------------------------

        private Deal planDeal(int customer, Company company) {
            OpportunityStatus status = switch (random.nextInt(4)) {
                case 0 -> OpportunityStatus.WON;
                case 1 -> OpportunityStatus.LOST;
                default -> OpportunityStatus.OPEN;
            };
            int lastStage = status == OpportunityStatus.WON
                    ? (random.nextInt(4) == 0 ? FIRST_WINNING_STAGE : STAGES.size() - 1)
                    : funnelStage();
            List<Step> steps = timeline(path(lastStage), status);
            return new Deal(customer, random.nextInt(company.contacts()), company.shortName() + pick(PROJECTS),
                    amount(), pick(LEAD_SOURCES), status, steps, expectedClose(status, steps),
                    status == OpportunityStatus.LOST ? pick(LOST_REASONS) : null);
        }

        /** A closed deal's close date; for an open one, a date ahead, or for some a date that has slipped by. */
        private LocalDate expectedClose(OpportunityStatus status, List<Step> steps) {
            if (status != OpportunityStatus.OPEN) {
                return steps.get(steps.size() - 1).at().toLocalDate();
            }
            if (random.nextInt(8) == 0) {
                // as in any real funnel, but never to before the deal existed
                LocalDate slipped = today.minusDays(1 + random.nextInt(30));
                LocalDate created = steps.get(0).at().toLocalDate();
                return slipped.isBefore(created) ? created : slipped;
            }
            return today.plusDays(random.nextInt(121));
        }

        private int funnelStage() {
            int draw = random.nextInt(Arrays.stream(FUNNEL_WEIGHTS).sum());
            int stage = 0;
            while (draw >= FUNNEL_WEIGHTS[stage]) {
                draw -= FUNNEL_WEIGHTS[stage++];
            }
            return stage;
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
         * 2 to 30 days between events, one event per day at most. A closed deal ends with its close at any time
         * of the year; an open one entered its stage recently, or for about a quarter of them, long ago enough
         * to be stalled.
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
            steps.add(new Step(Event.CREATED, null, path.get(0), officeHours(daysAgo)));
            for (int i = 1; i < path.size(); i++) {
                daysAgo -= gaps[i - 1];
                steps.add(new Step(Event.MOVED, path.get(i - 1), path.get(i), officeHours(daysAgo)));
            }
            if (status != OpportunityStatus.OPEN) {
                int stage = path.get(path.size() - 1);
                Event close = status == OpportunityStatus.WON ? Event.WON : Event.LOST;
                steps.add(new Step(close, stage, stage, officeHours(daysAgo - gaps[gaps.length - 1])));
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

        private OpportunityRecord opportunity(Deal deal, Account account, Funnel funnel) {
            Step entry = deal.lastEntry();
            OpportunityRecord row = db.newRecord(OPPORTUNITY).setName(deal.name()).setCustomerId(account.id())
                    .setContactId(account.contactIds().get(deal.contact())).setOwnerId(account.ownerId())
                    .setPipelineId(funnel.pipelineId()).setStageId(funnel.stageIds().get(entry.to()))
                    .setStageEnteredAt(entry.at()).setAmount(deal.amount())
                    .setCurrency(CURRENCY).setExpectedCloseDate(deal.expectedClose()).setLeadSource(deal.leadSource())
                    .setStatus(deal.status().name()).setClosedAt(deal.closedAt()).setLostReason(deal.lostReason())
                    .setReachedPosition(deal.reachedPosition()).setEverWon(deal.everWon());
            if (deal.closedAt() != null) {
                // as closing in the app does: the close date, and for a won deal what it was won for
                row.setActualCloseDate(deal.closedAt().atZoneSameInstant(ZONE).toLocalDate());
                if (deal.status() == OpportunityStatus.WON) {
                    row.setActualAmount(deal.amount());
                }
            }
            return audited(row, deal.createdAt(), account.ownerId()).setUpdatedAt(deal.updatedAt());
        }

        private List<StageHistoryRecord> history(List<Deal> deals, List<Long> opportunityIds, List<Account> accounts,
                                                 List<Long> stageIds) {
            List<StageHistoryRecord> history = new ArrayList<>();
            for (int i = 0; i < deals.size(); i++) {
                Deal deal = deals.get(i);
                for (Step step : deal.steps()) {
                    history.add(db.newRecord(STAGE_HISTORY).setOpportunityId(opportunityIds.get(i))
                            .setEvent(step.event().name())
                            .setFromStageId(step.from() == null ? null : stageIds.get(step.from()))
                            .setToStageId(stageIds.get(step.to()))
                            .setChangedBy(accounts.get(deal.customer()).ownerId()).setChangedAt(step.at()));
                }
            }
            return history;
        }

        /** Two to six follow-ups per opportunity, between its creation and its close (or now). */
        private List<ActivityRecord> activities(List<Deal> deals, List<Long> opportunityIds, List<Account> accounts) {
            List<ActivityRecord> activities = new ArrayList<>();
            for (int i = 0; i < deals.size(); i++) {
                Deal deal = deals.get(i);
                Account account = accounts.get(deal.customer());
                OffsetDateTime end = deal.closedAt() == null ? now : deal.closedAt();
                for (int n = 2 + random.nextInt(5); n > 0; n--) {
                    ActivityType type = pick(ACTIVITY_MIX);
                    OffsetDateTime at = between(deal.createdAt(), end);
                    activities.add(audited(db.newRecord(ACTIVITY).setType(type.name()).setOccurredAt(at)
                            .setContent(pick(ACTIVITY_CONTENT.get(type))).setCustomerId(account.id())
                            // a note is written for oneself, not with a contact
                            .setContactId(type == ActivityType.NOTE ? null : account.contactIds().get(deal.contact()))
                            .setOpportunityId(opportunityIds.get(i)).setOwnerId(account.ownerId()),
                            at, account.ownerId()));
                }
            }
            return activities;
        }

        // ---- small helpers --------------------------------------------------------------------------------------

        /** During office hours in Shanghai, daysAgo days before today, and never later than now. */
        private OffsetDateTime officeHours(long daysAgo) {
            OffsetDateTime at = today.minusDays(daysAgo).atTime(9 + random.nextInt(10), random.nextInt(60))
                    .atZone(ZONE).toOffsetDateTime();
            return at.isAfter(now) ? now.minusMinutes(1 + random.nextInt(30)) : at;
        }

        private OffsetDateTime between(OffsetDateTime start, OffsetDateTime end) {
            long latest = daysAgo(end);
            OffsetDateTime at = officeHours(latest + random.nextInt((int) (daysAgo(start) - latest) + 1));
            return at.isBefore(start) ? start : at.isAfter(end) ? end : at;
        }

        private long daysAgo(OffsetDateTime at) {
            return ChronoUnit.DAYS.between(at.atZoneSameInstant(ZONE).toLocalDate(), today);
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
    }

    private static String unique(Set<String> taken, Supplier<String> candidates) {
        String value;
        do {
            value = candidates.get();
        } while (!taken.add(value));
        return value;
    }

    private static long count(List<Deal> deals, OpportunityStatus status) {
        return deals.stream().filter(deal -> deal.status() == status).count();
    }

    /** The three regional teams under the sales division, each with its manager and four reps. */
    @SuppressWarnings("ImmutableEnumChecker") // records of strings in a List.of: immutable, though not annotated
    private enum Region {
        EAST("华东大区", new Person("manager.east", "陈志明", "chen.zhiming"),
                new Person("rep01", "张伟", "zhang.wei"), new Person("rep02", "李静", "li.jing"),
                new Person("rep03", "周磊", "zhou.lei"), new Person("rep04", "吴婷", "wu.ting")),
        NORTH("华北大区", new Person("manager.north", "刘海涛", "liu.haitao"),
                new Person("rep05", "赵鹏", "zhao.peng"), new Person("rep06", "孙雪", "sun.xue"),
                new Person("rep07", "马俊", "ma.jun"), new Person("rep08", "郭敏", "guo.min")),
        SOUTH("华南大区", new Person("manager.south", "黄伟强", "huang.weiqiang"),
                new Person("rep09", "林晓东", "lin.xiaodong"), new Person("rep10", "何丽", "he.li"),
                new Person("rep11", "郑浩", "zheng.hao"), new Person("rep12", "罗佳", "luo.jia"));

        private final String team;
        private final Person manager;
        private final List<Person> reps;

        Region(String team, Person manager, Person... reps) {
            this.team = team;
            this.manager = manager;
            this.reps = List.of(reps);
        }
    }

    private record Person(String username, String fullName, String pinyin) {
    }

    private record StageSpec(String nameEn, String nameZh, int probability) {
    }

    private record ProductSpec(String code, String name, String unitPrice) {
    }

    private record City(String name, String regionCode, String district, String areaCode, Region region) {
    }

    private record Staff(Map<Region, List<Long>> reps, int users, int teams) {
    }

    /** The stored demo pipeline and its stages' ids by position, counted from 0. */
    private record Funnel(long pipelineId, List<Long> stageIds) {
    }

    /** A customer before it is stored; contacts is how many people it will have. */
    private record Company(String name, String shortName, String industry, City city, String creditCode,
                           String phone, String address, long ownerId, int contacts) {
    }

    /** A stored customer: its id, owner and contacts' ids. */
    private record Account(long id, long ownerId, List<Long> contactIds) {
    }

    /** One line of the stage history to be; from and to are stage positions counted from 0. */
    private record Step(Event event, Integer from, int to, OffsetDateTime at) {
    }

    /** An opportunity before it is stored; customer and contact index the planned customers and their contacts. */
    private record Deal(int customer, int contact, String name, BigDecimal amount, String leadSource,
                        OpportunityStatus status, List<Step> steps, LocalDate expectedClose, String lostReason) {

        OffsetDateTime createdAt() {
            return steps.get(0).at();
        }

        OffsetDateTime updatedAt() {
            return steps.get(steps.size() - 1).at();
        }

        /** The latest entry into a stage; closing leaves the opportunity in that stage. */
        Step lastEntry() {
            return steps.stream().filter(step -> step.event() == Event.CREATED || step.event() == Event.MOVED)
                    .reduce((first, second) -> second).orElseThrow();
        }

        OffsetDateTime closedAt() {
            return status == OpportunityStatus.OPEN ? null : updatedAt();
        }

        /** The highest stage it entered: stages are planned in pipeline order, so index + 1 is the position. */
        int reachedPosition() {
            return steps.stream().mapToInt(Step::to).max().orElseThrow() + 1;
        }

        boolean everWon() {
            return steps.stream().anyMatch(step -> step.event() == Event.WON);
        }
    }

    private record Summary(int users, int teams, int customers, int contacts, int opportunities, long won, long lost,
                           int stageChanges, int activities) {
    }
}
