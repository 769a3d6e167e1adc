package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cli/bin/spark-on-eks}: when it trains and maps the class-data sharing archive. A recording stand-in for
 * {@code java} shows the launcher's decisions; the real JVM shows that an unusable archive costs nothing but time.
 */
class LauncherScriptTest {

    private static final Path LAUNCHER = Path.of("bin", "spark-on-eks").toAbsolutePath();

    @TempDir
    Path home;

    private Path launcher;
    private Path jar;
    private Path calls;
    private Path fakeJava;

    @BeforeEach
    void install() throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("target"));
        launcher = Files.copy(LAUNCHER, home.resolve("bin/spark-on-eks"));
        jar = Files.writeString(home.resolve("target/spark-on-eks.jar"), "jar");
        calls = home.resolve("calls.txt");
        // one line per JVM start; a training writes its archive unless told to fail
        fakeJava = Files.writeString(home.resolve("fake-java"), String.join("\n",
                "#!/bin/sh",
                "echo \"$*\" >> '" + calls + "'",
                "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*)",
                "  [ -n \"$FAKE_TRAINING_FAILS\" ] && exit 1",
                "  echo archive > \"${a#-XX:ArchiveClassesAtExit=}\";; esac; done",
                "exit 0", ""));
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void firstRunTrainsOnceAndEveryRunMapsTheArchive() throws Exception {
        run(Map.of("JAVA_OPTS", "-Dlast=1"), "status", "ref");
        List<String> first = calls();
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).contains("-XX:ArchiveClassesAtExit=").endsWith("io.jenkins.plugins.sparkeks.cli.CdsTraining");
        Path archive = onlyArchive(home.resolve("target"));
        assertThat(first.get(1)).contains("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off")
                .endsWith("-Dlast=1 -jar " + jar + " status ref");

        run(Map.of(), "status", "ref");
        assertThat(calls()).hasSize(3);
        assertThat(calls().get(2)).contains("-XX:SharedArchiveFile=" + archive).doesNotContain("ArchiveClassesAtExit");
    }

    @Test
    void aRebuiltJarIsTrainedAgain() throws Exception {
        run(Map.of(), "--version");
        Path archive = onlyArchive(home.resolve("target"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        run(Map.of(), "--version");
        assertThat(calls()).hasSize(4);
        assertThat(calls().get(2)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(calls().get(3)).contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void aFailedTrainingRunsWithoutArchiveAndIsNotRetried() throws Exception {
        run(Map.of("FAKE_TRAINING_FAILS", "yes"), "--version");
        run(Map.of("FAKE_TRAINING_FAILS", "yes"), "--version");
        assertThat(calls()).hasSize(3);
        assertThat(calls().get(0)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(calls().subList(1, 3)).allSatisfy(c -> assertThat(c).doesNotContain("SharedArchiveFile", "ArchiveClassesAtExit"));
        try (Stream<Path> files = Files.list(home.resolve("target"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".jsa"));
        }
    }

    @Test
    void offMeansNoTrainingAndNoArchive() throws Exception {
        run(Map.of("SPARK_ON_EKS_CDS", "off"), "--version");
        assertThat(calls()).singleElement().asString().doesNotContain("SharedArchiveFile", "ArchiveClassesAtExit")
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    @Test
    void aReadOnlyInstallKeepsItsArchiveInTheUsersCache() throws Exception {
        Path target = home.resolve("target");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            if (Files.isWritable(target)) {
                return; // running as root: a read-only directory cannot be made here; the other cases still run
            }
            Path cache = home.resolve("cache");
            run(Map.of("XDG_CACHE_HOME", cache.toString()), "--version");
            Path archive = onlyArchive(cache.resolve("spark-on-eks"));
            assertThat(calls().get(1)).contains("-XX:SharedArchiveFile=" + archive);
        } finally {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theRealJvmIgnoresAnUnusableArchiveSilently() throws Exception {
        writeProbeJar(jar, null);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // the training class is not in this jar: the training fails, and is not retried
        Result failed = run(Map.of("JAVA", java.toString()), "hello");
        assertThat(failed.out()).isEqualTo("probe hello\n");
        assertThat(failed.err()).isEmpty();
        // an archive this JDK wrote for an earlier jar at this path, still newer than the jar (a copy kept the
        // old time): the launcher maps it, the JVM finds the jar changed and must say nothing
        Path marker;
        try (Stream<Path> files = Files.list(home.resolve("target"))) {
            marker = files.filter(p -> p.toString().endsWith(".jsa.failed")).findFirst().orElseThrow();
        }
        Path archive = Path.of(marker.toString().replaceFirst("\\.failed$", ""));
        Process dump = new ProcessBuilder(java.toString(), "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(),
                "dump").redirectErrorStream(true).redirectOutput(home.resolve("dump.txt").toFile()).start();
        assertThat(dump.waitFor()).isZero();
        assertThat(archive).exists();
        writeProbeJar(jar, "changed");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        Result stale = run(Map.of("JAVA", java.toString()), "again");
        assertThat(stale.out()).isEqualTo("probe again\n");
        assertThat(stale.err()).isEmpty();
    }

    private void writeProbeJar(Path target, String extra) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest);
                InputStream in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
            if (extra != null) {
                out.putNextEntry(new JarEntry("extra.txt"));
                out.write(extra.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private static Path onlyArchive(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> archives = files.filter(p -> p.toString().endsWith(".jsa")).toList();
            assertThat(archives).hasSize(1);
            return archives.get(0);
        }
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private record Result(String out, String err) {}

    private Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> environment = pb.environment();
        environment.remove("JAVA_OPTS");
        environment.remove("SPARK_ON_EKS_CDS");
        environment.remove("SPARK_ON_EKS_CDS_DIR");
        environment.put("JAVA", fakeJava.toString());
        environment.put("HOME", home.toString());
        environment.putAll(new HashMap<>(env));
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor()).isZero();
        return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
