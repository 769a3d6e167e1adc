package hudson.util;

import java.io.IOException;

/**
 * Stand-in mirroring hudson.util.FormValidation from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core)
 * (HttpResponse left out). Signatures only: unit tests stub the static factories with mockStatic.
 */
public abstract class FormValidation extends IOException {
    public enum Kind { OK, WARNING, ERROR }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        throw new UnsupportedOperationException();
    }

    public abstract String renderHtml();

    public static FormValidation ok() {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException();
    }
}
