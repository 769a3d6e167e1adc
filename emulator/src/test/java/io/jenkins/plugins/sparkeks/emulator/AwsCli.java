package io.jenkins.plugins.sparkeks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real AWS CLI against an emulator with fake credentials from the environment and config files of its own,
 * so a developer's own AWS setup is never read and nothing can reach real AWS.
 */
final class AwsCli {
    /** What one CLI call printed. */
    record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("CLI printed no JSON: " + stdout + " / " + stderr, e);
            }
        }
    }

    private final AwsEmulator aws;
    private final Path configFile;
    private final Path credentialsFile;
    private final Path executable;

    private AwsCli(AwsEmulator aws, Path executable, Path dir) throws IOException {
        this.aws = aws;
        this.executable = executable;
        // nothing but path-style S3 addressing, which an endpoint on 127.0.0.1 needs
        this.configFile = Files.writeString(dir.resolve("config"), "[default]\ns3 =\n    addressing_style = path\n");
        this.credentialsFile = Files.createFile(dir.resolve("credentials"));
    }

    /** The {@code aws} executable on PATH, if any. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "aws");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static AwsCli against(AwsEmulator aws, Path executable, Path scratchDir) throws IOException {
        return new AwsCli(aws, executable, scratchDir);
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--endpoint-url",
                aws.endpoint().toString(), "--region", aws.region(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", AwsEmulator.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", AwsEmulator.SECRET_ACCESS_KEY);
        env.put("AWS_CONFIG_FILE", configFile.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_PAGER", "");   // CLI v2 would otherwise pipe output through less
        Process process = pb.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
