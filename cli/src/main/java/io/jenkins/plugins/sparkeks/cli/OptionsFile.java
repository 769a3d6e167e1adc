package io.jenkins.plugins.sparkeks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --options-file FILE}: the file's entries become command-line arguments at the place where the option
 * stands, so options written after it override the file. Keys are option names without the leading dashes
 * ({@code namespace}, {@code driver-memory}) or a positional parameter's label ({@code primary-resource},
 * {@code args}). YAML ({@code .yaml}/{@code .yml}/{@code .json}) values may be scalars, lists (repeated options)
 * or maps ({@code key=value} options such as {@code conf}); {@code .properties} values are scalars, with
 * {@code conf.spark.executor.instances=4} style keys for map options.
 */
final class OptionsFile implements IParameterConsumer {

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec command) {
        if (args.isEmpty()) {
            throw new ParameterException(command.commandLine(), "--options-file needs a file name");
        }
        Path file = Path.of(args.pop());
        List<String> expanded = expand(command, file);
        for (int i = expanded.size() - 1; i >= 0; i--) {
            args.push(expanded.get(i));
        }
    }

    static List<String> expand(CommandSpec command, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(command.commandLine(),
                    "--options-file: " + file + " does not exist or is not a file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        // positional values must reach picocli in the command's order, whatever the file's order
        Map<PositionalParamSpec, List<String>> positionals = new java.util.TreeMap<>(
                java.util.Comparator.comparingInt(p -> p.index().min()));
        try {
            if (name.endsWith(".properties")) {
                fromProperties(command, file, out, positionals);
            } else {
                fromYaml(command, file, out, positionals);
            }
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(),
                    "--options-file: " + file + " cannot be read: " + e.getMessage());
        }
        positionals.values().forEach(out::addAll);
        return out;
    }

    private static void fromYaml(CommandSpec command, Path file, List<String> out,
            Map<PositionalParamSpec, List<String>> positionals) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        if (root == null || root.isNull() || root.isMissingNode()) {
            return;
        }
        if (!root.isObject()) {
            throw new ParameterException(command.commandLine(),
                    "--options-file: " + file + " must hold a map of option names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            add(command, file, e.getKey(), e.getValue(), out, positionals);
        }
    }

    private static void add(CommandSpec command, Path file, String key, JsonNode value, List<String> out,
            Map<PositionalParamSpec, List<String>> positionals) {
        PositionalParamSpec positional = positional(command, key);
        if (positional != null) {
            List<String> values = positionals.computeIfAbsent(positional, spec -> new ArrayList<>());
            if (value.isArray()) {
                value.forEach(v -> values.add(v.asText()));
            } else {
                values.add(value.asText());
            }
            return;
        }
        OptionSpec option = option(command, file, key);
        if (value.isObject()) {
            value.fields().forEachRemaining(kv -> out.add(option.longestName() + "=" + kv.getKey() + "=" + kv.getValue().asText()));
        } else if (value.isArray()) {
            value.forEach(v -> out.add(option.longestName() + "=" + v.asText()));
        } else if (option.arity().max() == 0) {
            addFlag(option, value.asBoolean(), out);
        } else {
            out.add(option.longestName() + "=" + value.asText());
        }
    }

    private static void fromProperties(CommandSpec command, Path file, List<String> out,
            Map<PositionalParamSpec, List<String>> positionals) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key);
            PositionalParamSpec positional = positional(command, key);
            if (positional != null) {
                positionals.computeIfAbsent(positional, spec -> new ArrayList<>()).add(value);
                continue;
            }
            OptionSpec direct = command.findOption("--" + key);
            if (direct != null) {
                if (direct.arity().max() == 0) {
                    addFlag(direct, Boolean.parseBoolean(value), out);
                } else {
                    out.add(direct.longestName() + "=" + value);
                }
                continue;
            }
            int dot = key.indexOf('.');
            OptionSpec map = dot > 0 ? command.findOption("--" + key.substring(0, dot)) : null;
            if (map == null || !map.isMultiValue()) {
                throw unknown(command, file, key);
            }
            out.add(map.longestName() + "=" + key.substring(dot + 1) + "=" + value);
        }
    }

    private static void addFlag(OptionSpec option, boolean on, List<String> out) {
        if (option.negatable()) {
            out.add(on ? option.longestName() : option.longestName().replaceFirst("^--", "--no-"));
        } else if (on) {
            out.add(option.longestName());
        }
    }

    private static OptionSpec option(CommandSpec command, Path file, String key) {
        OptionSpec option = command.findOption("--" + key);
        if (option == null || "--options-file".equals(option.longestName())) {
            throw unknown(command, file, key);
        }
        return option;
    }

    private static PositionalParamSpec positional(CommandSpec command, String key) {
        for (PositionalParamSpec p : command.positionalParameters()) {
            if (p.paramLabel().replaceAll("[<>.]", "").equals(key)) {
                return p;
            }
        }
        return null;
    }

    private static ParameterException unknown(CommandSpec command, Path file, String key) {
        return new ParameterException(command.commandLine(), "--options-file: " + file + ": '" + key
                + "' is not an option of '" + command.qualifiedName() + "'. Use option names without the leading "
                + "dashes, as listed by --help.");
    }
}
