package org.l1embed.cli.jobs;

import java.nio.file.Path;
import org.l1embed.events.EventLayout;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;

/** The checks of jobs that take a float bundle written by {@code l1embed train} and feed it synthetic events. */
final class FloatBundles {

    private FloatBundles() {
    }

    /**
     * The bundle's network, refused unless it is a float network with stored preprocessing constants and the synthetic
     * events' 57 network features as input (synthetic events are raw features: identity preprocessing would feed GeV
     * to a network trained on standardized inputs).
     *
     * @param directory where the bundle was read from (for messages)
     * @param what      what the job does with it, e.g. "quantize", for the message about quantized networks
     * @param events    what the job's events are, e.g. "calibration events", for the messages
     * @throws IllegalArgumentException naming the bundle, the field and what was expected
     */
    static NetworkSpec requireFloatWithPreprocessing(ModelBundle bundle, Path directory, String what, String events) {
        NetworkSpec network = bundle.network();
        if (network.isQuantized() || network.layers().stream().anyMatch(Layer::isQuantized)) {
            throw new IllegalArgumentException(directory + ": network '" + network.name() + "' is already quantized; " + what
                    + " the float bundle that l1embed train wrote");
        }
        if (network.input().preprocessing() instanceof Preprocessing.Identity) {
            throw new IllegalArgumentException(directory + ": input.preprocessing is 'none'; " + events + " are raw features and "
                    + "need the preprocessing constants the network was trained with");
        }
        int features = network.input().size();
        if (features != EventLayout.NETWORK_FEATURES) {
            throw new IllegalArgumentException(directory + ": network input has " + features + " values; synthetic " + events
                    + " have " + EventLayout.NETWORK_FEATURES);
        }
        return network;
    }
}
