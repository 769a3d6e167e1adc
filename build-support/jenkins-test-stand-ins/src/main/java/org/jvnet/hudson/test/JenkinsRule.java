package org.jvnet.hudson.test;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.security.SecurityRealm;
import hudson.tasks.Builder;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;

/** Stand-in mirroring org.jvnet.hudson.test.JenkinsRule from jenkins-test-harness 2578.v44660312fd37 (org.jenkins-ci.main:jenkins-test-harness) (only the members the plugin's tests use). */
public class JenkinsRule {

    public Jenkins jenkins;

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatus(Result status, Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatusSuccess(R r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public static String getLog(Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw new UnsupportedOperationException();
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public <B extends Builder> B configRoundtrip(B before) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs)
            throws IllegalAccessException, InvocationTargetException, NoSuchMethodException {
        throw new UnsupportedOperationException();
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException();
    }

    /** Mirrors JenkinsRule.DummySecurityRealm (its AbstractPasswordBasedSecurityRealm superclass simplified). */
    public static class DummySecurityRealm extends SecurityRealm {
        DummySecurityRealm() {
            throw new UnsupportedOperationException();
        }
    }

}
