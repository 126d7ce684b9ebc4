package org.ifl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: this build, the Kafka client library and the JVM. */
final class IflVersion implements IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/org.ifl/cli/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "ifl " + projectVersion(),
            "Kafka " + AppInfoParser.getVersion(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")"};
    }

    /** The Maven version the jar was built as; classes run from an IDE have none. */
    static String projectVersion() {
        try (InputStream in = IflVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "(development build)";
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
