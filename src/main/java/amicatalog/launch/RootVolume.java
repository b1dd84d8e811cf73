package amicatalog.launch;

/** An EBS root volume: its device name and size. A launch may make it bigger than the image's, never smaller. */
record RootVolume(String deviceName, int gib) {
  /** EBS's largest gp2/gp3 volume. */
  static final int MOST_GIB = 16_384;
}
