package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;

/** Stand-in mirroring hudson.model.TaskListener from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (annotate/fatalError/NULL left out). */
public interface TaskListener extends SerializableOnlyOverRemoting {
    @NonNull
    PrintStream getLogger();

    default void hyperlink(String url, String text) throws IOException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    default PrintWriter error(String msg) {
        throw new UnsupportedOperationException();
    }
}
