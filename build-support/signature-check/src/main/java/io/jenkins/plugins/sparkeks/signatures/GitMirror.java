package io.jenkins.plugins.sparkeks.signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bare git mirror of one upstream repository, read with the git command line. Mirrors live under one directory
 * given at run time (never committed), as {@code <owner>+<name>/repo} or {@code <name>.git}.
 */
public record GitMirror(Path gitDir, String commit, Set<String> paths) {
    public static GitMirror open(Path mirrors, UpstreamSource source) {
        String[] ownerAndName = source.repository().split("/");
        List<Path> candidates = List.of(
                mirrors.resolve(ownerAndName[0] + "+" + ownerAndName[1]).resolve("repo"),
                mirrors.resolve(ownerAndName[1] + ".git"),
                mirrors.resolve(ownerAndName[1]));
        Path gitDir = candidates.stream()
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no mirror of " + source.repository() + " in " + candidates));
        String commit = git(gitDir, "rev-parse", source.ref() + "^{commit}").strip();
        List<String> args = new ArrayList<>(List.of("ls-tree", "-r", "--name-only", commit, "--"));
        args.addAll(source.roots());
        Set<String> paths = new TreeSet<>(git(gitDir, args.toArray(String[]::new)).lines().toList());
        return new GitMirror(gitDir, commit, paths);
    }

    public String show(String path) {
        return git(gitDir, "show", commit + ":" + path);
    }

    private static String git(Path gitDir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + err.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
