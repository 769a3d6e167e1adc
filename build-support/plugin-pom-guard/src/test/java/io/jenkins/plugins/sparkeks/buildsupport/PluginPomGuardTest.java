package io.jenkins.plugins.sparkeks.buildsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The guards over the repository as it is; each problem message says what to change. */
class PluginPomGuardTest {

    private final Workspace workspace = Workspace.fromSystemProperty();

    @Test
    void pluginPomDeclaresEverythingTheOfflineBuildGivesPluginSources() {
        assertThat(new DeclarationCheck(workspace).problems()).isEmpty();
    }

    @Test
    void bundledArtifactsAreSortedAndAreWhatThePluginBundles() {
        assertThat(new BundledArtifactsCheck(workspace).problems()).isEmpty();
    }

    @Test
    void tableAndFormatterPinsMatchThePluginParent() {
        assertThat(new ParentPinsCheck(workspace).problems()).isEmpty();
    }
}
