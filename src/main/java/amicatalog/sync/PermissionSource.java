package amicatalog.sync;

import java.util.List;

/** Who may launch an owned image, and whether the region blocks public sharing: EC2's answers for one account. */
public interface PermissionSource {

  /**
   * The grantees of an image's launch permissions (DescribeImageAttribute launchPermission):
   * {@code all} for public, account ids, organization and organizational unit ARNs.
   */
  List<String> launchPermissions(String region, String imageId) throws Exception;

  /** The region's image block public access state (GetImageBlockPublicAccessState): block-new-sharing or unblocked. */
  String blockPublicAccess(String region) throws Exception;
}
