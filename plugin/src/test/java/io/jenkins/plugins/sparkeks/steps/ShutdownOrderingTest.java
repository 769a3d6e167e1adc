package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import hudson.init.Terminator;
import hudson.model.listeners.ItemListener;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards where the plugin hooks into shutdown. Upstream facts this relies on, read in jenkins-core at tag
 * jenkins-2.541.3, workflow-api at tag 1413.v2ff1a_5e720fa_, workflow-cps master of July 2026 (the line of the
 * BOM's 4370.v49a_6937566b_6) and jenkinsci/lib-task-reactor:
 * <ul>
 *   <li>{@code Jenkins.cleanUp()} calls {@code fireBeforeShutdown} (every {@code ItemListener.onBeforeShutdown()})
 *       and then {@code _cleanUpRunTerminators} (the {@code @Terminator} reactor);</li>
 *   <li>{@code CpsFlowExecution.suspendAll()} is {@code @Terminator(attains = FlowExecutionList.EXECUTIONS_SUSPENDED)}
 *       ({@code "FlowExecutionList.EXECUTIONS_SUSPENDED"}), so it requires only the root milestone
 *       {@code TermMilestone.STARTED}; it saves program.dat of every running Pipeline;</li>
 *   <li>the reactor (task-reactor {@code Reactor}) keeps tasks in a {@code HashSet} and starts those whose
 *       requirements are met in that set's order, so a terminator of ours cannot be ordered before
 *       {@code suspendAll()}: {@code attains = EXECUTIONS_SUSPENDED} only holds back what requires that
 *       milestone, and attaining {@code STARTED} would form a cycle with the implied {@code after = STARTED}.</li>
 * </ul>
 * Hence the detach runs in {@code onBeforeShutdown()}, and a {@code @Terminator} in the plugin is a regression.
 */
class ShutdownOrderingTest {

    @Test
    void theDetachRunsBeforeAnyTerminatorBecauseItIsAnItemListenerBeforeShutdownHook() throws Exception {
        assertThat(ItemListener.class).isAssignableFrom(ShutdownDetacher.class);
        assertThat(ShutdownDetacher.class.getAnnotation(Extension.class))
                .as("registered as an extension")
                .isNotNull();
        assertThat(ShutdownDetacher.class.getDeclaredMethod("onBeforeShutdown").getDeclaringClass())
                .isEqualTo(ShutdownDetacher.class);
    }

    @Test
    void noPluginMethodIsATerminatorWhichCouldRunAfterThePipelinesAreSuspended() throws Exception {
        List<String> terminators = new ArrayList<>();
        for (Class<?> c : pluginClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Terminator.class)) {
                    terminators.add(c.getName() + "#" + m.getName());
                }
            }
        }
        assertThat(terminators)
                .as("a @Terminator may run after CpsFlowExecution.suspendAll() has saved program.dat; hook into"
                        + " ItemListener.onBeforeShutdown() instead (see ShutdownDetacher)")
                .isEmpty();
    }

    private static List<Class<?>> pluginClasses() throws URISyntaxException, Exception {
        Path root = Path.of(SparkJobStepExecution.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path pluginPackage = root.resolve("io/jenkins/plugins/sparkeks");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(pluginPackage)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('\\', '/').replace('/', '.');
                classes.add(Class.forName(
                        name.substring(0, name.length() - ".class".length()),
                        false,
                        ShutdownOrderingTest.class.getClassLoader()));
            }
        }
        assertThat(classes).as("plugin classes found").contains(SparkJobStepExecution.class, ShutdownDetacher.class);
        return classes;
    }
}
