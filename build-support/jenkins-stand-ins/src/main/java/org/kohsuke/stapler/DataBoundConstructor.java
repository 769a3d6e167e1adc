package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in mirroring org.kohsuke.stapler.DataBoundConstructor from stapler 2098.x as bundled with jenkins-core 2.541.3 (org.kohsuke.stapler:stapler) (meta-annotations left out). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.CONSTRUCTOR)
@Documented
public @interface DataBoundConstructor {}
