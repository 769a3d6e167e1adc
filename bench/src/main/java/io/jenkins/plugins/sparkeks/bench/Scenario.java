package io.jenkins.plugins.sparkeks.bench;

import java.util.List;

/**
 * One group of rows. A scenario measures the project and its anchor in the same run, against the servers of
 * {@link BenchContext} (their own JVM), and returns its rows; it leaves nothing running behind it, because the
 * next scenario's leftover figures would count it. To add a row: implement this, register it in
 * {@link Scenarios#all()}, build rows with {@link Row#compared} or {@link Row#alone}.
 */
public interface Scenario {

    /** Short name used by {@code --only}. */
    String name();

    List<Row> run(BenchContext context) throws Exception;
}
