package io.jenkins.plugins.sparkeks.signatures;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.nodeTypes.NodeWithModifiers;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;
import com.github.javaparser.ast.type.WildcardType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Java source and returns the {@link TypeSignature} of every type it declares, nested types included. The
 * same code reads the stand-ins and the upstream sources, so any difference in the lines is a difference in the
 * declarations, not in how they were read.
 */
public final class SignatureExtractor {
    /** Annotations that say nothing about the API a caller compiles or links against. */
    private static final Set<String> IGNORED_ANNOTATIONS = Set.of(
            "Override", "SuppressWarnings", "edu.umd.cs.findbugs.annotations.SuppressFBWarnings", "java.io.Serial");

    private static final List<Modifier.Keyword> MODIFIER_ORDER = List.of(
            Modifier.Keyword.PUBLIC, Modifier.Keyword.PROTECTED, Modifier.Keyword.PRIVATE, Modifier.Keyword.ABSTRACT,
            Modifier.Keyword.STATIC, Modifier.Keyword.FINAL, Modifier.Keyword.DEFAULT, Modifier.Keyword.SEALED,
            Modifier.Keyword.NON_SEALED);

    private final JavaParser parser =
            new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));

    public List<TypeSignature> extract(String source) {
        ParseResult<CompilationUnit> result = parser.parse(source);
        CompilationUnit unit = result.getResult()
                .filter(u -> result.isSuccessful())
                .orElseThrow(() -> new IllegalArgumentException("cannot parse: " + result.getProblems()));
        Names names = new Names(unit);
        List<TypeSignature> types = new ArrayList<>();
        String prefix = names.packageName().isEmpty() ? "" : names.packageName() + ".";
        for (TypeDeclaration<?> type : unit.getTypes()) {
            collect(type, prefix, null, names, Set.of(), types);
        }
        return types;
    }

    private void collect(
            TypeDeclaration<?> type,
            String prefix,
            TypeDeclaration<?> enclosing,
            Names names,
            Set<String> outerTypeVariables,
            List<TypeSignature> into) {
        String name = prefix + type.getNameAsString();
        Set<String> typeVariables = new HashSet<>(outerTypeVariables);
        NodeList<TypeParameter> typeParameters = typeParameters(type);
        typeParameters.forEach(p -> typeVariables.add(p.getNameAsString()));
        Render render = new Render(names, typeVariables);

        List<String> lines = new ArrayList<>();
        lines.add(render.annotations(type) + modifiers(type, enclosing) + kind(type) + " " + type.getNameAsString()
                + render.typeParameters(typeParameters));
        supertypes(type, render, lines);
        List<TypeDeclaration<?>> nested = new ArrayList<>();
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> t) {
                nested.add(t);
            } else {
                lines.addAll(member(member, type, render));
            }
        }
        if (type instanceof ClassOrInterfaceDeclaration c && !c.isInterface() && c.getConstructors().isEmpty()) {
            // the constructor javac adds has the class's access, and callers compile against it like any other
            lines.add(modifiers(type, enclosing).replaceAll("(abstract|static|final) ", "") + c.getNameAsString()
                    + "()");
        }
        if (type instanceof EnumDeclaration e) {
            e.getEntries().forEach(c -> lines.add("enum constant " + c.getNameAsString()));
        }
        into.add(new TypeSignature(name, lines));
        boolean staticContext = type instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        for (TypeDeclaration<?> t : nested) {
            boolean inner = !staticContext && !t.isStatic() && t instanceof ClassOrInterfaceDeclaration c
                    && !c.isInterface();
            collect(t, name + ".", type, names, inner ? typeVariables : Set.of(), into);
        }
    }

    private static NodeList<TypeParameter> typeParameters(TypeDeclaration<?> type) {
        if (type instanceof ClassOrInterfaceDeclaration c) {
            return c.getTypeParameters();
        }
        if (type instanceof RecordDeclaration r) {
            return r.getTypeParameters();
        }
        return new NodeList<>();
    }

    private static String kind(TypeDeclaration<?> type) {
        if (type instanceof AnnotationDeclaration) {
            return "@interface";
        }
        if (type instanceof EnumDeclaration) {
            return "enum";
        }
        if (type instanceof RecordDeclaration) {
            return "record";
        }
        return ((ClassOrInterfaceDeclaration) type).isInterface() ? "interface" : "class";
    }

    private static void supertypes(TypeDeclaration<?> type, Render render, List<String> lines) {
        if (type instanceof ClassOrInterfaceDeclaration c) {
            c.getExtendedTypes().forEach(t -> lines.add("extends " + render.type(t)));
            c.getImplementedTypes().forEach(t -> lines.add("implements " + render.type(t)));
        } else if (type instanceof EnumDeclaration e) {
            e.getImplementedTypes().forEach(t -> lines.add("implements " + render.type(t)));
        } else if (type instanceof RecordDeclaration r) {
            r.getImplementedTypes().forEach(t -> lines.add("implements " + render.type(t)));
        }
    }

    private List<String> member(BodyDeclaration<?> member, TypeDeclaration<?> owner, Render outer) {
        if (member instanceof MethodDeclaration m) {
            Render render = outer.with(m.getTypeParameters());
            return List.of(render.annotations(m) + modifiers(m, owner) + typeParametersPrefix(render, m)
                    + render.type(m.getType()) + " " + m.getNameAsString() + parameters(m, render));
        }
        if (member instanceof ConstructorDeclaration c) {
            Render render = outer.with(c.getTypeParameters());
            return List.of(render.annotations(c) + modifiers(c, owner) + typeParametersPrefix(render, c)
                    + c.getNameAsString() + parameters(c, render));
        }
        if (member instanceof FieldDeclaration f) {
            String start = outer.annotations(f) + modifiers(f, owner);
            return f.getVariables().stream()
                    .map(v -> start + outer.type(v.getType()) + " " + v.getNameAsString())
                    .toList();
        }
        if (member instanceof AnnotationMemberDeclaration a) {
            String value = a.getDefaultValue().map(d -> " default " + outer.value(d)).orElse("");
            return List.of(outer.annotations(a) + modifiers(a, owner) + outer.type(a.getType()) + " "
                    + a.getNameAsString() + "()" + value);
        }
        // initializer blocks and the like declare no API
        return List.of();
    }

    private static String typeParametersPrefix(Render render, CallableDeclaration<?> callable) {
        String rendered = render.typeParameters(callable.getTypeParameters());
        return rendered.isEmpty() ? "" : rendered + " ";
    }

    private static String parameters(CallableDeclaration<?> callable, Render render) {
        String params = callable.getParameters().stream()
                .map(p -> render.annotations(p) + render.type(p.getType()) + (p.isVarArgs() ? "..." : ""))
                .collect(Collectors.joining(", ", "(", ")"));
        NodeList<? extends Type> thrown = callable.getThrownExceptions();
        if (thrown.isEmpty()) {
            return params;
        }
        return params + " throws " + thrown.stream().map(render::type).sorted().collect(Collectors.joining(", "));
    }

    /** Explicit modifiers plus the ones the language implies, so that {@code void m();} in an interface and
     * {@code public abstract void m();} read the same. */
    private static String modifiers(Node node, TypeDeclaration<?> owner) {
        Set<Modifier.Keyword> mods = new HashSet<>();
        ((NodeWithModifiers<?>) node).getModifiers().forEach(m -> mods.add(m.getKeyword()));
        boolean inInterface = owner instanceof AnnotationDeclaration
                || owner instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        if (node instanceof TypeDeclaration<?> type) {
            boolean interfaceLike = type instanceof AnnotationDeclaration
                    || type instanceof ClassOrInterfaceDeclaration c && c.isInterface();
            if (interfaceLike) {
                mods.remove(Modifier.Keyword.ABSTRACT);
            }
            if (owner != null && (inInterface || interfaceLike || type instanceof EnumDeclaration
                    || type instanceof RecordDeclaration)) {
                mods.add(Modifier.Keyword.STATIC);
            }
            if (inInterface) {
                mods.add(Modifier.Keyword.PUBLIC);
            }
        } else if (inInterface) {
            if (node instanceof FieldDeclaration) {
                mods.addAll(List.of(Modifier.Keyword.PUBLIC, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL));
            } else if (node instanceof AnnotationMemberDeclaration) {
                mods.addAll(List.of(Modifier.Keyword.PUBLIC, Modifier.Keyword.ABSTRACT));
            } else if (node instanceof MethodDeclaration m && !mods.contains(Modifier.Keyword.PRIVATE)) {
                mods.add(Modifier.Keyword.PUBLIC);
                if (m.getBody().isEmpty()) {
                    mods.add(Modifier.Keyword.ABSTRACT);
                }
            }
        } else if (owner instanceof EnumDeclaration && node instanceof ConstructorDeclaration) {
            mods.add(Modifier.Keyword.PRIVATE);
        }
        return MODIFIER_ORDER.stream()
                .filter(mods::contains)
                .map(k -> k.asString() + " ")
                .collect(Collectors.joining());
    }

    /** Renders types, annotations and constant expressions with every name resolved. */
    private record Render(Names names, Set<String> typeVariables) {
        Render with(NodeList<TypeParameter> more) {
            Set<String> all = new HashSet<>(typeVariables);
            more.forEach(p -> all.add(p.getNameAsString()));
            return new Render(names, all);
        }

        String typeParameters(NodeList<TypeParameter> parameters) {
            if (parameters.isEmpty()) {
                return "";
            }
            return parameters.stream()
                    .map(p -> p.getNameAsString() + (p.getTypeBound().isEmpty() ? "" : " extends "
                            + p.getTypeBound().stream().map(this::type).collect(Collectors.joining(" & "))))
                    .collect(Collectors.joining(", ", "<", ">"));
        }

        String type(Type type) {
            if (type instanceof ArrayType a) {
                return type(a.getComponentType()) + "[]";
            }
            if (type instanceof WildcardType w) {
                return "?" + w.getExtendedType().map(t -> " extends " + type(t)).orElse("")
                        + w.getSuperType().map(t -> " super " + type(t)).orElse("");
            }
            if (type instanceof ClassOrInterfaceType c) {
                return classType(c);
            }
            return type.asString();
        }

        private String classType(ClassOrInterfaceType c) {
            String arguments = c.getTypeArguments()
                    .map(args -> args.stream().map(this::type).collect(Collectors.joining(", ", "<", ">")))
                    .orElse("");
            if (c.getScope().isPresent()) {
                ClassOrInterfaceType scope = c.getScope().get();
                // a lower-case first segment is a package: the name is written fully qualified
                String rendered = Character.isLowerCase(scope.getNameAsString().charAt(0))
                        ? scope.asString()
                        : classType(scope);
                return rendered + "." + c.getNameAsString() + arguments;
            }
            String name = c.getNameAsString();
            return (typeVariables.contains(name) ? name : names.type(name)) + arguments;
        }

        String annotations(NodeWithAnnotations<?> node) {
            return node.getAnnotations().stream()
                    .map(this::annotation)
                    .filter(a -> !a.isEmpty())
                    .sorted(Comparator.naturalOrder())
                    .map(a -> a + " ")
                    .collect(Collectors.joining());
        }

        private String annotation(AnnotationExpr annotation) {
            String name = annotationName(annotation);
            if (IGNORED_ANNOTATIONS.contains(name)) {
                return "";
            }
            if (annotation instanceof SingleMemberAnnotationExpr s) {
                return "@" + name + "(" + value(s.getMemberValue()) + ")";
            }
            if (annotation instanceof NormalAnnotationExpr n && !n.getPairs().isEmpty()) {
                NodeList<MemberValuePair> pairs = n.getPairs();
                if (pairs.size() == 1 && pairs.get(0).getNameAsString().equals("value")) {
                    return "@" + name + "(" + value(pairs.get(0).getValue()) + ")";
                }
                return "@" + name + pairs.stream()
                        .map(p -> p.getNameAsString() + "=" + value(p.getValue()))
                        .sorted()
                        .collect(Collectors.joining(", ", "(", ")"));
            }
            return "@" + name;
        }

        private String annotationName(AnnotationExpr annotation) {
            String written = annotation.getNameAsString();
            return written.contains(".") ? written : names.type(written);
        }

        String value(Expression e) {
            if (e instanceof NameExpr n) {
                return names.staticMember(n.getNameAsString()).orElse(n.getNameAsString());
            }
            if (e instanceof FieldAccessExpr f) {
                Expression scope = f.getScope();
                String rendered = scope instanceof NameExpr n && Character.isUpperCase(n.getNameAsString().charAt(0))
                        ? names.type(n.getNameAsString())
                        : scope instanceof FieldAccessExpr ? scope.toString() : value(scope);
                return rendered + "." + f.getNameAsString();
            }
            if (e instanceof ClassExpr c) {
                return type(c.getType()) + ".class";
            }
            if (e instanceof ArrayInitializerExpr a) {
                // {X} and X mean the same as an annotation value
                if (a.getValues().size() == 1) {
                    return value(a.getValues().get(0));
                }
                return a.getValues().stream().map(this::value).collect(Collectors.joining(", ", "{", "}"));
            }
            if (e instanceof AnnotationExpr a) {
                return annotation(a);
            }
            return e.toString();
        }
    }
}
