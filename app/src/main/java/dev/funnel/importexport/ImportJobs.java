package dev.funnel.importexport;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.notification.NotificationService;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;

/**
 * Runs an import off the request thread, as the signed-in user, so that a large file never holds a request (or
 * the browser) until it is done. When it ends, the user is also notified in the app: the import goes on if they
 * leave the page, and they learn how it went.
 */
@Service
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final ImportService imports;
    private final NotificationService notifications;
    private final UserService users;
    private final TaskExecutor executor;
    private final SecurityContextHolderStrategy security;

    ImportJobs(ImportService imports, NotificationService notifications, UserService users,
               @Qualifier("applicationTaskExecutor") TaskExecutor executor, SecurityContextHolderStrategy security) {
        this.imports = imports;
        this.notifications = notifications;
        this.users = users;
        this.executor = executor;
        this.security = security;
    }

    /**
     * Starts the dry run of an import: as long as the import itself on a large file, and it waits for its turn
     * like one, so it never runs on the page's own thread (the page would freeze until both were done).
     */
    public void check(ImportEntity entity, byte[] content, Charset charset, ImportMapping mapping, Locale locale,
                      Consumer<ImportCheck> done, Consumer<RuntimeException> failed) {
        Runnable job = () -> {
            try {
                done.accept(imports.validate(entity, content, charset, mapping, locale));
            } catch (RuntimeException e) {
                failed.accept(e);
            }
        };
        executor.execute(new DelegatingSecurityContextRunnable(job, security.getContext()));
    }

    /** Starts the import; {@code done} gets the result, {@code failed} an unexpected error, both off this thread. */
    public void start(ImportEntity entity, byte[] content, Charset charset, ImportMapping mapping, ImportMode mode,
                      Locale locale, DoubleConsumer progress, Consumer<ImportResult> done,
                      Consumer<RuntimeException> failed) {
        long me = users.current().id();
        Runnable job = () -> {
            try {
                ImportResult result = imports.run(entity, content, charset, mapping, mode, locale, progress);
                notifications.notify(me, result.status() == ImportResult.Status.COMPLETED
                        ? "notification.import.completed" : "notification.import.rejected",
                        List.of(Integer.toString(result.imported()), Integer.toString(result.rows()),
                                Integer.toString(result.errors().size())), "import");
                done.accept(result);
            } catch (RuntimeException e) {
                log.error("Import of {} failed", entity.key(), e);
                failed.accept(e);
            }
        };
        executor.execute(new DelegatingSecurityContextRunnable(job, security.getContext()));
    }
}
