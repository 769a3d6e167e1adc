package hudson.model;

/** Stand-in mirroring hudson.model.Queue from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): only the nested Task type the plugin names. */
public class Queue {
    /** Mirrors Queue.Task (its many members are not used by the plugin). */
    public interface Task {}

    /** Mirrors Queue.Executable (its supertypes and members are not used by the plugin). */
    public interface Executable {}
}
