package dev.unlearn4j.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.testing.NpyFiles;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extraction benchmark's token files: uint16 (as train_dataset.npy ships), int32 and int64 read to the same ids,
 * uint16 values above 32,767 unsigned; every file ND4J's own reader would misread fails with the file's name.
 */
class NpyTokensTest {
  @TempDir Path dir;
  private static final int[][] IDS = {{0, 1, 50256, 65535}, {7, 40000, 2, 3}, {9, 8, 7, 6}};

  @Test
  void readsUnsignedShortsIntsAndLongsAlike() {
    for (String d : new String[] {"<u2", "<i4", "<i8"}) {
      int[][] got = NpyTokens.read(NpyFiles.write(dir.resolve(d.substring(1) + ".npy"), IDS, d, false));
      assertThat(got).as(d).isDeepEqualTo(IDS);
    }
  }

  @Test
  void writesWhatNumpyWritesNarrowestFirst() throws Exception {
    Path narrow = dir.resolve("narrow.npy");
    NpyTokens.write(narrow, IDS);
    assertThat(NpyTokens.read(narrow)).isDeepEqualTo(IDS);
    assertThat(Files.readAllBytes(narrow)).hasSize(128 + 24);             // header padded to 64-byte alignment
    int[][] wide = {{70000, 1}};
    NpyTokens.write(dir.resolve("wide.npy"), wide);
    assertThat(NpyTokens.read(dir.resolve("wide.npy"))).isDeepEqualTo(wide);
    assertThat(new String(Files.readAllBytes(dir.resolve("wide.npy")), 0, 40, "ISO-8859-1")).contains("'<i4'");
  }

  @Test
  void refusesWhatItCannotReadExactly() throws Exception {
    Path f4 = NpyFiles.write(dir.resolve("f4.npy"), IDS, "<f4", false);
    assertThatThrownBy(() -> NpyTokens.read(f4)).isInstanceOf(UnlearnException.class)
        .hasMessageContaining("f4.npy: dtype '<f4' is not a little-endian integer type");
    Path fortran = NpyFiles.write(dir.resolve("fortran.npy"), IDS, "<i4", true);
    assertThatThrownBy(() -> NpyTokens.read(fortran)).hasMessageContaining("fortran.npy: Fortran-ordered");
    byte[] whole = Files.readAllBytes(NpyFiles.write(dir.resolve("u2.npy"), IDS, "<u2", false));
    Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(whole, whole.length - 2));
    assertThatThrownBy(() -> NpyTokens.read(cut)).hasMessageContaining("cut.npy: holds 22 data bytes")
        .hasMessageContaining("needs 24");
    Path text = Files.writeString(dir.resolve("text.npy"), "doc_id,text\n1,hello\n");
    assertThatThrownBy(() -> NpyTokens.read(text)).hasMessageContaining("text.npy: not a NumPy .npy file");
    Path negative = NpyFiles.write(dir.resolve("neg.npy"), new int[][] {{1, -2}}, "<i4", false);
    assertThatThrownBy(() -> NpyTokens.read(negative)).hasMessageContaining("row 0, column 1: -2 is not a token id");
  }
}
