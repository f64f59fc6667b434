package dev.unlearn4j.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code passages.jsonl} beside a pretrained checkpoint: one JSON object per passage ({@code id, kind, set, start,
 * tokens}), forget sets first, then candidates, then unseen passages — what ICU needs to rebuild its forget,
 * analogous and threshold sets without re-tokenising the corpus.
 */
public final class PassageFiles {
  private PassageFiles() {}

  public static void write(Path file, List<PassagePool.Passage> pool, List<PassagePool.Passage> unseen) {
    AtomicFiles.write(file, out -> {
      for (List<PassagePool.Passage> part : List.of(pool, unseen)) {
        for (PassagePool.Passage p : part) {
          ObjectNode o = Mappers.JSON.createObjectNode().put("id", p.id()).put("kind", p.kind())
              .put("set", p.set()).put("start", p.start());
          var arr = o.putArray("tokens");
          for (int t : p.tokens()) {
            arr.add(t);
          }
          out.write((o.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    });
  }

  public static List<PassagePool.Passage> read(Path file) {
    List<PassagePool.Passage> out = new ArrayList<>();
    int line = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String s = r.readLine(); s != null; s = r.readLine()) {
        line++;
        if (s.isBlank()) {
          continue;
        }
        JsonNode o = Mappers.JSON.readTree(s);
        JsonNode toks = o.path("tokens");
        if (!o.hasNonNull("id") || !o.hasNonNull("kind") || !toks.isArray() || toks.isEmpty()) {
          throw new UnlearnException(file + ":" + line + ": a passage needs id, kind and non-empty tokens");
        }
        int[] tokens = new int[toks.size()];
        for (int i = 0; i < tokens.length; i++) {
          tokens[i] = toks.get(i).asInt();
        }
        out.add(new PassagePool.Passage(o.get("id").asText(), o.get("kind").asText(), o.path("set").asInt(-1),
            o.path("start").asInt(-1), tokens));
      }
    } catch (IOException e) {
      throw new UnlearnException(file + ":" + line + ": " + e.getMessage());
    }
    return out;
  }
}
