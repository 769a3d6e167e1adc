package io.jenkins.plugins.sparkeks.signatures;

/** One Java source file: its path below a source root (e.g. {@code hudson/model/Item.java}) and its text. */
public record SourceFile(String relativePath, String text) {}
