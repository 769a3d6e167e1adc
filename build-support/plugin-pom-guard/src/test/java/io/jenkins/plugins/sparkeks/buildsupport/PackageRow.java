package io.jenkins.plugins.sparkeks.buildsupport;

/** Stand-in types of one Java package, the upstream artifact they mirror, and what brings it to the real build. */
record PackageRow(String standInModule, String javaPackage, String upstream, Declaration declaredAs) {}
