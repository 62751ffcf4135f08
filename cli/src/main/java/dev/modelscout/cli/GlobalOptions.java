package dev.modelscout.cli;

import dev.modelscout.core.Device;
import dev.modelscout.scoring.ScoringDevice;
import dev.modelscout.workflow.Overlap;
import dev.modelscout.workflow.OverlapPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command accepts ({@code -v/--verbose}, {@code -q/--quiet}), before or after the subcommand name, and the store of the
 * device options ({@link DeviceOption}, {@link ScoringDeviceOption}), which only the top command and the commands
 * that use a device accept. Mixed into the top command and into each subcommand with {@code @Mixin}; picocli's
 * "mixee" recipe stores the values on the top command's instance, so {@link #of(CommandSpec)} sees them wherever
 * they were given.
 */
public final class GlobalOptions {

    /** The field name under which every command mixes these options in ({@code @Mixin GlobalOptions globals}). */
    static final String MIXIN_NAME = "globals";

    private @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    private Device device = Device.AUTO;
    private ScoringDevice scoringDevice = ScoringDevice.AUTO;
    private boolean verbose;
    private boolean quiet;

    /** Set by {@link DeviceOption} wherever --device was given; stored here, on the top command's instance. */
    void device(Device value) {
        root().device = value;
    }

    /** Set by {@link ScoringDeviceOption} wherever --scoring-device was given. */
    void scoringDevice(ScoringDevice value) {
        root().scoringDevice = value;
    }

    @Option(names = {"-v", "--verbose"},
            description = "More detail while working (each backbone's progress and timing, cache hits, every unreadable "
                    + "image) and stack traces on errors.")
    void setVerbose(boolean value) {
        root().verbose = value;
    }

    @Option(names = {"-q", "--quiet"},
            description = "Errors only on stderr: no progress, notes, warnings or 'wrote' lines. Results still go to stdout.")
    void setQuiet(boolean value) {
        root().quiet = value;
    }

    private GlobalOptions root() {
        GlobalOptions top = ofRoot(mixee);
        return top != null ? top : this;
    }

    /** The effective global options of the command line that {@code spec} belongs to. */
    public static GlobalOptions of(CommandSpec spec) {
        GlobalOptions top = ofRoot(spec);
        return top != null ? top : new GlobalOptions();
    }

    /** The instance mixed into the top command (under the field name {@code globals}), or null when it has none. */
    private static GlobalOptions ofRoot(CommandSpec spec) {
        CommandSpec mixin = spec.root().mixins().get(MIXIN_NAME);
        return mixin != null && mixin.userObject() instanceof GlobalOptions g ? g : null;
    }

    public Device device() {
        return device;
    }

    public ScoringDevice scoringDevice() {
        return scoringDevice;
    }

    public boolean verbose() {
        return verbose;
    }

    /** {@code -q/--quiet}: errors only on stderr ({@link QuietErr}). */
    public boolean quiet() {
        return quiet;
    }

    /**
     * When the scores overlap the next backbone's extraction, and how they share this machine's cores: read once
     * here, at the command line, from {@code -Dmodelscout.overlap} (auto, true, false).
     */
    public OverlapPolicy overlap() {
        return OverlapPolicy.ofThisMachine(Overlap.parse(System.getProperty(Overlap.PROPERTY)));
    }

    /**
     * For a command (or a form of one) that computes nothing on a PyTorch device: when --device names a CUDA
     * device, says once on the command's error writer that it is not used, e.g. {@code note: train runs on
     * the CPU; --device cuda:5 is not used}. Not an error, so that one --device can be given to every command
     * of a script; the device is not checked either. {@code auto} and {@code cpu} say nothing.
     *
     * @param what what the command runs on instead, as the start of the sentence ("train runs on the CPU")
     */
    void noteDeviceUnused(CommandSpec spec, String what) {
        if (device.isCuda()) {
            spec.commandLine().getErr().println("note: " + what + "; --device " + device + " is not used");
            spec.commandLine().getErr().flush();
        }
    }

    /** {@link #noteDeviceUnused} for a command that runs on the CPU alone: "note: NAME runs on the CPU; ...". */
    static void noteCpuOnly(CommandSpec spec) {
        String name = spec.qualifiedName(" ");
        String top = spec.root().name() + " ";
        of(spec).noteDeviceUnused(spec, (name.startsWith(top) ? name.substring(top.length()) : name)
                + " runs on the CPU");
    }
}
