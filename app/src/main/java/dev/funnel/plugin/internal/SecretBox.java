package dev.funnel.plugin.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.stereotype.Component;

/**
 * Seals the secrets administrators enter for plugins (a webhook's signing secret) before they are stored, with
 * AES-256-GCM, so that a copy of the database or a backup does not give them away. The key comes from
 * {@code FUNNEL_SECRET_KEY} (32 bytes in Base64, or a passphrase the key is derived from), else from the file
 * {@code FUNNEL_SECRET_KEY_FILE}, by default {@code funnel-secret.key} beside funnel.jar, which is created with a
 * new random key on the first start. Keep the key with the backups but not inside them: without it the sealed
 * secrets cannot be read, and they must be entered again.
 */
@Component
public class SecretBox {

    static final String PREFIX = "enc:v1:";
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${funnel.secret-key:}") String configured, @Value("${funnel.secret-key-file:}") String file) {
        this.key = new SecretKeySpec(configured.isBlank() ? fromFile(keyFile(file)) : derive(configured), "AES");
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String seal(String plain) {
        if (plain == null || isSealed(plain)) {
            return plain;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, all, 0, iv.length);
            System.arraycopy(sealed, 0, all, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The plain text of a sealed value; a value stored before sealing existed is returned as it is. */
    public String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.error("A stored plugin secret cannot be opened with this key: was FUNNEL_SECRET_KEY or the key file "
                    + "changed? Enter the secret again in Admin > Plugins.");
            return null;
        }
    }

    private static byte[] derive(String configured) {
        try {
            byte[] decoded = Base64.getDecoder().decode(configured.trim());
            if (decoded.length == 32) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // a passphrase
        }
        try {
            PBEKeySpec spec = new PBEKeySpec(configured.toCharArray(),
                    "funnel-plugin-secrets".getBytes(StandardCharsets.UTF_8), 210_000, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is part of every Java runtime", e);
        }
    }

    private static Path keyFile(String configured) {
        return configured.isBlank()
                ? new ApplicationHome(SecretBox.class).getDir().toPath().resolve("funnel-secret.key").normalize()
                : Path.of(configured);
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                log.warn("Created a new key for plugin secrets at {}: back it up apart from the database "
                        + "(or set FUNNEL_SECRET_KEY)", file);
            }
            return derive(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("The key for plugin secrets cannot be read or created at " + file
                    + ": set FUNNEL_SECRET_KEY or FUNNEL_SECRET_KEY_FILE", e);
        }
    }
}
