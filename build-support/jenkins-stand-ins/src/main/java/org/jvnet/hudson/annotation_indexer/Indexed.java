package org.jvnet.hudson.annotation_indexer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in mirroring org.jvnet.hudson.annotation_indexer.Indexed from annotation-indexer 1.18
 * (org.jenkins-ci:annotation-indexer, the version jenkins-core 2.541.3 manages; not on Maven Central). The
 * validators element and the annotation processor are left out: nothing here reads the index.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface Indexed {}
