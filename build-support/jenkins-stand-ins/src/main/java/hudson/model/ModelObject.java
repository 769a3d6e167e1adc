package hudson.model;

/** Stand-in mirroring hudson.model.ModelObject from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public interface ModelObject {
    String getDisplayName();
}
