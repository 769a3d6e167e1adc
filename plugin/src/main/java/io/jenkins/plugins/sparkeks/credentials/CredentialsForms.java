package io.jenkins.plugins.sparkeks.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The permission-checked form helpers every descriptor shares: credential drop-downs list ids only to users
 * who may configure or use credentials on the item (administrators at the root), and checks that could
 * probe the controller answer only to users who may configure the item.
 */
public final class CredentialsForms {

    private CredentialsForms() {}

    /** Credentials of {@code type} visible to the item's build, or just the current value for users who may not see them. */
    public static ListBoxModel list(Item item, String currentValue, Class<? extends StandardCredentials> type) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = currentValue == null ? "" : currentValue;
        if (!maySeeCredentials(item)) {
            return result.includeCurrentValue(current);
        }
        Authentication runAs = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        return result.includeEmptyValue()
                .includeMatchingAs(runAs, item, type, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /**
     * Whether the current user may run field checks for the item: CONFIGURE on it, or ADMINISTER at the root.
     * Checks answer {@link FormValidation#ok()} to everyone else so they learn nothing.
     */
    public static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    private static boolean maySeeCredentials(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
