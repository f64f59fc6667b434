package dev.unlearn4j.model.causal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.util.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a GPT-2-style byte-level BPE tokenizer on a corpus and writes it as a standard Hugging Face
 * {@code tokenizer.json} (ByteLevel pre-tokenizer and decoder, BPE model), which DJL's tokenizers load like any
 * other. Id 0 is {@code <|endoftext|>}, ids 1–256 the 256 byte symbols, then one id per merge. Merges are chosen
 * greedily by pair frequency, ties broken by the pair's text, so training is deterministic.
 */
public final class BpeTrainer {
  private BpeTrainer() {}

  public static final String EOS = "<|endoftext|>";

  /** GPT-2's pre-tokenisation: contractions, letter runs, digit runs, other runs, whitespace. */
  static final Pattern PRE = Pattern.compile(
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  /** The vocabulary (symbol → id, in id order) and the merges in rank order. */
  public record Result(Map<String, Integer> vocab, List<String[]> merges) {}

  /** GPT-2's reversible byte → printable-character table. */
  static char[] byteToChar() {
    char[] map = new char[256];
    boolean[] direct = new boolean[256];
    for (int b = '!'; b <= '~'; b++) {
      direct[b] = true;
    }
    for (int b = 0xA1; b <= 0xAC; b++) {
      direct[b] = true;
    }
    for (int b = 0xAE; b <= 0xFF; b++) {
      direct[b] = true;
    }
    int extra = 0;
    for (int b = 0; b < 256; b++) {
      map[b] = direct[b] ? (char) b : (char) (256 + extra++);
    }
    return map;
  }

  /**
   * A tokenizer of {@code vocabSize} symbols without merges: end-of-text, the 256 bytes and placeholder symbols
   * {@code tok<id>}. Text encodes byte by byte and every id decodes, which is all a benchmark of a model with a
   * real vocabulary size (GPT-2's 50,257) and random weights needs.
   */
  public static Result bytesOnly(int vocabSize) {
    if (vocabSize < 258) {
      throw new IllegalArgumentException("vocabulary must hold the 256 bytes and <|endoftext|>: >= 258");
    }
    char[] b2c = byteToChar();
    Map<String, Integer> vocab = new LinkedHashMap<>();
    vocab.put(EOS, 0);
    for (int b = 0; b < 256; b++) {
      vocab.put(String.valueOf(b2c[b]), vocab.size());
    }
    while (vocab.size() < vocabSize) {
      vocab.put("tok" + vocab.size(), vocab.size());
    }
    return new Result(vocab, List.of());
  }

  public static Result train(List<String> texts, int vocabSize) {
    if (vocabSize < 258) {
      throw new IllegalArgumentException("vocabulary must hold the 256 bytes and <|endoftext|>: >= 258");
    }
    char[] b2c = byteToChar();
    Map<String, Integer> wordCounts = new HashMap<>();
    for (String text : texts) {
      Matcher m = PRE.matcher(text);
      while (m.find()) {
        byte[] bytes = m.group().getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
          sb.append(b2c[x & 0xFF]);
        }
        wordCounts.merge(sb.toString(), 1, Integer::sum);
      }
    }
    List<List<String>> words = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    wordCounts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      List<String> symbols = new ArrayList<>();
      e.getKey().chars().forEach(ch -> symbols.add(String.valueOf((char) ch)));
      words.add(symbols);
      counts.add(e.getValue());
    });
    Map<String, Integer> vocab = new LinkedHashMap<>();
    vocab.put(EOS, 0);
    for (int b = 0; b < 256; b++) {
      vocab.put(String.valueOf(b2c[b]), vocab.size());
    }
    List<String[]> merges = new ArrayList<>();
    while (vocab.size() < vocabSize) {
      Map<String, Long> pairs = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        List<String> s = words.get(w);
        for (int i = 0; i + 1 < s.size(); i++) {
          pairs.merge(s.get(i) + "\u0000" + s.get(i + 1), (long) counts.get(w), Long::sum);
        }
      }
      String best = null;
      long bestCount = 0;
      for (Map.Entry<String, Long> e : pairs.entrySet()) {
        if (e.getValue() > bestCount || e.getValue() == bestCount && best != null
            && e.getKey().compareTo(best) < 0) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      if (best == null) {
        break;                                   // every word is a single symbol: nothing left to merge
      }
      String[] pair = best.split("\u0000", 2);
      String merged = pair[0] + pair[1];
      merges.add(pair);
      vocab.put(merged, vocab.size());
      for (List<String> s : words) {
        for (int i = 0; i + 1 < s.size(); i++) {
          if (s.get(i).equals(pair[0]) && s.get(i + 1).equals(pair[1])) {
            s.set(i, merged);
            s.remove(i + 1);
          }
        }
      }
    }
    return new Result(vocab, merges);
  }

  /** Writes {@code tokenizer.json} in the Hugging Face format (byte-level BPE, no normaliser, no padding). */
  public static void write(Result r, Path file) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ObjectNode eos = root.putArray("added_tokens").addObject();
    eos.put("id", 0).put("content", EOS).put("single_word", false).put("lstrip", false).put("rstrip", false)
        .put("normalized", false).put("special", true);
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel(json, false));
    root.set("post_processor", byteLevel(json, false));
    root.set("decoder", byteLevel(json, false));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE").putNull("dropout");
    model.putNull("unk_token");
    model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "").put("fuse_unk", false)
        .put("byte_fallback", false);
    ObjectNode vocab = model.putObject("vocab");
    r.vocab().forEach(vocab::put);
    ArrayNode merges = model.putArray("merges");
    r.merges().forEach(m -> merges.add(m[0] + " " + m[1]));
    try {
      AtomicFiles.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode byteLevel(ObjectMapper json, boolean prefixSpace) {
    ObjectNode n = json.createObjectNode();
    n.put("type", "ByteLevel").put("add_prefix_space", prefixSpace).put("trim_offsets", true)
        .put("use_regex", true);
    return n;
  }
}
