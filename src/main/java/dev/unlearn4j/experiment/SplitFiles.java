package dev.unlearn4j.experiment;

import dev.unlearn4j.data.ForgetRequest;
import dev.unlearn4j.data.Split;
import dev.unlearn4j.util.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes each split's ids, one per line, to {@code splits/<split>.txt}, so a request can be replayed exactly. */
final class SplitFiles {
  private SplitFiles() {}

  /** @return SHA-256 of the forget id list as written */
  static String write(RunDirectory run, ForgetRequest request) {
    String forgetSha = null;
    for (Split s : List.of(request.forget(), request.retain(), request.test())) {   // forget_true: forget's ids
      String content = String.join("\n", s.ids()) + "\n";
      run.writeString(RunDirectory.SPLITS + "/" + s.name() + ".txt", content);
      if (s.name().equals("forget")) {
        forgetSha = Sha256.of(content.getBytes(StandardCharsets.UTF_8));
      }
    }
    return forgetSha;
  }
}
