package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

/**
 * Stand-in mirroring org.kohsuke.stapler.StaplerRequest2 from stapler 2050.v425108fd5089 (as bundled with jenkins-core
 * 2.541.3); only the member the plugin calls.
 */
public interface StaplerRequest2 extends HttpServletRequest {

    void bindJSON(Object bean, JSONObject src);
}
