package io.jenkins.plugins.sparkeks.buildsupport;

import static io.jenkins.plugins.sparkeks.buildsupport.FixtureRepository.dependency;
import static io.jenkins.plugins.sparkeks.buildsupport.FixtureRepository.excludingEverything;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declaration guard on miniature repositories: what it accepts and each way it refuses. */
class DeclarationCheckTest {

    private static final String STAND_INS = "build-support/stand-ins";
    private static final String OFFLINE = "build-support/plugin-offline";

    @TempDir
    Path root;

    private FixtureRepository repo;

    @BeforeEach
    void layout() {
        repo = new FixtureRepository(root)
                .rootPom(STAND_INS, OFFLINE, "core")
                .modulePom("core", "core", dependency("org.example:client", null) + dependency("org.example:x", "test"))
                .modulePom(STAND_INS, "stand-ins", dependency("com.google.guava:guava", null))
                .javaFile(STAND_INS, "hudson/model/Run.java");
    }

    private String offlineDependencies(String extra) {
        return dependency("io.example:core", null) + dependency("io.example:stand-ins", "provided")
                + dependency("org.mockito:mockito-core", "test") + extra;
    }

    private FixtureRepository consistent(String pluginExtra) {
        return repo.modulePom(OFFLINE, "plugin-offline", offlineDependencies(""))
                .pluginPom(
                        "6",
                        "",
                        excludingEverything("io.example:core") + dependency("org.example:client-plugin", null)
                                + dependency("org.mockito:mockito-core", "test") + pluginExtra)
                .table(
                        "parent org.jenkins-ci.plugins:plugin 6",
                        "inherited org.jenkins-ci.main:jenkins-core provided",
                        "stand-ins stand-ins",
                        "package stand-ins hudson.model org.jenkins-ci.main:jenkins-core"
                                + " org.jenkins-ci.main:jenkins-core provided",
                        "provides com.google.guava:guava org.jenkins-ci.main:jenkins-core provided",
                        "provides org.example:client org.example:client-plugin compile");
    }

    @Test
    void acceptsARepositoryWhereEveryOfflineDependencyIsAccountedFor() {
        consistent("");

        assertThat(new DeclarationCheck(repo.workspace()).problems()).isEmpty();
    }

    @Test
    void namesAnOfflineDependencyThePluginPomLacks() {
        consistent("");
        repo.modulePom(OFFLINE, "plugin-offline", offlineDependencies(dependency("org.awaitility:awaitility", "test")));

        assertThat(new DeclarationCheck(repo.workspace()).problems())
                .singleElement()
                .asString()
                .startsWith("org.awaitility:awaitility (test, plugin-offline)")
                .contains("is not declared in plugin/pom.xml");
    }

    @Test
    void refusesTheSameDependencyInAnotherScope() {
        consistent("");
        repo.pluginPom(
                "6",
                "",
                excludingEverything("io.example:core") + dependency("org.example:client-plugin", null)
                        + dependency("org.mockito:mockito-core", null));

        assertThat(new DeclarationCheck(repo.workspace()).problems())
                .singleElement()
                .asString()
                .contains("org.mockito:mockito-core is declared in plugin/pom.xml with scope compile, not test");
    }

    @Test
    void namesAStandInPackageWithoutAMapping() {
        consistent("");
        repo.javaFile(STAND_INS, "org/jenkinsci/plugins/credentialsbinding/Binding.java");

        assertThat(new DeclarationCheck(repo.workspace()).problems())
                .singleElement()
                .asString()
                .contains("stand-in package org.jenkinsci.plugins.credentialsbinding in stand-ins has no package row");
    }

    @Test
    void treatsAStandInModuleWithoutAStandInsRowAsAnUndeclaredDependency() {
        consistent("");
        repo.table(
                "parent org.jenkins-ci.plugins:plugin 6",
                "provides org.example:client org.example:client-plugin compile");

        assertThat(new DeclarationCheck(repo.workspace()).problems())
                .anySatisfy(p -> assertThat(p).startsWith("io.example:stand-ins (provided, plugin-offline)"));
    }

    @Test
    void followsTheDependenciesOfACoreThePluginPomExcludesEverythingFrom() {
        consistent("");
        repo.modulePom("core", "core", dependency("org.example:client", null) + dependency("org.example:sts", null));

        assertThat(new DeclarationCheck(repo.workspace()).problems())
                .singleElement()
                .asString()
                .startsWith("org.example:sts (compile, plugin-offline > core)");
    }

    @Test
    void refusesARowThatHidesAMainDependencyInTestScope() {
        consistent(dependency("org.example:client-tests", "test"));
        repo.table(
                "parent org.jenkins-ci.plugins:plugin 6",
                "inherited org.jenkins-ci.main:jenkins-core provided",
                "stand-ins stand-ins",
                "package stand-ins hudson.model org.jenkins-ci.main:jenkins-core org.jenkins-ci.main:jenkins-core provided",
                "provides com.google.guava:guava org.jenkins-ci.main:jenkins-core provided",
                "provides org.example:client org.example:client-tests test");

        assertThat(new DeclarationCheck(repo.workspace()).problems())
                .singleElement()
                .asString()
                .contains("plugin/src/main sees it offline (compile)");
    }
}
