package org.jenkinsci.remoting;

import java.io.Serializable;

/** Stand-in mirroring org.jenkinsci.remoting.SerializableOnlyOverRemoting from remoting 3352.v17a_fb_4b_2773f (org.jenkins-ci.main:remoting, bundled with jenkins-core 2.541.3) (getChannelForSerialization left out). */
public interface SerializableOnlyOverRemoting extends Serializable {}
