package hudson.model;

/** Stand-in mirroring hudson.model.TopLevelItem from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): only its type. */
public interface TopLevelItem extends Item {}
