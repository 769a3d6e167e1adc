package hudson;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.java.sezpoz.Indexable;

/** Stand-in mirroring hudson.Extension from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (dynamicLoadable left out). @Indexable is the real sezpoz annotation, so its processor indexes extensions here as in the real build. */
@Indexable
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
@Documented
public @interface Extension {
    double ordinal() default 0;

    @Deprecated
    boolean optional() default false;
}
