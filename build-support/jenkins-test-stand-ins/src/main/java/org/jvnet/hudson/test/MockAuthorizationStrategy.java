package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import java.util.Set;

/** Stand-in mirroring org.jvnet.hudson.test.MockAuthorizationStrategy from jenkins-test-harness 2578.v44660312fd37 (org.jenkins-ci.main:jenkins-test-harness). */
public class MockAuthorizationStrategy extends AuthorizationStrategy {

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException();
    }

    /** Mirrors MockAuthorizationStrategy.Grant. */
    public class Grant {
        Grant(Set<Permission> permissions) {
            throw new UnsupportedOperationException();
        }

        public GrantOn everywhere() {
            throw new UnsupportedOperationException();
        }

        public GrantOn onRoot() {
            throw new UnsupportedOperationException();
        }

        public GrantOn onItems(Item... items) {
            throw new UnsupportedOperationException();
        }

        /** Mirrors MockAuthorizationStrategy.Grant.GrantOn. */
        public class GrantOn {
            GrantOn(String sid) {
                throw new UnsupportedOperationException();
            }

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException();
            }
        }
    }
}
