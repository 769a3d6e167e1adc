package io.jenkins.plugins.sparkeks.buildsupport;

import static io.jenkins.plugins.sparkeks.buildsupport.FixtureRepository.dependency;
import static io.jenkins.plugins.sparkeks.buildsupport.FixtureRepository.excludingEverything;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled-artifacts guard on miniature plugin POMs. */
class BundledArtifactsCheckTest {

    private static final String DEPENDENCIES = excludingEverything("io.example:zeta")
            + excludingEverything("io.example:alpha")
            + dependency("org.jenkins-ci.plugins:credentials", null)
            + dependency("org.mockito:mockito-core", "test")
            + dependency("org.example:servlet", "provided");

    @TempDir
    Path root;

    private FixtureRepository repo;

    @BeforeEach
    void layout() {
        repo = new FixtureRepository(root)
                .rootPom()
                .table("parent org.jenkins-ci.plugins:plugin 6", "plugin org.jenkins-ci.plugins:credentials");
    }

    private void bundled(String list, String dependencies) {
        repo.pluginPom(
                "6",
                "<hpi.bundledArtifacts>" + list + "</hpi.bundledArtifacts>"
                        + "<hpi.strictBundledArtifacts>true</hpi.strictBundledArtifacts>",
                dependencies);
    }

    @Test
    void acceptsTheSortedListOfTheNonPluginRuntimeJars() {
        bundled("alpha,zeta", DEPENDENCIES);

        assertThat(new BundledArtifactsCheck(repo.workspace()).problems()).isEmpty();
    }

    @Test
    void refusesTheRightJarsInAnotherOrderAndSaysWhatToWrite() {
        bundled("zeta,alpha", DEPENDENCIES);

        assertThat(new BundledArtifactsCheck(repo.workspace()).problems())
                .singleElement()
                .asString()
                .contains("is not sorted")
                .endsWith("Write: alpha,zeta");
    }

    @Test
    void refusesAListMissingABundledJar() {
        bundled("alpha", DEPENDENCIES);

        assertThat(new BundledArtifactsCheck(repo.workspace()).problems())
                .singleElement()
                .asString()
                .contains("names [alpha] but plugin/pom.xml bundles [alpha, zeta]");
    }

    @Test
    void refusesABundledJarThatWouldBringItsOwnDependencies() {
        bundled("alpha,beta,zeta", DEPENDENCIES + dependency("io.example:beta", null));

        assertThat(new BundledArtifactsCheck(repo.workspace()).problems())
                .singleElement()
                .asString()
                .startsWith("io.example:beta is bundled but does not exclude *:*");
    }
}
