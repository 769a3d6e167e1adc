package io.jenkins.plugins.sparkeks.signatures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Compares each stand-in type with the upstream type of the same name, line by line. */
public final class Comparison {
    private final SignatureExtractor extractor = new SignatureExtractor();
    private final KnownDifferences known;

    public Comparison(KnownDifferences known) {
        this.known = known;
    }

    /**
     * @param upstream the upstream file's text, or empty when no upstream source holds the stand-in's path
     */
    public List<CheckedType> compare(SourceFile standIn, String sourceId, String upstreamPath,
            Optional<String> upstream) {
        Map<String, TypeSignature> upstreamTypes = upstream.map(extractor::extract).orElse(List.of()).stream()
                .collect(Collectors.toMap(TypeSignature::name, Function.identity()));
        List<CheckedType> checked = new ArrayList<>();
        for (TypeSignature type : extractor.extract(standIn.text())) {
            List<String> upstreamLines = Optional.ofNullable(upstreamTypes.get(type.name()))
                    .map(TypeSignature::lines)
                    .orElse(List.of())
                    .stream()
                    .map(known::withoutLeftOutAnnotations)
                    .toList();
            Map<String, CheckedType.Status> lines = new LinkedHashMap<>();
            Map<String, List<String>> hints = new LinkedHashMap<>();
            for (String line : type.lines()) {
                if (upstreamLines.contains(line)) {
                    lines.put(line, CheckedType.Status.EQUAL);
                } else if (known.contains(type.name(), line)) {
                    lines.put(line, CheckedType.Status.KNOWN);
                } else {
                    lines.put(line, CheckedType.Status.MISMATCH);
                    hints.put(line, sameMember(line, upstreamLines));
                }
            }
            checked.add(new CheckedType(type.name(), sourceId, upstreamPath, lines, hints));
        }
        return checked;
    }

    /** Upstream lines that declare the member a mismatched line names, to show how they differ. */
    static List<String> sameMember(String line, List<String> upstreamLines) {
        String name = memberName(line);
        return upstreamLines.stream().filter(u -> memberName(u).equals(name)).toList();
    }

    private static String memberName(String line) {
        String bare = line.replaceAll("@[\\w.]+(\\([^)]*\\))? ", "");
        int paren = bare.indexOf('(');
        String[] words = (paren >= 0 ? bare.substring(0, paren) : bare).strip().split(" ");
        // a type header's name follows its kind; a member's name is the last word before '('
        for (int i = 0; i < words.length - 1; i++) {
            if (List.of("class", "interface", "enum", "@interface", "record").contains(words[i])) {
                return "type " + words[i + 1].replaceAll("<.*", "");
            }
        }
        return words[words.length - 1];
    }
}
