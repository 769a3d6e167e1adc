package org.kohsuke.stapler;

/** Stand-in mirroring org.kohsuke.stapler.HttpResponse from stapler (as bundled with jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core)); its one method is left out. */
public interface HttpResponse {}
