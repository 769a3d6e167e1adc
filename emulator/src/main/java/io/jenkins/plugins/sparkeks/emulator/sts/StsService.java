package io.jenkins.plugins.sparkeks.emulator.sts;

import io.jenkins.plugins.sparkeks.emulator.AssumedRoleSession;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.wire.AccountContext;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsRequest;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsResponse;
import io.jenkins.plugins.sparkeks.emulator.wire.Protocol;
import io.jenkins.plugins.sparkeks.emulator.wire.ServiceHandler;
import io.jenkins.plugins.sparkeks.emulator.wire.Xml;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** STS over the query protocol: GetCallerIdentity and AssumeRole (which hands out fake temporary credentials). */
public final class StsService implements ServiceHandler {
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final AccountContext account;
    private final Identities identities;
    private final SecureRandom random = new SecureRandom();

    public StsService(AccountContext account, Identities identities) {
        this.account = account;
        this.identities = identities;
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public Operation operationOf(AwsRequest request) {
        String action = params(request).getOrDefault("Action", "");
        for (Operation op : new Operation[] {Operation.GET_CALLER_IDENTITY, Operation.ASSUME_ROLE}) {
            if (op.wireName().equals(action)) {
                return op;
            }
        }
        throw new AwsError(400, "InvalidAction", "The emulator does not serve STS action '" + action + "'");
    }

    @Override
    public AwsResponse handle(Operation operation, AwsRequest request) {
        Map<String, String> params = params(request);
        String caller = request.scope().accessKeyId();
        return switch (operation) {
            case GET_CALLER_IDENTITY -> getCallerIdentity(caller);
            case ASSUME_ROLE -> assumeRole(params, caller);
            default -> throw new IllegalArgumentException("not an STS operation: " + operation);
        };
    }

    private AwsResponse getCallerIdentity(String caller) {
        Optional<AssumedRoleSession> session = identities.session(caller);
        String accountId = session.map(s -> Identities.accountOf(s.roleArn())).orElse(account.accountId());
        String userId = session.map(s -> roleId(s.roleArn()) + ":" + s.sessionName()).orElse("AIDAEMULATORUSER0001");
        return ok("GetCallerIdentity", Xml.element("Arn", identities.arnOf(caller)) + Xml.element("UserId", userId)
                + Xml.element("Account", accountId));
    }

    private AwsResponse assumeRole(Map<String, String> params, String caller) {
        String roleArn = params.getOrDefault("RoleArn", "");
        String sessionName = params.getOrDefault("RoleSessionName", "");
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            throw validation("1 validation error detected: Value '" + roleArn
                    + "' at 'roleArn' failed to satisfy constraint: must be an IAM role ARN");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw validation("1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: must match [\\w+=,.@-]{2,64}");
        }
        long seconds = parseDuration(params.getOrDefault("DurationSeconds", "3600"));
        Instant expiration = account.clock().instant().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
        String accessKeyId = "ASIA" + randomKey(16);
        AssumedRoleSession session = new AssumedRoleSession(roleArn, sessionName,
                Optional.ofNullable(params.get("ExternalId")), accessKeyId, caller, expiration);
        identities.add(session);
        String credentials = "<Credentials>" + Xml.element("AccessKeyId", accessKeyId)
                + Xml.element("SecretAccessKey", randomBase64(30))
                + Xml.element("SessionToken", "FwoGZXIvYXdzE" + randomBase64(120))
                + Xml.element("Expiration", expiration) + "</Credentials>";
        String user = "<AssumedRoleUser>" + Xml.element("AssumedRoleId", roleId(roleArn) + ":" + sessionName)
                + Xml.element("Arn", Identities.assumedRoleArn(session)) + "</AssumedRoleUser>";
        return ok("AssumeRole", credentials + user + Xml.element("PackedPolicySize", 0));
    }

    private static AwsResponse ok(String action, String result) {
        return AwsResponse.xml(200, "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result
                + "</" + action + "Result><ResponseMetadata>" + Xml.element("RequestId", UUID.randomUUID())
                + "</ResponseMetadata></" + action + "Response>");
    }

    /** A stable role id per role ARN, shaped like AWS's (AROA + 17 characters). */
    private static String roleId(String roleArn) {
        String hash = Integer.toUnsignedString(roleArn.hashCode(), 32).toUpperCase(Locale.ROOT);
        return "AROA" + (hash + "EMULATEDROLE00000").substring(0, 17);
    }

    private static long parseDuration(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 900 && seconds <= 43_200) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below like any other out-of-range value
        }
        throw validation("1 validation error detected: Value '" + value
                + "' at 'durationSeconds' failed to satisfy constraint: must be between 900 and 43200");
    }

    private static AwsError validation(String message) {
        return new AwsError(400, "ValidationError", message);
    }

    private String randomKey(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(KEY_CHARS[random.nextInt(KEY_CHARS.length)]);
        }
        return out.toString();
    }

    private String randomBase64(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Query-protocol parameters: the form body of a POST, or the query string of a GET. */
    private static Map<String, String> params(AwsRequest request) {
        Map<String, String> params = new HashMap<>();
        request.query().forEach((k, v) -> params.put(k, v.get(0)));
        String body = request.bodyText();
        if (!body.isBlank()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        }
        return params;
    }
}
