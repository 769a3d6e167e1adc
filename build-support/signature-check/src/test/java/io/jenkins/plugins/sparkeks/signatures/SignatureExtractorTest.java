package io.jenkins.plugins.sparkeks.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalisation the comparison relies on: two spellings of one declaration give one line, two APIs two. */
class SignatureExtractorTest {
    private final SignatureExtractor extractor = new SignatureExtractor();

    private List<String> lines(String source) {
        return extractor.extract(source).get(0).lines();
    }

    @Test
    void interfaceMembersGetTheirImplicitModifiers() {
        assertThat(lines("package p; interface I { void m(); default void d() {} int X = 1; }"))
                .containsExactly("interface I", "public abstract void m()", "public default void d()",
                        "public static final int X");
        assertThat(lines("package p; public interface I { public abstract void m(); }"))
                .contains("public abstract void m()");
    }

    @Test
    void namesResolveThroughImportsSoSamePackageAndImportedTypesDiffer() {
        String imported = "package hudson.model; import org.jenkinsci.remoting.S; public interface T extends S {}";
        String samePackage = "package hudson.model; public interface T extends S {}";
        assertThat(lines(imported)).contains("extends org.jenkinsci.remoting.S");
        assertThat(lines(samePackage)).contains("extends hudson.model.S");
    }

    @Test
    void staticallyImportedAnnotationValuesReadLikeQualifiedOnes() {
        String qualified = "package p; import java.lang.annotation.*; @Retention(RetentionPolicy.RUNTIME) "
                + "@Target({ElementType.METHOD}) public @interface A {}";
        String staticImports = "package p; import static java.lang.annotation.RetentionPolicy.RUNTIME; "
                + "import static java.lang.annotation.ElementType.METHOD; import java.lang.annotation.Retention; "
                + "import java.lang.annotation.Target; @Target(METHOD) @Retention(RUNTIME) public @interface A {}";
        assertThat(lines(qualified).get(0)).isEqualTo(lines(staticImports).get(0));
    }

    @Test
    void finalityThrowsAndAnnotationsAreKept() {
        assertThat(lines("package p; import java.io.IOException; public abstract class C { "
                        + "@Deprecated public final String u() throws IOException { return null; } }"))
                .contains("@Deprecated public final String u() throws java.io.IOException", "public C()");
    }
}
