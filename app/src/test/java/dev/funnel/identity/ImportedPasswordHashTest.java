package dev.funnel.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.platform.RowProblem;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/** People moved from another system with the password hash it kept sign in with the password they know. */
class ImportedPasswordHashTest extends IntegrationTest {

    @Autowired
    UserImportService imports;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    UserDetailsService userDetails;

    private static UserImport person(String password, String passwordHash) {
        String username = TestData.unique("moved");
        return new UserImport(2, username, "Moved " + username, null, Role.SALES_REP, null, null, null, password,
                passwordHash);
    }

    @Test
    void a_person_imported_with_a_password_hash_signs_in_with_the_password_it_was_made_from() {
        UserImport row = person(null, passwordEncoder.encode("their old password"));

        assertThat(as("admin", () -> imports.check(List.of(row)))).isEmpty();
        as("admin", () -> imports.importAll(List.of(row)));

        String stored = userDetails.loadUserByUsername(row.username()).getPassword();
        assertThat(passwordEncoder.matches("their old password", stored)).isTrue();
    }

    @Test
    void a_hash_must_be_a_slow_salted_one_named_by_its_algorithm_and_never_comes_with_a_password() {
        List<UserImport> rows = List.of(person(null, "{noop}secret"),
                person(null, "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"),
                person("a long enough password", passwordEncoder.encode("another one")));

        assertThat(as("admin", () -> imports.check(rows)))
                .extracting(RowProblem::index, p -> p.problem().field(), p -> p.problem().messageKey())
                .containsExactly(tuple(0, "passwordHash", "validation.password-hash.format"),
                        tuple(1, "passwordHash", "validation.password-hash.format"),
                        tuple(2, "passwordHash", "validation.password-hash.both"));
    }
}
