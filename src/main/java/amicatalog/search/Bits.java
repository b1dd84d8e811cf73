package amicatalog.search;

/**
 * Sets of positions as plain {@code long[]} bit sets. java.util.BitSet cannot count the
 * intersection of two sets without allocating a third, which is what facet counting does most.
 */
final class Bits {
  private Bits() {}

  static long[] none(int size) {
    return new long[(size + 63) >>> 6];
  }

  static long[] all(int size) {
    long[] bits = none(size);
    java.util.Arrays.fill(bits, -1L);
    if ((size & 63) != 0) bits[bits.length - 1] = (1L << size) - 1;  // nothing past the end
    return bits;
  }

  static void set(long[] bits, int position) {
    bits[position >>> 6] |= 1L << position;
  }

  static boolean get(long[] bits, int position) {
    return (bits[position >>> 6] & (1L << position)) != 0;
  }

  static int count(long[] bits) {
    int n = 0;
    for (long word : bits) n += Long.bitCount(word);
    return n;
  }

  /** |a ∩ b| without building the intersection. */
  static int countBoth(long[] a, long[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) n += Long.bitCount(a[i] & b[i]);
    return n;
  }

  /** a := a ∩ b */
  static void and(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) a[i] &= b[i];
  }

  /** a := a ∪ b */
  static void or(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) a[i] |= b[i];
  }

  static boolean isEmpty(long[] bits) {
    for (long word : bits) if (word != 0) return false;
    return true;
  }

  /** The first position at or after {@code from} in the set, or -1. */
  static int next(long[] bits, int from) {
    int i = from >>> 6;
    if (i >= bits.length) return -1;
    long word = bits[i] & (-1L << from);
    while (word == 0) {
      if (++i == bits.length) return -1;
      word = bits[i];
    }
    return (i << 6) + Long.numberOfTrailingZeros(word);
  }

  /** The position of the set's k-th member (0-based), or -1 when it has k or fewer: deep pages skip by words. */
  static int nth(long[] bits, int k) {
    for (int i = 0; i < bits.length; i++) {
      int inWord = Long.bitCount(bits[i]);
      if (k < inWord) {
        long word = bits[i];
        for (int j = 0; j < k; j++) word &= word - 1;
        return (i << 6) + Long.numberOfTrailingZeros(word);
      }
      k -= inWord;
    }
    return -1;
  }

  /** For each code column[p] of a position p in the set, counts[code]++. */
  static void tally(long[] bits, int[] column, int[] counts) {
    for (int i = 0; i < bits.length; i++) {
      for (long word = bits[i]; word != 0; word &= word - 1) {
        counts[column[(i << 6) + Long.numberOfTrailingZeros(word)]]++;
      }
    }
  }
}
