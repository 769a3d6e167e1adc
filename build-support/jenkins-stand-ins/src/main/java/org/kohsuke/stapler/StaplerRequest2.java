package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

/** Stand-in mirroring org.kohsuke.stapler.StaplerRequest2 from stapler 2050.v425108fd5089 as bundled with jenkins-core 2.541.3 (org.kohsuke.stapler:stapler) (only the type: the plugin passes requests through to Descriptor.newInstance). */
public interface StaplerRequest2 extends HttpServletRequest {}
