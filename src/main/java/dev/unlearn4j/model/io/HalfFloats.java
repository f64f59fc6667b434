package dev.unlearn4j.model.io;

/**
 * float32 ↔ the 16-bit formats of safetensors files (Java 17 has neither {@code Float.float16ToFloat} nor its
 * inverse): IEEE 754 binary16 (F16) and bfloat16 (BF16, the top half of a float32). Narrowing rounds to nearest,
 * ties to even, so a value read from a 16-bit tensor is written back to the same bits.
 */
public final class HalfFloats {
  private HalfFloats() {}

  /** binary16 bits → float (exact). */
  public static float halfToFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));        // inf / NaN
    }
    if (exp == 0) {
      float sub = mant * 0x1p-24f;                                           // zero or subnormal: mant · 2^-24
      return sign != 0 ? -sub : sub;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /** float → binary16 bits, round to nearest even; overflow gives infinity, NaN stays NaN. */
  public static short floatToHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xFF;
    int mant = bits & 0x7FFFFF;
    if (exp == 0xFF) {
      return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1F) {
      return (short) (sign | 0x7C00);                                         // too large: infinity
    }
    if (e <= 0) {                                                             // subnormal or zero in binary16
      if (e < -10) {
        return (short) sign;
      }
      int m = mant | 0x800000;                                                // the implicit bit
      int shift = 14 - e;
      int half = m >>> shift;
      int rest = m & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rest > mid || (rest == mid && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >>> 13);
    int rest = mant & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++;                                                                 // may carry into the exponent: right
    }
    return (short) (sign | half);
  }

  /** bfloat16 bits → float (exact). */
  public static float bf16ToFloat(short h) {
    return Float.intBitsToFloat((h & 0xFFFF) << 16);
  }

  /** float → bfloat16 bits, round to nearest even; NaN stays NaN. */
  public static short floatToBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int lsb = (bits >>> 16) & 1;
    return (short) ((bits + 0x7FFF + lsb) >>> 16);
  }
}
