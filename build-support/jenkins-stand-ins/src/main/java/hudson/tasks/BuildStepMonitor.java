package hudson.tasks;

/** Stand-in mirroring hudson.tasks.BuildStepMonitor from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (the constants only). */
public enum BuildStepMonitor { NONE, STEP, BUILD }
