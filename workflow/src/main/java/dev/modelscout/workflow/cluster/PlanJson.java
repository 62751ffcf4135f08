package dev.modelscout.workflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.workflow.finetune.FineTuneSettings;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of a plan's values (plan.json, the lines of cells.jsonl); reading checks every field. */
final class PlanJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private PlanJson() {
    }

    static ObjectNode options(CellOptions o) {
        ObjectNode j = JSON.createObjectNode();
        ArrayNode s = j.putArray("scores");
        o.scores().forEach(s::add);
        j.put("parc_pca", o.parcPca());
        j.put("gbc_pca", o.gbcPca());
        j.put("per_class", o.perClass());
        j.put("sample_seed", o.sampleSeed());
        j.put("batch_size", o.batchSize());
        j.put("threads", o.threads());
        j.put("strict", o.strict());
        if (o.finetune() == null) {
            j.putNull("finetune");
        } else {
            FineTuneSettings f = o.finetune();
            ObjectNode t = j.putObject("finetune");
            t.put("epochs", f.epochs());
            t.put("learning_rate", f.learningRate());
            t.put("batch_size", f.batchSize());
            t.put("momentum", f.momentum());
            t.put("weight_decay", f.weightDecay());
            t.put("seed", f.seed());
            t.put("freeze_backbone", f.freezeBackbone());
            t.put("val_fraction", f.valFraction());
            if (f.validation() != null) {
                t.put("validation", f.validation());
            }
        }
        return j;
    }

    static CellOptions options(JsonNode j, String where) {
        List<String> scores = new ArrayList<>();
        for (JsonNode n : array(j, "scores", where)) {
            scores.add(n.asText());
        }
        JsonNode ft = j.path("finetune");
        FineTuneSettings f = null;
        if (!ft.isMissingNode() && !ft.isNull()) {
            String w = where + " finetune";
            f = new FineTuneSettings(integer(ft, "epochs", w), number(ft, "learning_rate", w), integer(ft, "batch_size", w),
                    number(ft, "momentum", w), number(ft, "weight_decay", w), longValue(ft, "seed", w),
                    bool(ft, "freeze_backbone", w), number(ft, "val_fraction", w),
                    ft.hasNonNull("validation") ? ft.get("validation").asText() : null);
        }
        return new CellOptions(scores, integer(j, "parc_pca", where), integer(j, "gbc_pca", where),
                integer(j, "per_class", where), longValue(j, "sample_seed", where), integer(j, "batch_size", where),
                integer(j, "threads", where), bool(j, "strict", where), f);
    }

    static ObjectNode cell(Cell c, int shard) {
        ObjectNode j = JSON.createObjectNode();
        j.put("cell", c.index());
        j.put("id", c.id());
        j.put("shard", shard);
        j.put("dataset", c.dataset());
        j.put("model", c.model());
        j.put("task", c.task().id());
        j.set("options", options(c.options()));
        return j;
    }

    static Cell cell(JsonNode j, String where) {
        return new Cell(integer(j, "cell", where), text(j, "id", where), text(j, "dataset", where), text(j, "model", where),
                TaskKind.parse(text(j, "task", where)), options(field(j, "options", where), where));
    }

    static JsonNode field(JsonNode j, String name, String where) {
        JsonNode n = j.get(name);
        if (n == null || n.isNull()) {
            throw new JobsException(where + ": no '" + name + "'");
        }
        return n;
    }

    static String text(JsonNode j, String name, String where) {
        JsonNode n = field(j, name, where);
        if (!n.isTextual()) {
            throw new JobsException(where + ": '" + name + "' is not a string");
        }
        return n.asText();
    }

    static String textOrNull(JsonNode j, String name) {
        JsonNode n = j.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }

    static int integer(JsonNode j, String name, String where) {
        JsonNode n = field(j, name, where);
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new JobsException(where + ": '" + name + "' is not an integer");
        }
        return n.asInt();
    }

    static long longValue(JsonNode j, String name, String where) {
        JsonNode n = field(j, name, where);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new JobsException(where + ": '" + name + "' is not an integer");
        }
        return n.asLong();
    }

    static double number(JsonNode j, String name, String where) {
        JsonNode n = field(j, name, where);
        if (!n.isNumber()) {
            throw new JobsException(where + ": '" + name + "' is not a number");
        }
        return n.asDouble();
    }

    static boolean bool(JsonNode j, String name, String where) {
        JsonNode n = field(j, name, where);
        if (!n.isBoolean()) {
            throw new JobsException(where + ": '" + name + "' is not true or false");
        }
        return n.asBoolean();
    }

    static JsonNode array(JsonNode j, String name, String where) {
        JsonNode n = field(j, name, where);
        if (!n.isArray()) {
            throw new JobsException(where + ": '" + name + "' is not a list");
        }
        return n;
    }
}
