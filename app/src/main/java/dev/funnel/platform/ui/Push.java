package dev.funnel.platform.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
import java.util.concurrent.Future;

/** Changes a page from outside its request: an upload's callback, a background import, a pushed count. */
public final class Push {

    private Push() {
    }

    /**
     * Runs the change under the page's session lock, now or as soon as the lock is free. Vaadin hands a failure of
     * the change to the session's error handler (the shell's UnexpectedErrorHandler), so the Future that
     * {@link UI#access} answers carries nothing left to act on.
     */
    public static void access(UI ui, Command change) {
        Future<Void> handledByTheSession = ui.access(change);
        assert handledByTheSession != null;
    }
}
