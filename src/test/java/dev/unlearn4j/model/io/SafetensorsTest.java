package dev.unlearn4j.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SafetensorsTest {
  @TempDir Path dir;

  @Test
  void writtenTensorsReadBackExactly() {
    Map<String, INDArray> t = new LinkedHashMap<>();
    t.put("a", Nd4j.createFromArray(new float[][] {{1.5f, -2f, 3.25f}, {0f, 1e-8f, -7f}}));
    t.put("b.bias", Nd4j.createFromArray(0.5f));
    Path f = dir.resolve("m.safetensors");
    Safetensors.write(f, t, Map.of("format", "pt"));
    Map<String, INDArray> back = Safetensors.read(f);
    assertThat(back.keySet()).containsExactly("a", "b.bias");
    assertThat(back.get("a")).isEqualTo(t.get("a"));
    assertThat(back.get("b.bias").getFloat(0)).isEqualTo(0.5f);
  }

  @Test
  void halfAndBfloatConvertToTheirFloatValues() throws Exception {
    // F16: 1.0, −2.0, 65504 (max), 2^−24 (smallest subnormal); BF16: 1.0, −0.5
    short[] f16 = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001};
    short[] bf16 = {0x3F80, (short) 0xBF00};
    Path f = file("{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}}", shorts(f16, bf16));
    Map<String, INDArray> t = Safetensors.read(f);
    assertThat(t.get("h").toFloatVector()).containsExactly(1f, -2f, 65504f, (float) Math.pow(2, -24));
    assertThat(t.get("b").toFloatVector()).containsExactly(1f, -0.5f);
  }

  @Test
  void corruptHeaderWrongDtypeAndBadOffsetsFailClearly() throws Exception {
    Path tiny = Files.write(dir.resolve("t.safetensors"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Safetensors.read(tiny)).hasMessageContaining("corrupt safetensors header");
    byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
    Path big = Files.write(dir.resolve("b.safetensors"), huge);
    assertThatThrownBy(() -> Safetensors.read(big)).hasMessageContaining("header length");
    Path notJson = file("not json at all", new byte[0]);
    assertThatThrownBy(() -> Safetensors.read(notJson)).hasMessageContaining("not JSON");
    Path ints = file("{\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
    assertThatThrownBy(() -> Safetensors.read(ints)).hasMessageContaining("tensor 'i' has unsupported dtype 'I64'");
    Path shortData = file("{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]);
    assertThatThrownBy(() -> Safetensors.read(shortData)).hasMessageContaining("tensor 'x' has data offsets");
    Path mismatch = file("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
    assertThatThrownBy(() -> Safetensors.read(mismatch)).hasMessageContaining("its shape and dtype need 12");
  }

  private Path file(String header, byte[] data) throws Exception {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
    out.writeBytes(h);
    out.writeBytes(data);
    return Files.write(Files.createTempFile(dir, "st", ".safetensors"), out.toByteArray());
  }

  private static byte[] shorts(short[]... arrays) {
    int n = 0;
    for (short[] a : arrays) {
      n += a.length;
    }
    ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (short[] a : arrays) {
      for (short s : a) {
        b.putShort(s);
      }
    }
    return b.array();
  }
}
