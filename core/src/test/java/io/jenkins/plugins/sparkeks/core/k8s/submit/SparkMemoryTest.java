package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SparkMemoryTest {

    @ParameterizedTest
    @CsvSource({"1g,1024", "4G,4096", "512m,512", "512mb,512", "2048,2048", "1t,1048576", "1536k,1", "3gb,3072", " 2g ,2048",
            "1048576b,1"})
    void readsSizesAsSparkDoes(String text, long mib) {
        assertThat(SparkMemory.toMiB(text)).contains(mib);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.5g", "-1g", "4 gb", "4gigs", "g", "99999999999999999g"})
    void rejectsWhatSparkRejects(String text) {
        assertThat(SparkMemory.isValid(text)).isFalse();
    }
}
