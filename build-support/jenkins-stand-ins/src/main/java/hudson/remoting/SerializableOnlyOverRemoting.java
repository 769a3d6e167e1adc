package hudson.remoting;

/** Stand-in mirroring org.jenkins-ci.main:remoting (as shipped with jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core)). */
public interface SerializableOnlyOverRemoting extends java.io.Serializable {}
