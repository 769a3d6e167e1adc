package io.jenkins.plugins.sparkeks.cli;

/**
 * Where Ctrl-C comes from. The process version is a JVM shutdown hook (SIGINT/SIGTERM run them before the
 * JVM exits, so the hook finishes the cancellation first); tests fire it by hand.
 */
interface Interrupts {

    /** Runs {@code action} on interrupt until the returned handle is closed. */
    Registration onInterrupt(Runnable action);

    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Ctrl-C through a JVM shutdown hook. */
    Interrupts SHUTDOWN_HOOK = action -> {
        Thread hook = new Thread(action, "spark-on-eks-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        };
    };
}
