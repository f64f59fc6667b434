package dev.unlearn4j.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 16-bit float conversions: every pattern survives the round trip, and narrowing rounds to nearest even. */
class HalfFloatsTest {
  @Test
  void everyHalfAndBfloatPatternRoundTrips() {
    for (int bits = 0; bits < 0x10000; bits++) {
      short h = (short) bits;
      float f = HalfFloats.halfToFloat(h);
      if (Float.isNaN(f)) {
        assertThat(Float.isNaN(HalfFloats.halfToFloat(HalfFloats.floatToHalf(f)))).isTrue();
      } else {
        assertThat(HalfFloats.floatToHalf(f)).as("F16 %04x", bits).isEqualTo(h);
      }
      float g = HalfFloats.bf16ToFloat(h);
      if (!Float.isNaN(g)) {
        assertThat(HalfFloats.floatToBf16(g)).as("BF16 %04x", bits).isEqualTo(h);
      }
    }
  }

  @Test
  void narrowingRoundsToNearestEven() {
    assertThat(HalfFloats.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
    assertThat(HalfFloats.floatToHalf(1 + 0x1p-11f)).isEqualTo((short) 0x3C00);      // tie: down to even
    assertThat(HalfFloats.floatToHalf(1 + 3 * 0x1p-11f)).isEqualTo((short) 0x3C02);  // tie: up to even
    assertThat(HalfFloats.floatToHalf(1 + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3C01);
    assertThat(HalfFloats.floatToHalf(65520f)).isEqualTo((short) 0x7C00);            // rounds past 65504: inf
    assertThat(HalfFloats.floatToHalf(0x1p-25f)).isEqualTo((short) 0);               // half the least subnormal
    assertThat(HalfFloats.floatToHalf(0x1.8p-25f)).isEqualTo((short) 1);
    assertThat(HalfFloats.floatToHalf(-2.5f)).isEqualTo((short) 0xC100);
    assertThat(HalfFloats.floatToBf16(1 + 0x1p-8f)).isEqualTo((short) 0x3F80);      // tie: down to even
    assertThat(HalfFloats.floatToBf16(1 + 3 * 0x1p-8f)).isEqualTo((short) 0x3F82);
    assertThat(HalfFloats.bf16ToFloat((short) 0xC020)).isEqualTo(-2.5f);
  }
}
