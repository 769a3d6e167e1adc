package io.jenkins.plugins.sparkeks.action;

import hudson.model.Action;
import hudson.model.Run;
import java.util.function.Supplier;

/**
 * Finds or adds one of the plugin's actions on a build without locking the build: {@code Run.save()} holds the
 * build's monitor while it writes build.xml, so a {@code synchronized (run)} here would stall the CPS thread
 * behind file I/O. The build's action list is itself safe for concurrent use; only the check-then-add needs a
 * lock, and this one is held for in-memory work only.
 */
public final class RunActions {

    private static final Object ADDING = new Object();

    private RunActions() {}

    public static <A extends Action> A getOrAdd(Run<?, ?> run, Class<A> type, Supplier<A> create) {
        A existing = run.getAction(type);
        if (existing != null) {
            return existing;
        }
        synchronized (ADDING) {
            A again = run.getAction(type);
            if (again != null) {
                return again;
            }
            A created = create.get();
            run.addAction(created);
            return created;
        }
    }
}
