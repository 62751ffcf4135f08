package dev.modelscout.engine;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

/**
 * Counts the multiply-accumulates of a DJL block tree for one input: every convolution
 * ({@code out elements x in-channels/groups x kernel area}) and every linear layer
 * ({@code out elements x in features}); sequential and parallel containers are walked, all other
 * layers (norms, activations, pooling, element-wise) count zero, as torchvision-style GMAC tables do.
 */
final class MacCounter {

    private MacCounter() {
    }

    static long count(Block block, Shape input) {
        long[] macs = {0};
        walk(block, new Shape[] {input}, macs);
        return macs[0];
    }

    private static Shape[] walk(Block block, Shape[] in, long[] macs) {
        if (block instanceof SequentialBlock seq) {
            Shape[] cur = in;
            for (Pair<String, Block> child : seq.getChildren()) {
                cur = walk(child.getValue(), cur, macs);
            }
            return cur;
        }
        if (block instanceof ParallelBlock par) {
            for (Pair<String, Block> child : par.getChildren()) {
                walk(child.getValue(), in, macs);
            }
            return block.getOutputShapes(in);
        }
        Shape[] out = block.getOutputShapes(in);
        if (block instanceof Convolution conv) {
            Shape w = conv.getParameters().get("weight").getArray().getShape();
            macs[0] += out[0].size() * w.size() / w.get(0);
        } else if (block instanceof Linear lin) {
            Shape w = lin.getParameters().get("weight").getArray().getShape();
            macs[0] += out[0].size() * w.get(1);
        }
        return out;
    }
}
