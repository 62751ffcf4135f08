package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static final Backbone R18 = new Backbone("r18", "resnet", "imagenet", Preprocessing.imagenet(224), 512,
            1.82, 11.69, "models/r18.pt", "ab12", "r18.source.npy");

    @Test
    void theCanonicalEntryIsTheTextPlansHaveAlwaysHashed() {
        // The text plans written before the canonical form was explicit hashed (Backbone's generated toString() of
        // the entry with weights "-" and no source statistics, checked equal when this was written): their
        // fingerprints stay valid, whatever fields Backbone gains.
        assertEquals("Backbone[id=r18, archFamily=resnet, pretrainDataset=imagenet, preprocessing=resize 256, crop 224, "
                + "mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225], RGB, featureDim=512, gmacs=1.82, "
                + "paramsM=11.69, weights=-, sha256=ab12, sourceStats=null]", Fingerprints.canonical(R18));
    }

    @Test
    void whereTheWeightsLieAndTheSourceStatisticsDoNotChangeIt() {
        Backbone moved = new Backbone("r18", "resnet", "imagenet", Preprocessing.imagenet(224), 512, 1.82, 11.69,
                "/elsewhere/r18.pt", "ab12");
        assertEquals(Fingerprints.canonical(R18), Fingerprints.canonical(moved));
    }
}
