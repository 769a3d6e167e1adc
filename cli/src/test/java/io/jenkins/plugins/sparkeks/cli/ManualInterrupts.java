package io.jenkins.plugins.sparkeks.cli;

import java.util.concurrent.atomic.AtomicReference;

/** Ctrl-C on demand: the test presses it once the command is waiting. */
final class ManualInterrupts implements Interrupts {

    private final AtomicReference<Runnable> action = new AtomicReference<>();

    @Override
    public Registration onInterrupt(Runnable a) {
        action.set(a);
        return () -> action.compareAndSet(a, null);
    }

    boolean armed() {
        return action.get() != null;
    }

    void press() {
        Runnable a = action.get();
        if (a == null) {
            throw new IllegalStateException("nothing is waiting for Ctrl-C");
        }
        a.run();
    }
}
