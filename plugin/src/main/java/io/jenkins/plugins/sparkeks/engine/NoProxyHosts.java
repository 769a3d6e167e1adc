package io.jenkins.plugins.sparkeks.engine;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Jenkins' "No Proxy Host" list turned into what the AWS SDK's URL-connection client expects. Jenkins splits the
 * list on spaces, tabs, new lines, commas and bars and reads each entry as a glob ({@code *.corp}, {@code 10.*}),
 * matching it against the whole host name ({@code hudson.ProxyConfiguration.getNoProxyHostPatterns}); the SDK instead
 * hands each entry to {@code String.matches} on the lower-cased host, so a raw glob such as {@code *.corp} is an invalid
 * regular expression there and fails every AWS call. Each entry is therefore converted the way Jenkins converts it
 * (dot literal, star any run of characters).
 *
 * <p>Two deliberate differences: entries match regardless of case, because the SDK lower-cases the host before
 * matching (host names are case-insensitive anyway); and an entry Jenkins itself could not compile (say
 * {@code db[1.corp}) is taken literally, apart from its stars, instead of failing every AWS call.
 */
final class NoProxyHosts {

    private static final String SEPARATORS = "[ \t\n,|]+";

    private NoProxyHosts() {}

    /** The SDK's {@code nonProxyHosts} entries for a Jenkins list; empty for null or blank. */
    static Set<String> toSdkPatterns(String jenkinsList) {
        Set<String> patterns = new LinkedHashSet<>();
        if (jenkinsList == null) {
            return patterns;
        }
        for (String entry : jenkinsList.split(SEPARATORS)) {
            if (!entry.isEmpty()) {
                patterns.add("(?i)" + toRegex(entry));
            }
        }
        return patterns;
    }

    private static String toRegex(String glob) {
        String asJenkins = glob.replace(".", "\\.").replace("*", ".*");
        try {
            Pattern.compile(asJenkins);
            return asJenkins;
        } catch (PatternSyntaxException e) {
            StringBuilder literal = new StringBuilder();
            String[] parts = glob.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    literal.append(".*");
                }
                if (!parts[i].isEmpty()) {
                    literal.append(Pattern.quote(parts[i]));
                }
            }
            return literal.toString();
        }
    }
}
