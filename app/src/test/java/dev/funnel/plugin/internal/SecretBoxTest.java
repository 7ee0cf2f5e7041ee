package dev.funnel.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin secrets sealed at rest: only the installation's key opens them. */
class SecretBoxTest {

    @TempDir
    Path folder;

    @Test
    void a_sealed_secret_opens_with_the_same_key_only() {
        SecretBox box = new SecretBox("a passphrase of the installation", "");
        String sealed = box.seal("whsec-0123456789abcdef");

        assertThat(sealed).startsWith("enc:v1:").doesNotContain("whsec");
        assertThat(box.seal("whsec-0123456789abcdef")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("whsec-0123456789abcdef");
        assertThat(new SecretBox("another passphrase", "").open(sealed)).isNull();
        assertThat(box.open("stored in plain text before")).isEqualTo("stored in plain text before");
    }

    @Test
    void without_a_configured_key_one_is_created_readable_by_funnel_only_and_kept() throws Exception {
        Path file = folder.resolve("keys/funnel-secret.key");

        String sealed = new SecretBox("", file.toString()).seal("whsec-0123456789abcdef");

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new SecretBox("", file.toString()).open(sealed)).isEqualTo("whsec-0123456789abcdef");
    }
}
