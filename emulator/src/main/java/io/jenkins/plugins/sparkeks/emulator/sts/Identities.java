package io.jenkins.plugins.sparkeks.emulator.sts;

import io.jenkins.plugins.sparkeks.emulator.AssumedRoleSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a caller is, from the access key it signs with: a session STS handed out, or else the account's one IAM user.
 * Used under the model lock.
 */
public final class Identities {
    public static final String USER_NAME = "emulator-user";

    private final String accountId;
    private final List<AssumedRoleSession> sessions = new ArrayList<>();

    public Identities(String accountId) {
        this.accountId = accountId;
    }

    void add(AssumedRoleSession session) {
        sessions.add(session);
    }

    public List<AssumedRoleSession> sessions() {
        return List.copyOf(sessions);
    }

    public Optional<AssumedRoleSession> session(String accessKeyId) {
        return sessions.stream().filter(s -> s.accessKeyId().equals(accessKeyId)).findFirst();
    }

    public String arnOf(String accessKeyId) {
        return session(accessKeyId).map(Identities::assumedRoleArn)
                .orElse("arn:aws:iam::" + accountId + ":user/" + USER_NAME);
    }

    static String assumedRoleArn(AssumedRoleSession s) {
        String roleName = s.roleArn().substring(s.roleArn().lastIndexOf('/') + 1);
        return "arn:aws:sts::" + accountOf(s.roleArn()) + ":assumed-role/" + roleName + "/" + s.sessionName();
    }

    static String accountOf(String roleArn) {
        return roleArn.split(":")[4];
    }
}
