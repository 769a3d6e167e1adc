package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in mirroring org.kohsuke.stapler.verb.POST from stapler 2098.x as bundled with jenkins-core 2.541.3 (org.kohsuke.stapler:stapler) (@InterceptorAnnotation left out). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
