package amicatalog.image;

import java.util.Locale;

/**
 * The one platform of an image: {@code windows}, {@code macos} or {@code linux}. EC2's own
 * {@code Platform} is "windows" for Windows images and blank for every other one; its
 * {@code PlatformDetails} names the product ("Windows with SQL Server Standard", "Red Hat
 * Enterprise Linux", "Linux/UNIX", ...). So: windows when either says Windows (a file may carry
 * only one of the two), macos for the Mac architectures (EC2 reports Mac images as Linux/UNIX),
 * else linux. The search facet, the CSV and the API's {@code catalog.platform} all give this value;
 * the facet computes it in SQL, which a test holds to this method.
 */
public final class Platforms {
  private Platforms() {}

  /**
   * The same rule over the images table's columns, for the facet index and the feeds' filter.
   * (The name's last four characters, not LIKE with an escape: Jdbi's parser reads a backslash in a
   * literal as an escape; nor GLOB, which is SQLite's alone.)
   */
  public static final String SQL = """
      CASE WHEN lower(platform) = 'windows' OR lower(platform_details) LIKE 'windows%' THEN 'windows'
           WHEN substr(architecture, length(architecture) - 3) = '_mac' THEN 'macos' ELSE 'linux' END""";

  public static String of(String platform, String platformDetails, String architecture) {
    if (platform != null && platform.equalsIgnoreCase("windows")) return "windows";
    if (platformDetails != null && platformDetails.toLowerCase(Locale.ROOT).startsWith("windows")) return "windows";
    if (architecture != null && architecture.endsWith("_mac")) return "macos";
    return "linux";
  }

  public static String of(ImageRecord image) {
    return of(image.platform(), image.platformDetails(), image.architecture());
  }
}
