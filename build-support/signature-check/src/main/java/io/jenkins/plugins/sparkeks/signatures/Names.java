package io.jenkins.plugins.sparkeks.signatures;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the simple names of one compilation unit the way javac would for the cases Jenkins sources use:
 * declared (nested) types, single-type imports, java.lang, on-demand imports of JDK packages, then the
 * compilation unit's own package. Without this, {@code hudson.remoting.X} and {@code org.jenkinsci.remoting.X}
 * would both print as {@code X} and a wrong import in a stand-in would go unseen.
 */
final class Names {
    private final String packageName;
    private final Map<String, String> declared = new HashMap<>();
    private final Map<String, String> imported = new HashMap<>();
    private final Map<String, String> staticallyImported = new HashMap<>();
    private final List<String> onDemand = new ArrayList<>();

    Names(CompilationUnit unit) {
        packageName = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        for (TypeDeclaration<?> type : unit.getTypes()) {
            declare(type, packageName.isEmpty() ? "" : packageName + ".");
        }
        for (ImportDeclaration i : unit.getImports()) {
            String name = i.getNameAsString();
            if (i.isStatic() && !i.isAsterisk()) {
                staticallyImported.put(simpleName(name), name);
            } else if (!i.isStatic() && i.isAsterisk()) {
                onDemand.add(name);
            } else if (!i.isStatic()) {
                imported.put(simpleName(name), name);
            }
        }
    }

    private void declare(TypeDeclaration<?> type, String prefix) {
        String qualified = prefix + type.getNameAsString();
        declared.putIfAbsent(type.getNameAsString(), qualified);
        type.getMembers().stream()
                .filter(m -> m instanceof TypeDeclaration<?>)
                .forEach(m -> declare((TypeDeclaration<?>) m, qualified + "."));
    }

    String packageName() {
        return packageName;
    }

    /** The qualified name of a simple type name; java.lang types stay simple to keep the lines short. */
    String type(String simple) {
        if (declared.containsKey(simple)) {
            return declared.get(simple);
        }
        if (imported.containsKey(simple)) {
            return imported.get(simple);
        }
        if (jdkClass("java.lang." + simple)) {
            return simple;
        }
        for (String pkg : onDemand) {
            if (jdkClass(pkg + "." + simple)) {
                return pkg + "." + simple;
            }
        }
        return packageName.isEmpty() ? simple : packageName + "." + simple;
    }

    /** A statically imported constant's qualified name, if the name is one. */
    Optional<String> staticMember(String simple) {
        return Optional.ofNullable(staticallyImported.get(simple));
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static boolean jdkClass(String qualified) {
        try {
            Class.forName(qualified, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
