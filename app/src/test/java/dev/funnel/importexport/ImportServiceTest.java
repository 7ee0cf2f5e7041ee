package dev.funnel.importexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.audit.AuditFilter;
import dev.funnel.audit.AuditService;
import dev.funnel.customer.CreditCode;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerService;
import dev.funnel.importexport.ImportResult.Status;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The import's rules: all rows or none unless asked otherwise, and every problem named by row and column. */
class ImportServiceTest extends IntegrationTest {

    @Autowired
    ImportService imports;
    @Autowired
    CustomerService customers;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    AuditService audit;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    Org company;
    String tag;

    @BeforeEach
    void aCompany() {
        company = data.organisation();
        tag = TestData.unique("t");
    }

    private ImportResult run(ImportEntity entity, String csv, ImportMapping mapping, ImportMode mode) {
        return as("admin", () -> imports.run(entity, csv.getBytes(StandardCharsets.UTF_8), null, mapping, mode,
                Locale.ENGLISH, null));
    }

    private static ImportMapping columns(String... pairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put(pairs[i], pairs[i + 1]);
        }
        return ImportMapping.of(columns);
    }

    private long customersNamed(String prefix) {
        return as("admin", () -> customers.count(new CustomerFilter(prefix, null)));
    }

    @Test
    void the_wizard_recognises_the_headers_people_write_in_both_languages() {
        signIn("admin");
        assertThat(imports.suggestColumns(ImportEntity.CUSTOMERS,
                List.of("客户名称", "统一社会信用代码", "负责人", "法定代表人", "随便一列"), ImportMapping.of(Map.of())))
                .containsExactly(Map.entry("客户名称", "name"), Map.entry("统一社会信用代码", "creditCode"),
                        Map.entry("负责人", "owner"), Map.entry("法定代表人", "legalRepresentative"));
        assertThat(imports.suggestColumns(ImportEntity.OPPORTUNITIES,
                List.of("Account", "Amount", "Close Date", "预计成交日期", "sales_agent", "Deal Stage"),
                ImportMapping.of(Map.of())))
                .containsExactly(Map.entry("Account", "customer"), Map.entry("Amount", "amount"),
                        Map.entry("Close Date", "closeDate"),
                        Map.entry("预计成交日期", "expectedCloseDate"),
                        Map.entry("sales_agent", "owner"), Map.entry("Deal Stage", "stage"));
        // a saved mapping's choice wins over the guess
        assertThat(imports.suggestColumns(ImportEntity.OPPORTUNITIES, List.of("Account"),
                ImportMapping.of(Map.of("Account", "name")))).containsExactly(Map.entry("Account", "name"));
    }

    @Test
    void one_bad_row_rejects_the_whole_file_and_names_row_column_value_and_reason() {
        String csv = """
                name,owner,employees,phone
                %1$s Alpha,%2$s,120,0755-8888 6666
                %1$s Beta,nobody-at-all,12x,call me
                %1$s Gamma,%2$s,8,
                """.formatted(tag, company.eastRep().username());
        ImportResult result = run(ImportEntity.CUSTOMERS, csv,
                columns("name", "name", "owner", "owner", "employees", "employeeCount", "phone", "phone"),
                ImportMode.ALL);

        assertThat(result.status()).isEqualTo(Status.REJECTED);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.imported()).isZero();
        assertThat(result.errors()).extracting(ImportError::row, ImportError::column, ImportError::value)
                .containsExactlyInAnyOrder(tuple(3, "owner", "nobody-at-all"), tuple(3, "employees", "12x"),
                        tuple(3, "phone", "call me"));
        assertThat(result.errors()).extracting(ImportError::reason)
                .contains("No user is called nobody-at-all", "Not a whole number");
        assertThat(customersNamed(tag)).isZero();
    }

    @Test
    void valid_only_writes_the_good_rows_and_still_reports_the_bad_ones() {
        String csv = """
                name,owner,employees
                %1$s Alpha,%2$s,120
                %1$s Beta,nobody-at-all,12
                %1$s Gamma,%2$s,8
                """.formatted(tag, company.eastRep().username());
        ImportResult result = run(ImportEntity.CUSTOMERS, csv,
                columns("name", "name", "owner", "owner", "employees", "employeeCount"), ImportMode.VALID_ONLY);

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.errors()).extracting(ImportError::row).containsExactly(3);
        assertThat(customersNamed(tag)).isEqualTo(2);
    }

    @Test
    void a_subsidiary_of_a_bad_row_is_not_written_either_in_valid_only_mode() {
        String csv = """
                name,parent,credit code
                %1$s Holding,,NOT-A-CODE
                %1$s Daughter,%1$s Holding,
                %1$s Other,,
                """.formatted(tag);
        ImportResult result = run(ImportEntity.CUSTOMERS, csv,
                columns("name", "name", "parent", "parent", "credit code", "creditCode"), ImportMode.VALID_ONLY);

        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.errors()).extracting(ImportError::row, ImportError::column)
                .containsExactly(tuple(2, "credit code"), tuple(3, "parent"));
    }

    @Test
    void customers_keep_when_they_were_entered_and_those_marked_for_the_pool_come_without_an_owner() {
        String csv = """
                name,owner,created,owned since,pool
                %1$s 甲公司,%2$s,2024-03-01,2024-05-01,no
                %1$s 乙公司,,2024-03-01,2024-06-01,是
                %1$s 丙公司,,,,maybe
                """.formatted(tag, company.eastRep().username());
        ImportResult result = run(ImportEntity.CUSTOMERS, csv, columns("name", "name", "owner", "owner", "created",
                "createdOn", "owned since", "ownedSince", "pool", "pool"), ImportMode.VALID_ONLY);

        assertThat(result.errors()).extracting(ImportError::row, ImportError::column).containsExactly(tuple(4, "pool"));
        assertThat(result.imported()).isEqualTo(2);
        var imported = as("admin", () -> customers.list(new CustomerFilter(tag, null),
                PageRequest.of(0, 10)).items());
        assertThat(imported).extracting(c -> c.name().substring(tag.length() + 1), c -> c.ownerId(),
                        c -> c.createdAt().atZoneSameInstant(clock.getZone()).toLocalDate())
                .containsExactlyInAnyOrder(tuple("甲公司", company.eastRep().id(), java.time.LocalDate.of(2024, 3, 1)),
                        tuple("乙公司", null, java.time.LocalDate.of(2024, 3, 1)));
    }

    @Test
    void duplicates_of_existing_customers_and_of_earlier_rows_are_refused() {
        String code = CreditCode.withCheckCharacter("91440300MA5F" + String.format("%05d",
                Math.floorMod(tag.hashCode(), 100000)));
        run(ImportEntity.CUSTOMERS, "name,code\n" + tag + " 腾飞科技有限公司," + code + "\n",
                columns("name", "name", "code", "creditCode"), ImportMode.ALL);
        String csv = """
                name,code
                %1$s 腾飞科技（有限公司）,
                %1$s Other,%2$s
                %1$s New,
                "%1$s NEW Co.,Ltd.",
                """.formatted(tag, code);
        ImportResult result = run(ImportEntity.CUSTOMERS, csv, columns("name", "name", "code", "creditCode"),
                ImportMode.ALL);

        assertThat(result.errors()).extracting(ImportError::row, ImportError::column)
                .containsExactly(tuple(2, "name"), tuple(3, "code"), tuple(5, "name"));
        assertThat(result.errors().get(0).reason()).contains(tag + " 腾飞科技有限公司");
        assertThat(result.errors().get(2).reason()).isEqualTo("The same as row 4");
    }

    @Test
    void the_same_phone_or_email_as_an_existing_customer_or_an_earlier_row_is_a_duplicate() {
        String phone = "0571-" + String.format("%08d", Math.floorMod(tag.hashCode(), 100_000_000));
        run(ImportEntity.CUSTOMERS, "name,phone,email\n" + tag + " First," + phone + "," + tag + "@first.cn\n",
                columns("name", "name", "phone", "phone", "email", "email"), ImportMode.ALL);
        String csv = """
                name,phone,email
                %1$s Second,%2$s,
                %1$s Third,,%3$s
                %1$s Fourth,,%1$s@fourth.cn
                %1$s Fifth,,%1$s@FOURTH.cn
                """.formatted(tag, phone.replace("-", " "), (tag + "@first.cn").toUpperCase(Locale.ROOT));
        ImportResult result = run(ImportEntity.CUSTOMERS, csv,
                columns("name", "name", "phone", "phone", "email", "email"), ImportMode.ALL);

        assertThat(result.errors()).extracting(ImportError::row, ImportError::column)
                .containsExactly(tuple(2, "phone"), tuple(3, "email"), tuple(5, "email"));
        assertThat(result.errors().get(0).reason()).contains(tag + " First");
    }

    @Test
    void a_file_over_the_size_limit_is_refused_with_both_sizes_and_nothing_is_read() {
        byte[] tooBig = new byte[(int) (long) as("admin", () -> imports.maxBytes()) + 1];
        ImportResult result = as("admin", () -> imports.run(ImportEntity.CUSTOMERS, tooBig, null,
                columns("name", "name"), ImportMode.ALL, Locale.ENGLISH, null));

        assertThat(result.status()).isEqualTo(Status.REJECTED);
        assertThat(result.errors()).singleElement().extracting(ImportError::reason)
                .isEqualTo("The file has 50.1 MB, more than the limit of 50.0 MB");
    }

    @Test
    void a_mapping_that_does_not_fit_the_file_is_refused_before_any_row_is_read() {
        ImportResult result = run(ImportEntity.OPPORTUNITIES, "deal,who\nX,Y\n",
                columns("deal", "title", "nowhere", "owner"), ImportMode.ALL);

        assertThat(result.status()).isEqualTo(Status.REJECTED);
        assertThat(result.errors()).extracting(ImportError::reason).contains(
                "The file has no column nowhere; its columns are deal, who",
                "Field stage is required: map a column to it or give it a default");
        assertThat(result.errors().stream().filter(e -> "deal".equals(e.column())).findFirst().orElseThrow()
                .reason()).startsWith("There is no field title");
    }

    @Test
    void opportunities_name_their_stage_owner_and_dates_or_are_refused_for_each() {
        Pipeline pipeline = data.pipeline();
        String rep = company.eastRep().username();
        String csv = """
                id,owner,stage,entered,closed,amount,customer
                %1$s-1,%2$s,%3$s,2024-03-01,,1000,
                %1$s-2,%2$s,Nowhere,2024-03-01,,1000,
                %1$s-3,%2$s,WON,2024-03-01,2024-02-01,1000,
                %1$s-4,%2$s,LOST,01/03/2024,2024-04-01,1 000.5.0,
                %1$s-5,%2$s,WON,2024-03-01,,1000,Nobody Ltd
                """.formatted(tag, rep, pipeline.stages().get(1).nameEn());
        ImportMapping mapping = new ImportMapping(Map.of("id", "externalId", "owner", "owner", "stage", "stage",
                "entered", "stageEnteredOn", "closed", "closeDate", "amount", "amount", "customer", "customer"),
                null, Map.of("pipeline", pipeline.name()), null);
        ImportResult result = run(ImportEntity.OPPORTUNITIES, csv, mapping, ImportMode.VALID_ONLY);

        assertThat(result.errors()).extracting(ImportError::row, ImportError::column).containsExactlyInAnyOrder(
                tuple(3, "stage"), tuple(4, "closed"), tuple(5, "entered"), tuple(5, "amount"),
                tuple(6, "customer"), tuple(6, "closed"));
        assertThat(result.imported()).isEqualTo(1);
        UserSummary owner = company.eastRep();
        var written = as(owner.username(), () -> opportunities.list(new OpportunityFilter(tag, null,
                pipeline.id(), null, null), PageRequest.of(0, 10)).items());
        assertThat(written).singleElement().satisfies(o -> {
            assertThat(o.stageId()).isEqualTo(pipeline.stages().get(1).id());
            assertThat(o.customerId()).isNull();
            assertThat(o.stageEnteredAt().toLocalDate()).isEqualTo(java.time.LocalDate.of(2024, 3, 1));
        });
    }

    @Test
    void a_manager_named_by_username_is_the_existing_user_and_no_second_one_is_made() {
        UserSummary boss = data.user(dev.funnel.identity.Role.SALES_MANAGER, null);
        String csv = """
                agent,manager
                %s Cid,%s
                """.formatted(tag, boss.username());

        ImportResult result = run(ImportEntity.USERS, csv, columns("agent", "fullName", "manager", "manager"),
                ImportMode.ALL);

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        UserSummary cid = as("admin", () -> data.usersNamed(tag)).stream()
                .filter(u -> u.fullName().endsWith("Cid")).findFirst().orElseThrow();
        assertThat(as("admin", () -> data.managerOf(cid.id()))).contains(boss.id());
        assertThat(as("admin", () -> data.usersNamed(boss.username()))).as("no user named after the username")
                .isEmpty();
    }

    @Test
    void people_are_placed_in_their_managers_team_under_the_region() {
        String csv = """
                agent,manager,region
                %1$s Ann,%1$s Boss,%1$s North
                %1$s Bob,%1$s Boss,%1$s North
                """.formatted(tag);
        ImportResult result = run(ImportEntity.USERS, csv,
                columns("agent", "fullName", "manager", "manager", "region", "parentTeam"), ImportMode.ALL);

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        List<UserSummary> people = as("admin", () -> data.usersNamed(tag));
        assertThat(people).extracting(UserSummary::fullName)
                .containsExactlyInAnyOrder(tag + " Ann", tag + " Bob", tag + " Boss");
        assertThat(people).allSatisfy(u -> assertThat(u.teamName()).isEqualTo(tag + " Boss"));
        UserSummary ann = people.stream().filter(u -> u.fullName().endsWith("Ann")).findFirst().orElseThrow();
        UserSummary boss = people.stream().filter(u -> u.fullName().endsWith("Boss")).findFirst().orElseThrow();
        assertThat(as("admin", () -> data.managerOf(ann.id()))).contains(boss.id());
        // usernames are made from the full name: lower case, anything but letters and digits a dot
        assertThat(ann.username()).isEqualTo(tag.toLowerCase(Locale.ROOT).replace('-', '.') + ".ann");
        // each account and team the import made is in the audit trail, as if an administrator had made it
        var trail = as("admin", () -> audit.find(new AuditFilter(null, null, null, null),
                PageRequest.of(0, 50)).items());
        assertThat(trail).filteredOn(e -> e.action().equals("user.created")).extracting(e -> e.targetId())
                .contains(ann.username(), boss.username());
        assertThat(trail).filteredOn(e -> e.action().equals("team.created")).extracting(e -> e.details())
                .anySatisfy(d -> assertThat(d).startsWith(tag + " North"))
                .anySatisfy(d -> assertThat(d).startsWith(tag + " Boss"));
    }

    @Test
    void imports_take_turns_so_two_large_files_never_hold_their_rows_at_once() throws Exception {
        java.util.concurrent.CountDownLatch firstStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstMayGoOn = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean secondStarted = new java.util.concurrent.atomic.AtomicBoolean();
        byte[] first = ("name\n" + tag + " First\n").getBytes(StandardCharsets.UTF_8);
        byte[] second = ("name\n" + tag + " Second\n").getBytes(StandardCharsets.UTF_8);
        ImportMapping mapping = columns("name", "name");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var one = pool.submit(() -> as("admin", () -> imports.run(ImportEntity.CUSTOMERS, first, null, mapping,
                    ImportMode.ALL, Locale.ENGLISH, share -> {
                        firstStarted.countDown();
                        await(firstMayGoOn);
                    })));
            assertThat(firstStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var two = pool.submit(() -> as("admin", () -> imports.run(ImportEntity.CUSTOMERS, second, null,
                    mapping, ImportMode.ALL, Locale.ENGLISH, share -> secondStarted.set(true))));
            Thread.sleep(500);
            assertThat(secondStarted).as("the second import waits for the first").isFalse();
            firstMayGoOn.countDown();
            assertThat(one.get(30, java.util.concurrent.TimeUnit.SECONDS).imported()).isEqualTo(1);
            assertThat(two.get(30, java.util.concurrent.TimeUnit.SECONDS).imported()).isEqualTo(1);
            assertThat(secondStarted).isTrue();
            assertThat(customersNamed(tag)).isEqualTo(2);
        } finally {
            firstMayGoOn.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void every_import_is_in_the_audit_trail_with_what_it_wrote_and_counted_in_the_metrics() {
        double before = meters.counter("funnel.import.rows", "entity", "customers").count();
        long lastEntryBefore = as("admin", () -> audit.find(dev.funnel.audit.AuditFilter.ALL, PageRequest.of(0, 1))
                .items()).stream().mapToLong(dev.funnel.audit.AuditEntry::id).max().orElse(0);

        run(ImportEntity.CUSTOMERS, "name\n" + tag + " Audited\n", columns("name", "name"), ImportMode.ALL);

        assertThat(meters.counter("funnel.import.rows", "entity", "customers").count()).isEqualTo(before + 1);
        assertThat(meters.get("funnel.imports").tags("entity", "customers", "status", "completed").counter()
                .count()).isPositive();
        // this import's entry: the newest by id of the admin's customer imports since the test began (other
        // tests' imports, of other kinds, may commit around it)
        var trail = as("admin", () -> audit.find(new AuditFilter(null, null, "admin", "import"),
                PageRequest.of(0, 500)).items()).stream()
                .filter(e -> e.id() > lastEntryBefore && "customers".equals(e.targetId()))
                .max(java.util.Comparator.comparingLong(dev.funnel.audit.AuditEntry::id)).stream().toList();
        assertThat(trail).as("since entry %d: %s", lastEntryBefore, as("admin", () -> audit.find(
                        new AuditFilter(null, null, null, "import"), PageRequest.of(0, 5)).items()))
                .singleElement().satisfies(entry -> {
            assertThat(entry.targetId()).isEqualTo("customers");
            assertThat(entry.details()).startsWith("completed, 1 of 1 rows written, 0 problems");
        });
    }
}
