package hudson.model;

/** Stand-in mirroring hudson.model.AbstractDescribableImpl from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (deprecated there since 2.505, still the superclass of Step). */
@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
