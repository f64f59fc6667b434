package dev.unlearn4j.model.encoder;

import dev.unlearn4j.util.UnlearnException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * Matches a stored classifier head's class names to a dataset's. A dataset numbers its classes in sorted-name order,
 * a fine-tuned checkpoint in whatever order it was trained with (id2label), so the head's columns are reordered by
 * name; scoring by position would silently swap classes.
 */
final class HeadLabels {
  private HeadLabels() {}

  /**
   * The class names the classifier carries after matching, with {@code w}'s head reordered in place to the
   * dataset's order where the names are the same set in another order.
   *
   * @param w the weights, {@link BertClassifier#HEAD_WEIGHT} [D, C] and {@link BertClassifier#HEAD_BIAS} [C]
   * @param head the stored head's class names (null: unnamed)
   * @param data the dataset's class names (null: not known, e.g. serving)
   * @param where the checkpoint, for messages
   */
  static List<String> align(Map<String, INDArray> w, List<String> head, List<String> data, String where) {
    if (head == null || data == null || head.equals(data)) {
      return head != null ? head : data;
    }
    if (generic(head)) {                                       // LABEL_0, LABEL_1, ...: nothing to match by name
      LoggerFactory.getLogger(HeadLabels.class).info("{}: head classes {} taken as the dataset's {} by position",
          where, head, data);
      return data;
    }
    if (!new HashSet<>(head).equals(new HashSet<>(data))) {
      throw new UnlearnException(where + ": its head's classes " + head + " are not the dataset's " + data
          + "; name the dataset's labels as the head's (id2label in config.json)");
    }
    int[] order = data.stream().mapToInt(head::indexOf).toArray();   // dataset class j = head column order[j]
    INDArray weight = w.get(BertClassifier.HEAD_WEIGHT);              // [D, C]
    INDArray bias = w.get(BertClassifier.HEAD_BIAS);                  // [C]
    INDArray newWeight = weight.dup();
    INDArray newBias = bias.dup();
    for (int j = 0; j < order.length; j++) {
      newWeight.putColumn(j, weight.getColumn(order[j]));
      newBias.putScalar(j, bias.getDouble(order[j]));
    }
    w.put(BertClassifier.HEAD_WEIGHT, newWeight);
    w.put(BertClassifier.HEAD_BIAS, newBias);
    LoggerFactory.getLogger(HeadLabels.class).info("{}: head classes {} reordered to the dataset's {}", where, head,
        data);
    return data;
  }

  private static boolean generic(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).equals("LABEL_" + i)) {
        return false;
      }
    }
    return true;
  }
}
