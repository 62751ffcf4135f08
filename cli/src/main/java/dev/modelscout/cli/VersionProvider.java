package dev.modelscout.cli;

import dev.modelscout.workflow.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (set by the build). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"modelscout " + BuildInfo.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
