package org.jvnet.hudson.test.junit.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in mirroring org.jvnet.hudson.test.junit.jupiter.WithJenkins from jenkins-test-harness 2578.v44660312fd37 (org.jenkins-ci.main:jenkins-test-harness) (@ExtendWith(JenkinsExtension) left out: it never runs here). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WithJenkins {}
