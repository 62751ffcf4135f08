package dev.modelscout.recommender.evaluation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * results.json: a {@link Result} as indented JSON. A metric without a value (NaN: a constant prediction, one
 * held-out model) is written as {@code null}, by the serializer of {@code double} / {@code Double}.
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("non-finite-as-null")
                    .addSerializer(Double.class, NonFiniteAsNull.INSTANCE)
                    .addSerializer(double.class, NonFiniteAsNull.INSTANCE))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private ResultsJson() {
    }

    /** The results.json text, ending with a newline. */
    public static String toJson(Result r) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode doc = JSON.createObjectNode();
            dev.modelscout.core.OutputStamp.now().asMap().forEach((k, v) -> doc.put(k, (String) v));
            doc.setAll((com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(r));
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an evaluation result as JSON", e);
        }
    }

    /** Writes results.json all at once or not at all. */
    public static void write(Result r, Path file) {
        try {
            AtomicFiles.write(file, toJson(r).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelScoutException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }

    /** JSON has no NaN or infinity: such a number is written as null. */
    private static final class NonFiniteAsNull extends StdSerializer<Double> {

        private static final long serialVersionUID = 1L;
        static final NonFiniteAsNull INSTANCE = new NonFiniteAsNull();

        private NonFiniteAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value.doubleValue());
            } else {
                gen.writeNull();
            }
        }
    }
}
